/**
 * Typed errors of the linear-algebra kernels. They carry the place of the problem (a cell of the
 * matrix) so the view can point at it; messages count rows and columns from 1, as people do.
 */

/**
 * A matrix entry is NaN or ±Infinity. Raised before any kernel runs, because a single non-finite
 * entry silently turns every singular value and vector into NaN. `row` and `col` are 0-based.
 */
export class NonFiniteError extends RangeError {
  override readonly name = 'NonFiniteError';
  readonly row: number;
  readonly col: number;

  constructor(row: number, col: number, value: unknown) {
    const shown =
      typeof value !== 'number' ? 'not a number' : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    super(`Entry (row ${row + 1}, column ${col + 1}) is ${shown} — every entry must be a finite number.`);
    this.row = row;
    this.col = col;
  }
}

/**
 * An iterative method used up its iteration budget before converging. The budget exists so that
 * a pathological input can never hang the app; `iterations` is how many were spent.
 */
export class NotConvergedError extends Error {
  override readonly name = 'NotConvergedError';
  readonly iterations: number;

  constructor(message: string, iterations: number) {
    super(message);
    this.iterations = iterations;
  }
}

/**
 * A long computation stopped because its caller aborted it (through the `signal` option). Not a
 * failure of the mathematics: the view simply drops the half-done result. The input is untouched.
 */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';

  constructor(message = 'The computation was cancelled.') {
    super(message);
  }
}
