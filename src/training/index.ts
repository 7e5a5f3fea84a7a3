/**
 * The Training lab's compute layer: a trainer with PyTorch's update rules on flat buffers, seeded
 * datasets and the user's points, initialisation, metrics (loss, accuracy, spectra, gradient norms,
 * exact regions), LoRA and full fine-tuning, depth against width, and the session and play/pause
 * loop a worker runs.
 */
export * from './types.js';
export { TrainingDivergedError, TrainingSettingsError } from './errors.js';
export { createTrainer } from './trainer.js';
export { resolveOptimizer, type ResolvedOptimizer } from './optimizer.js';
export * from './datasets.js';
export { MAX_FILE_POINTS, parsePointsCsv, type PointsFile } from './points-csv.js';
export { depthWidthPair, initTrainingNetwork, parameterCount, type DepthWidthPair, type TrainingInitOptions } from './init.js';
export { accuracy, layerSpectra, trainedRegionCount, type LayerSpectrum } from './metrics.js';
export {
  createLoraTrainer, fineTuneParameterCounts, weightDeltas,
  type FineTuneParameterCounts, type LayerDelta, type LoraLayerAdapter, type LoraTrainer, type LoraTrainerOptions,
} from './lora.js';
export { createTrainingSession, loadTrainingData, type FileData, type SnapshotOptions, type TrainingSession, type TrainingSetup, type TrainingSnapshot } from './session.js';
export { MAX_REPLAY_STEPS, restoreTrainingSession, type RestoredSession } from './restore.js';
export { MAX_STEPS_PER_TICK, createTrainingLoop, type LoopHost, type LoopSnapshot, type TrainingLoop } from './loop.js';
export { createBatcher, type Batcher } from './batches.js';
export {
  MAX_FINE_TUNE_STEPS, fineTuneComparison, type FineTuneComparison, type FineTuneComparisonOptions, type FineTuneProgress, type FineTuneRun,
} from './fine-tune.js';
export { deltaEnergy, type DeltaEnergy } from './delta-energy.js';
