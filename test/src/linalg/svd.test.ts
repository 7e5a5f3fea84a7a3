// The SVD against LAPACK's own acceptance tests: A rebuilt from its factors, U and V orthogonal,
// σ sorted and non-negative, σ against known or reference values; then invariants by fast-check,
// and every refusal (shape, non-finite entry, iteration cap) with the place it names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../../src/errors.js';
import { NonFiniteError, NotConvergedError } from '../../../src/linalg/errors.js';
import { singularValues, svd, svdFloat64, type Svd } from '../../../src/linalg/svd.js';
import { EPS, lapackRatios, randomMatrix, randomOrthogonal, withSingularValues, type Rows } from './matrices.js';
import { SVD_CASES } from './svdCases.js';

/** LAPACK's threshold for its test ratios (dchkbd uses 50 too). */
const RATIO_LIMIT = 50;

function expectSound(a: Rows, result: Svd): void {
  const m = a.length;
  const n = m ? a[0].length : 0;
  expect(result.U).toHaveLength(m);
  result.U.forEach((row) => expect(row).toHaveLength(m));
  expect(result.V).toHaveLength(n);
  result.V.forEach((row) => expect(row).toHaveLength(n));
  expect(result.S).toHaveLength(Math.min(m, n));
  result.S.forEach((s, i) => {
    expect(s).toBeGreaterThanOrEqual(0);
    if (i > 0) expect(s).toBeLessThanOrEqual(result.S[i - 1]);
  });
  const r = lapackRatios(a, result);
  // A subnormal entry (fast-check makes some) has as little as one significant bit, so near them
  // A can only be rebuilt to a few multiples of 2⁻¹⁰⁷⁴ = Number.MIN_VALUE, absolutely, whatever
  // ‖A‖: the relative ratio is then meaningless (it was 2e6 for a 2×2 with entries ~3e-315).
  if (r.residual > m * n * Math.min(m, n) * Number.MIN_VALUE) {
    expect(r.reconstruction, 'reconstruction ratio').toBeLessThan(RATIO_LIMIT);
  }
  expect(r.orthogonalityU, 'orthogonality ratio of U').toBeLessThan(RATIO_LIMIT);
  expect(r.orthogonalityV, 'orthogonality ratio of V').toBeLessThan(RATIO_LIMIT);
}

/** The documented convention: the largest-|·| entry of each uᵢ (first on ties) is positive. */
function expectSignConvention(U: Rows): void {
  for (let i = 0; i < U.length; i++) {
    let best = 0;
    let value = 0;
    for (const row of U) if (Math.abs(row[i]) > best) [best, value] = [Math.abs(row[i]), row[i]];
    expect(value).toBeGreaterThan(0);
  }
}

describe('svd on the test matrices', () => {
  it.each(SVD_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const a = c.matrix();
    const m = a.length;
    const n = m ? a[0].length : 0;
    const result = svd(a);
    expectSound(a, result);
    expectSignConvention(result.U);
    // Values only runs the very same iteration without recording rotations: bit-identical σ.
    expect(singularValues(a)).toEqual(result.S);
    if (c.sigma) {
      expect(result.S).toHaveLength(c.sigma.length);
      const sigma1 = c.sigma[0] ?? 0;
      const tolerance = 10 * Math.max(m, n) * EPS * sigma1;
      result.S.forEach((s, i) => expect(Math.abs(s - c.sigma![i]), `σ${i + 1}`).toBeLessThanOrEqual(tolerance));
      if (c.relativeUlps !== undefined) {
        result.S.forEach((s, i) => expect(Math.abs(s - c.sigma![i]) / c.sigma![i], `relative error of σ${i + 1}`).toBeLessThanOrEqual(c.relativeUlps! * EPS));
      }
    }
  });
});

