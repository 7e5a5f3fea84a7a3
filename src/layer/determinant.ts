/**
 * How a layer's matrix scales space: its determinant, numerical rank and volume factor.
 */
import { ShapeError } from '../errors.js';
import { rankAndCondition } from '../linalg/spectrum.js';
import { singularValues } from '../linalg/svd.js';
import { describe, sizeOf } from './shape.js';
import type { Matrix } from './types.js';

/** A number kept as mantissa·2^exponent (|mantissa| in [1, 2), or 0), so it cannot overflow or underflow. */
export interface ScaledNumber {
  readonly mantissa: number;
  readonly exponent: number;
}

/** x·2^k, exact unless the result leaves the double range (done in steps, since 2^k itself may not be a double). */
export function timesPowerOfTwo(x: number, k: number): number {
  let y = x;
  let left = k;
  while (left > 1000) {
    y *= 2 ** 1000;
    left -= 1000;
  }
  while (left < -1000) {
    y *= 2 ** -1000;
    left += 1000;
  }
  return y * 2 ** left;
}

/** x as mantissa·2^exponent with |mantissa| in [1, 2) (0 as 0·2⁰); x finite. */
export function splitScaled(x: number, extra = 0): ScaledNumber {
  if (x === 0 || !Number.isFinite(x)) return { mantissa: x === 0 ? 0 : x, exponent: 0 };
  let e = Math.floor(Math.log2(Math.abs(x)));
  let m = timesPowerOfTwo(x, -e);
  // log2 can be off by one near powers of two: nudge into [1, 2).
  if (Math.abs(m) >= 2) {
    m /= 2;
    e++;
  } else if (Math.abs(m) < 1) {
    m *= 2;
    e--;
  }
  return { mantissa: m, exponent: e + extra };
}

/** The double nearest mantissa·2^exponent: ±Infinity past the largest double, 0 below the smallest. */
export function scaledValue(s: ScaledNumber): number {
  return timesPowerOfTwo(s.mantissa, s.exponent);
}

/**
 * det(W) of a square matrix as mantissa·2^exponent, computed so no intermediate overflows or
 * underflows: each row i is first scaled by the power of two 2^(−kᵢ) that brings its largest entry
 * into [0.5, 1) (exact), then det(W) = 2^(Σkᵢ)·det(scaled). The scaled determinant comes from the
 * cofactor formulas for n ≤ 3 (so integer matrices give exact integers, and a singular preset
 * exactly 0) and from LU with partial pivoting, det = ±Π Uₖₖ, renormalised at every step, for
 * larger n. det([]) = 1. Throws ShapeError if W is not square.
 * @example scaledValue(determinantScaled([[1e160, 2e160], [3e160, 4e160]])) // -Infinity; the mantissa and exponent say −2·10³²⁰
 */
export function determinantScaled(W: Matrix): ScaledNumber {
  const size = sizeOf(W, 'determinant');
  if (size.rows !== size.cols) throw new ShapeError(`determinant needs a square matrix, but W is ${describe(size)}.`);
  const n = size.rows;
  if (n === 0) return { mantissa: 1, exponent: 0 };
  let shift = 0;
  const a: number[][] = [];
  for (const row of W) {
    const max = Math.max(...row.map(Math.abs));
    if (max === 0) return { mantissa: 0, exponent: 0 };
    const k = splitScaled(max).exponent + 1;
    shift += k;
    a.push(row.map((x) => timesPowerOfTwo(x, -k)));
  }
  if (n === 1) return splitScaled(a[0][0], shift);
  if (n === 2) return splitScaled(a[0][0] * a[1][1] - a[0][1] * a[1][0], shift);
  if (n === 3) {
    const [[p, q, r], [d, e, f], [g, h, i]] = a;
    return splitScaled(p * (e * i - f * h) - q * (d * i - f * g) + r * (d * h - e * g), shift);
  }
  return luDeterminant(a, n, shift);
}

/**
 * The determinant det(W) of a square matrix: the signed factor by which W scales n-dimensional
 * volume, negative when it flips orientation. The double nearest determinantScaled(W): ±Infinity
 * when the true value is beyond the double range (never NaN), 0 when it is below it. det([]) = 1.
 * Throws ShapeError if not square.
 * @example determinant([[1, 2], [3, 4]]) // -2
 */
