/**
 * Singular values off the main thread, so the window never freezes, on every core (the kernels'
 * helper threads, kernel-threads.ts, where the page is cross-origin isolated); the client cancels
 * by terminating this worker, which ends its helpers too. Two kinds of input: a typed matrix expression (parsed here, at most
 * 2048×2048), or a matrix that is already numbers — an imported one, moved here as a transferable
 * Float64Array — for which the top k come from the randomized SVD and the full spectrum comes on
 * request, for matrices whose smaller side is at most 4096.
 */
import { expose } from 'comlink';
import { parseMatrix } from '../../src/expression/index.js';
import { kernelStatus, randomizedSvd, singularValues, svdFloat64, type RandomizedSvdPhase } from '../../src/linalg/index.js';
import { kernelThreadsOnAllCores } from './kernel-threads.js';

/** The largest matrix the spectrum view takes: 2048 × 2048. */
export const MAX_SPECTRUM_SIZE = 2048;

/**
 * The most entries a matrix sent as numbers may have: 2²⁶ (512 MB of doubles) — a 4096×4096, or
 * a 50 257×768 token embedding. Its top k by the randomized SVD take seconds (two passes over
 * the matrix per power iteration, and its memory is the matrix plus (m + n)·(k + 10) numbers).
 */
export const MAX_MATRIX_ENTRIES = 2 ** 26;

/** The full spectrum (which also copies the matrix) takes matrices whose smaller side is at most this. */
export const MAX_FULL_SPECTRUM_SIDE = 4096;

export interface SpectrumResult {
  readonly rows: number;
  readonly cols: number;
  readonly sigma: number[];
  readonly parseMs: number;
  readonly svdMs: number;
  /** Which dense kernels ran, e.g. 'wasm-simd (1 thread)' or 'javascript (reason)' (kernelStatus). */
  readonly kernels: string;
}

/** The top k singular values of a matrix by the randomized SVD, and what is known of their error. */
export interface TopSingularResult {
  readonly rows: number;
  readonly cols: number;
  readonly k: number;
  /** σ̂₁ ≥ … ≥ σ̂_k, each a lower bound of the true σᵢ. */
  readonly sigma: number[];
  /** An estimate from below of the spectral error ‖A − U·Σ·Vᵀ‖₂ of the rank-k approximation. */
  readonly errorEstimate: number;
  /** σ̂_{k+1}, a lower bound of σ_{k+1}: the error of the best rank-k approximation (Eckart–Young). */
  readonly sigmaNextEstimate: number;
  /** Power iterations the automatic error check asked for. */
  readonly powerIterations: number;
  /** Wall-clock time of the whole computation in the worker, ms. */
  readonly ms: number;
  /** The same, split by phase (ms): sketch, power iterations, projection, error checks. */
  readonly phaseMs: Readonly<Partial<Record<RandomizedSvdPhase, number>>>;
  /** Which dense kernels ran (kernelStatus). */
  readonly kernels: string;
}

/** All min(rows, cols) singular values of a matrix sent as numbers. */
export interface MatrixSpectrumResult {
  readonly rows: number;
  readonly cols: number;
  /** σ₁ ≥ … ≥ σ_min(rows, cols) ≥ 0. */
  readonly sigma: number[];
  readonly svdMs: number;
  /** Which dense kernels ran (kernelStatus). */
  readonly kernels: string;
}

export type ProgressCallback = (fraction: number, phase: string) => void;

const api = {
  async spectrum(text: string, seed: number, onProgress: ProgressCallback): Promise<SpectrumResult> {
    const t0 = performance.now();
    await kernelThreadsOnAllCores();
    onProgress(0, 'parse');
    const matrix = parseMatrix(text, {
      maxRows: MAX_SPECTRUM_SIZE,
      maxCols: MAX_SPECTRUM_SIZE,
      maxEntries: MAX_SPECTRUM_SIZE * MAX_SPECTRUM_SIZE,
      seed,
    });
    const t1 = performance.now();
    const sigma = singularValues(matrix, { onProgress: (fraction, phase) => onProgress(fraction, phase) });
    const t2 = performance.now();
    return { rows: matrix.length, cols: matrix[0]?.length ?? 0, sigma, parseMs: t1 - t0, svdMs: t2 - t1, kernels: kernelStatus() };
  },

  /**
   * σ₁ … σ_k of the rows×cols row-major matrix `a` by the randomized SVD (randomizedSvd in
   * src/linalg, power iterations chosen by its error check, oversampling 10, seeded by `seed`).
   * `onProgress` gets about 100 calls (fraction, phase) with phase 'sketch' | 'power' | 'project'
   * | 'check'. Throws RangeError above MAX_MATRIX_ENTRIES and for k outside 1…min(rows, cols, 64).
   */
  async topSingular(a: Float64Array, rows: number, cols: number, k: number, seed: number, onProgress: ProgressCallback): Promise<TopSingularResult> {
    checkEntries(rows, cols);
    const t0 = performance.now();
    await kernelThreadsOnAllCores();
    const phaseMs: Partial<Record<RandomizedSvdPhase, number>> = {};
    let phase: RandomizedSvdPhase | undefined;
    let since = t0;
    const r = randomizedSvd(a, rows, cols, k, {
      seed,
      onProgress: (fraction, next) => {
        const now = performance.now();
        if (phase !== undefined) phaseMs[phase] = (phaseMs[phase] ?? 0) + now - since;
        phase = next;
        since = now;
        onProgress(fraction, next);
      },
    });
    return {
      rows, cols, k, sigma: Array.from(r.sigma), errorEstimate: r.errorEstimate, sigmaNextEstimate: r.sigmaNextEstimate,
      powerIterations: r.powerIterations, ms: performance.now() - t0, phaseMs, kernels: kernelStatus(),
    };
  },

  /**
   * Every singular value of the rows×cols row-major matrix `a`, by the full SVD (values only),
   * with progress (phases 'bidiagonalize' | 'iterate'). Up to MAX_MATRIX_ENTRIES, so a 4096×4096
   * is allowed: minutes of work, which the client can cancel. Throws RangeError above that.
   */
  async spectrumOfMatrix(a: Float64Array, rows: number, cols: number, onProgress: ProgressCallback): Promise<MatrixSpectrumResult> {
    checkEntries(rows, cols);
    if (Math.min(rows, cols) > MAX_FULL_SPECTRUM_SIDE) {
      throw new RangeError(`The full spectrum of a ${rows}×${cols} matrix is too much work here (its smaller side is above ${MAX_FULL_SPECTRUM_SIDE}); use the top k.`);
    }
    const t0 = performance.now();
    await kernelThreadsOnAllCores();
    const { S } = svdFloat64(a, rows, cols, false, { onProgress: (fraction, phase) => onProgress(fraction, phase) });
    return { rows, cols, sigma: Array.from(S), svdMs: performance.now() - t0, kernels: kernelStatus() };
  },
};

function checkEntries(rows: number, cols: number): void {
  if (rows * cols > MAX_MATRIX_ENTRIES) {
    throw new RangeError(`A ${rows}×${cols} matrix has ${rows * cols} entries; the spectrum takes at most ${MAX_MATRIX_ENTRIES} (2²⁶, 512 MB of doubles).`);
  }
}

export type SpectrumWorkerApi = typeof api;

expose(api);
