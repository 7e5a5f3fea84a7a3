// The partition against the exact rational reference (rational-reference.ts) on cases built to
// produce slivers: identical region counts and identical pattern sets; every region's interior
// point has the region's own pattern, by an exact forward pass (or, for a region no double lies
// in, is reported as unverified); measures tile the box to 1e-12.
// The counts quoted in issue 14 were found with the same reference.
import { describe, expect, it } from 'vitest';
import { initNetwork } from '../../../src/regions/init.js';
import { linearRegionsPacked } from '../../../src/regions/partition.js';
import type { Box, PackedRegions, ReluNet } from '../../../src/regions/types.js';
import { rng } from './helpers.js';
import { exactPatternAt, rationalRegions } from './rational-reference.js';

const cube = (d: number, r: number): Box => ({ min: Array(d).fill(-r), max: Array(d).fill(r) });

function patterns(p: PackedRegions): string[] {
  return Array.from({ length: p.count }, (_, i) => Array.from(p.patterns.subarray(i * p.hidden, (i + 1) * p.hidden)).join(''));
}

/** Every exactness property against the reference; returns the count. */
function expectExact(net: ReluNet, box: Box, interiors = true): number {
  const result = linearRegionsPacked(net, box);
  const mine = patterns(result);
  const theirs = rationalRegions(net, box);
  expect(new Set(mine).size).toBe(mine.length);
  expect(result.count).toBe(theirs.length);
  expect([...mine].sort()).toEqual([...theirs].sort());
  const volume = box.max.reduce((p, hi, k) => p * (hi - box.min[k]), 1);
  const total = result.measures.reduce((s, m) => s + m, 0);
  expect(Math.abs(total - volume)).toBeLessThanOrEqual(1e-12 * volume);
  if (interiors) {
    const d = result.dim;
    let unverified = 0;
    for (let i = 0; i < result.count; i++) {
      const x = Array.from(result.interiors.subarray(i * d, (i + 1) * d));
      if (exactPatternAt(net, x) === mine[i]) continue;
      // Only a region with no double strictly inside it may go without an interior point.
      unverified++;
      expectNoDoubleInside(net, result, i, mine[i]);
    }
    expect(unverified).toBe(result.stats.unverifiedInteriors);
  } else {
    expect(result.stats.unverifiedInteriors).toBe(0);
  }
  return result.count;
}

/** Every double within a few ulps of region i's corners' bounding box has another pattern (few enough to list). */
function expectNoDoubleInside(net: ReluNet, result: PackedRegions, i: number, pattern: string): void {
  const d = result.dim;
  const axes: number[][] = [];
  for (let j = 0; j < d; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let v = result.cornerStart[i]; v < result.cornerStart[i + 1]; v++) {
      lo = Math.min(lo, result.coords[v * d + j]);
      hi = Math.max(hi, result.coords[v * d + j]);
    }
    const step = Math.max(Number.MIN_VALUE, Math.min(Math.abs(lo), Math.abs(hi)) * Number.EPSILON / 2);
    const count = Math.ceil((hi - lo) / step) + 17;
    expect(count, `region ${i} is wider than a few ulps`).toBeLessThan(200);
    axes.push(Array.from({ length: count }, (_, t) => lo + (t - 8) * step));
  }
  const grid = d === 2 ? axes[0].flatMap((x) => axes[1].map((y) => [x, y])) : axes[0].flatMap((x) => axes[1].flatMap((y) => axes[2].map((z) => [x, y, z])));
  for (const x of grid) expect(exactPatternAt(net, x), `double ${x} inside region ${i}`).not.toBe(pattern);
}

const oneLayer = (rows: number[][], biases: number[]): ReluNet => ({ weights: [rows, [rows.map(() => 1)]], biases: [biases, [0]] });

