/**
 * The LoRA lab's arithmetic, split so the rank slider is cheap: `decomposeUpdate` does once per ΔW
 * what does not depend on r (the SVD of ΔW, the factors for every rank, the error curve, and the
 * product AB at every CHECKPOINT_EVERY-th rank) — in a worker for big matrices — and `rankView`
 * recombines them for one r on the main thread in O(CHECKPOINT_EVERY·d·k).
 *
 * The numbers are bit for bit those of `bestRankApproximation(ΔW, r)` and `measuredErrors`:
 * A_r and B_r are the first r columns of A_p and rows of B_p (A = U_r Σ_r^½ takes σᵢ^½ per column,
 * whatever r is), and the product is summed in matMul's order, Σ_{l<r} a_il·b_lj from l = 0
 * upwards, so continuing the sum from the checkpoint at rank c ≤ r gives the same doubles.
 */
import { svd, svdFloat64 } from '../../../src/linalg/index.js';
import {
  bestRankApproximation, difference, eckartYoungErrors, errorCurve, frobeniusNorm,
  type ApproximationErrors, type LowRankApproximation, type RankError,
} from '../../../src/lora/index.js';

type Rows = readonly (readonly number[])[];

/**
 * Products AB are kept at ranks 0, 8, 16, …: a rank update adds at most 7 outer products (one
 * when the slider moves up a step from the last rank shown); 33 products, 17 MB, at 256×256.
 */
export const CHECKPOINT_EVERY = 8;

/** What does not depend on r, computed once per ΔW (row-major arrays, so a worker can move them). */
export interface LoraDecomposition {
  readonly d: number;
  readonly k: number;
  /** min(d, k). */
  readonly p: number;
  /** σ₁ ≥ … ≥ σ_p of ΔW. */
  readonly sigma: number[];
  /** A_p = U_p Σ_p^½, d×p row-major. */
  readonly A: Float64Array;
  /** B_p = Σ_p^½ V_pᵀ, p×k row-major. */
  readonly B: Float64Array;
  /** checkpoints[c] = A_r B_r at r = c·CHECKPOINT_EVERY, d×k row-major. */
  readonly checkpoints: Float64Array[];
  /** The Eckart–Young error of every rank 0…p. */
  readonly curve: RankError[];
  /** ‖ΔW‖_F. */
  readonly updateNorm: number;
}

/** The SVD of ΔW and everything the rank slider recombines (see the module's note). */
export function decomposeUpdate(deltaW: Rows): LoraDecomposition {
  const d = deltaW.length;
  const k = deltaW[0]?.length ?? 0;
  const decomposition = svd(deltaW);
  const p = Math.min(d, k);
  // The full-rank factors, exactly as bestRankApproximation builds them.
  const full = bestRankApproximation(deltaW, p, { decomposition });
  const A = new Float64Array(d * p);
  const B = new Float64Array(p * k);
  full.A.forEach((row, i) => A.set(row, i * p));
  full.B.forEach((row, l) => B.set(row, l * k));
  const checkpoints: Float64Array[] = [];
  const product = new Float64Array(d * k);
  for (let r = 0; r <= p; r++) {
    if (r % CHECKPOINT_EVERY === 0) checkpoints.push(product.slice());
    if (r < p) addOuterProducts(product, A, B, d, k, p, r, r + 1);
  }
  return { d, k, p, sigma: full.sigma, A, B, checkpoints, curve: errorCurve(full.sigma), updateNorm: frobeniusNorm(deltaW) };
}

/** Adds Σ_{from ≤ l < to} (column l of A)(row l of B) to the d×k `product`, l ascending (matMul's order). */
function addOuterProducts(product: Float64Array, A: Float64Array, B: Float64Array, d: number, k: number, p: number, from: number, to: number): void {
  for (let i = 0; i < d; i++) {
    const base = i * k;
    for (let l = from; l < to; l++) {
      const a = A[i * p + l]!;
      const b = l * k;
      for (let j = 0; j < k; j++) product[base + j] += a * B[b + j]!;
    }
  }
}

