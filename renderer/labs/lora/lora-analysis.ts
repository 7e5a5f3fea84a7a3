/**
 * Everything the LoRA lab shows at the current rank, from a decomposition of ΔW (lora-decomposition.ts):
 * the rank-r factors, the residual, W₀ + AB and W₀ + ΔW, the Eckart–Young and the measured errors,
 * the error curve. The measured spectral norm needs an SVD of the residual; for big matrices it
 * arrives later from a worker (`spectral` undefined until then).
 */
import type { ApproximationErrors, LowRankApproximation, RankError } from '../../../src/lora/index.js';
import { rankView, type LoraDecomposition, type LoraRankView } from './lora-decomposition.js';
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
  readonly target: Matrix;
  readonly theory: ApproximationErrors;
  /** ‖ΔW − AB‖_F and, once measured, ‖ΔW − AB‖₂. */
  readonly measured: { readonly frobenius: number; readonly spectral: number | undefined };
  readonly curve: RankError[];
  /** ‖ΔW‖_F. */
  readonly updateNorm: number;
  /** The residual row-major, for measuring its spectral norm. */
  readonly residualData: Float64Array;
}

/** The last rank's view of a decomposition, to continue its product from (the slider moves a step at a time). */
let lastView: { dec: LoraDecomposition; view: LoraRankView } | undefined;
/** W₀ + ΔW, kept while neither changes. */
let lastTarget: { W0: Matrix; deltaW: Matrix; target: Matrix } | undefined;

/** The analysis of `state` at its rank, from the decomposition of its ΔW (which the caller matched to state.deltaW). */
export function loraAnalysis(dec: LoraDecomposition, state: LoraState): LoraAnalysis {
  const { W0, deltaW, rank } = state;
  const view = rankView(dec, deltaW, W0, rank, lastView?.dec === dec ? lastView.view : undefined);
  lastView = { dec, view };
  if (lastTarget?.W0 !== W0 || lastTarget.deltaW !== deltaW) {
    lastTarget = { W0, deltaW, target: W0.map((row, i) => row.map((v, j) => v + deltaW[i]![j]!)) };
  }
  return {
    d: dec.d,
    k: dec.k,
    approximation: view.approximation,
    residual: view.residual,
    adapted: view.adapted,
    target: lastTarget.target,
    theory: view.theory,
    measured: { frobenius: view.measuredFrobenius, spectral: undefined },
    curve: dec.curve,
    updateNorm: dec.updateNorm,
    residualData: view.residualData,
  };
}

/** Whether the analysis has every number (the measured spectral norm included). */
export function complete(a: LoraAnalysis): a is LoraAnalysis & { measured: ApproximationErrors } {
  return a.measured.spectral !== undefined;
}

/** The analysis with its measured spectral norm filled in. */
export function withSpectral(a: LoraAnalysis, spectral: number): LoraAnalysis {
  return { ...a, measured: { frobenius: a.measured.frobenius, spectral } };
}
