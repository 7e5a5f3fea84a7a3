// The packed partition and its unpacking: the same regions as linearRegions, in flat arrays whose
// offsets line up, and one region rebuilt on demand.
import { describe, expect, it } from 'vitest';
import { initNetwork } from '../../../src/regions/init.js';
import { unpackRegion } from '../../../src/regions/packed.js';
import { linearRegions, linearRegionsPacked } from '../../../src/regions/partition.js';
import { unitBox } from './helpers.js';

describe('linearRegionsPacked and unpackRegion', () => {
  it.each([2, 3] as const)('the packed form holds the same regions in flat arrays (%dD)', (d) => {
    const net = initNetwork({ inputs: d, hidden: [6, 5], init: 'pytorch', seed: 4 });
    const box = unitBox(d);
    const packed = linearRegionsPacked(net, box);
    const { regions } = linearRegions(net, box);
    expect(packed.count).toBe(regions.length);
    expect(packed.cornerStart[packed.count] * d).toBe(packed.coords.length);
    expect(packed.faceStart[packed.count]).toBe(packed.faceWords.length);
    regions.forEach((r, i) => {
      expect(unpackRegion(packed, i)).toEqual(r);
      expect(Array.from(packed.patterns.subarray(i * packed.hidden, (i + 1) * packed.hidden))).toEqual(Array.from(r.pattern));
    });
    expect(() => unpackRegion(packed, packed.count)).toThrow(RangeError);
  });
});
