/**
 * Complete overviews (every matrix's metrics row) by checkpoint fingerprint, kept in IndexedDB so
 * a checkpoint analysed before — in this window, before a reload, or a week ago — shows its table
 * at once without a worker. Bounded to the last KEEP checkpoints (rows are small: 48 of them for
 * GPT-2 small); each record carries a version, and a record that is not what this version wrote
 * (another version, a broken row, a foreign object) is ignored and deleted, never shown. Where
 * IndexedDB is missing or refuses (private modes, a sandbox) the cache lives in memory for the
 * window's life.
 */
import type { MetricRow } from '../../workers/model-client.js';

/** How many checkpoints' rows are kept. */
export const KEEP = 8;
/** Bumped when MetricRow changes shape: older records are ignored. */
export const CACHE_VERSION = 1;
const DB = 'hinge-model-overviews';
const STORE = 'overviews';

interface CacheRecord {
  readonly fingerprint: string;
  readonly version: number;
  /** When it was stored (ms since 1970): the oldest goes first. */
  readonly stored: number;
  readonly rows: MetricRow[];
}

const NUMERIC = ['rows', 'cols', 'frobenius', 'spectral', 'stableRank', 'effectiveRank', 'numericalRank', 'condition', 'energy8', 'energy16', 'energy64'] as const;

/** True when `row` has the shape the table needs (names, layer, every metric a number). */
function isRow(row: unknown): row is MetricRow {
  if (typeof row !== 'object' || row === null) return false;
  const r = row as Record<string, unknown>;
  const m = r.metrics as Record<string, unknown> | undefined;
  return typeof r.name === 'string' && typeof r.dtype === 'string' && typeof r.module === 'string' && typeof r.kind === 'string'
    && Array.isArray(r.shape) && (r.layer === undefined || Number.isInteger(r.layer))
    && typeof m === 'object' && m !== null && NUMERIC.every((k) => typeof m[k] === 'number')
    && (m.alpha === undefined || typeof m.alpha === 'number');
}

/** The rows of a stored record when it is a whole record of this version for `fingerprint`, else undefined. */
export function validRecord(record: unknown, fingerprint: string): MetricRow[] | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const r = record as Partial<CacheRecord>;
  if (r.fingerprint !== fingerprint || r.version !== CACHE_VERSION || !Array.isArray(r.rows) || !r.rows.every(isRow)) return undefined;
  return r.rows;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

let opening: Promise<IDBDatabase | undefined> | undefined;

/** The database, or undefined where IndexedDB is missing or will not open (memory then). */
function database(): Promise<IDBDatabase | undefined> {
  opening ??= new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(undefined);
    try {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => {
        const store = req.result.createObjectStore(STORE, { keyPath: 'fingerprint' });
        store.createIndex('stored', 'stored');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(undefined);
      req.onblocked = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
  return opening;
}

/** The in-memory cache (also what a window without IndexedDB uses), most recent last. */
const memory = new Map<string, MetricRow[]>();

function remember(fingerprint: string, rows: MetricRow[]): void {
  memory.delete(fingerprint);
  memory.set(fingerprint, rows);
  while (memory.size > KEEP) memory.delete(memory.keys().next().value as string);
}

/** The complete overview stored for `fingerprint`, or undefined (none, or a record that is not valid). */
export async function cachedRows(fingerprint: string): Promise<MetricRow[] | undefined> {
  const known = memory.get(fingerprint);
  if (known) return known;
  const db = await database();
  if (!db) return undefined;
  try {
    const record = await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(fingerprint));
    if (record === undefined) return undefined;
    const rows = validRecord(record, fingerprint);
    if (rows) remember(fingerprint, rows);
    else await request(db.transaction(STORE, 'readwrite').objectStore(STORE).delete(fingerprint)).catch(() => undefined);
    return rows;
  } catch {
    return undefined; // a cache that cannot be read is a cache miss
  }
}

/** Stores a complete overview; the oldest records beyond KEEP are deleted. */
export async function cacheRows(fingerprint: string, rows: MetricRow[]): Promise<void> {
  remember(fingerprint, rows);
  const db = await database();
  if (!db) return;
  try {
    const tx = db.transaction(STORE, 'readwrite');
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    const store = tx.objectStore(STORE);
    const record: CacheRecord = { fingerprint, version: CACHE_VERSION, stored: Date.now(), rows };
    store.put(record);
    const keys = await request(store.index('stored').getAllKeys());
    // Oldest first (the index's order); the one just put is newest.
    for (const key of keys.slice(0, Math.max(0, keys.length - KEEP))) store.delete(key);
    await done;
  } catch {
    // Full or refused: the memory cache still serves this window.
  }
}
