/**
 * Fine-tuning a trained network: LoRA (W = W₀ + A·B on chosen layers, W₀ frozen) trained with the
 * same kernel and optimisers as createTrainer, and what a full fine-tune changed (ΔW per layer and
 * its singular values).
 */
import { loraParameterCount } from '../lora/parameters.js';
import { mulberry32 } from '../random.js';
import type { ReluNet } from '../regions/types.js';
import { gaussianSource } from './datasets.js';
import { TrainingSettingsError } from './errors.js';
import type { NetKernel } from './kernel.js';
import { layerSpectra, type LayerSpectrum } from './metrics.js';
import { createOptimizer, resolveOptimizer } from './optimizer.js';
import { createStepper, type Parameterisation } from './stepper.js';
import { kernelFor, kernelNetwork } from './trainer.js';
import type { Trainer, TrainerOptions } from './types.js';
import { checkL2, checkLoss } from './validate.js';

/** createLoraTrainer's options: the pretrained network and training settings, plus the adapters. */
export interface LoraTrainerOptions extends TrainerOptions {
  /** 0-based weight layers to adapt (hidden layers, then the output layer L − 1); no repeats. */
  readonly layers: readonly number[];
  /** r, from 1 to min(n_l, n_{l−1}) of every chosen layer. */
  readonly rank: number;
  /** Seed of A's Gaussian draws. */
  readonly seed: number;
}

/** One layer's adapter: W_l = W₀ + A·B with A n_l × r and B r × n_{l−1}. */
export interface LoraLayerAdapter {
  readonly layer: number;
  readonly A: number[][];
  readonly B: number[][];
}

/** A LoRA trainer: a Trainer whose net() is W₀ + A·B, with the adapters and their size. */
export interface LoraTrainer extends Trainer {
  adapters(): LoraLayerAdapter[];
  /** Σ r(n_l + n_{l−1}) over the chosen layers: the numbers LoRA trains. */
  readonly trainedParameters: number;
}

interface AdapterSlot {
  readonly layer: number;
  readonly n: number;
  readonly m: number;
  /** Offsets of A and B in θ, and of W_l in the kernel. */
  readonly a: number;
  readonly b: number;
  readonly w: number;
  readonly W0: Float64Array;
}

function checkAdapters(kernel: NetKernel, layers: readonly number[], rank: number): void {
  const { widths } = kernel.layout;
  const L = widths.length - 1;
  if (!Array.isArray(layers) || layers.length === 0) throw new TrainingSettingsError('layers', 'must list at least one layer to adapt');
  layers.forEach((l, i) => {
    if (!Number.isInteger(l) || l < 0 || l >= L) throw new TrainingSettingsError(`layers[${i}]`, `must be a whole number from 0 to ${L - 1}, not ${l}`);
    if (layers.indexOf(l) !== i) throw new TrainingSettingsError(`layers[${i}]`, `repeats layer ${l}`);
  });
  const most = Math.min(...layers.map((l) => Math.min(widths[l], widths[l + 1])));
  if (!Number.isInteger(rank) || rank < 1 || rank > most) throw new TrainingSettingsError('rank', `must be a whole number from 1 to ${most} (the smaller side of the smallest adapted W), not ${rank}`);
}

/** θ = (A_l, B_l for each adapted layer) making W_l = W₀ + A_l·B_l in the kernel. */
function loraParameterisation(kernel: NetKernel, layers: readonly number[], r: number, seed: number): { param: Parameterisation; slots: AdapterSlot[] } {
  const { widths, weightOffset } = kernel.layout;
  const slots: AdapterSlot[] = [];
  let size = 0;
  for (const layer of [...layers].sort((p, q) => p - q)) {
    const n = widths[layer + 1];
    const m = widths[layer];
    const w = weightOffset[layer];
    slots.push({ layer, n, m, a: size, b: size + n * r, w, W0: kernel.params.slice(w, w + n * m) });
    size += r * (n + m);
  }
  const theta = new Float64Array(size);
  const grad = new Float64Array(size);
  const normal = gaussianSource(mulberry32(seed));
  const std = 1 / Math.sqrt(r);
  for (const s of slots) for (let j = 0; j < s.n * r; j++) theta[s.a + j] = std * normal();
  const p = kernel.params;
  const g = kernel.grad;
  return {
    slots,
    param: {
      theta,
      grad,
      sync() {
        for (const { n, m, a, b, w, W0 } of slots) {
          for (let i = 0; i < n; i++) {
            for (let k = 0; k < m; k++) {
              let s = W0[i * m + k];
              for (let j = 0; j < r; j++) s += theta[a + i * r + j] * theta[b + j * m + k];
              p[w + i * m + k] = s;
            }
          }
        }
      },
      pull() {
        for (const { n, m, a, b, w } of slots) {
          // ∂L/∂A = G·Bᵀ, ∂L/∂B = Aᵀ·G with G = ∂L/∂W_l.
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < r; j++) {
              let s = 0;
              for (let k = 0; k < m; k++) s += g[w + i * m + k] * theta[b + j * m + k];
              grad[a + i * r + j] = s;
            }
          }
          for (let j = 0; j < r; j++) {
            for (let k = 0; k < m; k++) {
              let s = 0;
              for (let i = 0; i < n; i++) s += theta[a + i * r + j] * g[w + i * m + k];
              grad[b + j * m + k] = s;
            }
          }
        }
      },
    },
  };
}

