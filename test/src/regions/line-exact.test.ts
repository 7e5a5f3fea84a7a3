// lineBreakpoints against the exact 1-D reference (line-reference.ts) on cases built to be hard:
// nearly coincident roots, segments through vertices and along boundaries, wide boxes, deep narrow
// nets, a neuron that is zero up to rounding, leaky ReLU, 3D, and random networks (fast-check):
// the same number of pieces, each float breakpoint next to its exact one, and the exact fallback
// counted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initNetwork } from '../../../src/regions/init.js';
import { countRegionsAlongLine, lineCrossings, type LineStats } from '../../../src/regions/line.js';
import type { ReluNet } from '../../../src/regions/types.js';
import { rng } from './helpers.js';
import { rationalLinePieces, toNumber } from './line-reference.js';

/** The count and breakpoints agree with the reference; returns the count and stats. */
function expectExact(net: ReluNet, a: readonly number[], b: readonly number[]): { count: number; stats: LineStats } {
  const { breakpoints, stats } = lineCrossings(net, a, b);
  const ref = rationalLinePieces(net, a, b);
  expect(breakpoints.length, `segment ${a} → ${b}`).toBe(ref.breakpoints.length);
  // Activation regions are convex: no pattern twice along the segment.
  expect(new Set(ref.patterns).size).toBe(ref.patterns.length);
  breakpoints.forEach((t, k) => expect(Math.abs(t - toNumber(ref.breakpoints[k]))).toBeLessThanOrEqual(1e-9));
  for (let k = 1; k < breakpoints.length; k++) expect(breakpoints[k]).toBeGreaterThanOrEqual(breakpoints[k - 1]);
  expect(countRegionsAlongLine(net, a, b)).toBe(ref.patterns.length);
  return { count: ref.patterns.length, stats };
}

const oneLayer = (rows: number[][], biases: number[]): ReluNet => ({ weights: [rows, [rows.map(() => 1)]], biases: [biases, [0]] });

