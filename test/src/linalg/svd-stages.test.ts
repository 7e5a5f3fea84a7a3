// The SVD animation: it starts at I and ends at W, its stages report the maps the lab shows, rotation
// stages are rotations at every instant (never shears), reflections appear exactly when a factor
// has det −1 (and that only when det W < 0), and the motion has no jumps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../../src/errors.js';
import { NonFiniteError } from '../../../src/linalg/errors.js';
import { smallDeterminant } from '../../../src/linalg/rotation.js';
import { svdAnimation, svdMatrixAt, svdStageMatrixAt, type SvdAnimation } from '../../../src/linalg/svd-stages.js';
import { EPS, frobenius, type Rows } from './matrices.js';

const SHAPES = [[2, 2], [2, 3], [3, 2], [3, 3]] as const;

/** Entries of a few magnitudes, exact zeros, and rank-1 matrices (σ₂ = 0 up to rounding). */
const entry = fc.oneof(
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.double({ min: -1, max: 1, noNaN: true }).map((x) => x * 1e-6),
  fc.double({ min: -1, max: 1, noNaN: true }).map((x) => x * 1e6),
  fc.constant(0),
);
const vector = (k: number) => fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: k, maxLength: k });
const matrix = fc.constantFrom(...SHAPES).chain(([m, n]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: m, maxLength: m }) },
    { weight: 1, arbitrary: fc.tuple(vector(m), vector(n)).map(([a, b]) => a.map((x) => b.map((y) => x * y))) },
  ),
);

function pad(W: Rows, s: number): Rows {
  return Array.from({ length: s }, (_, i) => Array.from({ length: s }, (_, j) => W[i]?.[j] ?? 0));
}

function multiply(a: Rows, b: Rows): Rows {
  return a.map((row) => b[0].map((_, j) => row.reduce((sum, x, k) => sum + x * b[k][j], 0)));
}

function transpose(a: Rows): Rows {
  return a[0].map((_, j) => a.map((row) => row[j]));
}

function distance(a: Rows, b: Rows): number {
  return frobenius(a.flatMap((row, i) => row.map((x, j) => x - b[i][j])));
}

