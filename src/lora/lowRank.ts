/**
 * The best rank-r approximation of a matrix and what it costs: LoRA writes a weight update as
 * ΔW ≈ AB with A d×r and B r×k, and among all such products the truncated SVD is the closest one,
 * in the Frobenius norm and in the spectral norm alike (Eckart–Young–Mirsky). The theorem also
 * says exactly how close: the error is carried by the singular values that were dropped.
 */
import { ShapeError } from '../errors.js';
import { matMul } from '../layer/index.js';
import { singularValues, svd, type Svd, type SvdOptions } from '../linalg/index.js';
import type { Matrix } from '../layer/index.js';

/**
 * How the kept singular values are shared between the factors. Any A = U_r Σ_r^α,
 * B = Σ_r^(1−α) V_rᵀ gives the same product; 'balanced' (α = ½) gives A and B the same singular
 * values √σᵢ, so neither factor dwarfs the other; 'left' (α = 1) puts all the scale in A and
 * leaves B with orthonormal rows.
 */
export type FactorSplit = 'balanced' | 'left';

/** The rank-r factors of ΔW and their product. */
export interface LowRankApproximation {
  /** The rank used: min(r, min(d, k)). */
  readonly rank: number;
  /** d×rank. */
  readonly A: number[][];
  /** rank×k. */
  readonly B: number[][];
  /** A·B, d×k: the best rank-`rank` approximation of ΔW. */
  readonly product: number[][];
  /** All min(d, k) singular values of ΔW, descending. */
  readonly sigma: number[];
}

/** The two errors of an approximation. */
export interface ApproximationErrors {
  /** ‖ΔW − AB‖_F. */
  readonly frobenius: number;
  /** ‖ΔW − AB‖₂, the largest singular value of the residual. */
  readonly spectral: number;
}

/** One point of the error-versus-rank curve. */
export interface RankError extends ApproximationErrors {
  readonly rank: number;
  /** ‖ΔW − AB‖_F / ‖ΔW‖_F (0 for the zero matrix). */
  readonly relative: number;
}

/**
 * The best rank-r approximation of `deltaW` (d×k) from its SVD ΔW = UΣVᵀ: keep the r largest
 * singular values, A = U_r Σ_r^α and B = Σ_r^(1−α) V_rᵀ (α from `split`, default balanced), so that
 * AB = Σ_{i≤r} σᵢ uᵢ vᵢᵀ. Pass a precomputed `decomposition` (from {@link svd}) to truncate at many
 * ranks without decomposing again. r is clamped to [0, min(d, k)]; r = 0 gives empty factors and
 * a zero product. Throws ShapeError for a ragged or empty ΔW, RangeError for a negative or
 * non-integer r, NonFiniteError for NaN/±Infinity entries.
 * @example bestRankApproximation([[3, 0], [0, 1]], 1).product // [[3, 0], [0, 0]]
 */
export function bestRankApproximation(
  deltaW: Matrix,
  r: number,
  options: { readonly split?: FactorSplit; readonly decomposition?: Svd; readonly svd?: SvdOptions } = {},
): LowRankApproximation {
  const { rows, cols } = checkedSize(deltaW, 'bestRankApproximation');
  if (!Number.isInteger(r) || r < 0) throw new RangeError(`bestRankApproximation: the rank must be a whole number ≥ 0, not ${r}.`);
  const decomposition = options.decomposition ?? svd(deltaW, options.svd);
  if (decomposition.U.length !== rows || decomposition.V.length !== cols) {
    throw new ShapeError(`bestRankApproximation: the SVD given is of a ${decomposition.U.length}×${decomposition.V.length} matrix, but ΔW is ${rows}×${cols}.`);
  }
  const rank = Math.min(r, rows, cols);
  const sigma = decomposition.S;
  const alpha = (options.split ?? 'balanced') === 'balanced' ? 0.5 : 1;
  const left = sigma.slice(0, rank).map((s) => s ** alpha);
  const right = sigma.slice(0, rank).map((s) => s ** (1 - alpha));
  const A = decomposition.U.map((row) => left.map((l, i) => row[i] * l));
  const B = right.map((s, i) => decomposition.V.map((row) => s * row[i]));
  const product = rank === 0 ? zeros(rows, cols) : matMul(A, B);
  return { rank, A, B, product, sigma: [...sigma] };
}

/**
 * The Eckart–Young–Mirsky errors of the best rank-r approximation of a matrix with singular values
 * σ₁ ≥ … ≥ σₚ: ‖ΔW − AB‖_F = √(Σ_{i>r} σᵢ²) and ‖ΔW − AB‖₂ = σ_{r+1} (both 0 once r ≥ p). The
 * squares are taken of σᵢ/σ_{r+1}, so neither overflow nor underflow can spoil the sum; the tail
 * is added smallest first. Throws RangeError for a negative or non-integer r.
 * @example eckartYoungErrors([3, 2, 1], 1) // { frobenius: √5, spectral: 2 }
 */
export function eckartYoungErrors(sigma: readonly number[], r: number): ApproximationErrors {
  if (!Number.isInteger(r) || r < 0) throw new RangeError(`eckartYoungErrors: the rank must be a whole number ≥ 0, not ${r}.`);
  const head = sigma[r] ?? 0;
  if (!(head > 0)) return { frobenius: 0, spectral: 0 };
  let sum = 0;
  for (let i = sigma.length - 1; i >= r; i--) sum += (sigma[i] / head) ** 2;
  return { frobenius: head * Math.sqrt(sum), spectral: head };
}

