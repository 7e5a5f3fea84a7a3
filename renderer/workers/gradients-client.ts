import { proxy, wrap } from 'comlink';
import type { ChainConfig, ChainResult } from '../../src/gradients/index.js';
import type { ChainProgressCallback, GradientsWorkerApi } from './gradients-worker.js';

export type ChainRun = ChainResult & { readonly ms: number };

/** A chain run in its own worker: `cancel` terminates the worker at once. */
export interface ChainJob {
  readonly result: Promise<ChainRun>;
  cancel(): void;
}

export class ChainCanceled extends Error {
  override readonly name = 'ChainCanceled';
  constructor() {
    super('Canceled.');
  }
}

/** Longest a chain may run before its worker is stopped (100 × 256 takes a few seconds here). */
export const CHAIN_TIMEOUT_MS = 120_000;

/**
 * Starts running the chain `config` in a fresh worker, reporting progress; the worker is stopped
 * when the run ends, is canceled, or takes longer than `timeoutMs`.
 */
export function startChain(config: ChainConfig, onProgress: ChainProgressCallback, timeoutMs = CHAIN_TIMEOUT_MS): ChainJob {
  const worker = new Worker(new URL('./gradients-worker.ts', import.meta.url), { type: 'module' });
  const api = wrap<GradientsWorkerApi>(worker);
  let settle: ((error: Error) => void) | undefined;
  const stopped = new Promise<never>((_, reject) => (settle = reject));
  worker.addEventListener('error', (event) => settle?.(new Error(event.message || 'The computation could not start.')));
  const work = api.chain(config, proxy(onProgress)) as Promise<ChainRun>;
  const timer = setTimeout(() => {
    worker.terminate();
    settle?.(new Error(`The chain took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`));
  }, timeoutMs);
  const result = Promise.race([work, stopped]).finally(() => {
    clearTimeout(timer);
    worker.terminate();
  });
  return {
    result,
    cancel() {
      worker.terminate();
      settle?.(new ChainCanceled());
    },
  };
}