/**
 * LoRA fine-tuning (Hu et al. 2021) of a trained network: on each chosen layer W_l = W₀ + A·B with
 * W₀ frozen, A (n_l × r) drawn N(0, 1/r) from `seed` and B (r × n_{l−1}) zero, so training starts
 * from the pretrained network exactly (A·B = 0) and only B moves at first (∂L/∂A = G·Bᵀ = 0,
 * ∂L/∂B = Aᵀ·G). Every other weight and every bias stays frozen. The optimiser (SGD, momentum or
 * Adam as in createTrainer, L2 as weight decay on A and B) updates θ = (A, B); the loss and
 * divergence handling are createTrainer's. No α/r scaling (equivalently α = r). Throws
 * TrainingSettingsError naming `layers[i]` (out of range, repeated) or `rank` (not 1 … the
 * smaller side of every adapted W), besides createTrainer's checks.
 * @example createLoraTrainer({ net, loss: 'bce', optimizer: { kind: 'adam', learningRate: 0.01 }, layers: [1], rank: 2, seed: 1 })
 */
export function createLoraTrainer(options: LoraTrainerOptions): LoraTrainer {
  const kernel = kernelFor(options);
  const loss = checkLoss(options.loss);
  const resolved = resolveOptimizer(options.optimizer);
  const l2 = checkL2(options.l2);
  checkAdapters(kernel, options.layers, options.rank);
  if (!Number.isFinite(options.seed)) throw new TrainingSettingsError('seed', `must be a finite number, not ${String(options.seed)}`);
  const r = options.rank;
  const { param, slots } = loraParameterisation(kernel, options.layers, r, options.seed);
  const stepper = createStepper(kernel, param, createOptimizer(resolved, param.theta.length), l2, loss);
  const rows = (from: number, count: number, width: number) =>
    Array.from({ length: count }, (_, i) => Array.from(param.theta.subarray(from + i * width, from + (i + 1) * width)));
  return {
    ...stepper,
    net: () => kernelNetwork(kernel),
    gradientNorms: () => kernel.weightGradientNorms(),
    adapters: () => slots.map((s) => ({ layer: s.layer, A: rows(s.a, s.n, r), B: rows(s.b, r, s.m) })),
    trainedParameters: param.theta.length,
  };
}

/** What a full fine-tune changed in one layer. */
export interface LayerDelta extends LayerSpectrum {
  /** ΔW_l = W_l(after) − W_l(before). */
  readonly delta: number[][];
  /** ‖ΔW_l‖_F. */
  readonly frobenius: number;
}

/**
 * Per layer, ΔW_l = W_l(after) − W_l(before) of two networks of the same shape and its spectrum
 * (σ₁ ≥ … , stable rank Σσᵢ²/σ₁², condition number) — a fine-tune whose ΔW has a stable rank
 * near 1 is low-rank, the observation behind LoRA. Throws TrainingSettingsError('after') when the
 * shapes differ.
 * @example weightDeltas(pretrained, fineTuned)[0].singularValues // [0.8, 0.05, …]
 */
export function weightDeltas(before: ReluNet, after: ReluNet): LayerDelta[] {
  const same = before.weights.length === after.weights.length
    && before.weights.every((W, l) => W.length === after.weights[l].length && W.every((row, i) => row.length === after.weights[l][i].length));
  if (!same) throw new TrainingSettingsError('after', 'must have the same layers and widths as before');
  const deltas = after.weights.map((W, l) => W.map((row, i) => row.map((w, k) => w - before.weights[l][i][k])));
  const spectra = layerSpectra({ weights: deltas, biases: before.biases });
  return deltas.map((delta, l) => ({ ...spectra[l], delta, frobenius: Math.hypot(...spectra[l].singularValues) }));
}

/** Parameter counts of fine-tuning a network fully or with LoRA on some layers. */
export interface FineTuneParameterCounts {
  /** Every weight and bias of the network. */
  readonly network: number;
  /** Σ n_l·n_{l−1} over the chosen layers: a full update of their weights. */
  readonly fullLayers: number;
  /** Σ r(n_l + n_{l−1}) over the chosen layers: A and B. */
  readonly lora: number;
}

/**
 * How many numbers a fine-tune trains: the whole network (Σ (n_{l−1} + 1)·n_l), the chosen
 * layers' weights (Σ n_l·n_{l−1}), and rank-r LoRA on them (Σ r(n_l + n_{l−1}), per layer the
 * LoRA lab's loraParameterCount). Layers out of range throw TrainingSettingsError('layers[i]').
 * @example fineTuneParameterCounts([2, 16, 16, 1], [1], 2) // { network: 337, fullLayers: 256, lora: 64 }
 */
export function fineTuneParameterCounts(widths: readonly number[], layers: readonly number[], rank: number): FineTuneParameterCounts {
  let network = 0;
  for (let l = 1; l < widths.length; l++) network += (widths[l - 1] + 1) * widths[l];
  let fullLayers = 0;
  let lora = 0;
  layers.forEach((l, i) => {
    if (!Number.isInteger(l) || l < 0 || l >= widths.length - 1) throw new TrainingSettingsError(`layers[${i}]`, `must be a whole number from 0 to ${widths.length - 2}, not ${l}`);
    const count = loraParameterCount(widths[l + 1], widths[l], rank);
    fullLayers += count.full;
    lora += count.lora;
  });
  return { network, fullLayers, lora };
}
