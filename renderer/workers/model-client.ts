import { proxy, transfer, wrap } from 'comlink';
import { CancelledError } from '../../src/linalg/errors.js';
import type { ReportProgress } from '../labs/job-controller.js';
import type { Comparison, Listing, MetricRow, ModelFile, ModelWorkerApi, Outcome, RangeReader } from './model-worker.js';
import { runInWorker, type WorkerJob } from './worker-job.js';

export type { Comparison, DeltaRow, Listing, ListedTensor, MetricRow, ModelFile, RangeReader, RowMetrics } from './model-worker.js';

/** `ranges` as the worker gets it: a comlink proxy, its answers' buffers transferred, not copied. */
export function remote(ranges: RangeReader | undefined): RangeReader | undefined {
  return ranges && proxy(async (handle: string, offset: number, length: number) => {
    const bytes = await ranges(handle, offset, length);
    return transfer(bytes, [bytes.buffer as ArrayBuffer]);
  });
}

/** Longest one Model lab job may run before its worker is stopped (a 7B checkpoint's overview takes long). */
export const MODEL_TIMEOUT_MS = 3_600_000;

function spawn(): { worker: Worker; api: ReturnType<typeof wrap<ModelWorkerApi>> } {
  const worker = new Worker(new URL('./model-worker.ts', import.meta.url), { type: 'module' });
  return { worker, api: wrap<ModelWorkerApi>(worker) };
}

/** The worker's plain-data outcome as a value or a thrown Error (CancelledError for a cancel). */
async function unwrap<T>(outcome: Promise<Outcome<T>>): Promise<T> {
  const result = await outcome;
  if (result.ok) return result.value;
  throw result.cancelled ? new CancelledError() : new Error(result.message);
}

/** Lists a checkpoint's tensors from its headers. */
export function startListing(files: ModelFile[], ranges?: RangeReader): WorkerJob<Listing> {
  const { worker, api } = spawn();
  return runInWorker(worker, () => unwrap(api.list(files, remote(ranges))), MODEL_TIMEOUT_MS);
}

/**
 * Computes every matrix's metrics, one tensor at a time; `onRow` gets each row as it is done (so
 * the table fills in) and `report` the share done. Resolves with the rows in the checkpoint's order.
 */
export function startOverview(files: ModelFile[], onRow: (row: MetricRow) => void, report: ReportProgress, ranges?: RangeReader): WorkerJob<MetricRow[]> {
  const { worker, api } = spawn();
  const rows: MetricRow[] = [];
  const each = (row: MetricRow, done: number, total: number): void => {
    rows.push(row);
    onRow(row);
    report(total === 0 ? 1 : done / total, row.name);
  };
  return runInWorker(worker, async () => {
    await unwrap(api.overview(files, proxy(each), remote(ranges)));
    return rows;
  }, MODEL_TIMEOUT_MS);
}

/** Reads one tensor as a rows×cols float64 matrix (a k-D tensor as shape[0] × the rest). */
export function startMatrix(files: ModelFile[], name: string, ranges?: RangeReader): WorkerJob<{ rows: number; cols: number; data: Float64Array }> {
  const { worker, api } = spawn();
  return runInWorker(worker, () => unwrap(api.matrix(files, name, remote(ranges))), MODEL_TIMEOUT_MS);
}

/** ΔW per matched layer of two checkpoints, or per LoRA pair of a base and an adapter. */
export function startComparison(base: ModelFile[], other: ModelFile[], report: ReportProgress, ranges?: RangeReader): WorkerJob<Comparison> {
  const { worker, api } = spawn();
  const each = (done: number, total: number, name: string): void => report(total === 0 ? 1 : done / total, name);
  return runInWorker(worker, () => unwrap(api.compare(base, other, proxy(each), remote(ranges))), MODEL_TIMEOUT_MS);
}
