// The Training lab's store: every action is checked against the project schema before it lands; a
// refused value throws a typed error naming the field and leaves the state exactly as it was; a
// settings change starts the run again from the seeded network; training progress is recorded
// without becoming an undo step.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabStateError, parseProject, serializeProject } from '../../src/project/index.js';
import { createTrainingSession, initTrainingNetwork, parsePointsCsv } from '../../src/training/index.js';
import { TrainingStore, initialTrainingState, trainingSetup } from '../../renderer/labs/training/training-store.js';
import { parseHidden } from '../../renderer/labs/training/training-controls.js';
import { ProjectSession } from '../../renderer/project/session.js';

const number = fc.oneof(
  fc.double(),
  fc.integer({ min: -5, max: 30_000 }),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1e308, -1, 0.5, 2 ** 32, 0),
);
const word = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('spiral', 'helix', 'surface', 'file', 'relu', 'tanh', 'gelu', 'adam', 'sgd', 'momentum', 'bce', 'mse', 'he', 'glorot', 'pytorch', '__proto__'));

type Action = [string, (store: TrainingStore) => void];
const act = (name: string, arbitrary: fc.Arbitrary<(store: TrainingStore) => void>): fc.Arbitrary<Action> => arbitrary.map((run) => [name, run]);
const actions = [
  act('setData', fc.record({ kind: word, points: number, noise: number, trainFraction: number, seed: number, inputs: fc.constantFrom(2, 3, 4) }, { requiredKeys: [] }).map((v) => (s) => s.setData(v as never))),
  act('setModel', fc.record({ hidden: fc.array(number, { maxLength: 9 }), activation: word, leak: number, init: word, initScale: number, seed: number }, { requiredKeys: [] }).map((v) => (s) => s.setModel(v as never))),
  act('setOptimizer', fc.record({ loss: word, l2: number, batchSize: number, optimizer: fc.record({ kind: word, learningRate: number, momentum: number }, { requiredKeys: [] }) }, { requiredKeys: [] }).map((v) => (s) => s.setOptimizer(v as never))),
  act('recordProgress', fc.tuple(number, fc.constantFrom('same', 'other')).map(([step, which]) => (s) => s.recordProgress(step, which === 'same' ? s.state.net as never : initTrainingNetwork({ inputs: 2, hidden: [3], init: 'he', seed: 1 })))),
  act('resetRun', fc.constant((s: TrainingStore) => s.resetRun())),
];

describe('TrainingStore', () => {
  it('keeps a state the project file accepts through any sequence of actions; a refusal changes nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(...actions), { minLength: 1, maxLength: 10 }), (sequence) => {
        const store = new TrainingStore();
        for (const [name, run] of sequence) {
          const before = store.state;
          try {
            run(store);
          } catch (error) {
            expect(error, `${name} threw ${(error as Error)?.name}: ${(error as Error)?.message}`).toBeInstanceOf(LabStateError);
            expect(store.state, `${name} was refused but changed the state`).toBe(before);
          }
          const text = serializeProject({ view: 'training', theme: 'dark', labs: { training: { state: store.state } } });
          expect(parseProject(text).labs.training!.state, `after ${name}`).toEqual(JSON.parse(JSON.stringify(store.state)));
        }
      }),
      { numRuns: 120 },
    );
  });

  it('refuses bad values naming the field', () => {
    const store = new TrainingStore();
    const before = store.state;
    expect(() => store.setOptimizer({ optimizer: { learningRate: 0 } })).toThrow(/optimizer\.learningRate/);
    expect(() => store.setModel({ hidden: [16, 65] })).toThrow(/hidden\[1\]/);
    expect(() => store.setData({ points: 2 })).toThrow(/data\.points/);
    expect(() => store.setOptimizer({ batchSize: 201 })).toThrow(/batchSize: expected at most 200/);
    expect(() => store.setOptimizer({ loss: 'bce' })).not.toThrow();
    expect(store.state).toEqual(before);
  });

  it('starts the run again from the seeded network on a settings change', () => {
    const store = new TrainingStore();
    const session = createTrainingSession(trainingSetup(store.state));
    session.run(5);
    store.recordProgress(5, session.snapshot().net);
    expect(store.state.step).toBe(5);
    store.setModel({ hidden: [8, 8, 8] });
    expect(store.state.step).toBe(0);
    expect(store.state.net).toEqual(initTrainingNetwork({ inputs: 2, hidden: [8, 8, 8], init: 'he', seed: 1, scale: 1 }));
    store.setData({ kind: 'helix' });
    expect((store.state.net.weights as number[][][])[0]![0]).toHaveLength(3);
    store.setData({ kind: 'surface' });
    expect(store.state.loss).toBe('mse');
    expect(() => store.setOptimizer({ loss: 'bce' })).toThrow(LabStateError);
  });

  it('shrinks the batch with the data, and takes the user\'s points', () => {
    const store = new TrainingStore();
    store.setOptimizer({ batchSize: 150 });
    store.setData({ points: 100 });
    expect(store.state.batchSize).toBe(50);
    const points = parsePointsCsv('x1,x2,label\n0,0,1\n1,1,0\n0.5,0.2,1\n-1,0,0\n', 'classification');
    store.setPoints(points, 'classification');
    expect(store.state.data).toMatchObject({ kind: 'file', task: 'classification', points: { inputs: 2, y: [1, 0, 1, 0] } });
    expect(store.state.batchSize).toBe(2);
    store.setData({ trainFraction: 0.75 });
    expect(store.state.data).toMatchObject({ kind: 'file', trainFraction: 0.75 });
  });

  it('records progress without an undo step; undo restores settings and the network they started from', () => {
    const session = new ProjectSession();
    const store = session.storeFor('training', (initial) => new TrainingStore(initial));
    const start = store.state;
    let t = 0;
    session.now = () => (t += 10_000);
    store.setModel({ seed: 7 });
    const seeded = store.state.net;
    store.recordProgress(3, initialTrainingState().net as never);
    expect(session.canUndo).toBe(true);
    session.undo();
    expect(store.state).toEqual(start);
    expect(session.canUndo).toBe(false);
    session.redo();
    expect(store.state.seed).toBe(7);
    expect(store.state.net).toEqual(seeded);
  });

  it('parses hidden widths, refusing with the layer and its value', () => {
    expect(parseHidden('16, 16')).toEqual([16, 16]);
    expect(parseHidden('8 x 8 x 4')).toEqual([8, 8, 4]);
    expect(() => parseHidden('16, 0')).toThrow(/layer 2 is “0”/);
    expect(() => parseHidden('')).toThrow(/found 0/);
    expect(() => parseHidden('1,1,1,1,1,1,1,1,1')).toThrow(/found 9/);
  });
});
