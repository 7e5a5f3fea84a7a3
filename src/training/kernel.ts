/**
 * The trainer's arithmetic on flat buffers: one Float64Array for every weight and bias, one for
 * their gradient, one each for the pre-activations, activations and back-propagated errors of all
 * neurons. A batch is processed example by example, accumulating the gradient, so nothing is
 * allocated per step.
 */
import { normalCdf } from '../layer/erf.js';
import { tanhInto } from './tanh.js';
import type { TrainingActivation, TrainingLoss } from './types.js';

const RELU = 0;
const LEAKY = 1;
const TANH = 2;
const GELU = 3;
const CODES: Readonly<Record<TrainingActivation, number>> = { relu: RELU, 'leaky-relu': LEAKY, tanh: TANH, gelu: GELU };
const INV_SQRT_2PI = 0.3989422804014327;

/** a[j] = σ(z[j]) for j in [from, to); (leaky) ReLU is z for z > 0, leak·z otherwise (as the Regions lab). */
function activateLayer(code: number, leak: number, z: Float64Array, a: Float64Array, from: number, to: number): void {
  if (code === TANH) tanhInto(z, a, from, to);
  else if (code === RELU) for (let j = from; j < to; j++) a[j] = z[j] > 0 ? z[j] : 0;
  else if (code === LEAKY) for (let j = from; j < to; j++) a[j] = z[j] > 0 ? z[j] : leak * z[j];
  else for (let j = from; j < to; j++) a[j] = z[j] * normalCdf(z[j]);
}

/**
 * δ[j] ← δ[j]·σ′(z[j]) for j in [from, to), given a = σ(z): the subgradient at z = 0 is 0 (leak
 * for leaky ReLU), as torch's backward takes it; GELU′(z) = Φ(z) + z·φ(z); tanh′ = 1 − a².
 */
function scaleByDerivative(code: number, leak: number, z: Float64Array, a: Float64Array, delta: Float64Array, from: number, to: number): void {
  if (code === TANH) for (let j = from; j < to; j++) delta[j] *= 1 - a[j] * a[j];
  else if (code === RELU) for (let j = from; j < to; j++) delta[j] = z[j] > 0 ? delta[j] : 0;
  else if (code === LEAKY) for (let j = from; j < to; j++) delta[j] = z[j] > 0 ? delta[j] : delta[j] * leak;
  else for (let j = from; j < to; j++) delta[j] *= normalCdf(z[j]) + z[j] * INV_SQRT_2PI * Math.exp(-0.5 * z[j] * z[j]);
}

/**
 * The per-example loss ℓ(z, y) of the output z (the logit for 'bce'), returned, and ∂ℓ/∂z, written
 * to terms[slot]. bce: ℓ = max(z, 0) − z·y + log(1 + e^(−|z|)), the log-sum-exp form of
 * −y·log σ(z) − (1 − y)·log(1 − σ(z)) that never overflows, and ∂ℓ/∂z = σ(z) − y with
 * σ(z) = 1/(1 + e^(−z)) for z ≥ 0 and e^z/(1 + e^z) below (one e^(−|z|) serves both);
 * mse: ℓ = (z − y)², ∂ℓ/∂z = 2(z − y).
 */
function lossTerms(isMse: boolean, z: number, y: number, terms: Float64Array, slot: number): number {
  if (isMse) {
    terms[slot] = 2 * (z - y);
    return (z - y) * (z - y);
  }
  const e = Math.exp(-Math.abs(z));
  terms[slot] = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - y;
  return Math.max(z, 0) - z * y + Math.log1p(e);
}

/** Where each layer's numbers sit in the flat buffers. */
export interface KernelLayout {
  /** [inputs, n₁, …, n_L = 1]. */
  readonly widths: readonly number[];
  /** Offset of W_l (row-major, n_l × n_{l−1}) in the parameter buffer. */
  readonly weightOffset: Int32Array;
  /** Offset of b_l in the parameter buffer (right after W_l). */
  readonly biasOffset: Int32Array;
  /** Offset of layer l's first neuron in the per-neuron buffers. */
  readonly unitOffset: Int32Array;
  /** Total number of parameters. */
  readonly size: number;
  /** Total number of neurons (hidden and output). */
  readonly units: number;
}

/** The layout of a network of the given widths: per layer W_l then b_l, layer after layer. */
export function kernelLayout(widths: readonly number[]): KernelLayout {
  const L = widths.length - 1;
  const weightOffset = new Int32Array(L);
  const biasOffset = new Int32Array(L);
  const unitOffset = new Int32Array(L);
  let size = 0;
  let units = 0;
  for (let l = 0; l < L; l++) {
    weightOffset[l] = size;
    size += widths[l + 1] * widths[l];
    biasOffset[l] = size;
    size += widths[l + 1];
    unitOffset[l] = units;
    units += widths[l + 1];
  }
  return { widths: [...widths], weightOffset, biasOffset, unitOffset, size, units };
}

