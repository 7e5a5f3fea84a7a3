/**
 * Compressing a real weight matrix: how far the best rank-r matrix M_r is from M at every r, and
 * whether storing M_r as two factors (d×r and r×k) is worth it. By the Eckart–Young–Mirsky
 * theorem the answer needs only the singular values — ‖M − M_r‖_F² = Σ_{i>r} σᵢ² and
 * ‖M − M_r‖₂ = σ_{r+1} — so a matrix too large for a full decomposition still gets its curve from
 * its top k singular values and its Frobenius norm, for every r ≤ k.
 */
import { scaledTailSums } from '../linalg/power-of-two.js';
import { eckartYoungTails } from './lowRank.js';

/** One rank of the compression curve of a d×k matrix M. */
export interface CompressionPoint {
  readonly rank: number;
  /** ‖M − M_r‖_F = √(Σ_{i>r} σᵢ²). */
  readonly frobenius: number;
  /** ‖M − M_r‖_F / ‖M‖_F (0 for the zero matrix). */
  readonly relativeFrobenius: number;
  /** ‖M − M_r‖₂ = σ_{r+1}; undefined at r = k of a top-k spectrum, where σ_{k+1} is not known. */
  readonly spectral: number | undefined;
  /** σ_{r+1} / σ₁ = ‖M − M_r‖₂ / ‖M‖₂ (0 for the zero matrix), undefined where `spectral` is. */
  readonly relativeSpectral: number | undefined;
  /** r(d + k): the numbers in the factors A (d×r) and B (r×k). */
  readonly parameters: number;
}

/**
 * The compression curve of a rows × cols matrix M (d = rows, k = cols) from its singular values
 * σ₁ ≥ σ₂ ≥ … : for r = 0 … sigma.length, the Eckart–Young errors of the best rank-r
 * approximation, absolute and relative to ‖M‖, and the parameter count r(d + k) of its factors.
 *
 * With the full spectrum (min(d, k) values) every error comes from the dropped tail, summed
 * smallest first. With only the top k values, `frobeniusNorm` = ‖M‖_F (computed from the entries)
 * is required and ‖M − M_r‖_F = √(‖M‖_F² − Σ_{i≤r} σᵢ²), clamped at 0: exact in exact arithmetic,
 * but when the error is below about 1e-8·‖M‖_F the subtraction leaves few correct digits. Throws
 * RangeError for a bad size, a spectrum longer than min(d, k), or a top-k spectrum without a norm.
 * @example compressionCurve([4, 3], 2, 2)[1].relativeFrobenius // 0.6: √(3²) / √(4² + 3²)
 */
export function compressionCurve(sigma: readonly number[], rows: number, cols: number, frobeniusNorm?: number): CompressionPoint[] {
  for (const [name, value] of [['rows', rows], ['cols', cols]] as const) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`compressionCurve: ${name} must be a whole number ≥ 1, not ${value}.`);
  }
  const p = Math.min(rows, cols);
  if (sigma.length > p) throw new RangeError(`compressionCurve: a ${rows}×${cols} matrix has ${p} singular values, but ${sigma.length} were given.`);
  const full = sigma.length === p;
  if (!full && !(frobeniusNorm !== undefined && Number.isFinite(frobeniusNorm) && frobeniusNorm >= 0)) {
    throw new RangeError('compressionCurve: with only the top singular values, the Frobenius norm of the matrix is needed.');
  }
  const s1 = sigma[0] ?? 0;
  // With the full spectrum, every ‖M − M_r‖_F from its dropped tail, all of them in O(p).
  const tails = full ? eckartYoungTails(sigma) : undefined;
  const total = tails ? tails[0]! : frobeniusNorm!;
  // With the full spectrum, the relative errors √(Σ_{i>r} σᵢ² / Σ σᵢ²) from the σᵢ scaled exactly
  // by σ₁'s power of two: the absolute norms may be subnormal (few digits), the ratios are not.
  const relativeTail = full ? relativeTails(sigma) : undefined;
  let kept = 0; // Σ_{i≤r} (σᵢ/‖M‖_F)², for the top-k form
  return Array.from({ length: sigma.length + 1 }, (_, rank) => {
    if (rank > 0 && total > 0) kept += (sigma[rank - 1] / total) ** 2;
    const frobenius = tails ? tails[rank]! : total * Math.sqrt(Math.max(0, 1 - kept));
    const known = full || rank < sigma.length;
    const spectral = known ? (sigma[rank] ?? 0) : undefined;
    return {
      rank,
      frobenius,
      relativeFrobenius: relativeTail ? relativeTail[rank]! : total > 0 ? frobenius / total : 0,
      spectral,
      relativeSpectral: spectral === undefined ? undefined : s1 > 0 ? spectral / s1 : 0,
      parameters: rank * (rows + cols),
    };
  });
}

/** √(Σ_{i>r} σᵢ² / Σ σᵢ²) for r = 0 … sigma.length (0 throughout for a zero spectrum), summed smallest first over σ scaled exactly. */
function relativeTails(sigma: readonly number[]): number[] {
  const tails = scaledTailSums(sigma);
  const total = tails[0]!;
  return tails.map((t) => (total > 0 ? Math.sqrt(t / total) : 0));
}

/** The smallest rank that reaches an error target, and what it costs. */
export interface CompressionTarget {
  /** The relative Frobenius error aimed at, e.g. 0.1 for 10%. */
  readonly tolerance: number;
  /** The smallest r with ‖M − M_r‖_F/‖M‖_F ≤ tolerance; undefined when the curve never gets there. */
  readonly rank: number | undefined;
  /** r(d + k) at that rank. */
  readonly parameters: number | undefined;
  /** d·k / (r(d + k)): how many times fewer numbers than M itself (Infinity at r = 0). */
  readonly ratio: number | undefined;
  /** Whether the factors hold fewer numbers than M: r(d + k) < dk. */
  readonly saves: boolean | undefined;
}

/** Where a low-rank form of a d×k matrix pays off. */
export interface CompressionPayoff {
  /** d·k, the numbers in M. */
  readonly full: number;
  /** dk/(d + k): factors of rank r hold fewer numbers than M exactly when r < breakEven. */
  readonly breakEven: number;
  readonly targets: CompressionTarget[];
}

/**
 * Where compressing a rows × cols matrix to rank r pays off, from its compression curve: the
 * break-even rank dk/(d + k) (below it r(d + k) < dk) and, for each relative Frobenius error in
 * `tolerances`, the smallest r that reaches it with its parameter count and saving. A target the
 * curve does not reach (a top-k curve that stops short) has rank undefined.
 * @example compressionPayoff(compressionCurve(sigma, 4096, 4096, norm), 4096, 4096).breakEven // 2048
 */
export function compressionPayoff(curve: readonly CompressionPoint[], rows: number, cols: number, tolerances: readonly number[] = [0.5, 0.1, 0.01]): CompressionPayoff {
  const full = rows * cols;
  const targets = tolerances.map((tolerance): CompressionTarget => {
    const point = curve.find((c) => c.relativeFrobenius <= tolerance);
    if (!point) return { tolerance, rank: undefined, parameters: undefined, ratio: undefined, saves: undefined };
    return {
      tolerance,
      rank: point.rank,
      parameters: point.parameters,
      ratio: point.parameters === 0 ? Infinity : full / point.parameters,
      saves: point.parameters < full,
    };
  });
  return { full, breakEven: full / (rows + cols), targets };
}
