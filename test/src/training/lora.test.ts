// LoRA fine-tuning: starts from the pretrained network exactly, changes only the adapted layers,
// by a ΔW of rank ≤ r, with the gradient of A and B equal to finite differences through
// W = W₀ + A·B; full fine-tune ΔW spectra and parameter counts; depth-vs-width pairs.
import { describe, expect, it } from 'vitest';
import { singularValues } from '../../../src/linalg/svd.js';
import {
  TrainingSettingsError, createLoraTrainer, createTrainer, depthWidthPair, fineTuneParameterCounts, initTrainingNetwork,
  makeDataset, parameterCount, weightDeltas, type LoraTrainerOptions,
} from '../../../src/training/index.js';

const pretrained = initTrainingNetwork({ inputs: 2, hidden: [6, 5], init: 'he', seed: 7 });
const data = makeDataset({ kind: 'xor', points: 60, noise: 0, trainFraction: 0.5, seed: 3 }).train;
const options: LoraTrainerOptions = {
  net: pretrained, activation: 'tanh', loss: 'bce', optimizer: { kind: 'adam', learningRate: 0.02 }, layers: [1], rank: 2, seed: 11,
};

describe('createLoraTrainer', () => {
  it('starts at the pretrained network, B = 0, A random, and counts its parameters', () => {
    const t = createLoraTrainer(options);
    expect(t.net()).toStrictEqual({ weights: pretrained.weights, biases: pretrained.biases });
    const [adapter] = t.adapters();
    expect(adapter.layer).toBe(1);
    expect(adapter.B.flat().every((b) => b === 0)).toBe(true);
    expect(adapter.A).toHaveLength(5);
    expect(adapter.A[0]).toHaveLength(2);
    expect(adapter.A.flat().some((a) => a !== 0)).toBe(true);
    expect(t.trainedParameters).toBe(2 * (5 + 6));
  });

  it('trains only the adapted layer, by an update of rank ≤ r, and lowers the loss', () => {
    const t = createLoraTrainer(options);
    const first = t.step(data.x, data.y);
    for (let s = 0; s < 80; s++) t.step(data.x, data.y);
    expect(t.loss(data.x, data.y)).toBeLessThan(first);
    const after = t.net();
    expect(after.weights[0]).toStrictEqual(pretrained.weights[0]);
    expect(after.weights[2]).toStrictEqual(pretrained.weights[2]);
    expect(after.biases).toStrictEqual(pretrained.biases);
    const [delta0, delta1] = weightDeltas(pretrained, after);
    expect(delta0.frobenius).toBe(0);
    // ΔW = A·B has rank ≤ 2: σ₃… vanish to rounding (relative to σ₁, a few ulp of the sums).
    expect(delta1.singularValues[1]).toBeGreaterThan(1e-6 * delta1.sigmaMax);
    for (const s of delta1.singularValues.slice(2)) expect(s).toBeLessThan(1e-13 * delta1.sigmaMax);
    // And it is exactly A·B (up to the rounding of W₀ + A·B − W₀).
    const { A, B } = t.adapters()[0];
    delta1.delta.forEach((row, i) => row.forEach((d, k) => expect(d).toBeCloseTo(A[i][0] * B[0][k] + A[i][1] * B[1][k], 14)));
  });

  it('∂L/∂A and ∂L/∂B equal finite differences through W = W₀ + A·B', () => {
    // One SGD step moves θ by −lr·∂L/∂θ, so the gradient is read back from two snapshots.
    const lr = 1e-3;
    const warm = createLoraTrainer({ ...options, optimizer: { kind: 'sgd', learningRate: lr } });
    for (let s = 0; s < 5; s++) warm.step(data.x, data.y); // make B non-zero so both gradients are
    const before = warm.adapters()[0];
    warm.step(data.x, data.y);
    const after = warm.adapters()[0];
    const netWith = (A: number[][], B: number[][]) => ({
      weights: pretrained.weights.map((W, l) => (l !== 1 ? W : W.map((row, i) => row.map((w, k) => w + A[i].reduce((s, a, j) => s + a * B[j][k], 0))))),
      biases: pretrained.biases,
    });
    const lossAt = (A: number[][], B: number[][]) =>
      createTrainer({ net: netWith(A, B), activation: 'tanh', loss: 'bce', optimizer: { kind: 'sgd', learningRate: 1 } }).loss(data.x, data.y);
    const h = 1e-6;
    for (const which of ['A', 'B'] as const) {
      const M = before[which];
      M.forEach((row, i) => row.forEach((_, j) => {
        const bump = (dv: number) => {
          const copy = M.map((r) => [...r]);
          copy[i][j] += dv;
          return which === 'A' ? lossAt(copy, before.B) : lossAt(before.A, copy);
        };
        const numeric = (bump(h) - bump(-h)) / (2 * h);
        const analytic = (M[i][j] - after[which][i][j]) / lr;
        expect(Math.abs(analytic - numeric)).toBeLessThan(1e-6 * (1 + Math.abs(analytic)));
      }));
    }
  });

  it('refuses bad layers and ranks by field', () => {
    const field = (patch: Partial<LoraTrainerOptions>) => {
      try {
        createLoraTrainer({ ...options, ...patch });
      } catch (error) {
        expect(error).toBeInstanceOf(TrainingSettingsError);
        return (error as TrainingSettingsError).field;
      }
      return undefined;
    };
    expect(field({ layers: [] })).toBe('layers');
    expect(field({ layers: [3] })).toBe('layers[0]');
    expect(field({ layers: [1, 1] })).toBe('layers[1]');
    expect(field({ rank: 0 })).toBe('rank');
    expect(field({ rank: 6 })).toBe('rank');
    expect(field({ layers: [2], rank: 2 })).toBe('rank');
    expect(field({ seed: NaN })).toBe('seed');
  });
});

