// Regions along a segment: hand-worked breakpoints, then on random networks every piece between
// breakpoints has one pattern (checked at samples inside it, away from its ends by 1e-6 of the
// segment), neighbouring pieces differ, and the pieces' patterns are regions of the 2D partition.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initNetwork, type InitScheme } from '../../../src/regions/init.js';
import { countRegionsAlongLine, lineBreakpoints, lineCrossings } from '../../../src/regions/line.js';
import { patternKey, regionAt } from '../../../src/regions/network.js';
import { linearRegions } from '../../../src/regions/partition.js';
import type { ReluNet } from '../../../src/regions/types.js';
import { probe, unitBox } from './helpers.js';

const relu2: ReluNet = { weights: [[[1, 0], [0, 1]], [[1, 1]]], biases: [[0, 0], [0]] };

describe('lineBreakpoints and countRegionsAlongLine', () => {
  it.each([
    ['ReLU(x) across x = 0', { weights: [[[1, 0]], [[1]]], biases: [[0], [0]] }, [-1, 0], [1, 0], [0.5]],
    ['ReLU(x), ReLU(y) on the diagonal: both at once', relu2, [-1, -1], [1, 1], [0.5]],
    ['ReLU(x), ReLU(y) on an off-diagonal segment', relu2, [-1, -0.5], [1, 1.5], [0.25, 0.5]],
    ['a segment along the plane x = 0: never crosses', { weights: [[[1, 0]], [[1]]], biases: [[0], [0]] }, [0, -1], [0, 1], []],
    ['a segment of length 0', relu2, [0.3, 0.3], [0.3, 0.3], []],
    ['two layers: |x| − 0.5 folds at x = ±0.5', { weights: [[[1, 0], [-1, 0]], [[1, 1]], [[1]]], biases: [[0, 0], [-0.5], [0]] }, [-1, 0], [1, 0], [0.25, 0.5, 0.75]],
  ] as const)('%s', (_, net, a, b, expected) => {
    const t = lineBreakpoints(net, a, b);
    expect(t).toHaveLength(expected.length);
    // Roots of small dyadic functions are certified by the float filter alone.
    expect(lineCrossings(net, a, b).stats.exactSigns).toBe(0);
    // Roots of affine functions with small dyadic coefficients: exact to a few ulps.
    t.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 14));
    expect(countRegionsAlongLine(net, a, b)).toBe(expected.length + 1);
  });

  it('refuses end points of the wrong length', () => {
    expect(() => lineBreakpoints(relu2, [0, 0, 0], [1, 1])).toThrow(expect.objectContaining({ path: 'a' }));
    expect(() => lineBreakpoints(relu2, [0, 0], [1, Number.NaN])).toThrow(expect.objectContaining({ path: 'b[1]' }));
  });

  it('cuts random segments exactly where the pattern changes (fast-check, 2D and 3D)', () => {
    const segment = fc.constantFrom(2, 3).chain((d) => fc.record({
      d: fc.constant(d as 2 | 3),
      hidden: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 3 }),
      init: fc.constantFrom<InitScheme>('he', 'glorot', 'pytorch'),
      seed: fc.nat(),
      a: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d, maxLength: d }),
      b: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d, maxLength: d }),
    }));
    fc.assert(fc.property(segment, ({ d, hidden, init, seed, a, b }) => {
      const net = initNetwork({ inputs: d, hidden, init, seed });
      const at = probe(net);
      const point = (t: number) => a.map((x, j) => x + t * (b[j] - x));
      const ends = [0, ...lineBreakpoints(net, a, b), 1];
      const length = Math.hypot(...a.map((x, j) => b[j] - x));
      let previous = '';
      for (let k = 0; k + 1 < ends.length; k++) {
        const mid = patternKey(regionAt(net, point((ends[k] + ends[k + 1]) / 2)));
        expect(mid).not.toBe(previous);
        previous = mid;
        for (let s = 1; s < 8; s++) {
          const t = ends[k] + (s / 8) * (ends[k + 1] - ends[k]);
          const { key, distance } = at(point(t));
          if (distance > 1e-6 * length) expect(key).toBe(mid);
        }
      }
    }), { numRuns: 60 });
  });

  it('crosses only regions of the 2D partition, each once', () => {
    const net = initNetwork({ inputs: 2, hidden: [8, 8], init: 'he', seed: 5 });
    const keys = new Set(linearRegions(net, unitBox(2)).regions.map((r) => r.patternKey));
    const a = [-1, -0.3];
    const b = [1, 0.8];
    const ends = [0, ...lineBreakpoints(net, a, b), 1];
    const seen = ends.slice(1).map((t, k) => patternKey(regionAt(net, a.map((x, j) => x + ((ends[k] + t) / 2) * (b[j] - x)))));
    seen.forEach((key) => expect(keys.has(key)).toBe(true));
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('countRegionsAlongLine against dense sampling', () => {
  it.each([
    [2, [16, 16], 1, [-1.8, -0.7], [1.8, 1]],
    [2, [8, 8, 8], 2, [-2, 2], [2, -1.5]],
    [2, [32], 3, [0.1, -1.9], [-0.4, 1.9]],
    [3, [8, 8], 4, [-1, -0.4, -0.3], [0.9, 0.5, 0.4]],
  ] as const)('%i inputs, widths %j, seed %i: the count is the number of distinct regions the segment passes through', (d, hidden, seed, a, b) => {
    const net = initNetwork({ inputs: d, hidden: [...hidden], init: 'he', seed });
    const count = countRegionsAlongLine(net, a, b);
    const ends = [0, ...lineBreakpoints(net, a, b), 1];
    const point = (t: number) => a.map((x, j) => x + t * (b[j] - x));
    // The pieces' patterns (at their middles) are all different: at least `count` regions.
    const pieces = new Set(ends.slice(1).map((t, k) => patternKey(regionAt(net, point((ends[k] + t) / 2)))));
    expect(pieces.size).toBe(count);
    // 20 001 evenly spaced samples meet no other pattern: at most `count` regions; and as the
    // shortest piece is longer than two steps, they meet every piece: exactly `count`.
    const N = 20_000;
    const sampled = new Set<string>();
    for (let s = 0; s <= N; s++) sampled.add(patternKey(regionAt(net, point(s / N))));
    for (const key of sampled) expect(pieces.has(key)).toBe(true);
    const shortest = Math.min(...ends.slice(1).map((t, k) => t - ends[k]));
    expect(shortest).toBeGreaterThan(2 / N);
    expect(sampled.size).toBe(count);
  });
});

describe('lineBreakpoints on a neuron that is zero up to rounding', () => {
  it('keeps two first-layer roots that differ by less than an ulp: three regions, as the doubles define', () => {
    // As in cases.test.ts: ReLU(u) − 3·ReLU(u′) with u′ = u/3 with its coefficients rounded on their
    // own, so u′ vanishes a hair away from u (u = 0.142 − 0.265·t falls to 0 at t = 0.5358…). The
    // old 1e-10 tolerance merged the two roots (2 regions); the exact count (line-exact.test.ts
    // checks it against rationals) is 3, and the exact fallback decided it.
    const net: ReluNet = { weights: [[[0.3, 0.7], [0.1, 0.7 / 3]], [[1, -3]], [[1]]], biases: [[0.1, 0.1 / 3], [0], [0]] };
    const { breakpoints, stats } = lineCrossings(net, [-0.7, 0.36], [-0.23, -0.22]);
    expect(breakpoints).toHaveLength(2);
    breakpoints.forEach((t) => expect(t).toBeCloseTo(0.142 / 0.265, 12));
    expect(stats.exactComparisons).toBeGreaterThan(0);
  });
});
