// Geometry checks for the region tests: signed distance of a point to a convex polygon or
// polyhedron (positive inside), sampling, and the distance of a point from the network's nearest
// hyperplane (so that sampled patterns are only compared away from region boundaries).
import { flattenNetwork, patternKey } from '../../../src/regions/network.js';
import type { Box, Region, ReluNet } from '../../../src/regions/types.js';
import { mulberry32 } from '../../../src/random.js';

export type Rng = () => number;

/** The seeded uniform generator in [0, 1) the app uses (mulberry32). */
export function rng(seed: number): Rng {
  return mulberry32(seed);
}

export const boxMeasure = (box: Box): number => box.max.reduce((p, hi, k) => p * (hi - box.min[k]), 1);

export const unitBox = (d: number): Box => ({ min: Array(d).fill(-1), max: Array(d).fill(1) });

export function randomPoint(box: Box, next: Rng): number[] {
  return box.min.map((lo, k) => lo + next() * (box.max[k] - lo));
}

/** Outward unit normal and offset of each face (Newell's method), or of each edge in 2D. */
function facets(region: Region): { normal: number[]; offset: number }[] {
  const V = region.vertices;
  if (!region.faces) {
    return V.map((a, i) => {
      const b = V[(i + 1) % V.length];
      const n = [b[1] - a[1], a[0] - b[0]]; // outward for a counter-clockwise polygon
      const len = Math.hypot(n[0], n[1]);
      return { normal: [n[0] / len, n[1] / len], offset: (n[0] * a[0] + n[1] * a[1]) / len };
    });
  }
  return region.faces.map((loop) => {
    const n = [0, 0, 0];
    loop.forEach((i, e) => {
      const a = V[i];
      const b = V[loop[(e + 1) % loop.length]];
      n[0] += (a[1] - b[1]) * (a[2] + b[2]);
      n[1] += (a[2] - b[2]) * (a[0] + b[0]);
      n[2] += (a[0] - b[0]) * (a[1] + b[1]);
    });
    const len = Math.hypot(...n);
    const unit = n.map((x) => x / len);
    const c = loop.reduce((s, i) => s.map((x, j) => x + V[i][j] / loop.length), [0, 0, 0]);
    return { normal: unit, offset: unit[0] * c[0] + unit[1] * c[1] + unit[2] * c[2] };
  });
}

/** min over facets of (offset − n·p): the distance inside the region (negative outside). */
export function depthInside(region: Region, p: readonly number[]): number {
  let depth = Infinity;
  for (const { normal, offset } of facets(region)) depth = Math.min(depth, offset - normal.reduce((s, x, j) => s + x * p[j], 0));
  return depth;
}

/** Facets computed once per region, for tests that place many points. */
export function depthFunction(region: Region): (p: readonly number[]) => number {
  const fs = facets(region);
  return (p) => {
    let depth = Infinity;
    for (const { normal, offset } of fs) {
      let s = offset;
      for (let j = 0; j < normal.length; j++) s -= normal[j] * p[j];
      if (s < depth) depth = s;
    }
    return depth;
  };
}

/**
 * A probe of the network at points: the pattern (as regionAt gives it) and the smallest
 * |zᵢ(x)|/‖∇zᵢ‖ over the hidden neurons, with the gradients taken on x's own region: the distance
 * from x to the nearest neuron boundary, to first order. Points closer than a tolerance to a
 * boundary have no well-defined region to compare. Flattened once, so dense grids stay cheap.
 */
export function probe(net: ReluNet): (x: readonly number[]) => { key: string; distance: number } {
  const flat = flattenNetwork(net);
  const d = flat.widths[0];
  const pattern = new Uint8Array(flat.hidden);
  return (x) => {
    let a = Float64Array.from(x);
    let grad = Float64Array.from({ length: d * d }, (_, t) => (t % (d + 1) === 0 ? 1 : 0)); // row k: ∇aₖ
    let best = Infinity;
    let bit = 0;
    for (let l = 0; l + 1 < flat.weights.length; l++) {
      const n = flat.widths[l + 1];
      const m = flat.widths[l];
      const W = flat.weights[l];
      const z = new Float64Array(n);
      const g = new Float64Array(n * d);
      for (let i = 0; i < n; i++) {
        let zi = flat.biases[l][i];
        let size = Math.abs(zi);
        for (let k = 0; k < m; k++) {
          zi += W[i * m + k] * a[k];
          size += Math.abs(W[i * m + k] * a[k]);
          for (let j = 0; j < d; j++) g[i * d + j] += W[i * m + k] * grad[k * d + j];
        }
        let norm = 0;
        for (let j = 0; j < d; j++) norm += g[i * d + j] ** 2;
        norm = Math.sqrt(norm);
        // A value at the rounding level of its own terms is zero, whatever its gradient: such a
        // neuron (say −ReLU(1.5 − u) − ReLU(u) + 1.5 where both are on) has no sign to compare.
        if (Math.abs(zi) <= 1e-12 * size) best = 0;
        else if (norm > 0) best = Math.min(best, Math.abs(zi) / norm);
        const s = zi > 0 ? 1 : flat.leak;
        pattern[bit++] = zi > 0 ? 1 : 0;
        z[i] = s * zi;
        for (let j = 0; j < d; j++) g[i * d + j] *= s;
      }
      a = z;
      grad = g;
    }
    return { key: patternKey(pattern), distance: best };
  };
}

/** probe(net)(x).distance, for a single point. */
export function boundaryDistance(net: ReluNet, x: readonly number[]): number {
  return probe(net)(x).distance;
}

/** A point strictly inside a region: halfway from its centroid to a random convex combination of its corners. */
export function interiorSample(region: Region, next: Rng): number[] {
  const weights = region.vertices.map(() => -Math.log(1 - next()));
  const total = weights.reduce((s, w) => s + w, 0);
  return region.interior.map((c, j) => 0.5 * c + 0.5 * region.vertices.reduce((s, v, i) => s + (weights[i] / total) * v[j], 0));
}
