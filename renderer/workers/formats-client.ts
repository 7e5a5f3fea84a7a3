import { transfer, wrap, type Remote } from 'comlink';
import type { MatrixSelection } from '../../src/formats/index.js';
import type { FormatsWorkerApi, ImportFailure, OpenedFile, Outcome, PickedMatrix } from './formats-worker.js';
import { CancelledError, type WorkerJob } from './worker-job.js';

export type { ImportFailure, OpenedFile, Outcome, PickedMatrix, TensorInfo, ImportFormat } from './formats-worker.js';

/** Longest one call may take before the worker is stopped (a 1 GB file converts in well under this). */
export const FORMATS_TIMEOUT_MS = 120_000;

/**
 * One imported file in its own worker, for as long as the import dialog shows it: `open` sends
 * the bytes (transferred: the caller's buffer is emptied), `pick` asks for a matrix of it. Like
 * runInWorker (worker-job.ts), each call can be canceled and is stopped after a timeout — both
 * end the worker, after which the session refuses further calls and the file must be opened
 * again. `close` ends the worker.
 */
export class FormatsSession {
  readonly #worker: Worker;
  readonly #api: Remote<FormatsWorkerApi>;
  #ended: Error | undefined;
  readonly #stops = new Set<(error: Error) => void>();

  constructor() {
    this.#worker = new Worker(new URL('./formats-worker.ts', import.meta.url), { type: 'module' });
    this.#api = wrap<FormatsWorkerApi>(this.#worker);
    this.#worker.addEventListener('error', (event) => this.#end(new Error(event.message || 'The file reader could not start.')));
  }

  /** Parses `bytes` (moved to the worker) as the file `name`. */
  open(bytes: Uint8Array, name: string, timeoutMs = FORMATS_TIMEOUT_MS): WorkerJob<Outcome<OpenedFile>> {
    // Only a view of a whole buffer can be moved; a view of part of one is copied first.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    return this.#call(() => this.#api.open(transfer(whole, [whole.buffer]), name) as Promise<Outcome<OpenedFile>>, timeoutMs);
  }

  /** The matrix `selection` takes from tensor `tensor` of the open file. */
  pick(tensor: string, selection: MatrixSelection, timeoutMs = FORMATS_TIMEOUT_MS): WorkerJob<Outcome<PickedMatrix>> {
    return this.#call(() => this.#api.pick(tensor, selection) as Promise<Outcome<PickedMatrix>>, timeoutMs);
  }

  /** The text of the PNG chunk named `keyword` (bytes moved to the worker), or undefined. */
  pngText(bytes: Uint8Array, keyword: string, timeoutMs = FORMATS_TIMEOUT_MS): WorkerJob<Outcome<string | undefined>> {
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    return this.#call(() => this.#api.pngText(transfer(whole, [whole.buffer]), keyword) as Promise<Outcome<string | undefined>>, timeoutMs);
  }

  /** Ends the worker (and any call in progress, which rejects with CancelledError). */
  close(): void {
    this.#end(new CancelledError());
  }

  #call<T>(work: () => Promise<T>, timeoutMs: number): WorkerJob<T> {
    if (this.#ended) {
      const error = this.#ended;
      return { result: Promise.reject(new Error(`The file is no longer open (${error.message}); open it again.`)), cancel() {} };
    }
    let stop: (error: Error) => void = () => {};
    const stopped = new Promise<never>((_, reject) => (stop = reject));
    this.#stops.add(stop);
    const timer = setTimeout(
      () => this.#end(new Error(`Reading the file took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`)),
      timeoutMs,
    );
    const result = Promise.race([work(), stopped]).finally(() => {
      clearTimeout(timer);
      this.#stops.delete(stop);
    });
    return { result, cancel: () => this.#end(new CancelledError()) };
  }

  #end(error: Error): void {
    if (this.#ended) return;
    this.#ended = error;
    this.#worker.terminate();
    for (const stop of this.#stops) stop(error);
    this.#stops.clear();
  }
}

/** "at byte 1234" or "line 3, column 2": where a refusal points, for the dialog. */
export function failurePlace(failure: ImportFailure): string | undefined {
  if (failure.line !== undefined && failure.column !== undefined) return `line ${failure.line}, column ${failure.column}`;
  if (failure.offset !== undefined) return `byte ${failure.offset}`;
  return undefined;
}
