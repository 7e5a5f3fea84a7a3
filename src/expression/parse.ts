/**
 * Reading what a user types into a matrix, vector or number field. Every input goes through the
 * same gate: empty and length checks, mathjs's parser, a walk of the parse tree that refuses
 * anything outside the allow-list, a size-checked evaluation, and a check that the result is a
 * finite real value of the wanted shape.
 */
import { ExpressionError } from '../errors.js';
import { toPlainValue, type PlainValue } from './convert.js';
import { interpret } from './interpret.js';
import { EXPRESSION_LIMITS, evaluationLimits } from './limits.js';
import type { AnyNode } from './nodes.js';
import { parseExpression } from './safeMath.js';
import { translateSyntaxError } from './syntaxError.js';
import { findDeepNesting } from './textScan.js';
import { checkTree } from './walk.js';

/** What every parser accepts: how big values may get, and the seed of `random`/`randn`. */
export interface ExpressionOptions {
  /**
   * Most entries of any value, intermediate or final (default EXPRESSION_LIMITS.maxEntries,
   * 10 000); the work budget grows with it (see evaluationLimits). Refusals happen before
   * anything of that size is built.
   */
  readonly maxEntries?: number;
  /**
   * Seed of `random(m, n)` (uniform in [0, 1)) and `randn(m, n)` (standard normal), default 1: the
   * same text with the same seed always gives the same numbers. A whole number, used modulo 2³².
   */
  readonly seed?: number;
}

export interface MatrixParseOptions extends ExpressionOptions {
  /** Most rows accepted (default 64). */
  readonly maxRows?: number;
  /** Most columns accepted (default 64). */
  readonly maxCols?: number;
}

export interface VectorParseOptions extends ExpressionOptions {
  /** The exact number of entries required, if any. */
  readonly length?: number;
  /** Most entries accepted (default 64). */
  readonly maxLength?: number;
}

const DEFAULT_MAX_SIZE = 64;

/**
 * Parse typed text into a real m×n matrix (m, n ≥ 1) as fresh `number[][]`, row-major. Accepts
 * mathjs syntax such as `[[1, 2], [3, 4]]`, `[1, 2; 3, 4]`, `2*eye(2)` or `inv([2, 0; 0, 4])`, where
 * `[a; b]` stacks rows and `A*B` is the matrix product. A bare list `[1, 2]` is refused: a single
 * row is written `[[1, 2]]`. `random(m, n)` and `randn(m, n)` give seeded random matrices (see
 * ExpressionOptions.seed): sized like `zeros`, so `random(3)` is a list and `random()` one number.
 * Throws ExpressionError ('shape' for wrong sizes, 'too-large' over maxEntries), RangeError for
 * invalid options.
 * @example parseMatrix('[1, 2; 3, 4]') // [[1, 2], [3, 4]]
 * @example parseMatrix('randn(512, 512)', { maxEntries: 2048 * 2048, maxRows: 2048, maxCols: 2048 })
 */
export function parseMatrix(text: string, options: MatrixParseOptions = {}): number[][] {
  const maxRows = options.maxRows ?? DEFAULT_MAX_SIZE;
  const maxCols = options.maxCols ?? DEFAULT_MAX_SIZE;
  const { shape, data } = evaluateText(text, 'Type a matrix, for example [[1, 0], [0, 1]].', options);
  if (shape.length === 0) {
    throw new ExpressionError('This is a single number; a matrix needs rows, like [[1, 2], [3, 4]] (or [[5]] for 1×1).', 'shape');
  }
  if (shape.length === 1) {
    throw new ExpressionError(
      `This is a list of ${shape[0]} numbers, not a matrix: a matrix needs rows, so write one row as [[1, 2]].`,
      'shape',
    );
  }
  if (shape.length > 2) {
    throw new ExpressionError(`This has ${shape.length} dimensions (${shape.join('×')}); a matrix has only rows and columns.`, 'shape');
  }
  const [rows, cols] = shape;
  // Never below 1: a size that is not a whole count (a bug in a function, say) must not pass as a matrix.
  if (!(rows >= 1 && cols >= 1) || (data as unknown[]).length !== rows) {
    throw new ExpressionError('The matrix is empty; it needs at least one row and one column.', 'shape');
  }
  if (rows > maxRows || cols > maxCols) {
    throw new ExpressionError(
      `The matrix is ${rows}×${cols}, but here it may have 1 to ${maxRows} rows and 1 to ${maxCols} columns.`,
      'shape',
    );
  }
  return data as number[][];
}

