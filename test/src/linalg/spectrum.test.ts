// The spectrum summary: the degenerate inputs (empty, zero, rank-deficient) on purpose, Hilbert(12)
// as the classic numerically singular matrix, and the norms against direct computation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../../src/errors.js';
import { conditionNumber, rankAndCondition, significantCount, spectrumSummary, supportedDigits } from '../../../src/linalg/spectrum.js';
import { singularValues } from '../../../src/linalg/svd.js';
import { EPS, frobenius, hilbert, randomMatrix, withSingularValues } from './matrices.js';

describe('spectrumSummary', () => {
  it('of an empty matrix: nothing to rank, condition 0 by convention, no energy', () => {
    for (const [m, n] of [[0, 0], [0, 3], [4, 0]]) {
      expect(spectrumSummary([], m, n)).toEqual({ sigma: [], rank: 0, tolerance: 0, condition: 0, energy: [], frobenius: 0, spectral: 0 });
    }
  });

  it('of a zero matrix: rank 0, condition Infinity, energy all 1, norms 0 — no NaN anywhere', () => {
    expect(spectrumSummary([0, 0], 3, 2)).toEqual({ sigma: [0, 0], rank: 0, tolerance: 0, condition: Infinity, energy: [1, 1], frobenius: 0, spectral: 0 });
  });

  it('of an exactly rank-deficient spectrum: rank counts the nonzero σ, condition is Infinity', () => {
    const s = spectrumSummary([3, 2, 1, 0], 5, 4);
    expect(s.rank).toBe(3);
    expect(s.condition).toBe(Infinity);
    expect(s.tolerance).toBe(3 * 5 * EPS);
    // 9 + 4 + 1 = 14. Squares are of σ/σ₁ (2/3, 1/3 rounded), so a few ε of rounding per entry.
    [9 / 14, 13 / 14, 1, 1].forEach((e, i) => expect(Math.abs(s.energy[i] - e)).toBeLessThanOrEqual(4 * EPS));
    expect(s.energy[2]).toBe(1);
  });

  it('of a computed rank-3 matrix: the rank is found although σ₄ comes out as rounding noise, not 0', () => {
    const sigma = singularValues(withSingularValues(6, 5, [3, 2, 1, 0, 0], 8));
    const s = spectrumSummary(sigma, 6, 5);
    expect(s.rank).toBe(3);
    expect(sigma[3]).toBeLessThan(s.tolerance);
    expect(s.condition).toBeGreaterThan(1 / (6 * EPS));
  });

  it('of Hilbert(12): numerically singular, rank 11, condition ∞', () => {
    const s = spectrumSummary(singularValues(hilbert(12)), 12, 12);
    // σ₁₂ ≈ 1.1e-16 lies below the rounding level 12·ε·σ₁ ≈ 5e-15: it is noise, so σ₁/σ₁₂ (numpy's
    // 1.64e16) is a ratio of noise, and the condition number is ∞ exactly when the rank is short.
    expect(s.condition).toBe(Infinity);
    expect(s.rank).toBe(11);
    expect(s.rank).toBeLessThan(12);
  });

  it('takes squares of σ/σ₁, so huge and tiny spectra neither overflow nor underflow', () => {
    const big = spectrumSummary([1e300, 1e300], 2, 2);
    expect(big.frobenius).toBeCloseTo(Math.SQRT2 * 1e300, -285);
    expect(big.energy).toEqual([0.5, 1]);
    const tiny = spectrumSummary([3e-300, 4e-300].reverse(), 2, 3);
    expect(tiny.frobenius / 5e-300).toBeCloseTo(1, 14);
    expect(tiny.condition).toBeCloseTo(4 / 3, 14);
  });

  it('agrees with ‖A‖_F and ‖A‖₂ computed directly, to a few ε (both are sums of p squares)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), fc.nat(), (m, n, seed) => {
        const a = randomMatrix(m, n, seed);
        const s = spectrumSummary(singularValues(a), m, n);
        // The SVD's backward error is ~max(m,n)·ε·‖A‖; the sums here add p·ε more.
        const tol = 10 * Math.max(m, n) * EPS;
        expect(Math.abs(s.frobenius - frobenius(a.flat())) / frobenius(a.flat())).toBeLessThan(tol);
        expect(s.spectral).toBe(s.sigma[0]);
        expect(s.energy.at(-1)).toBe(1);
        s.energy.forEach((e, i) => i > 0 && expect(e).toBeGreaterThanOrEqual(s.energy[i - 1]));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a spectrum of the wrong length, negative, non-finite or unsorted', () => {
    expect(() => spectrumSummary([1], 2, 2)).toThrow(ShapeError);
    expect(() => spectrumSummary([1], 2, 2)).toThrow('A 2×2 matrix has 2 singular values, but 1 were given.');
    expect(() => spectrumSummary([], -1, 2)).toThrow(ShapeError);
    expect(() => spectrumSummary([1, -1], 2, 2)).toThrow(/σ2 is -1/);
    expect(() => spectrumSummary([NaN, 1], 2, 2)).toThrow(RangeError);
    expect(() => spectrumSummary([1, 2], 2, 2)).toThrow(/descending/);
  });
});

describe('significantCount', () => {
  it('counts σᵢ/σ₁ ≥ threshold, ties at the threshold included', () => {
    expect(significantCount([10, 5, 0.01], 0.1)).toBe(2);
    expect(significantCount([10, 1, 0.01], 0.1)).toBe(2);
    expect(significantCount([10, 10, 1], 1)).toBe(2);
    expect(significantCount([10, 5, 0.01], 1e-3)).toBe(3);
  });

  it('is 0 for an empty or zero spectrum', () => {
    expect(significantCount([], 0.5)).toBe(0);
    expect(significantCount([0, 0], 0.5)).toBe(0);
  });

  it('refuses a threshold outside (0, 1]', () => {
    for (const t of [0, -0.1, 1.5, NaN]) expect(() => significantCount([1], t)).toThrow(RangeError);
  });
});

describe('conditionNumber, rankAndCondition, supportedDigits', () => {
  it('condition is ∞ exactly when the numerical rank is short, whatever the ratio of the last σ', () => {
    expect(conditionNumber([2, 1e-17], 1)).toBe(Infinity);
    expect(conditionNumber([2, 1], 2)).toBe(2);
    expect(conditionNumber([], 0)).toBe(0);
    // The SVD lab's singular 2×3 preset: σ₂ is rounding noise, so not "2.52e16".
    const sigma = singularValues([[1, 2, 0], [0.5, 1, 0]]);
    expect(rankAndCondition(sigma, 2, 3)).toEqual({ rank: 1, condition: Infinity });
    expect(rankAndCondition([1e-7, 1e-7], 2, 2)).toEqual({ rank: 2, condition: 1 });
  });

  it('prints only the digits an uncertainty leaves', () => {
    expect(supportedDigits(1.234, 0.02)).toBe(2);
    expect(supportedDigits(1.234, 0.2)).toBe(1);
    expect(supportedDigits(1.234, 5)).toBe(1);
    expect(supportedDigits(1.234, 1e-9)).toBe(4);
    expect(supportedDigits(1.234, 0)).toBe(4);
    expect(supportedDigits(123.4, 0.5)).toBe(3);
  });
});