describe('linearRegions is the exact partition (rational reference)', () => {
  it('the default Regions view (2→16→16→1, He, seed 1, [−2, 2]²) has 535 regions', () => {
    expect(expectExact(initNetwork({ inputs: 2, hidden: [16, 16], init: 'he', seed: 1 }), cube(2, 2))).toBe(535);
  });

  it('2→64→1 in [−6, 6]², seeds 1, 2, 3 (the depth-against-width view): 2049, 2035, 2052', () => {
    const counts = [1, 2, 3].map((seed) => expectExact(initNetwork({ inputs: 2, hidden: [64], init: 'he', seed }), cube(2, 6), false));
    expect(counts).toEqual([2049, 2035, 2052]);
  }, 120_000);

  it('2→64→1 in a box of radius 1000: 2081; and of radius 1e6', () => {
    const net = initNetwork({ inputs: 2, hidden: [64], init: 'he', seed: 1 });
    expect(expectExact(net, cube(2, 1000), false)).toBe(2081);
    expectExact(net, cube(2, 1e6), false);
  }, 120_000);

  it('many lines in a wide box', () => {
    const next = rng(7);
    const rows = Array.from({ length: 30 }, () => [2 * next() - 1, 2 * next() - 1]);
    expectExact(oneLayer(rows, rows.map(() => 2 * next() - 1)), cube(2, 1e3));
  }, 60_000);

  it('nearly concurrent triples: lines through (0.3, 0.3) moved by a few ulps', () => {
    const rows = [[1, 0.5], [-0.25, 1], [0.75, -1], [1, 1], [0.1, -0.9]];
    for (const shift of [0, 1e-16, 3e-16, -2e-16, 1e-15]) {
      const biases = rows.map(([a, b], i) => -(a * 0.3 + b * 0.3) + (i % 2 === 0 ? shift : -shift));
      expectExact(oneLayer(rows, biases), cube(2, 1));
    }
  });

  it('nearly parallel pairs', () => {
    for (const eps of [0, 2 ** -52, 2 ** -50, 1e-13]) {
      const rows = [[1, 1], [1, 1 + eps], [1 - eps, 1], [-1, 2]];
      expectExact(oneLayer(rows, [0.1, 0.1 + eps, 0.1, 0]), cube(2, 1));
    }
  });

  it('a second-layer neuron zero up to rounding but not exactly cuts where its exact sign changes', () => {
    // u − 3u′ with u′ = u/3 rounded: 3·fl(0.7/3) ≠ 0.7, so the doubles define a tiny non-zero affine
    // function whose zero line crosses the square; the filter cannot tell its signs, so exact
    // arithmetic does. (The tolerance-based kernel called it off everywhere: 2 regions, not 5.)
    const net = { weights: [[[0.3, 0.7], [0.1, 0.7 / 3]], [[1, -3]], [[1]]], biases: [[0.1, 0.1 / 3], [0], [0]] };
    expect(expectExact(net, cube(2, 1))).toBe(5);
    expect(linearRegionsPacked(net, cube(2, 1)).stats.exactSigns).toBeGreaterThan(0);
  });

  it('deep narrow nets', () => {
    for (const seed of [1, 2, 3, 4]) expectExact(initNetwork({ inputs: 2, hidden: [4, 4, 4, 4, 4], init: 'he', seed }), cube(2, 3));
  }, 60_000);

  it('3D: planes nearly through one point, and a small deep net', () => {
    const rows = [[1, 0, 0.5], [0, 1, -0.5], [0.3, 0.3, 1], [1, -1, 0.25]];
    for (const shift of [0, 1e-16, 1e-15]) {
      const biases = rows.map((r, i) => -r.reduce((s, v) => s + v * 0.2, 0) + (i % 2 ? shift : 0));
      expectExact(oneLayer(rows, biases), cube(3, 1));
    }
    expectExact(initNetwork({ inputs: 3, hidden: [5, 4], init: 'he', seed: 2 }), cube(3, 1));
  }, 60_000);
});