/**
 * ‖M − M_r‖_F = √(Σ_{i>r} σᵢ²) for every r from 0 to p at once (0 at r = p), in O(p) where
 * eckartYoungErrors per rank takes O(p²) for the whole curve: the tails are accumulated from the
 * smallest σ as LAPACK's dnrm2 does (a scale and a sum of squares relative to it), so each
 * tail is scaled by its own largest value, as eckartYoungErrors scales by σ_{r+1}: neither
 * overflow nor underflow spoils a tail however far its values are from σ₁. Agrees with
 * eckartYoungErrors(σ, r).frobenius to a few ulps; 0 wherever σ_{r+1} ≤ 0, as it is there.
 * @example eckartYoungTails([3, 2, 1]) // [√14, √5, 1, 0]
 */
export function eckartYoungTails(sigma: readonly number[]): number[] {
  const tails = new Array<number>(sigma.length + 1).fill(0);
  let scale = 0;
  let ssq = 1;
  for (let i = sigma.length - 1; i >= 0; i--) {
    const a = Math.abs(sigma[i]!);
    if (a > 0) {
      if (scale < a) {
        ssq = 1 + ssq * (scale / a) ** 2;
        scale = a;
      } else {
        ssq += (a / scale) ** 2;
      }
    }
    tails[i] = sigma[i]! > 0 ? scale * Math.sqrt(ssq) : 0;
  }
  return tails;
}

/**
 * The errors of approximating `target` by `approximation` measured directly, not from any
 * theorem: the Frobenius norm of the residual R = target − approximation summed entry by entry
 * (scaled, as LAPACK's dnrm2 does), and its spectral norm as R's largest singular value, from
 * the SVD kernel. Throws ShapeError when the sizes differ.
 * @example measuredErrors([[3, 0], [0, 1]], [[3, 0], [0, 0]]) // { frobenius: 1, spectral: 1 }
 */
export function measuredErrors(target: Matrix, approximation: Matrix, options: SvdOptions = {}): ApproximationErrors {
  const residual = difference(target, approximation);
  const sigma = singularValues(residual, options);
  return { frobenius: frobeniusNorm(residual), spectral: sigma[0] ?? 0 };
}

/**
 * Entry-wise difference P − Q of two matrices of the same size. Throws ShapeError when they differ.
 * @example difference([[3, 1]], [[1, 1]]) // [[2, 0]]
 */
export function difference(P: Matrix, Q: Matrix): number[][] {
  const a = checkedSize(P, 'difference (first)', true);
  const b = checkedSize(Q, 'difference (second)', true);
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new ShapeError(`difference: the matrices are ${a.rows}×${a.cols} and ${b.rows}×${b.cols}; they must have the same size.`);
  }
  return P.map((row, i) => row.map((v, j) => v - Q[i][j]));
}

/**
 * ‖M‖_F = √(Σᵢⱼ mᵢⱼ²), accumulated as scale²·ssq (LAPACK's dnrm2) so huge or tiny entries neither
 * overflow nor vanish. 0 for an empty matrix.
 * @example frobeniusNorm([[3, 4]]) // 5
 */
export function frobeniusNorm(M: Matrix): number {
  let scale = 0;
  let ssq = 1;
  for (const row of M) {
    for (const v of row) {
      if (v === 0) continue;
      const a = Math.abs(v);
      if (scale < a) {
        ssq = 1 + ssq * (scale / a) ** 2;
        scale = a;
      } else {
        ssq += (a / scale) ** 2;
      }
    }
  }
  return scale * Math.sqrt(ssq);
}

/**
 * The error-versus-rank curve of a matrix with singular values σ: for every r from 0 to p, the
 * Eckart–Young errors of the best rank-r approximation and the relative Frobenius error
 * √(Σ_{i>r} σᵢ²) / √(Σ σᵢ²). Non-increasing in r, ending at 0.
 * @example errorCurve([2, 1]).map((e) => e.spectral) // [2, 1, 0]
 */
export function errorCurve(sigma: readonly number[]): RankError[] {
  const tails = eckartYoungTails(sigma);
  const total = tails[0]!;
  // A tail is 0 wherever σ_{r+1} ≤ 0, and so is the spectral error there.
  return tails.map((frobenius, rank) => ({ rank, frobenius, spectral: (sigma[rank] ?? 0) > 0 ? sigma[rank]! : 0, relative: total > 0 ? frobenius / total : 0 }));
}

function checkedSize(M: Matrix, name: string, allowEmpty = false): { rows: number; cols: number } {
  if (!Array.isArray(M)) throw new ShapeError(`${name}: a matrix must be an array of rows.`);
  const rows = M.length;
  const cols = rows > 0 && Array.isArray(M[0]) ? M[0].length : 0;
  if (!allowEmpty && (rows === 0 || cols === 0)) throw new ShapeError(`${name}: the matrix is empty (${rows}×${cols}).`);
  for (let i = 1; i < rows; i++) {
    if (!Array.isArray(M[i]) || M[i].length !== cols) {
      throw new ShapeError(`${name}: row ${i + 1} has ${M[i]?.length ?? 0} entries but row 1 has ${cols}.`);
    }
  }
  return { rows, cols };
}

function zeros(rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}
