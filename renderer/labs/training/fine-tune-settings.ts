/**
 * The fine-tune panel's settings: the new task (the current data turned and moved, or another
 * dataset of the same inputs and task), the layers LoRA adapts, the ranks, the steps — each
 * checked at its field, and turned into fineTuneComparison's options with the lab's network,
 * optimiser, loss, batch size and seed.
 */
import type { ReluNet } from '../../../src/regions/index.js';
import {
  DATASETS_2D, DATASETS_3D, MAX_FINE_TUNE_STEPS, REGRESSION_SETS, loadTrainingData, shiftedDataset,
  type DatasetKind, type FineTuneComparisonOptions, type TrainingSetup,
} from '../../../src/training/index.js';

/** What the user set in the panel (texts as typed, so a refused value stays visible). */
export interface FineTuneSettings {
  /** 'shift': the lab's data rotated and moved; otherwise another dataset kind. */
  readonly task: 'shift' | DatasetKind;
  readonly angle: string;
  readonly offsetX: string;
  readonly offsetY: string;
  /** 0-based weight layers LoRA adapts. */
  readonly layers: readonly number[];
  readonly ranks: string;
  readonly steps: string;
}

/** A refused field and why, in words. */
export class FineTuneFieldError extends RangeError {
  override readonly name = 'FineTuneFieldError';
  constructor(readonly field: keyof FineTuneSettings, message: string) {
    super(message);
  }
}

/** The shapes n_l × n_{l−1} of the network's weight layers. */
export function layerShapes(net: ReluNet): [number, number][] {
  return net.weights.map((W) => [W.length, W[0]?.length ?? 0]);
}

/** The panel's first settings for a network: turn by 30°, adapt the second layer (or the only one), ranks 1, 2, 4, 8 that fit, 500 steps. */
export function defaultFineTuneSettings(net: ReluNet): FineTuneSettings {
  const shapes = layerShapes(net);
  const layer = shapes.length > 1 ? 1 : 0;
  const most = Math.min(...shapes[layer]!);
  const ranks = [1, 2, 4, 8].filter((r) => r <= most);
  return { task: 'shift', angle: '30', offsetX: '0', offsetY: '0', layers: [layer], ranks: ranks.join(', '), steps: '500' };
}

/** The other datasets a network of this setup can be fine-tuned on: same inputs, same task. */
export function otherTasks(setup: TrainingSetup): DatasetKind[] {
  const regression = setup.data.kind === 'file' ? setup.data.task === 'regression' : (REGRESSION_SETS as readonly string[]).includes(setup.data.kind);
  const inputs = inputsOf(setup);
  const kinds: readonly DatasetKind[] = regression ? REGRESSION_SETS : inputs === 3 ? DATASETS_3D : DATASETS_2D;
  return kinds.filter((k) => k !== setup.data.kind);
}

function inputsOf(setup: TrainingSetup): 2 | 3 {
  const d = setup.data;
  if (d.kind === 'file') return d.points.inputs;
  if ((DATASETS_3D as readonly string[]).includes(d.kind)) return 3;
  return d.inputs ?? 2;
}

function number(field: keyof FineTuneSettings, label: string, text: string): number {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(v)) throw new FineTuneFieldError(field, `${label} must be a number, not “${text}”.`);
  return v;
}

/**
 * Parses "1, 2, 4, 8": 1–8 distinct whole numbers from 1 to `most` (the smaller side of the
 * smallest adapted W), sorted.
 */
export function parseRanks(text: string, most: number): number[] {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length < 1 || parts.length > 8) throw new FineTuneFieldError('ranks', `Ranks: give 1 to 8 ranks separated by commas, e.g. “1, 2, 4”; found ${parts.length}.`);
  const ranks = parts.map((p) => {
    const r = Number(p);
    if (!Number.isInteger(r) || r < 1 || r > most) throw new FineTuneFieldError('ranks', `Ranks: “${p}” is not a whole number from 1 to ${most} (the smaller side of the smallest adapted W).`);
    return r;
  });
  const repeated = ranks.find((r, i) => ranks.indexOf(r) !== i);
  if (repeated !== undefined) throw new FineTuneFieldError('ranks', `Ranks: ${repeated} is listed twice.`);
  return ranks.sort((a, b) => a - b);
}

/**
 * fineTuneComparison's options for the lab's `setup`, its current network `net` (the
 * pretrained one) and the panel's settings, or FineTuneFieldError naming the first bad field.
 */
export function fineTuneOptions(setup: TrainingSetup, net: ReluNet, s: FineTuneSettings): FineTuneComparisonOptions {
  const shapes = layerShapes(net);
  if (s.layers.length === 0) throw new FineTuneFieldError('layers', 'Choose at least one layer for LoRA to adapt.');
  const bad = s.layers.find((l) => !Number.isInteger(l) || l < 0 || l >= shapes.length);
  if (bad !== undefined) throw new FineTuneFieldError('layers', `Layer ${bad + 1} is not in this ${shapes.length}-layer network.`);
  const most = Math.min(...s.layers.map((l) => Math.min(...shapes[l]!)));
  const ranks = parseRanks(s.ranks, most);
  const steps = number('steps', 'Steps', s.steps);
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_FINE_TUNE_STEPS) throw new FineTuneFieldError('steps', `Steps must be a whole number from 1 to ${MAX_FINE_TUNE_STEPS}, not “${s.steps}”.`);
  const data = taskData(setup, s);
  const n = data.train.x.length;
  if (setup.batchSize > n) throw new FineTuneFieldError('task', `The new task has ${n} training points, fewer than the lab's batch of ${setup.batchSize}.`);
  return {
    net, activation: setup.activation, ...(setup.leak === undefined ? {} : { leak: setup.leak }), loss: setup.loss,
    optimizer: setup.optimizer, ...(setup.l2 === undefined ? {} : { l2: setup.l2 }),
    data, batchSize: setup.batchSize, steps, layers: [...s.layers].sort((a, b) => a - b), ranks, seed: setup.seed,
  };
}

function taskData(setup: TrainingSetup, s: FineTuneSettings) {
  if (s.task === 'shift') {
    const angle = number('angle', 'The angle', s.angle);
    const x = number('offsetX', 'The shift along x₁', s.offsetX);
    const y = number('offsetY', 'The shift along x₂', s.offsetY);
    if (Math.abs(angle) > 360) throw new FineTuneFieldError('angle', `The angle must be from −360° to 360°, not “${s.angle}”.`);
    for (const [field, v, text] of [['offsetX', x, s.offsetX], ['offsetY', y, s.offsetY]] as const) {
      if (Math.abs(v) > 2) throw new FineTuneFieldError(field, `A shift must be from −2 to 2, not “${text}”.`);
    }
    const base = loadTrainingData(setup.data);
    return shiftedDataset(base, { angle: (angle * Math.PI) / 180, offset: base.inputs === 3 ? [x, y, 0] : [x, y] });
  }
  if (!otherTasks(setup).includes(s.task)) throw new FineTuneFieldError('task', `This network cannot be fine-tuned on ${s.task}: it needs the same inputs and task as the lab's data.`);
  const d = setup.data;
  const base = d.kind === 'file'
    ? { points: Math.max(4, Math.min(d.points.x.length, 20_000)), noise: 0, trainFraction: d.trainFraction, seed: d.seed }
    : { points: d.points, noise: d.noise, trainFraction: d.trainFraction, seed: d.seed };
  const inputs = inputsOf(setup);
  return loadTrainingData({ kind: s.task, ...base, ...((REGRESSION_SETS as readonly string[]).includes(s.task) ? { inputs } : {}) });
}
