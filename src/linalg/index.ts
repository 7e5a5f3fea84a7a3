/**
 * Dense linear algebra on plain data: the singular value decomposition (with progress and
 * cancellation), the randomized SVD for the top k of a large matrix, what a spectrum says, the
 * SVD as an animation, rotations that can be interpolated, and the typed errors of all of these.
 */
export { singularValues, svd, svdFloat64, type Svd, type SvdFloat64, type SvdOptions } from './svd.js';
export {
  MAX_RANDOMIZED_RANK, randomizedSvd,
  type RandomizedSvd, type RandomizedSvdOptions, type RandomizedSvdPhase,
} from './randomized-svd.js';
export type { SvdPhase } from './progress.js';
export { conditionNumber, rankAndCondition, significantCount, supportedDigits, spectrumSummary, type SpectrumSummary } from './spectrum.js';
export { maskedProductChain } from './productChain.js';
export { kernelStatus, useWasmKernels } from './wasm/module.js';
export {
  svdAnimation, svdMatrixAt, svdStageMatrixAt,
  type SvdAnimation, type SvdStage, type SvdStageKind,
} from './svd-stages.js';
export { quaternionFromRotation, rotationFromQuaternion, rotationPower, type Quaternion } from './rotation.js';
export { CancelledError, NonFiniteError, NotConvergedError } from './errors.js';
