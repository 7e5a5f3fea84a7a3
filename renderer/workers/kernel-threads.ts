/**
 * The dense kernels' helper threads in the page's workers: module workers
 * (kernel-helper-worker.ts) that share the kernels' WebAssembly memory with the worker doing the
 * computation (the spectrum or gradients worker), one per core. Where the page is not
 * cross-origin isolated, the kernels stay on one thread and kernelStatus() says so
 * ('wasm-simd (1 thread: not cross-origin isolated)'). Terminating the computing worker ends its
 * helpers with it.
 */
import { startKernelThreads, type KernelHelper, type KernelHelperInit, type KernelThreads } from '../../src/linalg/wasm/threads.js';

/** Starts one helper worker; `ready` resolves once it has instantiated the kernels. */
function spawnHelper(init: KernelHelperInit): KernelHelper {
  const worker = new Worker(new URL('./kernel-helper-worker.ts', import.meta.url), { type: 'module', name: `kernels ${init.index}` });
  const ready = new Promise<void>((resolve, reject) => {
    worker.addEventListener('message', () => resolve(), { once: true });
    worker.addEventListener('error', (event) => reject(new Error(event.message || 'the helper worker failed to load')), { once: true });
  });
  worker.postMessage(init);
  return { ready, terminate: () => worker.terminate() };
}

let started: Promise<KernelThreads> | undefined;

/**
 * Starts the kernels' threads once per worker (every core: navigator.hardwareConcurrency, at most
 * 16) and resolves with how many run. Call it, and await it, in a worker before its first
 * computation; never on the page's main thread (the kernels' join blocks).
 */
export function kernelThreadsOnAllCores(): Promise<KernelThreads> {
  started ??= startKernelThreads(Math.max(1, Math.min(16, navigator.hardwareConcurrency || 1)), spawnHelper);
  return started;
}
