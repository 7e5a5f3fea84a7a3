/**
 * The Training lab's fine-tuning experiment: from one pretrained network, a full fine-tune and
 * LoRA fine-tunes of several ranks on the same new task, the same batches, the same number of
 * steps — their losses, what the full fine-tune changed (ΔW and its singular values), and how
 * many numbers each trained.
 */
import type { ReluNet } from '../regions/types.js';
import { createBatcher } from './batches.js';
import type { Dataset } from './datasets.js';
import { TrainingDivergedError, TrainingSettingsError } from './errors.js';
import { parameterCount } from './init.js';
import { createLoraTrainer, weightDeltas, type LayerDelta } from './lora.js';
import { createTrainer } from './trainer.js';
import type { Trainer, TrainerOptions } from './types.js';

/** The trainer's options (`net` is the pretrained network) and the experiment's. */
export interface FineTuneComparisonOptions extends TrainerOptions {
  /** The new task (e.g. shiftedDataset of the pretraining data). */
  readonly data: Dataset;
  readonly batchSize: number;
  /** Steps of every run, 1–20 000. */
  readonly steps: number;
  /** The layers LoRA adapts. */
  readonly layers: readonly number[];
  /** The LoRA ranks to try. */
  readonly ranks: readonly number[];
  /** Seed of the batch order and of LoRA's A. */
  readonly seed: number;
}

/** One fine-tuning run. */
export interface FineTuneRun {
  /** The batch loss before each step. */
  readonly losses: number[];
  /** Mean loss on the whole training set and on the test set at the end. */
  readonly trainLoss: number;
  readonly testLoss: number;
  readonly net: ReluNet;
  /** How many numbers the run trained. */
  readonly trainedParameters: number;
  /** The step at which the run diverged, if it did (it stopped there). */
  readonly divergedAt?: number;
}

export interface FineTuneComparison {
  readonly full: FineTuneRun & { readonly deltas: LayerDelta[] };
  readonly lora: (FineTuneRun & { readonly rank: number })[];
}

/** The most steps of one run. */
export const MAX_FINE_TUNE_STEPS = 20_000;

/** Reports progress: `done` of `total` steps over all runs (the full run first, then each rank). */
export type FineTuneProgress = (done: number, total: number) => void;

/** Steps between two progress reports. */
const REPORT_EVERY = 250;

function runSteps(trainer: Trainer, options: FineTuneComparisonOptions, trainedParameters: number, report: (taken: number) => void): FineTuneRun {
  const { data, batchSize, steps, seed } = options;
  const batches = createBatcher(data.train, batchSize, seed);
  const losses: number[] = [];
  let divergedAt: number | undefined;
  for (let s = 0; s < steps; s++) {
    if (s > 0 && s % REPORT_EVERY === 0) report(s);
    const batch = batches.next();
    try {
      losses.push(trainer.step(batch.x, batch.y));
    } catch (error) {
      if (!(error instanceof TrainingDivergedError)) throw error;
      divergedAt = error.step;
      break;
    }
  }
  return {
    losses,
    trainLoss: trainer.loss(data.train.x, data.train.y),
    testLoss: data.test.x.length > 0 ? trainer.loss(data.test.x, data.test.y) : NaN,
    net: trainer.net(),
    trainedParameters,
    ...(divergedAt === undefined ? {} : { divergedAt }),
  };
}

/**
 * Fine-tunes `net` on `data` fully (every weight and bias, createTrainer) and with rank-r LoRA on
 * `layers` for each r in `ranks` (createLoraTrainer, A from `seed`), each run for `steps` steps on
 * the same batches (createBatcher with `seed`) with the same optimiser, loss and L2. Returns each
 * run's losses, final train and test loss, network and trained-parameter count (all weights and
 * biases Σ(n_{l−1} + 1)n_l for the full run, Σ r(n_l + n_{l−1}) for LoRA), and for the full run
 * ΔW per layer with its singular values (weightDeltas) — whether the full update is low-rank.
 * `onProgress` hears (steps done, steps of all runs) every 250 steps and after each run.
 * Throws TrainingSettingsError naming `steps`, `batchSize` or `ranks`, and the trainers' errors.
 * @example fineTuneComparison({ net, loss: 'bce', optimizer, data: shifted, batchSize: 10, steps: 500, layers: [1], ranks: [1, 2, 4], seed: 1 }).lora.map((r) => r.testLoss)
 */
export function fineTuneComparison(options: FineTuneComparisonOptions, onProgress?: FineTuneProgress): FineTuneComparison {
  const { net, data, batchSize, steps, ranks } = options;
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_FINE_TUNE_STEPS) throw new TrainingSettingsError('steps', `must be a whole number from 1 to ${MAX_FINE_TUNE_STEPS}, not ${steps}`);
  const n = data.train.x.length;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > n) throw new TrainingSettingsError('batchSize', `must be a whole number from 1 to ${n} (the training points), not ${batchSize}`);
  if (!Array.isArray(ranks) || ranks.length === 0) throw new TrainingSettingsError('ranks', 'must list at least one rank');
  const common = { activation: options.activation, leak: options.leak, loss: options.loss, optimizer: options.optimizer, l2: options.l2 };
  const widths = [net.weights[0]?.[0]?.length ?? 0, ...net.weights.slice(0, -1).map((W) => W.length)];
  const total = steps * (1 + ranks.length);
  const reporter = (run: number) => (taken: number) => onProgress?.(run * steps + taken, total);
  const fullTrainer = createTrainer({ net, ...common });
  // Every rank is checked before the first step, so a refused rank costs no training.
  const loraTrainers = ranks.map((rank) => createLoraTrainer({ net, ...common, layers: options.layers, rank, seed: options.seed }));
  const full = runSteps(fullTrainer, options, parameterCount(widths[0], widths.slice(1)), reporter(0));
  onProgress?.(steps, total);
  const lora = ranks.map((rank, i) => {
    const trainer = loraTrainers[i];
    const run = { rank, ...runSteps(trainer, options, trainer.trainedParameters, reporter(i + 1)) };
    onProgress?.((i + 2) * steps, total);
    return run;
  });
  return { full: { ...full, deltas: weightDeltas(net, full.net) }, lora };
}
