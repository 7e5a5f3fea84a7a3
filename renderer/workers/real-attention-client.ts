import { wrap } from 'comlink';
import { remote } from './model-client.js';
import type { ModelFile, RangeReader } from './model-worker.js';
import type { RealAttentionWorkerApi, RealHeadsOutcome } from './real-attention-worker.js';
import { runInWorker, type WorkerJob } from './worker-job.js';

export type { RealHeads, RealHeadsOutcome } from './real-attention-worker.js';

/** Longest one layer-0 job may run (a multi-GB folder's tokenizer and c_attn read over a slow disk). */
export const REAL_ATTENTION_TIMEOUT_MS = 300_000;

/**
 * Computes layer 0's heads of the checkpoint in `files` on `text` in a fresh worker; resolves with
 * the heads or the refusal and where it belongs (cancel terminates the worker).
 */
export function startRealHeads(files: ModelFile[], text: string, ranges?: RangeReader): WorkerJob<RealHeadsOutcome> {
  const worker = new Worker(new URL('./real-attention-worker.ts', import.meta.url), { type: 'module' });
  const api = wrap<RealAttentionWorkerApi>(worker);
  return runInWorker<RealHeadsOutcome>(worker, () => api.heads(files, text, remote(ranges)) as Promise<RealHeadsOutcome>, REAL_ATTENTION_TIMEOUT_MS);
}
