/**
 * Runs a deep chain (weights, backprop, the Jacobian product and its SVD, the condition numbers)
 * off the main thread: for 100 layers of width 256 that is seconds of work. The client cancels by
 * terminating this worker.
 */
import { expose } from 'comlink';
import { runChain, type ChainConfig, type ChainPhase, type ChainResult } from '../../src/gradients/index.js';
import { kernelStatus } from '../../src/linalg/index.js';
import { kernelThreadsOnAllCores } from './kernel-threads.js';

export type ChainProgressCallback = (fraction: number, phase: ChainPhase) => void;

const api = {
  /**
   * The chain's result, its time in the worker (starting the kernels' threads included), and
   * which dense kernels ran (kernelStatus, e.g. 'wasm-simd (8 threads)').
   */
  async chain(config: ChainConfig, onProgress: ChainProgressCallback): Promise<ChainResult & { readonly ms: number; readonly kernels: string }> {
    const t0 = performance.now();
    await kernelThreadsOnAllCores();
    // Progress crosses threads as a message: send at most about one per percent.
    let last = -1;
    const result = runChain(config, {
      onProgress: (fraction, phase) => {
        if (fraction >= 1 || fraction - last >= 0.01) {
          last = fraction;
          onProgress(fraction, phase);
        }
      },
    });
    return { ...result, ms: performance.now() - t0, kernels: kernelStatus() };
  },
};

export type GradientsWorkerApi = typeof api;

expose(api);
