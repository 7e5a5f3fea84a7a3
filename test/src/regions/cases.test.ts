// Region counts worked out by hand, and the degenerate networks RELIABILITY.md names (zero rows,
// duplicate neurons, planes through box corners or along faces, zero biases, a dead network), as
// a table: each case states its count and why, and every case must also pass the exactness checks
// of exact.ts (no empty, duplicate or sliver region, tiling, patterns and maps).
import { describe, expect, it } from 'vitest';
import { patternKey } from '../../../src/regions/network.js';
import { linearRegions } from '../../../src/regions/partition.js';
import type { Box, LinearRegions, ReluNet } from '../../../src/regions/types.js';
import { expectConvexShapes, expectExact } from './exact.js';
import { rng, unitBox } from './helpers.js';

/** One hidden layer with these rows and biases, then the output summing the hidden neurons. */
const oneLayer = (rows: number[][], biases: number[]): ReluNet => ({
  weights: [rows, [rows.map(() => 1)]],
  biases: [biases, [0]],
});

interface Case {
  readonly name: string;
  readonly net: ReluNet;
  readonly box: Box;
  readonly count: number;
  readonly check?: (result: LinearRegions) => void;
}

const square = unitBox(2);
const cube = unitBox(3);

const CASES: Case[] = [
  // Hand-worked.
  { name: 'ReLU(x), ReLU(y): the four quadrants', net: oneLayer([[1, 0], [0, 1]], [0, 0]), box: square, count: 4,
    check: ({ regions }) => {
      // f = ReLU(x) + ReLU(y): the gradient is the pattern itself, and c = 0.
      for (const r of regions) {
        expect(r.A).toEqual([r.pattern[0], r.pattern[1]]);
        expect(r.c).toBe(0);
        expect(r.measure).toBeCloseTo(1, 14);
      }
    } },
  { name: '|x| = ReLU(x) + ReLU(−x): two halves with slopes ±1', net: oneLayer([[1, 0], [-1, 0]], [0, 0]), box: square, count: 2,
    check: ({ regions }) => expect(regions.map((r) => r.A[0]).sort()).toEqual([-1, 1]) },
  { name: 'the three coordinate planes: eight octants', net: oneLayer([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 0]), box: cube, count: 8,
    check: ({ regions }) => {
      for (const r of regions) {
        expect(r.measure).toBeCloseTo(1, 14);
        expect(r.A).toEqual(Array.from(r.pattern));
        expect(r.faces).toHaveLength(6);
      }
    } },
  { name: 'three lines through one point (0.3, 0.3): six sectors', net: oneLayer([[1, 0], [0, 1], [1, 1]], [-0.3, -0.3, -0.6]), box: square, count: 6 },
  { name: 'two layers: ReLU(ReLU(x) − 0.5) adds the fold x = 0.5', net: { weights: [[[1, 0]], [[1]], [[1]]], biases: [[0], [-0.5], [0]] }, box: square, count: 3 },
  { name: 'no hidden layer: the box itself, f = 2x + 3y + 1', net: { weights: [[[2, 3]]], biases: [[1]] }, box: square, count: 1,
    check: ({ regions: [r] }) => {
      expect(r.A).toEqual([2, 3]);
      expect(r.c).toBe(1);
      expect(r.pattern).toHaveLength(0);
    } },

  // Degenerate on purpose.
  { name: 'zero row with a positive bias: constant on, no cut', net: oneLayer([[1, 0], [0, 0]], [0, 0.5]), box: square, count: 2,
    check: ({ regions }) => regions.forEach((r) => expect(r.pattern[1]).toBe(1)) },
  { name: 'zero row with a zero bias: z = 0 is off', net: oneLayer([[1, 0], [0, 0]], [0, 0]), box: square, count: 2,
    check: ({ regions }) => regions.forEach((r) => expect(r.pattern[1]).toBe(0)) },
  { name: 'zero row with a tiny positive bias: still on (its sign, not a tolerance, decides)', net: oneLayer([[1, 0], [0, 0]], [0, 1e-300]), box: square, count: 2,
    check: ({ regions }) => regions.forEach((r) => expect(r.pattern[1]).toBe(1)) },
  { name: 'the same neuron three times: one cut, equal bits', net: oneLayer([[1, 1], [1, 1], [1, 1]], [0.2, 0.2, 0.2]), box: square, count: 2,
    check: ({ regions }) => regions.forEach((r) => expect(new Set(r.pattern).size).toBe(1)) },
  { name: 'a neuron and its opposite: one cut, opposite bits', net: oneLayer([[1, -2], [-1, 2]], [0.1, -0.1]), box: square, count: 2,
    check: ({ regions }) => regions.forEach((r) => expect(r.pattern[0] + r.pattern[1]).toBe(1)) },
  { name: 'a plane touching the box only at the corner (1, 1): no cut', net: oneLayer([[1, 1]], [-2]), box: square, count: 1 },
  { name: 'the diagonal through two corners: two triangles, no sliver', net: oneLayer([[1, -1]], [0]), box: square, count: 2,
    check: ({ regions }) => regions.forEach((r) => expect(r.vertices).toHaveLength(3)) },
  { name: 'a plane along the face x = min: no cut, on inside', net: oneLayer([[1, 0]], [1]), box: square, count: 1,
    check: ({ regions: [r] }) => expect(r.pattern[0]).toBe(1) },
  { name: 'a plane along the face x = max, facing out: no cut, off inside', net: oneLayer([[1, 0]], [-1]), box: square, count: 1,
    check: ({ regions: [r] }) => expect(r.pattern[0]).toBe(0) },
  { name: 'a plane along a face of the cube and one through an edge: no cut', net: oneLayer([[0, 0, 1], [1, 1, 0]], [1, -2]), box: cube, count: 1 },
  { name: 'a plane through the cube’s centre and two opposite edges', net: oneLayer([[1, -1, 0]], [0]), box: cube, count: 2,
    check: ({ regions }) => regions.forEach((r) => expect(r.measure).toBeCloseTo(4, 13)) },
  { name: 'all biases zero: five lines through the origin make ten wedges', net: oneLayer([[1, 0], [0, 1], [1, 1], [1, -2], [3, 1]], [0, 0, 0, 0, 0]), box: square, count: 10,
    check: ({ regions }) => regions.forEach((r) => expect(r.vertices.some((v) => Math.hypot(...v) < 1e-12)).toBe(true)) },
  { name: 'all biases zero, two layers in 3D: every region a cone from the origin',
    net: { weights: [[[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]], [[1, -1, 0, 1], [0, 1, -1, 1]], [[1, 1]]], biases: [[0, 0, 0, 0], [0, 0], [0]] }, box: cube, count: -1,
    check: ({ regions }) => regions.forEach((r) => expect(r.vertices.some((v) => Math.hypot(...v) < 1e-12)).toBe(true)) },
  { name: 'a dead network (every neuron off everywhere): one region, f = output bias',
    net: { weights: [[[1, 1], [-1, 2]], [[1, 1], [2, -1]], [[5, 5]]], biases: [[-10, -10], [-1, -1], [0.25]] }, box: square, count: 1,
    check: ({ regions: [r] }) => {
      expect(Array.from(r.pattern)).toEqual([0, 0, 0, 0]);
      expect(r.A).toEqual([0, 0]);
      expect(r.c).toBe(0.25);
    } },
  // u = 0.3x + 0.7y + 0.1 and u/3 with each coefficient rounded on its own: ReLU(u) − 3·ReLU(u/3)
  // is zero but for rounding, in a direction unlike u's; it must not cut along that noise.
  // The neuron u − 3u′ with u′ = u/3 rounded (zero up to rounding, not exactly) is in exact.test.ts.
  { name: 'a second-layer neuron repeating a first-layer plane (ReLU(ReLU(x))): no new cut', net: { weights: [[[1, 0]], [[1]], [[1]]], biases: [[0], [0], [0]] }, box: square, count: 2 },
  // u = x + y is cut at 0 and 1.5; the third layer's neuron is 0 on u ≤ 1.5 (exactly, not by rounding) and −u + 1.5 < 0 beyond.
  { name: 'a third-layer neuron −ReLU(1.5 − u) − ReLU(u) + 1.5, exactly 0 where both are on: off there',
    net: { weights: [[[1, 1]], [[-1], [1]], [[-1, -1]], [[1]]], biases: [[0], [1.5, 0], [1.5], [0]] }, box: unitBox(2), count: 3,
    check: ({ regions }) => regions.forEach((r) => expect(r.pattern[3]).toBe(0)) },
];

