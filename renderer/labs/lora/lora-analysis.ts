/**
 * Everything the LoRA lab shows, derived from its state: the SVD of ΔW (computed once per update),
 * the rank-r factors, the residual, the Eckart–Young and the measured errors, the error curve.
 */
import { svd, type Svd } from '../../../src/linalg/index.js';
import {
  bestRankApproximation, difference, eckartYoungErrors, errorCurve, frobeniusNorm, measuredErrors,
  type ApproximationErrors, type LowRankApproximation, type RankError,
} from '../../../src/lora/index.js';
import type { LoraState } from './lora-store.js';
import type { Matrix } from '../../../src/layer/index.js';


export interface LoraAnalysis {
  readonly d: number;
  readonly k: number;
  readonly approximation: LowRankApproximation;
  /** ΔW − AB. */
  readonly residual: number[][];
  /** W₀ + AB, the adapted weight. */
  readonly adapted: number[][];
  /** W₀ + ΔW, the weight the full update would give. */
  readonly target: number[][];
  readonly theory: ApproximationErrors;
  readonly measured: ApproximationErrors;
  readonly curve: RankError[];
  /** ‖ΔW‖_F. */
  readonly updateNorm: number;
}

/** Computes the analysis of a state, reusing the SVD of ΔW while ΔW is the same array. */
export class LoraAnalyzer {
  #deltaW: Matrix | undefined;
  #decomposition: Svd | undefined;
  #curve: RankError[] = [];

  analyze(state: LoraState): LoraAnalysis {
    const { W0, deltaW, rank } = state;
    if (this.#deltaW !== deltaW || !this.#decomposition) {
      this.#decomposition = svd(deltaW);
      this.#curve = errorCurve(this.#decomposition.S);
      this.#deltaW = deltaW;
    }
    const approximation = bestRankApproximation(deltaW, rank, { decomposition: this.#decomposition });
    const residual = difference(deltaW, approximation.product);
    const sum = (P: Matrix, Q: Matrix) => P.map((row, i) => row.map((v, j) => v + Q[i]![j]!));
    return {
      d: W0.length,
      k: W0[0]?.length ?? 0,
      approximation,
      residual,
      adapted: sum(W0, approximation.product),
      target: sum(W0, deltaW),
      theory: eckartYoungErrors(approximation.sigma, approximation.rank),
      measured: measuredErrors(deltaW, approximation.product),
      curve: this.#curve,
      updateNorm: frobeniusNorm(deltaW),
    };
  }
}
