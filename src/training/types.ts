/**
 * Plain-data settings of the Training lab's trainer: the activation, the loss and the optimiser,
 * with the names and defaults of PyTorch (torch.optim.SGD, torch.optim.Adam).
 */
import type { ReluNet } from '../regions/types.js';
import type { TrainingDivergedError } from './errors.js';

/** The hidden layers' nonlinearity. Exact linear regions exist only for 'relu' and 'leaky-relu'. */
export type TrainingActivation = 'relu' | 'leaky-relu' | 'tanh' | 'gelu';

/** Every activation, in the order the UI offers them. */
export const TRAINING_ACTIVATIONS: readonly TrainingActivation[] = Object.freeze(['relu', 'leaky-relu', 'tanh', 'gelu']);

/**
 * 'bce': mean binary cross-entropy of sigmoid(f(x)) against labels 0/1 (torch's BCEWithLogitsLoss);
 * 'mse': mean of (f(x) − y)² (torch's MSELoss).
 */
export type TrainingLoss = 'bce' | 'mse';

/** Every loss, in the order the UI offers them. */
export const TRAINING_LOSSES: readonly TrainingLoss[] = Object.freeze(['bce', 'mse']);

/** 'sgd' is torch.optim.SGD without momentum, 'momentum' with it, 'adam' is torch.optim.Adam. */
export type OptimizerKind = 'sgd' | 'momentum' | 'adam';

/** Every optimiser, in the order the UI offers them. */
export const OPTIMIZER_KINDS: readonly OptimizerKind[] = Object.freeze(['sgd', 'momentum', 'adam']);

/** The optimiser and its hyper-parameters; unset ones take PyTorch's defaults (see DEFAULT_OPTIMIZER). */
export interface OptimizerSettings {
  readonly kind: OptimizerKind;
  /** lr, finite and > 0. */
  readonly learningRate: number;
  /** μ of 'momentum', in [0, 1); default 0.9. */
  readonly momentum?: number;
  /** β₁ of 'adam', in [0, 1); default 0.9. */
  readonly beta1?: number;
  /** β₂ of 'adam', in [0, 1); default 0.999. */
  readonly beta2?: number;
  /** ε of 'adam', finite and > 0; default 1e-8. */
  readonly epsilon?: number;
}

/** Defaults of the optional hyper-parameters: torch.optim.Adam's β₁, β₂, ε and the usual μ = 0.9. */
export const DEFAULT_OPTIMIZER = Object.freeze({ momentum: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });

/** What createTrainer takes. */
export interface TrainerOptions {
  /** The starting network in the Regions lab's layout: hidden layers, then one output neuron. */
  readonly net: ReluNet;
  /** Default 'relu', or 'leaky-relu' when `net.leak` is set and not 0 (a leaky Regions-lab network). */
  readonly activation?: TrainingActivation;
  /** Slope of leaky ReLU below zero; default `net.leak`, else 0.1 (Hinge's DEFAULT_LEAK). Only for 'leaky-relu'. */
  readonly leak?: number;
  readonly loss: TrainingLoss;
  readonly optimizer: OptimizerSettings;
  /** λ of L2 regularisation as torch's weight_decay (g ← g + λθ on every parameter); default 0. */
  readonly l2?: number;
}

/** A trainer: one optimiser step per call of `step`, the network as it stands from `net`. */
export interface Trainer {
  /**
   * One step on the batch (x one row per example, y one target per example): computes the mean
   * loss and its gradient, then updates the parameters. Returns the loss before the update.
   */
  step(x: readonly (readonly number[])[], y: readonly number[]): number;
  /** The current network (a copy), in the Regions lab's layout, with `leak` for the ReLU family. */
  net(): ReluNet;
  /** How many steps have updated the parameters. */
  steps(): number;
  /** Per layer (hidden layers, then the output), ‖∂L/∂W_l‖_F of the last step's batch (no L2 term). */
  gradientNorms(): number[];
  /** The mean loss on (x, y) at the current parameters, without updating anything. */
  loss(x: readonly (readonly number[])[], y: readonly number[]): number;
  /** The network's outputs f(x) (the logit for 'bce') at the current parameters. */
  predict(x: readonly (readonly number[])[]): number[];
  /** The divergence that stopped training, if it did. */
  diverged(): TrainingDivergedError | undefined;
}