/** n lines (or planes) in general position, with all their crossings inside a box around them. */
function generalPosition(n: number, d: 2 | 3, seed: number): { net: ReluNet; box: Box } {
  const next = rng(seed);
  const rows = Array.from({ length: n }, () => Array.from({ length: d }, () => 2 * next() - 1));
  const biases = rows.map(() => 2 * next() - 1);
  // Every vertex of the arrangement solves d of the equations; Cramer's rule bounds them by
  // Σ|b| / |det| over the chosen rows, so a box of that half-width holds them all.
  let reach = 1;
  const det = (m: number[][]): number =>
    m.length === 2 ? m[0][0] * m[1][1] - m[0][1] * m[1][0]
    : m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const choose = (from: number, k: number): number[][] => (k === 0 ? [[]] : Array.from({ length: n - from }, (_, i) => choose(from + i + 1, k - 1).map((rest) => [from + i, ...rest])).flat());
  for (const pick of choose(0, d)) {
    const D = Math.abs(det(pick.map((i) => rows[i])));
    const b = pick.reduce((s, i) => s + Math.abs(biases[i]), 0);
    reach = Math.max(reach, (d * b * Math.max(...pick.flatMap((i) => rows[i].map(Math.abs))) ** (d - 1)) / D);
  }
  return { net: oneLayer(rows, biases), box: { min: Array(d).fill(-2 * reach), max: Array(d).fill(2 * reach) } };
}