describe('weightDeltas, parameter counts, depth against width', () => {
  it('ΔW per layer with the spectrum of the difference', () => {
    const t = createTrainer({ net: pretrained, activation: 'relu', loss: 'bce', optimizer: { kind: 'sgd', learningRate: 0.1 } });
    for (let s = 0; s < 10; s++) t.step(data.x, data.y);
    const deltas = weightDeltas(pretrained, t.net());
    expect(deltas).toHaveLength(3);
    deltas.forEach((d, l) => {
      const expected = t.net().weights[l].map((row, i) => row.map((w, k) => w - pretrained.weights[l][i][k]));
      expect(d.delta).toEqual(expected);
      expect(d.singularValues).toEqual(singularValues(expected));
      expect(d.frobenius).toBeCloseTo(Math.hypot(...expected.flat()), 14);
    });
    expect(() => weightDeltas(pretrained, initTrainingNetwork({ inputs: 2, hidden: [6], init: 'he', seed: 1 }))).toThrow(TrainingSettingsError);
  });

  it('counts parameters as Σ(n_{l−1} + 1)n_l, r(n + k) per adapted layer', () => {
    expect(parameterCount(2, [16, 16])).toBe(3 * 16 + 17 * 16 + 17);
    expect(fineTuneParameterCounts([2, 16, 16, 1], [1], 2)).toEqual({ network: 337, fullLayers: 256, lora: 64 });
    expect(fineTuneParameterCounts([3, 8, 4, 1], [0, 1, 2], 1)).toEqual({ network: 32 + 36 + 5, fullLayers: 24 + 32 + 4, lora: 11 + 12 + 5 });
  });

  it('picks a one-layer net with the closest parameter count to the deep one', () => {
    expect(depthWidthPair({ inputs: 2, layers: 4, width: 8 })).toEqual({ deep: [8, 8, 8, 8], wide: [62], deepParameters: 249, wideParameters: 249 });
    for (const inputs of [2, 3] as const) {
      for (let layers = 2; layers <= 5; layers++) {
        for (const width of [2, 4, 6]) {
          const pair = depthWidthPair({ inputs, layers, width });
          expect(pair.deepParameters).toBe(parameterCount(inputs, pair.deep));
          for (let w = 1; w <= 64; w++) expect(Math.abs(parameterCount(inputs, [w]) - pair.deepParameters)).toBeGreaterThanOrEqual(Math.abs(pair.wideParameters - pair.deepParameters));
        }
      }
    }
    expect(() => depthWidthPair({ inputs: 2, layers: 1, width: 8 })).toThrow(TrainingSettingsError);
    expect(() => depthWidthPair({ inputs: 2, layers: 3, width: 65 })).toThrow(TrainingSettingsError);
  });

  it('scales the initial weights, not the biases', () => {
    const plain = initTrainingNetwork({ inputs: 3, hidden: [4], init: 'glorot', seed: 2 });
    const scaled = initTrainingNetwork({ inputs: 3, hidden: [4], init: 'glorot', seed: 2, scale: 3 });
    expect(scaled.weights).toEqual(plain.weights.map((W) => W.map((row) => row.map((w) => 3 * w))));
    expect(scaled.biases).toEqual(plain.biases);
    expect(() => initTrainingNetwork({ inputs: 3, hidden: [4], init: 'glorot', seed: 2, scale: -1 })).toThrow(TrainingSettingsError);
  });
});