function identity(n: number): Rows {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

/**
 * ‖M(end) − pad(W)‖_F ≤ 50·s·ε·‖W‖_F, the bound svdMatrixAt documents. The SVD is backward stable
 * with LAPACK's reconstruction ratio below 50 (for random 3×3 matrices it reaches ~10, for numpy's
 * LAPACK as for ours, so 10·s·ε would be too tight); M(end) multiplies the exact factors once (≤ s
 * roundings per entry); and flipping a free vector beside a σ below the rank tolerance σ₁·s·ε
 * moves W by at most 2·s·ε·σ₁. That is ~3e-14·‖W‖ at most, far inside the 1e-12·‖W‖.
 */
const endTolerance = (W: Rows) => {
  const s = Math.max(W.length, W[0].length);
  // Among subnormal entries (fast-check makes some) a product rounds to a multiple of 2⁻¹⁰⁷⁴ =
  // Number.MIN_VALUE whatever ‖W‖: up to s such roundings per entry come on top.
  return 50 * s * EPS * frobenius(W.flat()) + s ** 3 * Number.MIN_VALUE;
};

/**
 * Rotation stages are built from cos/sin or a unit quaternion (orthogonal to ~10ε), and at their
 * end are the SVD's own U or Vᵀ (orthogonal to LAPACK's 50·s·ε ≈ 3e-14 at worst): 1e-13 covers both.
 */
const ORTHOGONAL = 1e-13;

function expectRotation(R: Rows): void {
  expect(distance(multiply(transpose(R), R), identity(R.length)), 'RᵀR − I').toBeLessThanOrEqual(ORTHOGONAL);
  expect(Math.abs(smallDeterminant(R) - 1), 'det R − 1').toBeLessThanOrEqual(ORTHOGONAL);
}

function kinds(a: SvdAnimation): string[] {
  return a.stages.map((s) => s.kind);
}

describe('svdMatrixAt', () => {
  it('is I at 0 and the padded W at the end, for every shape', () => {
    fc.assert(
      fc.property(matrix, (W) => {
        const a = svdAnimation(W);
        expect(svdMatrixAt(a, 0)).toEqual(identity(a.space));
        expect(distance(svdMatrixAt(a, a.end), pad(W, a.space))).toBeLessThanOrEqual(endTolerance(W));
      }),
      { numRuns: 400 },
    );
  });

  it('clamps t to [0, end] and refuses NaN', () => {
    const a = svdAnimation([[1, 2], [3, 4]]);
    expect(svdMatrixAt(a, -5)).toEqual(identity(2));
    expect(svdMatrixAt(a, 1e9)).toEqual(svdMatrixAt(a, a.end));
    expect(svdMatrixAt(a, Infinity)).toEqual(svdMatrixAt(a, a.end));
    expect(() => svdMatrixAt(a, NaN)).toThrow(RangeError);
  });

  it('is the product of the stage matrices, last stage leftmost', () => {
    const a = svdAnimation([[1, 2, 0], [-1, 0.5, 3]]);
    for (const t of [0.3, 1.5, 2.25, a.end - 0.1]) {
      const product = a.stages.reduce((m, _, k) => multiply(svdStageMatrixAt(a, k, t), m), identity(a.space));
      expect(svdMatrixAt(a, t)).toEqual(product);
    }
    expect(() => svdStageMatrixAt(a, a.stages.length, 0)).toThrow(RangeError);
  });

  it('moves continuously: no jump at stage boundaries, Lipschitz over the whole animation', () => {
    fc.assert(
      fc.property(matrix, (W) => {
        const a = svdAnimation(W);
        // ‖dM/dt‖₂ ≤ π·max(1, σ₁): a turn by θ ≤ π, a flip at speed 2 or a stretch at speed |σᵢ − 1|,
        // sandwiched between factors of norm ≤ max(1, σ₁). √s converts to the Frobenius norm; the
        // slack covers the ~1e-15 step between an interpolated end and the exact factor.
        const big = Math.max(1, a.S[0]);
        const speed = Math.PI * big * Math.sqrt(a.space);
        const slack = 1e-13 * big;
        const delta = 1e-6;
        for (let k = 1; k < a.end; k++) {
          expect(distance(svdMatrixAt(a, k - delta), svdMatrixAt(a, k + delta))).toBeLessThanOrEqual(speed * 2 * delta + slack);
        }
        const h = a.end / 200;
        let previous = svdMatrixAt(a, 0);
        for (let i = 1; i <= 200; i++) {
          const next = svdMatrixAt(a, i * h);
          expect(distance(previous, next)).toBeLessThanOrEqual(speed * h * 1.0001 + slack);
          previous = next;
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('stages', () => {
  it('are consecutive unit intervals with the documented shapes, names and end values', () => {
    fc.assert(
      fc.property(matrix, (W) => {
        const a = svdAnimation(W);
        const [m, n] = [W.length, W[0].length];
        expect(a.end).toBe(a.stages.length);
        a.stages.forEach((s, k) => expect([s.start, s.end]).toEqual([k, k + 1]));
        const names = a.stages.map((s) => s.appliedName);
        expect(names.filter((x) => x !== 'F' && x !== 'FΣVᵀ')).toEqual(['Vᵀ', 'ΣVᵀ', 'UΣVᵀ']);
        const byName = Object.fromEntries(a.stages.map((s) => [s.appliedName, s.appliedSoFar]));
        // Vᵀ is the SVD's own Vᵀ, bit for bit: F·F = I is applied exactly (`+ 0`: up to the sign of 0).
        expect(byName['Vᵀ'].map((row) => row.map((x) => x + 0))).toEqual(transpose(a.V).map((row) => row.map((x) => x + 0)));
        // ΣVᵀ: one rounding per entry (σᵢ times an entry of Vᵀ), absolute among subnormals.
        const sigmaVt = Array.from({ length: m }, (_, i) => transpose(a.V)[i]?.map((x) => x * (a.S[i] ?? 0)) ?? new Array<number>(n).fill(0));
        expect(byName['ΣVᵀ']).toHaveLength(m);
        expect(distance(byName['ΣVᵀ'], sigmaVt)).toBeLessThanOrEqual(2 * EPS * (a.S[0] ?? 0) + m * n * Number.MIN_VALUE);
        expect(byName['UΣVᵀ']).toHaveLength(m);
        byName['UΣVᵀ'].forEach((row) => expect(row).toHaveLength(n));
        expect(distance(byName['UΣVᵀ'], W)).toBeLessThanOrEqual(endTolerance(W));
      }),
      { numRuns: 300 },
    );
  });

  it('rotate as rotations at every instant: orthogonal with det +1 on a fine grid, never a shear', () => {
    fc.assert(
      fc.property(matrix, (W) => {
        const a = svdAnimation(W);
        a.stages.forEach((s, k) => {
          if (!s.kind.startsWith('rotate')) return;
          for (let j = 0; j <= 24; j++) expectRotation(svdStageMatrixAt(a, k, k + j / 24));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('reflect exactly when det V or det U is −1 — which the sign choice leaves only for det W < 0', () => {
    fc.assert(
      fc.property(matrix, (W) => {
        const a = svdAnimation(W);
        expect(kinds(a).includes('reflect-v')).toBe(smallDeterminant(a.V) < 0);
        expect(kinds(a).includes('reflect-u')).toBe(smallDeterminant(a.U) < 0);
        const reflections = kinds(a).filter((k) => k.startsWith('reflect')).length;
        if (W.length !== W[0].length) expect(reflections).toBe(0);
        // Well away from singular, det W's sign is unambiguous; W is scaled first so that det
        // cannot underflow (entries may be ~1e-200).
        else if (a.S.at(-1)! > 1e-6 * a.S[0]) {
          const big = Math.max(...W.flat().map(Math.abs));
          expect(reflections).toBe(smallDeterminant(W.map((row) => row.map((x) => x / big))) < 0 ? 1 : 0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('diag(1, −1) is reflect, rotate, stretch, rotate; the reflection squashes through the line y = 0', () => {
    const a = svdAnimation([[1, 0], [0, -1]]);
    expect(kinds(a)).toEqual(['reflect-v', 'rotate-v', 'scale', 'rotate-u']);
    expect(a.stages[0]).toMatchObject({ label: 'Vᵀ: reflect (det V = −1)', appliedName: 'F', appliedSoFar: [[1, 0], [0, -1]] });
    expect(svdStageMatrixAt(a, 0, 0.5)).toEqual([[1, 0], [0, 0]]);
    expect(svdStageMatrixAt(a, 0, 0.75)).toEqual([[1, 0], [0, -0.5]]);
  });

  it('a rotation, or diag(2, 3) (whose σ sort swaps the axes), needs no reflection', () => {
    const t = 2.2;
    for (const W of [[[Math.cos(t), -Math.sin(t)], [Math.sin(t), Math.cos(t)]], [[2, 0], [0, 3]], [[0.6, -0.8], [0.8, 0.6]]]) {
      expect(kinds(svdAnimation(W))).toEqual(['rotate-v', 'scale', 'rotate-u']);
    }
  });

  it('interpolates a turn by 180° (diag(−1, −1, 1)) and by 179.9° as rotations', () => {
    const theta = (179.9 * Math.PI) / 180;
    const [c, s] = [Math.cos(theta), Math.sin(theta)];
    // 179.9° about (1, 2, 2)/3 by Rodrigues' formula, and 180° about z.
    const [x, y, z] = [1 / 3, 2 / 3, 2 / 3];
    const K = [[0, -z, y], [z, 0, -x], [-y, x, 0]];
    const K2 = multiply(K, K);
    const R179 = K.map((row, i) => row.map((k, j) => (i === j ? 1 : 0) + s * k + (1 - c) * K2[i][j]));
    for (const W of [[[-1, 0, 0], [0, -1, 0], [0, 0, 1]], R179]) {
      const a = svdAnimation(W);
      expect(kinds(a)).toEqual(['rotate-v', 'scale', 'rotate-u']);
      for (const k of [0, 2]) for (let j = 0; j <= 32; j++) expectRotation(svdStageMatrixAt(a, k, k + j / 32));
      expect(distance(svdMatrixAt(a, a.end), W)).toBeLessThanOrEqual(endTolerance(W));
    }
    // The whole 180° is carried by one factor; halfway through it, space has turned by 90° about z.
    const a = svdAnimation([[-1, 0, 0], [0, -1, 0], [0, 0, 1]]);
    const half = a.stages.map((_, k) => svdStageMatrixAt(a, k, k + 0.5)).find((m) => Math.abs(m[0][0]) < 1e-15);
    expect(half).toBeDefined();
    expect(half![2]).toEqual([0, 0, 1]);
    expect(Math.abs(half![0][1])).toBeCloseTo(1, 15);
  });

  it('says in plain words what each shape does', () => {
    expect(svdAnimation([[1, 2, 3], [4, 5, 6]]).stages.find((s) => s.kind === 'scale')!.label).toBe('Σ: stretch, and drop to ℝ²');
    expect(svdAnimation([[1, 2], [3, 4], [5, 6]]).stages.at(-1)!.label).toBe('U: rotate into ℝ³');
    expect(svdAnimation([[1, 0], [0, 0]]).stages.find((s) => s.kind === 'scale')!.label).toBe('Σ: stretch (σ₂ = 0 flattens a direction)');
    expect(svdAnimation([[0, 0, 0], [0, 0, 0]]).stages[1].label).toBe('Σ: stretch, and drop to ℝ² (σ₁ = σ₂ = 0 flatten everything to a point)');
    expect(svdAnimation([[1, 2], [2, 4]]).stages[1].label).toMatch(/σ₂ [=≈] 0 flattens a direction/);
  });

  it('2×3: Σ flattens the third axis (projection onto z = 0); 3×2: the input plane stays z = 0 until U', () => {
    const wide = svdAnimation([[1, 2, 0], [0, 1, 3]]);
    const k = wide.stages.findIndex((s) => s.kind === 'scale');
    expect(svdStageMatrixAt(wide, k, k + 0.25)[2][2]).toBe(0.75);
    expect(svdMatrixAt(wide, wide.end)[2]).toEqual([0, 0, 0]);
    const tall = svdAnimation([[1, 2], [0, 1], [3, 0]]);
    const beforeU = svdMatrixAt(tall, tall.end - 1);
    expect(beforeU[2]).toEqual([0, 0, 0]);
    expect(svdMatrixAt(tall, tall.end).map((row) => row[2])).toEqual([0, 0, 0]);
  });

  it('are deterministic: the same W gives identical animations', () => {
    fc.assert(
      fc.property(matrix, fc.double({ min: 0, max: 5, noNaN: true }), (W, t) => {
        const [a, b] = [svdAnimation(W), svdAnimation(W.map((row) => row.slice()))];
        expect(b).toEqual(a);
        expect(svdMatrixAt(b, t)).toEqual(svdMatrixAt(a, t));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses other sizes and non-finite entries', () => {
    expect(() => svdAnimation([[1, 2]])).toThrow(ShapeError);
    expect(() => svdAnimation([[1, 2, 3, 4], [1, 2, 3, 4]])).toThrow('The SVD animation needs a 2×2, 2×3, 3×2 or 3×3 matrix, but this one is 2×4.');
    expect(() => svdAnimation([])).toThrow(ShapeError);
    expect(() => svdAnimation([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => svdAnimation([[1, NaN], [3, 4]])).toThrow(NonFiniteError);
  });
});
