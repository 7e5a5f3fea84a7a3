// What bench/lora-slider.mjs builds: the LoRA lab's arithmetic before (the analysis per rank on the
// main thread) and after (a decomposition once per ΔW, recombined per rank).
export { bestRankApproximation, difference, eckartYoungErrors, errorCurve, exampleUpdate, frobeniusNorm, gaussianMatrix, measuredErrors } from '../src/lora/index.js';
export { svd } from '../src/linalg/index.js';
export { decomposeUpdate, measuredSpectral, rankView } from '../renderer/labs/lora/lora-decomposition.js';
