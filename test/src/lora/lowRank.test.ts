// The best rank-r approximation: its errors equal the Eckart–Young values, on hand-made cases,
// on a numpy fixture and on random matrices (fast-check); degenerate inputs on purpose.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../../src/errors.js';
import { matMul, transpose } from '../../../src/layer/index.js';
import { NonFiniteError, singularValues, svd } from '../../../src/linalg/index.js';
import {
  bestRankApproximation, difference, eckartYoungErrors, eckartYoungTails, errorCurve, frobeniusNorm, measuredErrors,
} from '../../../src/lora/index.js';
import { EPS, randomMatrix, withSingularValues } from '../linalg/matrices.js';

/**
 * Measured and theoretical errors differ only by the rounding of the SVD and of the product AB,
 * each a few ε·‖ΔW‖ per entry: allow 20·max(d, k)·ε·‖ΔW‖_F.
 */
const tolerance = (M: number[][]) => 20 * Math.max(M.length, M[0]!.length) * EPS * frobeniusNorm(M);

describe('eckartYoungErrors', () => {
  it('is the norm of the dropped tail: √(Σ_{i>r} σᵢ²) and σ_{r+1}', () => {
    // Scaled sums (squares of σᵢ/σ_{r+1}) round differently from √14 in the last bit.
    const all = eckartYoungErrors([3, 2, 1], 0);
    expect(all.spectral).toBe(3);
    expect(Math.abs(all.frobenius - Math.sqrt(14))).toBeLessThanOrEqual(2 * EPS * Math.sqrt(14));
    const one = eckartYoungErrors([3, 2, 1], 1);
    expect(one.spectral).toBe(2);
    expect(Math.abs(one.frobenius - Math.sqrt(5))).toBeLessThanOrEqual(2 * EPS * Math.sqrt(5));
    expect(eckartYoungErrors([3, 2, 1], 3)).toEqual({ frobenius: 0, spectral: 0 });
    expect(eckartYoungErrors([3, 2, 1], 7)).toEqual({ frobenius: 0, spectral: 0 });
    expect(eckartYoungErrors([], 0)).toEqual({ frobenius: 0, spectral: 0 });
    expect(eckartYoungErrors([0, 0], 0)).toEqual({ frobenius: 0, spectral: 0 });
  });

  it('neither overflows nor underflows', () => {
    expect(eckartYoungErrors([1e300, 1e300, 1e300], 1).frobenius).toBeCloseTo(Math.SQRT2 * 1e300, -285);
    const tiny = eckartYoungErrors([1, 3e-200, 4e-200], 1).frobenius;
    expect(Math.abs(tiny - 5e-200) / 5e-200).toBeLessThan(4 * EPS);
  });

  it('refuses a negative or fractional rank', () => {
    expect(() => eckartYoungErrors([1], -1)).toThrow(RangeError);
    expect(() => eckartYoungErrors([1], 0.5)).toThrow(RangeError);
  });
});

