// The exactness of linearRegions on random small networks (fast-check), in 2D and 3D: the regions
// tile the box, do not overlap, carry the network's own pattern and affine map at every interior
// point, and every pattern met by dense sampling is among them (see exact.ts for the tolerances).
// No slivers means nothing below the partition's floor, (1e-6 of the box's side)^d: 1e-12 of the
// box in 2D; in 3D, 1e-18, because fast-check met genuine regions of 1e-13 of the box (a
// tetrahedron about 1e-4 on a side, in a 3→7→6→1 network) that a 1e-12 floor would merge away.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initNetwork, type InitScheme } from '../../../src/regions/init.js';
import { patternKey } from '../../../src/regions/network.js';
import { CancelledError } from '../../../src/linalg/errors.js';
import { RegionLimitError } from '../../../src/regions/errors.js';
import { linearRegions } from '../../../src/regions/partition.js';
import type { Box, ReluNet } from '../../../src/regions/types.js';
import { expectConvexShapes, expectExact, NEAR } from './exact.js';
import { depthInside, probe, randomPoint, rng, unitBox } from './helpers.js';
import { rationalRegions } from './rational-reference.js';

/** Networks from the lab's own initialisers: realistic, in general position. */
const seededNet = (d: 2 | 3) =>
  fc.record({
    hidden: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 3 }),
    init: fc.constantFrom<InitScheme>('he', 'glorot', 'pytorch'),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    biasStd: fc.constantFrom(0, 0.1, 0.5),
    leak: fc.constantFrom(undefined, 0.1),
  }).map(({ hidden, init, seed, biasStd, leak }) => initNetwork({ inputs: d, hidden, init, seed, biasStd, leak }));

/**
 * Networks with weights and biases on a coarse dyadic grid (multiples of 1/2 in [−2, 2]): exact
 * zeros, duplicate and opposite neurons, planes through box corners and along faces of [−1, 1]^d,
 * and several planes through one point all turn up, and the arithmetic on them is often exact.
 */
const gridNet = (d: 2 | 3) =>
  fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }).chain((hidden) => {
    const widths = [d, ...hidden, 1];
    const value = fc.integer({ min: -4, max: 4 }).map((x) => x / 2);
    return fc.record({
      weights: fc.tuple(...widths.slice(1).map((n, l) => fc.array(fc.array(value, { minLength: widths[l], maxLength: widths[l] }), { minLength: n, maxLength: n }))),
      biases: fc.tuple(...widths.slice(1).map((n) => fc.array(value, { minLength: n, maxLength: n }))),
    });
  }) as fc.Arbitrary<ReluNet>;

/** Patterns at a grid of points (cell centres, n per side), skipping points on a boundary. */
function sampledPatterns(net: ReluNet, box: Box, n: number): Set<string> {
  const d = box.min.length;
  const size = Math.max(...box.max.map((hi, k) => hi - box.min[k]));
  const at = probe(net);
  const keys = new Set<string>();
  const index = Array(d).fill(0);
  for (let count = 0; count < n ** d; count++) {
    for (let k = 0, c = count; k < d; k++, c = Math.floor(c / n)) index[k] = c % n;
    const { key, distance } = at(index.map((i, k) => box.min[k] + ((i + 0.5) / n) * (box.max[k] - box.min[k])));
    if (distance > NEAR * size) keys.add(key);
  }
  return keys;
}

describe('linearRegions is exact on random networks', () => {
  it.each([2, 3] as const)('seeded networks in %dD: tiling, patterns, maps, sampling', (d) => {
    fc.assert(fc.property(seededNet(d), fc.integer(), (net, seed) => {
      const box = unitBox(d);
      const result = linearRegions(net, box);
      expectExact(net, box, result, 150, seed);
      expectConvexShapes(result, box);
    }), { numRuns: 25 });
  });

  it.each([2, 3] as const)('grid networks in %dD (exact degeneracies): tiling, patterns, maps, sampling', (d) => {
    fc.assert(fc.property(gridNet(d), fc.integer(), (net, seed) => {
      const box = unitBox(d);
      const result = linearRegions(net, box);
      expectExact(net, box, result, 150, seed);
      expectConvexShapes(result, box);
    }), { numRuns: 30 });
  });

  it.each([2, 3] as const)('every pattern found by dense sampling is a region (%dD)', (d) => {
    fc.assert(fc.property(fc.oneof(seededNet(d), gridNet(d)), (net) => {
      const box = unitBox(d);
      const keys = new Set(linearRegions(net, box).regions.map((r) => r.patternKey));
      for (const key of sampledPatterns(net, box, d === 2 ? 60 : 16)) expect(keys.has(key), key).toBe(true);
    }), { numRuns: 15 });
  });

  it('finds every pattern of a 200×200 grid for a 2→8→8→8→1 network', () => {
    const net = initNetwork({ inputs: 2, hidden: [8, 8, 8], init: 'he', seed: 7 });
    const box = unitBox(2);
    const keys = new Set(linearRegions(net, box).regions.map((r) => r.patternKey));
    const sampled = sampledPatterns(net, box, 200);
    for (const key of sampled) expect(keys.has(key), key).toBe(true);
    expect(sampled.size).toBeGreaterThan(10);
  });

  it.each([2, 3] as const)('agrees with the exact rational reference enumerator (%dD)', (d) => {
    fc.assert(fc.property(fc.oneof(seededNet(d), gridNet(d)), (net) => {
      const box = unitBox(d);
      const ours = linearRegions(net, box).regions.map((r) => Array.from(r.pattern).join('')).sort();
      expect(ours).toEqual(rationalRegions(net, box).sort());
    }), { numRuns: d === 2 ? 20 : 8 });
  }, 120_000);

  it('works in a box away from the origin and of uneven sides', () => {
    const net = initNetwork({ inputs: 2, hidden: [6, 6], init: 'pytorch', seed: 3 });
    const box = { min: [10, -0.5], max: [12.5, 0.25] };
    expectExact(net, box, linearRegions(net, box), 200, 1);
  });
});

