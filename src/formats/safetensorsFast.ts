/**
 * A fast path for the safetensors header of a checkpoint with many tensors (100 000 names): the
 * engine's JSON.parse instead of the byte-exact reader (json.ts), whose value tree of one object
 * per number made such headers take seconds. It only ever answers for headers the strict reader
 * accepts in the same way, and gives up (undefined) on anything it cannot vouch for — escapes,
 * non-ASCII text, a non-integer number, deeper nesting, a repeated key, an unexpected field — so
 * that the strict reader then refuses the file with its byte offset, or reads it.
 */
import { decodeAscii } from './text.js';

/** One tensor as the header lists it (offsets relative to the data buffer). */
export interface FastEntry {
  readonly name: string;
  readonly dtype: string;
  readonly shape: number[];
  readonly begin: number;
  readonly end: number;
  /** Where the strict reader would point at a bad layout; unknown on the fast path. */
  readonly offsetsAt: -1;
}

const QUOTE = 0x22;

/**
 * The entries and metadata of the JSON header in bytes[start, end) when it is plainly well formed
 * (see above), else undefined. `dtypes` are the dtypes the format defines.
 */
export function fastHeaderEntries(
  bytes: Uint8Array,
  start: number,
  end: number,
  dtypes: Readonly<Record<string, number>>,
): { entries: FastEntry[]; metadata: Record<string, string> | undefined } | undefined {
  // One scan: only ASCII, no backslash (so strings end at the next quote), nesting at most 3
  // ({ tensor { shape [ ] } }), numbers made of digits only, and the number of keys (':').
  if (bytes[start] !== 0x7b) return undefined; // the crate wants '{' first, not whitespace
  let colons = 0;
  let depth = 0;
  let inString = false;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b >= 0x80 || b === 0x5c) return undefined;
    if (inString) {
      if (b === QUOTE) inString = false;
      continue;
    }
    if (b === QUOTE) inString = true;
    else if (b === 0x3a) colons++;
    else if (b === 0x7b || b === 0x5b) {
      if (++depth > 3) return undefined;
    } else if (b === 0x7d || b === 0x5d) depth--;
    else if (b === 0x2d || b === 0x2e || b === 0x2b || b === 0x65 || b === 0x45) return undefined; // -, ., +, e, E outside strings
  }
  let root: unknown;
  try {
    root = JSON.parse(decodeAscii(bytes, start, end)); // the scan above refused any byte ≥ 0x80
  } catch {
    return undefined;
  }
  if (!isPlainObject(root)) return undefined;
  let keys = 0;
  let metadata: Record<string, string> | undefined;
  const entries: FastEntry[] = [];
  for (const name of Object.keys(root)) {
    keys++;
    const value = root[name];
    if (name === '__metadata__') {
      if (value === null) continue;
      if (!isPlainObject(value)) return undefined;
      const pairs = Object.entries(value);
      keys += pairs.length;
      if (!pairs.every(([, v]) => typeof v === 'string')) return undefined;
      metadata = Object.fromEntries(pairs) as Record<string, string>;
      continue;
    }
    if (!isPlainObject(value)) return undefined;
    const fields = Object.keys(value);
    keys += fields.length;
    if (fields.length !== 3 || !('dtype' in value) || !('shape' in value) || !('data_offsets' in value)) return undefined;
    const { dtype, shape, data_offsets: offsets } = value as { dtype: unknown; shape: unknown; data_offsets: unknown };
    if (typeof dtype !== 'string' || !Object.hasOwn(dtypes, dtype) || !isCounts(shape) || !isCounts(offsets) || offsets.length !== 2) return undefined;
    entries.push({ name, dtype, shape, begin: offsets[0]!, end: offsets[1]!, offsetsAt: -1 });
  }
  // JSON.parse keeps the last of two equal keys; the strict reader refuses them. Equal counts: none.
  if (keys !== colons) return undefined;
  return { entries, metadata };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCounts(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => Number.isSafeInteger(v) && v >= 0);
}
