// Principal projections and planar hulls: exact small cases and, by fast-check, the property the
// Attention view relies on — a projection keeps weighted averages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convexHull2d, principalProjection, projectPoint } from '../../../src/attention/index.js';
import { randomRows, seeded } from './reference.js';

describe('principalProjection', () => {
  it('finds the direction of spread of points on a line', () => {
    const p = principalProjection([[0, 0, 0], [1, 1, 0], [2, 2, 0]], 1);
    expect(p.mean).toEqual([1, 1, 0]);
    expect(Math.abs(p.directions[0]![0]!)).toBeCloseTo(Math.SQRT1_2, 14);
    expect(p.kept[0]).toBeCloseTo(1, 14);
    expect(Math.abs(p.coords[2]![0]!)).toBeCloseTo(Math.SQRT2, 14);
  });

  it('keeps convex combinations: the projection of Σwⱼvⱼ is Σwⱼ·proj(vⱼ) (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 3, max: 16 }), fc.integer({ min: 2, max: 3 }), fc.nat(), (n, dim, k, seed) => {
        const rnd = seeded(seed);
        const points = randomRows(n, dim, rnd, 3);
        const raw = points.map(() => rnd());
        const w = raw.map((v) => v / raw.reduce((s, x) => s + x, 0));
        const average = Array.from({ length: dim }, (_, c) => points.reduce((s, p, j) => s + w[j]! * p[c]!, 0));
        const p = principalProjection(points, k);
        const direct = projectPoint(p, average);
        const mixed = Array.from({ length: k }, (_, c) => p.coords.reduce((s, q, j) => s + w[j]! * q[c]!, 0));
        // Coordinates of size ≤ ~10, sums of ≤ 16 products: 1e-12 is ~100 ulps.
        direct.forEach((v, c) => expect(Math.abs(v - mixed[c]!)).toBeLessThan(1e-12));
        // The directions are orthonormal and keep at most all the spread.
        p.directions.forEach((u, a) => p.directions.forEach((v, b) => expect(u.reduce((s, x, i) => s + x * v[i]!, 0)).toBeCloseTo(a === b ? 1 : 0, 12)));
        expect(p.kept.reduce((s, v) => s + v, 0)).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a k larger than the dimension', () => {
    expect(() => principalProjection([[1, 2]], 3)).toThrow(RangeError);
  });
});

describe('convexHull2d', () => {
  it('drops interior and collinear boundary points, counter-clockwise', () => {
    expect(convexHull2d([[0, 0], [2, 0], [1, 0], [2, 2], [0, 2], [1, 1]])).toEqual([0, 1, 3, 4]);
  });

  it('handles 0, 1, repeated and collinear points', () => {
    expect(convexHull2d([])).toEqual([]);
    expect(convexHull2d([[1, 1], [1, 1]])).toEqual([0]);
    expect(convexHull2d([[0, 0], [1, 1], [2, 2]])).toEqual([0, 2]);
  });

  it('contains every point (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 30 }), fc.nat(), (n, seed) => {
        const points = randomRows(n, 2, seeded(seed));
        const hull = convexHull2d(points);
        for (const q of points) {
          for (let k = 0; k < hull.length && hull.length >= 3; k++) {
            const a = points[hull[k]!]!;
            const b = points[hull[(k + 1) % hull.length]!]!;
            expect((b[0]! - a[0]!) * (q[1]! - a[1]!) - (b[1]! - a[1]!) * (q[0]! - a[0]!)).toBeGreaterThanOrEqual(-1e-12);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
