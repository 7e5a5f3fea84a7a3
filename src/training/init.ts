/**
 * Seeded starting networks for training: the Regions lab's He, Glorot and PyTorch schemes, with a
 * factor that scales every weight to provoke vanishing or exploding gradients.
 */
import { initNetwork, type InitScheme } from '../regions/init.js';
import type { ReluNet } from '../regions/types.js';
import { TrainingSettingsError } from './errors.js';

/** What initTrainingNetwork builds. */
export interface TrainingInitOptions {
  readonly inputs: 2 | 3;
  /** Hidden widths: 1–8 layers of 1–64 neurons (the Regions lab's limits). */
  readonly hidden: readonly number[];
  readonly init: InitScheme;
  readonly seed: number;
  /** Multiplies every weight (not the biases) after drawing; default 1. Finite and > 0. */
  readonly scale?: number;
  /** Standard deviation of He and Glorot biases (see initNetwork); default 0.1. */
  readonly biasStd?: number;
}

/**
 * initNetwork's seeded network (He: W ~ N(0, 2/fan_in); Glorot: W ~ U(±√(6/(fan_in + fan_out)));
 * PyTorch: W, b ~ U(±1/√fan_in); He/Glorot biases N(0, biasStd²)) with every weight multiplied by
 * `scale`. Scaling all L weight matrices by s scales a ReLU network's output by about s^L and its
 * first layer's gradient by about s^(L−1), which is how the lab provokes exploding (s > 1) and
 * vanishing (s < 1) gradients; biases are left alone so the regions stay spread over the box.
 * Throws TrainingSettingsError('scale') for a scale not finite or ≤ 0, and initNetwork's
 * NetworkFormatError naming the option outside the lab's limits.
 * @example initTrainingNetwork({ inputs: 2, hidden: [8], init: 'he', seed: 1, scale: 2 }).weights[0][0][0] // twice the unscaled one
 */
export function initTrainingNetwork(options: TrainingInitOptions): ReluNet {
  const scale = options.scale ?? 1;
  if (!(typeof scale === 'number' && Number.isFinite(scale) && scale > 0)) throw new TrainingSettingsError('scale', `must be a finite number > 0, not ${String(scale)}`);
  const net = initNetwork({ inputs: options.inputs, hidden: options.hidden, init: options.init, seed: options.seed, biasStd: options.biasStd });
  if (scale === 1) return net;
  return { weights: net.weights.map((W) => W.map((row) => row.map((w) => w * scale))), biases: net.biases };
}

/** Number of weights and biases of inputs → hidden → 1: Σ_l (n_{l−1} + 1)·n_l. */
export function parameterCount(inputs: number, hidden: readonly number[]): number {
  const widths = [inputs, ...hidden, 1];
  let count = 0;
  for (let l = 1; l < widths.length; l++) count += (widths[l - 1] + 1) * widths[l];
  return count;
}

/** Two architectures with (nearly) the same number of parameters. */
export interface DepthWidthPair {
  /** `layers` hidden layers of `width` neurons. */
  readonly deep: number[];
  /** One hidden layer, as wide as makes its count closest to the deep one's. */
  readonly wide: number[];
  readonly deepParameters: number;
  readonly wideParameters: number;
}

/**
 * The depth-against-width pair of the lab: a deep network of `layers` hidden layers of `width`
 * neurons, and a single hidden layer of width w with (d + 2)·w + 1 parameters chosen to be the
 * closest to the deep count P = Σ_l (n_{l−1} + 1)·n_l (w = round((P − 1)/(d + 2)), within 1–64;
 * ties go to the smaller w). E.g. 2 inputs, 4 layers of 8: P = 249, w = 62 with 249 too.
 * Throws TrainingSettingsError naming `layers` (2–8), `width` (1–64) or `inputs` (2 or 3).
 * @example depthWidthPair({ inputs: 2, layers: 4, width: 8 }) // { deep: [8, 8, 8, 8], wide: [62], deepParameters: 249, wideParameters: 249 }
 */
export function depthWidthPair(options: { inputs: 2 | 3; layers: number; width: number }): DepthWidthPair {
  const { inputs, layers, width } = options;
  if (inputs !== 2 && inputs !== 3) throw new TrainingSettingsError('inputs', `must be 2 or 3, not ${String(inputs)}`);
  if (!Number.isInteger(layers) || layers < 2 || layers > 8) throw new TrainingSettingsError('layers', `must be a whole number from 2 to 8, not ${layers}`);
  if (!Number.isInteger(width) || width < 1 || width > 64) throw new TrainingSettingsError('width', `must be a whole number from 1 to 64, not ${width}`);
  const deep = Array.from({ length: layers }, () => width);
  const deepParameters = parameterCount(inputs, deep);
  let best = 1;
  for (let w = 1; w <= 64; w++) {
    if (Math.abs(parameterCount(inputs, [w]) - deepParameters) < Math.abs(parameterCount(inputs, [best]) - deepParameters)) best = w;
  }
  return { deep, wide: [best], deepParameters, wideParameters: parameterCount(inputs, [best]) };
}
