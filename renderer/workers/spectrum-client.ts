import { proxy, transfer, wrap } from 'comlink';
import type {
  MatrixSpectrumResult, ProgressCallback, SpectrumResult, SpectrumWorkerApi, TopSingularResult,
} from './spectrum-worker.js';
import { runInWorker, type WorkerJob } from './worker-job.js';

export type { MatrixSpectrumResult, SpectrumResult, TopSingularResult };
export type SpectrumJob = WorkerJob<SpectrumResult>;

/** Longest a spectrum may take before its worker is stopped (a 2048×2048 takes about 15 s here). */
export const SPECTRUM_TIMEOUT_MS = 180_000;

/** Longest a top-k randomized SVD may take (a 4096×4096 takes seconds to tens of seconds here). */
export const TOP_SINGULAR_TIMEOUT_MS = 300_000;

/** Longest the full spectrum of a matrix sent as numbers may take (a 4096×4096 takes minutes). */
export const MATRIX_SPECTRUM_TIMEOUT_MS = 900_000;

/**
 * Starts computing the singular values of the matrix `text` describes (random entries from
 * `seed`). Whatever slips past the parser's size checks cannot hang the app: the worker is
 * stopped after `timeoutMs`.
 */
export function startSpectrum(text: string, seed: number, onProgress: ProgressCallback, timeoutMs = SPECTRUM_TIMEOUT_MS): SpectrumJob {
  const { worker, api } = spawn();
  return runInWorker(worker, () => api.spectrum(text, seed, proxy(onProgress)) as Promise<SpectrumResult>, timeoutMs);
}

/**
 * Starts the randomized SVD of the rows×cols row-major matrix `a` in a fresh worker: the top k
 * singular values (k ≤ 64), its error estimate, the power iterations used and timings (see
 * TopSingularResult). `a` is moved, not copied: afterwards the caller's array is empty (pass
 * `a.slice()` to keep it); a view of part of a buffer is copied first. Cancel terminates the worker.
 */
export function startTopSingular(
  a: Float64Array, rows: number, cols: number, k: number, seed: number, onProgress: ProgressCallback,
  timeoutMs = TOP_SINGULAR_TIMEOUT_MS,
): WorkerJob<TopSingularResult> {
  const { worker, api } = spawn();
  const moved = movable(a);
  return runInWorker(
    worker, () => api.topSingular(transfer(moved, [moved.buffer]), rows, cols, k, seed, proxy(onProgress)) as Promise<TopSingularResult>, timeoutMs,
  );
}

/**
 * Starts the full spectrum (every singular value, with progress) of the rows×cols row-major
 * matrix `a` in a fresh worker, up to 4096×4096 — minutes of work at that size, so keep a cancel
 * button in view. `a` is moved as in {@link startTopSingular}.
 */
export function startSpectrumOfMatrix(
  a: Float64Array, rows: number, cols: number, onProgress: ProgressCallback, timeoutMs = MATRIX_SPECTRUM_TIMEOUT_MS,
): WorkerJob<MatrixSpectrumResult> {
  const { worker, api } = spawn();
  const moved = movable(a);
  return runInWorker(
    worker, () => api.spectrumOfMatrix(transfer(moved, [moved.buffer]), rows, cols, proxy(onProgress)) as Promise<MatrixSpectrumResult>, timeoutMs,
  );
}

function spawn(): { worker: Worker; api: ReturnType<typeof wrap<SpectrumWorkerApi>> } {
  const worker = new Worker(new URL('./spectrum-worker.ts', import.meta.url), { type: 'module' });
  return { worker, api: wrap<SpectrumWorkerApi>(worker) };
}

/** `a` itself when it spans its whole ArrayBuffer (which can then be moved), else a copy of it. */
function movable(a: Float64Array): Float64Array<ArrayBuffer> {
  const whole = a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;
  return whole ? (a as Float64Array<ArrayBuffer>) : a.slice();
}
