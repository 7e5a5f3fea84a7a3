/**
 * LoRA as linear algebra: the best rank-r update from the truncated SVD, its Eckart–Young errors
 * next to measured ones, the error-versus-rank curve, parameter counts, and seeded examples.
 */
export {
  bestRankApproximation, difference, eckartYoungErrors, eckartYoungTails, errorCurve, frobeniusNorm, measuredErrors,
  type ApproximationErrors, type FactorSplit, type LowRankApproximation, type RankError,
} from './lowRank.js';
export { MAX_LORA_DIMENSION, loraParameterCount, type LoraParameterCount } from './parameters.js';
export { exampleUpdate, gaussianMatrix, type ExampleUpdateOptions } from './example.js';
export { compressionCurve, compressionPayoff, type CompressionPayoff, type CompressionPoint, type CompressionTarget } from './compression.js';
