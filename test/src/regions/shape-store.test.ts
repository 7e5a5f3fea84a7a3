// The growable shape store keeps what it holds when it grows.
import { describe, expect, it } from 'vitest';
import { ShapeStore } from '../../../src/regions/shape-store.js';

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
