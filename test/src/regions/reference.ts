// A plain reference enumerator of linear regions, for the tests and bench/regions.mjs: it cuts the
// box neuron by neuron, and before every cut it recomputes that neuron's pre-activation at every
// corner of every cell from scratch by a forward pass of the network (no affine maps carried, no
// skipping of neurons that miss a cell). The network is continuous, so the forward pass gives the
// cell's affine pre-activation at its corners even when a corner lies on an earlier hyperplane.
// It shares only the polygon/polyhedron cutting code with src/regions/partition.ts, and the same
// tolerance rules: a corner within tolerance is on the plane; a cut leaving a piece below (1e-6)^d of
// the box, or grazing a whole face, is not made.
import { boxPolygon, polygonArea, splitPolygon } from '../../../src/regions/polygon.js';
import { boxPolyhedron, polyhedronVolume, splitPolyhedron, type Polyhedron } from '../../../src/regions/polyhedron.js';
import type { Box, ReluNet } from '../../../src/regions/types.js';

type Shape = Float64Array | Polyhedron;

export interface ReferenceRegion {
  readonly shape: Shape;
  readonly pattern: Uint8Array;
  readonly measure: number;
}

/** Pre-activation of neuron j of hidden layer l at x, by a full forward pass; also Σ|terms| (its rounding scale). */
function preActivation(net: ReluNet, l: number, j: number, x: ArrayLike<number>): [number, number] {
  const leak = net.leak ?? 0;
  let a = Array.from(x);
  for (let layer = 0; layer < l; layer++) {
    a = net.weights[layer].map((row, i) => {
      const z = row.reduce((s, w, k) => s + w * a[k], net.biases[layer][i]);
      return z > 0 ? z : leak * z;
    });
  }
  const row = net.weights[l][j];
  const z = row.reduce((s, w, k) => s + w * a[k], net.biases[l][j]);
  const size = row.reduce((s, w, k) => s + Math.abs(w * a[k]), Math.abs(net.biases[l][j]));
  return [z, size];
}

/** Every region of `net` in `box`, by the plain method above. */
export function referenceRegions(net: ReluNet, box: Box, tolerance = 1e-10): ReferenceRegion[] {
  const d = box.min.length;
  const boxMeasure = box.max.reduce((p, hi, k) => p * (hi - box.min[k]), 1);
  const minMeasure = 1e-6 ** d * boxMeasure;
  const hidden = net.weights.slice(0, -1).reduce((s, W) => s + W.length, 0);
  let cells: ReferenceRegion[] = [{
    shape: d === 2 ? boxPolygon(box.min, box.max) : boxPolyhedron(box.min, box.max),
    pattern: new Uint8Array(hidden),
    measure: boxMeasure,
  }];
  let bit = 0;
  for (let l = 0; l + 1 < net.weights.length; l++) {
    for (let j = 0; j < net.weights[l].length; j++, bit++) {
      // Every corner's value first, so the tolerance can be relative to the largest term anywhere
      // (relative to one cell's own terms it would be 0 where a dead neuron feeds this one, and the
      // rounding of ReLU(≈0) at a corner on an earlier plane would then decide the bit).
      let scale = 0;
      const values = cells.map((cell) => {
        const corners = cell.shape instanceof Float64Array ? cell.shape : cell.shape.verts;
        return Float64Array.from({ length: corners.length / d }, (_, v) => {
          const [z, size] = preActivation(net, l, j, corners.subarray(v * d, v * d + d));
          scale = Math.max(scale, size);
          return z;
        });
      });
      const eps = tolerance * scale;
      const next: ReferenceRegion[] = [];
      cells.forEach((cell, c) => {
        const corners = cell.shape instanceof Float64Array ? cell.shape : cell.shape.verts;
        const f = values[c];
        const lo = Math.min(...f);
        const hi = Math.max(...f);
        let halves: [Shape, Shape] | null = null;
        if (hi > eps && lo < -eps) {
          halves = cell.shape instanceof Float64Array
            ? splitPolygon(cell.shape, f, eps)
            : splitPolyhedron(cell.shape, f, eps, towardsPositive(f, corners, d));
        }
        const measures = halves?.map(measureOf);
        if (halves === null || measures!.some((m) => m < minMeasure)) {
          const pattern = cell.pattern.slice();
          // All corners on the plane: the neuron is ~0 on the cell, and its sign at an interior
          // point (the corners' mean) decides, as regionAt there would; the corners' own values
          // carry the rounding of ReLU(≈0) from earlier planes through them.
          pattern[bit] = hi > eps ? (lo < -eps ? Number(hi > -lo) : 1) : lo < -eps ? 0 : Number(preActivation(net, l, j, cornerMean(corners, d))[0] > 0);
          next.push({ ...cell, pattern });
          return;
        }
        halves.forEach((shape, side) => {
          const pattern = cell.pattern.slice();
          pattern[bit] = side;
          next.push({ shape, pattern, measure: measures![side] });
        });
      });
      cells = next;
    }
  }
  return cells;
}

function cornerMean(corners: Float64Array, d: number): number[] {
  const k = corners.length / d;
  return Array.from({ length: d }, (_, t) => {
    let s = 0;
    for (let v = 0; v < k; v++) s += corners[v * d + t];
    return s / k;
  });
}

function measureOf(shape: Shape): number {
  return shape instanceof Float64Array ? polygonArea(shape) : polyhedronVolume(shape);
}

/**
 * The cap of a 3D cut needs only a direction pointing to the f > 0 side to orient the new face.
 * f is affine on the cell, so fᵥ − f̄ = g·(v − v̄) and Σᵥ fᵥ(v − v̄) = C·g with C = Σ (v − v̄)(v − v̄)ᵀ
 * positive definite: that sum has a positive dot product with the true normal g.
 */
function towardsPositive(f: Float64Array, corners: Float64Array, d: number): number[] {
  const k = f.length;
  const mean = Array.from({ length: d }, (_, t) => {
    let s = 0;
    for (let v = 0; v < k; v++) s += corners[v * d + t];
    return s / k;
  });
  return mean.map((m, t) => {
    let s = 0;
    for (let v = 0; v < k; v++) s += f[v] * (corners[v * d + t] - m);
    return s;
  });
}
