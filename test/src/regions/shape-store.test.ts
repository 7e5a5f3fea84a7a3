// The growable shape store keeps what it holds when it grows; spare stores go back to their own
// role, and a partition on reused (stale) stores is the same as on fresh ones.
import { describe, expect, it } from 'vitest';
import { initNetwork } from '../../../src/regions/init.js';
import { linearRegionsPacked } from '../../../src/regions/partition.js';
import { releaseStore, ShapeStore, takeStore } from '../../../src/regions/shape-store.js';

describe('ShapeStore', () => {
  it('grows on reserve and keeps the corners and words below the tops', () => {
    const store = new ShapeStore(2, 2, 2);
    store.coords.set([1, 2, 3, 4]);
    store.radius.set([0.5, 0.25]);
    store.defs.set([7, 8, 9, 10]);
    store.labels.set([11, 12]);
    store.faces.set([5, 6]);
    store.cornerTop = 2;
    store.faceTop = 2;
    store.reserve(100, 50);
    expect(store.coords.length).toBeGreaterThanOrEqual(2 * 102);
    expect(store.radius.length).toBeGreaterThanOrEqual(102);
    expect(store.faces.length).toBeGreaterThanOrEqual(52);
    expect(Array.from(store.coords.subarray(0, 4))).toEqual([1, 2, 3, 4]);
    expect(Array.from(store.radius.subarray(0, 2))).toEqual([0.5, 0.25]);
    expect(Array.from(store.defs.subarray(0, 4))).toEqual([7, 8, 9, 10]);
    expect(Array.from(store.labels.subarray(0, 2))).toEqual([11, 12]);
    expect(Array.from(store.faces.subarray(0, 2))).toEqual([5, 6]);
  });
});

describe('spare stores', () => {
  it('gives a released store back to the same role and dimension only, emptied and with room', () => {
    const store = takeStore('test role', 3, 4, 8);
    store.cornerTop = 3;
    store.faceTop = 5;
    releaseStore('test role', store);
    expect(takeStore('other role', 3, 4, 8)).not.toBe(store);
    expect(takeStore('test role', 2, 4, 8)).not.toBe(store);
    const again = takeStore('test role', 3, 100, 200);
    expect(again).toBe(store);
    expect([again.cornerTop, again.faceTop]).toEqual([0, 0]);
    expect(again.radius.length).toBeGreaterThanOrEqual(100);
    expect(again.faces.length).toBeGreaterThanOrEqual(200);
    expect(takeStore('test role', 3, 4, 8)).not.toBe(store); // taken, so no longer a spare
  });

  it.each([2, 3] as const)('leaves no trace between partitions (%dD): stale spares give the same result as fresh stores', (d) => {
    // Partition A, then B (other weights, another box: the spares now hold B's values), then A again.
    const box = (r: number) => ({ min: Array(d).fill(-r), max: Array(d).fill(r) });
    const a = initNetwork({ inputs: d, hidden: d === 2 ? [12, 12] : [8, 8], init: 'he', seed: 4 });
    const b = initNetwork({ inputs: d, hidden: d === 2 ? [16, 16, 16] : [10, 10], init: 'pytorch', seed: 9 });
    const first = linearRegionsPacked(a, box(1));
    linearRegionsPacked(b, box(3));
    const again = linearRegionsPacked(a, box(1));
    expect(again.count).toBe(first.count);
    for (const key of ['patterns', 'measures', 'gradients', 'constants', 'interiors', 'coords', 'cornerStart', 'faceWords', 'faceStart'] as const) {
      expect(Array.from(again[key])).toEqual(Array.from(first[key]));
    }
  });
});
