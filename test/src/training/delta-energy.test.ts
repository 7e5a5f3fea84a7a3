// deltaEnergy: the share of ‖ΔW‖_F² kept at each rank, checked on spectra whose answer is known
// exactly (rationals), against the LoRA lab's compression curve (1 − relative error²), and as
// properties (non-decreasing, 0 at r = 0, 1 at full rank; a flat spectrum is never low-rank).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compressionCurve } from '../../../src/lora/index.js';
import { deltaEnergy } from '../../../src/training/index.js';

describe('deltaEnergy', () => {
  it('keeps Σ_{i≤r} σᵢ² / Σ σᵢ² at rank r', () => {
    const e = deltaEnergy([3, 1, 0, 0]);
    expect(e.kept).toEqual([0, 0.9, 1, 1, 1]);
    expect(e.rankForShare).toBe(1);
    expect(e.directions).toBe(4);
    expect(e.lowRank).toBe(true);
    // 4² + 2² + 2² + 1² = 25: shares 16/25, 20/25, 24/25, 1.
    const f = deltaEnergy([4, 2, 2, 1], 0.95);
    expect(f.kept.map((k) => k * 25)).toEqual([0, 16, 20, 24, 25].map((v) => expect.closeTo(v, 13)));
    expect(f.rankForShare).toBe(3);
    expect(f.lowRank).toBe(false);
  });

  it('calls a flat spectrum spread, and does not judge ΔW = 0 or fewer than 4 directions', () => {
    const flat = deltaEnergy(Array(16).fill(0.5));
    expect(flat.rankForShare).toBe(15); // 14/16 < 0.9 ≤ 15/16
    expect(flat.lowRank).toBe(false);
    const zero = deltaEnergy([0, 0, 0, 0, 0]);
    expect(zero.kept).toEqual([0, 0, 0, 0, 0, 0]);
    expect(zero.rankForShare).toBe(0);
    expect(zero.lowRank).toBeUndefined();
    expect(deltaEnergy([2, 1e-9]).lowRank).toBeUndefined();
    expect(deltaEnergy([5]).kept).toEqual([0, 1]);
  });

  it('keeps its shares at magnitudes where σ² underflows or overflows (a case fast-check found)', () => {
    // σ₁² / (σ₁² + σ₂²) with σ = 1.5717277847026288e-162, 6.7698389130539e-163: both squares
    // underflow to subnormals unless the spectrum is scaled first.
    const tiny = deltaEnergy([1.5717277847026288e-162, 6.7698389130539e-163, 0], 0.01);
    const ratio = 1.5717277847026288 ** 2 / (1.5717277847026288 ** 2 + 0.67698389130539 ** 2);
    expect(tiny.kept[1]).toBeCloseTo(ratio, 14);
    for (const scale of [1e-300, 1e-160, 1e160, 1e300]) {
      expect(deltaEnergy([3 * scale, scale, 0, 0]).kept).toEqual([0, 0.9, 1, 1, 1]);
    }
  });

  it('refuses a bad share or a bad singular value, naming it', () => {
    expect(() => deltaEnergy([1], 0)).toThrow(/share/);
    expect(() => deltaEnergy([1], 1.5)).toThrow(/share/);
    expect(() => deltaEnergy([1, -1])).toThrow(/σ2/);
    expect(() => deltaEnergy([NaN])).toThrow(/σ1/);
  });

  it('agrees with the compression curve and rises from 0 to 1 (property)', () => {
    const spectrum = fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 24 }).map((s) => s.sort((a, b) => b - a));
    fc.assert(fc.property(spectrum, fc.double({ min: 0.01, max: 1, noNaN: true }), (sigma, share) => {
      const e = deltaEnergy(sigma, share);
      // ΔW = 0 only when every σ is 0 (a sum of squares would underflow for σ near 1e-162).
      if (sigma.every((s) => s === 0)) return e.kept.every((k) => k === 0);
      const curve = compressionCurve(sigma, sigma.length, sigma.length + 2);
      e.kept.forEach((k, r) => {
        expect(k).toBeCloseTo(1 - curve[r].relativeFrobenius ** 2, 10);
        if (r > 0) expect(k).toBeGreaterThanOrEqual(e.kept[r - 1]);
      });
      expect(e.kept[0]).toBe(0);
      expect(e.kept.at(-1)).toBe(1);
      expect(e.kept[e.rankForShare]).toBeGreaterThanOrEqual(share);
      if (e.rankForShare > 0) expect(e.kept[e.rankForShare - 1]).toBeLessThan(share);
      return true;
    }));
  });
});
