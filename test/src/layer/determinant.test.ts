import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../../src/errors.js';
import { determinant, rank, volumeFactor } from '../../../src/layer/determinant.js';
import { matMul } from '../../../src/layer/linear.js';
import { presetMatrix } from '../../../src/layer/presets.js';

describe('determinant', () => {
  it('matches hand values', () => {
    expect(determinant([])).toBe(1);
    expect(determinant([[-3]])).toBe(-3);
    expect(determinant([[1, 2], [3, 4]])).toBe(-2);
    expect(determinant([[6, 1, 1], [4, -2, 5], [2, 8, 7]])).toBe(-306);
    expect(determinant([[1, 2, 3], [4, 5, 6], [7, 8, 9]])).toBe(0);
    // numpy.linalg.det gives 30.000000000000004 for this Laplace-expansion textbook example.
    expect(determinant([[1, 0, 2, -1], [3, 0, 0, 5], [2, 1, 4, -3], [1, 0, 5, 0]])).toBeCloseTo(30, 12);
    expect(determinant([[2, 0, 0, 0, 0], [0, 3, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 4, 0], [0, 0, 0, 0, 0.5]])).toBe(12);
    expect(determinant([[1, 2, 3, 4], [2, 4, 6, 8], [0, 1, 0, 1], [1, 0, 1, 0]])).toBe(0);
  });

  it('refuses non-square and ragged matrices, naming the size', () => {
    expect(() => determinant([[1, 2, 3], [4, 5, 6]])).toThrow(ShapeError);
    expect(() => determinant([[1, 2, 3], [4, 5, 6]])).toThrow(/2×3/);
    expect(() => determinant([[1, 2], [3]])).toThrow(ShapeError);
  });

  it('of a permutation matrix is the sign of the permutation', () => {
    const permutation = fc
      .integer({ min: 1, max: 7 })
      .chain((n) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }));
    fc.assert(
      fc.property(permutation, (p) => {
        const n = p.length;
        const P = p.map((j) => Array.from({ length: n }, (_, k) => (k === j ? 1 : 0)));
        let inversions = 0;
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (p[i] > p[j]) inversions++;
        expect(determinant(P)).toBe(inversions % 2 === 0 ? 1 : -1);
      }),
      { numRuns: 200 },
    );
  });

  it('is multiplicative: det(AB) = det(A)·det(B)', () => {
    const pair = fc.integer({ min: 1, max: 6 }).chain((n) => {
      // Entries below 1e-3 become 0: subnormal products would underflow differently on each side.
      const cell = fc.double({ min: -2, max: 2, noNaN: true }).map((x) => (Math.abs(x) < 1e-3 ? 0 : x));
      const M = fc.array(fc.array(cell, { minLength: n, maxLength: n }), {
        minLength: n,
        maxLength: n,
      });
      return fc.tuple(M, M);
    });
    // Partial-pivoting LU (and the cofactor formulas) are backward stable: the computed det is
    // exact for a matrix within ~n·ε·growth of the input, so its error is at most about that
    // times Hadamard's bound Π‖rowᵢ‖ ≥ |det|. A relative 1e-9 of the Hadamard bounds leaves a wide
    // margin for n ≤ 6 yet catches any sign or pivoting mistake, which is off by O(|det|).
    const hadamard = (M: number[][]) => M.reduce((p, row) => p * Math.hypot(...row), 1);
    fc.assert(
      fc.property(pair, ([A, B]) => {
        const tolerance = 1e-9 * hadamard(A) * hadamard(B);
        expect(Math.abs(determinant(matMul(A, B)) - determinant(A) * determinant(B))).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 300 },
    );
  });
});

describe('rank', () => {
  it('matches hand values', () => {
    expect(rank([])).toBe(0);
    expect(rank([[0, 0], [0, 0]])).toBe(0);
    expect(rank([[1, 2], [2, 4]])).toBe(1);
    expect(rank([[1, 0, 0], [0, 1, 0], [0, 0, 1]])).toBe(3);
    expect(rank([[1, 2, 3], [4, 5, 6], [7, 8, 9]])).toBe(2);
    expect(rank([[1, 2], [3, 4], [5, 6]])).toBe(2);
    expect(rank([[1, 2, 3]])).toBe(1);
    expect(rank([[0.1, 0.2], [0.3, 0.6]])).toBe(1);
    expect(rank([[1, 0], [0, 1e-10]])).toBe(2);
    expect(rank([[1, 0], [0, 1e-10]], 1e-8)).toBe(1);
  });

  it('of a product A(m×k)·B(k×n) is at most k', () => {
    const factors = fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }))
      .chain(([m, k, n]) => {
        const cell = fc.integer({ min: -5, max: 5 });
        return fc.tuple(
          fc.array(fc.array(cell, { minLength: k, maxLength: k }), { minLength: m, maxLength: m }),
          fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: k, maxLength: k }),
          fc.constant(k),
        );
      });
    fc.assert(
      fc.property(factors, ([A, B, k]) => {
        expect(rank(matMul(A, B))).toBeLessThanOrEqual(k);
        expect(rank(matMul(A, B))).toBeLessThanOrEqual(Math.min(rank(A), rank(B)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('volumeFactor', () => {
  it('rotation: det 1, orientation kept', () => {
    const v = volumeFactor(presetMatrix('rotation', 2, 2));
    expect(v.kind).toBe('determinant');
    expect(v.value).toBeCloseTo(1, 15);
    expect(v.orientationFlipped).toBe(false);
    expect(v.rank).toBe(2);
  });

  it('reflection: det −1, orientation flipped', () => {
    expect(volumeFactor([[0, 1], [1, 0]])).toMatchObject({ kind: 'determinant', value: -1, orientationFlipped: true, rank: 2 });
  });

  it('singular: det 0, rank 1', () => {
    expect(volumeFactor([[1, 2], [0.5, 1]])).toMatchObject({ kind: 'determinant', value: 0, orientationFlipped: false, rank: 1 });
  });

  it('3×2 embedding with orthonormal columns scales area by 1', () => {
    const v = volumeFactor(presetMatrix('rotation', 3, 2));
    expect(v.kind).toBe('gram');
    // |1 − Π|Rₖₖ|| is a few ε: the columns are orthonormal only to rounding.
    expect(Math.abs(v.value - 1)).toBeLessThan(1e-14);
    expect(v.rank).toBe(2);
  });

  it('3×2 embeddings by hand: √det(WᵀW)', () => {
    expect(volumeFactor([[2, 0], [0, 3], [0, 0]]).value).toBeCloseTo(6, 14);
    expect(volumeFactor([[1, 0], [0, 1], [1, 1]]).value).toBeCloseTo(Math.sqrt(3), 14);
    expect(volumeFactor([[1, 2], [2, 4], [3, 6]])).toMatchObject({ kind: 'gram', rank: 1 });
    expect(volumeFactor([[1, 2], [2, 4], [3, 6]]).value).toBeLessThan(1e-14);
  });

  it('2×3 projection: no volume, rank of the image', () => {
    expect(volumeFactor([[1, 0, 0], [0, 1, 0]])).toMatchObject({ kind: 'projection', value: 0, orientationFlipped: false, rank: 2 });
    expect(volumeFactor([[1, 2, 3], [2, 4, 6]]).rank).toBe(1);
  });
});
