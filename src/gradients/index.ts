/**
 * Gradients as linear algebra: backprop through one layer is a product with Wᵀ, and through a deep
 * chain a product with the transposed Jacobian D_L W_L ⋯ D₁W₁, whose scale decides whether
 * gradients vanish, stay stable or explode.
 */
export { linearBackward, linearLayerGradients, type LinearLayerGradients } from './backprop.js';
export { WEIGHT_INITS, criticalScale, initialWeight, orthogonalMatrix, type WeightInit } from './init.js';
export {
  MAX_CHAIN_DEPTH, MAX_CHAIN_WIDTH, backpropChain, chainCost, chainSetup, checkChainConfig, jacobianProduct, norm as vectorNorm,
  runChain,
  type ChainConfig, type ChainOptions, type ChainPass, type ChainPhase, type ChainResult,
} from './chain.js';
