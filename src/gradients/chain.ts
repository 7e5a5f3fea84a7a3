/**
 * A deep chain of L square layers hₗ = φ(Wₗhₗ₋₁) (φ the identity or ReLU), and what happens to a
 * gradient sent back through it. Backprop multiplies by Dₗ (φ' at the layer's pre-activation, a
 * diagonal of 0s and 1s for ReLU) and by Wₗᵀ at every layer, so after L layers the gradient is
 * Jᵀg with J = D_L W_L ⋯ D₁W₁ the Jacobian of the whole chain. Its singular values say by how much
 * each direction is amplified or crushed; the per-layer norms show whether gradients vanish
 * (shrink geometrically), stay stable or explode.
 */
import { ShapeError } from '../errors.js';
import { randomSource } from '../expression/random.js';
import { CancelledError, maskedProductChain, svdFloat64 } from '../linalg/index.js';
import { initialWeight, type WeightInit } from './init.js';

/** Deepest chain the lab runs. */
export const MAX_CHAIN_DEPTH = 100;
/** Widest layer the lab runs. */
export const MAX_CHAIN_WIDTH = 256;

/** Everything that determines a chain and its gradients. */
export interface ChainConfig {
  /** L, the number of layers (1 to MAX_CHAIN_DEPTH). */
  readonly depth: number;
  /** n, the width of every layer (1 to MAX_CHAIN_WIDTH). */
  readonly width: number;
  readonly init: WeightInit;
  /** The gain multiplying every weight (see initialWeight). */
  readonly scale: number;
  /** ReLU after every layer, or none (a linear chain). */
  readonly relu: boolean;
  /** Noise level of the 'identity' initialisation. */
  readonly noise: number;
  /** Seed of the input x, the output gradient g and the weights. */
  readonly seed: number;
}

/** What running the chain measures. */
export interface ChainResult {
  /** ‖hₗ‖ for l = 0…L: how big the signal is after l layers forward (h₀ = x). */
  readonly forwardNorms: number[];
  /**
   * ‖∂L/∂h_{L−s}‖ for s = 0…L: how big the gradient is after going back through s layers
   * (s = 0 is g itself, of norm 1; s = L is the gradient with respect to the input x).
   */
  readonly gradientNorms: number[];
  /** Singular values of J = D_L W_L ⋯ D₁W₁, descending. */
  readonly jacobianSigma: number[];
  /** σ₁(J)·n·ε: singular values of J below this are rounding noise. */
  readonly jacobianTolerance: number;
  /** κ(Wₗ) = σ_max/σ_min for l = 1…L (Infinity for a singular Wₗ). */
  readonly conditions: number[];
  /** σ_max(Wₗ) and σ_min(Wₗ) for l = 1…L. */
  readonly weightSigmaMax: number[];
  readonly weightSigmaMin: number[];
  /** For ReLU: the fraction of units active (pre-activation > 0) in each layer, l = 1…L. */
  readonly activeFraction: number[];
}

/** The phases of a chain run, in order, for progress reports. */
export type ChainPhase = 'weights' | 'backprop' | 'jacobian' | 'spectrum' | 'conditions';

export interface ChainOptions {
  /** Called at every layer of every phase with the overall fraction done (non-decreasing, ending at 1). */
  readonly onProgress?: (fraction: number, phase: ChainPhase) => void;
  /** Checked at every layer; once aborted, the run throws CancelledError. */
  readonly signal?: { readonly aborted: boolean };
}

/** The state of one pass forward and back. */
export interface ChainPass {
  /** h₀ = x, h₁, …, h_L. */
  readonly activations: Float64Array[];
  /** Dₗ's diagonal for l = 1…L: 1 where φ'(zₗ) = 1, else 0 (all 1 without ReLU). */
  readonly masks: Uint8Array[];
  /** ∂L/∂hₗ for l = 0…L (index l); the last is g. */
  readonly gradients: Float64Array[];
}

/**
 * Throws RangeError unless the configuration is one the lab can run: whole depth 1…100, whole
 * width 1…256, finite non-negative scale and noise, a known initialisation.
 */
export function checkChainConfig(config: ChainConfig): void {
  const { depth, width, scale, noise, init } = config;
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_CHAIN_DEPTH) throw new RangeError(`The depth must be a whole number from 1 to ${MAX_CHAIN_DEPTH}, not ${depth}.`);
  if (!Number.isInteger(width) || width < 1 || width > MAX_CHAIN_WIDTH) throw new RangeError(`The width must be a whole number from 1 to ${MAX_CHAIN_WIDTH}, not ${width}.`);
  if (!Number.isFinite(scale) || scale < 0) throw new RangeError(`The scale must be a finite number ≥ 0, not ${scale}.`);
  if (!Number.isFinite(noise) || noise < 0) throw new RangeError(`The noise must be a finite number ≥ 0, not ${noise}.`);
  if (init !== 'gaussian' && init !== 'orthogonal' && init !== 'identity') throw new RangeError(`Unknown initialisation "${String(init)}".`);
}

