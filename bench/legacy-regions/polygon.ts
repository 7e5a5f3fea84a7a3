/**
 * Convex polygons stored flat, [x0, y0, x1, y1, …] counter-clockwise, and their split by a line.
 * The split is given the values of an affine function at the corners (computed by the caller) and
 * a tolerance, so one classification decides both halves: a corner within the tolerance of the
 * line belongs to both, and each new corner on an edge is computed once and written to both, so
 * the halves tile the polygon exactly as computed. The kernels read and write at offsets inside
 * shared buffers (the partition keeps tens of thousands of polygons in one Float64Array); the
 * plain versions below them allocate.
 */

/** The box [min₀, max₀] × [min₁, max₁] as a counter-clockwise polygon. */
export function boxPolygon(min: readonly number[], max: readonly number[]): Float64Array {
  return Float64Array.of(min[0], min[1], max[0], min[1], max[0], max[1], min[0], max[1]);
}

/** Corner counts of the last split: the lower half's, then the upper half's. */
export const splitCounts = { lower: 0, upper: 0 };

/** How many coordinates splitPolygonInto may write for a polygon of k corners (both halves). */
export const splitPolygonRoom = (k: number): number => 4 * (k + 2);

/**
 * Splits the convex polygon P (k corners at src[off …]) by the line f = 0, given fᵢ = f(vᵢ),
 * into P ∩ {f ≤ 0} written at dst[at …] followed by P ∩ {f ≥ 0}, both counter-clockwise; their
 * corner counts go to splitCounts. Corners with |fᵢ| ≤ eps are on the line and go to both halves;
 * an edge from fᵢ > eps to fⱼ < −eps gets the corner vᵢ + t(vⱼ − vᵢ) with t = fᵢ/(fᵢ − fⱼ) ∈ (0, 1).
 * The caller guarantees some fᵢ > eps and some fⱼ < −eps (so each half has three corners or more
 * and positive area) and room for splitPolygonRoom(k) numbers at dst[at …].
 */
export function splitPolygonInto(src: Float64Array, off: number, k: number, f: ArrayLike<number>, eps: number, dst: Float64Array, at: number): void {
  let lower = 0;
  for (let i = 0; i < k; i++) {
    const a = f[i];
    const b = f[i + 1 === k ? 0 : i + 1];
    if (a <= eps) lower++;
    if ((a > eps && b < -eps) || (a < -eps && b > eps)) lower++;
  }
  let q = at;
  let p = at + 2 * lower;
  for (let i = 0; i < k; i++) {
    const j = i + 1 === k ? 0 : i + 1;
    const a = f[i];
    const b = f[j];
    const x = src[off + 2 * i];
    const y = src[off + 2 * i + 1];
    if (a <= eps) {
      dst[q++] = x;
      dst[q++] = y;
    }
    if (a >= -eps) {
      dst[p++] = x;
      dst[p++] = y;
    }
    if ((a > eps && b < -eps) || (a < -eps && b > eps)) {
      const t = a / (a - b);
      const cx = x + t * (src[off + 2 * j] - x);
      const cy = y + t * (src[off + 2 * j + 1] - y);
      dst[q++] = cx;
      dst[q++] = cy;
      dst[p++] = cx;
      dst[p++] = cy;
    }
  }
  splitCounts.lower = lower;
  splitCounts.upper = (p - at) / 2 - lower;
}

/** splitPolygonInto on a whole polygon, returning the halves [P ∩ {f ≤ 0}, P ∩ {f ≥ 0}] as new arrays. */
export function splitPolygon(P: Float64Array, f: ArrayLike<number>, eps: number): [Float64Array, Float64Array] {
  const k = P.length / 2;
  const out = new Float64Array(splitPolygonRoom(k));
  splitPolygonInto(P, 0, k, f, eps, out, 0);
  const split = 2 * splitCounts.lower;
  return [out.slice(0, split), out.slice(split, split + 2 * splitCounts.upper)];
}

/**
 * Signed area of the polygon of k corners at P[off …] by the shoelace formula, taken about its
 * first corner to keep the cross products small: A = ½ Σ (vᵢ − v₀) × (vᵢ₊₁ − v₀); positive when
 * counter-clockwise. With `out`, also writes the centroid v₀ + Σ (vᵢ + vᵢ₊₁ − 2v₀)·crossᵢ / (6A)
 * (the corners' mean for a degenerate polygon, which has no centroid).
 */
export function polygonAreaAt(P: Float64Array, off: number, k: number, out?: number[]): number {
  const x0 = P[off];
  const y0 = P[off + 1];
  let area2 = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 1; i + 1 < k; i++) {
    const ax = P[off + 2 * i] - x0;
    const ay = P[off + 2 * i + 1] - y0;
    const bx = P[off + 2 * i + 2] - x0;
    const by = P[off + 2 * i + 3] - y0;
    const cross = ax * by - ay * bx;
    area2 += cross;
    cx += (ax + bx) * cross;
    cy += (ay + by) * cross;
  }
  if (out) {
    if (area2 !== 0) {
      out[0] = x0 + cx / (3 * area2);
      out[1] = y0 + cy / (3 * area2);
    } else {
      let sx = 0;
      let sy = 0;
      for (let i = 0; i < k; i++) {
        sx += P[off + 2 * i];
        sy += P[off + 2 * i + 1];
      }
      out[0] = sx / k;
      out[1] = sy / k;
    }
  }
  return area2 / 2;
}

/** polygonAreaAt on a whole polygon. */
export function polygonArea(P: Float64Array, out?: number[]): number {
  return polygonAreaAt(P, 0, P.length / 2, out);
}
