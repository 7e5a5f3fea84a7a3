// The session the worker runs: the spiral learnt to ≥ 95% test accuracy by 2→16→16→1 ReLU with
// Adam within a bounded number of steps (seeded, so the same every run); regions of a snapshot
// are linearRegions of the same weights; the region count changes as it trains; reset and reruns
// are bit-identical; metrics are those of the snapshot's own weights.
import { describe, expect, it } from 'vitest';
import { linearRegions } from '../../../src/regions/partition.js';
import { singularValues } from '../../../src/linalg/svd.js';
import { TrainingSettingsError, createTrainer, createTrainingSession, parsePointsCsv, restoreTrainingSession, type TrainingSetup } from '../../../src/training/index.js';
import type { ReluNet } from '../../../src/regions/types.js';

const spiral: TrainingSetup = {
  data: { kind: 'spiral', points: 500, noise: 0, trainFraction: 0.5, seed: 1 },
  hidden: [16, 16], activation: 'relu', init: 'he', seed: 1,
  loss: 'bce', optimizer: { kind: 'adam', learningRate: 0.01 }, batchSize: 10,
};

describe('createTrainingSession', () => {
  it('learns the spiral with 2→16→16→1 ReLU and Adam to ≥ 95% test accuracy within 3000 steps; the region count changes', () => {
    const session = createTrainingSession(spiral);
    const counts = [session.snapshot({ regions: 'count' }).regionCount];
    let best = 0;
    while (session.steps() < 3000 && best < 0.95) {
      session.run(250);
      const snap = session.snapshot({ regions: 'count' });
      counts.push(snap.regionCount);
      best = snap.testAccuracy!;
    }
    expect(best).toBeGreaterThanOrEqual(0.95);
    expect(session.steps()).toBeLessThanOrEqual(3000);
    expect(new Set(counts).size).toBeGreaterThan(1);
  });

  it('a snapshot’s regions are linearRegions of its own weights', () => {
    const session = createTrainingSession({ ...spiral, activation: 'leaky-relu', leak: 0.05 });
    session.run(300);
    const box = { min: [-1.2, -1], max: [1, 1.3] };
    const snap = session.snapshot({ regions: 'packed', box });
    const exact = linearRegions(snap.net, box);
    expect(snap.net.leak).toBe(0.05);
    expect(snap.regionCount).toBe(exact.regions.length);
    expect(snap.regions!.count).toBe(exact.regions.length);
    expect(Array.from(snap.regions!.measures)).toEqual(exact.regions.map((r) => r.measure));
    expect(session.snapshot({ regions: 'count', box }).regionCount).toBe(exact.regions.length);
  });

  it('metrics are those of the snapshot’s weights', () => {
    const session = createTrainingSession({ ...spiral, activation: 'tanh', loss: 'mse' });
    session.run(40);
    const snap = session.snapshot();
    const t = createTrainer({ net: snap.net, activation: 'tanh', loss: 'mse', optimizer: { kind: 'sgd', learningRate: 1 } });
    expect(snap.trainLoss).toBe(t.loss(session.data.train.x, session.data.train.y));
    expect(snap.testLoss).toBe(t.loss(session.data.test.x, session.data.test.y));
    const out = t.predict(session.data.test.x);
    expect(snap.testAccuracy).toBe(out.filter((z, i) => (z > 0.5 ? 1 : 0) === session.data.test.y[i]).length / out.length);
    snap.spectra.forEach((s, l) => {
      expect(s.singularValues).toEqual(singularValues(snap.net.weights[l]));
      expect(s.sigmaMax).toBe(s.singularValues[0]);
      expect(s.condition).toBe(s.sigmaMax / s.sigmaMin);
    });
    expect(snap.gradientNorms).toHaveLength(3);
    expect(snap.gradientNorms.every((g) => g > 0)).toBe(true);
    expect(() => session.snapshot({ regions: 'count' })).toThrow(TrainingSettingsError);
  });

  it('reset and a rerun give the same weights bit for bit', () => {
    const a = createTrainingSession(spiral);
    a.run(123);
    const first = a.snapshot().net;
    a.reset();
    expect(a.steps()).toBe(0);
    a.run(123);
    expect(a.snapshot().net).toStrictEqual(first);
    const b = createTrainingSession(spiral);
    b.run(100);
    b.run(23);
    expect(b.snapshot().net).toStrictEqual(first);
  });

  it('stops at a divergence and says where', () => {
    const session = createTrainingSession({ ...spiral, loss: 'mse', initScale: 8, optimizer: { kind: 'sgd', learningRate: 5 } });
    const taken = session.run(500);
    expect(taken).toBeLessThan(500);
    const snap = session.snapshot();
    expect(snap.diverged?.step).toBe(taken + 1);
    expect(session.run(10)).toBe(0);
    expect([...snap.net.weights.flat(2)].every(Number.isFinite)).toBe(true);
  });

  it('trains on the user’s points and refuses bad settings by field', () => {
    const csv = 'x1,x2,label\n' + Array.from({ length: 40 }, (_, i) => `${Math.cos(i)},${Math.sin(i)},${i % 2}`).join('\n');
    const session = createTrainingSession({ ...spiral, data: { kind: 'file', points: parsePointsCsv(csv, 'classification'), task: 'classification', trainFraction: 0.75, seed: 2 } });
    expect(session.data.train.x).toHaveLength(30);
    expect(session.run(5)).toBe(5);
    const field = (patch: Partial<TrainingSetup>) => {
      try {
        createTrainingSession({ ...spiral, ...patch });
      } catch (error) {
        return (error as TrainingSettingsError).field;
      }
      return undefined;
    };
    expect(field({ batchSize: 0 })).toBe('batchSize');
    expect(field({ batchSize: 251 })).toBe('batchSize');
    expect(field({ data: { kind: 'surface', points: 100, noise: 0, trainFraction: 0.5, seed: 1 } })).toBe('loss');
    expect(field({ initScale: 0 })).toBe('scale');
    expect(field({ data: { kind: 'spiral', points: 3, noise: 0, trainFraction: 0.5, seed: 1 } })).toBe('points');
  });
});

