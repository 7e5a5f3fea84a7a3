// What bench/training.mjs builds: the trainer, the datasets and the seeded initialisation.
export { createTrainer, createTrainingSession, makeDataset } from '../src/training/index.js';
export { initNetwork } from '../src/regions/init.js';
