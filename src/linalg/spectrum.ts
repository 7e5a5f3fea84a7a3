/**
 * What the singular values say about a matrix at a glance: its numerical rank, its condition
 * number, how much of it the first k directions carry, and its two usual norms. Computed from σ
 * alone (as {@link singularValues} returns them), so a 2048×2048 lab can show them without U, V.
 */
import { ShapeError } from '../errors.js';

/** The summary of a spectrum σ₁ ≥ … ≥ σₚ ≥ 0 of an m×n matrix, p = min(m, n). */
export interface SpectrumSummary {
  /** σ₁ ≥ … ≥ σₚ, a copy of the input. */
  readonly sigma: number[];
  /** Numerical rank: how many σᵢ > tolerance. */
  readonly rank: number;
  /** σ₁·max(m, n)·ε, LAPACK's (and numpy's matrix_rank's) threshold below which σ is noise. */
  readonly tolerance: number;
  /**
   * σ₁/σₚ, the 2-norm condition number: Infinity exactly when the numerical rank is below p
   * (σₚ ≤ tolerance: σₚ is rounding noise, so the ratio would be a number made of noise), the zero
   * matrix included; 0 for an empty matrix (nothing is stretched, so nothing is ill-conditioned).
   */
  readonly condition: number;
  /**
   * Cumulative energy: energy[i] = Σ_{j≤i} σⱼ² / Σⱼ σⱼ², the share of ‖A‖²_F that the best
   * rank-(i+1) approximation keeps. Non-decreasing, the last entry exactly 1; all 1 for the zero
   * matrix (its rank-1 approximation, 0, is already exact); [] when p = 0.
   */
  readonly energy: number[];
  /** ‖A‖_F = √(Σ σᵢ²), computed without overflow. */
  readonly frobenius: number;
  /** ‖A‖₂ = σ₁ (0 for an empty matrix). */
  readonly spectral: number;
}

/**
 * Summarizes the singular values σ₁ ≥ … ≥ σₚ ≥ 0 of an m×n matrix (p = min(m, n)): numerical rank
 * #{σᵢ > σ₁·max(m, n)·ε}, condition σ₁/σₚ, cumulative energy Σ_{j≤i} σⱼ²/Σ σⱼ², ‖A‖_F and ‖A‖₂.
 * Squares are taken of σᵢ/σ₁, so σ near 1e300 or 1e-300 neither overflow nor vanish. Throws
 * ShapeError if σ does not have min(rows, cols) entries, RangeError if one is negative, not finite
 * or larger than the one before.
 * @example spectrumSummary([2, 0], 2, 2) // rank 1, condition Infinity, energy [1, 1], frobenius 2
 */
export function spectrumSummary(sigma: readonly number[], rows: number, cols: number): SpectrumSummary {
  if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(cols) || rows < 0 || cols < 0) {
    throw new ShapeError(`A matrix size must be two non-negative integers, got ${rows}×${cols}.`);
  }
  const p = Math.min(rows, cols);
  if (sigma.length !== p) {
    throw new ShapeError(`A ${rows}×${cols} matrix has ${p} singular values, but ${sigma.length} were given.`);
  }
  checkSpectrum(sigma);
  const s1 = p > 0 ? sigma[0] : 0;
  const tolerance = s1 * Math.max(rows, cols) * Number.EPSILON;
  let rank = 0;
  while (rank < p && sigma[rank] > tolerance) rank++;
  const energy = new Array<number>(p).fill(1);
  let frobenius = 0;
  if (s1 > 0) {
    let total = 0;
    for (let i = 0; i < p; i++) total += (sigma[i] / s1) ** 2;
    // The same sums in the same order, so the last entry is total/total = 1 exactly.
    let running = 0;
    for (let i = 0; i < p; i++) {
      running += (sigma[i] / s1) ** 2;
      energy[i] = running / total;
    }
    frobenius = s1 * Math.sqrt(total);
  }
  const condition = conditionNumber(sigma, rank);
  return { sigma: sigma.slice(), rank, tolerance, condition, energy, frobenius, spectral: s1 };
}

/**
 * The 2-norm condition number σ₁/σₚ of a matrix with singular values σ₁ ≥ … ≥ σₚ and numerical
 * rank r (as spectrumSummary counts it): Infinity exactly when r < p, since then σₚ is below the
 * rounding threshold and σ₁/σₚ would be a ratio of noise; 0 for an empty spectrum. The one rule
 * every lab uses.
 * @example conditionNumber([2, 1e-17], 1) // Infinity
 */
export function conditionNumber(sigma: readonly number[], rank: number): number {
  const p = sigma.length;
  if (p === 0) return 0;
  if (rank < p) return Infinity;
  return sigma[0] / sigma[p - 1];
}

/**
 * The numerical rank and condition number of an m×n matrix from its singular values (the helper
 * the small-matrix readouts share): rank = #{σᵢ > max(m, n)·ε·σ₁}, condition = conditionNumber.
 * @example rankAndCondition([1e-7, 1e-7], 2, 2) // { rank: 2, condition: 1 }
 */
export function rankAndCondition(sigma: readonly number[], rows: number, cols: number): { rank: number; condition: number } {
  const { rank, condition } = spectrumSummary(sigma, rows, cols);
  return { rank, condition };
}

/**
 * How many significant figures of a value known to within ±uncertainty are worth printing:
 * floor(log₁₀(|value|/uncertainty)) + 1, between 1 and `max` (max when the uncertainty is 0). For a
 * randomized SVD's σᵢ, Weyl's inequality bounds |σᵢ − σ̃ᵢ| by the spectral error ‖A − UΣVᵀ‖₂, so
 * the uncertainty is (a safe multiple of) its error estimate.
 * @example supportedDigits(1.234, 0.02) // 2: "1.2"
 */
export function supportedDigits(value: number, uncertainty: number, max = 4): number {
  if (!(uncertainty > 0) || !Number.isFinite(uncertainty)) return uncertainty === 0 ? max : 1;
  if (value === 0) return 1;
  const digits = Math.floor(Math.log10(Math.abs(value) / uncertainty)) + 1;
  return Math.max(1, Math.min(max, digits));
}

/**
 * How many singular values are at least `threshold` times the largest: #{i : σᵢ/σ₁ ≥ threshold},
 * for 0 < threshold ≤ 1 and σ descending. 0 for an empty or zero spectrum (no direction stands
 * out). With threshold 0.01, the directions a picture at 1% resolution can show.
 * @example significantCount([10, 5, 0.01], 0.1) // 2
 */
export function significantCount(sigma: readonly number[], threshold: number): number {
  if (!(threshold > 0 && threshold <= 1)) {
    throw new RangeError(`The threshold must be in (0, 1], got ${threshold}.`);
  }
  checkSpectrum(sigma);
  const s1 = sigma.length > 0 ? sigma[0] : 0;
  if (s1 === 0) return 0;
  let count = 0;
  while (count < sigma.length && sigma[count] / s1 >= threshold) count++;
  return count;
}

function checkSpectrum(sigma: readonly number[]): void {
  if (!Array.isArray(sigma)) throw new ShapeError('The singular values must be an array of numbers.');
  for (let i = 0; i < sigma.length; i++) {
    const s = sigma[i];
    if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) {
      throw new RangeError(`σ${i + 1} is ${String(s)}; singular values are finite and non-negative.`);
    }
    if (i > 0 && s > sigma[i - 1]) {
      throw new RangeError(`σ${i + 1} = ${s} is larger than σ${i} = ${sigma[i - 1]}; singular values come in descending order.`);
    }
  }
}
