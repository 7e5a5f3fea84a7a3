/**
 * A training run as the lab's worker holds it: data from a seed (or the user's file), a network
 * initialised from a seed, shuffled mini-batches, and snapshots of the weights and every metric.
 */
import { mulberry32 } from '../random.js';
import type { InitScheme } from '../regions/init.js';
import { linearRegionsPacked } from '../regions/partition.js';
import type { Box, PackedRegions, ReluNet } from '../regions/types.js';
import { createBatcher } from './batches.js';
import { makeDataset, shuffleSplit, type Dataset, type DatasetOptions } from './datasets.js';
import { TrainingDivergedError, TrainingSettingsError } from './errors.js';
import { initTrainingNetwork } from './init.js';
import { accuracy, layerSpectra, trainedRegionCount, type LayerSpectrum } from './metrics.js';
import type { PointsFile } from './points-csv.js';
import { createTrainer } from './trainer.js';
import type { OptimizerSettings, Trainer, TrainingActivation, TrainingLoss } from './types.js';

/** The user's points in place of a generated dataset, split with the data seed. */
export interface FileData {
  readonly kind: 'file';
  readonly points: PointsFile;
  readonly task: 'classification' | 'regression';
  readonly trainFraction: number;
  readonly seed: number;
}

/** Everything that defines a run; the same setup gives the same weights bit for bit. */
export interface TrainingSetup {
  readonly data: DatasetOptions | FileData;
  readonly hidden: readonly number[];
  readonly activation: TrainingActivation;
  readonly leak?: number;
  readonly init: InitScheme;
  /** Multiplies the initial weights (see initTrainingNetwork); default 1. */
  readonly initScale?: number;
  /** Seed of the initial weights (the data has its own). */
  readonly seed: number;
  readonly loss: TrainingLoss;
  readonly optimizer: OptimizerSettings;
  readonly l2?: number;
  /** Examples per step, 1 … the number of training points. */
  readonly batchSize: number;
}

/** What the lab draws after some steps. */
export interface TrainingSnapshot {
  /** Steps taken since the start (or the last reset). */
  readonly step: number;
  readonly net: ReluNet;
  readonly trainLoss: number;
  readonly testLoss: number;
  /** Fraction classified right (classification only). */
  readonly trainAccuracy?: number;
  readonly testAccuracy?: number;
  /** Per weight layer: σ₁, σ_min, stable rank, condition number (and all σᵢ). */
  readonly spectra: LayerSpectrum[];
  /** Per weight layer: ‖∂L/∂W_l‖_F of the last step's batch (zeros before the first step). */
  readonly gradientNorms: number[];
  /** Exact linear regions in the box (ReLU family, when asked for). */
  readonly regionCount?: number;
  /** The partition itself, when asked for 'packed'. */
  readonly regions?: PackedRegions;
  /** Set once training diverged: the step and the message. */
  readonly diverged?: { readonly step: number; readonly message: string };
}

/** What snapshot() computes besides losses, spectra and gradient norms. */
export interface SnapshotOptions {
  /** 'count' the exact regions, or 'packed' to send the partition too; default 'none'. */
  readonly regions?: 'none' | 'count' | 'packed';
  /** The box the regions are counted in; default [−1, 1]^d. */
  readonly box?: Box;
}

/** A run: steps, snapshots, reset. */
export interface TrainingSession {
  readonly setup: TrainingSetup;
  readonly data: Dataset;
  /** Takes up to `steps` steps; returns how many were taken (fewer once training diverged). */
  run(steps: number): number;
  snapshot(options?: SnapshotOptions): TrainingSnapshot;
  /** Back to the initial network and the first batch. */
  reset(): void;
  steps(): number;
  diverged(): TrainingDivergedError | undefined;
}

/**
 * The points a run trains and tests on: makeDataset for a generated set, or the user's points
 * shuffled (Fisher–Yates with mulberry32(seed)) and split, the first round(n·trainFraction) for
 * training. The lab draws these very points. Throws TrainingSettingsError naming the bad field.
 */
export function loadTrainingData(data: DatasetOptions | FileData): Dataset {
  if (data.kind !== 'file') return makeDataset(data);
  const { points, task, trainFraction, seed } = data;
  if (!(Number.isFinite(trainFraction) && trainFraction > 0 && trainFraction < 1)) throw new TrainingSettingsError('data.trainFraction', `must be strictly between 0 and 1, not ${trainFraction}`);
  if (points.x.length < 2) throw new TrainingSettingsError('data.points', 'must hold at least 2 points');
  const split = shuffleSplit(points.x.map((p) => [...p]), [...points.y], trainFraction, mulberry32(seed));
  return { kind: 'file', inputs: points.inputs, task, ...split };
}

