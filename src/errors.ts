/**
 * Typed errors of Hinge's compute layer. Each carries where the problem is so the view can show it
 * at that place: a character offset in typed text, or a cell of a matrix.
 */

/** Why a typed expression was refused; the view picks its wording and highlight from this. */
export type ExpressionErrorKind =
  | 'empty'
  | 'too-long'
  | 'syntax'
  | 'not-allowed'
  | 'too-large'
  | 'not-real'
  | 'non-finite'
  | 'shape';

/**
 * Where an expression went wrong: `index` is the 0-based character offset in the typed text,
 * `row`/`col` the 0-based cell of the result. Messages count from 1, as people do.
 */
export interface ExpressionErrorWhere {
  readonly index?: number;
  readonly row?: number;
  readonly col?: number;
}

/** A refusal of something the user typed, worded for a student and pointing at the culprit. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  readonly kind: ExpressionErrorKind;
  readonly where: ExpressionErrorWhere;

  constructor(message: string, kind: ExpressionErrorKind, where: ExpressionErrorWhere = {}) {
    super(message);
    this.kind = kind;
    this.where = Object.freeze({ ...where });
  }
}

/**
 * A mathematical function was called with operands of incompatible or unsupported sizes; the
 * message names the sizes. This is a programming error in the caller, not a user-input problem.
 */
export class ShapeError extends RangeError {
  override readonly name = 'ShapeError';

  constructor(message: string) {
    super(message);
  }
}
