import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../../src/errors.js';
import { determinant, rank } from '../../../src/layer/determinant.js';
import { matMul, transpose } from '../../../src/layer/linear.js';
import { PRESETS, presetMatrix, seededRandomMatrix } from '../../../src/layer/presets.js';

const SHAPES = [[2, 2], [3, 3], [2, 3], [3, 2]] as const;

/** max |Aᵢⱼ − Bᵢⱼ| */
function maxDifference(A: number[][], B: number[][]): number {
  return Math.max(...A.flatMap((row, i) => row.map((v, j) => Math.abs(v - B[i][j]))));
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

describe('presetMatrix', () => {
  it.each(PRESETS.flatMap((name) => SHAPES.map(([m, n]) => [name, m, n] as const)))('%s %d×%d has the asked shape', (name, m, n) => {
    const W = presetMatrix(name, m, n);
    expect(W).toHaveLength(m);
    for (const row of W) expect(row).toHaveLength(n);
    expect(W.flat().every(Number.isFinite)).toBe(true);
  });

  // Rotations are built from cos/sin, so orthonormality holds to a few ε (tolerance 1e-15 per entry).
  it.each([2, 3])('rotation %d×%d has det 1 and orthonormal columns', (n) => {
    const R = presetMatrix('rotation', n, n);
    expect(Math.abs(determinant(R) - 1)).toBeLessThan(1e-15 * 4);
    expect(maxDifference(matMul(transpose(R), R), identity(n))).toBeLessThan(1e-15 * 4);
  });

  it('rotation 3×2 keeps orthonormal columns', () => {
    const R = presetMatrix('rotation', 3, 2);
    expect(maxDifference(matMul(transpose(R), R), identity(2))).toBeLessThan(1e-15 * 4);
  });

  it.each([2, 3])('reflection %d×%d has det −1', (n) => {
    expect(determinant(presetMatrix('reflection', n, n))).toBe(-1);
  });

  it.each(SHAPES)('singular %d×%d is rank-deficient (det 0 when square)', (m, n) => {
    const W = presetMatrix('singular', m, n);
    expect(rank(W)).toBeLessThan(Math.min(m, n));
    if (m === n) expect(determinant(W)).toBe(0);
  });

  it.each([2, 3])('projection %d×%d is idempotent: P² = P', (n) => {
    const P = presetMatrix('projection', n, n);
    expect(matMul(P, P)).toEqual(P);
    expect(determinant(P)).toBe(0);
  });

  it('identity, scaling and shear are what they say', () => {
    expect(presetMatrix('identity', 3, 3)).toEqual(identity(3));
    expect(presetMatrix('scaling', 2, 2)).toEqual([[1.5, 0], [0, 0.5]]);
    expect(presetMatrix('shear', 2, 2)).toEqual([[1, 0.75], [0, 1]]);
    expect(determinant(presetMatrix('shear', 3, 3))).toBe(1);
  });

  it('non-square presets are the leading block of the 3×3 one', () => {
    const full = presetMatrix('scaling', 3, 3);
    expect(presetMatrix('scaling', 2, 3)).toEqual(full.slice(0, 2));
    expect(presetMatrix('scaling', 3, 2)).toEqual(full.map((row) => row.slice(0, 2)));
  });

  it('refuses other shapes', () => {
    expect(() => presetMatrix('identity', 4, 4)).toThrow(ShapeError);
    expect(() => presetMatrix('identity', 1, 2)).toThrow(/not 1×2/);
  });

  it('random uses the seed', () => {
    expect(presetMatrix('random', 2, 3, 7)).toEqual(seededRandomMatrix(2, 3, 7));
  });
});

describe('seededRandomMatrix', () => {
  it('is deterministic per seed, different across seeds, in range with 2 decimals', () => {
    expect(seededRandomMatrix(3, 3, 42)).toEqual(seededRandomMatrix(3, 3, 42));
    const seen = new Set<string>();
    for (let seed = 0; seed < 50; seed++) {
      const M = seededRandomMatrix(3, 3, seed);
      seen.add(JSON.stringify(M));
      for (const v of M.flat()) {
        expect(v).toBeGreaterThanOrEqual(-1.5);
        expect(v).toBeLessThanOrEqual(1.5);
        expect(Math.round(v * 100) / 100).toBe(v);
        expect(Object.is(v, -0)).toBe(false);
      }
    }
    expect(seen.size).toBe(50);
  });

  it('refuses impossible sizes', () => {
    expect(() => seededRandomMatrix(-1, 2, 1)).toThrow(ShapeError);
    expect(seededRandomMatrix(0, 0, 1)).toEqual([]);
  });
});
