// Cutting convex polygons by a line (through a one-neuron network, so the split runs inside the
// partition with its certified signs): the halves' corners, orientation and areas (which add up to
// the whole: exactly here, since the cuts land on dyadic points), corners on the line shared, a
// line 1e-13 from two corners still cutting, and the area/centroid formula.
import { describe, expect, it } from 'vitest';
import { linearRegions } from '../../../src/regions/partition.js';
import { polygonArea, polygonAreaAt } from '../../../src/regions/polygon.js';

const halves = (g: [number, number], h: number) => {
  const { regions } = linearRegions({ weights: [[g], [[1]]], biases: [[h], [0]] }, { min: [-1, -1], max: [1, 1] });
  return [regions.find((r) => r.pattern[0] === 0)!, regions.find((r) => r.pattern[0] === 1)!];
};

describe('splitPolygonExact (through the partition)', () => {
  it.each([
    ['x = 0 through two edges', [1, 0], 0, 2, [4, 4]],
    ['x + y = 0 through two corners', [1, 1], 0, 2, [3, 3]],
    ['x + y = 1 cutting a corner off', [1, 1], -1, 3.5, [5, 3]],
  ] as const)('%s', (_, g, h, lowerArea, corners) => {
    const [lower, upper] = halves([...g], h);
    expect([lower.vertices.length, upper.vertices.length]).toEqual(corners);
    expect(lower.measure).toBe(lowerArea);
    expect(lower.measure + upper.measure).toBe(4);
    for (const [x, y] of lower.vertices) expect(g[0] * x + g[1] * y + h).toBeLessThanOrEqual(0);
    for (const [x, y] of upper.vertices) expect(g[0] * x + g[1] * y + h).toBeGreaterThanOrEqual(0);
  });

  it('cuts a line 1e-13 from two corners there, keeping the thin pieces', () => {
    const [lower, upper] = halves([1, 1], 1e-13);
    expect(lower.vertices).toHaveLength(3);
    expect(upper.vertices).toHaveLength(5);
    expect(lower.measure + upper.measure).toBeCloseTo(4, 14);
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
