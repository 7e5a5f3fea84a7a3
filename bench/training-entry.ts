// What bench/training.mjs builds: the trainer, the datasets and the seeded initialisation.
export { createTrainer, createTrainingSession, makeDataset } from '../src/training/index.js';
export { initNetwork } from '../src/regions/init.js';
// The 3D cells' drawing buffers, which the training worker builds for the page with each snapshot.
export { cellMesh } from '../renderer/labs/regions/cell-mesh.js';
