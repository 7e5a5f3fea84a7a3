// The small-matrix readouts at extreme magnitudes: for matrices scaled by 10^k, k in ±300, the
// rank, the determinant's sign and size, the "singular" decision and the condition number agree
// with the SVD (src/linalg, which scales by a power of two first); the determinant's sign is
// checked against exact BigInt arithmetic on the doubles themselves. Named cases from issue 14.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { determinant, determinantScaled, rank, volumeFactor } from '../../../src/layer/determinant.js';
import { formatNumber, formatScaled } from '../../../src/layer/format.js';
import { spectrumSummary } from '../../../src/linalg/spectrum.js';
import { singularValues } from '../../../src/linalg/svd.js';

/** The exact sign of det W for a 2×2 or 3×3 matrix of doubles (BigInt on m·2^e). */
function exactDetSign(W: number[][]): number {
  const parts = W.flat().map((x) => {
    if (x === 0) return [0n, 0] as const;
    let m = x;
    let e = 0;
    while (!Number.isInteger(m)) { m *= 2; e--; }
    while (Math.abs(m) > 2 ** 53) { m /= 2; e++; }
    return [BigInt(m), e] as const;
  });
  const low = Math.min(...parts.map(([, e]) => e));
  const v = parts.map(([m, e]) => m << BigInt(e - low));
  const n = W.length;
  const a = (i: number, j: number) => v[i * n + j];
  const det = n === 2 ? a(0, 0) * a(1, 1) - a(0, 1) * a(1, 0)
    : a(0, 0) * (a(1, 1) * a(2, 2) - a(1, 2) * a(2, 1)) - a(0, 1) * (a(1, 0) * a(2, 2) - a(1, 2) * a(2, 0)) + a(0, 2) * (a(1, 0) * a(2, 1) - a(1, 1) * a(2, 0));
  return det > 0n ? 1 : det < 0n ? -1 : 0;
}

const entry = fc.integer({ min: -9, max: 9 });
/** A small-integer matrix (often singular, with rows repeated or zero), scaled by 10^k. */
const scaledMatrix = (rows: number, cols: number) => fc.tuple(
  fc.array(fc.array(entry, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
  fc.integer({ min: -300, max: 300 }),
  fc.boolean(),
).map(([base, k, repeat]) => {
  const rowsOf = repeat ? base.map((r, i) => (i === rows - 1 ? base[0].map((x) => 2 * x) : r)) : base;
  return rowsOf.map((r) => r.map((x) => x * 10 ** k));
});

describe('readouts agree with the SVD at every scale', () => {
  it.each([[2, 2], [3, 3], [3, 2], [2, 3]] as const)('%d×%d scaled by 10^±300', (m, n) => {
    fc.assert(fc.property(scaledMatrix(m, n), (W) => {
      const sigma = singularValues(W);
      const summary = spectrumSummary(sigma, m, n);
      const p = Math.min(m, n);
      expect(rank(W)).toBe(summary.rank);
      const v = volumeFactor(W);
      expect(v.rank).toBe(summary.rank);
      expect(v.singular).toBe(summary.rank < p);
      expect(summary.condition === Infinity).toBe(summary.rank < p);
      if (m === n) {
        const d = determinantScaled(W);
        expect(Number.isNaN(determinant(W))).toBe(false);
        if (summary.rank === p && sigma[p - 1] > 1e-8 * sigma[0]) {
          expect(Math.sign(d.mantissa)).toBe(exactDetSign(W));
          // |det| = Π σᵢ, compared in log₂ (the values themselves may be beyond double range).
          const log = Math.log2(Math.abs(d.mantissa)) + d.exponent;
          const expected = sigma.reduce((s, x) => s + Math.log2(x), 0);
          expect(Math.abs(log - expected)).toBeLessThan(1e-6 * Math.max(1, Math.abs(expected)));
        }
        if (exactDetSign(W) === 0) expect(summary.rank).toBeLessThan(p);
      }
    }), { numRuns: 300 });
  });

  it('issue 14: rank(10^±200·[[1,2],[3,4]]) = 2; det(1e160·[[1,2],[3,4]]) = −2 × 10³²⁰, never NaN', () => {
    const A = [[1, 2], [3, 4]];
    for (const s of [1e-200, 1e200, 1e-300, 1e300]) expect(rank(A.map((r) => r.map((x) => x * s)))).toBe(2);
    const big = A.map((r) => r.map((x) => x * 1e160));
    expect(determinant(big)).toBe(-Infinity);
    expect(formatScaled(determinantScaled(big))).toBe('−2 × 10³²⁰ (beyond double range)');
    const tiny = A.map((r) => r.map((x) => x * 1e-170));
    expect(formatScaled(determinantScaled(tiny))).toBe('−2 × 10⁻³⁴⁰ (beyond double range)');
  });

  it('issue 14: W = 1e-7·I is invertible with det 1e-14; a rank-1 3×2 W is singular', () => {
    const v = volumeFactor([[1e-7, 0], [0, 1e-7]]);
    expect(v.singular).toBe(false);
    expect(v.rank).toBe(2);
    expect(formatNumber(v.value)).toBe('1e-14');
    const flat = volumeFactor([[1, 2], [2, 4], [3, 6]]);
    expect(flat.singular).toBe(true);
    expect(flat.value).toBe(0);
  });
});
