import { CancelledError } from '../../src/linalg/errors.js';

/** A computation in its own worker: `cancel` terminates the worker at once (the result rejects with CancelledError). */
export interface WorkerJob<T> {
  readonly result: Promise<T>;
  cancel(): void;
}

/** Cancelling a job rejects its result with src's one cancel error. */
export { CancelledError };

/**
 * Runs `work` against a fresh worker and ends the worker when the work settles, is canceled, or
 * takes longer than `timeoutMs` — so nothing that slips past the input checks can hang the app.
 */
export function runInWorker<T>(worker: Worker, work: () => Promise<T>, timeoutMs: number): WorkerJob<T> {
  let settle: ((error: Error) => void) | undefined;
  const stopped = new Promise<never>((_, reject) => (settle = reject));
  worker.addEventListener('error', (event) => settle?.(new Error(event.message || 'The computation could not start.')));
  const timer = setTimeout(() => {
    worker.terminate();
    settle?.(new Error(`The computation took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`));
  }, timeoutMs);
  const result = Promise.race([work(), stopped]).finally(() => {
    clearTimeout(timer);
    worker.terminate();
  });
  return {
    result,
    cancel() {
      worker.terminate();
      settle?.(new CancelledError());
    },
  };
}