/**
 * A network's parameters and scratch buffers with the forward and backward passes over them.
 * `params` and `grad` are public: optimisers update them in place.
 */
export class NetKernel {
  readonly layout: KernelLayout;
  readonly params: Float64Array;
  readonly grad: Float64Array;
  private readonly code: number;
  readonly leak: number;
  private readonly z: Float64Array;
  private readonly a: Float64Array;
  private readonly delta: Float64Array;
  /** ∂ℓ/∂z of the examples in flight (lossTerms writes them). */
  private readonly terms = new Float64Array(2);

  constructor(widths: readonly number[], activation: TrainingActivation, leak: number) {
    this.layout = kernelLayout(widths);
    this.params = new Float64Array(this.layout.size);
    this.grad = new Float64Array(this.layout.size);
    // Two lanes: examples are run in pairs, sharing every load of a weight and keeping two
    // independent chains of additions in flight (about 1.4× the speed of one at a time).
    this.z = new Float64Array(2 * this.layout.units);
    this.a = new Float64Array(2 * this.layout.units);
    this.delta = new Float64Array(2 * this.layout.units);
    this.code = CODES[activation];
    this.leak = activation === 'leaky-relu' ? leak : 0;
  }

  /** Runs one example through the network, keeping every z and a; returns the output. */
  forward(x: readonly number[]): number {
    const { widths, weightOffset, biasOffset, unitOffset } = this.layout;
    const { params: p, z, a, code, leak } = this;
    const L = widths.length - 1;
    for (let l = 0; l < L; l++) {
      const n = widths[l + 1];
      const m = widths[l];
      const w = weightOffset[l];
      const b = biasOffset[l];
      const o = unitOffset[l];
      const prev = l === 0 ? 0 : unitOffset[l - 1];
      for (let i = 0; i < n; i++) {
        let s = p[b + i];
        const row = w + i * m;
        if (l === 0) for (let k = 0; k < m; k++) s += p[row + k] * x[k];
        else for (let k = 0; k < m; k++) s += p[row + k] * a[prev + k];
        z[o + i] = s;
      }
      if (l < L - 1) activateLayer(code, leak, z, a, o, o + n);
      else a[o] = z[o];
    }
    return z[unitOffset[L - 1]];
  }

  /**
   * Adds to `grad` the gradient of dOut·f at the example x last run through `forward`: the output
   * error dOut is carried back layer by layer, δ_{l−1} = (W_lᵀ δ_l) ⊙ σ′(z_{l−1}), and every layer
   * gains ∂/∂W_l = δ_l a_{l−1}ᵀ, ∂/∂b_l = δ_l.
   */
  backward(x: readonly number[], dOut: number): void {
    const { widths, weightOffset, biasOffset, unitOffset } = this.layout;
    const { params: p, grad: g, z, a, delta, code, leak } = this;
    const L = widths.length - 1;
    delta[unitOffset[L - 1]] = dOut;
    for (let l = L - 1; l >= 0; l--) {
      const n = widths[l + 1];
      const m = widths[l];
      const w = weightOffset[l];
      const b = biasOffset[l];
      const o = unitOffset[l];
      if (l === 0) {
        for (let i = 0; i < n; i++) {
          const d = delta[o + i];
          g[b + i] += d;
          const row = w + i * m;
          for (let k = 0; k < m; k++) g[row + k] += d * x[k];
        }
        continue;
      }
      const prev = unitOffset[l - 1];
      for (let k = 0; k < m; k++) delta[prev + k] = 0;
      for (let i = 0; i < n; i++) {
        const d = delta[o + i];
        g[b + i] += d;
        const row = w + i * m;
        for (let k = 0; k < m; k++) {
          g[row + k] += d * a[prev + k];
          delta[prev + k] += p[row + k] * d;
        }
      }
      scaleByDerivative(code, leak, z, a, delta, prev, prev + m);
    }
  }

