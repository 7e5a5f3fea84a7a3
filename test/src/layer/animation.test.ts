import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../../src/errors.js';
import { ACTIVATIONS, activate, type Activation } from '../../../src/layer/activation.js';
import { layerAtTime, transformPointsInto } from '../../../src/layer/animation.js';
import { applyLayer } from '../../../src/layer/linear.js';

const W23 = [[1, 2, 3], [4, 5, 6]];
const W32 = [[1, 2], [3, 4], [5, 6]];

describe('layerAtTime', () => {
  it('starts at the identity with no bias', () => {
    expect(layerAtTime([[2, 1], [0, 3]], [5, 6], 0)).toEqual({ W: [[1, 0], [0, 1]], b: [0, 0] });
    expect(layerAtTime(W23, [1, 1], 0)).toEqual({ W: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], b: [0, 0, 0] });
  });

  it('reaches the padded W at t = 1, and adds b by t = 2', () => {
    expect(layerAtTime(W23, [7, 8], 1)).toEqual({ W: [[1, 2, 3], [4, 5, 6], [0, 0, 0]], b: [0, 0, 0] });
    expect(layerAtTime(W32, [7, 8, 9], 1)).toEqual({ W: [[1, 2, 0], [3, 4, 0], [5, 6, 0]], b: [0, 0, 0] });
    expect(layerAtTime(W23, [7, 8], 2)).toEqual({ W: [[1, 2, 3], [4, 5, 6], [0, 0, 0]], b: [7, 8, 0] });
    expect(layerAtTime(W32, [7, 8, 9], 1.5).b).toEqual([3.5, 4, 4.5]);
  });

  it('interpolates linearly and clamps t', () => {
    expect(layerAtTime([[3, 0], [0, 3]], [1, 1], 0.5)).toEqual({ W: [[2, 0], [0, 2]], b: [0, 0] });
    expect(layerAtTime([[3, 0], [0, 3]], [1, 1], -4)).toEqual(layerAtTime([[3, 0], [0, 3]], [1, 1], 0));
    expect(layerAtTime([[3, 0], [0, 3]], [1, 1], 9)).toEqual(layerAtTime([[3, 0], [0, 3]], [1, 1], 2));
    expect(layerAtTime([[3, 0], [0, 3]], [1, 1], NaN)).toEqual(layerAtTime([[3, 0], [0, 3]], [1, 1], 0));
  });

  it('refuses a bias of the wrong length', () => {
    expect(() => layerAtTime(W23, [1, 2, 3], 1)).toThrow(ShapeError);
  });
});

const coordinate = fc.double({ min: -5, max: 5, noNaN: true });

describe('transformPointsInto', () => {
  const cases = fc.constantFrom<2 | 3>(2, 3).chain((dim) =>
    fc.record({
      dim: fc.constant(dim),
      W: fc.array(fc.array(coordinate, { minLength: dim, maxLength: dim }), { minLength: dim, maxLength: dim }),
      b: fc.array(coordinate, { minLength: dim, maxLength: dim }),
      points: fc.array(coordinate, { minLength: 0, maxLength: 8 * dim }).map((xs) => xs.slice(0, xs.length - (xs.length % dim))),
      activation: fc.constantFrom<Activation>(...ACTIVATIONS),
      blend: fc.double({ min: 0, max: 1, noNaN: true }),
      leak: fc.double({ min: 0, max: 0.5, noNaN: true }),
    }),
  );

  it('agrees with applyLayer and activate point by point', () => {
    fc.assert(
      fc.property(cases, ({ dim, W, b, points, activation, blend, leak }) => {
        const input = Float64Array.from(points);
        const out = new Float64Array(points.length);
        transformPointsInto(W, b, input, dim, out, activation, blend, leak);
        for (let p = 0; p < points.length; p += dim) {
          const z = applyLayer(W, b, points.slice(p, p + dim));
          z.forEach((zi, i) => {
            const expected = (1 - blend) * zi + blend * activate(activation, zi, leak);
            // Same sums in the same order; only the blend end points are special-cased exactly.
            expect(out[p + i]).toBeCloseTo(expected, 12);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives exactly σ(z) at blend 1 and z at blend 0, and may work in place', () => {
    const W = [[1, 0], [0, 1]];
    const points = Float64Array.of(-2, 3, 0.5, -0.5);
    const out = new Float32Array(4);
    transformPointsInto(W, [0, 0], points, 2, out, 'relu');
    expect([...out]).toEqual([0, 3, 0.5, 0]);
    transformPointsInto(W, [1, 1], points, 2, out, 'relu', 0);
    expect([...out]).toEqual([-1, 4, 1.5, 0.5]);
    transformPointsInto([[2, 0, 0], [0, 2, 0], [0, 0, 2]], [0, 0, 1], points.subarray(0, 3), 3, points.subarray(0, 3));
    expect([...points]).toEqual([-4, 6, 2, -0.5]);
  });

  it('refuses mismatched sizes', () => {
    const points = new Float64Array(6);
    expect(() => transformPointsInto([[1, 0], [0, 1]], [0, 0], points, 3, new Float64Array(6))).toThrow(/3×3/);
    expect(() => transformPointsInto([[1, 0], [0, 1]], [0], points, 2, new Float64Array(6))).toThrow(ShapeError);
    expect(() => transformPointsInto([[1, 0], [0, 1]], [0, 0], new Float64Array(5), 2, new Float64Array(6))).toThrow(/whole number/);
    expect(() => transformPointsInto([[1, 0], [0, 1]], [0, 0], points, 2, new Float64Array(4))).toThrow(/out holds 4/);
  });
});
