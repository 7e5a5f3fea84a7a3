/**
 * From an imported tensor to the matrix a lab shows. The labs work on matrices; a file may hold a
 * scalar, a vector, a matrix or a stack of them, and the user picks which 2-D slice to look at.
 */
import { ShapeError } from '../errors.js';
import { elementCount } from './elements.js';

/**
 * The matrix of a tensor of `shape` whose values `data` are in C order: a scalar is 1×1; a vector
 * of n values is n×1 (a column) or, with `vector: 'row'`, 1×n; a matrix is itself; a tensor of
 * rank r > 2 gives the 2-D slice T[i₀, …, i_{r−3}, :, :] at the leading indices `slice` (all 0 when
 * omitted). Throws ShapeError when data.length ≠ product(shape), when `slice` has other than r − 2
 * entries, or an index is not an integer in [0, dim).
 * @example tensorToMatrix([2, 2, 3], data, [1]) // the second 2×3 matrix of the stack
 */
export function tensorToMatrix(
  shape: readonly number[],
  data: ArrayLike<number>,
  slice?: readonly number[],
  vector: 'column' | 'row' = 'column',
): number[][] {
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0) || elementCount(shape) !== data.length) {
    throw new ShapeError(`A tensor of shape [${shape.join(', ')}] cannot hold ${data.length} values.`);
  }
  if (shape.length === 0) return [[data[0]]];
  if (shape.length === 1) {
    const values = Array.from(data);
    return vector === 'row' ? [values] : values.map((v) => [v]);
  }
  const leading = shape.slice(0, -2);
  const index = slice ?? leading.map(() => 0);
  if (index.length !== leading.length) {
    const needed = `${leading.length} leading ${leading.length === 1 ? 'index' : 'indices'}`;
    throw new ShapeError(`A tensor of rank ${shape.length} needs ${needed} to pick a matrix, but ${index.length} were given.`);
  }
  let offset = 0;
  index.forEach((i, axis) => {
    if (!Number.isInteger(i) || i < 0 || i >= leading[axis]) {
      throw new ShapeError(`Index ${i} is out of range for axis ${axis} of size ${leading[axis]} (shape [${shape.join(', ')}]).`);
    }
    offset = offset * leading[axis] + i;
  });
  const [rows, cols] = shape.slice(-2);
  offset *= rows * cols;
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => data[offset + r * cols + c]));
}
