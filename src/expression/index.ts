/** Reading what users type: the locked-down mathjs parser behind every matrix, vector and number field. */
export {
  parseMatrix, parseScalar, parseVector,
  type ExpressionOptions, type MatrixParseOptions, type VectorParseOptions,
} from './parse.js';
export { EXPRESSION_LIMITS, evaluationLimits, type EvaluationLimits } from './limits.js';
