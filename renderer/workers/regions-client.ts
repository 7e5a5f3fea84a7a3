import { proxy, wrap } from 'comlink';
import type { Box, ReluNet } from '../../src/regions/index.js';
import type { RegionsProgress, RegionsResult, RegionsWorkerApi } from './regions-worker.js';
import { runInWorker, type WorkerJob } from './worker-job.js';

export type { RegionsResult } from './regions-worker.js';

function regionsWorker(): { worker: Worker; api: ReturnType<typeof wrap<RegionsWorkerApi>> } {
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
