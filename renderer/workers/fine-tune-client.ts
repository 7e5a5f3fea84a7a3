import { proxy, wrap } from 'comlink';
import { TrainingSettingsError, type FineTuneComparison, type FineTuneComparisonOptions } from '../../src/training/index.js';
import type { ReportProgress } from '../labs/job-controller.js';
import type { SettingsRefusal, TrainingWorkerApi } from './training-worker.js';
import { runInWorker, type WorkerJob } from './worker-job.js';

/** Longest a fine-tuning experiment may run before its worker is stopped. */
export const FINE_TUNE_TIMEOUT_MS = 600_000;

/**
 * The fine-tuning experiment (fineTuneComparison) in a fresh training worker of its own — the
 * lab's play loop keeps its worker — reporting the share of steps done; cancelling terminates
 * the worker at once. A refused setting rejects with TrainingSettingsError naming the field.
 */
export function startFineTune(options: FineTuneComparisonOptions, report: ReportProgress, timeoutMs = FINE_TUNE_TIMEOUT_MS): WorkerJob<FineTuneComparison> {
  const worker = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module' });
  const api = wrap<TrainingWorkerApi>(worker);
  const onProgress = proxy((done: number, total: number) => report(done / total, `step ${done} of ${total}`));
  return runInWorker(worker, async () => {
    const result = await api.fineTune(options, onProgress);
    if ('field' in result) {
      const refusal = result as SettingsRefusal;
      throw new TrainingSettingsError(refusal.field, refusal.message.slice(refusal.field.length + 1));
    }
    return result as FineTuneComparison;
  }, timeoutMs);
}
