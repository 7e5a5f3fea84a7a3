// The play/pause loop, driven by a hand-run scheduler: ticks run `speed` steps and post a
// snapshot; pause, step, reset and speed act between ticks; a divergence pauses it; stale ticks
// (scheduled before a pause) do nothing.
import { describe, expect, it } from 'vitest';
import { TrainingSettingsError, createTrainingLoop, createTrainingSession, layerSpectra, accuracy, type LoopSnapshot, type TrainingSetup } from '../../../src/training/index.js';

const setup: TrainingSetup = {
  data: { kind: 'circle', points: 200, noise: 0.05, trainFraction: 0.5, seed: 1 },
  hidden: [8, 8], activation: 'relu', init: 'he', seed: 1,
  loss: 'bce', optimizer: { kind: 'adam', learningRate: 0.01 }, batchSize: 10,
};

function harness() {
  const queue: (() => void)[] = [];
  const posted: LoopSnapshot[] = [];
  let clock = 0;
  const loop = createTrainingLoop({
    schedule: (tick) => queue.push(tick),
    now: () => (clock += 5),
    post: (s) => posted.push(s),
  });
  const runQueued = () => {
    const tick = queue.shift();
    tick?.();
  };
  return { loop, queue, posted, runQueued };
}

describe('createTrainingLoop', () => {
  it('plays tick by tick, pauses between ticks, steps and resets', () => {
    const { loop, queue, posted, runQueued } = harness();
    loop.configure(setup);
    expect(posted.at(-1)).toMatchObject({ step: 0, playing: false });
    loop.setSpeed(7);
    loop.play();
    runQueued();
    runQueued();
    expect(posted.at(-1)).toMatchObject({ step: 14, playing: true });
    expect(posted.at(-1)!.stepsPerSecond).toBe(7 * 1000 / 5);
    loop.pause();
    expect(posted.at(-1)).toMatchObject({ step: 14, playing: false });
    // The tick scheduled before the pause is stale and does nothing.
    const count = posted.length;
    while (queue.length) runQueued();
    expect(posted.length).toBe(count);
    loop.step(3);
    expect(posted.at(-1)!.step).toBe(17);
    // 17 steps in three pieces equal 17 in one go, bit for bit.
    const direct = createTrainingSession(setup);
    direct.run(17);
    expect(posted.at(-1)!.net).toStrictEqual(direct.snapshot().net);
    loop.reset();
    expect(posted.at(-1)).toMatchObject({ step: 0, playing: false });
    expect(posted.at(-1)!.net).toStrictEqual(createTrainingSession(setup).snapshot().net);
  });

  it('posts regions when asked, and pauses on a divergence', () => {
    const { loop, posted, runQueued } = harness();
    loop.setSnapshotOptions({ regions: 'count' });
    loop.configure({ ...setup, loss: 'mse', initScale: 8, optimizer: { kind: 'sgd', learningRate: 5 } });
    expect(posted.at(-1)!.regionCount).toBeGreaterThan(0);
    loop.setSpeed(1000);
    loop.play();
    runQueued();
    const last = posted.at(-1)!;
    expect(last.playing).toBe(false);
    expect(last.diverged?.step).toBe(last.step + 1);
    expect(loop.isPlaying()).toBe(false);
  });

  it('refuses a bad speed, a bad step count, and play before configure', () => {
    const { loop } = harness();
    expect(() => loop.play()).toThrow(TrainingSettingsError);
    expect(() => loop.setSpeed(0)).toThrow(TrainingSettingsError);
    expect(() => loop.setSpeed(10_001)).toThrow(TrainingSettingsError);
    loop.configure(setup);
    expect(() => loop.step(0)).toThrow(TrainingSettingsError);
  });
});

describe('metrics', () => {
  it('layer spectra: σ₁, σ_min, stable rank, condition number', () => {
    const [first, output] = layerSpectra({ weights: [[[3, 0], [0, 1]], [[0, 0]]], biases: [[0, 0], [0]] });
    expect(first).toEqual({ singularValues: [3, 1], sigmaMax: 3, sigmaMin: 1, stableRank: 10 / 9, condition: 3 });
    expect(output).toEqual({ singularValues: [0], sigmaMax: 0, sigmaMin: 0, stableRank: 0, condition: Infinity });
  });

  it('accuracy thresholds the logit at 0 for bce and the output at ½ for mse', () => {
    expect(accuracy([2, -1, 0.3], [1, 0, 0], 'bce')).toBe(2 / 3);
    expect(accuracy([0.6, 0.4, 0.5], [1, 0, 1], 'mse')).toBe(2 / 3);
    expect(accuracy([], [], 'bce')).toBeNaN();
  });
});
