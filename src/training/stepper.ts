/**
 * One optimiser step, shared by the full trainer and the LoRA trainer: loss and gradient of the
 * effective network, the gradient carried to the trained parameters θ, the update, and the
 * divergence guard that keeps the last finite θ.
 */
import { TrainingDivergedError } from './errors.js';
import type { NetKernel } from './kernel.js';
import type { Optimizer } from './optimizer.js';
import type { TrainingLoss } from './types.js';
import { checkBatch } from './validate.js';

/**
 * How the trained parameters θ make the network's weights: for full training θ is the kernel's own
 * buffer; for LoRA θ holds the factors and `sync` forms W = W₀ + A·B.
 */
export interface Parameterisation {
  readonly theta: Float64Array;
  readonly grad: Float64Array;
  /** Writes the network's weights from θ into the kernel. */
  sync(): void;
  /** Sets `grad` = ∂L/∂θ from the kernel's gradient ∂L/∂(W, b). */
  pull(): void;
}

/** The step loop's state and its step function. */
export interface Stepper {
  step(x: readonly (readonly number[])[], y: readonly number[]): number;
  steps(): number;
  diverged(): TrainingDivergedError | undefined;
  loss(x: readonly (readonly number[])[], y: readonly number[]): number;
  predict(x: readonly (readonly number[])[]): number[];
}

/**
 * The step loop over a kernel: each step checks the batch, computes the mean loss and ∂L/∂θ,
 * updates θ with the optimiser (L2 λ as weight decay), and returns the loss before the update. A
 * non-finite loss, or an update that leaves a non-finite θ, stops training: θ is put back to its
 * value before that step, and this and every later step throws TrainingDivergedError.
 */
export function createStepper(kernel: NetKernel, param: Parameterisation, optimizer: Optimizer, l2: number, lossKind: TrainingLoss): Stepper {
  const inputs = kernel.layout.widths[0];
  const backup = new Float64Array(param.theta.length);
  let done = 0;
  let divergence: TrainingDivergedError | undefined;
  return {
    step(x, y) {
      if (divergence) throw divergence;
      checkBatch(x, y, inputs, lossKind);
      const loss = kernel.batch(x, y, lossKind, true);
      if (!Number.isFinite(loss)) throw (divergence = new TrainingDivergedError(done + 1, loss, 'loss'));
      param.pull();
      backup.set(param.theta);
      if (!optimizer.update(param.theta, param.grad, l2)) {
        param.theta.set(backup);
        param.sync();
        throw (divergence = new TrainingDivergedError(done + 1, loss, 'parameters'));
      }
      param.sync();
      done += 1;
      return loss;
    },
    steps: () => done,
    diverged: () => divergence,
    loss(x, y) {
      checkBatch(x, y, inputs, lossKind);
      return kernel.batch(x, y, lossKind, false);
    },
    predict(x) {
      checkBatch(x, undefined, inputs, undefined);
      return x.map((row) => kernel.forward(row));
    },
  };
}
