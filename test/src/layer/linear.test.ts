import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../../src/errors.js';
import { applyLayer, composeLayers, matMul, matVec, transpose } from '../../../src/layer/linear.js';

describe('matVec, matMul, transpose by hand', () => {
  it('matVec', () => {
    expect(matVec([[1, 2], [3, 4]], [5, 6])).toEqual([17, 39]);
    expect(matVec([[1, 0, -1], [2, 1, 0]], [1, 2, 3])).toEqual([-2, 4]);
    expect(matVec([], [])).toEqual([]);
  });

  it('matMul', () => {
    expect(matMul([[1, 2], [3, 4]], [[5, 6], [7, 8]])).toEqual([[19, 22], [43, 50]]);
    expect(matMul([[1, 2, 3], [4, 5, 6]], [[7, 8], [9, 10], [11, 12]])).toEqual([[58, 64], [139, 154]]);
    expect(matMul([[1, 2]], [[3], [4]])).toEqual([[11]]);
    expect(matMul([[3], [4]], [[1, 2]])).toEqual([[3, 6], [4, 8]]);
  });

  it('transpose', () => {
    expect(transpose([[1, 2, 3], [4, 5, 6]])).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(transpose([])).toEqual([]);
  });

  it('applyLayer is W x + b', () => {
    expect(applyLayer([[2, 0], [0, 3]], [1, -1], [1, 1])).toEqual([3, 2]);
  });
});

describe('shape errors name the sizes', () => {
  it('mismatched operands', () => {
    expect(() => matVec([[1, 2], [3, 4]], [1, 2, 3])).toThrow(ShapeError);
    expect(() => matVec([[1, 2], [3, 4]], [1, 2, 3])).toThrow(/2×2.*2 entries.*has 3/);
    expect(() => matMul([[1, 2]], [[1, 2]])).toThrow(/1×2 and B is 1×2/);
    expect(() => applyLayer([[1, 2]], [1, 2], [1, 1])).toThrow(/b needs 1 entries, but it has 2/);
    expect(() => composeLayers({ W: [[1, 2]], b: [0] }, { W: [[1, 2]], b: [0] })).toThrow(/outputs 1 numbers.*takes 2/);
  });

  it('ragged matrices', () => {
    expect(() => transpose([[1, 2], [3]])).toThrow(/row 2 has 1 entries but row 1 has 2/);
    expect(() => matVec([[1], [2, 3]], [1])).toThrow(ShapeError);
  });
});

// Entries below 1e-3 become 0, so products do not underflow into subnormals, where the rounding
// of each side differs by a subnormal unit that no relative tolerance can absorb.
const entry = fc.double({ min: -10, max: 10, noNaN: true }).map((x) => (Math.abs(x) < 1e-3 ? 0 : x));
const matrixOf = (rows: number, cols: number) =>
  fc.array(fc.array(entry, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
const vectorOf = (n: number) => fc.array(entry, { minLength: n, maxLength: n });

describe('properties', () => {
  it('transpose is an involution and (AB)ᵀ = BᵀAᵀ exactly', () => {
    const dims = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }));
    fc.assert(
      fc.property(dims.chain(([m, n, p]) => fc.tuple(matrixOf(m, n), matrixOf(n, p))), ([A, B]) => {
        expect(transpose(transpose(A))).toEqual(A);
        // Same products summed in the same order, so equal bit for bit.
        expect(transpose(matMul(A, B))).toEqual(matMul(transpose(B), transpose(A)));
      }),
      { numRuns: 200 },
    );
  });

  it('the composed layer equals applying both layers', () => {
    const layers = fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
      .chain(([n, k, m]) =>
        fc.record({ W1: matrixOf(k, n), b1: vectorOf(k), W2: matrixOf(m, k), b2: vectorOf(m), x: vectorOf(n) }),
      );
    fc.assert(
      fc.property(layers, ({ W1, b1, W2, b2, x }) => {
        const composed = composeLayers({ W: W1, b: b1 }, { W: W2, b: b2 });
        const direct = applyLayer(W2, b2, applyLayer(W1, b1, x));
        const viaComposed = applyLayer(composed.W, composed.b, x);
        // Both sides add the same terms Σ W2ᵢⱼ W1ⱼₖ xₖ in different orders; each rounding is at most
        // ε times the running magnitude, so the gap is below ~(k + n)·ε·scale. 1e-9·scale leaves a
        // margin of 10⁵ while any wrong formula would be off by O(scale).
        const abs = (M: readonly (readonly number[])[]) => M.map((row) => row.map(Math.abs));
        const scale = applyLayer(abs(W2), b2.map(Math.abs), applyLayer(abs(W1), b1.map(Math.abs), x.map(Math.abs)));
        viaComposed.forEach((v, i) => expect(Math.abs(v - direct[i])).toBeLessThanOrEqual(1e-9 * scale[i]));
      }),
      { numRuns: 300 },
    );
  });
});
