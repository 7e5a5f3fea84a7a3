/**
 * The Training lab's state: the run's settings (data, network, optimiser) and where training has
 * got to (the step and the weights), changed only through named actions announced in the past
 * tense. A settings change is an edit (undo restores it) and starts the run again from the seeded
 * network; training moving the weights is `weightsTrained`, saved with the project but never an
 * undo step.
 */
import type { LabState } from '../../../src/project/index.js';
import type { ReluNet } from '../../../src/regions/index.js';
import {
  DATASETS_3D, REGRESSION_SETS, initTrainingNetwork,
  type DatasetKind, type FileData, type PointsFile, type TrainingSetup,
} from '../../../src/training/index.js';
import { LabStore, STATE_REPLACED } from '../../project/lab-store.js';

/** The lab's state: the type of its project-file schema (src/project/training-schema.ts), checked on every action. */
export type TrainingState = LabState<'training'>;

export type TrainingChange = typeof STATE_REPLACED | 'dataChanged' | 'modelChanged' | 'optimizerChanged' | 'weightsTrained';

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type GeneratedData = Exclude<TrainingState['data'], { kind: 'file' }>;
/** A change to the generated dataset's options. */
export type DataPatch = Partial<Writable<Omit<GeneratedData, 'kind'>>> & { kind?: DatasetKind };
/** A change to the network's settings. */
export type ModelPatch = Partial<Writable<Pick<TrainingState, 'activation' | 'leak' | 'init' | 'initScale' | 'seed'>>> & { hidden?: readonly number[] };
/** A change to the loss, the optimiser, L2 or the batch size. */
export type OptimizerPatch = Partial<Writable<Pick<TrainingState, 'loss' | 'l2' | 'batchSize'>>> & { optimizer?: Partial<Writable<TrainingState['optimizer']>> };

/** The inputs (2 or 3) the state's data gives the network. */
export function dataInputs(data: TrainingState['data']): 2 | 3 {
  if (data.kind === 'file') return data.points.inputs;
  if ((DATASETS_3D as readonly string[]).includes(data.kind)) return 3;
  return (REGRESSION_SETS as readonly string[]).includes(data.kind) ? (data.inputs ?? 2) : 2;
}

/** Whether the state's data is a regression set (targets, not labels 0/1). */
export function isRegression(data: TrainingState['data']): boolean {
  return data.kind === 'file' ? data.task === 'regression' : (REGRESSION_SETS as readonly string[]).includes(data.kind);
}

/** The number of training points the state's data splits off (as makeDataset and shuffleSplit do). */
export function trainPoints(data: TrainingState['data']): number {
  const total = data.kind === 'file' ? data.points.x.length : data.points;
  return Math.min(total - 1, Math.max(1, Math.round(total * data.trainFraction)));
}

/** The run the worker trains for this state (everything but the step and the weights). */
export function trainingSetup(state: TrainingState): TrainingSetup {
  const { data } = state;
  return {
    data: data.kind === 'file' ? (data as unknown as FileData) : { ...(data as GeneratedData) },
    hidden: [...state.hidden],
    activation: state.activation,
    ...(state.leak === undefined ? {} : { leak: state.leak }),
    init: state.init,
    ...(state.initScale === undefined ? {} : { initScale: state.initScale }),
    seed: state.seed,
    loss: state.loss,
    optimizer: { ...state.optimizer },
    ...(state.l2 === undefined ? {} : { l2: state.l2 }),
    batchSize: state.batchSize,
  };
}

/** The state's seeded starting network (step 0). */
function seededNet(state: Omit<TrainingState, 'net' | 'step'>): ReluNet {
  return initTrainingNetwork({ inputs: dataInputs(state.data), hidden: state.hidden, init: state.init, seed: state.seed, scale: state.initScale });
}

