// Cutting convex polygons by a line: the halves' corners, orientation and areas (which must add up
// to the whole: exactly here, since the cuts below land on dyadic points), corners on the line
// shared, and the area/centroid formula. Offsets inside a shared buffer work like whole arrays.
import { describe, expect, it } from 'vitest';
import { boxPolygon, polygonArea, polygonAreaAt, splitPolygon, splitPolygonInto, splitPolygonRoom } from '../../../src/regions/polygon.js';

const values = (P: Float64Array, f: (x: number, y: number) => number): Float64Array =>
  Float64Array.from({ length: P.length / 2 }, (_, i) => f(P[2 * i], P[2 * i + 1]));

describe('splitPolygon', () => {
  const square = boxPolygon([-1, -1], [1, 1]);

  it.each([
    ['x = 0 through two edges', (x: number) => x, 2, [4, 4]],
    ['x + y = 0 through two corners', (x: number, y: number) => x + y, 2, [3, 3]],
    ['x + y = 1 cutting a corner off', (x: number, y: number) => x + y - 1, 3.5, [5, 3]],
  ] as const)('%s', (_, f, lowerArea, corners) => {
    const [lower, upper] = splitPolygon(square, values(square, f), 1e-12);
    expect([lower.length / 2, upper.length / 2]).toEqual(corners);
    expect(polygonArea(lower)).toBe(lowerArea);
    expect(polygonArea(lower) + polygonArea(upper)).toBe(4);
    for (let i = 0; i < lower.length; i += 2) expect(f(lower[i], lower[i + 1])).toBeLessThanOrEqual(0);
    for (let i = 0; i < upper.length; i += 2) expect(f(upper[i], upper[i + 1])).toBeGreaterThanOrEqual(0);
  });

  it('puts a corner within eps of the line into both halves, and adds no point next to it', () => {
    // f is 1e-13 at the corner (1, −1): on the line for eps = 1e-12.
    const [lower, upper] = splitPolygon(square, values(square, (x, y) => x + y + 1e-13), 1e-12);
    expect(lower.length / 2).toBe(3);
    expect(upper.length / 2).toBe(3);
  });

  it('works at offsets inside a shared buffer', () => {
    const buffer = new Float64Array(8 + splitPolygonRoom(4) + 6);
    buffer.set(square, 3);
    const f = values(square, (x) => x - 0.5);
    splitPolygonInto(buffer, 3, 4, f, 1e-12, buffer, 11);
    expect(polygonAreaAt(buffer, 11, 4)).toBe(3);
    expect(polygonAreaAt(buffer, 19, 4)).toBe(1);
  });
});

describe('polygonArea', () => {
  it('gives the signed area and the centroid', () => {
    const triangle = Float64Array.of(0, 0, 3, 0, 0, 3);
    const centroid: number[] = [];
    expect(polygonArea(triangle, centroid)).toBe(4.5);
    expect(centroid).toEqual([1, 1]);
    expect(polygonArea(Float64Array.of(0, 0, 0, 3, 3, 0))).toBe(-4.5);
  });

  it('falls back to the corners’ mean for a flat polygon', () => {
    const centroid: number[] = [];
    expect(polygonArea(Float64Array.of(0, 0, 1, 1, 2, 2), centroid)).toBe(0);
    expect(centroid).toEqual([1, 1]);
  });
});
