/**
 * The linear part of a dense layer: products, transposes, and composing two layers into one.
 */
import { ShapeError } from '../errors.js';
import { describe, requireLength, sizeOf } from './shape.js';
import type { Matrix, Vector } from './types.js';

/**
 * The matrix–vector product y = W x, with yᵢ = Σⱼ Wᵢⱼ xⱼ, for W of size m×n and x of length n.
 * Throws ShapeError when x's length is not n.
 * @example matVec([[1, 2], [3, 4]], [1, 1]) // [3, 7]
 */
export function matVec(W: Matrix, x: Vector): number[] {
  const size = sizeOf(W, 'matVec');
  requireLength(x, size.cols, () => `matVec: W is ${describe(size)} so x needs ${size.cols} entries, but it has ${x.length}.`);
  const y = new Array<number>(size.rows);
  for (let i = 0; i < size.rows; i++) {
    const row = W[i];
    let sum = 0;
    for (let j = 0; j < size.cols; j++) sum += row[j] * x[j];
    y[i] = sum;
  }
  return y;
}

/**
 * The matrix product C = A B, with Cᵢₖ = Σⱼ Aᵢⱼ Bⱼₖ, for A of size m×n and B of size n×p. Applying
 * C to a vector equals applying B first, then A. Throws ShapeError when the inner sizes differ.
 * @example matMul([[1, 2]], [[3], [4]]) // [[11]]
 */
export function matMul(A: Matrix, B: Matrix): number[][] {
  const a = sizeOf(A, 'matMul (A)');
  const b = sizeOf(B, 'matMul (B)');
  // `[]` cannot say how many columns it has (0×n is written the same), so it multiplies anything.
  if (a.cols !== b.rows && a.rows !== 0) {
    throw new ShapeError(`matMul: A is ${describe(a)} and B is ${describe(b)}; A's columns must equal B's rows.`);
  }
  const C: number[][] = [];
  for (let i = 0; i < a.rows; i++) {
    const row = new Array<number>(b.cols).fill(0);
    for (let j = 0; j < a.cols; j++) {
      const aij = A[i][j];
      const Bj = B[j];
      for (let k = 0; k < b.cols; k++) row[k] += aij * Bj[k];
    }
    C.push(row);
  }
  return C;
}

/**
 * The transpose Aᵀ, with (Aᵀ)ᵢⱼ = Aⱼᵢ: an m×n matrix becomes n×m.
 * @example transpose([[1, 2, 3]]) // [[1], [2], [3]]
 */
export function transpose(A: Matrix): number[][] {
  const { rows, cols } = sizeOf(A, 'transpose');
  return Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => A[i][j]));
}

/**
 * A dense layer's affine map z = W x + b, for W m×n, x of length n and b of length m.
 * Throws ShapeError on mismatched sizes.
 * @example applyLayer([[2, 0], [0, 3]], [1, -1], [1, 1]) // [3, 2]
 */
export function applyLayer(W: Matrix, b: Vector, x: Vector): number[] {
  const y = matVec(W, x);
  requireLength(b, y.length, () => `applyLayer: W has ${y.length} rows so b needs ${y.length} entries, but it has ${b.length}.`);
  for (let i = 0; i < y.length; i++) y[i] += b[i];
  return y;
}

/**
 * Fold two affine layers into one: second(first(x)) = W₂(W₁x + b₁) + b₂ = (W₂W₁) x + (W₂b₁ + b₂).
 * This is why stacking linear layers without an activation adds no expressive power.
 * Throws ShapeError when the first layer's output size is not the second's input size.
 * @example composeLayers({ W: [[2]], b: [1] }, { W: [[3]], b: [0] }) // { W: [[6]], b: [3] }
 */
export function composeLayers(
  first: { readonly W: Matrix; readonly b: Vector },
  second: { readonly W: Matrix; readonly b: Vector },
): { W: number[][]; b: number[] } {
  const s1 = sizeOf(first.W, 'composeLayers (first W)');
  const s2 = sizeOf(second.W, 'composeLayers (second W)');
  if (s2.cols !== s1.rows) {
    throw new ShapeError(
      `composeLayers: the first layer outputs ${s1.rows} numbers (W is ${describe(s1)}) but the second takes ${s2.cols} (W is ${describe(s2)}).`,
    );
  }
  requireLength(first.b, s1.rows, () => `composeLayers: the first W has ${s1.rows} rows but its b has ${first.b.length} entries.`);
  requireLength(second.b, s2.rows, () => `composeLayers: the second W has ${s2.rows} rows but its b has ${second.b.length} entries.`);
  return { W: matMul(second.W, first.W), b: applyLayer(second.W, second.b, first.b) };
}
