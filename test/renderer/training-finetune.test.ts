// The fine-tune panel's settings and sentences: each bad field is refused naming it (ranks outside
// 1..min(shape), repeated, steps over MAX_FINE_TUNE_STEPS, no layer, a bad angle or shift, another
// dataset of other inputs); good settings give fineTuneComparison the lab's network, optimiser and
// the turned data; the sentences claim low rank or a LoRA match only when the numbers say so.
import { describe, expect, it } from 'vitest';
import {
  MAX_FINE_TUNE_STEPS, deltaEnergy, fineTuneComparison, loadTrainingData, shiftedDataset, type FineTuneComparison,
} from '../../src/training/index.js';
import {
  FineTuneFieldError, defaultFineTuneSettings, fineTuneOptions, otherTasks, parseRanks, type FineTuneSettings,
} from '../../renderer/labs/training/fine-tune-settings.js';
import { deltaVerdict, lossVerdict } from '../../renderer/labs/training/fine-tune-text.js';
import { initialTrainingState, trainingSetup } from '../../renderer/labs/training/training-store.js';

const state = initialTrainingState();
const setup = trainingSetup(state);
const net = state.net;
const base = defaultFineTuneSettings(net);

function refused(patch: Partial<FineTuneSettings>): string | undefined {
  try {
    fineTuneOptions(setup, net, { ...base, ...patch });
  } catch (error) {
    expect(error).toBeInstanceOf(FineTuneFieldError);
    return (error as FineTuneFieldError).field;
  }
  return undefined;
}

describe('fine-tune settings', () => {
  it('start on the second layer with the ranks that fit, 500 steps, turned by 30°', () => {
    expect(base).toEqual({ task: 'shift', angle: '30', offsetX: '0', offsetY: '0', layers: [1], ranks: '1, 2, 4, 8', steps: '500' });
    const small = { weights: [[[1, 2], [3, 4]], [[1, 1]]], biases: [[0, 0], [0]] };
    expect(defaultFineTuneSettings(small).ranks).toBe('1');
  });

  it('parse ranks: 1 to 8 distinct whole numbers within the smallest adapted side, sorted', () => {
    expect(parseRanks('4, 1;2 8', 16)).toEqual([1, 2, 4, 8]);
    for (const bad of ['', '0', '17', '1.5', 'two', '1,1', '1 2 3 4 5 6 7 8 9']) expect(() => parseRanks(bad, 16), bad).toThrow(FineTuneFieldError);
  });

  it('refuse each bad field by name and keep the good ones', () => {
    expect(refused({})).toBeUndefined();
    expect(refused({ ranks: '0' })).toBe('ranks');
    expect(refused({ ranks: '3', layers: [0, 1] })).toBe('ranks'); // W1 is 16×2: r ≤ 2
    expect(refused({ ranks: '2', layers: [0, 1] })).toBeUndefined();
    expect(refused({ layers: [] })).toBe('layers');
    expect(refused({ layers: [3] })).toBe('layers');
    expect(refused({ steps: String(MAX_FINE_TUNE_STEPS + 1) })).toBe('steps');
    expect(refused({ steps: '0' })).toBe('steps');
    expect(refused({ steps: '2.5' })).toBe('steps');
    expect(refused({ angle: 'ninety' })).toBe('angle');
    expect(refused({ angle: '400' })).toBe('angle');
    expect(refused({ offsetX: '3' })).toBe('offsetX');
    expect(refused({ offsetY: '' })).toBe('offsetY');
    expect(refused({ task: 'helix' })).toBe('task'); // 3 inputs: not for this 2-input network
    expect(refused({ task: 'spiral' })).toBe('task'); // the same data is no new task
    expect(otherTasks(setup)).toEqual(['circle', 'xor', 'gaussians', 'checkerboard']);
  });

  it('give fineTuneComparison the lab’s settings and its data turned and moved', () => {
    const options = fineTuneOptions(setup, net, { ...base, angle: '90', offsetX: '0.5', ranks: '2, 1', steps: '20' });
    const expected = shiftedDataset(loadTrainingData(setup.data), { angle: Math.PI / 2, offset: [0.5, 0] });
    expect(options.data).toEqual(expected);
    expect(options).toMatchObject({ net, loss: 'bce', optimizer: setup.optimizer, batchSize: 10, steps: 20, layers: [1], ranks: [1, 2], seed: 1 });
    const other = fineTuneOptions(setup, net, { ...base, task: 'circle' });
    expect(other.data).toEqual(loadTrainingData({ kind: 'circle', points: 400, noise: 0, trainFraction: 0.5, seed: 1 }));
    expect(fineTuneComparison({ ...options, steps: 5 }).lora.map((r) => r.rank)).toEqual([1, 2]);
  });
});

describe('fine-tune sentences', () => {
  it('call ΔW low-rank only when 90% sits in a quarter of its directions', () => {
    expect(deltaVerdict('W2', [16, 16], deltaEnergy([3, 0.5, ...Array(14).fill(0.01)]))).toMatch(/rank 1 of 16 .* low-rank, as measured/);
    expect(deltaVerdict('W2', [16, 16], deltaEnergy(Array(16).fill(1)))).toMatch(/rank 15 of 16 .* not low-rank/);
    expect(deltaVerdict('W1', [16, 2], deltaEnergy([2, 1]))).toMatch(/too few to call it/);
    expect(deltaVerdict('W3', [1, 16], deltaEnergy([2]))).toMatch(/one direction/);
    expect(deltaVerdict('W2', [16, 16], deltaEnergy(Array(16).fill(0)))).toMatch(/did not change/);
  });

  it('say LoRA matched the full fine-tune only within 10% of its loss', () => {
    const run = (trainLoss: number, rank?: number) => ({ losses: [], trainLoss, testLoss: trainLoss, net, trainedParameters: rank ? rank * 32 : 337, ...(rank ? { rank } : {}) });
    const result = (full: number, lora: number[]) => ({ full: { ...run(full), deltas: [] }, lora: lora.map((l, i) => ({ ...run(l, 2 ** i), rank: 2 ** i })) }) as FineTuneComparison;
    expect(lossVerdict(result(0.1, [0.5, 0.2, 0.105]))).toMatch(/^LoRA at rank 4 came within 10% .* 128 numbers instead of 337/);
    expect(lossVerdict(result(0.1, [0.5, 0.09]))).toMatch(/^LoRA at rank 2 reached a lower training loss/);
    expect(lossVerdict(result(0.1, [0.5, 0.2]))).toMatch(/^No rank tried came within 10% .* closest was rank 2/);
    expect(lossVerdict(result(NaN, [0.5]))).toMatch(/did not end on a finite loss/);
  });
});
