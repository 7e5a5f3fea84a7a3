/**
 * Test matrices and LAPACK's SVD test ratios. Everything is seeded, so a failing case reproduces.
 */
import type { Svd } from '../../../src/linalg/svd.js';

export type Rows = number[][];

export const EPS = Number.EPSILON;

/** mulberry32: a small, fast, well-mixed 32-bit generator, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** m×n with entries uniform in [−1, 1). */
export function randomMatrix(m: number, n: number, seed: number): Rows {
  const rnd = seededRandom(seed);
  return Array.from({ length: m }, () => Array.from({ length: n }, () => 2 * rnd() - 1));
}

export function hilbert(n: number): Rows {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => 1 / (i + j + 1)));
}

/** Kahan's matrix diag(1, s, …, sⁿ⁻¹)·(I − c·strictly-upper-ones), s = √(1 − c²); built as numpy does. */
export function kahan(n: number, c: number): Rows {
  const s = Math.sqrt(1 - c * c);
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j < i ? 0 : s ** i * (j === i ? 1 : -c))));
}

export function zeros(m: number, n: number): Rows {
  return Array.from({ length: m }, () => new Array<number>(n).fill(0));
}

export function scale(a: Rows, factor: number): Rows {
  return a.map((row) => row.map((x) => x * factor));
}

/** A random orthogonal n×n matrix: modified Gram–Schmidt, run twice, on a random matrix's columns. */
export function randomOrthogonal(n: number, seed: number): Rows {
  const a = randomMatrix(n, n, seed);
  const cols = Array.from({ length: n }, (_, j) => a.map((row) => row[j]));
  for (let j = 0; j < n; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += cols[k][i] * cols[j][i];
        for (let i = 0; i < n; i++) cols[j][i] -= dot * cols[k][i];
      }
      const norm = Math.hypot(...cols[j]);
      for (let i = 0; i < n; i++) cols[j][i] /= norm;
    }
  }
  return Array.from({ length: n }, (_, i) => cols.map((col) => col[i]));
}

/** U·diag(σ)·Vᵀ (m×n) with random orthogonal U, V: a matrix whose singular values are σ. */
export function withSingularValues(m: number, n: number, sigma: readonly number[], seed: number): Rows {
  const u = randomOrthogonal(m, seed);
  const v = randomOrthogonal(n, seed + 1);
  return Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let k = 0; k < sigma.length; k++) s += u[i][k] * sigma[k] * v[j][k];
      return s;
    }),
  );
}

/** The n×n upper bidiagonal matrix with diagonal d and superdiagonal e. */
export function bidiagonal(d: readonly number[], e: readonly number[]): Rows {
  const n = d.length;
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j === i ? d[i] : j === i + 1 ? e[i] : 0)));
}

/** √(Σ x²) without overflow or underflow (entries may be ~1e300 or ~1e-300). */
export function frobenius(values: Iterable<number>): number {
  const xs = [...values];
  const big = xs.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  if (big === 0) return 0;
  return big * Math.sqrt(xs.reduce((s, x) => s + (x / big) ** 2, 0));
}

export interface Ratios {
  /** ‖A − U·Σ·Vᵀ‖_F / (‖A‖_F · max(m, n) · ε) */
  readonly reconstruction: number;
  /** ‖A − U·Σ·Vᵀ‖_F itself, for where a relative measure means nothing (subnormal entries). */
  readonly residual: number;
  /** ‖I − UᵀU‖_F / (m · ε) */
  readonly orthogonalityU: number;
  /** ‖I − VᵀV‖_F / (n · ε) */
  readonly orthogonalityV: number;
}

/**
 * LAPACK's SVD test ratios (as in its dchkbd/ddrvbd), all in the Frobenius norm. A value below
 * ~50 means the result is as good as a backward-stable algorithm can deliver.
 */
export function lapackRatios(a: Rows, { U, S, V }: Svd): Ratios {
  const m = a.length;
  const n = m ? a[0].length : 0;
  const residual: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < S.length; k++) s += U[i][k] * S[k] * V[j][k];
      residual.push(a[i][j] - s);
    }
  }
  const normA = frobenius(a.flat());
  const reconstruction = normA === 0 ? frobenius(residual) : frobenius(residual) / normA / (Math.max(m, n) * EPS);
  return { reconstruction, residual: frobenius(residual), orthogonalityU: departure(U) / (Math.max(m, 1) * EPS), orthogonalityV: departure(V) / (Math.max(n, 1) * EPS) };
}

/** ‖I − QᵀQ‖_F for a square Q given as rows. */
function departure(q: Rows): number {
  const n = q.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += q[r][i] * q[r][j];
      sum += (s - (i === j ? 1 : 0)) ** 2;
    }
  }
  return Math.sqrt(sum);
}
