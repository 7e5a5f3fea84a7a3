import { proxy, wrap } from 'comlink';
import type { ChainConfig, ChainResult } from '../../src/gradients/index.js';
import type { ChainProgressCallback, GradientsWorkerApi } from './gradients-worker.js';
import { runInWorker, type WorkerJob } from './worker-job.js';

/** A chain's result, its time in the worker and which dense kernels ran there (kernelStatus). */
export type ChainRun = ChainResult & { readonly ms: number; readonly kernels: string };
export type ChainJob = WorkerJob<ChainRun>;

/** Longest a chain may run before its worker is stopped (100 × 256 takes a few seconds here). */
export const CHAIN_TIMEOUT_MS = 120_000;

/**
 * Starts running the chain `config` in a fresh worker, reporting progress; the worker is stopped
 * when the run ends, is canceled, or takes longer than `timeoutMs`.
 */
export function startChain(config: ChainConfig, onProgress: ChainProgressCallback, timeoutMs = CHAIN_TIMEOUT_MS): ChainJob {
  const worker = new Worker(new URL('./gradients-worker.ts', import.meta.url), { type: 'module' });
  const api = wrap<GradientsWorkerApi>(worker);
  return runInWorker(worker, () => api.chain(config, proxy(onProgress)) as Promise<ChainRun>, timeoutMs);
}