describe('bestRankApproximation', () => {
  it('matches numpy on a 4×3 example at every rank', () => {
    // numpy 2.4: D = [[3,1,0],[1,2,1],[0,1,1],[1,0,2]]; U, s, Vt = np.linalg.svd(D);
    // R = D − U[:, :r] @ diag(s[:r]) @ Vt[:r]; np.linalg.norm(R, 'fro'), np.linalg.norm(R, 2)
    const D = [[3, 1, 0], [1, 2, 1], [0, 1, 1], [1, 0, 2]];
    const sigma = [3.9795147152639556, 2.1702792339370807, 1.566317553288323];
    const numpy = [
      [4.795831523312719, 3.9795147152639556],
      [2.6764645768247406, 2.17027923393708],
      [1.566317553288323, 1.5663175532883225],
      [1.4102896317838113e-15, 1.3128637650310053e-15],
    ];
    const decomposition = svd(D);
    decomposition.S.forEach((s, i) => expect(Math.abs(s - sigma[i]!)).toBeLessThan(8 * EPS * sigma[0]!));
    for (let r = 0; r <= 3; r++) {
      const best = bestRankApproximation(D, r, { decomposition });
      const measured = measuredErrors(D, best.product);
      const theory = eckartYoungErrors(best.sigma, r);
      const [fro, two] = numpy[r]!;
      // Rank 3 is exact: both sides are rounding noise, compared against ‖D‖ instead.
      expect(Math.abs(measured.frobenius - fro!)).toBeLessThan(tolerance(D));
      expect(Math.abs(measured.spectral - two!)).toBeLessThan(tolerance(D));
      expect(Math.abs(theory.frobenius - (r === 3 ? 0 : fro!))).toBeLessThan(tolerance(D));
      expect(Math.abs(theory.spectral - (r === 3 ? 0 : two!))).toBeLessThan(tolerance(D));
    }
  });

  it('gives factors of the right shapes whose product has rank r', () => {
    const M = randomMatrix(7, 5, 11);
    const best = bestRankApproximation(M, 2);
    expect(best.rank).toBe(2);
    expect([best.A.length, best.A[0]!.length]).toEqual([7, 2]);
    expect([best.B.length, best.B[0]!.length]).toEqual([2, 5]);
    const s = singularValues(best.product);
    expect(s[1]).toBeGreaterThan(0.1);
    // Rank 2: the third σ is rounding noise (tolerance σ₁·max(m, n)·ε, as numpy's matrix_rank).
    expect(s[2]).toBeLessThan(s[0]! * 7 * EPS * 4);
  });

  it('splits the scale evenly: AᵀA = BBᵀ = Σ_r; or puts it all in A, leaving B with orthonormal rows', () => {
    const M = withSingularValues(6, 4, [5, 3, 2, 0.5], 3);
    const balanced = bestRankApproximation(M, 3);
    const AtA = matMul(transpose(balanced.A), balanced.A);
    const BBt = matMul(balanced.B, transpose(balanced.B));
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const want = i === j ? [5, 3, 2][i]! : 0;
        expect(Math.abs(AtA[i]![j]! - want)).toBeLessThan(50 * EPS);
        expect(Math.abs(BBt[i]![j]! - want)).toBeLessThan(50 * EPS);
      }
    }
    const left = bestRankApproximation(M, 3, { split: 'left' });
    const BBtLeft = matMul(left.B, transpose(left.B));
    BBtLeft.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - (i === j ? 1 : 0))).toBeLessThan(50 * EPS)));
    // Same product either way.
    left.product.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - balanced.product[i]![j]!)).toBeLessThan(50 * EPS)));
  });

  it('has measured errors equal to the Eckart–Young values for random matrices and ranks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.nat(1000), fc.nat(12), (d, k, seed, r) => {
        const M = randomMatrix(d, k, seed);
        const best = bestRankApproximation(M, r);
        const measured = measuredErrors(M, best.product);
        const theory = eckartYoungErrors(best.sigma, best.rank);
        expect(Math.abs(measured.frobenius - theory.frobenius)).toBeLessThan(tolerance(M));
        expect(Math.abs(measured.spectral - theory.spectral)).toBeLessThan(tolerance(M));
      }),
      { numRuns: 150 },
    );
  });

  it('is never beaten by another rank-r product (the Frobenius error of random A, B is at least as big)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 2, max: 8 }), fc.nat(1000), fc.integer({ min: 1, max: 3 }), (d, k, seed, r) => {
        const M = randomMatrix(d, k, seed);
        const best = bestRankApproximation(M, r);
        const other = matMul(randomMatrix(d, r, seed + 1), randomMatrix(r, k, seed + 2));
        // Also nudged factors: moving A and B away from the optimum can only make things worse.
        const nudgeA = randomMatrix(d, best.rank, seed + 3);
        const nudgeB = randomMatrix(best.rank, k, seed + 4);
        const nudged = matMul(
          best.A.map((row, i) => row.map((v, j) => v + 1e-3 * nudgeA[i]![j]!)),
          best.B.map((row, i) => row.map((v, j) => v + 1e-3 * nudgeB[i]![j]!)),
        );
        const e = eckartYoungErrors(best.sigma, best.rank).frobenius;
        expect(frobeniusNorm(difference(M, other))).toBeGreaterThanOrEqual(e - tolerance(M));
        expect(frobeniusNorm(difference(M, nudged))).toBeGreaterThanOrEqual(e - tolerance(M));
      }),
      { numRuns: 100 },
    );
  });

  it('handles degenerate inputs: 1×n, n×1, zero matrices, r = 0 and r beyond the rank', () => {
    const row = bestRankApproximation([[3, 4]], 1);
    expect(row.product).toEqual([[3, 4].map((v) => expect.closeTo(v, 14))]);
    expect(bestRankApproximation([[3], [4]], 5).rank).toBe(1);
    const zero = bestRankApproximation([[0, 0], [0, 0]], 1);
    expect(zero.product).toEqual([[0, 0], [0, 0]]);
    expect(measuredErrors([[0, 0], [0, 0]], zero.product)).toEqual({ frobenius: 0, spectral: 0 });
    const none = bestRankApproximation([[1, 2], [3, 4]], 0);
    expect(none.A).toEqual([[], []]);
    expect(none.B).toEqual([]);
    expect(none.product).toEqual([[0, 0], [0, 0]]);
  });

  it('refuses bad input with typed errors that say what is wrong', () => {
    expect(() => bestRankApproximation([], 1)).toThrow(ShapeError);
    expect(() => bestRankApproximation([[1, 2], [3]], 1)).toThrow(/row 2 has 1/);
    expect(() => bestRankApproximation([[1, NaN]], 1)).toThrow(NonFiniteError);
    expect(() => bestRankApproximation([[1]], -1)).toThrow(RangeError);
    expect(() => bestRankApproximation([[1, 2]], 1, { decomposition: svd([[1], [2]]) })).toThrow(ShapeError);
    expect(() => difference([[1, 2]], [[1], [2]])).toThrow(/1×2 and 2×1/);
  });
});

