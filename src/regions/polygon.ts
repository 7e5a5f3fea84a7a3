/**
 * Convex polygons stored flat, [x0, y0, x1, y1, …] counter-clockwise, and their split by a line.
 * The split is given the exact signs of an affine function at the corners (certified by the
 * caller), so one classification decides both halves: a corner on the line belongs to both, and
 * each new corner on an edge is computed once and written to both, so the halves tile the polygon
 * exactly as stored. The kernels read and write inside shared stores (the partition keeps tens of
 * thousands of polygons in one).
 */

import { cornerRadius, type PlaneTable } from './planes.js';
import { copyCorner, type ShapeStore } from './shape-store.js';

/** The box [min₀, max₀] × [min₁, max₁] as a counter-clockwise polygon. */
export function boxPolygon(min: readonly number[], max: readonly number[]): Float64Array {
  return Float64Array.of(min[0], min[1], max[0], min[1], max[0], max[1], min[0], max[1]);
}

/** Corner counts of the last split: the lower half's, then the upper half's. */
export const splitCounts = { lower: 0, upper: 0 };

/**
 * Splits the convex polygon of k corners at corner c0 of `s` by plane f, given the exact signs
 * σᵢ of f at its corners (and their float values, to place new corners), into P ∩ {f ≤ 0} written
 * from corner `at` followed by P ∩ {f ≥ 0}, both counter-clockwise; their corner counts go to
 * splitCounts. Corners with σᵢ = 0 go to both halves; an edge from σ > 0 to σ < 0 gets one new
 * corner, the meeting point of the edge's plane and f, written to both (so the halves tile the
 * polygon exactly as stored), with its float point on the edge and a proven radius. Edge labels
 * follow: an edge keeps its label, the new edge along f is labelled 2f (lower) or 2f + 1 (upper).
 * The caller guarantees some σ > 0 and some σ < 0 (so each half has positive area) and room for
 * k + 2 corners per half at `at`.
 */
export function splitPolygonExact(s: ShapeStore, c0: number, k: number, sign: Int8Array, value: Float64Array, f: number, T: PlaneTable, at: number): void {
  let lower = 0;
  for (let i = 0; i < k; i++) {
    const a = sign[i];
    const b = sign[i + 1 === k ? 0 : i + 1];
    if (a <= 0) lower++;
    if (a * b < 0) lower++;
  }
  const low = 2 * f;
  const high = 2 * f + 1;
  let q = at;
  let p = at + lower;
  for (let i = 0; i < k; i++) {
    const j = i + 1 === k ? 0 : i + 1;
    const a = sign[i];
    const b = sign[j];
    const label = s.labels[c0 + i];
    if (a <= 0) {
      copyCorner(s, c0 + i, s, q);
      s.labels[q++] = b <= 0 || a < 0 ? label : low;
    }
    if (a >= 0) {
      copyCorner(s, c0 + i, s, p);
      s.labels[p++] = b >= 0 || a > 0 ? label : high;
    }
    if (a * b < 0) {
      meetOnEdge(s, c0 + i, c0 + j, value[i], value[j], label >> 1, f, T, q);
      copyCorner(s, q, s, p);
      s.labels[q++] = a > 0 ? label : low;
      s.labels[p++] = a < 0 ? label : high;
    }
  }
  splitCounts.lower = lower;
  splitCounts.upper = p - at - lower;
}

/**
 * Writes to corner `to` of `s` the meeting point of planes e and f on the segment from corner i to
 * corner j (f's float values vi, vj there, of opposite exact signs): its float point
 * xᵢ + t(xⱼ − xᵢ), t = vᵢ/(vᵢ − vⱼ) clamped to [0, 1] and the point to the box, its defining planes,
 * and its proven radius. (In 3D the caller passes the edge's two face planes as e and e2.)
 */
export function meetOnEdge(s: ShapeStore, i: number, j: number, vi: number, vj: number, e: number, f: number, T: PlaneTable, to: number, e2 = -1): void {
  const d = s.d;
  let t = vi / (vi - vj);
  if (!(t >= 0)) t = 0;
  else if (t > 1) t = 1;
  const x = s.coords;
  for (let m = 0; m < d; m++) {
    const a = x[i * d + m];
    let v = a + t * (x[j * d + m] - a);
    if (v < T.min[m]) v = T.min[m];
    else if (v > T.max[m]) v = T.max[m];
    x[to * d + m] = v;
  }
  s.defs[to * d] = e;
  if (d === 2) {
    s.defs[to * d + 1] = f;
  } else {
    s.defs[to * d + 1] = e2;
    s.defs[to * d + 2] = f;
  }
  s.radius[to] = cornerRadius(T, s, to);
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
