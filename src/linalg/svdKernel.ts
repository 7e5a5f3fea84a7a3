/**
 * The SVD of a tall column-major matrix (m ≥ n ≥ 1): Householder bidiagonalization, then
 * implicit-shift QR on the bidiagonal, as LAPACK's dgesvd does it. The public wrappers in svd.ts
 * validate, scale, transpose wide matrices and fix signs around this.
 */
import { bidiagonalize } from './bidiagonalize.js';
import { bidiagonalSvd } from './bidiagonalSvd.js';
import { qrFactor, reflectorProduct } from './householder.js';
import type { SvdProgress, WorkSegment } from './progress.js';

/** σ descending; U (m×m) and V (n×n) row-major, or null when only values were asked for. */
export interface TallSvd {
  readonly s: Float64Array;
  readonly u: Float64Array | null;
  readonly v: Float64Array | null;
}

/**
 * Cost model of the QR iteration, in flop-equivalents, fitted to measured times (n = 256…1024):
 * with vectors ≈ 4·n²·(rows of U + rows of V) — the rotations dominate —, values only ≈ 200·n².
 */
const ITERATE_WITH_VECTORS = 4;
const ITERATE_VALUES = 200;

/**
 * A = U·diag(s)·Vᵀ for the column-major m×n matrix a (m ≥ n ≥ 1, destroyed). For m ≥ 1.6n a QR
 * factorization A = Q·R comes first and the n×n triangle R is bidiagonalized instead (LAPACK's
 * crossover for dgesvd): that halves the bidiagonalization and keeps the rotations of the QR
 * iteration on n-long rows instead of m-long ones. `progress`, when given, is told the plan of
 * the work (flop estimates of each stretch) and then passed to each stretch's checkpoints.
 */
export function svdTall(
  a: Float64Array, m: number, n: number, wantVectors: boolean, maxSweeps: number, progress: SvdProgress | null = null,
): TallSvd {
  if (m * 5 < n * 8) {
    progress?.plan(bidiagonalPlan(m, n, wantVectors));
    return svdBidiagonal(a, m, n, wantVectors, maxSweeps, progress);
  }
  if (progress) {
    // QR (2mn² − 2n³/3 flops), the n×n SVD of R, then Q and its product with U_R.
    const plan: WorkSegment[] = [{ phase: 'bidiagonalize', cost: 2 * m * n * n - (2 / 3) * n ** 3 }, ...bidiagonalPlan(n, n, wantVectors)];
    if (wantVectors) plan.push({ phase: 'vectors', cost: orthogonalFactorCost(m, n) }, { phase: 'vectors', cost: 2 * m * n * n });
    progress.plan(plan);
    progress.next();
  }
  const tau = new Float64Array(n);
  qrFactor(a, m, n, tau, progress);
  const r = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i <= j; i++) r[j * n + i] = a[j * m + i];
  const inner = svdBidiagonal(r, n, n, wantVectors, maxSweeps, progress);
  if (!inner.u) return inner;
  // U = Q·diag(U_R, I): the first n columns of Q turn into Q₁·U_R, the rest stay as they are.
  progress?.next();
  const q = transposeInPlace(reflectorProduct(m, a, m, 0, tau, n, progress), m);
  progress?.next();
  multiplyLeadingColumns(q, m, inner.u, n, progress);
  return { s: inner.s, u: q, v: inner.v };
}

/** Flops of the explicit m×m orthogonal factor from k = n reflectors (LAPACK's dorgqr count). */
function orthogonalFactorCost(m: number, n: number): number {
  return 4 * m * m * n - 4 * m * n * n + (4 / 3) * n ** 3;
}

function bidiagonalPlan(m: number, n: number, wantVectors: boolean): WorkSegment[] {
  const reduce: WorkSegment = { phase: 'bidiagonalize', cost: 4 * m * n * n - (4 / 3) * n ** 3 };
  if (!wantVectors) return [reduce, { phase: 'iterate', cost: ITERATE_VALUES * n * n }];
  return [
    reduce,
    { phase: 'vectors', cost: orthogonalFactorCost(m, n) },
    { phase: 'vectors', cost: (4 / 3) * n ** 3 },
    { phase: 'iterate', cost: ITERATE_WITH_VECTORS * n * n * (m + n) },
  ];
}

function svdBidiagonal(a: Float64Array, m: number, n: number, wantVectors: boolean, maxSweeps: number, progress: SvdProgress | null): TallSvd {
  progress?.next();
  const b = bidiagonalize(a, m, n, progress);
  if (!wantVectors) {
    progress?.next();
    bidiagonalSvd(b.d, b.e, n, null, null, maxSweeps, progress);
    return { s: b.d, u: null, v: null };
  }
  // Q and P are formed column-major (cheapest), and transposed so that rows are contiguous,
  // which is what the rotations of the QR iteration want.
  progress?.next();
  const u = transposeInPlace(reflectorProduct(m, a, m, 0, b.tauq, n, progress), m);
  progress?.next();
  const v = transposeInPlace(reflectorProduct(n, b.ur, n, 1, b.taup, n - 1, progress), n);
  progress?.next();
  bidiagonalSvd(b.d, b.e, n, { data: u, rows: m, stride: m }, { data: v, rows: n, stride: n }, maxSweeps, progress);
  return { s: b.d, u, v };
}

function transposeInPlace(a: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const t = a[i * n + j];
      a[i * n + j] = a[j * n + i];
      a[j * n + i] = t;
    }
  }
  return a;
}

/**
 * q[i][0..n) ← q[i][0..n)·w for every row of the row-major m×m matrix q, with w row-major n×n.
 * Four rows at a time, so each row of w is loaded once per four output rows.
 */
function multiplyLeadingColumns(q: Float64Array, m: number, w: Float64Array, n: number, progress: SvdProgress | null): void {
  const out = new Float64Array(4 * n);
  let i = 0;
  for (; i + 3 < m; i += 4) {
    if (progress !== null && (i & 63) === 0) progress.at(i / m);
    out.fill(0);
    const b0 = i * m, b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
    for (let l = 0; l < n; l++) {
      const q0 = q[b0 + l], q1 = q[b1 + l], q2 = q[b2 + l], q3 = q[b3 + l];
      const wl = l * n;
      for (let j = 0; j < n; j++) {
        const x = w[wl + j];
        out[j] += q0 * x;
        out[n + j] += q1 * x;
        out[2 * n + j] += q2 * x;
        out[3 * n + j] += q3 * x;
      }
    }
    for (let j = 0; j < n; j++) {
      q[b0 + j] = out[j];
      q[b1 + j] = out[n + j];
      q[b2 + j] = out[2 * n + j];
      q[b3 + j] = out[3 * n + j];
    }
  }
  for (; i < m; i++) {
    out.fill(0, 0, n);
    const b = i * m;
    for (let l = 0; l < n; l++) {
      const ql = q[b + l];
      for (let j = 0; j < n; j++) out[j] += ql * w[l * n + j];
    }
    for (let j = 0; j < n; j++) q[b + j] = out[j];
  }
}
