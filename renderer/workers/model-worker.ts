/**
 * The Model lab's background work. Each job gets a fresh worker (runInWorker ends it after), so
 * the worker keeps nothing: every call opens the checkpoint again from the user's Files — opening
 * reads headers only, through File.slice (blobSource), never the whole file — and then reads only
 * the tensors it needs, one at a time. Refusals come back as plain data (the FormatError's
 * message), never as thrown errors, which comlink would strip of their class and place.
 */
import { expose, transfer } from 'comlink';
import {
  checkpointOverview, layerName, layerZeroSupport, matchTensors, matrixMetrics, openCheckpoint, tensorDelta, asMatrix,
  type Checkpoint, type LayerZeroSupport, type MatrixMetrics, type ModuleKind,
} from '../../src/checkpoint/index.js';
import { CancelledError } from '../../src/linalg/errors.js';
import { sourcesOf, type ModelFile, type RangeReader } from './model-sources.js';

export type { ModelFile, RangeReader } from './model-sources.js';

/** A tensor as the tree lists it. */
export interface ListedTensor {
  readonly name: string;
  readonly dtype: string;
  readonly shape: number[];
  readonly layer: number | undefined;
  readonly module: string;
  readonly path: string;
  readonly kind: ModuleKind;
  /** Why it is not read (quantized types …); undefined when it is. */
  readonly skipped?: string;
}

/** What opening a checkpoint shows before any tensor is read. */
export interface Listing {
  readonly format: string;
  readonly tensors: ListedTensor[];
  readonly metadata: Record<string, string>;
  /** For a LoRA adapter: its pairs (module, rank, scale, ΔW's shape). */
  readonly lora: { module: string; baseWeight: string; rank: number; scale: number; shape: [number, number] }[];
  /** A hash of the files' first bytes (their headers): with names, sizes and dates, the cache key. */
  readonly headerHash: string;
  /** Whether the Attention lab can show this checkpoint's layer 0 (config.json and tokenizer.json beside it). */
  readonly layerZero: LayerZeroSupport;
}

/** The metrics of one matrix as the table shows them (σ kept only where a chart needs it). */
export type RowMetrics = Omit<MatrixMetrics, 'sigma' | 'powerLaw'> & { readonly alpha: number | undefined };

export interface MetricRow {
  readonly name: string;
  readonly dtype: string;
  readonly shape: number[];
  readonly layer: number | undefined;
  readonly module: string;
  readonly kind: ModuleKind;
  readonly metrics: RowMetrics;
}

/** ΔW of one matched layer (two checkpoints) or one LoRA pair (base + adapter). */
export interface DeltaRow {
  readonly name: string;
  readonly shape: [number, number];
  readonly metrics: RowMetrics;
  /** ΔW's singular values, descending. */
  readonly sigma: number[];
  /** The base weight's singular values, for an adapter's BA beside W. */
  readonly baseSigma?: number[];
  /** The merged weight W + ΔW's metrics, for an adapter. */
  readonly merged?: RowMetrics;
}

export interface Comparison {
  readonly kind: 'adapter' | 'checkpoints';
  readonly rows: DeltaRow[];
  /** Names that did not match (only in one, or shapes differ), with why. */
  readonly mismatches: { name: string; why: string }[];
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string; readonly cancelled?: boolean };

/** Each call takes `ranges` last: how desktop files are read (a comlink proxy to the page); unused for browser Files. */
export interface ModelWorkerApi {
  list(files: ModelFile[], ranges?: RangeReader): Promise<Outcome<Listing>>;
  overview(files: ModelFile[], onRow: (row: MetricRow, done: number, total: number) => void | Promise<void>, ranges?: RangeReader): Promise<Outcome<number>>;
  matrix(files: ModelFile[], name: string, ranges?: RangeReader): Promise<Outcome<{ rows: number; cols: number; data: Float64Array }>>;
  compare(base: ModelFile[], other: ModelFile[], onRow: (done: number, total: number, name: string) => void | Promise<void>, ranges?: RangeReader): Promise<Outcome<Comparison>>;
}

function open(files: ModelFile[], ranges: RangeReader | undefined): Promise<Checkpoint> {
  return openCheckpoint(sourcesOf(files, ranges));
}

async function attempt<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof CancelledError) return { ok: false, message: error.message, cancelled: true };
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The table's metrics of a full metrics record: σ dropped (it can be long), α kept. */
export function rowMetrics(m: MatrixMetrics): RowMetrics {
  const { sigma: _sigma, powerLaw, ...rest } = m;
  return { ...rest, alpha: powerLaw?.alpha };
}

