/**
 * What the renderer animates: a layer morphing from the identity to its matrix, then sliding by its
 * bias, and the per-frame mapping of many points through it.
 */
import { ShapeError } from '../errors.js';
import { activationFunction, DEFAULT_LEAK, type Activation } from './activation.js';
import { describe, requireLength, sizeOf, zeroMatrix } from './shape.js';
import type { Matrix, Vector } from './types.js';

/**
 * The layer shown at animation time t, in the square space of size s = max(m, n) so that input and
 * output share one picture. W (m×n) is padded with zeros to s×s — for 3×2 the third input column is
 * 0 (the plane is embedded in space), for 2×3 the third output row is 0 (space is flattened onto the
 * plane) — and b to length s. For t ∈ [0, 1] the map is ((1−t)I + tW, 0), a straight-line morph
 * from the identity; for t ∈ [1, 2] it is (W, (t−1)b), the bias sliding in. t is clamped to [0, 2]
 * (NaN counts as 0). Throws ShapeError when b's length is not m.
 * @example layerAtTime([[2, 0], [0, 2]], [1, 0], 0.5) // { W: [[1.5, 0], [0, 1.5]], b: [0, 0] }
 */
export function layerAtTime(W: Matrix, b: Vector, t: number): { W: number[][]; b: number[] } {
  const size = sizeOf(W, 'layerAtTime');
  requireLength(b, size.rows, () => `layerAtTime: W is ${describe(size)} so b needs ${size.rows} entries, but it has ${b.length}.`);
  const s = Math.max(size.rows, size.cols);
  const time = Number.isNaN(t) ? 0 : Math.min(2, Math.max(0, t));
  const padded = zeroMatrix(s, s);
  for (let i = 0; i < size.rows; i++) for (let j = 0; j < size.cols; j++) padded[i][j] = W[i][j];
  const bias = new Array<number>(s).fill(0);
  if (time <= 1) {
    for (let i = 0; i < s; i++) {
      for (let j = 0; j < s; j++) padded[i][j] = (i === j ? 1 - time : 0) + time * padded[i][j];
    }
    return { W: padded, b: bias };
  }
  for (let i = 0; i < size.rows; i++) bias[i] = (time - 1) * b[i];
  return { W: padded, b: bias };
}

/**
 * Map count = points.length / dim points through one layer for the renderer's per-frame path:
 * out = (1−s)·z + s·σ(z) with z = W x + b and σ applied to each coordinate, s = blend clamped to
 * [0, 1] (s = 1 by default, the full activation). points and out are packed count×dim (x₀ y₀ [z₀]
 * x₁ …); out may be points itself. W must be dim×dim (pad with layerAtTime first) and b of length
 * dim. Allocates nothing, so it can run every frame. Throws ShapeError on mismatched sizes.
 * @example transformPointsInto([[2, 0], [0, 1]], [0, 1], Float64Array.of(1, 1), 2, out) // out = [2, 2]
 */
export function transformPointsInto(
  W: Matrix,
  b: Vector,
  points: Float64Array,
  dim: 2 | 3,
  out: Float64Array | Float32Array,
  activation: Activation = 'none',
  blend = 1,
  leak: number = DEFAULT_LEAK,
): void {
  checkTransformSizes(W, b, points, dim, out);
  const act = activationFunction(activation);
  const s = activation === 'none' || Number.isNaN(blend) ? 0 : Math.min(1, Math.max(0, blend));
  if (dim === 2) {
    const [w00, w01] = W[0];
    const [w10, w11] = W[1];
    const [b0, b1] = b;
    for (let p = 0; p < points.length; p += 2) {
      const x = points[p];
      const y = points[p + 1];
      out[p] = mix(w00 * x + w01 * y + b0, s, act, leak);
      out[p + 1] = mix(w10 * x + w11 * y + b1, s, act, leak);
    }
    return;
  }
  const [w00, w01, w02] = W[0];
  const [w10, w11, w12] = W[1];
  const [w20, w21, w22] = W[2];
  const [b0, b1, b2] = b;
  for (let p = 0; p < points.length; p += 3) {
    const x = points[p];
    const y = points[p + 1];
    const z = points[p + 2];
    out[p] = mix(w00 * x + w01 * y + w02 * z + b0, s, act, leak);
    out[p + 1] = mix(w10 * x + w11 * y + w12 * z + b1, s, act, leak);
    out[p + 2] = mix(w20 * x + w21 * y + w22 * z + b2, s, act, leak);
  }
}

function mix(z: number, s: number, act: (z: number, leak: number) => number, leak: number): number {
  // The end points are exact, so a finished animation shows exactly σ(z) or z.
  if (s === 0) return z;
  if (s === 1) return act(z, leak);
  return (1 - s) * z + s * act(z, leak);
}

function checkTransformSizes(W: Matrix, b: Vector, points: Float64Array, dim: number, out: ArrayLike<number>): void {
  if (dim !== 2 && dim !== 3) throw new ShapeError(`transformPointsInto: dim must be 2 or 3, not ${dim}.`);
  const size = sizeOf(W, 'transformPointsInto');
  if (size.rows !== dim || size.cols !== dim) {
    throw new ShapeError(`transformPointsInto: W must be ${dim}×${dim} for ${dim}-D points, but it is ${describe(size)}.`);
  }
  requireLength(b, dim, () => `transformPointsInto: b must have ${dim} entries, but it has ${b.length}.`);
  if (points.length % dim !== 0) {
    throw new ShapeError(`transformPointsInto: ${points.length} coordinates are not a whole number of ${dim}-D points.`);
  }
  if (out.length < points.length) {
    throw new ShapeError(`transformPointsInto: out holds ${out.length} numbers but ${points.length} are needed.`);
  }
}
