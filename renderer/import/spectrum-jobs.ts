/**
 * Singular values of an imported matrix in the spectrum worker: all of them (the full SVD, for
 * matrices up to the work of a 2048×2048), or the top k by the randomized SVD (Halko–Martinsson–
 * Tropp) for larger ones, each with progress and cancel. The registry's values are copied before
 * they are moved to the worker, so the labs keep theirs.
 */
import { startSpectrumOfMatrix, startTopSingular } from '../workers/spectrum-client.js';
import type { WorkerJob } from '../workers/worker-job.js';
import type { ImportedSpectrum } from './imported-matrices.js';


/** The most singular values the randomized SVD is asked for (its tested range). */
export const MAX_TOP_K = 64;
export const DEFAULT_TOP_K = 32;

type Progress = (fraction: number, phase: string) => void;

/**
 * Whether the full spectrum is computed at once: when its cost, about 4mn² − 4n³/3 flops for an
 * m×n matrix with n = min(m, n) (Householder bidiagonalization), is at most a 2048×2048's.
 * A 4096×64 matrix qualifies; a 4096×4096 (eight times the work) gets the top k first.
 */
export function fullSpectrumAtOnce(rows: number, cols: number): boolean {
  const cost = (m: number, n: number) => 4 * m * n * n - (4 / 3) * n * n * n;
  return cost(Math.max(rows, cols), Math.min(rows, cols)) <= cost(2048, 2048);
}

/** All min(rows, cols) singular values of the row-major matrix `data` (a copy goes to the worker). */
export function startFullSpectrum(data: Float64Array, rows: number, cols: number, onProgress: Progress): WorkerJob<ImportedSpectrum> {
  const t0 = performance.now();
  const job = startSpectrumOfMatrix(data.slice(), rows, cols, onProgress);
  return {
    result: job.result.then((r): ImportedSpectrum => ({ kind: 'full', sigma: r.sigma, ms: performance.now() - t0 })),
    cancel: () => job.cancel(),
  };
}

/** The k largest singular values of `data` by the randomized SVD, with its error estimate. */
export function startTopSpectrum(data: Float64Array, rows: number, cols: number, k: number, seed: number, onProgress: Progress): WorkerJob<ImportedSpectrum> {
  const t0 = performance.now();
  const job = startTopSingular(data.slice(), rows, cols, k, seed, onProgress);
  return {
    result: job.result.then((r): ImportedSpectrum => ({
      kind: 'top', sigma: r.sigma, errorEstimate: r.errorEstimate, sigmaNextEstimate: r.sigmaNextEstimate, powerIterations: r.powerIterations,
      ms: performance.now() - t0,
    })),
    cancel: () => job.cancel(),
  };
}
