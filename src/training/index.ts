/**
 * The Training lab's compute layer: a trainer with PyTorch's update rules on flat buffers, seeded
 * datasets, initialisation, metrics (loss, accuracy, spectra, gradient norms, exact regions),
 * LoRA and full fine-tuning, depth against width, and the session a worker runs.
 */
export * from './types.js';
export { TrainingDivergedError, TrainingSettingsError } from './errors.js';
export { createTrainer } from './trainer.js';
export { resolveOptimizer, type ResolvedOptimizer } from './optimizer.js';
export * from './datasets.js';
