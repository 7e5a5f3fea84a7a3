/**
 * The singular value decomposition A = U·Σ·Vᵀ, Hinge's central picture of a linear map: rotate
 * (Vᵀ), stretch along the axes (Σ), rotate again (U).
 *
 * Algorithm (LAPACK's dgesvd): Householder bidiagonalization, then the Demmel–Kahan implicit-shift
 * QR iteration on the bidiagonal, never eig(AᵀA) (which squares the condition number and loses
 * every σ below √ε·σ₁). Backward stable: the computed factors are exact for some A + E with
 * ‖E‖ ≈ ε‖A‖, and U, V are orthogonal to working precision.
 */
import { ShapeError } from '../errors.js';
import { NonFiniteError } from './errors.js';
import { SvdProgress, type SvdPhase } from './progress.js';
import { binaryExponent, timesPowerOfTwo } from './power-of-two.js';
import { svdTall } from './svdKernel.js';

/** Options of the SVD. */
export interface SvdOptions {
  /**
   * Maximum number of implicit QR sweeps over the bidiagonal before NotConvergedError. Default:
   * no sweep cap beyond LAPACK's budget of 6·n² bulge steps, which always applies.
   */
  readonly maxIterations?: number;
  /**
   * Called as the work advances with the fraction done (non-decreasing, in [0, 1], ending with
   * exactly 1) and the current phase. Called about 100 times per SVD, not per inner-loop step,
   * so it may post a message to the UI every time.
   */
  readonly onProgress?: (fraction: number, phase: SvdPhase) => void;
  /**
   * Checked at the same checkpoints as onProgress (and before any work); once `aborted` is true
   * the SVD throws CancelledError. An AbortSignal fits, as does any `{ aborted: boolean }`.
   */
  readonly signal?: { readonly aborted: boolean };
}

/** A full SVD on row-major Float64Arrays; U and V are null when only values were asked for. */
export interface SvdFloat64 {
  /** m×m, row-major; column i is the left singular vector uᵢ. */
  readonly U: Float64Array | null;
  /** min(m, n) singular values, descending, non-negative. */
  readonly S: Float64Array;
  /** n×n, row-major; column i is the right singular vector vᵢ. */
  readonly V: Float64Array | null;
}

/** A full SVD as plain arrays: U m×m, S of length min(m, n), V n×n, A = U·diag(S)·Vᵀ. */
export interface Svd {
  readonly U: number[][];
  readonly S: number[];
  readonly V: number[][];
}

/**
 * Full SVD A = U·diag(S)·Vᵀ of the m×n matrix a (an array of equal-length rows): U (m×m) and
 * V (n×n) orthogonal, S = σ₁ ≥ σ₂ ≥ … ≥ σ_min(m,n) ≥ 0. Signs are fixed so that small edits of
 * A never flip a vector: the largest-magnitude component of each uᵢ (the first on exact ties) is
 * positive, and vᵢ flips with it (for the vectors beyond min(m, n), which have no partner, each is
 * normalized on its own). Empty and zero matrices give identity U, V and S = [] or zeros.
 * Throws ShapeError for ragged rows, NonFiniteError for NaN/±Infinity entries, NotConvergedError if
 * the iteration budget runs out, CancelledError once `options.signal` is aborted.
 * @example svd([[3, 0], [0, -2]]) // → U = [[1, 0], [0, 1]], S = [3, 2], V = [[1, 0], [0, -1]]
 */
export function svd(a: readonly (readonly number[])[], options: SvdOptions = {}): Svd {
  const { data, m, n } = toRowMajor(a);
  const r = svdFloat64(data, m, n, true, options);
  return { U: toRows(r.U!, m, m), S: Array.from(r.S), V: toRows(r.V!, n, n) };
}

/**
 * The singular values σ₁ ≥ … ≥ σ_min(m,n) ≥ 0 of a, i.e. the square roots of the eigenvalues of
 * AᵀA, computed without ever forming AᵀA and without accumulating any vectors — several times
 * faster than {@link svd}. Tiny σ of graded matrices keep high relative accuracy.
 */
export function singularValues(a: readonly (readonly number[])[], options: SvdOptions = {}): number[] {
  const { data, m, n } = toRowMajor(a);
  return Array.from(svdFloat64(data, m, n, false, options).S);
}

/**
 * The SVD of an m×n matrix stored **row-major** in `data` (entry (i, j) at data[i·n + j]); `data`
 * is not modified. Returns S (length min(m, n), descending) and, when `wantVectors`, U (m×m) and
 * V (n×n), also row-major, with A = U·diag(S)·Vᵀ and the sign convention of {@link svd}. Wide
 * matrices are handled as Aᵀ = V·Σ·Uᵀ. The matrix is first scaled by the power of two 2⁻ᵉ that
 * brings max|aᵢⱼ| into [1, 2) — exact, so σ(2ᵏA) = 2ᵏσ(A) bit for bit — which keeps the
 * iteration away from overflow and underflow whatever the magnitude of A.
 */
