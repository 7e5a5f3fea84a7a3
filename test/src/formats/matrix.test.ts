// From a parsed tensor to a lab's matrix (scalars, vectors, matrices, slices of stacks), and the
// size cap that refuses a file before it is read.
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../../src/errors.js';
import { FormatError, MAX_IMPORT_BYTES, checkImportSize } from '../../../src/formats/errors.js';
import { parseDelimited } from '../../../src/formats/delimited.js';
import { tensorToMatrix } from '../../../src/formats/matrix.js';
import { parseNpy } from '../../../src/formats/npy.js';
import { parseSafetensors } from '../../../src/formats/safetensors.js';
import { expected, fixture } from './helpers.js';

describe('tensorToMatrix', () => {
  it('makes a scalar 1×1, a vector a column (or a row), a matrix itself', () => {
    expect(tensorToMatrix([], [7])).toEqual([[7]]);
    expect(tensorToMatrix([3], [1, 2, 3])).toEqual([[1], [2], [3]]);
    expect(tensorToMatrix([3], [1, 2, 3], undefined, 'row')).toEqual([[1, 2, 3]]);
    expect(tensorToMatrix([2, 3], [1, 2, 3, 4, 5, 6])).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('keeps empty shapes: (0, 3) has no rows, (3, 0) has three empty ones', () => {
    expect(tensorToMatrix([0, 3], [])).toEqual([]);
    expect(tensorToMatrix([3, 0], [])).toEqual([[], [], []]);
    expect(tensorToMatrix([0], [])).toEqual([]);
  });

  it('slices a stack at its leading indices, the first matrix by default', () => {
    // numpy: np.arange(24).reshape(2, 3, 4)*0.5 - 3, saved as cube_f8.npy; cube[1] starts at 12*0.5-3 = 3.
    const cube = parseNpy(fixture('cube_f8.npy'));
    const values = expected.npy['cube_f8.npy'].values;
    expect(tensorToMatrix(cube.shape, cube.data)).toEqual([0, 1, 2].map((r) => values.slice(4 * r, 4 * r + 4)));
    expect(tensorToMatrix(cube.shape, cube.data, [1])[0]).toEqual([3, 3.5, 4, 4.5]);
    const stack = Array.from({ length: 2 * 3 * 2 * 2 }, (_, k) => k);
    expect(tensorToMatrix([2, 3, 2, 2], stack, [1, 2])).toEqual([[20, 21], [22, 23]]);
  });

  it('slices a BF16 tensor read from a safetensors file', () => {
    const file = parseSafetensors(fixture('mixed.safetensors'));
    const qkv = file.tensors.find((t) => t.name === 'attn.qkv')!;
    const want = expected.safetensors['mixed.safetensors'].tensors['attn.qkv'].values!;
    expect(tensorToMatrix(qkv.shape, file.read('attn.qkv'), [1])).toEqual([0, 1, 2].map((r) => want.slice(12 + 4 * r, 16 + 4 * r)));
  });

  it.each([
    ['an index past the end', [2, 3, 4], [2], 'out of range for axis 0 of size 2'],
    ['a negative index', [2, 3, 4], [-1], 'out of range'],
    ['a fractional index', [2, 3, 4], [0.5], 'out of range'],
    ['too many indices', [2, 3, 4], [0, 0], 'needs 1 leading index to pick'],
    ['too few indices', [2, 2, 3, 4], [0], 'needs 2 leading indices'],
    ['a stack with no matrices in it', [0, 3, 4], undefined, 'out of range for axis 0 of size 0'],
  ])('throws ShapeError for %s', (_, shape, slice, message) => {
    const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
    expect(() => tensorToMatrix(shape, data, slice)).toThrow(ShapeError);
    expect(() => tensorToMatrix(shape, data, slice)).toThrow(message);
  });

  it('throws ShapeError when the data does not fill the shape', () => {
    expect(() => tensorToMatrix([2, 2], [1, 2, 3])).toThrow(ShapeError);
    expect(() => tensorToMatrix([-1], [])).toThrow(ShapeError);
  });
});

describe('checkImportSize', () => {
  it('accepts up to 1 GiB and refuses a byte more, before anything is read', () => {
    expect(() => checkImportSize(0)).not.toThrow();
    expect(() => checkImportSize(MAX_IMPORT_BYTES)).not.toThrow();
    expect(() => checkImportSize(MAX_IMPORT_BYTES + 1, 'npy')).toThrow(FormatError);
    expect(() => checkImportSize(5e9)).toThrow('Hinge opens files up to 1024 MB (1 GiB)');
  });

  it('refuses sizes that are not a number of bytes', () => {
    for (const size of [-1, 0.5, NaN, Infinity]) expect(() => checkImportSize(size)).toThrow(FormatError);
  });

  it('is repeated by every parser on what it is given, before reading a byte', () => {
    // Stand-ins of 1 GiB + 1 that fail the test if any byte or character is read.
    const huge = new Proxy({ length: MAX_IMPORT_BYTES + 1 }, {
      get: (target, key) => (key === 'length' ? target.length : expect.unreachable(`read ${String(key)}`)),
    });
    expect(() => parseNpy(huge as unknown as Uint8Array)).toThrow('larger than 1 GiB');
    expect(() => parseSafetensors(huge as unknown as Uint8Array)).toThrow('larger than 1 GiB');
    expect(() => parseDelimited(huge as unknown as string)).toThrow('larger than 1 GiB');
  });

  it('labels the error with the format when given', () => {
    try {
      checkImportSize(2 ** 31, 'safetensors');
    } catch (error) {
      expect(error).toMatchObject({ name: 'FormatError', format: 'safetensors', offset: undefined });
    }
    expect.assertions(1);
  });
});