/** FNV-1a (32-bit) of the first 4 KiB of each file, in order, as 8 hex digits. */
async function headerHash(files: ModelFile[], ranges: RangeReader | undefined): Promise<string> {
  let h = 0x811c9dc5;
  for (const source of sourcesOf(files, ranges)) {
    const bytes = await source.read(0, Math.min(4096, source.size));
    for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const api: ModelWorkerApi = {
  list: (files, ranges) =>
    attempt(async () => {
      const checkpoint = await open(files, ranges);
      const entry = (t: { name: string; dtype: string; shape: readonly number[] }, skipped?: string): ListedTensor => {
        const where = layerName(t.name);
        return { name: t.name, dtype: t.dtype, shape: [...t.shape], layer: where.layer, module: where.module, path: where.path, kind: where.kind, ...(skipped ? { skipped } : {}) };
      };
      return {
        format: checkpoint.format,
        tensors: [...checkpoint.tensors.map((t) => entry(t)), ...checkpoint.skipped.map((t) => entry(t, t.reason))],
        metadata: { ...checkpoint.metadata },
        lora: (checkpoint.lora?.pairs ?? []).map((p) => ({ module: p.module, baseWeight: p.baseWeight, rank: p.rank, scale: p.scale, shape: [p.shape[0], p.shape[1]] as [number, number] })),
        headerHash: await headerHash(files, ranges),
        layerZero: await layerZeroSupport(sourcesOf(files, ranges)),
      };
    }),

  overview: (files, onRow, ranges) =>
    attempt(async () => {
      const checkpoint = await open(files, ranges);
      const total = checkpoint.tensors.filter((t) => asMatrix(t.shape) !== undefined).length;
      let done = 0;
      for await (const row of checkpointOverview(checkpoint)) {
        done++;
        // Awaited: comlink sends a callback on its own port, so without the acknowledgement the
        // return could overtake the last rows; it also keeps the worker at the page's pace.
        await onRow({ name: row.name, dtype: row.dtype, shape: [...row.shape], layer: row.layer, module: row.module, kind: row.kind, metrics: rowMetrics(row.metrics) }, done, total);
      }
      return done;
    }),

  matrix: (files, name, ranges) =>
    attempt(async () => {
      const checkpoint = await open(files, ranges);
      const listed = checkpoint.tensors.find((t) => t.name === name)?.shape;
      if (listed !== undefined && asMatrix(listed) === undefined) throw new Error(`'${name}' has ${listed.length} dimension${listed.length === 1 ? '' : 's'}; only matrices open in the labs.`);
      // Straight into float64, no float32 copy; an unknown or skipped name rejects here with its reason.
      const { shape, data } = await checkpoint.readFloat64(name);
      const [rows, cols] = asMatrix(shape)!;
      return transfer({ rows, cols, data }, [data.buffer as ArrayBuffer]);
    }),

  compare: (baseFiles, otherFiles, onRow, ranges) =>
    attempt(async () => {
      const [base, other] = await Promise.all([open(baseFiles, ranges), open(otherFiles, ranges)]);
      const rows: DeltaRow[] = [];
      const mismatches: { name: string; why: string }[] = [];
      if (other.lora !== undefined) {
        const pairs = other.lora.pairs;
        const names = new Map(base.tensors.map((t) => [t.name, t]));
        for (const [k, pair] of pairs.entries()) {
          await onRow(k, pairs.length, pair.module);
          const w = names.get(pair.baseWeight);
          if (w === undefined) { mismatches.push({ name: pair.baseWeight, why: 'the base has no such weight' }); continue; }
          if (w.shape.length !== 2 || w.shape[0] !== pair.shape[0] || w.shape[1] !== pair.shape[1]) {
            mismatches.push({ name: pair.baseWeight, why: `the base stores [${w.shape.join(', ')}], ΔW is [${pair.shape.join(', ')}]` });
            continue;
          }
          const [rowsN, colsN] = pair.shape;
          const delta = await other.lora.delta(pair.module);
          const weight = await base.readFloat64(pair.baseWeight);
          const merged = new Float64Array(weight.data.length);
          for (let i = 0; i < merged.length; i++) merged[i] = weight.data[i]! + delta.data[i]!;
          const d = matrixMetrics(delta.data, rowsN, colsN);
          const b = matrixMetrics(weight.data, rowsN, colsN);
          rows.push({ name: pair.module, shape: [rowsN, colsN], metrics: rowMetrics(d), sigma: Array.from(d.sigma), baseSigma: Array.from(b.sigma), merged: rowMetrics(matrixMetrics(merged, rowsN, colsN)) });
        }
        await onRow(pairs.length, pairs.length, '');
        return { kind: 'adapter' as const, rows, mismatches };
      }
      const match = matchTensors(base, other);
      for (const name of match.onlyInBase) mismatches.push({ name, why: 'only in the first checkpoint' });
      for (const name of match.onlyInOther) mismatches.push({ name, why: 'only in the second checkpoint' });
      for (const m of match.shapeMismatches) mismatches.push({ name: m.name, why: `[${m.base.join(', ')}] in the first, [${m.other.join(', ')}] in the second` });
      const matrices = match.matched.filter((t) => asMatrix(t.shape) !== undefined);
      for (const [k, t] of matrices.entries()) {
        await onRow(k, matrices.length, t.name);
        const [r, c] = asMatrix(t.shape)!;
        const delta = await tensorDelta(base, other, t.name);
        const d = matrixMetrics(delta.data, r, c);
        rows.push({ name: t.name, shape: [r, c], metrics: rowMetrics(d), sigma: Array.from(d.sigma) });
      }
      await onRow(matrices.length, matrices.length, '');
      return { kind: 'checkpoints' as const, rows, mismatches };
    }),
};

expose(api);
