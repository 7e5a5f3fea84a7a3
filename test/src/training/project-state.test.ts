// The Training lab's run in a project file (schema version 3): a saved run validates and reopens
// with the same weights bit for bit; bad fields are refused with their path; version 2 files
// migrate to version 3 unchanged.
import { describe, expect, it } from 'vitest';
import { PROJECT_FORMAT, PROJECT_VERSION, ProjectError, parseProject, serializeProject } from '../../../src/project/index.js';
import { createTrainingSession, restoreTrainingSession, type TrainingSetup } from '../../../src/training/index.js';

const setup: TrainingSetup = {
  data: { kind: 'spiral', points: 200, noise: 0.02, trainFraction: 0.5, seed: 4 },
  hidden: [8, 8], activation: 'leaky-relu', leak: 0.05, init: 'he', seed: 9,
  loss: 'bce', optimizer: { kind: 'adam', learningRate: 0.01 }, l2: 1e-4, batchSize: 10,
};

function savedRun() {
  const session = createTrainingSession(setup);
  session.run(75);
  return { ...setup, step: session.steps(), net: session.snapshot().net };
}

const projectWith = (state: unknown) => ({ view: 'map' as const, theme: 'dark' as const, labs: { training: { state } } });

function refusal(text: string): ProjectError {
  try {
    parseProject(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ProjectError);
    return error as ProjectError;
  }
  throw new Error('expected a ProjectError');
}

describe('training state in a project (version 3)', () => {
  it('saves and reopens a run with the same weights bit for bit', () => {
    expect(PROJECT_VERSION).toBe(3);
    const state = savedRun();
    const text = serializeProject(projectWith(state) as never);
    const back = parseProject(text).labs.training!.state;
    expect(back).toStrictEqual(JSON.parse(JSON.stringify(state)));
    const { session, exact } = restoreTrainingSession(back as TrainingSetup, back.step, back.net as never);
    expect(exact).toBe(true);
    expect(session.snapshot().net).toStrictEqual(state.net);
  });

  it('refuses bad fields with their path', () => {
    const state = savedRun();
    const file = (patch: object) => JSON.stringify({ format: PROJECT_FORMAT, version: 3, ...projectWith({ ...state, ...patch }) });
    expect(refusal(file({ optimizer: { kind: 'adam', learningRate: 0 } })).path).toBe('labs.training.state.optimizer.learningRate');
    expect(refusal(file({ activation: 'sigmoid' })).path).toBe('labs.training.state.activation');
    expect(refusal(file({ batchSize: 101 })).path).toBe('labs.training.state.batchSize');
    expect(refusal(file({ hidden: [8, 4] })).path).toBe('labs.training.state.net');
    const weights = state.net.weights.map((W) => W.map((row) => [...row]));
    weights[1][2] = [1, 2];
    expect(refusal(file({ net: { ...state.net, weights } })).path).toBe('labs.training.state.net.weights[1][2]');
    expect(refusal(file({ data: { kind: 'ridge', points: 100, noise: 0, trainFraction: 0.5, seed: 1 } })).path).toBe('labs.training.state.loss');
    const points = { inputs: 2, x: [[0, 0], [1, 1], [0, 1]], y: [0, 1, 0.5] };
    expect(refusal(file({ batchSize: 1, data: { kind: 'file', points, task: 'classification', trainFraction: 0.5, seed: 1 } })).path).toBe('labs.training.state.data.points.y[2]');
  });

  it('migrates a version 2 file to version 3 unchanged', () => {
    const v2 = { format: PROJECT_FORMAT, version: 2, view: 'map', theme: 'light', labs: {} };
    expect(parseProject(JSON.stringify(v2))).toEqual({ ...v2, version: 3 });
    expect(refusal(JSON.stringify({ ...v2, labs: { training: { state: savedRun() } }, version: 4 })).kind).toBe('newer-version');
  });
});