describe('degenerate shapes', () => {
  it('gives identities and no values for 0×5 and 5×0 (row-major Float64Array API)', () => {
    for (const [m, n] of [[0, 5], [5, 0], [0, 0]]) {
      const r = svdFloat64(new Float64Array(0), m, n, true);
      expect(r.S).toHaveLength(0);
      expect(Array.from(r.U!)).toEqual(identity(m).flat());
      expect(Array.from(r.V!)).toEqual(identity(n).flat());
    }
  });

  it('gives σ = |a| for 1×1 and the norm for a single row or column', () => {
    expect(svd([[-3]])).toEqual({ U: [[1]], S: [3], V: [[-1]] });
    expect(singularValues([[3, 4]])).toEqual([5]);
    expect(singularValues([[3], [4]])).toEqual([5]);
  });

  it('does not modify its input', () => {
    const data = Float64Array.from([1, 2, 3, 4, 5, 6]);
    svdFloat64(data, 2, 3, true);
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('refusals', () => {
  it.each([
    [NaN, /\(row 3, column 2\) is NaN/],
    [Infinity, /\(row 3, column 2\) is Infinity/],
    [-Infinity, /\(row 3, column 2\) is -Infinity/],
  ])('names the first non-finite entry (%s) before computing anything', (bad, message) => {
    const a = randomMatrix(4, 3, 5);
    a[2][1] = bad;
    a[3][2] = NaN; // a later bad entry is not the one reported
    for (const f of [() => svd(a), () => singularValues(a)]) {
      expect(f).toThrow(NonFiniteError);
      expect(f).toThrow(message);
    }
    try {
      svd(a);
    } catch (e) {
      expect(e).toMatchObject({ name: 'NonFiniteError', row: 2, col: 1 });
    }
    const data = Float64Array.from(a.flat());
    expect(() => svdFloat64(data, 4, 3, false)).toThrow(message);
  });

  it('refuses ragged rows with a ShapeError naming the row', () => {
    expect(() => svd([[1, 2], [3, 4], [5]])).toThrow(ShapeError);
    expect(() => svd([[1, 2], [3, 4], [5]])).toThrow('Row 3 has 1 entry but row 1 has 2.');
    expect(() => singularValues([[1], [2, 3]])).toThrow('Row 2 has 2 entries but row 1 has 1.');
    expect(() => svdFloat64(new Float64Array(5), 2, 3, true)).toThrow(ShapeError);
    expect(() => svdFloat64(new Float64Array(0), -1, 0, true)).toThrow(ShapeError);
  });

  it('throws NotConvergedError when the sweep budget runs out, instead of running on', () => {
    const a = randomMatrix(6, 6, 9);
    expect(() => svd(a, { maxIterations: 1 })).toThrow(NotConvergedError);
    expect(() => singularValues(a, { maxIterations: 1 })).toThrow(/did not converge after 1 QR sweep \(/);
    expect(() => svd(a, { maxIterations: 1 })).toThrow(expect.objectContaining({ name: 'NotConvergedError', iterations: 1 }));
    expect(svd(a, { maxIterations: 100 }).S).toEqual(svd(a).S);
    // The cap counts sweeps only: a diagonal matrix needs none, so even a cap of 0 lets it through.
    expect(singularValues([[1, 0, 0], [0, -3, 0], [0, 0, 2]], { maxIterations: 0 })).toEqual([3, 2, 1]);
  });
});

/** Entries of a few magnitudes, so scaling and grading are exercised too. */
const entry = fc.oneof(
  fc.double({ min: -1, max: 1, noNaN: true }),
  fc.double({ min: -1, max: 1, noNaN: true }).map((x) => x * 1e-8),
  fc.double({ min: -1, max: 1, noNaN: true }).map((x) => x * 1e8),
  fc.constant(0),
);
const matrix = fc
  .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }))
  .chain(([m, n]) => fc.array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: m, maxLength: m }));

