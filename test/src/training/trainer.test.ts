// createTrainer: refusals name their field; two runs are bit-identical; divergence stops at the
// step where the loss stopped being finite and keeps the weights of the step before.
import { describe, expect, it } from 'vitest';
import { initNetwork } from '../../../src/regions/init.js';
import { TrainingDivergedError, TrainingSettingsError, createTrainer, makeDataset, type TrainerOptions } from '../../../src/training/index.js';

const net = initNetwork({ inputs: 2, hidden: [4, 3], init: 'he', seed: 3 });
const base: TrainerOptions = { net, activation: 'relu', loss: 'bce', optimizer: { kind: 'adam', learningRate: 0.01 } };
const x = [[0.1, 0.2], [-0.5, 0.4], [0.9, -0.3]];
const y = [1, 0, 1];

function refusal(f: () => unknown): TrainingSettingsError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(TrainingSettingsError);
    return error as TrainingSettingsError;
  }
  throw new Error('expected a TrainingSettingsError');
}

describe('createTrainer refuses bad settings, naming the field', () => {
  it.each([0, -0.1, NaN, Infinity, -Infinity])('learning rate %s', (learningRate) => {
    expect(refusal(() => createTrainer({ ...base, optimizer: { kind: 'sgd', learningRate } })).field).toBe('optimizer.learningRate');
  });

  it.each([
    [{ optimizer: { kind: 'momentum', learningRate: 0.1, momentum: 1 } }, 'optimizer.momentum'],
    [{ optimizer: { kind: 'adam', learningRate: 0.1, beta1: -0.1 } }, 'optimizer.beta1'],
    [{ optimizer: { kind: 'adam', learningRate: 0.1, beta2: 1 } }, 'optimizer.beta2'],
    [{ optimizer: { kind: 'adam', learningRate: 0.1, epsilon: 0 } }, 'optimizer.epsilon'],
    [{ optimizer: { kind: 'rmsprop', learningRate: 0.1 } }, 'optimizer.kind'],
    [{ loss: 'hinge' }, 'loss'],
    [{ activation: 'sigmoid' }, 'activation'],
    [{ activation: 'leaky-relu', leak: NaN }, 'leak'],
    [{ l2: -1 }, 'l2'],
    [{ net: { weights: [[[1, 2]], [[1], [2]]], biases: [[0], [0, 0]] } }, 'net.weights[1]'],
    [{ net: { weights: [[[1, 2]], [[1, 2]]], biases: [[0], [0]] } }, 'net.weights[1][0]'],
    [{ net: { weights: [[[1, 2, 3, 4]], [[1]]], biases: [[0], [0]] } }, 'net.weights[0][0]'],
    [{ net: { weights: [[[1, NaN]], [[1]]], biases: [[0], [0]] } }, 'net.weights[0][0][1]'],
    [{ net: { weights: [[[1, 2]], [[1]]], biases: [[0]] } }, 'net.biases'],
  ] as const)('%o → %s', (patch, field) => {
    expect(refusal(() => createTrainer({ ...base, ...(patch as object) } as TrainerOptions)).field).toBe(field);
  });

  it('refuses batches of the wrong shape and bce labels outside {0, 1}', () => {
    const t = createTrainer(base);
    expect(refusal(() => t.step([], [])).field).toBe('x');
    expect(refusal(() => t.step(x, [1, 0])).field).toBe('y');
    expect(refusal(() => t.step([[0.1, 0.2], [0.3]], [1, 0])).field).toBe('x[1]');
    expect(refusal(() => t.step([[0.1, 0.2, 0.3]], [1])).field).toBe('x[0]');
    expect(refusal(() => t.step([[0.1, NaN]], [1])).field).toBe('x[0][1]');
    expect(refusal(() => t.step(x, [1, 0.5, 0])).field).toBe('y[1]');
    expect(refusal(() => t.step(x, [1, 0, 2])).field).toBe('y[2]');
    expect(refusal(() => t.step(x, [1, 0, -1])).field).toBe('y[2]');
    expect(refusal(() => t.step(x, [1, 0, Infinity])).field).toBe('y[2]');
    expect(refusal(() => t.predict([[1]])).field).toBe('x[0]');
    // Nothing was changed by the refused steps.
    expect(t.steps()).toBe(0);
    expect(t.net()).toEqual({ weights: net.weights, biases: net.biases });
    // mse takes any finite target.
    expect(Number.isFinite(createTrainer({ ...base, loss: 'mse' }).step(x, [0.5, -2, 3]))).toBe(true);
  });
});

