/**
 * createTrainer: a fully connected network of the Regions lab's layout trained by SGD, SGD with
 * momentum or Adam exactly as PyTorch does it, on flat buffers.
 */
import type { ReluNet } from '../regions/types.js';
import { NetKernel } from './kernel.js';
import { createOptimizer, resolveOptimizer } from './optimizer.js';
import { createStepper } from './stepper.js';
import type { Trainer, TrainerOptions } from './types.js';
import { checkActivation, checkL2, checkLoss, checkNetwork } from './validate.js';

/** A kernel of the network's shape holding its weights and biases. */
export function kernelFor(options: Pick<TrainerOptions, 'net' | 'activation' | 'leak'>): NetKernel {
  const flat = checkNetwork(options.net);
  // A leaky network from the Regions lab (net.leak ≠ 0) trains as leaky ReLU with its own leak
  // unless the options say otherwise.
  const netLeak = options.net.leak;
  const leaky = options.activation === undefined && netLeak !== undefined && netLeak !== 0;
  const { activation, leak } = checkActivation(leaky ? 'leaky-relu' : options.activation, options.leak ?? (leaky || options.activation === 'leaky-relu' ? netLeak : undefined));
  const kernel = new NetKernel(flat.widths, activation, leak);
  const { weightOffset, biasOffset } = kernel.layout;
  flat.weights.forEach((W, l) => {
    kernel.params.set(W, weightOffset[l]);
    kernel.params.set(flat.biases[l], biasOffset[l]);
  });
  return kernel;
}

/** The kernel's parameters as a network in the Regions lab's layout (fresh arrays). */
export function kernelNetwork(kernel: NetKernel, params: Float64Array = kernel.params): ReluNet {
  const { widths, weightOffset, biasOffset } = kernel.layout;
  const weights: number[][][] = [];
  const biases: number[][] = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    const n = widths[l + 1];
    const m = widths[l];
    weights.push(Array.from({ length: n }, (_, i) => Array.from(params.subarray(weightOffset[l] + i * m, weightOffset[l] + (i + 1) * m))));
    biases.push(Array.from(params.subarray(biasOffset[l], biasOffset[l] + n)));
  }
  return kernel.leak === 0 ? { weights, biases } : { weights, biases, leak: kernel.leak };
}

/**
 * A trainer for `net` (hidden layers with `activation`, one linear output neuron). Each
 * step(x, y) computes the mean loss over the batch — bce: (1/B) Σ max(zᵢ, 0) − zᵢyᵢ + log(1 + e^(−|zᵢ|)),
 * the loss of sigmoid(zᵢ) against labels 0/1 as torch's BCEWithLogitsLoss; mse: (1/B) Σ (zᵢ − yᵢ)² —
 * its gradient by back-propagation, and one update of torch.optim.SGD or torch.optim.Adam (see
 * createOptimizer). L2 λ enters as torch's weight_decay, g ← g + λθ, on every weight AND every
 * bias (torch decays all the parameters it is given); the loss returned and the gradient norms
 * reported leave the λ‖θ‖² term out. Deterministic: the same options and batches give the same
 * weights bit for bit. Throws TrainingSettingsError naming the field for a bad network,
 * activation, leak, loss, optimiser setting, l2, or batch (shapes, non-finite numbers, bce labels
 * other than 0/1); a divergence throws TrainingDivergedError with the step and keeps the last
 * finite weights.
 * @example createTrainer({ net, loss: 'bce', optimizer: { kind: 'adam', learningRate: 0.01 } }).step(x, y) // 0.69…
 */
export function createTrainer(options: TrainerOptions): Trainer {
  const kernel = kernelFor(options);
  const loss = checkLoss(options.loss);
  const optimizer = createOptimizer(resolveOptimizer(options.optimizer), kernel.layout.size);
  const l2 = checkL2(options.l2);
  const stepper = createStepper(kernel, { theta: kernel.params, grad: kernel.grad, sync() {}, pull() {} }, optimizer, l2, loss);
  return {
    ...stepper,
    net: () => kernelNetwork(kernel),
    gradientNorms: () => kernel.weightGradientNorms(),
  };
}
