/** Reading what users type: the locked-down mathjs parser behind every matrix, vector and number field. */
export { parseMatrix, parseScalar, parseVector, type MatrixParseOptions, type VectorParseOptions } from './parse.js';
export { EXPRESSION_LIMITS } from './limits.js';