/**
 * Parse typed text into a real vector as a fresh `number[]`. A list `[1, 2]`, a column `[1; 2]` or
 * `[[1], [2]]`, and a single row `[[1, 2]]` all give [1, 2]. Throws ExpressionError ('shape' for
 * wrong lengths; a bad entry i of a list is reported at `where` {row: i, col: 0}).
 * @example parseVector('[1; 2]', { length: 2 }) // [1, 2]
 */
export function parseVector(text: string, options: VectorParseOptions = {}): number[] {
  const maxLength = options.maxLength ?? DEFAULT_MAX_SIZE;
  const plain = evaluateText(text, 'Type a vector, for example [1, 2].', options);
  const values = vectorEntries(plain);
  if (values.length === 0) throw new ExpressionError('The vector is empty; it needs at least one entry.', 'shape');
  if (options.length !== undefined && values.length !== options.length) {
    throw new ExpressionError(`The vector has ${values.length} ${plural(values.length)} but ${options.length} are needed here.`, 'shape');
  }
  if (values.length > maxLength) {
    throw new ExpressionError(`The vector has ${values.length} entries; here it may have at most ${maxLength}.`, 'shape');
  }
  return values;
}

function vectorEntries({ shape, data }: PlainValue): number[] {
  if (shape.length === 1) return data as number[];
  if (shape.length === 2 && shape[1] === 1) return (data as number[][]).map((row) => row[0]);
  if (shape.length === 2 && shape[0] === 1) return (data as number[][])[0];
  if (shape.length === 0) {
    throw new ExpressionError('This is a single number; a vector is written in brackets, like [1, 2].', 'shape');
  }
  throw new ExpressionError(`This is ${shape.join('×')}; a vector has a single row or a single column.`, 'shape');
}

/**
 * Parse typed text into one finite real number, e.g. `cos(pi/6)`, `-1/3`, `2e-3` or `sqrt(2)/2`.
 * Throws ExpressionError ('shape' if the text describes a vector or matrix).
 * @example parseScalar('sqrt(2)/2') // 0.7071067811865476
 */
export function parseScalar(text: string, options: ExpressionOptions = {}): number {
  const { shape, data } = evaluateText(text, 'Type a number, for example 0.5 or pi/6.', options);
  if (shape.length > 0) {
    const what = shape.length === 1 ? `a list of ${shape[0]}` : `a ${shape.join('×')} array`;
    throw new ExpressionError(`This is ${what}; a single number is needed here, without brackets.`, 'shape');
  }
  return data as number;
}

/** The shared gate: checks in the documented order, then evaluation within the limits. */
function evaluateText(text: string, emptyMessage: string, options: ExpressionOptions): PlainValue {
  const limits = evaluationLimits(options.maxEntries);
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}.`);
  if (typeof text !== 'string' || text.trim() === '') throw new ExpressionError(emptyMessage, 'empty');
  if (text.length > EXPRESSION_LIMITS.maxTextLength) {
    throw new ExpressionError(
      `The expression has ${text.length} characters; the limit is ${EXPRESSION_LIMITS.maxTextLength}.`,
      'too-long',
    );
  }
  // mathjs's parser recurses once per bracket level; refuse deep nesting before it can overflow.
  const deep = findDeepNesting(text, EXPRESSION_LIMITS.maxDepth);
  if (deep !== undefined) {
    throw new ExpressionError(
      `Brackets are nested more than ${EXPRESSION_LIMITS.maxDepth} levels deep at character ${deep + 1}.`,
      'too-large',
      { index: deep },
    );
  }
  let tree: AnyNode;
  try {
    tree = parseExpression(text) as AnyNode;
  } catch (error) {
    throw translateSyntaxError(text, error);
  }
  if (tree.type === 'ConstantNode' && (tree as { value?: unknown }).value === undefined) {
    throw new ExpressionError(emptyMessage, 'empty');
  }
  return toPlainValue(interpret(checkTree(tree, text), text, { limits, seed }));
}

function plural(n: number): string {
  return n === 1 ? 'entry' : 'entries';
}
