// Attention against a naive reference and a numpy fixture; then its invariants by fast-check:
// every row of weights is a probability distribution, outputs lie in the convex hull of the
// values, heads are independent column blocks; and every refusal with the place it names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../../src/errors.js';
import { attention, convexHull2d } from '../../../src/attention/index.js';
import { NonFiniteError } from '../../../src/linalg/errors.js';
import { randomRows, referenceAttention, seeded, type Rows } from './reference.js';

// Weights lie in [0, 1] and are sums of ≤ 32 terms: the two codes differ by a few ulps of 1.
const WEIGHT_TOL = 1e-12;

describe('attention agrees with a direct reference', () => {
  it.each([
    { n: 1, d: 2, dk: 1, heads: 1, scale: true, causal: false, temperature: 1 },
    { n: 5, d: 4, dk: 2, heads: 1, scale: true, causal: false, temperature: 1 },
    { n: 7, d: 3, dk: 3, heads: 2, scale: false, causal: true, temperature: 0.5 },
    { n: 12, d: 16, dk: 4, heads: 4, scale: true, causal: true, temperature: 2 },
    { n: 32, d: 8, dk: 8, heads: 3, scale: true, causal: false, temperature: 1 },
  ])('n=$n d=$d d_k=$dk heads=$heads scale=$scale causal=$causal T=$temperature', (c) => {
    const rnd = seeded(c.n * 131 + c.d * 7 + c.heads);
    const X = randomRows(c.n, c.d, rnd, 1.5);
    const Wq = randomRows(c.d, c.heads * c.dk, rnd);
    const Wk = randomRows(c.d, c.heads * c.dk, rnd);
    const Wv = randomRows(c.d, c.heads * c.dk, rnd);
    const Wo = c.heads > 1 ? randomRows(c.heads * c.dk, c.d, rnd) : undefined;
    const got = attention(X, Wq, Wk, Wv, { ...c, Wo });
    const want = referenceAttention(X, Wq, Wk, Wv, { ...c, Wo });
    got.weights.forEach((W, t) => W.forEach((row, i) => row.forEach((w, j) => expect(Math.abs(w - want.weights[t]![i]![j]!)).toBeLessThan(WEIGHT_TOL))));
    // Outputs are sums of ≤ 32 products of O(1) numbers: absolute 1e-12 leaves a margin of ~100 ulps.
    got.output.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - want.output[i]![j]!)).toBeLessThan(1e-12)));
    expect(got.headCount).toBe(c.heads);
    expect(got.dk).toBe(c.dk);
    expect(got.Q).toHaveLength(c.n);
    expect(got.Q[0]).toHaveLength(c.heads * c.dk);
  });

  it('matches numpy on a causal 4-token example', () => {
    // numpy 2.4: Q, K, V = X@Wq, X@Wk, X@Wv; S = Q@K.T/np.sqrt(2); S[np.triu_indices(4, 1)] = -np.inf;
    // A = np.exp(S - S.max(1, keepdims=True)); A /= A.sum(1, keepdims=True); print(A.tolist(), (A@V).tolist())
    const X = [[1.0, 0.5, -0.3], [0.2, -1.1, 0.7], [-0.6, 0.4, 1.3], [0.9, 0.9, -0.8]];
    const Wq = [[0.5, -0.2], [0.1, 0.8], [-0.7, 0.3]];
    const Wk = [[0.3, 0.6], [-0.4, 0.2], [0.9, -0.5]];
    const Wv = [[1.0, 0.0], [0.5, -1.0], [0.2, 0.4]];
    const A = [
      [1.0, 0.0, 0.0, 0.0],
      [0.4518892713305545, 0.5481107286694454, 0.0, 0.0],
      [0.7616865808459948, 0.12115340212169852, 0.1171600170323067, 0.0],
      [0.1914919724596551, 0.3995092587990449, 0.2857360054358427, 0.12326276330545727],
    ];
    const out = [[1.19, -0.62], [0.42264497986277627, 0.476221457338891], [0.8645624143766542, -0.29099478315269606], [0.25065815045166634, 0.31650550363733915]];
    const r = attention(X, Wq, Wk, Wv, { causal: true });
    r.weights[0]!.forEach((row, i) => row.forEach((w, j) => expect(w).toBeCloseTo(A[i]![j]!, 14)));
    r.output.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(out[i]![j]!, 14)));
    // Masked weights are exactly zero, not merely tiny.
    expect(r.weights[0]![0]!.slice(1)).toEqual([0, 0, 0]);
    expect(r.scores[0]![1]![2]).toBe(-Infinity);
  });

  it('reports the raw inner products QKᵀ next to the scaled scores', () => {
    const rnd = seeded(5);
    const X = randomRows(4, 3, rnd);
    const W = randomRows(3, 4, rnd);
    const r = attention(X, W, W, W, { temperature: 3 });
    r.dots[0]!.forEach((row, i) => row.forEach((dot, j) => {
      expect(dot).toBeCloseTo(r.Q[i]!.reduce((s, q, c) => s + q * r.K[j]![c]!, 0), 14);
      expect(r.scores[0]![i]![j]).toBeCloseTo(dot / (2 * 3), 14);
    }));
  });
});