describe('restoreTrainingSession', () => {
  it('replays a saved run exactly, so training continues as if it never stopped', () => {
    const setup: TrainingSetup = { ...spiral, optimizer: { kind: 'momentum', learningRate: 0.02 }, hidden: [8, 8] };
    const original = createTrainingSession(setup);
    original.run(137);
    const saved = JSON.parse(JSON.stringify({ step: original.steps(), net: original.snapshot().net })) as { step: number; net: ReluNet };
    const { session, exact } = restoreTrainingSession(setup, saved.step, saved.net);
    expect(exact).toBe(true);
    expect(session.steps()).toBe(137);
    original.run(50);
    session.run(50);
    expect(session.snapshot().net).toStrictEqual(original.snapshot().net);
  });

  it('starts from the saved weights when the replay differs, and refuses bad input', () => {
    const edited = createTrainingSession(spiral).snapshot().net;
    const weights = edited.weights.map((W) => W.map((row) => [...row]));
    weights[1][0][0] += 1e-12;
    const net = { weights, biases: edited.biases };
    const { session, exact } = restoreTrainingSession(spiral, 0, net);
    expect(exact).toBe(false);
    expect(session.steps()).toBe(0);
    expect(session.snapshot().net).toStrictEqual(net);
    expect(() => restoreTrainingSession(spiral, -1, net)).toThrow(TrainingSettingsError);
    expect(() => restoreTrainingSession(spiral, 1.5, net)).toThrow(TrainingSettingsError);
    const wrongShape = createTrainingSession({ ...spiral, hidden: [4] }).snapshot().net;
    let field: string | undefined;
    try {
      restoreTrainingSession(spiral, 3, wrongShape);
    } catch (error) {
      field = (error as TrainingSettingsError).field;
    }
    expect(field).toBe('net');
  });
});
