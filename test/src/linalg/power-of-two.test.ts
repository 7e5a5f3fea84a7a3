import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryExponent, scaledTailSums, timesPowerOfTwo } from '../../../src/linalg/power-of-two.js';

describe('binaryExponent and timesPowerOfTwo', () => {
  it('finds 2ᵉ ≤ x < 2ᵉ⁺¹ at powers of two, their neighbours and the subnormals', () => {
    expect(binaryExponent(1)).toBe(0);
    expect(binaryExponent(1 - 2 ** -53)).toBe(-1);
    expect(binaryExponent(2 ** 1023 * (2 - 2 ** -52))).toBe(1023);
    expect(binaryExponent(Number.MIN_VALUE)).toBe(-1074);
    expect(binaryExponent(3)).toBe(1);
    expect(timesPowerOfTwo(Number.MIN_VALUE, 1074)).toBe(1);
    expect(timesPowerOfTwo(1, -1074)).toBe(Number.MIN_VALUE);
  });
});

describe('scaledTailSums', () => {
  it('sums the squares from the last value, scaled by the largest value’s power of two', () => {
    expect(scaledTailSums([3, 1])).toEqual([10 / 4, 1 / 4, 0]); // 2¹ ≤ 3 < 2²: (3/2)² + (1/2)²
    expect(scaledTailSums([0.5, 0.5, 0])).toEqual([2, 1, 0, 0]); // scaled by 2¹
    expect(scaledTailSums([])).toEqual([0]);
    expect(scaledTailSums([0, 0])).toEqual([0, 0, 0]);
  });

  it('gives the same bits for a spectrum scaled by any power of two, down to 1e-300 and up to 1e300', () => {
    const spectrum = fc.array(fc.double({ min: 2 ** -20, max: 2 ** 20, noNaN: true }), { minLength: 1, maxLength: 12 })
      .map((values) => values.sort((a, b) => b - a));
    fc.assert(fc.property(spectrum, fc.integer({ min: -990, max: 990 }), (sigma, k) => {
      const scaled = sigma.map((s) => timesPowerOfTwo(s, k));
      expect(scaledTailSums(scaled)).toEqual(scaledTailSums(sigma));
    }), { seed: 15, numRuns: 300 });
  });

  it('a tail over the whole is the unscaled ratio Σ_{i≥r} σᵢ² / Σ σᵢ², where squares cannot underflow', () => {
    const sigma = [5, 4, 2, 1];
    const tail = scaledTailSums(sigma);
    expect(tail.map((t) => t / tail[0]!)).toEqual([46, 21, 5, 1, 0].map((t) => t / 46));
  });
});