/** The lab as it first opens: the spiral, 2 → 16 → 16 → 1 ReLU, He init, Adam at 0.01, batches of 10. */
export function initialTrainingState(): TrainingState {
  const settings = {
    data: { kind: 'spiral', points: 400, noise: 0, trainFraction: 0.5, seed: 1 },
    hidden: [16, 16],
    activation: 'relu',
    init: 'he',
    initScale: 1,
    seed: 1,
    loss: 'bce',
    optimizer: { kind: 'adam', learningRate: 0.01 },
    l2: 0,
    batchSize: 10,
  } as const satisfies Omit<TrainingState, 'net' | 'step'>;
  return { ...settings, step: 0, net: seededNet(settings) };
}

export class TrainingStore extends LabStore<TrainingState, TrainingChange> {
  constructor(initial: TrainingState = initialTrainingState()) {
    super('training', initial);
  }

  /**
   * New settings: checked field by field first (a refused value changes nothing), then the run
   * starts again at step 0 from the seeded network of the new settings.
   */
  #settings(patch: Partial<TrainingState>, change: TrainingChange): void {
    this.checkFields(patch);
    const next = { ...this.state, ...patch };
    // The loss follows the task (bce needs labels 0/1); when the data shrinks, the batch shrinks
    // with it (a batch asked for that is larger than the training points is refused instead).
    const loss = patch.data && isRegression(next.data) ? 'mse' : next.loss;
    const batchSize = patch.batchSize === undefined ? Math.min(next.batchSize, trainPoints(next.data)) : next.batchSize;
    const settings = { ...next, loss, batchSize };
    this.set({ ...patch, loss, batchSize, step: 0, net: seededNet(settings) }, change);
  }

  /** Changes the generated dataset (kind, points, noise, split, seed, inputs of a regression set). */
  setData(patch: DataPatch): void {
    const current = this.state.data;
    if (current.kind === 'file' && patch.kind === undefined) {
      // The user's points keep their file; only the split and its seed change.
      const { trainFraction = current.trainFraction, seed = current.seed } = patch;
      this.#settings({ data: { ...current, trainFraction, seed } }, 'dataChanged');
      return;
    }
    const base: GeneratedData = current.kind === 'file' ? { kind: 'spiral', points: 400, noise: 0, trainFraction: current.trainFraction, seed: current.seed } : current;
    const data = { ...base, ...patch } as GeneratedData;
    // Classification sets fix their own inputs; only a regression set keeps `inputs`.
    if (!(REGRESSION_SETS as readonly string[]).includes(data.kind)) delete (data as { inputs?: 2 | 3 }).inputs;
    this.#settings({ data }, 'dataChanged');
  }

  /** Trains on the user's points (parsePointsCsv) instead of a generated set, split with the data seed. */
  setPoints(points: PointsFile, task: 'classification' | 'regression'): void {
    const { trainFraction, seed } = this.state.data;
    this.#settings({ data: { kind: 'file', points: { inputs: points.inputs, x: points.x.map((p) => [...p]), y: [...points.y] }, task, trainFraction, seed } }, 'dataChanged');
  }

  /** Changes the hidden widths, the activation, the initialisation, its scale or the weights' seed. */
  setModel(patch: ModelPatch): void {
    this.#settings({ ...patch, ...(patch.hidden ? { hidden: [...patch.hidden] } : {}) } as Partial<TrainingState>, 'modelChanged');
  }

  /** Changes the loss, the optimiser or its hyper-parameters, L2 or the batch size. */
  setOptimizer(patch: OptimizerPatch): void {
    const optimizer = patch.optimizer ? { ...this.state.optimizer, ...patch.optimizer } : undefined;
    this.#settings({ ...patch, ...(optimizer ? { optimizer } : {}) } as Partial<TrainingState>, 'optimizerChanged');
  }

  /** Where training has got to: `step` steps from the seeded start gave `net` (not an undo step). */
  recordProgress(step: number, net: ReluNet): void {
    this.set({ step, net }, 'weightsTrained');
  }

  /** Back to step 0 and the seeded network (not an undo step). */
  resetRun(): void {
    this.set({ step: 0, net: seededNet(this.state) }, 'weightsTrained');
  }
}
