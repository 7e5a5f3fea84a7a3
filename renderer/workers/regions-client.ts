import { proxy, wrap, type Remote } from 'comlink';
import type { Box, ReluNet } from '../../src/regions/index.js';
import type { CompareRow } from '../labs/regions/compare-rows.js';
import type { RegionsProgress, RegionsResult, RegionsWorkerApi } from './regions-worker.js';
import { CancelledError, runInWorker, type WorkerJob } from './worker-job.js';

export type { RegionsResult } from './regions-worker.js';

function regionsWorker(): { worker: Worker; api: Remote<RegionsWorkerApi> } {
  const worker = new Worker(new URL('./regions-worker.ts', import.meta.url), { type: 'module' });
  return { worker, api: wrap<RegionsWorkerApi>(worker) };
}

/** Starts computing the linear regions of `net` in `box` (and the layer that last cut each) in a worker. */
export function startRegions(net: ReluNet, box: Box, onProgress: RegionsProgress, timeoutMs = 120_000): WorkerJob<RegionsResult> {
  const { worker, api } = regionsWorker();
  return runInWorker(worker, () => api.regions(net, box, proxy(onProgress)) as Promise<RegionsResult>, timeoutMs);
}

/** Starts computing the boundary of neuron `index` of hidden layer `layer` in `box` in a worker. */
export function startNeuronBoundary(net: ReluNet, box: Box, layer: number, index: number, timeoutMs = 120_000): WorkerJob<number[][][]> {
  const { worker, api } = regionsWorker();
  return runInWorker(worker, () => api.neuronBoundary(net, box, layer, index), timeoutMs);
}

/** Starts counting the regions of the depth-against-width architectures in a worker. */
export function startCompare(onProgress: (fraction: number) => void, timeoutMs = 180_000): WorkerJob<CompareRow[]> {
  const { worker, api } = regionsWorker();
  return runInWorker(worker, () => api.compare(proxy(onProgress)), timeoutMs);
}

/**
 * The slicing plane's partitions, from one worker kept for the lab's life: a slider sends many
 * small jobs, and starting a worker for each would cost more than the slice. Cancelling a job
 * drops its answer (the next one waits behind it in the worker, which is quick); a job that runs
 * past `timeoutMs` ends the worker, and the next job starts a new one.
 */
export class SliceWorker {
  #worker: { worker: Worker; api: Remote<RegionsWorkerApi> } | undefined;

  start(net: ReluNet, radius: number, z: number, timeoutMs = 60_000): WorkerJob<RegionsResult> {
    const { worker, api } = (this.#worker ??= regionsWorker());
    let stop: ((error: Error) => void) | undefined;
    const stopped = new Promise<never>((_, reject) => (stop = reject));
    const onError = (event: ErrorEvent) => stop?.(new Error(event.message || 'The computation could not start.'));
    worker.addEventListener('error', onError);
    const timer = setTimeout(() => {
      this.dispose();
      stop?.(new Error(`The slice took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`));
    }, timeoutMs);
    const result = Promise.race([api.slice(net, radius, z) as Promise<RegionsResult>, stopped]).finally(() => {
      clearTimeout(timer);
      worker.removeEventListener('error', onError);
    });
    return { result, cancel: () => stop?.(new CancelledError()) };
  }

  /** Ends the worker (the lab left the page). */
  dispose(): void {
    this.#worker?.worker.terminate();
    this.#worker = undefined;
  }
}
