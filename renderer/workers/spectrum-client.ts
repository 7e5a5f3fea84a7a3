import { proxy, wrap } from 'comlink';
import type { ProgressCallback, SpectrumResult, SpectrumWorkerApi } from './spectrum-worker.js';
import { JobCanceled, runInWorker, type WorkerJob } from './worker-job.js';

export type { SpectrumResult };
export type SpectrumJob = WorkerJob<SpectrumResult>;
export { JobCanceled as SpectrumCanceled };

/** Longest a spectrum may take before its worker is stopped (a 2048×2048 takes about 15 s here). */
export const SPECTRUM_TIMEOUT_MS = 180_000;

/**
 * Starts computing the singular values of the matrix `text` describes (random entries from
 * `seed`). Whatever slips past the parser's size checks cannot hang the app: the worker is
 * stopped after `timeoutMs`.
 */
export function startSpectrum(text: string, seed: number, onProgress: ProgressCallback, timeoutMs = SPECTRUM_TIMEOUT_MS): SpectrumJob {
  const worker = new Worker(new URL('./spectrum-worker.ts', import.meta.url), { type: 'module' });
  const api = wrap<SpectrumWorkerApi>(worker);
  return runInWorker(worker, () => api.spectrum(text, seed, proxy(onProgress)) as Promise<SpectrumResult>, timeoutMs);
}