describe('lineBreakpoints is exact (rational 1-D reference)', () => {
  it('a neuron zero up to rounding cuts where its exact sign changes (the issue\'s noise neuron)', () => {
    // ReLU(u) − 3·ReLU(u′) with u′ = fl(u/3): the doubles define a tiny non-zero second-layer
    // neuron whose root the old tolerances ignored; the exact fallback finds it.
    const net: ReluNet = { weights: [[[0.3, 0.7], [0.1, 0.7 / 3]], [[1, -3]], [[1]]], biases: [[0.1, 0.1 / 3], [0], [0]] };
    const { count, stats } = expectExact(net, [-0.7, 0.36], [-0.23, -0.22]);
    expect(count).toBe(3);
    expect(stats.exactSigns).toBeGreaterThan(0);
    expectExact(net, [-1, -1], [1, 1]);
    expectExact(net, [-1, 1], [1, -1]);
  });

  it('nearly coincident roots: lines through (0.3, 0.3) moved by a few ulps, crossed near that point', () => {
    const rows = [[1, 0.5], [-0.25, 1], [0.75, -1], [1, 1], [0.1, -0.9]];
    const counts: number[] = [];
    for (const shift of [0, 1e-16, 3e-16, -2e-16, 1e-15, 1e-13]) {
      const biases = rows.map(([p, q], i) => -(p * 0.3 + q * 0.3) + (i % 2 === 0 ? shift : -shift));
      counts.push(expectExact(oneLayer(rows, biases), [-0.7, -0.7], [1.3, 1.3]).count);
      expectExact(oneLayer(rows, biases), [0.3, -1], [0.3, 1]);
    }
    // Distinct roots a few ulps apart are distinct pieces: the counts differ with the shift.
    expect(new Set(counts).size).toBeGreaterThan(1);
  });

  it('a segment through a vertex where four lines meet exactly crosses two regions, not more', () => {
    // Lines through the dyadic point (0.25, −0.375), with dyadic coefficients: exact concurrency.
    const rows = [[1, 0], [0, 1], [1, 1], [1, -2], [-0.5, 0.75]];
    const biases = rows.map(([p, q]) => -(p * 0.25 - q * 0.375));
    const net = oneLayer(rows, biases);
    const { count, stats } = expectExact(net, [-0.75, -1.375], [1.25, 0.625]);
    expect(count).toBe(2);
    expect(stats.exactComparisons).toBeGreaterThan(0);
    // Along x = 0.25 that neuron is 0 (off) throughout, and the other four all cut at the vertex.
    expect(expectExact(net, [0.25, -2], [0.25, 1]).count).toBe(2);
  });

  it('a segment along a boundary: the neuron that is 0 on it is off and cuts nothing', () => {
    const net: ReluNet = { weights: [[[1, -1], [1, 1]], [[1, 1], [-1, 2]], [[1, 1]]], biases: [[0, 0], [0, -0.5], [0]] };
    expectExact(net, [-1, -1], [1, 1]);
    expectExact(net, [1, 1], [-1, -1]);
    // Along a second-layer boundary (z = −x−y+... is 0 where 2·ReLU(x+y) = ReLU(x−y)): the
    // segment x = 3y for y > 0 lies in it (x − y = 2y, x + y = 4y: −2y + 2·4y − 0.5 ≠ 0; take the
    // first unit's own line instead) and a line with rounded coefficients near it.
    expectExact(net, [0.1, 0.1], [0.7, 0.7]);
    expectExact({ weights: [[[0.1, 0.3]], [[1]]], biases: [[0.05], [0]] }, [-0.5, 0], [0.1, -0.2]);
  });

  it('wide boxes: segments of radius 1e3 and 1e6 across 2→64→1 and 2→16→16→1', () => {
    const next = rng(3);
    for (const [hidden, seed] of [[[64], 1], [[16, 16], 1], [[16, 16], 2]] as const) {
      const net = initNetwork({ inputs: 2, hidden: [...hidden], init: 'he', seed });
      for (const r of [1e3, 1e6]) {
        for (let s = 0; s < 3; s++) {
          const u = 2 * Math.PI * next();
          const v = u + Math.PI * (0.5 + next());
          const { count } = expectExact(net, [r * Math.cos(u), r * Math.sin(u)], [r * Math.cos(v), r * Math.sin(v)]);
          expect(count).toBeGreaterThan(1);
        }
      }
    }
  }, 60_000);

  it('deep narrow nets, 3D, and a leaky ReLU', () => {
    const next = rng(11);
    const pt = (d: number, r: number) => Array.from({ length: d }, () => r * (2 * next() - 1));
    for (const seed of [1, 2, 3, 4]) {
      const net = initNetwork({ inputs: 2, hidden: [4, 4, 4, 4, 4], init: 'he', seed });
      for (let s = 0; s < 4; s++) expectExact(net, pt(2, 3), pt(2, 3));
    }
    const deep3 = initNetwork({ inputs: 3, hidden: [8, 8, 8], init: 'he', seed: 5 });
    for (let s = 0; s < 4; s++) expectExact(deep3, pt(3, 1), pt(3, 1));
    const leaky = { ...initNetwork({ inputs: 2, hidden: [8, 8], init: 'he', seed: 6 }), leak: 0.1 };
    for (let s = 0; s < 4; s++) expectExact(leaky, pt(2, 2), pt(2, 2));
  }, 60_000);

  it('a segment of length 0, and ends on boundaries', () => {
    const net = oneLayer([[1, 0], [0, 1]], [0, 0]);
    expect(expectExact(net, [0, 0], [0, 0]).count).toBe(1);
    expect(expectExact(net, [0, -1], [1, 1]).count).toBe(2); // starts on x = 0
    expect(expectExact(net, [-1, -1], [0, 0]).count).toBe(1); // ends at the vertex
  });

  it('random networks and segments (fast-check)', () => {
    const arb = fc.constantFrom(2, 3).chain((d) => fc.record({
      d: fc.constant(d as 2 | 3),
      hidden: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
      seed: fc.nat(),
      leak: fc.constantFrom(0, 0, 0.01, 0.5),
      scale: fc.constantFrom(1, 1e3, 1e-3),
      a: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d, maxLength: d }),
      b: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d, maxLength: d }),
    }));
    fc.assert(fc.property(arb, ({ d, hidden, seed, leak, scale, a, b }) => {
      const net = { ...initNetwork({ inputs: d, hidden, init: 'he', seed }), leak };
      expectExact(net, a.map((x) => x * scale), b.map((x) => x * scale));
    }), { numRuns: 80 });
  }, 60_000);
});
