// The exactness checks shared by the region tests: tiling (measures sum to the box's within 1e-12
// relative: a few thousand shoelace/tetrahedron sums round at ~1e-14), measures not below rounding, unique
// patterns, closed and convex shapes,
// the network's own pattern and affine map at interior points, and one region per sampled point.
// "Inside" and "on a boundary" are decided at 1e-9 of the box size (these checks are in floats;
// exact.test.ts checks against exact arithmetic), and sampled points nearer a boundary than NEAR
// are skipped, not compared.
import { expect } from 'vitest';
import { networkOutput, patternKey } from '../../../src/regions/network.js';
import type { Box, LinearRegions, Region, ReluNet } from '../../../src/regions/types.js';
import { boxMeasure, depthFunction, interiorSample, probe, randomPoint, rng } from './helpers.js';

export const NEAR = 1e-9;

/** Scale of the terms of A·x + c and f(x), for a relative comparison. */
function mapScale(A: number[], c: number, x: readonly number[], f: number): number {
  return Math.max(1, Math.abs(f), Math.abs(c), A.reduce((s, a, j) => s + Math.abs(a * x[j]), 0));
}

/** Every property of an exact partition that can be checked from the result alone, plus sampling. */
export function expectExact(net: ReluNet, box: Box, result: LinearRegions, samples: number, seed: number): void {
  const { regions } = result;
  const total = boxMeasure(box);
  const size = Math.max(...box.max.map((hi, k) => hi - box.min[k]));
  expect(Math.abs(regions.reduce((s, r) => s + r.measure, 0) - total)).toBeLessThanOrEqual(1e-12 * total);
  expect(new Set(regions.map((r) => r.patternKey)).size).toBe(regions.length);
  const at = probe(net);
  /** The region's pattern is the network's at x, unless x is (numerically) on a boundary. */
  const expectPatternAt = (r: Region, x: readonly number[]): void => {
    const { key, distance } = at(x);
    if (distance > NEAR * size) expect(key, `pattern at ${x}`).toBe(r.patternKey);
  };
  for (const r of regions) {
    expect(r.patternKey).toBe(patternKey(r.pattern));
    // A region thinner than rounding has float corners that (nearly) coincide: its measure may round to 0.
    expect(r.measure).toBeGreaterThanOrEqual(-1e-15 * total);
    expectPatternAt(r, r.interior);
    const f = networkOutput(net, r.interior);
    expect(Math.abs(r.A.reduce((s, a, j) => s + a * r.interior[j], r.c) - f)).toBeLessThanOrEqual(1e-9 * mapScale(r.A, r.c, r.interior, f));
  }
  const next = rng(seed);
  // Interior samples of a few regions: the same pattern and map throughout.
  for (const r of regions.slice(0, 20)) {
    for (let s = 0; s < 3; s++) {
      const x = interiorSample(r, next);
      expectPatternAt(r, x);
      const f = networkOutput(net, x);
      expect(Math.abs(r.A.reduce((t, a, j) => t + a * x[j], r.c) - f)).toBeLessThanOrEqual(1e-9 * mapScale(r.A, r.c, x, f));
    }
  }
  // Random points: inside exactly one region (strictly inside at most one, loosely inside at least
  // one), and away from boundaries that region's pattern is the network's.
  const depth = regions.map(depthFunction);
  for (let s = 0; s < samples; s++) {
    const x = randomPoint(box, next);
    let strictly = 0;
    let loosely = 0;
    let best = -Infinity;
    let where = -1;
    depth.forEach((inside, i) => {
      const t = inside(x);
      if (t > NEAR * size) strictly++;
      if (t >= -NEAR * size) loosely++;
      if (t > best) [best, where] = [t, i];
    });
    expect(strictly, `point ${x} strictly inside several regions`).toBeLessThanOrEqual(1);
    expect(loosely, `point ${x} inside no region`).toBeGreaterThanOrEqual(1);
    expectPatternAt(regions[where], x);
  }
}


/**
 * Each shape is a proper convex region: 2D polygons counter-clockwise with every corner on the
 * inner side of every edge; 3D faces closed (each directed edge's reverse is in another face),
 * every corner used, and every corner on the inner side of every face. 1e-9 of the box size.
 */
export function expectConvexShapes(result: LinearRegions, box: Box): void {
  const size = Math.max(...box.max.map((hi, k) => hi - box.min[k]));
  for (const r of result.regions) {
    const inside = depthFunction(r);
    for (const v of r.vertices) {
      expect(inside(v), `corner ${v} outside its own region`).toBeGreaterThanOrEqual(-NEAR * size);
      v.forEach((x, k) => {
        expect(x).toBeGreaterThanOrEqual(box.min[k] - NEAR * size);
        expect(x).toBeLessThanOrEqual(box.max[k] + NEAR * size);
      });
    }
    if (!r.faces) continue;
    const edges = new Set<string>();
    const used = new Set<number>();
    for (const loop of r.faces) {
      expect(loop.length).toBeGreaterThanOrEqual(3);
      loop.forEach((i, e) => {
        edges.add(`${i},${loop[(e + 1) % loop.length]}`);
        used.add(i);
      });
    }
    for (const edge of edges) expect(edges.has(edge.split(',').reverse().join(',')), `edge ${edge} has no twin`).toBe(true);
    expect(used.size).toBe(r.vertices.length);
  }
}
