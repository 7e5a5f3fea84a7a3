// The kernels on several threads (src/linalg/wasm/threads.ts, helpers on node's worker_threads):
// every pooled result is the same bits as the single-thread one — the SVD (values and vectors),
// the randomized SVD, the Gradients chain — the hard SVD cases still pass LAPACK's ratios when
// the pool splits their sweeps, and without cross-origin isolation one thread runs and says why.
// The matrices are big enough for the splits to happen (a part needs 32768 entries of work).
import { afterAll, describe, expect, it, vi } from 'vitest';
import { spawnNodeKernelHelper, startNodeKernelThreads } from '../../../bench/kernel-threads-node.js';
import { runChain, type ChainConfig } from '../../../src/gradients/chain.js';
import { randomizedSvd } from '../../../src/linalg/randomized-svd.js';
import { svd, svdFloat64 } from '../../../src/linalg/svd.js';
import { kernelStatus } from '../../../src/linalg/wasm/module.js';
import { kernelThreads, splitCalls, startKernelThreads, stopKernelThreads } from '../../../src/linalg/wasm/threads.js';
import { hilbert, kahan, lapackRatios, randomMatrix, withSingularValues, type Rows } from './matrices.js';

/** The bytes of a float array: equal bytes are equal bits, −0 and NaN payloads included. */
function bits(x: Float64Array | readonly number[] | null | undefined): number[] {
  return Array.from(new Uint8Array(Float64Array.from(x ?? []).buffer));
}

function flat(a: Rows): Float64Array {
  return Float64Array.from(a.flat());
}

const chainConfig: ChainConfig = { depth: 6, width: 200, init: 'gaussian', scale: Math.SQRT2, relu: true, noise: 0, seed: 5 };

/** Everything the pool splits, computed once: compared bit for bit before and after it starts. */
function compute() {
  const square = flat(randomMatrix(300, 300, 1));
  const tall = flat(randomMatrix(433, 310, 2));
  const wide = flat(randomMatrix(270, 421, 3));
  const big = flat(randomMatrix(700, 530, 4));
  const full = svdFloat64(square, 300, 300, true);
  const r = randomizedSvd(big, 700, 530, 16, { seed: 9, powerIterations: 'auto' });
  const chain = runChain(chainConfig);
  return {
    fullU: bits(full.U), fullS: bits(full.S), fullV: bits(full.V),
    tall: bits(svdFloat64(tall, 433, 310, false).S),
    wide: bits(svdFloat64(wide, 270, 421, false).S),
    rU: bits(r.U), rS: bits(r.sigma), rV: bits(r.V), rE: bits([r.errorEstimate, r.sigmaNextEstimate, r.powerIterations]),
    chain: bits([...chain.jacobianSigma, ...chain.weightSigmaMax, ...chain.weightSigmaMin, ...chain.gradientNorms]),
  };
}

afterAll(() => stopKernelThreads());

describe('without cross-origin isolation', () => {
  it('runs one thread, spawns no helper, and says why', async () => {
    const spawn = vi.fn(spawnNodeKernelHelper);
    const t = await startKernelThreads(4, spawn, false);
    expect(t).toEqual({ threads: 1, reason: 'not cross-origin isolated' });
    expect(spawn).not.toHaveBeenCalled();
    expect(kernelThreads()).toEqual(t);
    expect(kernelStatus()).toBe('wasm-simd (1 thread: not cross-origin isolated)');
  });

  it('reads crossOriginIsolated by default (false in a page without COOP/COEP)', async () => {
    vi.stubGlobal('crossOriginIsolated', false);
    try {
      const spawn = vi.fn(spawnNodeKernelHelper);
      expect((await startKernelThreads(2, spawn)).threads).toBe(1);
      expect(spawn).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('refuses a thread count outside 1…16', async () => {
    await expect(startKernelThreads(0, spawnNodeKernelHelper)).rejects.toThrow(RangeError);
    await expect(startKernelThreads(17, spawnNodeKernelHelper)).rejects.toThrow(/1 to 16 threads, not 17/);
    await expect(startKernelThreads(2.5, spawnNodeKernelHelper)).rejects.toThrow(RangeError);
  });

  it('falls back to one thread, naming the failure, when a helper cannot start', async () => {
    const t = await startKernelThreads(2, () => ({ ready: Promise.reject(new Error('no threads here')), terminate: () => {} }));
    expect(t).toEqual({ threads: 1, reason: 'the helper threads did not start (no threads here)' });
    expect(kernelStatus()).toBe('wasm-simd (1 thread: the helper threads did not start (no threads here))');
  });
});

describe('on several threads', () => {
  const before = splitCalls();
  const single = compute();
  const splitAlone = splitCalls() - before;

  it.each([2, 3])('gives the same bits as one thread on %i threads', async (threads) => {
    expect(await startNodeKernelThreads(threads)).toEqual({ threads, reason: '' });
    expect(kernelStatus()).toBe(`wasm-simd (${threads} threads)`);
    const start = splitCalls();
    const pooled = compute();
    // Every kind of call was split: the sweeps (2 per column), products, GEMMs and reflector blocks.
    expect(splitAlone).toBe(0);
    expect(splitCalls() - start).toBeGreaterThan(500);
    for (const key of Object.keys(single) as (keyof typeof single)[]) expect(pooled[key], key).toEqual(single[key]);
  }, 120_000);

  it('keeps LAPACK\'s ratios below 50 on the hard cases while the sweeps are split', async () => {
    await startNodeKernelThreads(2);
    const cases: [string, Rows][] = [
      ['Hilbert 300', hilbert(300)],
      ['Kahan 300, c = 0.285', kahan(300, 0.285)],
      ['graded σ = 10^(−15k/299), 300×300', withSingularValues(300, 300, Array.from({ length: 300 }, (_, k) => 10 ** ((-15 * k) / 299)), 31)],
      ['clustered σ (1 ± k·1e-12), 320×300', withSingularValues(320, 300, Array.from({ length: 300 }, (_, k) => 1 + k * 1e-12), 32)],
      ['rank 5 in 300×300', withSingularValues(300, 300, Array.from({ length: 300 }, (_, k) => (k < 5 ? 5 - k : 0)), 33)],
    ];
    for (const [name, a] of cases) {
      const r = lapackRatios(a, svd(a));
      expect(Math.max(r.reconstruction, r.orthogonalityU, r.orthogonalityV), name).toBeLessThan(50);
    }
  }, 120_000);

  it('goes back to one thread when stopped', () => {
    stopKernelThreads();
    expect(kernelThreads().threads).toBe(1);
    expect(kernelStatus()).toBe('wasm-simd (1 thread)');
    expect(bits(svdFloat64(flat(randomMatrix(270, 421, 3)), 270, 421, false).S)).toEqual(single.wide);
  });
});
