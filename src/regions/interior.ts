/**
 * A point with a cell's own pattern, checked: the cell is the intersection of the half-spaces named
 * by its edges' (2D) or faces' (3D) labels, so a point is in it exactly when every one of those
 * planes has the right sign there, which planes.ts decides exactly. For a cell wider than
 * rounding the centroid of its float corners passes; for a sliver thinner than that, a few other
 * candidates (the corners' mean, points between the centroid and each corner) are tried.
 */
import { pointSign, type PlaneTable } from './planes.js';
import type { ShapeStore } from './shape-store.js';

const candidate = [0, 0, 0];

/**
 * True when x has the cell's pattern: strictly on the cell's side of each of its planes, or on a
 * plane whose ≤ 0 side the cell is on (a neuron there is 0, so off, as in the cell), or on the box.
 * (k corners from corner c0; in 3D faces in `words` words from f0.)
 */
function strictlyInside(T: PlaneTable, s: ShapeStore, c0: number, k: number, f0: number, words: number, x: ArrayLike<number>): boolean {
  if (T.d === 2) {
    for (let v = c0; v < c0 + k; v++) if (!holds(T, s.labels[v], x)) return false;
    return true;
  }
  for (let w = f0; w < f0 + words; w += s.faces[w] + 2) if (!holds(T, s.faces[w + 1], x)) return false;
  return true;
}

/** Whether x is on the cell's side of the plane of `label` (or on a plane where that keeps the pattern). */
function holds(T: PlaneTable, label: number, x: ArrayLike<number>): boolean {
  const sign = pointSign(T, label >> 1, x);
  if (sign === 0) return (label & 1) === 0 || label >> 1 < 2 * T.d;
  return sign === ((label & 1) === 1 ? 1 : -1);
}

/**
 * Checks that `point` (the cell's centroid) is strictly inside the cell; if not, replaces it with
 * the first candidate that is. Returns false when none is (the point is then left as given).
 */
export function verifiedInterior(T: PlaneTable, s: ShapeStore, c0: number, k: number, f0: number, words: number, point: number[]): boolean {
  const d = T.d;
  if (strictlyInside(T, s, c0, k, f0, words, point)) return true;
  const x = s.coords;
  for (let j = 0; j < d; j++) {
    let sum = 0;
    for (let v = c0; v < c0 + k; v++) sum += x[v * d + j];
    candidate[j] = sum / k;
  }
  if (strictlyInside(T, s, c0, k, f0, words, candidate)) {
    for (let j = 0; j < d; j++) point[j] = candidate[j];
    return true;
  }
  for (const weight of [0.5, 0.9, 0.1]) {
    for (let v = c0; v < c0 + k; v++) {
      for (let j = 0; j < d; j++) candidate[j] = weight * point[j] + (1 - weight) * x[v * d + j];
      if (strictlyInside(T, s, c0, k, f0, words, candidate)) {
        for (let j = 0; j < d; j++) point[j] = candidate[j];
        return true;
      }
    }
  }
  // A cell thinner than rounding: the doubles nearest the corners' mean, a few ulps either way.
  const start = candidate.slice(0, d);
  const ulp = start.map((v) => Math.max(Number.MIN_VALUE, Math.abs(v) * Number.EPSILON));
  const reach = d === 2 ? 6 : 3;
  const steps = 2 * reach + 1;
  for (let n = 0; n < steps ** d; n++) {
    for (let j = 0, rest = n; j < d; j++, rest = Math.floor(rest / steps)) candidate[j] = start[j] + ((rest % steps) - reach) * ulp[j];
    if (strictlyInside(T, s, c0, k, f0, words, candidate)) {
      for (let j = 0; j < d; j++) point[j] = candidate[j];
      return true;
    }
  }
  return false;
}
