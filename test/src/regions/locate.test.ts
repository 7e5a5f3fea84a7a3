// The region under a point, by the network's own pattern: on random networks in 2D and 3D it is
// the region whose shape holds the point (checked against every region, away from boundaries).
import { describe, expect, it } from 'vitest';
import { initNetwork } from '../../../src/regions/init.js';
import { regionLocator } from '../../../src/regions/locate.js';
import { unpackRegion } from '../../../src/regions/packed.js';
import { linearRegionsPacked } from '../../../src/regions/partition.js';
import { truncateNetwork } from '../../../src/regions/subnetworks.js';
import { depthFunction, probe, randomPoint, rng, unitBox } from './helpers.js';

describe('regionLocator', () => {
  it.each([
    [2, [8, 8], 1],
    [2, [16, 16, 4], 2],
    [3, [6, 6], 3],
  ] as const)('%i inputs, widths %j: the located region contains the point', (d, hidden, seed) => {
    const net = initNetwork({ inputs: d, hidden: [...hidden], init: 'he', seed });
    const box = unitBox(d);
    const packed = linearRegionsPacked(net, box);
    const locate = regionLocator(net, packed, box);
    const depths = Array.from({ length: packed.count }, (_, r) => depthFunction(unpackRegion(packed, r)));
    const at = probe(net);
    const next = rng(seed);
    let checked = 0;
    for (let trial = 0; trial < 300; trial++) {
      const x = randomPoint(box, next);
      // Within 1e-9 of a boundary the containing region is a matter of rounding.
      if (at(x).distance < 1e-9) continue;
      const r = locate(x);
      expect(r).toBeGreaterThanOrEqual(0);
      // The point is inside region r (to rounding) and inside no other.
      expect(depths[r]!(x)).toBeGreaterThan(-1e-12);
      const holders = depths.filter((depth) => depth(x) > 1e-12).length;
      expect(holders).toBeLessThanOrEqual(1);
      checked++;
    }
    expect(checked).toBeGreaterThan(250);
  });

  it('answers −1 outside the box, and refuses a partition of another network', () => {
    const net = initNetwork({ inputs: 2, hidden: [4, 4], init: 'he', seed: 1 });
    const box = unitBox(2);
    const locate = regionLocator(net, linearRegionsPacked(net, box), box);
    expect(locate([1.5, 0])).toBe(-1);
    expect(locate([0, Number.NaN])).toBe(-1);
    expect(() => regionLocator(net, linearRegionsPacked(truncateNetwork(net, 1), box), box)).toThrow(expect.objectContaining({ path: 'packed' }));
  });
});
