import { proxy, wrap } from 'comlink';
import type { ProgressCallback, SpectrumResult, SpectrumWorkerApi } from './spectrum-worker.js';

export type { SpectrumResult };

/** A spectrum computation in its own worker: `cancel` terminates the worker at once. */
export interface SpectrumJob {
  readonly result: Promise<SpectrumResult>;
  cancel(): void;
}

export class SpectrumCanceled extends Error {
  override readonly name = 'SpectrumCanceled';
  constructor() {
    super('Canceled.');
  }
}

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
  let settle: ((error: Error) => void) | undefined;
  const canceled = new Promise<never>((_, reject) => (settle = reject));
  worker.addEventListener('error', (event) => settle?.(new Error(event.message || 'The computation could not start.')));
  const work = api.spectrum(text, seed, proxy(onProgress)) as Promise<SpectrumResult>;
  const timer = setTimeout(() => {
    worker.terminate();
    settle?.(new Error(`The computation took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`));
  }, timeoutMs);
  const result = Promise.race([work, canceled]).finally(() => {
    clearTimeout(timer);
    worker.terminate();
  });
  return {
    result,
    cancel() {
      worker.terminate();
      settle?.(new SpectrumCanceled());
    },
  };
}
