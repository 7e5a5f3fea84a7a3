// Choosing the matrix a lab sees from a tensor of any rank: the two axes and the cut along the rest.
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../../src/errors.js';
import { defaultSelection, describeSelection, selectionSize, sliceMatrix, type MatrixSelection } from '../../../src/formats/slice.js';
import { parseNpy } from '../../../src/formats/npy.js';
import { fixture } from './helpers.js';

const arange = (n: number) => Float64Array.from({ length: n }, (_, i) => i);
const rows = (m: { rows: number; cols: number; data: Float64Array }) =>
  Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
const pick = (rowAxis: number, colAxis: number, index: number[]): MatrixSelection => ({ rowAxis, colAxis, index, vector: 'row' });

describe('sliceMatrix of a rank-3 tensor', () => {
  // numpy: T = np.arange(24).reshape(2, 3, 4); the expected matrices are T[1], T[:, 2, :], T[:, 2, :].T, T[:, :, 3].
  const shape = [2, 3, 4];
  const T = arange(24);

  it('takes T[1] with the last two axes', () => {
    expect(rows(sliceMatrix(shape, T, pick(1, 2, [1, 0, 0])))).toEqual([[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]]);
  });

  it('takes T[:, 2, :] with axes 0 and 2, and its transpose when the axes swap', () => {
    expect(rows(sliceMatrix(shape, T, pick(0, 2, [0, 2, 0])))).toEqual([[8, 9, 10, 11], [20, 21, 22, 23]]);
    expect(rows(sliceMatrix(shape, T, pick(2, 0, [0, 2, 0])))).toEqual([[8, 20], [9, 21], [10, 22], [11, 23]]);
  });

  it('takes T[:, :, 3] with axes 0 and 1', () => {
    expect(rows(sliceMatrix(shape, T, pick(0, 1, [0, 0, 3])))).toEqual([[3, 7, 11], [15, 19, 23]]);
  });

  it('ignores the index entries of the two chosen axes', () => {
    expect(sliceMatrix(shape, T, pick(1, 2, [1, 2, 3]))).toEqual(sliceMatrix(shape, T, pick(1, 2, [1, 0, 0])));
  });

  it('slices a Fortran-ordered big-endian .npy fixture exactly as numpy indexes it', () => {
    // fortran_f4_be_2x3x4.npy (make_fixtures.py): np.load(...) gives a[1], a[:, :, 2] and a[:, 1, :].T below.
    const npy = parseNpy(fixture('fortran_f4_be_2x3x4.npy'));
    expect(rows(sliceMatrix(npy.shape, npy.data, pick(1, 2, [1, 0, 0])))).toEqual([[3, 3.5, 4, 4.5], [5, 5.5, 6, 6.5], [7, 7.5, 8, 8.5]]);
    expect(rows(sliceMatrix(npy.shape, npy.data, pick(0, 1, [0, 0, 2])))).toEqual([[-2, 0, 2], [4, 6, 8]]);
    expect(rows(sliceMatrix(npy.shape, npy.data, pick(2, 0, [0, 1, 0])))).toEqual([[-1, 5], [-0.5, 5.5], [0, 6], [0.5, 6.5]]);
  });
});

describe('sliceMatrix of small ranks', () => {
  it('makes a scalar 1×1 and a vector a row or a column', () => {
    expect(rows(sliceMatrix([], [7], defaultSelection([])))).toEqual([[7]]);
    expect(rows(sliceMatrix([3], [1, 2, 3], { ...defaultSelection([3]), vector: 'row' }))).toEqual([[1, 2, 3]]);
    expect(rows(sliceMatrix([3], [1, 2, 3], { ...defaultSelection([3]), vector: 'column' }))).toEqual([[1], [2], [3]]);
  });

  it('takes a matrix as it is, or transposed', () => {
    expect(rows(sliceMatrix([2, 3], arange(6), pick(0, 1, [0, 0])))).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(rows(sliceMatrix([2, 3], arange(6), pick(1, 0, [0, 0])))).toEqual([[0, 3], [1, 4], [2, 5]]);
  });
});