const sizes = fc.record({
  n: fc.integer({ min: 1, max: 12 }),
  d: fc.integer({ min: 1, max: 6 }),
  dk: fc.integer({ min: 1, max: 4 }),
  heads: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 }),
  scale: fc.boolean(),
  causal: fc.boolean(),
  temperature: fc.double({ min: 0.05, max: 20, noNaN: true }),
  size: fc.constantFrom(0.1, 1, 10, 100),
});

type Sizes = typeof sizes extends fc.Arbitrary<infer T> ? T : never;

function problem(c: Sizes) {
  const rnd = seeded(c.seed);
  return {
    X: randomRows(c.n, c.d, rnd, c.size),
    Wq: randomRows(c.d, c.heads * c.dk, rnd),
    Wk: randomRows(c.d, c.heads * c.dk, rnd),
    Wv: randomRows(c.d, c.heads * c.dk, rnd),
  };
}

describe('attention invariants (fast-check)', () => {
  it('every row of weights is a probability distribution: entries in [0, 1], summing to 1 within 1e-12', () => {
    fc.assert(
      fc.property(sizes, (c) => {
        const { X, Wq, Wk, Wv } = problem(c);
        const r = attention(X, Wq, Wk, Wv, c);
        for (const W of r.weights) {
          W.forEach((row, i) => {
            let sum = 0;
            row.forEach((w, j) => {
              expect(w).toBeGreaterThanOrEqual(0);
              expect(w).toBeLessThanOrEqual(1);
              if (c.causal && j > i) expect(w).toBe(0);
              sum += w;
            });
            // ≤ 12 terms in [0, 1]: the rounding error of the sum is below 12ε ≈ 3e-15.
            expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('each head output lies in the convex hull of that head’s (visible) values', () => {
    fc.assert(
      fc.property(sizes, fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }), (c, dir) => {
        const { X, Wq, Wk, Wv } = problem(c);
        const r = attention(X, Wq, Wk, Wv, c);
        const dv = r.dv;
        for (let t = 0; t < r.headCount; t++) {
          r.headOutputs[t]!.forEach((out, i) => {
            const visible = r.V.slice(0, c.causal ? i + 1 : c.n).map((v) => v.slice(t * dv, (t + 1) * dv));
            // Support functions: along every direction u, u·out lies between min and max of u·vⱼ.
            const u = Array.from({ length: dv }, (_, k) => dir[k % 4]! + k * 0.1);
            const along = (p: readonly number[]) => p.reduce((s, v, k) => s + v * u[k]!, 0);
            const values = visible.map(along);
            const scaleOf = Math.max(1, ...visible.flat().map(Math.abs)) * u.reduce((s, v) => s + Math.abs(v), 0);
            // Each projection is a sum of ≤ 16 products; 1e-12 of the scale is ~100 ulps.
            expect(along(out)).toBeGreaterThanOrEqual(Math.min(...values) - 1e-12 * scaleOf);
            expect(along(out)).toBeLessThanOrEqual(Math.max(...values) + 1e-12 * scaleOf);
            if (dv === 2 && visible.length >= 3) expectInsidePolygon(out, visible, 1e-9 * scaleOf);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('h heads are h independent single-head attentions on the column blocks, concatenated, then mixed by W_O', () => {
    fc.assert(
      fc.property(sizes, (c) => {
        const { X, Wq, Wk, Wv } = problem(c);
        const Wo = randomRows(c.heads * c.dk, 3, seeded(c.seed + 1));
        const all = attention(X, Wq, Wk, Wv, { ...c, Wo });
        const block = (W: Rows, t: number) => W.map((row) => row.slice(t * c.dk, (t + 1) * c.dk));
        for (let t = 0; t < c.heads; t++) {
          const one = attention(X, block(Wq, t), block(Wk, t), block(Wv, t), { ...c, heads: 1 });
          expect(one.weights[0]).toEqual(all.weights[t]);
          expect(one.output).toEqual(all.headOutputs[t]);
        }
        all.output.forEach((row, i) => row.forEach((v, j) => {
          const want = all.concat[i]!.reduce((s, x, k) => s + x * Wo[k]![j]!, 0);
          expect(Math.abs(v - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
        }));
      }),
      { numRuns: 150 },
    );
  });

  it('a higher temperature never makes a row more peaked, and T → ∞ tends to uniform weights', () => {
    fc.assert(
      fc.property(sizes, (c) => {
        const { X, Wq, Wk, Wv } = problem(c);
        const cold = attention(X, Wq, Wk, Wv, { ...c, causal: false, temperature: 1 });
        const hot = attention(X, Wq, Wk, Wv, { ...c, causal: false, temperature: 1e12 });
        const max = (W: Rows[]) => Math.max(...W.flat(2));
        expect(max(hot.weights)).toBeLessThanOrEqual(max(cold.weights) + 1e-12);
        hot.weights.flat(2).forEach((w) => expect(w).toBeCloseTo(1 / c.n, 6));
      }),
      { numRuns: 100 },
    );
  });
});

/** out lies in the convex hull of the planar points (within tol), by the hull's edges. */
function expectInsidePolygon(out: readonly number[], points: Rows, tol: number): void {
  const hull = convexHull2d(points);
  if (hull.length < 3) return;
  for (let k = 0; k < hull.length; k++) {
    const a = points[hull[k]!]!;
    const b = points[hull[(k + 1) % hull.length]!]!;
    const len = Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);
    // Counter-clockwise hull: the inside is to the left of every edge.
    const side = ((b[0]! - a[0]!) * (out[1]! - a[1]!) - (b[1]! - a[1]!) * (out[0]! - a[0]!)) / len;
    expect(side).toBeGreaterThanOrEqual(-tol);
  }
}

describe('attention under extreme and bad input', () => {
  it('huge inputs whose scores overflow to ±Infinity still give weights without NaN', () => {
    const X = [[1e200, 0], [0, 1e200], [-1e200, 1e200]];
    const I = [[1, 0], [0, 1]];
    const r = attention(X, I, I, I);
    for (const row of r.weights[0]!) {
      row.forEach((w) => expect(Number.isNaN(w)).toBe(false));
      expect(row.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    }
  });

  it('an inner product that overflows to NaN (∞ − ∞) is refused with the query and key it came from', () => {
    // q = (1e200, 1e200) and k = (1e200, −1e200): q·k = 1e400 − 1e400 = ∞ − ∞ in doubles.
    expect(() => attention([[1e200, 1e200]], [[1, 0], [0, 1]], [[1, 0], [0, -1]], [[1, 0], [0, 1]])).toThrow(/query 1 and key 1/);
  });

  it('refuses NaN and Infinity entries before computing, naming the matrix and the cell', () => {
    const I = [[1, 0], [0, 1]];
    expect(() => attention([[1, NaN]], I, I, I)).toThrow(NonFiniteError);
    expect(() => attention([[1, 0]], I, [[1, 0], [0, Infinity]], I)).toThrow(/W_K: Entry \(row 2, column 2\) is Infinity/);
  });

  it('refuses mismatched sizes and bad options with a ShapeError or RangeError that names them', () => {
    const I = [[1, 0], [0, 1]];
    expect(() => attention([[1, 0, 0]], I, I, I)).toThrow(ShapeError);
    expect(() => attention([[1, 0], [1]], I, I, I)).toThrow(/row 2 of X has 1 entries/);
    expect(() => attention([[1, 0]], I, [[1], [0]], I)).toThrow(/same size/);
    expect(() => attention([[1, 0]], [[1, 0, 0], [0, 1, 0]], [[1, 0, 0], [0, 1, 0]], I, { heads: 2 })).toThrow(/split/);
    expect(() => attention([[1, 0]], I, I, I, { heads: 2, Wo: [[1]] })).toThrow(/W_O has 1 rows/);
    expect(() => attention([[1, 0]], I, I, I, { temperature: 0 })).toThrow(RangeError);
    expect(() => attention([[1, 0]], I, I, I, { heads: 1.5 })).toThrow(RangeError);
  });

  it('gives empty results for no tokens and a well-defined one for one token', () => {
    const I = [[1, 0], [0, 1]];
    const empty = attention([], I, I, I);
    expect(empty.weights).toEqual([[]]);
    expect(empty.output).toEqual([]);
    const one = attention([[3, -4]], I, I, I, { causal: true });
    expect(one.weights[0]).toEqual([[1]]);
    expect(one.output).toEqual([[3, -4]]);
  });
});
