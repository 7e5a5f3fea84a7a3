// The softmax at the heart of attention: exact small cases, the documented limits (all masked,
// +Infinity, NaN), extreme scores by fast-check, and the entropy readout.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NaNScoreError, rowEntropy, softmax } from '../../../src/attention/index.js';

describe('softmax', () => {
  it('is exp(s)/Σexp(s) on small scores', () => {
    const p = softmax([0, Math.log(2), Math.log(5)]);
    // 1 : 2 : 5 of 8; each a division of small integers' exps: a few ulps.
    [1 / 8, 2 / 8, 5 / 8].forEach((want, j) => expect(p[j]).toBeCloseTo(want, 15));
  });

  it('gives masked (−Infinity) entries exactly 0 and keeps the rest a distribution', () => {
    expect(softmax([1, -Infinity, 1])).toEqual([0.5, 0, 0.5]);
  });

  it('handles scores of ±1e300 without NaN: the largest wins', () => {
    expect(softmax([1e300, -1e300, 0])).toEqual([1, 0, 0]);
    expect(softmax([1e300, 1e300])).toEqual([0.5, 0.5]);
    expect(softmax([-1.7e308, 1.7e308])).toEqual([0, 1]);
  });

  it('shares the weight among +Infinity entries (the limit as they grow)', () => {
    expect(softmax([Infinity, 3, Infinity, -Infinity])).toEqual([0.5, 0, 0.5, 0]);
  });

  it('turns a row of only −Infinity (every key masked) into zeros, never NaN', () => {
    expect(softmax([-Infinity, -Infinity])).toEqual([0, 0]);
    expect(softmax([])).toEqual([]);
  });

  it('refuses NaN, naming the row and column', () => {
    expect(() => softmax([0, NaN], 4)).toThrow(NaNScoreError);
    try {
      softmax([0, NaN], 4);
    } catch (error) {
      expect((error as NaNScoreError).row).toBe(4);
      expect((error as NaNScoreError).col).toBe(1);
    }
  });

  const extreme = fc.oneof(
    fc.double({ noNaN: true }),
    fc.constantFrom(1e300, -1e300, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE, 0, 5e-324),
  );

  it('never returns NaN; sums to 1 within 1e-12 unless every entry is −Infinity (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(extreme, { minLength: 1, maxLength: 32 }), (scores) => {
        const p = softmax(scores);
        p.forEach((v) => {
          expect(Number.isNaN(v)).toBe(false);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        });
        scores.forEach((s, j) => s === -Infinity && expect(p[j]).toBe(0));
        const sum = p.reduce((s, v) => s + v, 0);
        if (scores.every((s) => s === -Infinity)) expect(sum).toBe(0);
        // ≤ 32 terms in [0, 1]: rounding below 32ε ≈ 7e-15.
        else expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
      }),
      { numRuns: 1000 },
    );
  });

  it('does not change when a constant is added to every score (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 16 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (scores, c) => {
          const a = softmax(scores);
          const b = softmax(scores.map((s) => s + c));
          // Adding c rounds each score by up to ~|c|ε ≈ 2e-13; exp turns that into a relative error of the same size.
          a.forEach((v, j) => expect(Math.abs(v - b[j]!)).toBeLessThan(1e-11));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('rowEntropy', () => {
  it('is 0 for a one-hot row and ln n for a uniform one', () => {
    expect(rowEntropy([0, 1, 0])).toBe(0);
    expect(rowEntropy([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(Math.log(4), 15);
  });

  it('lies in [0, ln n] for every softmax row (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 32 }), (scores) => {
        const h = rowEntropy(softmax(scores));
        expect(h).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThanOrEqual(Math.log(scores.length) + 1e-12);
      }),
    );
  });
});