/** Everything the lab shows at one rank r. */
export interface LoraRankView {
  readonly approximation: LowRankApproximation;
  /** ΔW − AB. */
  readonly residual: number[][];
  /** W₀ + AB. */
  readonly adapted: number[][];
  readonly theory: ApproximationErrors;
  /** ‖ΔW − AB‖_F measured from the residual (its spectral norm needs an SVD: see residualData). */
  readonly measuredFrobenius: number;
  /** The residual row-major, for the SVD that measures its spectral norm. */
  readonly residualData: Float64Array;
  /** AB row-major, to continue from at the next rank (pass this view as `previous`). */
  readonly productData: Float64Array;
}

/**
 * The rank-r numbers of the LoRA lab from a decomposition of ΔW: the factors A_r, B_r, their
 * product (continued from the nearest checkpoint below r), the residual ΔW − AB, W₀ + AB, the
 * Eckart–Young errors √(Σ_{i>r} σᵢ²) and σ_{r+1}, and the measured ‖ΔW − AB‖_F.
 */
export function rankView(dec: LoraDecomposition, deltaW: Rows, W0: Rows, r: number, previous?: LoraRankView): LoraRankView {
  const { d, k, p } = dec;
  const rank = Math.min(r, d, k);
  const A = Array.from({ length: d }, (_, i) => Array.from(dec.A.subarray(i * p, i * p + rank)));
  const B = Array.from({ length: rank }, (_, l) => Array.from(dec.B.subarray(l * k, (l + 1) * k)));
  // Continue from the nearest product below r: a checkpoint, or the previous view's (same ΔW).
  let from = Math.floor(rank / CHECKPOINT_EVERY) * CHECKPOINT_EVERY;
  let sum: Float64Array;
  const last = previous?.approximation.rank ?? -1;
  if (previous && last <= rank && last > from && previous.productData.length === d * k) {
    from = last;
    sum = previous.productData.slice();
  } else sum = dec.checkpoints[from / CHECKPOINT_EVERY]!.slice();
  addOuterProducts(sum, dec.A, dec.B, d, k, p, from, rank);
  const product = Array.from({ length: d }, (_, i) => Array.from(sum.subarray(i * k, (i + 1) * k)));
  const residual = difference(deltaW, product);
  const residualData = new Float64Array(d * k);
  residual.forEach((row, i) => residualData.set(row, i * k));
  return {
    approximation: { rank, A, B, product, sigma: [...dec.sigma] },
    residual,
    adapted: W0.map((row, i) => row.map((v, j) => v + product[i]![j]!)),
    theory: eckartYoungErrors(dec.sigma, rank),
    measuredFrobenius: frobeniusNorm(residual),
    residualData,
    productData: sum,
  };
}

/** The buffers of a decomposition, to move it between threads. */
export function decompositionBuffers(dec: LoraDecomposition): ArrayBuffer[] {
  return [dec.A, dec.B, ...dec.checkpoints].map((a) => a.buffer as ArrayBuffer);
}

/**
 * ‖ΔW − AB‖₂ measured: the largest singular value of the d×k row-major residual, from the SVD
 * kernel — the same call `measuredErrors` makes (singularValues of the residual), so the same double.
 */
export function measuredSpectral(residualData: Float64Array, d: number, k: number): number {
  return svdFloat64(residualData, d, k, false).S[0] ?? 0;
}

/**
 * Whether ΔW is small enough to decompose on the main thread: about d·k·min(d, k) ≤ 64³
 * multiply-adds, a few milliseconds; anything bigger goes to a worker, so no step takes over 10 ms.
 */
export function decomposesInline(d: number, k: number): boolean {
  return d * k * Math.min(d, k) <= 64 ** 3;
}