describe('createTrainer', () => {
  it('is deterministic: two runs give the same losses and weights bit for bit', () => {
    const data = makeDataset({ kind: 'circle', points: 200, noise: 0.05, trainFraction: 0.5, seed: 4 }).train;
    const run = () => {
      const t = createTrainer({ ...base, activation: 'gelu', l2: 1e-3 });
      const losses: number[] = [];
      for (let s = 0; s < 60; s++) losses.push(t.step(data.x.slice((s * 10) % 100, ((s * 10) % 100) + 10), data.y.slice((s * 10) % 100, ((s * 10) % 100) + 10)));
      return { losses, weights: t.net() };
    };
    const a = run();
    const b = run();
    expect(a.losses.map((v) => Object.is(v, v))).toEqual(a.losses.map(() => true));
    a.losses.forEach((v, i) => expect(Object.is(v, b.losses[i])).toBe(true));
    expect(b.weights).toStrictEqual(a.weights);
    expect(a.losses[59]).toBeLessThan(a.losses[0]);
  });

  it('returns the loss before the update and keeps the input network untouched', () => {
    const t = createTrainer(base);
    const before = t.loss(x, y);
    expect(t.step(x, y)).toBe(before);
    expect(t.loss(x, y)).toBeLessThan(before);
    expect(net.weights[0][0]).toEqual(initNetwork({ inputs: 2, hidden: [4, 3], init: 'he', seed: 3 }).weights[0][0]);
  });

  it('gives the regions-lab layout with the leak of leaky ReLU', () => {
    const t = createTrainer({ ...base, activation: 'leaky-relu', leak: 0.2 });
    expect(t.net().leak).toBe(0.2);
    expect(createTrainer(base).net().leak).toBeUndefined();
    expect(createTrainer({ ...base, activation: 'tanh', leak: 0.2 }).net().leak).toBeUndefined();
    // A leaky network from the Regions lab keeps training as leaky ReLU with its own leak.
    const leakyNet = { ...net, leak: 0.3 };
    expect(createTrainer({ ...base, activation: undefined, net: leakyNet }).net().leak).toBe(0.3);
    expect(createTrainer({ ...base, activation: 'leaky-relu', net: leakyNet }).net().leak).toBe(0.3);
    expect(createTrainer({ ...base, activation: 'relu', net: leakyNet }).net().leak).toBeUndefined();
  });

  it('stops when the loss stops being finite, says at which step, and keeps the last finite weights', () => {
    // SGD on mse with an absurd learning rate: each step multiplies the error, and the loss overflows.
    const options: TrainerOptions = { ...base, loss: 'mse', optimizer: { kind: 'sgd', learningRate: 50 } };
    const t = createTrainer(options);
    const targets = [3, -2, 5];
    let error: unknown;
    const losses: number[] = [];
    for (let s = 0; s < 1000 && !error; s++) {
      try {
        losses.push(t.step(x, targets));
      } catch (e) {
        error = e;
      }
    }
    expect(error).toBeInstanceOf(TrainingDivergedError);
    const diverged = error as TrainingDivergedError;
    expect(diverged.step).toBe(losses.length + 1);
    expect(diverged.message).toContain(`step ${diverged.step}`);
    expect(t.diverged()).toBe(diverged);
    expect(t.steps()).toBe(losses.length);
    const kept = t.net();
    expect([...kept.weights.flat(2), ...kept.biases.flat()].every(Number.isFinite)).toBe(true);
    // The same run stopped one step short has exactly these weights.
    const again = createTrainer(options);
    for (let s = 0; s < losses.length; s++) again.step(x, targets);
    expect(again.net()).toStrictEqual(kept);
    // Further steps are refused with the same error, and change nothing.
    expect(() => t.step(x, targets)).toThrow(diverged);
    expect(t.net()).toStrictEqual(kept);
  });

  it('bce stays finite for huge logits (log-sum-exp form)', () => {
    const big = { weights: [[[1000, 0]], [[1000]]], biases: [[0], [0]] };
    const t = createTrainer({ net: big, loss: 'bce', optimizer: { kind: 'sgd', learningRate: 1e-9 } });
    // z = 10⁶ at x = (1, 0): label 1 costs ~0 and label 0 costs z itself, both finite.
    expect(t.loss([[1, 0]], [1])).toBe(0);
    expect(t.loss([[1, 0]], [0])).toBe(1e6);
  });
});