describe('refusals', () => {
  const shape = [2, 3, 4];
  it('names the problem with a ShapeError', () => {
    expect(() => sliceMatrix(shape, arange(23), pick(1, 2, [0, 0, 0]))).toThrow(/cannot hold 23 values/);
    expect(() => sliceMatrix(shape, arange(24), pick(1, 1, [0, 0, 0]))).toThrow(/two different axes/);
    expect(() => sliceMatrix(shape, arange(24), pick(1, 3, [0, 0, 0]))).toThrow(/axis 3 does not exist/);
    expect(() => sliceMatrix(shape, arange(24), pick(1, 2, [0, 0]))).toThrow(/one index per axis/);
    expect(() => sliceMatrix(shape, arange(24), pick(1, 2, [2, 0, 0]))).toThrow(/Index 2 is out of range for axis 0 of size 2/);
    expect(() => sliceMatrix(shape, arange(24), pick(1, 2, [0.5, 0, 0]))).toThrow(ShapeError);
    expect(() => sliceMatrix([3], arange(3), { ...defaultSelection([3]), vector: 'diagonal' as 'row' })).toThrow(ShapeError);
  });
});

describe('describeSelection and selectionSize', () => {
  it('reads as numpy slice notation for stacks', () => {
    expect(describeSelection([4, 3, 5], pick(1, 2, [2, 0, 0]))).toBe('axes 1,2 at [2, :, :]');
    expect(describeSelection([4, 3, 5], pick(2, 0, [0, 1, 0]))).toBe('axes 2,0 at [:, 1, :]');
    expect(describeSelection([6, 4, 3, 5], pick(0, 3, [0, 1, 2, 0]))).toBe('axes 0,3 at [:, 1, 2, :]');
    expect(describeSelection([3, 5], pick(0, 1, [0, 0]))).toBe('the whole matrix');
    expect(describeSelection([3, 5], pick(1, 0, [0, 0]))).toBe('transposed');
    expect(describeSelection([768], { ...defaultSelection([768]), vector: 'column' })).toBe('as a 768×1 column');
    expect(describeSelection([], defaultSelection([]))).toBe('the scalar');
  });

  it('gives the size of the matrix chosen', () => {
    expect(selectionSize([4, 3, 5], pick(2, 0, [0, 1, 0]))).toEqual({ rows: 5, cols: 4 });
    expect(selectionSize([7], defaultSelection([7]))).toEqual({ rows: 1, cols: 7 });
    expect(defaultSelection([4, 3, 5])).toEqual({ rowAxis: 1, colAxis: 2, index: [0, 0, 0], vector: 'row' });
  });
});

// Every entry of the slice is the tensor's element at the multi-index with the two axes free.
fcTest.prop([
  fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 5 }).chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      axes: fc.uniqueArray(fc.integer({ min: 0, max: shape.length - 1 }), { minLength: 2, maxLength: 2 }),
      index: fc.tuple(...shape.map((d) => fc.integer({ min: 0, max: d - 1 }))),
    }),
  ),
])('agrees with indexing element by element', ({ shape, axes, index }) => {
  const count = shape.reduce((a, b) => a * b, 1);
  const data = arange(count).map((v) => v * 1.5 - 7);
  const [rowAxis, colAxis] = axes as [number, number];
  const m = sliceMatrix(shape, data, pick(rowAxis, colAxis, index));
  const offset = (multi: number[]) => multi.reduce((acc, v, axis) => acc * shape[axis]! + v, 0);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const multi = [...index];
      multi[rowAxis] = i;
      multi[colAxis] = j;
      expect(m.data[i * m.cols + j]).toBe(data[offset(multi)]);
    }
  }
});
