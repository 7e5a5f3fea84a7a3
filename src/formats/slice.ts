/**
 * From a tensor of any rank to the one matrix a lab looks at. A checkpoint holds scalars, vectors,
 * matrices and stacks of them (an attention block's [heads, d, d_head], a convolution's
 * [out, in, kh, kw]); the user picks which two axes become the rows and the columns and where
 * along every other axis to cut.
 */
import { ShapeError } from '../errors.js';
import { elementCount } from './elements.js';

/**
 * Which matrix to take from a tensor. For rank ≥ 2, `rowAxis` runs down the rows and `colAxis`
 * across the columns (rowAxis > colAxis gives the transpose of the C-order slice), and `index`
 * holds, for every axis, the position taken along it (its entries at rowAxis and colAxis are
 * ignored). For rank 1, `vector` says whether the n values form a 1×n row or an n×1 column; for
 * rank 0 the one value is a 1×1 matrix.
 */
export interface MatrixSelection {
  readonly rowAxis: number;
  readonly colAxis: number;
  readonly index: readonly number[];
  readonly vector: 'row' | 'column';
}

/** A matrix taken from a tensor: rows × cols values in C (row-major) order. */
export interface SlicedMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * The selection a tensor of `shape` opens with: its last two axes as rows and columns at index 0
 * along the others (numpy's `T[0, …, 0, :, :]`); a vector as a 1×n row.
 * @example defaultSelection([4, 3, 5]) // { rowAxis: 1, colAxis: 2, index: [0, 0, 0], vector: 'row' }
 */
export function defaultSelection(shape: readonly number[]): MatrixSelection {
  const rank = shape.length;
  return { rowAxis: Math.max(0, rank - 2), colAxis: Math.max(0, rank - 1), index: shape.map(() => 0), vector: 'row' };
}

/**
 * The size of the matrix `selection` takes from a tensor of `shape`: (shape[rowAxis],
 * shape[colAxis]) for rank ≥ 2, 1×n or n×1 for a vector, 1×1 for a scalar. Throws ShapeError for
 * a selection that does not fit the shape (see {@link sliceMatrix}).
 */
export function selectionSize(shape: readonly number[], selection: MatrixSelection): { rows: number; cols: number } {
  checkSelection(shape, selection);
  if (shape.length === 0) return { rows: 1, cols: 1 };
  if (shape.length === 1) return selection.vector === 'row' ? { rows: 1, cols: shape[0] } : { rows: shape[0], cols: 1 };
  return { rows: shape[selection.rowAxis], cols: shape[selection.colAxis] };
}

/**
 * The matrix M with M[i][j] = T[index with rowAxis = i and colAxis = j] of the tensor T of `shape`
 * whose values `data` are in C order: the element offset of a multi-index (a₀, …, a_{r−1}) is
 * Σ aₓ·strideₓ with strideₓ = Π_{y>x} shape[y], so M is read with strides stride[rowAxis] and
 * stride[colAxis] from the offset of the fixed indices. A scalar is 1×1, a vector 1×n or n×1.
 * Throws ShapeError when data.length ≠ Π shape, the two axes are equal or outside [0, rank),
 * `index` does not have one entry per axis, or a fixed index is not an integer in [0, dim).
 * @example sliceMatrix([2, 2, 3], data, { rowAxis: 1, colAxis: 2, index: [1, 0, 0], vector: 'row' }) // T[1, :, :]
 */
export function sliceMatrix(shape: readonly number[], data: ArrayLike<number>, selection: MatrixSelection): SlicedMatrix {
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0) || elementCount(shape) !== data.length) {
    throw new ShapeError(`A tensor of shape [${shape.join(', ')}] cannot hold ${data.length} values.`);
  }
  const { rows, cols } = selectionSize(shape, selection);
  const out = new Float64Array(rows * cols);
  if (shape.length < 2) {
    for (let i = 0; i < out.length; i++) out[i] = data[i];
    return { rows, cols, data: out };
  }
  const strides = cStrides(shape);
  let base = 0;
  selection.index.forEach((at, axis) => {
    if (axis !== selection.rowAxis && axis !== selection.colAxis) base += at * strides[axis];
  });
  const rowStride = strides[selection.rowAxis];
  const colStride = strides[selection.colAxis];
  let o = 0;
  for (let i = 0; i < rows; i++) {
    const rowStart = base + i * rowStride;
    if (colStride === 1) {
      for (let j = 0; j < cols; j++) out[o++] = data[rowStart + j];
    } else {
      for (let j = 0; j < cols; j++) out[o++] = data[rowStart + j * colStride];
    }
  }
  return { rows, cols, data: out };
}

/**
 * How a selection reads, for labels and project files: "the scalar", "as a 1×768 row", "the
 * whole matrix", "transposed", or for rank ≥ 3 the axes and numpy's slice notation,
 * "axes 1,2 at [2, :, :]" (rows from axis 1, columns from axis 2, at index 2 of axis 0).
 * @example describeSelection([4, 3, 5], { rowAxis: 2, colAxis: 1, index: [3, 0, 0], vector: 'row' }) // "axes 2,1 at [3, :, :]"
 */
export function describeSelection(shape: readonly number[], selection: MatrixSelection): string {
  checkSelection(shape, selection);
  const { rowAxis, colAxis, index } = selection;
  if (shape.length === 0) return 'the scalar';
  if (shape.length === 1) return selection.vector === 'row' ? `as a 1×${shape[0]} row` : `as a ${shape[0]}×1 column`;
  if (shape.length === 2) return rowAxis === 0 ? 'the whole matrix' : 'transposed';
  const at = index.map((v, axis) => (axis === rowAxis || axis === colAxis ? ':' : String(v)));
  return `axes ${rowAxis},${colAxis} at [${at.join(', ')}]`;
}

function cStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

function checkSelection(shape: readonly number[], selection: MatrixSelection): void {
  const rank = shape.length;
  const { rowAxis, colAxis, index, vector } = selection;
  if (rank === 1 && vector !== 'row' && vector !== 'column') {
    throw new ShapeError(`A vector becomes a 'row' or a 'column', not '${String(vector)}'.`);
  }
  if (rank < 2) return;
  for (const [name, axis] of [['row', rowAxis], ['column', colAxis]] as const) {
    if (!Number.isInteger(axis) || axis < 0 || axis >= rank) {
      throw new ShapeError(`The ${name} axis ${axis} does not exist: a tensor of shape [${shape.join(', ')}] has axes 0 to ${rank - 1}.`);
    }
  }
  if (rowAxis === colAxis) throw new ShapeError(`The rows and the columns must come from two different axes, not both from axis ${rowAxis}.`);
  if (index.length !== rank) {
    throw new ShapeError(`A tensor of rank ${rank} needs one index per axis, but ${index.length} were given.`);
  }
  index.forEach((at, axis) => {
    if (axis === rowAxis || axis === colAxis) return;
    if (!Number.isInteger(at) || at < 0 || at >= shape[axis]) {
      throw new ShapeError(`Index ${at} is out of range for axis ${axis} of size ${shape[axis]} (shape [${shape.join(', ')}]).`);
    }
  });
}