  /** Runs two examples at once: x0 in lane 0 (offset 0), x1 in lane 1 (offset `units`). */
  forwardPair(x0: readonly number[], x1: readonly number[]): void {
    const { widths, weightOffset, biasOffset, unitOffset, units: U } = this.layout;
    const { params: p, z, a, code, leak } = this;
    const L = widths.length - 1;
    for (let l = 0; l < L; l++) {
      const n = widths[l + 1];
      const m = widths[l];
      const w = weightOffset[l];
      const b = biasOffset[l];
      const o = unitOffset[l];
      const prev = l === 0 ? 0 : unitOffset[l - 1];
      for (let i = 0; i < n; i++) {
        let s0 = p[b + i];
        let s1 = s0;
        const row = w + i * m;
        if (l === 0) {
          for (let k = 0; k < m; k++) {
            const wk = p[row + k];
            s0 += wk * x0[k];
            s1 += wk * x1[k];
          }
        } else {
          for (let k = 0; k < m; k++) {
            const wk = p[row + k];
            s0 += wk * a[prev + k];
            s1 += wk * a[U + prev + k];
          }
        }
        z[o + i] = s0;
        z[U + o + i] = s1;
      }
      if (l < L - 1) {
        activateLayer(code, leak, z, a, o, o + n);
        activateLayer(code, leak, z, a, U + o, U + o + n);
      } else {
        a[o] = z[o];
        a[U + o] = z[U + o];
      }
    }
  }

  /** backward for the pair last run through forwardPair, with output errors d0 and d1. */
  backwardPair(x0: readonly number[], x1: readonly number[], d0: number, d1: number): void {
    const { widths, weightOffset, biasOffset, unitOffset, units: U } = this.layout;
    const { params: p, grad: g, z, a, delta, code, leak } = this;
    const L = widths.length - 1;
    delta[unitOffset[L - 1]] = d0;
    delta[U + unitOffset[L - 1]] = d1;
    for (let l = L - 1; l >= 0; l--) {
      const n = widths[l + 1];
      const m = widths[l];
      const w = weightOffset[l];
      const b = biasOffset[l];
      const o = unitOffset[l];
      if (l === 0) {
        for (let i = 0; i < n; i++) {
          const e0 = delta[o + i];
          const e1 = delta[U + o + i];
          g[b + i] += e0 + e1;
          const row = w + i * m;
          for (let k = 0; k < m; k++) g[row + k] += e0 * x0[k] + e1 * x1[k];
        }
        continue;
      }
      const prev = unitOffset[l - 1];
      for (let i = 0; i < n; i++) g[b + i] += delta[o + i] + delta[U + o + i];
      // Column by column: δ_{l−1}[k] = Σᵢ W[i][k]·δ_l[i] summed in registers (i ascending, the
      // order of a row-by-row loop), and W's gradient gains δ_l[i]·a_{l−1}[k] as it goes.
      for (let k = 0; k < m; k++) {
        const a0 = a[prev + k];
        const a1 = a[U + prev + k];
        let s0 = 0;
        let s1 = 0;
        for (let i = 0, at = w + k; i < n; i++, at += m) {
          const e0 = delta[o + i];
          const e1 = delta[U + o + i];
          g[at] += e0 * a0 + e1 * a1;
          s0 += p[at] * e0;
          s1 += p[at] * e1;
        }
        delta[prev + k] = s0;
        delta[U + prev + k] = s1;
      }
      scaleByDerivative(code, leak, z, a, delta, prev, prev + m);
      scaleByDerivative(code, leak, z, a, delta, U + prev, U + prev + m);
    }
  }

  /**
   * The mean loss (1/B) Σ ℓ(f(xᵢ), yᵢ) over the batch; with `withGradient` also sets `grad` to its
   * gradient, Σᵢ (1/B)·∂ℓ(f(xᵢ), yᵢ)/∂θ, examples taken in pairs (a fixed order, so the sums are
   * the same on every run).
   */
  batch(x: readonly (readonly number[])[], y: readonly number[], loss: TrainingLoss, withGradient: boolean): number {
    const B = x.length;
    const isMse = loss === 'mse';
    const U = this.layout.units;
    const out = this.layout.unitOffset[this.layout.widths.length - 2];
    if (withGradient) this.grad.fill(0);
    const terms = this.terms;
    let sum = 0;
    let e = 0;
    for (; e + 1 < B; e += 2) {
      this.forwardPair(x[e], x[e + 1]);
      sum += lossTerms(isMse, this.z[out], y[e], terms, 0);
      sum += lossTerms(isMse, this.z[U + out], y[e + 1], terms, 1);
      if (withGradient) this.backwardPair(x[e], x[e + 1], terms[0] / B, terms[1] / B);
    }
    if (e < B) {
      sum += lossTerms(isMse, this.forward(x[e]), y[e], terms, 0);
      if (withGradient) this.backward(x[e], terms[0] / B);
    }
    return sum / B;
  }

  /** ‖∂L/∂W_l‖_F of each layer from the current `grad` (biases left out). */
  weightGradientNorms(): number[] {
    const { widths, weightOffset } = this.layout;
    const norms: number[] = [];
    for (let l = 0; l + 1 < widths.length; l++) {
      let s = 0;
      const end = weightOffset[l] + widths[l + 1] * widths[l];
      for (let j = weightOffset[l]; j < end; j++) s += this.grad[j] * this.grad[j];
      norms.push(Math.sqrt(s));
    }
    return norms;
  }
}
