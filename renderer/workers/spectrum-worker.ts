/**
 * Parses a large matrix expression and computes its singular values off the main thread, so the
 * window never freezes; the client cancels by terminating this worker.
 */
import { expose } from 'comlink';
import { parseMatrix } from '../../src/expression/index.js';
import { singularValues } from '../../src/linalg/index.js';

/** The largest matrix the spectrum view takes: 2048 × 2048. */
export const MAX_SPECTRUM_SIZE = 2048;

export interface SpectrumResult {
  readonly rows: number;
  readonly cols: number;
  readonly sigma: number[];
  readonly parseMs: number;
  readonly svdMs: number;
}

export type ProgressCallback = (fraction: number, phase: string) => void;

const api = {
  spectrum(text: string, seed: number, onProgress: ProgressCallback): SpectrumResult {
    const t0 = performance.now();
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
    return { rows: matrix.length, cols: matrix[0]?.length ?? 0, sigma, parseMs: t1 - t0, svdMs: t2 - t1 };
  },
};

export type SpectrumWorkerApi = typeof api;

expose(api);
