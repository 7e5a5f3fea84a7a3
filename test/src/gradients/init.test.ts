// Weight initialisations: orthogonal really is orthogonal, Gaussian has variance scale²/n, and the
// critical scales are the ones the lab states.
import { describe, expect, it } from 'vitest';
import { randomSource } from '../../../src/expression/random.js';
import { criticalScale, initialWeight, orthogonalMatrix } from '../../../src/gradients/index.js';
import { singularValues } from '../../../src/linalg/index.js';
import { EPS } from '../linalg/matrices.js';

const rows = (W: Float64Array, n: number) => Array.from({ length: n }, (_, i) => Array.from(W.subarray(i * n, i * n + n)));

describe('orthogonalMatrix', () => {
  it.each([1, 2, 3, 17, 64])('QᵀQ = I to a few n·ε (n = %i)', (n) => {
    const Q = orthogonalMatrix(n, randomSource(n));
    let worst = 0;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += Q[i * n + a]! * Q[i * n + b]!;
        worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
      }
    }
    // LAPACK's orthogonality ratio ‖I − QᵀQ‖/(n·ε) below 50 (RELIABILITY.md), entry by entry here.
    expect(worst / (n * EPS)).toBeLessThan(50);
  });

  it('is not biased towards det = +1 or −1 and its first column points all over (Haar, roughly)', () => {
    let positive = 0;
    for (let seed = 0; seed < 200; seed++) {
      const Q = orthogonalMatrix(2, randomSource(seed));
      if (Q[0]! * Q[3]! - Q[1]! * Q[2]! > 0) positive++;
    }
    // Binomial(200, ½): 5 standard deviations is ±35.
    expect(Math.abs(positive - 100)).toBeLessThan(35);
  });
});

describe('initialWeight', () => {
  it('gaussian: entries of variance scale²/n', () => {
    const n = 200;
    const W = initialWeight('gaussian', n, 2, randomSource(1));
    const variance = W.reduce((s, v) => s + v * v, 0) / (n * n);
    // 40 000 draws: the sample variance has relative standard error √(2/40000) ≈ 0.7 %.
    expect(Math.abs(variance / (4 / n) - 1)).toBeLessThan(0.04);
  });

  it('orthogonal: every singular value equals the scale', () => {
    const sigma = singularValues(rows(initialWeight('orthogonal', 12, 1.5, randomSource(3)), 12));
    sigma.forEach((s) => expect(Math.abs(s - 1.5)).toBeLessThan(50 * 12 * EPS));
  });

  it('identity: scale·(I + noise·N/√n), exactly scale·I without noise', () => {
    const W = initialWeight('identity', 3, 2, randomSource(3), 0);
    expect(Array.from(W)).toEqual([2, 0, 0, 0, 2, 0, 0, 0, 2]);
    const noisy = initialWeight('identity', 50, 1, randomSource(3), 0.1);
    expect(Math.abs(noisy[0]! - 1)).toBeLessThan(0.1);
  });

  it('refuses bad arguments', () => {
    expect(() => initialWeight('gaussian', 0, 1, randomSource(1))).toThrow(RangeError);
    expect(() => initialWeight('gaussian', 2, NaN, randomSource(1))).toThrow(RangeError);
    expect(() => initialWeight('bogus' as never, 2, 1, randomSource(1))).toThrow(/unknown/);
  });
});

describe('criticalScale', () => {
  it('is 1 for a linear chain, √2 with ReLU (He), 1/√(1 + noise²) for identity plus noise', () => {
    expect(criticalScale('gaussian', false)).toBe(1);
    expect(criticalScale('gaussian', true)).toBe(Math.SQRT2);
    expect(criticalScale('orthogonal', false)).toBe(1);
    expect(criticalScale('identity', false, 0)).toBe(1);
    expect(criticalScale('identity', true, 0.5)).toBeCloseTo(1 / Math.sqrt(1.25), 15);
  });
});