/**
 * The chain's seeded draws in order: the input x (standard normal entries), the output gradient
 * g (a random unit vector) and the L weights (see initialWeight). The same config always gives
 * the same numbers.
 */
export function chainSetup(config: ChainConfig, onLayer?: (layer: number) => void): { x: Float64Array; g: Float64Array; weights: Float64Array[] } {
  checkChainConfig(config);
  const n = config.width;
  const random = randomSource(config.seed);
  const x = Float64Array.from({ length: n }, () => random.normal());
  const g = Float64Array.from({ length: n }, () => random.normal());
  const gNorm = norm(g);
  for (let i = 0; i < n; i++) g[i] = gNorm > 0 ? g[i] / gNorm : i === 0 ? 1 : 0;
  const weights: Float64Array[] = [];
  for (let l = 0; l < config.depth; l++) {
    weights.push(initialWeight(config.init, n, config.scale, random, config.noise));
    onLayer?.(l);
  }
  return { x, g, weights };
}

/**
 * One pass through the chain of square n×n weights (row-major): forward hₗ = φ(Wₗhₗ₋₁), then
 * backward ∂L/∂hₗ₋₁ = Wₗᵀ(Dₗ ∂L/∂hₗ) from ∂L/∂h_L = g. φ is ReLU (derivative taken as 0 at 0) when
 * `relu`, else the identity. Throws ShapeError when x, g or a weight does not fit n.
 */
export function backpropChain(weights: readonly Float64Array[], n: number, x: ArrayLike<number>, g: ArrayLike<number>, relu: boolean, onLayer?: () => void): ChainPass {
  if (x.length !== n || g.length !== n) throw new ShapeError(`backpropChain: x and g need ${n} entries, but have ${x.length} and ${g.length}.`);
  for (const [l, W] of weights.entries()) {
    if (W.length !== n * n) throw new ShapeError(`backpropChain: weight ${l + 1} has ${W.length} entries, not ${n}×${n}.`);
  }
  const activations = [Float64Array.from(x)];
  const masks: Uint8Array[] = [];
  for (const W of weights) {
    const h = activations[activations.length - 1];
    const z = new Float64Array(n);
    const mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) sum += W[row + j] * h[j];
      const active = !relu || sum > 0;
      mask[i] = active ? 1 : 0;
      z[i] = active ? sum : 0;
    }
    activations.push(z);
    masks.push(mask);
    onLayer?.();
  }
  const gradients = new Array<Float64Array>(weights.length + 1);
  gradients[weights.length] = Float64Array.from(g);
  for (let l = weights.length; l >= 1; l--) {
    const W = weights[l - 1];
    const mask = masks[l - 1];
    const upstream = gradients[l];
    const down = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue;
      const gi = upstream[i];
      if (gi === 0) continue;
      const row = i * n;
      for (let j = 0; j < n; j++) down[j] += W[row + j] * gi;
    }
    gradients[l - 1] = down;
    onLayer?.();
  }
  return { activations, masks, gradients };
}

/**
 * The Jacobian of the whole chain, J = D_L W_L ⋯ D₁W₁ (n×n, row-major), formed explicitly from the
 * weights and the ReLU masks of a pass. `onLayer` runs after each of the L products (n³ each).
 * The products run in the WebAssembly GEMM when it is available (maskedProductChain), else here.
 */
export function jacobianProduct(weights: readonly Float64Array[], masks: readonly Uint8Array[], n: number, onLayer?: () => void): Float64Array {
  const fast = maskedProductChain(weights, masks, n, onLayer);
  if (fast !== null) return fast;
  let J = new Float64Array(n * n);
  for (let i = 0; i < n; i++) J[i * n + i] = 1;
  for (let l = 0; l < weights.length; l++) {
    const W = weights[l];
    const mask = masks[l];
    const next = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue;
      const out = i * n;
      for (let j = 0; j < n; j++) {
        const w = W[i * n + j];
        if (w === 0) continue;
        const from = j * n;
        for (let k = 0; k < n; k++) next[out + k] += w * J[from + k];
      }
    }
    J = next;
    onLayer?.();
  }
  return J;
}

/**
 * Runs the chain described by `config`: draws x, g and the weights, passes forward and back, forms
 * J = D_L W_L ⋯ D₁W₁ and its singular values (the SVD kernel), and the condition number of every
 * weight. Costs about L·n³·(2 + SVD) flops — seconds for L = 100, n = 256, so the lab runs big
 * chains in a worker. Reports progress through `options.onProgress`; throws CancelledError once
 * `options.signal` is aborted, RangeError for a bad config.
 * @example runChain({ depth: 10, width: 8, init: 'orthogonal', scale: 1, relu: false, noise: 0, seed: 1 }).gradientNorms // all 1
 */
