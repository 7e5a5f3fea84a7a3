/**
 * Seeded initialisation of ReLU networks, the three schemes people meet first: He (Kaiming)
 * normal, Glorot (Xavier) uniform, and PyTorch's default for nn.Linear.
 */
import { NetworkFormatError } from './errors.js';
import type { ReluNet } from './types.js';
import { mulberry32 } from '../random.js';

/** He (Kaiming) normal, Glorot (Xavier) uniform, or PyTorch's nn.Linear default (see initNetwork). */
export type InitScheme = 'he' | 'glorot' | 'pytorch';

/** Every scheme, in the order the UI offers them. */
export const INIT_SCHEMES: readonly InitScheme[] = Object.freeze(['he', 'glorot', 'pytorch']);

/** The size limits of the Regions lab (also enforced by parseNetwork). */
export const NETWORK_LIMITS = Object.freeze({ minInputs: 2, maxInputs: 3, minLayers: 1, maxLayers: 8, minWidth: 1, maxWidth: 64 });

/** The standard deviation of He and Glorot biases unless the caller gives one (see initNetwork). */
export const DEFAULT_BIAS_STD = 0.1;

/** What initNetwork builds: the shape of the network, the scheme and the seed. */
export interface InitOptions {
  readonly inputs: 2 | 3;
  /** Hidden widths, 1–8 layers of 1–64 neurons. */
  readonly hidden: readonly number[];
  readonly init: InitScheme;
  /** Any number; taken as a 32-bit unsigned integer. */
  readonly seed: number;
  /** Standard deviation σ_b of He and Glorot biases, N(0, σ_b²); default 0.1. Ignored by 'pytorch'. */
  readonly biasStd?: number;
  /** Slope of leaky ReLU below zero; omitted means plain ReLU. */
  readonly leak?: number;
}


/** Standard normals by Box–Muller, z = √(−2 ln u₁)·cos(2π u₂), both of each pair used. */
function normals(uniform: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const z = spare;
      spare = null;
      return z;
    }
    const u1 = 1 - uniform(); // in (0, 1]: ln never sees 0
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  };
}

/**
 * A fully connected network inputs → hidden[0] → … → 1 with seeded random weights, the same on
 * every run for a given seed. For a layer with fan_in inputs and fan_out neurons:
 * He (Kaiming normal, He et al. 2015): W ~ N(0, 2/fan_in);
 * Glorot (Xavier uniform, Glorot & Bengio 2010): W ~ U(±√(6/(fan_in + fan_out)));
 * PyTorch's nn.Linear default: W and b ~ U(±1/√fan_in).
 * He and Glorot biases are N(0, σ_b²) with σ_b = `biasStd`, default 0.1 (variance 0.01): both
 * papers start from zero biases, but with b = 0 the network is positively homogeneous
 * (f(tx) = t·f(x) for t > 0), so every region is a cone from the origin and in 2D a mere wedge;
 * small random biases keep "biases ≈ 0" while putting the hyperplanes in general position, as
 * Hanin & Rolnick (2019) do; 0.1 spreads the folds over the unit box, where 0.01 crowds thousands
 * of regions into a speck at the origin (some below 1e-17 of the box in 3D). Pass biasStd: 0 for
 * the papers' exact choice. Draws go layer by layer, weights row by row, then that layer's biases.
 * Throws NetworkFormatError (naming the option) outside the lab's limits (2–3 inputs, 1–8 hidden
 * layers of 1–64 neurons).
 * @example initNetwork({ inputs: 2, hidden: [16, 16], init: 'he', seed: 1 }).weights.map((W) => W.length) // [16, 16, 1]
 */
export function initNetwork(options: InitOptions): ReluNet {
  const { inputs, hidden, init, seed } = options;
  const biasStd = options.biasStd ?? DEFAULT_BIAS_STD;
  const L = NETWORK_LIMITS;
  if (inputs !== 2 && inputs !== 3) throw new NetworkFormatError('inputs', `must be 2 or 3, not ${String(inputs)}`);
  if (!Array.isArray(hidden) || hidden.length < L.minLayers || hidden.length > L.maxLayers) {
    throw new NetworkFormatError('hidden', `must list ${L.minLayers}–${L.maxLayers} layer widths`);
  }
  hidden.forEach((n, l) => {
    if (!Number.isInteger(n) || n < L.minWidth || n > L.maxWidth) throw new NetworkFormatError(`hidden[${l}]`, `must be a whole number from ${L.minWidth} to ${L.maxWidth}, not ${n}`);
  });
  if (!INIT_SCHEMES.includes(init)) throw new NetworkFormatError('init', `must be one of ${INIT_SCHEMES.join(', ')}`);
  if (!Number.isFinite(seed)) throw new NetworkFormatError('seed', 'must be a finite number');
  if (!(biasStd >= 0 && Number.isFinite(biasStd))) throw new NetworkFormatError('biasStd', 'must be a finite number ≥ 0');
  if (options.leak !== undefined && !Number.isFinite(options.leak)) throw new NetworkFormatError('leak', 'must be a finite number');

  const uniform = mulberry32(seed);
  const normal = normals(uniform);
  const widths = [inputs, ...hidden, 1];
  const weights: number[][][] = [];
  const biases: number[][] = [];
  for (let l = 1; l < widths.length; l++) {
    const fanIn = widths[l - 1];
    const fanOut = widths[l];
    const weight =
      init === 'he' ? () => Math.sqrt(2 / fanIn) * normal()
      : init === 'glorot' ? () => Math.sqrt(6 / (fanIn + fanOut)) * (2 * uniform() - 1)
      : () => (2 * uniform() - 1) / Math.sqrt(fanIn);
    const bias = init === 'pytorch' ? weight : () => biasStd * normal();
    weights.push(Array.from({ length: fanOut }, () => Array.from({ length: fanIn }, weight)));
    biases.push(Array.from({ length: fanOut }, bias));
  }
  return options.leak === undefined ? { weights, biases } : { weights, biases, leak: options.leak };
}
