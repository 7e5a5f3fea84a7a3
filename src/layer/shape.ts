/**
 * Size checks shared by the layer maths. Every public function validates its operands here, so a
 * ragged or mismatched input fails with a ShapeError naming the sizes instead of producing NaN.
 */
import { ShapeError } from '../errors.js';
import type { Matrix, Vector } from './types.js';

export interface Size {
  readonly rows: number;
  readonly cols: number;
}

/** Rows and columns of a rectangular matrix; `[]` is 0×0. */
export function sizeOf(A: Matrix, name: string): Size {
  const rows = A.length;
  const cols = rows === 0 ? 0 : A[0].length;
  for (let i = 1; i < rows; i++) {
    if (A[i].length !== cols) {
      throw new ShapeError(`${name}: row ${i + 1} has ${A[i].length} entries but row 1 has ${cols}.`);
    }
  }
  return { rows, cols };
}

/** A size as people write it, `2×3`, for error messages. */
export function describe({ rows, cols }: Size): string {
  return `${rows}×${cols}`;
}

/** Throw a ShapeError with the given message unless v has exactly `length` entries. */
export function requireLength(v: Vector, length: number, message: () => string): void {
  if (v.length !== length) throw new ShapeError(message());
}

/** A rows×cols matrix of zeros as fresh arrays. */
export function zeroMatrix(rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}
