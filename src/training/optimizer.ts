/**
 * The update rules of torch.optim.SGD (with and without momentum) and torch.optim.Adam, applied in
 * place to a flat parameter buffer, with L2 regularisation as torch's weight_decay.
 */
import { TrainingSettingsError } from './errors.js';
import { DEFAULT_OPTIMIZER, OPTIMIZER_KINDS, type OptimizerSettings } from './types.js';

/** An optimiser bound to a parameter buffer of fixed size, holding its state (v, or m and v). */
export interface Optimizer {
  /**
   * Updates θ in place from the gradient g, with g ← g + λθ first when l2 = λ > 0; returns whether
   * every updated θᵢ is finite (checked in the same pass: Σ θᵢ·0 is 0 only when all are).
   */
  update(theta: Float64Array, grad: Float64Array, l2: number): boolean;
}

/** The settings with every default filled in, checked. */
export interface ResolvedOptimizer {
  readonly kind: OptimizerSettings['kind'];
  readonly learningRate: number;
  readonly momentum: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

function inUnitInterval(field: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0 && value < 1)) throw new TrainingSettingsError(field, `must be a number in [0, 1), not ${String(value)}`);
}

/**
 * Checks optimiser settings and fills in the defaults (μ 0.9, β₁ 0.9, β₂ 0.999, ε 1e-8). Throws
 * TrainingSettingsError naming the field: `optimizer.kind` unknown, `optimizer.learningRate` not
 * finite or ≤ 0, `optimizer.momentum`/`beta1`/`beta2` outside [0, 1), `optimizer.epsilon` not
 * finite or ≤ 0.
 * @example resolveOptimizer({ kind: 'adam', learningRate: 0.01 }).beta2 // 0.999
 */
export function resolveOptimizer(settings: OptimizerSettings): ResolvedOptimizer {
  if (settings === null || typeof settings !== 'object') throw new TrainingSettingsError('optimizer', 'must be an object with kind and learningRate');
  if (!OPTIMIZER_KINDS.includes(settings.kind)) throw new TrainingSettingsError('optimizer.kind', `must be one of ${OPTIMIZER_KINDS.join(', ')}, not ${String(settings.kind)}`);
  const lr = settings.learningRate;
  if (!(typeof lr === 'number' && Number.isFinite(lr) && lr > 0)) throw new TrainingSettingsError('optimizer.learningRate', `must be a finite number > 0, not ${String(lr)}`);
  const resolved = { ...DEFAULT_OPTIMIZER, ...settings };
  inUnitInterval('optimizer.momentum', resolved.momentum);
  inUnitInterval('optimizer.beta1', resolved.beta1);
  inUnitInterval('optimizer.beta2', resolved.beta2);
  if (!(Number.isFinite(resolved.epsilon) && resolved.epsilon > 0)) throw new TrainingSettingsError('optimizer.epsilon', `must be a finite number > 0, not ${String(resolved.epsilon)}`);
  return { kind: resolved.kind, learningRate: lr, momentum: resolved.momentum, beta1: resolved.beta1, beta2: resolved.beta2, epsilon: resolved.epsilon };
}

/**
 * An optimiser for `size` parameters. With g ← g + λθ (weight decay) first:
 * sgd: θ ← θ − lr·g;
 * momentum (torch.optim.SGD, dampening 0, not Nesterov): v ← μv + g (v = g on the first step, as
 * torch clones the gradient), θ ← θ − lr·v;
 * adam (torch.optim.Adam, not AMSGrad): m ← m + (1 − β₁)(g − m) (torch's lerp), v ← β₂v + (1 − β₂)g²,
 * θ ← θ − (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε), ε added after the square root.
 */
export function createOptimizer(settings: ResolvedOptimizer, size: number): Optimizer {
  const { learningRate: lr } = settings;
  if (settings.kind === 'sgd') {
    return {
      update(theta, grad, l2) {
        let check = 0;
        for (let i = 0; i < size; i++) {
          const t = theta[i] - lr * (grad[i] + l2 * theta[i]);
          theta[i] = t;
          check += t * 0;
        }
        return check === 0;
      },
    };
  }
  if (settings.kind === 'momentum') {
    const v = new Float64Array(size);
    const mu = settings.momentum;
    let first = true;
    return {
      update(theta, grad, l2) {
        let check = 0;
        for (let i = 0; i < size; i++) {
          const g = grad[i] + l2 * theta[i];
          const vi = first ? g : mu * v[i] + g;
          v[i] = vi;
          const t = theta[i] - lr * vi;
          theta[i] = t;
          check += t * 0;
        }
        first = false;
        return check === 0;
      },
    };
  }
  const { beta1, beta2, epsilon } = settings;
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const w = 1 - beta1;
  // torch's lerp(m, g, w) is m + w(g − m) for w < ½ and g − (1 − w)(g − m) otherwise.
  const lerpFromEnd = w >= 0.5;
  let t = 0;
  return {
    update(theta, grad, l2) {
      t += 1;
      const stepSize = lr / (1 - Math.pow(beta1, t));
      const correction2 = Math.sqrt(1 - Math.pow(beta2, t));
      let check = 0;
      for (let i = 0; i < size; i++) {
        const g = grad[i] + l2 * theta[i];
        const mOld = m[i];
        const mi = lerpFromEnd ? g - (g - mOld) * (1 - w) : mOld + w * (g - mOld);
        const vi = beta2 * v[i] + (1 - beta2) * (g * g);
        m[i] = mi;
        v[i] = vi;
        const next = theta[i] - stepSize * (mi / (Math.sqrt(vi) / correction2 + epsilon));
        theta[i] = next;
        check += next * 0;
      }
      return check === 0;
    },
  };
}