describe('linearRegions options and refusals', () => {
  const net = initNetwork({ inputs: 2, hidden: [8, 8], init: 'he', seed: 11 });
  const box = unitBox(2);

  it('stops with RegionLimitError past maxRegions, naming the limit and the layer', () => {
    const all = linearRegions(net, box).regions.length;
    const first = linearRegions(net, box).stats.regionsPerLayer[0];
    expect(() => linearRegions(net, box, { maxRegions: all })).not.toThrow();
    const error = (() => {
      try {
        linearRegions(net, box, { maxRegions: first });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RegionLimitError);
    expect(error).toMatchObject({ limit: first, layer: 1 });
  });

  it('reports progress, never backwards, ending at 1', () => {
    const seen: number[] = [];
    const big = initNetwork({ inputs: 2, hidden: [32, 32], init: 'he', seed: 2 });
    linearRegions(big, box, { onProgress: (f, layer) => {
      seen.push(f);
      expect([0, 1]).toContain(layer);
    } });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(1);
    seen.forEach((f, i) => i > 0 && expect(f).toBeGreaterThanOrEqual(seen[i - 1]));
  });

  it('is cancelled by an aborted signal, before or during the work', () => {
    expect(() => linearRegions(net, box, { signal: { aborted: true } })).toThrow(CancelledError);
    const signal = { aborted: false };
    const big = initNetwork({ inputs: 2, hidden: [32, 32], init: 'he', seed: 2 });
    expect(() => linearRegions(big, box, { signal, onProgress: (f) => { if (f > 0.3) signal.aborted = true; } })).toThrow(CancelledError);
  });

  it.each([
    ['maxRegions', { maxRegions: 0 }],
  ] as const)('refuses a bad %s', (path, options) => {
    expect(() => linearRegions(net, box, options)).toThrow(expect.objectContaining({ name: 'NetworkFormatError', path }));
  });

  it.each([
    ['box.min', { min: [-1, -1, -1], max: [1, 1] }],
    ['box.max[1]', { min: [-1, 1], max: [1, 1] }],
    ['box.min[0]', { min: [Number.NaN, -1], max: [1, 1] }],
    ['box.max[0]', { min: [-1, -1], max: [Infinity, 1] }],
  ] as const)('refuses a bad box, naming %s', (path, bad) => {
    expect(() => linearRegions(net, bad)).toThrow(expect.objectContaining({ name: 'NetworkFormatError', path }));
  });
});

describe('linearRegions on larger networks', () => {
  // Thousands of regions: each random point's pattern (by the forward pass) must be a region, and
  // the point must lie inside that region's shape (to 1e-9 of the box); areas and volumes tile.
  it.each([
    [2, [32, 32, 32]],
    [3, [16, 16]],
  ] as const)('%dD, hidden %j', (d, hidden) => {
    const net = initNetwork({ inputs: d, hidden: [...hidden], init: 'he', seed: 21 });
    const box = unitBox(d);
    const { regions } = linearRegions(net, box);
    expect(regions.length).toBeGreaterThan(1000);
    const total = regions.reduce((s, r) => s + r.measure, 0);
    expect(Math.abs(total - 2 ** d)).toBeLessThanOrEqual(1e-9 * 2 ** d);
    const byKey = new Map(regions.map((r) => [r.patternKey, r]));
    expect(byKey.size).toBe(regions.length);
    const at = probe(net);
    const next = rng(5);
    for (let s = 0; s < 2000; s++) {
      const x = randomPoint(box, next);
      const { key, distance } = at(x);
      if (distance <= NEAR * 2) continue;
      const region = byKey.get(key);
      expect(region, `no region for the pattern at ${x}`).toBeDefined();
      expect(depthInside(region!, x)).toBeGreaterThanOrEqual(-NEAR * 2);
    }
  });
});
