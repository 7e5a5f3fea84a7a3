/**
 * Element-wise activation functions of a layer, σ(z) applied to each pre-activation zᵢ.
 */
import { normalCdf } from './erf.js';

export type Activation = 'none' | 'relu' | 'leaky-relu' | 'gelu' | 'swish' | 'tanh';

/** Every activation, in the order the UI offers them. */
export const ACTIVATIONS: readonly Activation[] = Object.freeze(['none', 'relu', 'leaky-relu', 'gelu', 'swish', 'tanh']);

/** The slope of leaky ReLU for z < 0 unless the caller gives one. */
export const DEFAULT_LEAK = 0.1;

/**
 * The logistic sigmoid σ(z) = 1 / (1 + e^(−z)), computed so that neither branch exponentiates a
 * large positive number: for z < 0 it uses the equal form e^z / (1 + e^z). No NaN at ±800.
 * @example sigmoid(0) // 0.5
 */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * The exact GELU, z·Φ(z) = ½ z (1 + erf(z/√2)) with Φ the standard normal CDF. Φ is computed
 * through erfc, which equals the textbook form but keeps relative accuracy for very negative z,
 * where 1 + erf(z/√2) would cancel to 0.
 * @example gelu(1) // 0.8413447460685429
 */
export function gelu(z: number): number {
  return z * normalCdf(z);
}

// Module-level functions, so the per-point path picks one once and allocates nothing.
const FUNCTIONS: Readonly<Record<Activation, (z: number, leak: number) => number>> = {
  none: (z) => z,
  relu: (z) => Math.max(0, z),
  'leaky-relu': (z, leak) => (z >= 0 ? z : leak * z),
  gelu: (z) => gelu(z),
  swish: (z) => z * sigmoid(z),
  tanh: (z) => Math.tanh(z),
};

/** The function behind an activation name, taking (z, leak). */
export function activationFunction(f: Activation): (z: number, leak: number) => number {
  if (!Object.hasOwn(FUNCTIONS, f)) throw new RangeError(`Unknown activation "${String(f)}"; expected one of ${ACTIVATIONS.join(', ')}.`);
  return FUNCTIONS[f];
}

/**
 * Apply activation f to one pre-activation z: none z; relu max(0, z); leaky-relu z for z ≥ 0 and
 * leak·z below (leak defaults to 0.1); gelu ½ z (1 + erf(z/√2)) exactly; swish z·σ(z) with a
 * stable sigmoid; tanh. Throws RangeError for an unknown name.
 * @example activate('leaky-relu', -2) // -0.2
 */
export function activate(f: Activation, z: number, leak: number = DEFAULT_LEAK): number {
  return activationFunction(f)(z, leak);
}
