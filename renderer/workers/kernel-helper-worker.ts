/**
 * One helper thread of the dense kernels (kernel-threads.ts): it receives the compiled kernels,
 * their shared memory and its index, says it is ready, and then serves the computing worker's
 * calls until it is terminated.
 */
import { prepareKernelHelper, type KernelHelperInit } from '../../src/linalg/wasm/threads.js';

self.addEventListener('message', (event: MessageEvent<KernelHelperInit>) => {
  const serve = prepareKernelHelper(event.data);
  self.postMessage('ready');
  serve();
}, { once: true });
