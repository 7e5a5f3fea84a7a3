/**
 * The kernels' helper threads in node (worker_threads), for the benchmarks and the tests: the
 * same src/linalg/wasm/threads.ts pool the page runs on module workers
 * (renderer/workers/kernel-threads.ts). Each helper runs prepareKernelHelper — its own source
 * text, so the thread needs no build step — and then serves the leader's calls.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  prepareKernelHelper, startKernelThreads, type KernelHelper, type KernelHelperInit, type KernelThreads,
} from '../src/linalg/wasm/threads.js';

const HELPER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const serve = (${prepareKernelHelper.toString()})(workerData);
parentPort.postMessage('ready');
serve();
`;

/** Starts one helper thread in node; `ready` resolves once it has instantiated the kernels. */
export function spawnNodeKernelHelper(init: KernelHelperInit): KernelHelper {
  const worker = new Worker(HELPER_SOURCE, { eval: true, workerData: init });
  // A helper sleeping in its loop must not keep node alive.
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a helper thread exited with code ${code}`)));
  });
  return { ready, terminate: () => void worker.terminate() };
}

export { kernelThreads, splitCalls, stopKernelThreads } from '../src/linalg/wasm/threads.js';

/** startKernelThreads on node's worker threads: `threads` in all (default: every core). */
export function startNodeKernelThreads(threads: number = Math.min(16, availableParallelism())): Promise<KernelThreads> {
  return startKernelThreads(threads, spawnNodeKernelHelper);
}
