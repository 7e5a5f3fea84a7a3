// The training worker and its client, connected by a real MessageChannel through comlink (the
// worker's expose is pointed at one port instead of a worker's global scope): snapshots arrive,
// play/pause/step/reset act, refused settings come back as TrainingSettingsError with the field,
// and the partition crosses as transferred typed arrays.
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { LoopSnapshot, TrainingSetup } from '../../../src/training/index.js';
import { TrainingSettingsError, createTrainingSession } from '../../../src/training/index.js';

const channel = vi.hoisted(() => new MessageChannel());
vi.mock('comlink', async (original) => {
  const actual = await original<typeof import('comlink')>();
  return { ...actual, expose: (api: unknown) => actual.expose(api, channel.port2 as never) };
});

const { startTrainingWorker } = await import('../../../renderer/workers/training-client.js');
await import('../../../renderer/workers/training-worker.js');

const setup: TrainingSetup = {
  data: { kind: 'xor', points: 200, noise: 0, trainFraction: 0.5, seed: 3 },
  hidden: [8, 8], activation: 'relu', init: 'he', seed: 2,
  loss: 'bce', optimizer: { kind: 'adam', learningRate: 0.01 }, batchSize: 10,
};

const snapshots: LoopSnapshot[] = [];
const waiters: { test: (s: LoopSnapshot) => boolean; resolve: (s: LoopSnapshot) => void }[] = [];
const client = startTrainingWorker(
  (s) => {
    snapshots.push(s);
    for (const w of [...waiters]) if (w.test(s)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(s);
    }
  },
  () => Object.assign(channel.port1, { terminate: () => channel.port1.close() }) as unknown as Worker,
);
const snapshotWhere = (test: (s: LoopSnapshot) => boolean) => {
  const seen = snapshots.find(test);
  return seen ? Promise.resolve(seen) : new Promise<LoopSnapshot>((resolve) => waiters.push({ test, resolve }));
};

afterAll(() => {
  client.dispose();
  channel.port2.close();
});

describe('training worker', () => {
  it('configures, plays frame by frame, pauses, steps and resets', async () => {
    await client.configure(setup);
    expect((await snapshotWhere((s) => s.step === 0)).playing).toBe(false);
    await client.setSpeed(5);
    await client.play();
    const playing = await snapshotWhere((s) => s.playing && s.step >= 15);
    expect(playing.step % 5).toBe(0);
    await client.pause();
    const paused = snapshots.at(-1)!;
    expect(paused.playing).toBe(false);
    // Exactly three more steps: no frame ran after the pause.
    await client.step(3);
    const stepped = snapshots.at(-1)!;
    expect(stepped.step).toBe(paused.step + 3);
    const direct = createTrainingSession(setup);
    direct.run(stepped.step);
    expect(stepped.net).toStrictEqual(direct.snapshot().net);
    await client.reset();
    expect(snapshots.at(-1)!.step).toBe(0);
  });

  it('sends the exact regions as typed arrays when asked', async () => {
    await client.setSnapshotOptions({ regions: 'packed' });
    await client.step(2);
    const s = snapshots.at(-1)!;
    expect(s.regions!.coords).toBeInstanceOf(Float64Array);
    expect(s.regions!.count).toBe(s.regionCount);
    expect(s.regionCount).toBeGreaterThan(1);
  });

  it('refuses bad settings with the field', async () => {
    const error = await client.configure({ ...setup, batchSize: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingSettingsError);
    expect((error as TrainingSettingsError).field).toBe('batchSize');
    expect(((await client.setSpeed(0).catch((e: unknown) => e)) as TrainingSettingsError).field).toBe('stepsPerFrame');
  });
});

describe('fine-tuning in the worker', () => {
  it('returns the comparison, or the refused field', async () => {
    const pretrained = createTrainingSession(setup);
    pretrained.run(50);
    const options = {
      net: pretrained.snapshot().net, activation: 'relu' as const, loss: 'bce' as const, optimizer: { kind: 'sgd' as const, learningRate: 0.05 },
      data: pretrained.data, batchSize: 10, steps: 20, layers: [1], ranks: [1, 3], seed: 4,
    };
    const result = await client.fineTune(options);
    expect(result.lora.map((r) => r.rank)).toEqual([1, 3]);
    expect(result.full.losses).toHaveLength(20);
    const error = await client.fineTune({ ...options, steps: 0 }).catch((e: unknown) => e);
    expect((error as TrainingSettingsError).field).toBe('steps');
  });
});