describe('properties', () => {
  it('every small matrix passes the LAPACK ratios with σ sorted and non-negative', () => {
    fc.assert(fc.property(matrix, (a) => expectSound(a, svd(a))), { numRuns: 300 });
  });

  it('σ(2ᵏ·A) = 2ᵏ·σ(A) exactly: the matrix is normalized by a power of two first', () => {
    const normal = fc.double({ min: 1e-3, max: 1e3, noNaN: true }).chain((x) => fc.constantFrom(x, -x));
    const a = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })).chain(([m, n]) => fc.array(fc.array(normal, { minLength: n, maxLength: n }), { minLength: m, maxLength: m }));
    fc.assert(
      fc.property(a, fc.integer({ min: -900, max: 900 }), (a, k) => {
        const scaled = a.map((row) => row.map((x) => x * 2 ** k));
        expect(singularValues(scaled)).toEqual(singularValues(a).map((s) => s * 2 ** k));
      }),
      { numRuns: 200 },
    );
  });

  it('a 1e-13 perturbation never flips a singular vector when σ are well separated', () => {
    // σᵢ = (p − i + jitterᵢ)/p, jitter ∈ [0, ½): gaps of at least 1/(2p), also from 0 (near σ = 0 a
    // vector may rightly flip as σ passes through zero). |m − n| ≤ 1 keeps every vector unique up
    // to sign, null-space ones included; random orthogonal factors make the entries generic.
    const spectrum = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: -1, max: 1 }), fc.nat(), fc.array(fc.double({ min: 0, max: 0.5, noNaN: true }), { minLength: 7, maxLength: 7 }));
    fc.assert(
      fc.property(spectrum, ([p, extra, seed, jitter]) => {
        const m = p + Math.max(extra, 0);
        const n = p + Math.max(-extra, 0);
        const sigma = Array.from({ length: p }, (_, i) => (p - i + jitter[i]) / p);
        const a = withSingularValues(m, n, sigma, seed);
        const noise = randomMatrix(m, n, seed + 7);
        const before = svd(a);
        const after = svd(a.map((row, i) => row.map((x, j) => x + 1e-13 * noise[i][j])));
        // A flip shows as a difference of about 2·|component|; the perturbation moves vectors by
        // ≲ 1e-13·√(mn)/gap ≈ 1e-11, and rounding by ~1e-15.
        const tolerance = 1e-10;
        before.U.forEach((row, i) => row.forEach((x, j) => expect(Math.abs(x - after.U[i][j])).toBeLessThan(tolerance)));
        before.V.forEach((row, i) => row.forEach((x, j) => expect(Math.abs(x - after.V[i][j])).toBeLessThan(tolerance)));
      }),
      { numRuns: 200 },
    );
  });

  // Invariances of σ, each within LAPACK's absolute tolerance c·max(m, n)·ε·σ₁ (c = 10): both sides
  // are backward stable SVDs of matrices that agree to a rounding per entry, and by Weyl's
  // inequality |σᵢ(A) − σᵢ(A + E)| ≤ ‖E‖₂, so each side is within a few max(m, n)·ε·σ₁. Among
  // subnormal entries (fast-check makes some) a product rounds to a multiple of 2⁻¹⁰⁷⁴ =
  // Number.MIN_VALUE whatever σ₁, so that much absolute error per entry of a product comes on top;
  // `scale` multiplies it where one side is a computed σ scaled afterwards (|c|·σ(A): σ(A) of
  // subnormal entries is itself rounded to a multiple of 2⁻¹⁰⁷⁴, and that error grows by |c|).
  const sigmaTolerance = (a: Rows, sigma1: number, scale = 1) =>
    10 * Math.max(a.length, a[0].length) * EPS * sigma1 + scale * a.length ** 2 * a[0].length * Number.MIN_VALUE;
  const expectSameSigma = (actual: readonly number[], expected: readonly number[], tolerance: number) => {
    expect(actual).toHaveLength(expected.length);
    actual.forEach((s, i) => expect(Math.abs(s - expected[i]), `σ${i + 1}`).toBeLessThanOrEqual(tolerance));
  };

  it('σ(Aᵀ) = σ(A)', () => {
    fc.assert(
      fc.property(matrix, (a) => {
        const sigma = singularValues(a);
        expectSameSigma(singularValues(a[0].map((_, j) => a.map((row) => row[j]))), sigma, sigmaTolerance(a, sigma[0]));
      }),
      { numRuns: 200 },
    );
  });

  it('σ(c·A) = |c|·σ(A)', () => {
    // |c| in [1e-100, 1e100]: far enough from the ends of the range that c·aᵢⱼ never underflows
    // into subnormals (which would lose relative precision) for entries down to 1e-8.
    const factor = fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.boolean()).map(([e, negative]) => (negative ? -1 : 1) * 10 ** e);
    fc.assert(
      fc.property(matrix, factor, (a, c) => {
        const sigma = singularValues(a).map((s) => Math.abs(c) * s);
        expectSameSigma(singularValues(a.map((row) => row.map((x) => c * x))), sigma, sigmaTolerance(a, sigma[0], 1 + Math.abs(c)));
      }),
      { numRuns: 200 },
    );
  });

  it('σ(c·A) = |c|·σ(A) among subnormals: σ([0, 2e-323, -5e-324]) rounds to 4·2⁻¹⁰⁷⁴, and 28.5 times that is 3.4·2⁻¹⁰⁷⁴ from σ of the scaled row', () => {
    // Found by the property above in a CI run (seed -415590629): exact hypot(4, 1)·2⁻¹⁰⁷⁴ = 4.12·2⁻¹⁰⁷⁴
    // is stored as 4·2⁻¹⁰⁷⁴, the nearest double; the scaled row (114, 28.5 → 28)·2⁻¹⁰⁷⁴ has σ 117.4 → 117.
    const a = [[0, 2e-323, -5e-324]];
    expect(singularValues(a)).toEqual([4 * Number.MIN_VALUE]);
    expect(singularValues(a.map((row) => row.map((x) => 28.5 * x)))).toEqual([117 * Number.MIN_VALUE]);
    const sigma = singularValues(a).map((s) => 28.5 * s);
    expectSameSigma(singularValues(a.map((row) => row.map((x) => 28.5 * x))), sigma, sigmaTolerance(a, sigma[0], 1 + 28.5));
  });

  it('σ(Q·A) = σ(A) for orthogonal Q (the Q of a QR factorization of a random matrix)', () => {
    fc.assert(
      fc.property(matrix, fc.nat(), (a, seed) => {
        const q = randomOrthogonal(a.length, seed);
        const qa = q.map((row) => a[0].map((_, j) => row.reduce((sum, x, k) => sum + x * a[k][j], 0)));
        const sigma = singularValues(a);
        expectSameSigma(singularValues(qa), sigma, sigmaTolerance(a, sigma[0]));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a non-finite entry anywhere, naming its row and column', () => {
    fc.assert(
      fc.property(matrix, fc.constantFrom(NaN, Infinity, -Infinity), fc.nat(), fc.nat(), (a, bad, i, j) => {
        const row = i % a.length;
        const col = j % a[0].length;
        a[row][col] = bad;
        expect(() => singularValues(a)).toThrow(new NonFiniteError(row, col, bad).message);
      }),
      { numRuns: 100 },
    );
  });
});

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}
