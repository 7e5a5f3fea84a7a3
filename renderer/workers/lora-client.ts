import { transfer, wrap, type Remote } from 'comlink';
import { CancelledError } from '../../src/linalg/errors.js';
import type { LoraDecomposition } from '../labs/lora/lora-decomposition.js';
import type { LoraWorkerApi } from './lora-worker.js';
import { runInWorker, type WorkerJob } from './worker-job.js';

/** Longest the decomposition of a ΔW may take (a 256×256 takes about 0.2 s here). */
export const LORA_DECOMPOSE_TIMEOUT_MS = 60_000;

function spawn(): { worker: Worker; api: Remote<LoraWorkerApi> } {
  const worker = new Worker(new URL('./lora-worker.ts', import.meta.url), { type: 'module' });
  return { worker, api: wrap<LoraWorkerApi>(worker) };
}

/** The rows of a d×k matrix as one row-major Float64Array. */
export function rowMajor(M: readonly (readonly number[])[]): Float64Array {
  const k = M[0]?.length ?? 0;
  const data = new Float64Array(M.length * k);
  M.forEach((row, i) => data.set(row, i * k));
  return data;
}

/** Starts decomposeUpdate(ΔW) in a fresh worker; cancel terminates it. */
export function startLoraDecomposition(deltaW: readonly (readonly number[])[], timeoutMs = LORA_DECOMPOSE_TIMEOUT_MS): WorkerJob<LoraDecomposition> {
  const { worker, api } = spawn();
  const d = deltaW.length;
  const k = deltaW[0]?.length ?? 0;
  const data = rowMajor(deltaW);
  return runInWorker(worker, () => api.decompose(transfer(data, [data.buffer]), d, k) as Promise<LoraDecomposition>, timeoutMs);
}

/**
 * One worker kept for the rank slider's spectral norms (a fresh worker per rank would pay its
 * start-up every step): each `measure` moves a residual there; when requests pile up during a
 * drag, the worker measures only the newest (see lora-worker.ts). `cancel` drops a job's result;
 * `dispose` ends the worker.
 */
export class LoraNormWorker {
  #worker: { worker: Worker; api: Remote<LoraWorkerApi> } | undefined;
  #id = 0;
  readonly #failers = new Set<(error: Error) => void>();

  /** Starts measuring ‖R‖₂ of the d×k row-major residual R (moved, not copied). */
  measure(residual: Float64Array, d: number, k: number): WorkerJob<number> {
    const w = (this.#worker ??= this.#spawn());
    const id = ++this.#id;
    let fail!: (error: Error) => void;
    const stopped = new Promise<never>((_, reject) => (fail = reject));
    this.#failers.add(fail);
    const work = w.api.spectralNorm(transfer(residual, [residual.buffer]), d, k, id).then((value) => {
      if (value === null) throw new CancelledError();
      return value;
    });
    const result = Promise.race([work, stopped]).finally(() => this.#failers.delete(fail));
    return { result, cancel: () => fail(new CancelledError()) };
  }

  dispose(): void {
    this.#worker?.worker.terminate();
    this.#worker = undefined;
    for (const fail of this.#failers) fail(new CancelledError());
  }

  #spawn(): { worker: Worker; api: Remote<LoraWorkerApi> } {
    const spawned = spawn();
    spawned.worker.addEventListener('error', (event) => {
      const error = new Error(event.message || 'The computation could not start.');
      for (const fail of this.#failers) fail(error);
      spawned.worker.terminate();
      if (this.#worker === spawned) this.#worker = undefined;
    });
    return spawned;
  }
}
