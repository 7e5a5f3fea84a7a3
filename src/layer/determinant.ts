/**
 * How a layer's matrix scales space: its determinant, numerical rank and volume factor.
 */
import { ShapeError } from '../errors.js';
import { pivotedQrDiagonal } from './qr.js';
import { describe, sizeOf } from './shape.js';
import type { Matrix } from './types.js';

/**
 * The determinant det(W) of a square matrix: the signed factor by which W scales n-dimensional
 * volume, negative when it flips orientation. Exact cofactor formulas for n ≤ 3 (so integer
 * matrices give exact integers, and a singular preset gives exactly 0); LU with partial pivoting,
 * det = ±Π Uₖₖ, for larger n. det([]) = 1, the empty product. Throws ShapeError if not square.
 * @example determinant([[1, 2], [3, 4]]) // -2
 */
export function determinant(W: Matrix): number {
  const size = sizeOf(W, 'determinant');
  if (size.rows !== size.cols) throw new ShapeError(`determinant needs a square matrix, but W is ${describe(size)}.`);
  const n = size.rows;
  if (n === 0) return 1;
  if (n === 1) return W[0][0];
  if (n === 2) return W[0][0] * W[1][1] - W[0][1] * W[1][0];
  if (n === 3) {
    const [[a, b, c], [d, e, f], [g, h, i]] = W;
    return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  }
  return luDeterminant(W, n);
}

function luDeterminant(W: Matrix, n: number): number {
  const a = W.map((row) => Float64Array.from(row));
  let det = 1;
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i][k]) > Math.abs(a[pivot][k])) pivot = i;
    if (a[pivot][k] === 0) return 0;
    if (pivot !== k) {
      [a[k], a[pivot]] = [a[pivot], a[k]];
      det = -det;
    }
    const pivotRow = a[k];
    det *= pivotRow[k];
    for (let i = k + 1; i < n; i++) {
      const row = a[i];
      const factor = row[k] / pivotRow[k];
      if (factor === 0) continue;
      for (let j = k + 1; j < n; j++) row[j] -= factor * pivotRow[j];
    }
  }
  return det;
}

/**
 * The numerical rank of W: how many of the diagonal magnitudes |Rₖₖ| of a column-pivoted
 * Householder QR exceed `tol`. By default tol = max(m, n)·ε·|R₁₁| (ε = 2⁻⁵²), where |R₁₁| is the
 * largest column norm, the usual threshold for "zero up to rounding" relative to W's scale.
 * @example rank([[1, 2], [2, 4]]) // 1
 */
export function rank(W: Matrix, tol?: number): number {
  const { rows, cols } = sizeOf(W, 'rank');
  const diagonal = pivotedQrDiagonal(W, rows, cols);
  if (diagonal.length === 0) return 0;
  const threshold = tol ?? Math.max(rows, cols) * Number.EPSILON * diagonal[0];
  return diagonal.filter((d) => d > threshold).length;
}

export interface VolumeFactor {
  /** determinant: square W; gram: m > n, an embedding; projection: m < n, flattening. */
  readonly kind: 'determinant' | 'gram' | 'projection';
  /** det(W); √det(WᵀW); or 0. */
  readonly value: number;
  /** True when a square W reverses orientation (det < 0). */
  readonly orientationFlipped: boolean;
  readonly rank: number;
}

/**
 * How W (m×n, mapping ℝⁿ → ℝᵐ) scales measure. Square: det(W), signed; orientation flips when it
 * is negative. m > n (an embedding of ℝⁿ into a bigger space): √det(WᵀW), the factor by which the
 * n-dimensional volume of a region grows on its image (the product of W's singular values, here
 * the product of |Rₖₖ| from QR). m < n (a projection onto a smaller space): n-dimensional volume
 * is squashed to 0, and `rank` says the dimension of the image. Throws ShapeError if ragged.
 * @example volumeFactor([[0, 1], [1, 0]]) // { kind: 'determinant', value: -1, orientationFlipped: true, rank: 2 }
 */
export function volumeFactor(W: Matrix): VolumeFactor {
  const { rows, cols } = sizeOf(W, 'volumeFactor');
  const r = rank(W);
  if (rows === cols) {
    const value = determinant(W);
    return { kind: 'determinant', value, orientationFlipped: value < 0, rank: r };
  }
  if (rows > cols) {
    const value = pivotedQrDiagonal(W, rows, cols).reduce((p, d) => p * d, 1);
    return { kind: 'gram', value, orientationFlipped: false, rank: r };
  }
  return { kind: 'projection', value: 0, orientationFlipped: false, rank: r };
}
