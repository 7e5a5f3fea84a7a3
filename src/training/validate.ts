/**
 * Checks of what a trainer is given: the network, the activation, the loss, L2, and each batch.
 * Every refusal is a TrainingSettingsError naming the field.
 */
import { flattenNetwork, type FlatNetwork } from '../regions/network.js';
import { NetworkFormatError } from '../regions/errors.js';
import type { ReluNet } from '../regions/types.js';
import { TrainingSettingsError } from './errors.js';
import { TRAINING_ACTIVATIONS, TRAINING_LOSSES, type TrainingActivation, type TrainingLoss } from './types.js';
import { DEFAULT_LEAK } from '../layer/activation.js';

/** The network flattened, or TrainingSettingsError naming `net.<path>` (e.g. `net.weights[1][0]`). */
export function checkNetwork(net: ReluNet): FlatNetwork {
  try {
    return flattenNetwork(net);
  } catch (error) {
    if (error instanceof NetworkFormatError) throw new TrainingSettingsError(error.path === '' ? 'net' : `net.${error.path}`, error.message.slice(error.path.length).trim());
    throw error;
  }
}

/** The activation (default 'relu') and the leak it uses (0 unless 'leaky-relu', default 0.1). */
export function checkActivation(activation: TrainingActivation | undefined, leak: number | undefined): { activation: TrainingActivation; leak: number } {
  const a = activation ?? 'relu';
  if (!TRAINING_ACTIVATIONS.includes(a)) throw new TrainingSettingsError('activation', `must be one of ${TRAINING_ACTIVATIONS.join(', ')}, not ${String(a)}`);
  const l = leak ?? DEFAULT_LEAK;
  if (!(typeof l === 'number' && Number.isFinite(l))) throw new TrainingSettingsError('leak', `must be a finite number, not ${String(l)}`);
  return { activation: a, leak: a === 'leaky-relu' ? l : 0 };
}

/** The loss name, checked. */
export function checkLoss(loss: TrainingLoss): TrainingLoss {
  if (!TRAINING_LOSSES.includes(loss)) throw new TrainingSettingsError('loss', `must be one of ${TRAINING_LOSSES.join(', ')}, not ${String(loss)}`);
  return loss;
}

/** λ of L2 (default 0): finite and ≥ 0. */
export function checkL2(l2: number | undefined): number {
  const value = l2 ?? 0;
  if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0)) throw new TrainingSettingsError('l2', `must be a finite number ≥ 0, not ${String(value)}`);
  return value;
}

/**
 * A batch: x a non-empty list of rows of `inputs` finite numbers, y as long as x with finite
 * targets, and for 'bce' every target exactly 0 or 1. Throws TrainingSettingsError naming `x`,
 * `x[i]`, `x[i][k]`, `y` or `y[i]`.
 */
export function checkBatch(x: readonly (readonly number[])[], y: readonly number[] | undefined, inputs: number, loss: TrainingLoss | undefined): void {
  if (!Array.isArray(x) || x.length === 0) throw new TrainingSettingsError('x', 'must be a non-empty list of points');
  if (y !== undefined) {
    if (!Array.isArray(y)) throw new TrainingSettingsError('y', 'must be a list of targets');
    if (y.length !== x.length) throw new TrainingSettingsError('y', `has ${y.length} targets, expected ${x.length} (one per point of x)`);
  }
  for (let i = 0; i < x.length; i++) {
    const row = x[i];
    if (!Array.isArray(row) || row.length !== inputs) throw new TrainingSettingsError(`x[${i}]`, `has ${Array.isArray(row) ? row.length : 0} coordinates, expected ${inputs} (the network's inputs)`);
    for (let k = 0; k < inputs; k++) {
      const v = row[k];
      if (!(typeof v === 'number' && Number.isFinite(v))) throw new TrainingSettingsError(`x[${i}][${k}]`, `is not a finite number: ${String(v)}`);
    }
    if (y === undefined) continue;
    const t = y[i];
    if (!(typeof t === 'number' && Number.isFinite(t))) throw new TrainingSettingsError(`y[${i}]`, `is not a finite number: ${String(t)}`);
    if (loss === 'bce' && t !== 0 && t !== 1) throw new TrainingSettingsError(`y[${i}]`, `is ${t}, but the bce loss needs labels 0 or 1`);
  }
}
