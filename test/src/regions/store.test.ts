// The growable shape store keeps what it holds when it grows.
import { describe, expect, it } from 'vitest';
import { ShapeStore } from '../../../src/regions/store.js';

describe('ShapeStore', () => {
  it('grows on reserve and keeps the numbers below the tops', () => {
    const store = new ShapeStore(4, 2);
    store.coords.set([1, 2, 3, 4]);
    store.faces.set([5, 6]);
    store.coordTop = 4;
    store.faceTop = 2;
    store.reserve(100, 50);
    expect(store.coords.length).toBeGreaterThanOrEqual(104);
    expect(store.faces.length).toBeGreaterThanOrEqual(52);
    expect(Array.from(store.coords.subarray(0, 4))).toEqual([1, 2, 3, 4]);
    expect(Array.from(store.faces.subarray(0, 2))).toEqual([5, 6]);
  });
});
