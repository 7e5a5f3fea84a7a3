// The compression curve of a real matrix from its singular values (Eckart–Young), from the full
// spectrum and from the top k with the Frobenius norm, and where a low-rank form pays off.
import { describe, expect, it } from 'vitest';
import { singularValues } from '../../../src/linalg/index.js';
import { compressionCurve, compressionPayoff } from '../../../src/lora/compression.js';
import { bestRankApproximation, frobeniusNorm } from '../../../src/lora/index.js';

// numpy: r = np.random.default_rng(11).standard_normal((6, 4)); r[1, 2] = 0; r[4, 0] = -0.0
const R = [[0.03419276725318417, 1.3597475403099617, 1.2247210785859324, -0.5103070767876675],
  [-0.2979695111064471, -0.5273841930334252, 0.0, -0.056064439045617594],
  [0.7468856162565439, -1.8473247989741095, 1.5665487746995206, -0.09643216015562055],
  [0.6803784532741461, -0.13656633397682774, -0.3790985670748533, 0.46311015859758675],
  [-0.0, -0.20252987069345152, -0.15278617857019708, 0.685698610809258],
  [-0.8703406419471712, -1.5143835037313955, 0.39498186274953, -0.6705658236878794]];
// s = np.linalg.svd(r, compute_uv=False); [np.sqrt((s[k:]**2).sum()) / np.linalg.norm(r) for k in range(5)]
const NUMPY_SIGMA = [2.9476851104407498, 2.010476788753955, 1.5692147412622086, 0.5018351715774679];
const NUMPY_RELATIVE = [1.0000000000000002, 0.66139096542544, 0.41920929550778285, 0.1276924445691167, 0];

describe('compressionCurve from the full spectrum', () => {
  const sigma = singularValues(R);
  const curve = compressionCurve(sigma, 6, 4);

  it('gives ‖M − M_r‖_F/‖M‖_F = √(Σ_{i>r} σᵢ²)/‖M‖_F as numpy computes it', () => {
    expect(curve.map((c) => c.rank)).toEqual([0, 1, 2, 3, 4]);
    // numpy's σ and ours differ by a few ulps (different SVD codes); the ratios by as many.
    curve.forEach((c, r) => expect(Math.abs(c.relativeFrobenius - NUMPY_RELATIVE[r]!)).toBeLessThan(1e-14));
    sigma.forEach((s, i) => expect(Math.abs(s / NUMPY_SIGMA[i]! - 1)).toBeLessThan(1e-14));
  });

  it('gives the spectral error σ_{r+1}, its ratio to σ₁, and the parameter count r(d + k)', () => {
    expect(curve.map((c) => c.spectral)).toEqual([...sigma, 0]);
    expect(curve[1]!.relativeSpectral).toBe(sigma[1]! / sigma[0]!);
    expect(curve.map((c) => c.parameters)).toEqual([0, 10, 20, 30, 40]);
  });

  it('matches the error of the truncated SVD measured entry by entry', () => {
    const norm = frobeniusNorm(R);
    for (const c of curve) {
      const product = bestRankApproximation(R, c.rank).product;
      const residual = R.map((row, i) => row.map((v, j) => v - product[i]![j]!));
      expect(Math.abs(frobeniusNorm(residual) / norm - c.relativeFrobenius)).toBeLessThan(1e-14);
    }
  });
});

describe('compressionCurve from the top k and ‖M‖_F', () => {
  const sigma = singularValues(R);
  const norm = frobeniusNorm(R);

  it('agrees with the full curve where both are known, and leaves σ_{k+1} unknown', () => {
    const full = compressionCurve(sigma, 6, 4);
    const top = compressionCurve(sigma.slice(0, 2), 6, 4, norm);
    expect(top).toHaveLength(3);
    // √(‖M‖² − Σ_{i≤r} σᵢ²) against √(Σ_{i>r} σᵢ²): equal in exact arithmetic; the subtraction costs
    // ~ε·‖M‖²/error² relative, here ≤ 10·ε since the error is ≥ 0.4‖M‖.
    top.forEach((c, r) => expect(Math.abs(c.relativeFrobenius - full[r]!.relativeFrobenius)).toBeLessThan(1e-14));
    expect(top[1]!.spectral).toBe(sigma[1]);
    expect(top[2]!.spectral).toBeUndefined();
    expect(top[2]!.relativeSpectral).toBeUndefined();
  });

  it('needs the norm, and refuses a spectrum longer than min(d, k)', () => {
    expect(() => compressionCurve(sigma.slice(0, 2), 6, 4)).toThrow(/Frobenius norm/);
    expect(() => compressionCurve([...sigma, 0], 6, 4)).toThrow(RangeError);
    expect(() => compressionCurve(sigma, 0, 4)).toThrow(RangeError);
  });

  it('clamps at 0 when rounding makes the kept energy exceed the total', () => {
    const top = compressionCurve([1, 1], 3, 3, Math.SQRT2 * (1 - Number.EPSILON));
    expect(top[2]!.frobenius).toBe(0);
  });

  it('is all zeros for the zero matrix', () => {
    expect(compressionCurve([0, 0], 2, 3).map((c) => [c.frobenius, c.relativeFrobenius, c.relativeSpectral])).toEqual([[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
  });
});

describe('compressionPayoff', () => {
  it('puts the break-even rank at dk/(d + k) and finds the smallest rank for each error target', () => {
    const sigma = singularValues(R);
    const payoff = compressionPayoff(compressionCurve(sigma, 6, 4), 6, 4, [0.7, 0.5, 0.2, 0]);
    expect(payoff.full).toBe(24);
    expect(payoff.breakEven).toBe(2.4);
    expect(payoff.targets.map((t) => t.rank)).toEqual([1, 2, 3, 4]);
    // Rank 2 stores 2·(6 + 4) = 20 < 24 numbers; rank 3 stores 30 > 24: past the break-even, no saving.
    expect(payoff.targets.map((t) => t.saves)).toEqual([true, true, false, false]);
    expect(payoff.targets[0]!.ratio).toBe(2.4);
  });

  it('says when a top-k curve does not reach a target', () => {
    const sigma = singularValues(R);
    const payoff = compressionPayoff(compressionCurve(sigma.slice(0, 1), 6, 4, frobeniusNorm(R)), 6, 4, [0.01]);
    expect(payoff.targets[0]).toEqual({ tolerance: 0.01, rank: undefined, parameters: undefined, ratio: undefined, saves: undefined });
  });
});
