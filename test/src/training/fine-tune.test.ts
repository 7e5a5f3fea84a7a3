// Batches, the shifted task, and the fine-tuning experiment: the full run and every LoRA run see
// the same batches; LoRA trains r(n + k) numbers per adapted layer; the full run's ΔW is what
// changed. No claim about which rank wins: only that every run lowers its loss on the new task.
import { describe, expect, it } from 'vitest';
import {
  TrainingSettingsError, createBatcher, createTrainer, createTrainingSession, fineTuneComparison, makeDataset, shiftedDataset,
  weightDeltas,
} from '../../../src/training/index.js';

describe('createBatcher', () => {
  it('visits every point once per epoch in a seeded order, the remainder last, and restarts', () => {
    const split = { x: Array.from({ length: 23 }, (_, i) => [i, -i]), y: Array.from({ length: 23 }, (_, i) => i) };
    const b = createBatcher(split, 5, 7);
    const epoch = () => Array.from({ length: 5 }, () => [...b.next().y]);
    const first = epoch();
    expect(first.map((batch) => batch.length)).toEqual([5, 5, 5, 5, 3]);
    expect(first.flat().sort((p, q) => p - q)).toEqual(split.y);
    const second = epoch();
    expect(second.flat().sort((p, q) => p - q)).toEqual(split.y);
    expect(second.flat()).not.toEqual(first.flat());
    b.restart();
    expect(epoch()).toEqual(first);
    expect(createBatcher(split, 5, 8).next().y).not.toEqual(first[0]);
  });
});

describe('shiftedDataset', () => {
  it('rotates in the (x₁, x₂) plane and translates, keeping the targets', () => {
    const data = makeDataset({ kind: 'helix', points: 20, noise: 0, trainFraction: 0.5, seed: 1 });
    const moved = shiftedDataset(data, { angle: Math.PI / 2, offset: [1, 0, -1] });
    data.train.x.forEach((p, i) => {
      const q = moved.train.x[i];
      expect(q[0]).toBeCloseTo(-p[1] + 1, 15);
      expect(q[1]).toBeCloseTo(p[0], 15);
      expect(q[2]).toBe(p[2] - 1);
    });
    expect(moved.test.y).toEqual(data.test.y);
    expect(() => shiftedDataset(data, { angle: NaN })).toThrow(TrainingSettingsError);
    expect(() => shiftedDataset(data, { angle: 0, offset: [1, 2] })).toThrow(TrainingSettingsError);
  });
});

describe('fineTuneComparison', () => {
  const pretrain = createTrainingSession({
    data: { kind: 'circle', points: 300, noise: 0.03, trainFraction: 0.5, seed: 2 },
    hidden: [12, 12], activation: 'relu', init: 'he', seed: 3,
    loss: 'bce', optimizer: { kind: 'adam', learningRate: 0.01 }, batchSize: 10,
  });
  pretrain.run(600);
  const net = pretrain.snapshot().net;
  const task = shiftedDataset(pretrain.data, { angle: 0, offset: [0.25, -0.15] });
  const options = {
    net, activation: 'relu' as const, loss: 'bce' as const, optimizer: { kind: 'adam' as const, learningRate: 0.005 },
    data: task, batchSize: 10, steps: 200, layers: [1], ranks: [1, 2, 4], seed: 5,
  };

  it('runs the full fine-tune and LoRA of each rank on the same batches', () => {
    const result = fineTuneComparison(options);
    // The full run is exactly createTrainer on the same batch sequence.
    const batches = createBatcher(task.train, 10, 5);
    const direct = createTrainer({ net, activation: 'relu', loss: 'bce', optimizer: options.optimizer });
    const losses = Array.from({ length: 200 }, () => {
      const b = batches.next();
      return direct.step(b.x, b.y);
    });
    expect(result.full.losses).toEqual(losses);
    expect(result.full.net).toStrictEqual(direct.net());
    expect(result.full.trainedParameters).toBe(3 * 12 + 13 * 12 + 13);
    expect(result.full.deltas).toEqual(weightDeltas(net, direct.net()));
    expect(result.lora.map((r) => [r.rank, r.trainedParameters])).toEqual([[1, 24], [2, 48], [4, 96]]);
    const start = createTrainer({ net, activation: 'relu', loss: 'bce', optimizer: options.optimizer }).loss(task.train.x, task.train.y);
    for (const run of [result.full, ...result.lora]) {
      expect(run.losses).toHaveLength(200);
      expect(run.trainLoss).toBeLessThan(start);
      expect(run.divergedAt).toBeUndefined();
    }
    // LoRA leaves the layers it does not adapt alone.
    for (const run of result.lora) expect(run.net.weights[0]).toStrictEqual(net.weights[0]);
  });

  it('refuses bad steps, batch sizes and ranks', () => {
    const field = (patch: object) => {
      try {
        fineTuneComparison({ ...options, ...patch });
      } catch (error) {
        return (error as TrainingSettingsError).field;
      }
      return undefined;
    };
    expect(field({ steps: 0 })).toBe('steps');
    expect(field({ batchSize: 1000 })).toBe('batchSize');
    expect(field({ ranks: [] })).toBe('ranks');
    expect(field({ ranks: [13] })).toBe('rank');
  });

  it('checks every rank before training, and reports progress over all runs up to the total', () => {
    const heard: [number, number][] = [];
    expect(() => fineTuneComparison({ ...options, ranks: [1, 13] }, (done, total) => heard.push([done, total]))).toThrow(TrainingSettingsError);
    expect(heard).toEqual([]);
    const result = fineTuneComparison({ ...options, steps: 600, ranks: [1, 2] }, (done, total) => heard.push([done, total]));
    expect(heard.every(([, total]) => total === 1800)).toBe(true);
    expect(heard.map(([done]) => done)).toEqual([250, 500, 600, 850, 1100, 1200, 1450, 1700, 1800]);
    // Reporting changes nothing: the same numbers as without a listener.
    expect(result).toEqual(fineTuneComparison({ ...options, steps: 600, ranks: [1, 2] }));
  });
});
