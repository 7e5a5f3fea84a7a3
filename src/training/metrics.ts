/**
 * What the Training lab watches as a network trains: loss and accuracy, each layer's spectrum
 * (σ₁, σ_min, stable rank, condition number), and the exact number of linear regions.
 */
import { singularValues } from '../linalg/svd.js';
import { linearRegionsPacked } from '../regions/partition.js';
import type { Box, ReluNet } from '../regions/types.js';
import { TrainingSettingsError } from './errors.js';
import type { TrainingActivation, TrainingLoss } from './types.js';

/** The spectrum of one weight matrix W_l (n_l × n_{l−1}). */
export interface LayerSpectrum {
  /** σ₁ ≥ … ≥ σ_min, min(n_l, n_{l−1}) of them. */
  readonly singularValues: number[];
  /** σ₁ = ‖W‖₂, the most any direction is stretched. */
  readonly sigmaMax: number;
  /** σ_min, the least (over the smaller side of W). */
  readonly sigmaMin: number;
  /** ‖W‖_F² / σ₁² = Σσᵢ² / σ₁², between 1 and the rank; 0 for W = 0. */
  readonly stableRank: number;
  /** σ₁ / σ_min; Infinity when σ_min = 0 (W loses a direction, or is 0). */
  readonly condition: number;
}

/**
 * Per layer (hidden layers, then the output row), the singular values of W_l and what they say:
 * σ₁, σ_min, the stable rank Σσᵢ²/σ₁² and the condition number σ₁/σ_min (Infinity when σ_min = 0).
 * The singular values come from linalg's singularValues.
 * @example layerSpectra({ weights: [[[3, 0], [0, 1]], [[1, 1]]], biases: [[0, 0], [0]] })[0] // { sigmaMax: 3, sigmaMin: 1, stableRank: 10/9, condition: 3, … }
 */
export function layerSpectra(net: ReluNet): LayerSpectrum[] {
  return net.weights.map((W) => {
    const s = singularValues(W);
    const sigmaMax = s[0];
    const sigmaMin = s[s.length - 1];
    const frobenius2 = s.reduce((sum, x) => sum + x * x, 0);
    return { singularValues: s, sigmaMax, sigmaMin, stableRank: sigmaMax === 0 ? 0 : frobenius2 / (sigmaMax * sigmaMax), condition: sigmaMin === 0 ? Infinity : sigmaMax / sigmaMin };
  });
}

/**
 * The fraction of points classified right from the network's outputs z: with 'bce' the class is 1
 * where z > 0 (σ(z) > ½), with 'mse' where z > ½; labels are 0/1. NaN for no points.
 * @example accuracy([2, -1, 0.3], [1, 0, 0], 'bce') // 2/3
 */
export function accuracy(outputs: readonly number[], labels: readonly number[], loss: TrainingLoss): number {
  if (outputs.length === 0) return NaN;
  const threshold = loss === 'bce' ? 0 : 0.5;
  let right = 0;
  for (let i = 0; i < outputs.length; i++) if ((outputs[i] > threshold ? 1 : 0) === labels[i]) right++;
  return right / outputs.length;
}

/**
 * The exact number of linear regions of the trained network in `box`, from the Regions lab's
 * linearRegionsPacked on the same weights (so it equals linearRegions(net, box).regions.length).
 * Only the ReLU family is piecewise linear: other activations throw TrainingSettingsError('activation').
 * `maxRegions` (default 250 000) bounds the work as in linearRegions.
 */
export function trainedRegionCount(net: ReluNet, activation: TrainingActivation, box: Box, maxRegions?: number): number {
  if (activation !== 'relu' && activation !== 'leaky-relu') {
    throw new TrainingSettingsError('activation', `is ${activation}: exact linear regions exist only for relu and leaky-relu networks`);
  }
  return linearRegionsPacked(net, box, { maxRegions }).count;
}