/**
 * A training run for `setup`: the dataset (makeDataset, or the user's points shuffled and split
 * with the data seed), the network from initTrainingNetwork, and a createTrainer with the setup's
 * activation, loss, optimiser and L2. Each epoch visits the training points in an order shuffled
 * by mulberry32(seed of the weights, then epoch after epoch), batchSize at a time (the last batch
 * of an epoch may be smaller). Batches reuse their arrays, so a step allocates nothing. `start`
 * replaces the seeded initial network (same shape; createTrainer checks it). Throws
 * TrainingSettingsError naming the field for bad settings, and for 'bce' with non-0/1 labels.
 */
export function createTrainingSession(setup: TrainingSetup, start?: ReluNet): TrainingSession {
  const data = loadTrainingData(setup.data);
  if (setup.loss === 'bce' && data.task === 'regression') throw new TrainingSettingsError('loss', 'is bce, which needs labels 0/1; a regression dataset needs mse');
  const n = data.train.x.length;
  const { batchSize } = setup;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > n) throw new TrainingSettingsError('batchSize', `must be a whole number from 1 to ${n} (the training points), not ${batchSize}`);
  const seeded = initTrainingNetwork({ inputs: data.inputs, hidden: setup.hidden, init: setup.init, seed: setup.seed, scale: setup.initScale });
  const initial = start ?? seeded;
  const shape = (net: ReluNet) => net.weights.map((W) => `${W.length}×${W[0]?.length ?? 0}`).join(' ');
  if (start && shape(start) !== shape(seeded)) throw new TrainingSettingsError('net', `has layers ${shape(start)}, but the setup makes ${shape(seeded)}`);
  const fresh = () => createTrainer({ net: initial, activation: setup.activation, leak: setup.leak, loss: setup.loss, optimizer: setup.optimizer, l2: setup.l2 });
  let trainer: Trainer = fresh();
  const batches = createBatcher(data.train, batchSize, setup.seed);
  let lastNorms: number[] = setup.hidden.map(() => 0).concat([0]);

  return {
    setup,
    data,
    run(steps) {
      let taken = 0;
      if (trainer.diverged()) return 0;
      for (; taken < steps; taken++) {
        const batch = batches.next();
        try {
          trainer.step(batch.x, batch.y);
        } catch (error) {
          if (error instanceof TrainingDivergedError) break;
          throw error;
        }
      }
      lastNorms = trainer.steps() === 0 ? lastNorms : trainer.gradientNorms();
      return taken;
    },
    snapshot(options = {}) {
      const net = trainer.net();
      const trainOut = trainer.predict(data.train.x);
      const testOut = data.test.x.length > 0 ? trainer.predict(data.test.x) : [];
      const classification = data.task === 'classification';
      const divergence = trainer.diverged();
      const mode = options.regions ?? 'none';
      const box = options.box ?? { min: Array(data.inputs).fill(-1), max: Array(data.inputs).fill(1) };
      let regionCount: number | undefined;
      let regions: PackedRegions | undefined;
      if (mode === 'packed' && (setup.activation === 'relu' || setup.activation === 'leaky-relu')) {
        regions = linearRegionsPacked(net, box);
        regionCount = regions.count;
      } else if (mode !== 'none') {
        regionCount = trainedRegionCount(net, setup.activation, box);
      }
      return {
        step: trainer.steps(),
        net,
        trainLoss: trainer.loss(data.train.x, data.train.y),
        testLoss: data.test.x.length > 0 ? trainer.loss(data.test.x, data.test.y) : NaN,
        ...(classification ? { trainAccuracy: accuracy(trainOut, data.train.y, setup.loss), testAccuracy: accuracy(testOut, data.test.y, setup.loss) } : {}),
        spectra: layerSpectra(net),
        gradientNorms: lastNorms,
        ...(regionCount === undefined ? {} : { regionCount }),
        ...(regions ? { regions } : {}),
        ...(divergence ? { diverged: { step: divergence.step, message: divergence.message } } : {}),
      };
    },
    reset() {
      trainer = fresh();
      batches.restart();
      lastNorms = lastNorms.map(() => 0);
    },
    steps: () => trainer.steps(),
    diverged: () => trainer.diverged(),
  };
}
