// Progress reports and cancellation of the SVD kernel: the callback sees a non-decreasing fraction
// that ends at exactly 1, a bounded number of times, with the phases in the order the work runs;
// an aborted signal stops the work with CancelledError; and watching changes nothing in the result.
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/linalg/errors.js';
import type { SvdPhase } from '../../../src/linalg/progress.js';
import { svd, svdFloat64 } from '../../../src/linalg/svd.js';
import { randomMatrix, zeros } from './matrices.js';

interface Report {
  readonly fraction: number;
  readonly phase: SvdPhase;
}

function watch(m: number, n: number, wantVectors: boolean, seed = 1): { reports: Report[]; result: ReturnType<typeof svdFloat64> } {
  const data = Float64Array.from(randomMatrix(m, n, seed).flat());
  const reports: Report[] = [];
  const result = svdFloat64(data, m, n, wantVectors, { onProgress: (fraction, phase) => reports.push({ fraction, phase }) });
  return { reports, result };
}

/** Consecutive duplicates removed: the order in which phases ran. */
function phaseOrder(reports: readonly Report[]): SvdPhase[] {
  return reports.map((r) => r.phase).filter((p, i, all) => i === 0 || p !== all[i - 1]);
}

function expectWellFormed(reports: readonly Report[]): void {
  expect(reports.length).toBeGreaterThanOrEqual(3);
  // About one report per 1% of the work, plus one per change of phase.
  expect(reports.length).toBeLessThanOrEqual(110);
  reports.forEach((r, i) => {
    expect(r.fraction).toBeGreaterThanOrEqual(0);
    expect(r.fraction).toBeLessThanOrEqual(1);
    if (i > 0) expect(r.fraction).toBeGreaterThanOrEqual(reports[i - 1].fraction);
  });
  expect(reports.at(-1)!.fraction).toBe(1);
  expect(reports.slice(0, -1).every((r) => r.fraction < 1)).toBe(true);
}

describe('onProgress', () => {
  it('reports a 200×200 full SVD monotonically, ending at 1, through every phase', () => {
    const { reports } = watch(200, 200, true);
    expectWellFormed(reports);
    expect(phaseOrder(reports)).toEqual(['bidiagonalize', 'vectors', 'iterate']);
    // The fraction is a cost estimate, so it should spread out rather than jump: no gap over 40%.
    const gaps = reports.slice(1).map((r, i) => r.fraction - reports[i].fraction);
    expect(Math.max(...gaps)).toBeLessThan(0.4);
  });

  it('reports values-only, tall (QR first) and wide SVDs the same way', () => {
    expect(phaseOrder(watch(200, 200, false).reports)).toEqual(['bidiagonalize', 'iterate']);
    const tall = watch(300, 60, true).reports;
    expectWellFormed(tall);
    expect(phaseOrder(tall)).toEqual(['bidiagonalize', 'vectors', 'iterate', 'vectors']);
    expectWellFormed(watch(60, 300, true).reports);
    expectWellFormed(watch(150, 100, false).reports);
  });

  it('reports 1 even when there is nothing to iterate (zero, empty, 1×1)', () => {
    for (const [m, n] of [[0, 0], [3, 0], [4, 4]]) {
      const reports: number[] = [];
      svdFloat64(new Float64Array(m * n), m, n, true, { onProgress: (f) => reports.push(f) });
      expect(reports).toEqual([1]);
    }
    const reports: number[] = [];
    svd([[2]], { onProgress: (f) => reports.push(f) });
    expect(reports.at(-1)).toBe(1);
  });

  it('changes nothing in the result, bit for bit', () => {
    const a = randomMatrix(40, 30, 3);
    const plain = svd(a);
    expect(svd(a, { onProgress: () => {}, signal: { aborted: false } })).toEqual(plain);
  });

  it('refuses an onProgress or signal of the wrong type', () => {
    expect(() => svd([[1]], { onProgress: 5 as never })).toThrow(TypeError);
    expect(() => svd([[1]], { signal: null as never })).toThrow(TypeError);
  });
});

describe('signal', () => {
  it.each(['bidiagonalize', 'vectors', 'iterate'] as const)('aborting from inside onProgress during %s throws CancelledError', (phase) => {
    const signal = { aborted: false };
    const seen: SvdPhase[] = [];
    const run = () =>
      svd(randomMatrix(120, 120, 4), {
        signal,
        onProgress: (_, p) => {
          seen.push(p);
          if (p === phase) signal.aborted = true;
        },
      });
    expect(run).toThrow(CancelledError);
    // Thrown at the very checkpoint that reported: nothing after the aborting call.
    expect(seen.at(-1)).toBe(phase);
    signal.aborted = false;
    seen.length = 0;
    try {
      svd(randomMatrix(120, 120, 4), { signal, onProgress: (_, p) => void (p === phase && (signal.aborted = true)) });
    } catch (error) {
      expect(error).toMatchObject({ name: 'CancelledError' });
      expect((error as Error).message).toMatch(/^The SVD was cancelled while /);
    }
  });

  it('stops a running SVD whose signal is aborted from outside (here: after a few checkpoints)', () => {
    let reads = 0;
    const signal = {
      get aborted() {
        return ++reads > 20;
      },
    };
    expect(() => svdFloat64(new Float64Array(randomMatrix(150, 150, 5).flat()), 150, 150, true, { signal })).toThrow(CancelledError);
    expect(reads).toBe(21);
  });

  it('throws before any work when already aborted, and accepts a real AbortSignal', () => {
    const controller = new AbortController();
    controller.abort();
    let called = false;
    expect(() => svd(zeros(3, 3), { signal: controller.signal, onProgress: () => (called = true) })).toThrow(CancelledError);
    expect(called).toBe(false);
    expect(svd([[3, 0], [0, 2]], { signal: new AbortController().signal }).S).toEqual([3, 2]);
  });
});
