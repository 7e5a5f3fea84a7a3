// Rotations that can be animated: Shepperd's quaternion at every angle (π included), and R^u
// orthogonal with det +1 for every u — the property that makes an animated turn never shear.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../../src/errors.js';
import { quaternionFromRotation, rotationFromQuaternion, rotationPower, smallDeterminant } from '../../../src/linalg/rotation.js';
import { EPS, type Rows } from './matrices.js';

/**
 * Rotation by θ about the unit axis a by Rodrigues' formula, I + sin θ·K + (1 − cos θ)·K² with
 * K = [a]×, written out independently of the code under test.
 */
function rodrigues(axis: readonly number[], theta: number): Rows {
  const n = Math.hypot(...axis);
  const [x, y, z] = axis.map((c) => c / n);
  const K = [[0, -z, y], [z, 0, -x], [-y, x, 0]];
  const K2 = multiply(K, K);
  const [s, c] = [Math.sin(theta), 1 - Math.cos(theta)];
  return K.map((row, i) => row.map((k, j) => (i === j ? 1 : 0) + s * k + c * K2[i][j]));
}

function multiply(a: Rows, b: Rows): Rows {
  return a.map((row) => b[0].map((_, j) => row.reduce((sum, x, k) => sum + x * b[k][j], 0)));
}

function maxDiff(a: Rows, b: Rows): number {
  return Math.max(...a.flatMap((row, i) => row.map((x, j) => Math.abs(x - b[i][j]))));
}

function identity(n: number): Rows {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

/**
 * A built rotation (from cos/sin or a unit quaternion) is orthogonal and has det 1 up to a few
 * roundings of entries of size ≤ 1: 20ε leaves room for the quaternion's products.
 */
const ROTATION_TOLERANCE = 20 * EPS;

function expectRotation(R: Rows, tolerance = ROTATION_TOLERANCE): void {
  const RtR = multiply(R[0].map((_, j) => R.map((row) => row[j])), R);
  expect(maxDiff(RtR, identity(R.length)), 'RᵀR − I').toBeLessThanOrEqual(tolerance);
  expect(Math.abs(smallDeterminant(R) - 1), 'det R − 1').toBeLessThanOrEqual(tolerance);
}

const axis = fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })).filter((a) => Math.hypot(...a) > 0.1);

describe('quaternionFromRotation (Shepperd)', () => {
  it('names 180° turns about the axes, where w = 0', () => {
    expect(quaternionFromRotation([[-1, 0, 0], [0, -1, 0], [0, 0, 1]])).toEqual([0, 0, 0, 1]);
    expect(quaternionFromRotation([[1, 0, 0], [0, -1, 0], [0, 0, -1]])).toEqual([0, 1, 0, 0]);
    expect(quaternionFromRotation(identity(3))).toEqual([1, 0, 0, 0]);
  });

  it('inverts rotationFromQuaternion at every angle, w ≥ 0 (the short arc)', () => {
    fc.assert(
      fc.property(axis, fc.double({ min: 0, max: Math.PI, noNaN: true }), (a, theta) => {
        const R = rodrigues(a, theta);
        const q = quaternionFromRotation(R);
        expect(q[0]).toBeGreaterThanOrEqual(0);
        expect(Math.abs(Math.hypot(...q) - 1)).toBeLessThanOrEqual(4 * EPS);
        // Entries of R are correct to a few ε, and so the rebuilt matrix is.
        expect(maxDiff(rotationFromQuaternion(q), R)).toBeLessThanOrEqual(ROTATION_TOLERANCE);
      }),
      { numRuns: 300 },
    );
  });
});

describe('rotationPower', () => {
  it('goes from I (u = 0) to R (u = 1), and R^½·R^½ = R, for random turns up to and including π', () => {
    const angle = fc.oneof(fc.double({ min: 0, max: Math.PI, noNaN: true }), fc.constantFrom(Math.PI, Math.PI - 1e-9, (179.9 * Math.PI) / 180, 1e-12));
    fc.assert(
      fc.property(axis, angle, (a, theta) => {
        const R = rodrigues(a, theta);
        expect(maxDiff(rotationPower(R, 0), identity(3))).toBe(0);
        expect(maxDiff(rotationPower(R, 1), R)).toBeLessThanOrEqual(ROTATION_TOLERANCE);
        const half = rotationPower(R, 0.5);
        expect(maxDiff(multiply(half, half), R)).toBeLessThanOrEqual(ROTATION_TOLERANCE);
      }),
      { numRuns: 300 },
    );
  });

  it('is a rotation (orthogonal, det +1) at every u, also at and near 180° — never a shear', () => {
    for (const theta of [Math.PI, Math.PI - 1e-9, (179.9 * Math.PI) / 180, 1e-9, 1]) {
      for (const a of [[0, 0, 1], [1, 2, 3], [-0.3, 0.9, 0.1]]) {
        const R = rodrigues(a, theta);
        for (let k = 0; k <= 32; k++) expectRotation(rotationPower(R, k / 32));
      }
    }
  });

  it('keeps the axis fixed and turns by u·θ about it', () => {
    const R = rodrigues([1, 2, 2], (179.9 * Math.PI) / 180);
    const third = rotationPower(R, 1 / 3);
    const a = [1 / 3, 2 / 3, 2 / 3];
    third.forEach((row, i) => expect(Math.abs(row.reduce((s, x, j) => s + x * a[j], 0) - a[i])).toBeLessThanOrEqual(4 * EPS));
    // tr R = 1 + 2 cos θ
    const trace = third[0][0] + third[1][1] + third[2][2];
    expect(Math.abs(trace - (1 + 2 * Math.cos((179.9 * Math.PI) / 540)))).toBeLessThanOrEqual(8 * EPS);
  });

  it('turns the plane the short way round', () => {
    const minus90 = [[0, 1], [-1, 0]]; // also +270°
    const half = rotationPower(minus90, 0.5);
    expect(maxDiff(half, [[Math.SQRT1_2, Math.SQRT1_2], [-Math.SQRT1_2, Math.SQRT1_2]])).toBeLessThanOrEqual(2 * EPS);
    for (let k = 0; k <= 16; k++) expectRotation(rotationPower([[-1, 0], [0, -1]], k / 16));
  });

  it('refuses reflections, shears, other sizes and a non-finite u', () => {
    expect(() => rotationPower([[1, 0], [0, -1]], 0.5)).toThrow(/reflection/);
    expect(() => rotationPower([[1, 1], [0, 1]], 0.5)).toThrow(/not a rotation/);
    expect(() => rotationPower(identity(4), 0.5)).toThrow(ShapeError);
    expect(() => rotationPower(identity(3), NaN)).toThrow(RangeError);
    expect(() => rotationFromQuaternion([0, 0, 0, 0])).toThrow(RangeError);
  });
});