export function determinant(W: Matrix): number {
  return scaledValue(determinantScaled(W));
}

function luDeterminant(a: number[][], n: number, shift: number): ScaledNumber {
  let mantissa = 1;
  let exponent = shift;
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i][k]) > Math.abs(a[pivot][k])) pivot = i;
    if (a[pivot][k] === 0) return { mantissa: 0, exponent: 0 };
    if (pivot !== k) {
      [a[k], a[pivot]] = [a[pivot], a[k]];
      mantissa = -mantissa;
    }
    const pivotRow = a[k];
    const next = splitScaled(mantissa * pivotRow[k]);
    mantissa = next.mantissa;
    exponent += next.exponent;
    for (let i = k + 1; i < n; i++) {
      const row = a[i];
      const factor = row[k] / pivotRow[k];
      if (factor === 0) continue;
      for (let j = k + 1; j < n; j++) row[j] -= factor * pivotRow[j];
    }
  }
  return { mantissa, exponent };
}

/**
 * The numerical rank of W: how many singular values exceed `tol`, by default max(m, n)·ε·σ₁ (ε =
 * 2⁻⁵², LAPACK's and numpy's matrix_rank threshold). The SVD scales W by a power of two first, so
 * the rank of 10^±300·W is the rank of W.
 * @example rank([[1, 2], [2, 4]]) // 1
 */
export function rank(W: Matrix, tol?: number): number {
  const { rows, cols } = sizeOf(W, 'rank');
  if (rows === 0 || cols === 0) return 0;
  const sigma = singularValues(W);
  if (tol !== undefined) return sigma.filter((s) => s > tol).length;
  return rankAndCondition(sigma, rows, cols).rank;
}

export interface VolumeFactor {
  /** determinant: square W; gram: m > n, an embedding; projection: m < n, flattening. */
  readonly kind: 'determinant' | 'gram' | 'projection';
  /** det(W); √det(WᵀW) = Π σᵢ; or 0 (the double nearest `scaled`). */
  readonly value: number;
  /** The same value as mantissa·2^exponent, which never overflows (det of 1e160·W, say). */
  readonly scaled: ScaledNumber;
  /** True when a square W reverses orientation (det < 0). */
  readonly orientationFlipped: boolean;
  readonly rank: number;
  /** True when the numerical rank is below min(m, n): W loses a direction (the one rule for "singular"). */
  readonly singular: boolean;
}

/**
 * How W (m×n, mapping ℝⁿ → ℝᵐ) scales measure. Square: det(W), signed; orientation flips when it
 * is negative. m > n (an embedding of ℝⁿ into a bigger space): √det(WᵀW), the factor by which the
 * n-dimensional volume of a region grows on its image (the product of W's singular values, here
 * the product of |Rₖₖ| from QR). m < n (a projection onto a smaller space): n-dimensional volume
 * is squashed to 0, and `rank` says the dimension of the image. A rank-deficient embedding (rank < n)
 * flattens, so its factor is 0. Throws ShapeError if ragged.
 * @example volumeFactor([[0, 1], [1, 0]]) // { kind: 'determinant', value: -1, orientationFlipped: true, rank: 2 }
 */
export function volumeFactor(W: Matrix): VolumeFactor {
  const { rows, cols } = sizeOf(W, 'volumeFactor');
  const r = rank(W);
  if (rows === cols) {
    const scaled = determinantScaled(W);
    return { kind: 'determinant', value: scaledValue(scaled), scaled, orientationFlipped: scaled.mantissa < 0, rank: r, singular: r < cols };
  }
  if (rows > cols) {
    // Π σᵢ, multiplied in mantissa/exponent form; 0 when W is rank-deficient (the image is flat).
    let scaled: ScaledNumber = { mantissa: 1, exponent: 0 };
    if (r < cols) scaled = { mantissa: 0, exponent: 0 };
    else for (const s of singularValues(W)) {
      const f = splitScaled(s);
      scaled = splitScaled(scaled.mantissa * f.mantissa, scaled.exponent + f.exponent);
    }
    return { kind: 'gram', value: scaledValue(scaled), scaled, orientationFlipped: false, rank: r, singular: r < cols };
  }
  return { kind: 'projection', value: 0, scaled: { mantissa: 0, exponent: 0 }, orientationFlipped: false, rank: r, singular: r < rows };
}
