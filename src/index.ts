/**
 * Hinge's compute layer: pure TypeScript that takes and returns plain data. The renderer and the
 * main process import from here only.
 */
export * from './errors.js';
export * from './expression/index.js';
export * from './layer/index.js';
export * from './ipc/contract.js';
export * from './linalg/index.js';
export * from './formats/index.js';
export * from './checkpoint/index.js';
export * from './attention/index.js';
export * from './lora/index.js';
export * from './gradients/index.js';
export * from './regions/index.js';
export * from './project/index.js';
export * from './training/index.js';
