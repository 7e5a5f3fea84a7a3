// The generator behind random/randn: deterministic per seed, uniform draws in [0, 1) with 53 bits,
// and sample moments that match the distributions. Seeded, so every tolerance below is checked
// against fixed numbers; they are set at about 5 standard errors so a changed generator that is
// still correct would pass too.
import { describe, expect, it } from 'vitest';
import { randomArray, randomSource } from '../../../src/expression/random.js';

function sample(draw: () => number, n: number): number[] {
  return Array.from({ length: n }, draw);
}

function moments(xs: readonly number[]): { mean: number; variance: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return { mean, variance: xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1) };
}

describe('randomSource', () => {
  it('is deterministic per seed, and nearby seeds give unrelated streams', () => {
    const a = sample(randomSource(1).uniform, 5);
    expect(sample(randomSource(1).uniform, 5)).toEqual(a);
    const b = sample(randomSource(2).uniform, 5);
    a.forEach((x, i) => expect(x).not.toBe(b[i]));
    // Seeds are taken modulo 2³².
    expect(sample(randomSource(2 ** 32 + 1).uniform, 5)).toEqual(a);
    // Seed 0 is a valid seed too (xoshiro's all-zero state is avoided).
    expect(new Set(sample(randomSource(0).uniform, 100)).size).toBe(100);
  });

  it('draws uniform numbers in [0, 1) with mean ½ and variance 1/12', () => {
    const xs = sample(randomSource(42).uniform, 100_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const { mean, variance } = moments(xs);
    // Standard errors: 0.289/√n ≈ 9e-4 for the mean, ≈ 2.6e-4 for the variance.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5e-3);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(1.5e-3);
    // 53 random bits: some draws use bits below 2⁻³², which a 32-bit generator never sets.
    expect(xs.some((x) => (x * 2 ** 32) % 1 !== 0)).toBe(true);
  });

  it('draws standard normal numbers: mean 0, variance 1, about 95% within ±1.96', () => {
    const zs = sample(randomSource(7).normal, 100_000);
    expect(zs.every(Number.isFinite)).toBe(true);
    const { mean, variance } = moments(zs);
    // Standard errors: 1/√n ≈ 3.2e-3 for the mean, √(2/n) ≈ 4.5e-3 for the variance.
    expect(Math.abs(mean)).toBeLessThan(0.016);
    expect(Math.abs(variance - 1)).toBeLessThan(0.023);
    const inside = zs.filter((z) => Math.abs(z) < 1.959964).length / zs.length;
    expect(Math.abs(inside - 0.95)).toBeLessThan(0.004);
  });
});

describe('randomArray', () => {
  it('fills the given dimensions row by row', () => {
    let k = 0;
    const next = () => k++;
    expect(randomArray([], next)).toBe(0);
    expect(randomArray([3], next)).toEqual([1, 2, 3]);
    expect(randomArray([2, 2], next)).toEqual([[4, 5], [6, 7]]);
  });
});