export function runChain(config: ChainConfig, options: ChainOptions = {}): ChainResult {
  checkChainConfig(config);
  const { depth: L, width: n } = config;
  const progress = new ChainProgress(config, options);
  progress.enter('weights');
  const { x, g, weights } = chainSetup(config, (l) => progress.step(l + 1, L));
  progress.enter('backprop');
  let passed = 0;
  const pass = backpropChain(weights, n, x, g, config.relu, () => progress.step(++passed, 2 * L));
  progress.enter('jacobian');
  let multiplied = 0;
  const J = jacobianProduct(weights, pass.masks, n, () => progress.step(++multiplied, L));
  progress.enter('spectrum');
  const jacobianSigma = Array.from(svdFloat64(J, n, n, false, { signal: options.signal }).S);
  progress.enter('conditions');
  const weightSigmaMax: number[] = [];
  const weightSigmaMin: number[] = [];
  const conditions: number[] = [];
  for (let l = 0; l < L; l++) {
    const S = svdFloat64(weights[l], n, n, false, { signal: options.signal }).S;
    const max = S[0];
    const min = S[n - 1];
    weightSigmaMax.push(max);
    weightSigmaMin.push(min);
    conditions.push(max === 0 ? Infinity : min === 0 ? Infinity : max / min);
    progress.step(l + 1, L);
  }
  progress.finish();
  const forwardNorms = pass.activations.map(norm);
  const gradientNorms = pass.gradients.map(norm).reverse();
  const activeFraction = pass.masks.map((m) => m.reduce((s, v) => s + v, 0) / n);
  return {
    forwardNorms,
    gradientNorms,
    jacobianSigma,
    jacobianTolerance: (jacobianSigma[0] ?? 0) * n * Number.EPSILON,
    conditions,
    weightSigmaMax,
    weightSigmaMin,
    activeFraction,
  };
}

/** Roughly how many flops a run costs; the lab sends runs above a threshold to a worker. */
export function chainCost(config: Pick<ChainConfig, 'depth' | 'width' | 'init'>): number {
  const { depth: L, width: n } = config;
  const init = config.init === 'orthogonal' ? (8 / 3) * n ** 3 : n * n;
  return L * (init + 2 * n ** 3 + 6 * n ** 3) + 6 * n ** 3;
}

/** The Euclidean norm, scaled so that huge or tiny entries neither overflow nor vanish. */
export function norm(v: ArrayLike<number>): number {
  let scale = 0;
  let ssq = 1;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]);
    if (a === 0) continue;
    if (scale < a) {
      ssq = 1 + ssq * (scale / a) ** 2;
      scale = a;
    } else ssq += (a / scale) ** 2;
  }
  return scale * Math.sqrt(ssq);
}

const PHASES: readonly ChainPhase[] = ['weights', 'backprop', 'jacobian', 'spectrum', 'conditions'];

/** Turns per-layer checkpoints of each phase into an overall fraction, weighted by each phase's cost. */
class ChainProgress {
  readonly #weights: Record<ChainPhase, number>;
  readonly #total: number;
  #phase: ChainPhase = 'weights';
  #base = 0;
  #last = 0;

  constructor(config: ChainConfig, private readonly options: ChainOptions) {
    const { depth: L, width: n } = config;
    const cube = n ** 3;
    this.#weights = {
      weights: L * (config.init === 'orthogonal' ? (8 / 3) * cube : n * n),
      backprop: 4 * L * n * n,
      jacobian: 2 * L * cube,
      spectrum: 6 * cube,
      conditions: 6 * L * cube,
    };
    this.#total = PHASES.reduce((s, p) => s + this.#weights[p], 0);
  }

  enter(phase: ChainPhase): void {
    this.#base = PHASES.slice(0, PHASES.indexOf(phase)).reduce((s, p) => s + this.#weights[p], 0) / this.#total;
    this.#phase = phase;
    this.#report(this.#base);
  }

  step(done: number, of: number): void {
    this.#report(this.#base + (done / of) * (this.#weights[this.#phase] / this.#total));
  }

  finish(): void {
    this.#last = 1;
    this.options.onProgress?.(1, 'conditions');
  }

  #report(fraction: number): void {
    if (this.options.signal?.aborted) throw new CancelledError(`The chain was cancelled during the ${this.#phase} phase.`);
    const f = Math.min(Math.max(fraction, this.#last), 0.999);
    this.#last = f;
    this.options.onProgress?.(f, this.#phase);
  }
}
