/** The maths of one dense layer: W x + b, its activation, how it scales space, and its animation. */
export type { Matrix, Vector } from './types.js';
export { matVec, matMul, transpose, applyLayer, composeLayers } from './linear.js';
export { determinant, determinantScaled, rank, scaledValue, volumeFactor, type ScaledNumber, type VolumeFactor } from './determinant.js';
export { ACTIVATIONS, DEFAULT_LEAK, activate, gelu, sigmoid, type Activation } from './activation.js';
export { erf, erfc, normalCdf } from './erf.js';
export { layerAtTime, transformPointsInto } from './animation.js';
export { PRESETS, presetMatrix, seededRandomMatrix, type PresetName } from './presets.js';
export { formatNumber, formatScaled } from './format.js';