describe('eckartYoungTails', () => {
  const relative = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

  it('gives √(Σ_{i>r} σᵢ²) for every r, ending at 0', () => {
    const tails = eckartYoungTails([3, 2, 1]);
    [Math.sqrt(14), Math.sqrt(5), 1, 0].forEach((t, r) => expect(relative(tails[r]!, t)).toBeLessThanOrEqual(EPS));
    expect(eckartYoungTails([])).toEqual([0]);
    expect(eckartYoungTails([0, 0])).toEqual([0, 0, 0]);
    expect(eckartYoungTails([2, 0, 0])).toEqual([2, 0, 0, 0]);
  });

  it('neither overflows nor underflows, however far a tail is from σ₁', () => {
    expect(relative(eckartYoungTails([1e300, 1e300, 1e300])[1]!, Math.SQRT2 * 1e300)).toBeLessThanOrEqual(2 * EPS);
    // Scaled by σ₁ alone, (1e-200/1e200)² would be 0 and the tail after rank 1 lost.
    expect(eckartYoungTails([1e200, 1e-200])).toEqual([1e200, 1e-200, 0]);
    expect(relative(eckartYoungTails([1, 4e-200, 3e-200])[1]!, 5e-200)).toBeLessThanOrEqual(4 * EPS);
  });

  it('equals eckartYoungErrors rank by rank, to a few ulps, on spectra spanning any range (property)', () => {
    // Sorted spectra whose values span up to 600 decades, with zeros at the end now and then.
    const spectrum = fc.array(fc.tuple(fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: -300, max: 300 })), { minLength: 0, maxLength: 60 })
      .chain((values) => fc.nat({ max: 3 }).map((zeros) => [...values.map(([m, e]) => m * 10 ** e).sort((a, b) => b - a), ...new Array<number>(zeros).fill(0)]));
    fc.assert(fc.property(spectrum, (sigma) => {
      const tails = eckartYoungTails(sigma);
      expect(tails).toHaveLength(sigma.length + 1);
      tails.forEach((t, r) => expect(relative(t, eckartYoungErrors(sigma, r).frobenius)).toBeLessThanOrEqual(8 * EPS * Math.max(1, sigma.length - r)));
    }), { seed: 20261206, numRuns: 300 });
  });

  it('agrees with eckartYoungErrors on a long spectrum (4096 values), from one pass', () => {
    // 4096 values: eckartYoungErrors at every rank would add 8.4 million terms; this adds 4096.
    const sigma = Array.from({ length: 4096 }, (_, i) => 1 / (1 + i));
    const tails = eckartYoungTails(sigma);
    for (const r of [0, 1, 100, 2048, 4095]) expect(relative(tails[r]!, eckartYoungErrors(sigma, r).frobenius)).toBeLessThanOrEqual(64 * EPS);
    expect(tails[4096]).toBe(0);
  });
});

describe('errorCurve', () => {
  it('starts at ‖ΔW‖ (relative 1), never increases, and ends at 0', () => {
    const sigma = singularValues(randomMatrix(9, 6, 4));
    const curve = errorCurve(sigma);
    expect(curve).toHaveLength(7);
    expect(curve[0]!.relative).toBe(1);
    expect(curve[0]!.spectral).toBe(sigma[0]);
    for (let r = 1; r < curve.length; r++) {
      expect(curve[r]!.frobenius).toBeLessThanOrEqual(curve[r - 1]!.frobenius);
      expect(curve[r]!.spectral).toBeLessThanOrEqual(curve[r - 1]!.spectral);
      expect(curve[r]!.spectral).toBeLessThanOrEqual(curve[r]!.frobenius);
    }
    expect(curve[6]).toEqual({ rank: 6, frobenius: 0, spectral: 0, relative: 0 });
    expect(errorCurve([0, 0]).map((e) => e.relative)).toEqual([0, 0, 0]);
  });
});

describe('frobeniusNorm', () => {
  it('is √(Σ mᵢⱼ²), without overflow or underflow', () => {
    expect(frobeniusNorm([[3, 4]])).toBe(5);
    expect(frobeniusNorm([])).toBe(0);
    expect(frobeniusNorm([[0, 0]])).toBe(0);
    expect(frobeniusNorm([[3e200], [4e200]]) / 5e200).toBeCloseTo(1, 14);
    expect(frobeniusNorm([[3e-200, -4e-200]]) / 5e-200).toBeCloseTo(1, 14);
  });
});
