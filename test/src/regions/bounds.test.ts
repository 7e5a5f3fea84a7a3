// The bounds on region counts: values worked out by hand, Serra et al.'s sum against a brute-force
// enumeration of its index set J, the order lower ≤ upper, and measured counts never above the
// upper bound. All counts are exact integers (below 2⁵³ here), compared with toBe.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { montufarLowerBound, serraUpperBound, zaslavskyCount } from '../../../src/regions/bounds.js';
import { initNetwork } from '../../../src/regions/init.js';
import { linearRegions } from '../../../src/regions/partition.js';

const binomial = (n: number, k: number): number => (k < 0 || k > n ? 0 : k === 0 ? 1 : (binomial(n - 1, k - 1) * n) / k);

/** Serra et al.'s Theorem 1 summed literally: every (j_1, …, j_L) in J, ∏ C(n_l, j_l). */
function serraByEnumeration(widths: number[], d: number): number {
  const walk = (l: number, cap: number): number => {
    if (l === widths.length) return 1;
    const n = widths[l];
    let sum = 0;
    for (let j = 0; j <= Math.min(cap, n); j++) sum += binomial(n, j) * walk(l + 1, Math.min(cap, n - j));
    return sum;
  };
  return walk(0, d);
}

describe('zaslavskyCount', () => {
  it.each([
    [0, 2, 1], [1, 2, 2], [2, 2, 4], [3, 2, 7], [2, 3, 4], [3, 3, 8], [4, 3, 15],
    [64, 2, 1 + 64 + 2016], [64, 3, 1 + 64 + 2016 + 41664],
  ])('%d hyperplanes in R^%d: %d regions', (n, d, count) => expect(zaslavskyCount(n, d)).toBe(count));

  it('refuses a negative or fractional count', () => {
    expect(() => zaslavskyCount(-1, 2)).toThrow(expect.objectContaining({ path: 'n' }));
    expect(() => zaslavskyCount(2, 1.5)).toThrow(expect.objectContaining({ path: 'd' }));
  });
});

describe('montufarLowerBound', () => {
  it.each([
    [[4, 4], 2, 4 * 11],
    [[2], 2, 4],
    [[6, 6, 6], 3, 8 * 8 * (1 + 6 + 15 + 20)],
    [[64, 64, 64], 2, 1024 * 1024 * 2081],
    [[4, 1], 2, 4 * 2], // a last layer narrower than d: 2^{n_L} regions of its arrangement
  ])('%j in R^%d: %d', (widths, d, bound) => expect(montufarLowerBound(widths, d)).toBe(bound));

  it('does not apply (NaN) when an earlier layer is narrower than the input', () => {
    expect(montufarLowerBound([1, 4], 2)).toBeNaN();
  });
});

describe('serraUpperBound', () => {
  it('is 11 for two layers of two in the plane, where the cruder ∏ Σ C(n, j) gives 16', () => {
    expect(serraUpperBound([2, 2], 2)).toBe(11);
  });

  it('equals Zaslavsky’s count for one layer (the theorem is tight there)', () => {
    for (let n = 1; n <= 64; n++) for (const d of [2, 3]) expect(serraUpperBound([n], d)).toBe(zaslavskyCount(n, d));
  });

  it('equals the literal sum over J (fast-check over widths 1–12, depth 1–5)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 5 }), fc.constantFrom(2, 3), (widths, d) => {
      expect(serraUpperBound(widths, d)).toBe(serraByEnumeration(widths, d));
    }));
  });

  it('is at least Montúfar’s lower bound wherever that applies', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 3, max: 64 }), { minLength: 1, maxLength: 8 }), fc.constantFrom(2, 3), (widths, d) => {
      expect(serraUpperBound(widths, d)).toBeGreaterThanOrEqual(montufarLowerBound(widths, d));
    }));
  });

  it('stays a finite number for the largest networks of the lab (8 layers of 64 in 3D)', () => {
    const bound = serraUpperBound(Array(8).fill(64), 3);
    expect(Number.isFinite(bound)).toBe(true);
    expect(bound).toBeGreaterThan(1e30);
  });

  it('is never below a measured count', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }), fc.constantFrom(2, 3) as fc.Arbitrary<2 | 3>, fc.nat(),
      (hidden, d, seed) => {
        const net = initNetwork({ inputs: d, hidden, init: 'pytorch', seed });
        const box = { min: Array(d).fill(-20), max: Array(d).fill(20) };
        expect(linearRegions(net, box).regions.length).toBeLessThanOrEqual(serraUpperBound(hidden, d));
      },
    ), { numRuns: 30 });
  });
});
