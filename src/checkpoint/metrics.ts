/**
 * Per-matrix metrics of a weight matrix W (m×n, p = min(m, n)) from its singular values, the
 * overview a checkpoint's layers are compared by (WeightWatcher's columns, and the LoRA premise:
 * how much of W a low rank keeps).
 */
import { svdFloat64, type SvdOptions } from '../linalg/svd.js';
import { spectrumSummary } from '../linalg/spectrum.js';
import { ShapeError } from '../errors.js';
import { powerLawFit, type PowerLawFit } from './powerLaw.js';

/** What {@link matrixMetrics} reports about one matrix. */
export interface MatrixMetrics {
  readonly rows: number;
  readonly cols: number;
  /** ‖W‖_F = √Σσᵢ². */
  readonly frobenius: number;
  /** ‖W‖₂ = σ₁. */
  readonly spectral: number;
  /** ‖W‖²_F/‖W‖²₂ = Σ(σᵢ/σ₁)², between 1 and p; 0 for the zero matrix. */
  readonly stableRank: number;
  /** exp(−Σ qᵢ ln qᵢ) with qᵢ = σᵢ/Σσⱼ (Roy & Vetterli 2007); 0 for the zero matrix. */
  readonly effectiveRank: number;
  /** #{σᵢ > σ₁·max(m, n)·ε}, numpy's matrix_rank. */
  readonly numericalRank: number;
  /** σ₁/σₚ, Infinity exactly when the numerical rank is below p. */
  readonly condition: number;
  /** Σ_{i≤k} σᵢ²/Σσᵢ² for k = 8, 16, 64 (k capped at p): the share of ‖W‖²_F the best rank-k approximation keeps. */
  readonly energy8: number;
  readonly energy16: number;
  readonly energy64: number;
  /** The ESD's power-law fit (see powerLawFit), undefined with fewer than two distinct σ > 0. */
  readonly powerLaw: PowerLawFit | undefined;
  /** σ₁ ≥ … ≥ σₚ. */
  readonly sigma: Float64Array;
}

/**
 * The shape of a tensor as a matrix: a 2-D tensor is itself; a k-D one (a convolution's
 * out×in×kh×kw) is shape[0] × the product of the rest, as WeightWatcher flattens it; 0-D and
 * 1-D tensors (biases, norms) are not matrices (undefined).
 */
export function asMatrix(shape: readonly number[]): [number, number] | undefined {
  if (shape.length < 2) return undefined;
  return [shape[0], shape.slice(1).reduce((a, b) => a * b, 1)];
}

/**
 * Computes every metric of the rows×cols matrix `data` (row-major) from its full singular value
 * spectrum (Golub–Kahan bidiagonalization and implicit QR, σ only). Float32 data is widened
 * exactly. Throws ShapeError for a size mismatch, NonFiniteError for NaN/±Infinity, CancelledError
 * once `options.signal` is aborted.
 * @example matrixMetrics(Float64Array.of(3, 0, 0, 4), 2, 2).stableRank // (9 + 16)/16 = 1.5625
 */
export function matrixMetrics(data: Float64Array | Float32Array, rows: number, cols: number, options: SvdOptions = {}): MatrixMetrics {
  if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(cols) || rows < 0 || cols < 0 || data.length !== rows * cols) {
    throw new ShapeError(`A ${rows}×${cols} matrix needs ${rows * cols} values, but ${data.length} were given.`);
  }
  const wide = data instanceof Float64Array ? data : new Float64Array(data);
  const { S } = svdFloat64(wide, rows, cols, false, options);
  return spectrumMetrics(S, rows, cols);
}

/** The metrics of {@link matrixMetrics} from the singular values σ₁ ≥ … ≥ σₚ ≥ 0 of a rows×cols matrix. */
export function spectrumMetrics(sigma: ArrayLike<number>, rows: number, cols: number): MatrixMetrics {
  const s = Array.from(sigma);
  const summary = spectrumSummary(s, rows, cols);
  const p = s.length;
  const s1 = summary.spectral;
  let stableRank = 0;
  let effectiveRank = 0;
  if (s1 > 0) {
    for (const x of s) stableRank += (x / s1) ** 2;
    let total = 0;
    for (const x of s) total += x / s1;
    let entropy = 0;
    for (const x of s) {
      const q = x / s1 / total;
      if (q > 0) entropy -= q * Math.log(q);
    }
    effectiveRank = Math.exp(entropy);
  }
  const energyAt = (k: number): number => (p === 0 ? 1 : summary.energy[Math.min(k, p) - 1]);
  return {
    rows,
    cols,
    frobenius: summary.frobenius,
    spectral: s1,
    stableRank,
    effectiveRank,
    numericalRank: summary.rank,
    condition: p === 0 ? 0 : summary.rank < p ? Infinity : s1 / s[p - 1],
    energy8: energyAt(8),
    energy16: energyAt(16),
    energy64: energyAt(64),
    powerLaw: powerLawFit(s),
    sigma: Float64Array.from(s),
  };
}
