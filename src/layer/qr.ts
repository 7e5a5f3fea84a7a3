/**
 * Householder QR with column pivoting, reduced to what Hinge needs: the magnitudes |Rₖₖ| of R's
 * diagonal. With pivoting they come out (nearly) non-increasing and reveal the numerical rank, and
 * their product is √det(AᵀA), the volume factor of A's columns. Orthogonal reflections do not
 * amplify rounding errors, which makes this robust where Gaussian elimination can mislead.
 */
import type { Matrix } from './types.js';

/**
 * |R₁₁| ≥ |R₂₂| ≥ … for A = Q R P (P a column permutation), min(m, n) values. A is not modified.
 */
export function pivotedQrDiagonal(A: Matrix, rows: number, cols: number): number[] {
  // Column-major working copy: the reflections and pivots act on whole columns.
  const a = Array.from({ length: cols }, (_, j) => Float64Array.from({ length: rows }, (_, i) => A[i][j]));
  const steps = Math.min(rows, cols);
  const diagonal = new Array<number>(steps).fill(0);
  for (let k = 0; k < steps; k++) {
    // Recomputing the remaining norms each step (instead of downdating them) costs O(mn) per step
    // and avoids the known cancellation failure of norm downdating.
    let pivot = k;
    let pivotNorm = -1;
    for (let j = k; j < cols; j++) {
      const norm = tailNorm(a[j], k);
      if (norm > pivotNorm) {
        pivotNorm = norm;
        pivot = j;
      }
    }
    [a[k], a[pivot]] = [a[pivot], a[k]];
    if (!(pivotNorm > 0)) break; // the rest is exactly zero (or not a number)
    const v = a[k];
    // Reflect x = v[k..] onto −sign(x₀)·‖x‖·e₀, the choice that avoids cancellation in v₀.
    const beta = v[k] >= 0 ? -pivotNorm : pivotNorm;
    v[k] -= beta;
    let vv = 0;
    for (let i = k; i < rows; i++) vv += v[i] * v[i];
    for (let j = k + 1; j < cols; j++) {
      const c = a[j];
      let dot = 0;
      for (let i = k; i < rows; i++) dot += v[i] * c[i];
      const scale = (2 * dot) / vv;
      for (let i = k; i < rows; i++) c[i] -= scale * v[i];
    }
    diagonal[k] = Math.abs(beta);
  }
  return diagonal;
}

/** ‖x[from..]‖₂, scaled by the largest magnitude so squares neither overflow nor underflow. */
function tailNorm(x: Float64Array, from: number): number {
  let max = 0;
  for (let i = from; i < x.length; i++) max = Math.max(max, Math.abs(x[i]));
  if (max === 0 || !Number.isFinite(max)) return max;
  let sum = 0;
  for (let i = from; i < x.length; i++) {
    const t = x[i] / max;
    sum += t * t;
  }
  return max * Math.sqrt(sum);
}
