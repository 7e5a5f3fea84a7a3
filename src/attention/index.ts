/**
 * Attention as linear algebra: tokens embedded as vectors, projected to queries, keys and values,
 * scored by inner products, weighted by a softmax, averaged; and the pieces the views need.
 */
export { attention, type AttentionOptions, type AttentionResult } from './attention.js';
export { softmax, rowEntropy } from './softmax.js';
export { tokenize, MAX_TOKENS, MAX_SENTENCE_LENGTH, type TextToken } from './tokenize.js';
export { embedTokens, hashText, positionalEncoding, seededWeights, tokenEmbedding } from './embedding.js';
export { convexHull2d, principalProjection, projectPoint, type PrincipalProjection } from './projection.js';
export { NaNScoreError, TokenizeError, type TokenizeErrorKind } from './errors.js';