describe('region counts and degenerate networks', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const result = linearRegions(c.net, c.box);
    if (c.count >= 0) expect(result.regions).toHaveLength(c.count);
    expectExact(c.net, c.box, result, 300, 1);
    expectConvexShapes(result, c.box);
    c.check?.(result);
  });

  // Zaslavsky: n hyperplanes in general position cut R^d into Σ_{i≤d} C(n, i) regions.
  it.each([
    [3, 2, 7], [5, 2, 16], [8, 2, 37], [3, 3, 8], [4, 3, 15], [6, 3, 42],
  ] as const)('%d hyperplanes in general position in %dD make %d regions inside a box holding every crossing', (n, d, count) => {
    const { net, box } = generalPosition(n, d, 100 * n + d);
    const result = linearRegions(net, box);
    expect(result.regions).toHaveLength(count);
    expectExact(net, box, result, 100, 2);
  });

  it('reports the count after every layer and each pattern once', () => {
    const net: ReluNet = { weights: [[[1, 0], [0, 1]], [[1, 1]], [[1]]], biases: [[0, 0], [-0.5], [0]] };
    const result = linearRegions(net, unitBox(2));
    // Layer 1: four quadrants; layer 2 cuts the (+, +) quadrant by x + y = 0.5 and the (+, −) and
    // (−, +) ones by x = 0.5 and y = 0.5.
    expect(result.stats.regionsPerLayer).toEqual([4, 7]);
    expect(new Set(result.regions.map((r) => patternKey(r.pattern))).size).toBe(7);
  });
});
