import { proxy, wrap } from 'comlink';
import type { Box, PackedRegions, ReluNet } from '../../src/regions/index.js';
import type { RegionsProgress, RegionsWorkerApi } from './regions-worker.js';
import { runInWorker, type WorkerJob } from './worker-job.js';

/** Starts computing the linear regions of `net` in `box` in a worker. */
export function startRegions(net: ReluNet, box: Box, onProgress: RegionsProgress, timeoutMs = 120_000): WorkerJob<PackedRegions> {
  const worker = new Worker(new URL('./regions-worker.ts', import.meta.url), { type: 'module' });
  const api = wrap<RegionsWorkerApi>(worker);
  return runInWorker(worker, () => api.regions(net, box, proxy(onProgress)) as Promise<PackedRegions>, timeoutMs);
}
