// The layer that last cut each region: hand-worked cases, the per-layer counts it must reproduce,
// and, on random networks, the definition checked against the partitions of the truncated
// networks (a region is alone in its cell after its layer, and not alone in the cell before).
import { describe, expect, it } from 'vitest';
import { initNetwork } from '../../../src/regions/init.js';
import { lastCutLayers } from '../../../src/regions/last-cut.js';
import { patternKey, regionAt } from '../../../src/regions/network.js';
import { linearRegionsPacked } from '../../../src/regions/partition.js';
import { truncateNetwork } from '../../../src/regions/subnetworks.js';
import type { ReluNet } from '../../../src/regions/types.js';
import { unitBox } from './helpers.js';

const square = unitBox(2);

/** lastCutLayers with each region named by its pattern, e.g. { '10|1': 2 }. */
function byPattern(net: ReluNet, widths: number[]): Record<string, number> {
  const packed = linearRegionsPacked(net, square);
  const layers = lastCutLayers(packed, widths);
  const out: Record<string, number> = {};
  for (let r = 0; r < packed.count; r++) {
    const bits = Array.from(packed.patterns.subarray(r * packed.hidden, (r + 1) * packed.hidden));
    let at = 0;
    out[widths.map((w) => bits.slice(at, (at += w)).join('')).join('|')] = layers[r];
  }
  return out;
}

describe('lastCutLayers', () => {
  it('one layer: every region was cut by layer 1', () => {
    const net: ReluNet = { weights: [[[1, 0], [0, 1]], [[1, 1]]], biases: [[0, 0], [0]] };
    expect(byPattern(net, [2])).toEqual({ '00': 1, '01': 1, '10': 1, '11': 1 });
  });

  it('a box no neuron cuts is one region, cut by no layer (0)', () => {
    const net: ReluNet = { weights: [[[1, 0]], [[1]], [[1]]], biases: [[5], [0], [0]] };
    expect(byPattern(net, [1, 1])).toEqual({ '1|1': 0 });
  });

  it('|x| − 0.5: layer 2 cuts both halves that layer 1 made', () => {
    const net: ReluNet = { weights: [[[1, 0], [-1, 0]], [[1, 1]], [[1]]], biases: [[0, 0], [-0.5], [0]] };
    expect(byPattern(net, [2, 1])).toEqual({ '01|1': 2, '01|0': 2, '10|0': 2, '10|1': 2 });
  });

  it('ReLU(ReLU(x) − 0.5): layer 2 cuts only the half where x > 0', () => {
    // Layer 1 splits at x = 0; on x < 0 the second neuron is −0.5 (off), on x > 0 it splits at 0.5.
    const net: ReluNet = { weights: [[[1, 0]], [[1]], [[1]]], biases: [[0], [-0.5], [0]] };
    expect(byPattern(net, [1, 1])).toEqual({ '0|0': 1, '1|0': 2, '1|1': 2 });
  });

  it('refuses widths that do not add up to the pattern length', () => {
    const packed = linearRegionsPacked(initNetwork({ inputs: 2, hidden: [3, 3], init: 'he', seed: 1 }), square);
    expect(() => lastCutLayers(packed, [3])).toThrow(/add up to 3 neurons, but the patterns have 6 bits/);
    expect(() => lastCutLayers(packed, [])).toThrow(/hidden widths/);
  });

  it.each([
    [2, [6, 6, 6], 1],
    [2, [10, 4, 8], 2],
    [3, [5, 5, 4], 3],
  ] as const)('%i inputs, widths %j, seed %i: agrees with the truncated partitions', (inputs, hidden, seed) => {
    const net = initNetwork({ inputs, hidden: [...hidden], init: 'he', seed });
    const box = unitBox(inputs);
    const packed = linearRegionsPacked(net, box);
    const layers = lastCutLayers(packed, hidden);
    expect(new Set(layers).size).toBeGreaterThan(1); // the cases are chosen so that several layers last-cut something
    // Each region's cell after layer l, found independently: the pattern of the truncated
    // network at the region's centroid (the centroid is strictly inside, so inside that cell).
    const cells = hidden.map((_, l) => {
      const truncated = truncateNetwork(net, l + 1);
      const keys = Array.from({ length: packed.count }, (_, r) => patternKey(regionAt(truncated, Array.from(packed.interiors.subarray(r * inputs, (r + 1) * inputs)))));
      expect(new Set(keys).size).toBe(packed.stats.regionsPerLayer[l]);
      expect(new Set(keys).size).toBe(linearRegionsPacked(truncated, box).count);
      return keys;
    });
    const alone = (l: number, r: number) => l >= 0 && cells[l].filter((k) => k === cells[l][r]).length === 1;
    for (let r = 0; r < packed.count; r++) {
      const l = layers[r] - 1;
      expect(alone(l, r)).toBe(true);
      expect(alone(l - 1, r)).toBe(false);
    }
  });
});