export function svdFloat64(data: Float64Array, m: number, n: number, wantVectors: boolean, options: SvdOptions = {}): SvdFloat64 {
  checkSize(data, m, n);
  const maxSweeps = options.maxIterations ?? Infinity;
  if (!(maxSweeps >= 0)) throw new RangeError(`maxIterations must be a non-negative number, got ${maxSweeps}.`);
  const progress = SvdProgress.from(options, wantVectors);
  let maxAbs = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const x = data[i * n + j];
      if (!Number.isFinite(x)) throw new NonFiniteError(i, j, x);
      maxAbs = Math.max(maxAbs, Math.abs(x));
    }
  }
  const p = Math.min(m, n);
  if (maxAbs === 0) {
    progress?.finish();
    return { U: wantVectors ? identity(m) : null, S: new Float64Array(p), V: wantVectors ? identity(n) : null };
  }
  const e = binaryExponent(maxAbs);
  // Tall and column-major for the kernel: Aᵀ's column-major layout is A's row-major one.
  const tall = m >= n;
  const rows = tall ? m : n;
  const cols = tall ? n : m;
  const b = new Float64Array(m * n);
  // 2⁻ᵉ as one normal number when it is one (as timesPowerOfTwo checks): the same exact products
  // as timesPowerOfTwo, without a power per entry.
  const factor = -e >= -1022 && -e <= 1023 ? 2 ** -e : 0;
  const scaled = (x: number) => (factor !== 0 ? x * factor : timesPowerOfTwo(x, -e));
  if (tall) for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) b[j * m + i] = scaled(data[i * n + j]);
  else for (let k = 0; k < m * n; k++) b[k] = scaled(data[k]);
  const r = svdTall(b, rows, cols, wantVectors, maxSweeps, progress);
  const S = r.s;
  for (let i = 0; i < p; i++) S[i] = timesPowerOfTwo(S[i], e);
  if (!wantVectors) {
    progress?.finish();
    return { U: null, S, V: null };
  }
  const U = tall ? r.u! : r.v!;
  const V = tall ? r.v! : r.u!;
  fixSigns(U, m, V, n, p);
  progress?.finish();
  return { U, S, V };
}

function checkSize(data: Float64Array, m: number, n: number): void {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || n < 0) {
    throw new ShapeError(`A matrix size must be two non-negative integers, got ${m}×${n}.`);
  }
  if (data.length !== m * n) {
    throw new ShapeError(`A ${m}×${n} matrix has ${m * n} entries, but ${data.length} were given.`);
  }
}

function toRowMajor(a: readonly (readonly number[])[]): { data: Float64Array; m: number; n: number } {
  if (!Array.isArray(a)) throw new ShapeError('A matrix must be an array of rows.');
  const m = a.length;
  const n = m > 0 && Array.isArray(a[0]) ? a[0].length : 0;
  const data = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const row = a[i];
    if (!Array.isArray(row)) throw new ShapeError(`Row ${i + 1} is not an array of numbers.`);
    if (row.length !== n) {
      throw new ShapeError(`Row ${i + 1} has ${row.length} ${row.length === 1 ? 'entry' : 'entries'} but row 1 has ${n}.`);
    }
    for (let j = 0; j < n; j++) {
      const x: unknown = row[j];
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new NonFiniteError(i, j, x);
      data[i * n + j] = x;
    }
  }
  return { data, m, n };
}

function toRows(a: Float64Array, m: number, n: number): number[][] {
  const rows = new Array<number[]>(m);
  for (let i = 0; i < m; i++) rows[i] = Array.from(a.subarray(i * n, i * n + n));
  return rows;
}

function identity(n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) a[i * n + i] = 1;
  return a;
}


/**
 * The documented sign convention: for i < min(m, n) the largest-|·| entry of uᵢ (first on ties)
 * is made positive, flipping vᵢ along so A = UΣVᵀ still holds; unpaired columns of U or V (the
 * null spaces beyond min(m, n)) are normalized on their own the same way.
 */
function fixSigns(U: Float64Array, m: number, V: Float64Array, n: number, p: number): void {
  for (let i = 0; i < Math.max(m, n); i++) {
    if (i < m) {
      if (largestIsNegative(U, m, i)) {
        negateColumn(U, m, i);
        if (i < p) negateColumn(V, n, i);
      }
    } else if (largestIsNegative(V, n, i)) negateColumn(V, n, i);
  }
}

function largestIsNegative(a: Float64Array, n: number, col: number): boolean {
  let best = 0;
  let value = 0;
  for (let r = 0; r < n; r++) {
    const x = a[r * n + col];
    if (Math.abs(x) > best) {
      best = Math.abs(x);
      value = x;
    }
  }
  return value < 0;
}

function negateColumn(a: Float64Array, n: number, col: number): void {
  for (let r = 0; r < n; r++) a[r * n + col] = -a[r * n + col];
}
