/**
 * Where one hidden neuron switches on and off inside a box: its zero set, a bent line (2D) or a
 * bent surface (3D) made of one flat piece per cell of the layers before it.
 */
import { networkOutput } from './network.js';
import { linearRegionsPacked } from './partition.js';
import { neuronNetwork } from './subnetworks.js';
import type { Box, PackedRegions, ReluNet } from './types.js';

/** Corners this close to the plane, relative to the size of zᵢ's terms over the box, lie on it. */
const ON_PLANE = 1e-9;
/** The step across a piece lying along a cell's side, relative to the box's size. */
const STEP = 1e-7;

/**
 * The boundary of neuron `index` of hidden layer `layer` (0-based) in the box: the inputs where
 * its activation switches, {zᵢ = 0} between {zᵢ > 0} and {zᵢ ≤ 0}. On each cell of the partition
 * after the layers before it, zᵢ(x) = a·x + c is affine (see neuronNetwork), so the boundary there
 * is the cell cut by the plane a·x + c = 0: a segment in 2D, a convex polygon in 3D (corners in
 * counter-clockwise order seen from the side where zᵢ > 0). Corners within 1e-9 of the size of
 * zᵢ's terms count as on the plane; a cell on which zᵢ is constant contributes nothing. Where the
 * plane runs along a side of a cell (a neuron repeating an earlier boundary), the piece is kept
 * once, from the cell with zᵢ ≥ 0, and only if zᵢ ≤ 0 just across it — where zᵢ touches 0
 * without changing sign the neuron does not switch. Returns the pieces as lists of points.
 * Throws NetworkFormatError for a malformed network or box, or a neuron that is not hidden.
 * @example neuronBoundary({ weights: [[[1, 0]], [[1]]], biases: [[0], [0]] }, { min: [-1, -1], max: [1, 1] }, 0, 0) // [[[0, -1], [0, 1]]]
 */
export function neuronBoundary(net: ReluNet, box: Box, layer: number, index: number): number[][][] {
  const sub = neuronNetwork(net, layer, index);
  const packed = linearRegionsPacked(sub, box);
  const d = packed.dim;
  const scale = box.min.map((lo, k) => Math.max(box.max[k] - lo, Math.abs(lo), Math.abs(box.max[k])));
  const size = Math.hypot(...box.min.map((lo, k) => box.max[k] - lo));
  const pieces: number[][][] = [];
  for (let r = 0; r < packed.count; r++) {
    const piece = cellSection(packed, r, scale);
    if (!piece) continue;
    if (piece.alongSide) {
      // Step from the piece's middle to the side where zᵢ ≤ 0 on this cell's own map.
      const a = Array.from(packed.gradients.subarray(r * d, (r + 1) * d));
      const norm = Math.hypot(...a);
      const mid = piece.points.reduce((s, p) => s.map((x, k) => x + p[k] / piece.points.length), new Array<number>(d).fill(0));
      const across = mid.map((x, k) => x - (STEP * size * a[k]) / norm);
      const inside = across.every((x, k) => x >= box.min[k] && x <= box.max[k]);
      if (!inside || networkOutput(sub, across) > 0) continue;
    }
    pieces.push(piece.points);
  }
  return pieces;
}

/**
 * Cell r cut by its plane a·x + c = 0: the segment (2D) or polygon (3D) of points, or undefined
 * when the plane misses the cell or only touches it. `alongSide` marks a piece on the cell's
 * boundary with the cell on the side zᵢ ≥ 0 (on the other side it is left to the neighbour).
 */
function cellSection(p: PackedRegions, r: number, scale: readonly number[]): { points: number[][]; alongSide: boolean } | undefined {
  const d = p.dim;
  const a = p.gradients.subarray(r * d, (r + 1) * d);
  const c = p.constants[r];
  let terms = Math.abs(c);
  for (let k = 0; k < d; k++) terms += Math.abs(a[k]) * scale[k];
  const eps = ON_PLANE * terms;
  const first = p.cornerStart[r];
  const k = p.cornerStart[r + 1] - first;
  const corner = (j: number) => Array.from(p.coords.subarray((first + j) * d, (first + j + 1) * d));
  const f = Array.from({ length: k }, (_, j) => corner(j).reduce((s, x, q) => s + a[q] * x, c));
  const lo = Math.min(...f);
  const hi = Math.max(...f);
  // zᵢ constant on the cell (to within eps across it): no switch inside.
  if (hi - lo <= eps) return undefined;
  const points: number[][] = [];
  for (let j = 0; j < k; j++) if (Math.abs(f[j]) <= eps) points.push(corner(j));
  const cross = (i: number, j: number) => {
    if ((f[i] < -eps && f[j] > eps) || (f[i] > eps && f[j] < -eps)) {
      const t = f[i] / (f[i] - f[j]);
      const u = corner(i);
      const v = corner(j);
      points.push(u.map((x, q) => x + t * (v[q] - x)));
    }
  };
  if (d === 2) {
    for (let j = 0; j < k; j++) cross(j, (j + 1) % k);
  } else {
    // Every edge once: as (i, j) with i < j in the face loop that runs i → j.
    for (let w = p.faceStart[r]; w < p.faceStart[r + 1]; w += p.faceWords[w] + 1) {
      const n = p.faceWords[w];
      for (let e = 0; e < n; e++) {
        const i = p.faceWords[w + 1 + e];
        const j = p.faceWords[w + 1 + ((e + 1) % n)];
        if (i < j) cross(i, j);
      }
    }
  }
  // All corners on one side (or on the plane): the plane can only run along the cell's side.
  const alongSide = lo >= -eps || hi <= eps;
  if (alongSide && hi <= eps) return undefined; // this cell lies on the side zᵢ ≤ 0
  if (points.length < d) return undefined;
  return { points: d === 2 ? segmentEnds(points, a) : orderLoop(points, a), alongSide };
}

/** The two extreme points along the line ⟂ a (the section of a convex polygon is one segment). */
function segmentEnds(points: number[][], a: ArrayLike<number>): number[][] {
  let min = 0;
  let max = 0;
  const along = (q: number[]) => -a[1] * q[0] + a[0] * q[1];
  for (let i = 1; i < points.length; i++) {
    if (along(points[i]) < along(points[min])) min = i;
    if (along(points[i]) > along(points[max])) max = i;
  }
  return [points[min], points[max]];
}

/** The points of a convex section sorted by angle about their mean, counter-clockwise seen from +a. */
function orderLoop(points: number[][], a: ArrayLike<number>): number[][] {
  // u ⟂ a from the axis least aligned with a; w = a × u.
  const ax = Math.abs(a[0]);
  const ay = Math.abs(a[1]);
  const az = Math.abs(a[2]);
  const u = ax <= ay && ax <= az ? [0, a[2], -a[1]] : ay <= az ? [-a[2], 0, a[0]] : [a[1], -a[0], 0];
  const w = [a[1] * u[2] - a[2] * u[1], a[2] * u[0] - a[0] * u[2], a[0] * u[1] - a[1] * u[0]];
  const m = [0, 1, 2].map((q) => points.reduce((s, p) => s + p[q], 0) / points.length);
  const angle = (p: number[]) => {
    const v = p.map((x, q) => x - m[q]);
    return Math.atan2(v[0] * w[0] + v[1] * w[1] + v[2] * w[2], v[0] * u[0] + v[1] * u[1] + v[2] * u[2]);
  };
  return points.map((p) => ({ p, t: angle(p) })).sort((x, y) => x.t - y.t).map((e) => e.p);
}
