/**
 * The Training lab's part of a project file (since version 3): the run's setup (data, network,
 * optimiser), how many steps it took, and the weights it reached. Reopening replays the steps from
 * the seeds (restoreTrainingSession), so the saved weights double as a check.
 */
import { z } from 'zod';
import { NetworkFormatError } from '../regions/errors.js';
import { flattenNetwork } from '../regions/network.js';
import {
  DATASETS_2D, DATASETS_3D, DATASET_LIMITS, MAX_FILE_POINTS, MAX_REPLAY_STEPS, OPTIMIZER_KINDS, REGRESSION_SETS,
  TRAINING_ACTIVATIONS, TRAINING_LOSSES,
} from '../training/index.js';

const finite = z.number().refine(Number.isFinite, { message: 'expected a finite number' });
const seed = z.number().int().min(0).max(2 ** 32 - 1);
const fraction = finite.gt(0).lt(1);
const unit = finite.min(0).lt(1);
const oneOf = <T extends string>(values: readonly T[]) => z.enum(values as unknown as [T, ...T[]]);

const generatedData = z
  .object({
    kind: oneOf([...DATASETS_2D, ...DATASETS_3D, ...REGRESSION_SETS]),
    points: z.number().int().min(DATASET_LIMITS.minPoints).max(DATASET_LIMITS.maxPoints),
    noise: finite.min(0).max(DATASET_LIMITS.maxNoise),
    trainFraction: fraction,
    seed,
    inputs: z.union([z.literal(2), z.literal(3)]).optional(),
  })
  .strict();

const fileData = z
  .object({
    kind: z.literal('file'),
    points: z
      .object({
        inputs: z.union([z.literal(2), z.literal(3)]),
        x: z.array(z.array(finite).min(2).max(3)).min(2).max(MAX_FILE_POINTS),
        y: z.array(finite).min(2).max(MAX_FILE_POINTS),
      })
      .strict(),
    task: z.enum(['classification', 'regression']),
    trainFraction: fraction,
    seed,
  })
  .strict();

/** The inputs a dataset setting gives the network. */
function dataInputs(data: z.infer<typeof generatedData> | z.infer<typeof fileData>): number {
  if (data.kind === 'file') return data.points.inputs;
  if ((DATASETS_3D as readonly string[]).includes(data.kind)) return 3;
  return (REGRESSION_SETS as readonly string[]).includes(data.kind) ? (data.inputs ?? 2) : 2;
}

/** `weights[1][3]` (a NetworkFormatError path) as zod path segments. */
function pathSegments(path: string): (string | number)[] {
  return [...path.matchAll(/([A-Za-z]+)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

/** The Training lab's fields, each checked on its own (a store re-checks only what an action changed). */
export const trainingFields = z
  .object({
    data: z.union([generatedData, fileData]),
    hidden: z.array(z.number().int().min(1).max(64)).min(1).max(8),
    activation: oneOf(TRAINING_ACTIVATIONS),
    leak: finite.optional(),
    init: z.enum(['he', 'glorot', 'pytorch']),
    initScale: finite.gt(0).max(1e3).optional(),
    seed,
    loss: oneOf(TRAINING_LOSSES),
    optimizer: z
      .object({ kind: oneOf(OPTIMIZER_KINDS), learningRate: finite.gt(0), momentum: unit.optional(), beta1: unit.optional(), beta2: unit.optional(), epsilon: finite.gt(0).optional() })
      .strict(),
    l2: finite.min(0).optional(),
    batchSize: z.number().int().min(1).max(MAX_FILE_POINTS),
    /** Steps taken since the seeded start. */
    step: z.number().int().min(0).max(MAX_REPLAY_STEPS),
    /** The weights after `step` steps, in the Regions lab's layout. */
    net: z.object({ weights: z.array(z.unknown()), biases: z.array(z.unknown()), leak: finite.optional() }).strict(),
  })
  .strict();

/** Where a consistency check reports an issue (zod's refinement context, or a store's sink). */
interface Issues {
  addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string }): void;
}

/**
 * How the fields agree: a file's rows have `inputs` coordinates and one target each, labels 0/1
 * for classification, no bce on a regression set, a batch no larger than the training points, and
 * a network of widths inputs → hidden… → 1.
 */
export function trainingConsistency(s: z.infer<typeof trainingFields>, ctx: Issues): void {
  const { data } = s;
  if (data.kind === 'file') {
    const { inputs, x, y } = data.points;
    x.forEach((row, i) => {
      if (row.length !== inputs) ctx.addIssue({ code: 'custom', path: ['data', 'points', 'x', i], message: `expected ${inputs} coordinates, found ${row.length}` });
    });
    if (y.length !== x.length) ctx.addIssue({ code: 'custom', path: ['data', 'points', 'y'], message: `expected ${x.length} targets (one per point), found ${y.length}` });
    if (data.task === 'classification') {
      const bad = y.findIndex((v) => v !== 0 && v !== 1);
      if (bad >= 0) ctx.addIssue({ code: 'custom', path: ['data', 'points', 'y', bad], message: 'a classification label must be 0 or 1' });
    }
  }
  const regression = data.kind === 'file' ? data.task === 'regression' : (REGRESSION_SETS as readonly string[]).includes(data.kind);
  if (regression && s.loss === 'bce') ctx.addIssue({ code: 'custom', path: ['loss'], message: 'bce needs labels 0/1; a regression dataset trains with mse' });
  const total = data.kind === 'file' ? data.points.x.length : data.points;
  const train = Math.min(total - 1, Math.max(1, Math.round(total * data.trainFraction)));
  if (s.batchSize > train) ctx.addIssue({ code: 'custom', path: ['batchSize'], message: `expected at most ${train} (the training points), found ${s.batchSize}` });
  try {
    const flat = flattenNetwork(s.net as never);
    const expected = [dataInputs(data), ...s.hidden, 1];
    if (flat.widths.join('→') !== expected.join('→')) {
      ctx.addIssue({ code: 'custom', path: ['net'], message: `expected a ${expected.join('→')} network, found ${flat.widths.join('→')}` });
    }
  } catch (error) {
    if (!(error instanceof NetworkFormatError)) throw error;
    ctx.addIssue({ code: 'custom', path: ['net', ...pathSegments(error.path)], message: error.message.slice(error.path.length).trim() });
  }
}

/** The Training lab's state in a project (version 3 on): the fields, then how they agree. */
export const trainingState = trainingFields.superRefine((s, ctx) => trainingConsistency(s, ctx as unknown as Issues), {
  when: (payload) => payload.issues.length === 0,
});

export type TrainingState = z.infer<typeof trainingState>;
