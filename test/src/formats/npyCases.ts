// Malformed .npy files, each with the message fragment and byte offset the refusal must carry.
// `source` says where a case comes from: 'numpy' for a port of numpy/lib/tests/test_format.py
// (numpy 2.4), 'format.py' for a rule of numpy/lib/format.py that its tests do not exercise, and
// 'hinge' for what Hinge refuses beyond numpy (RELIABILITY.md: finite values, exact data size).
import { bytes, fixture, npyFile, npyHeader, npyOffset } from './helpers.js';

export interface MalformedCase {
  readonly name: string;
  readonly source: 'numpy' | 'format.py' | 'hinge' | 'safetensors-rust' | 'safetensors-readme';
  readonly bytes: Uint8Array;
  readonly message: string | RegExp;
  readonly offset: number;
}

const f8x2 = new Uint8Array(16);
const extraKeyHeader = "{'descr': 'x', 'extrakey': -1, 'fortran_order': False, 'shape': (1, 2), }";
const negative = npyHeader('<f8', '(-1, 3)');
const huge = npyHeader('<f8', '(99999999999999999999,)');
const overflow = npyHeader('<f8', '(4294967296, 4294967296)');
const duplicate = "{'descr': '<f8', 'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
const unclosed = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,) ";
const evalBait = "__import__('os').system('echo owned')";
const withNul = "{'descr': '<f8',\0 'fortran_order': False, 'shape': (2,), }";
const deep = `{'descr': ${'('.repeat(40)}'<f8'${')'.repeat(40)}, 'fortran_order': False, 'shape': (2,), }`;
const python2InV3 = npyHeader('<i4', '(2L,)');
// numpy's test_huge_header: np.dtype("i," * 10000 + "i") makes a header far over 10 000 characters.
const manyFields = `[${Array.from({ length: 10001 }, (_, k) => `('f${k}', '<i4')`).join(', ')}]`;
const hugeHeader = `{'descr': ${manyFields}, 'fortran_order': False, 'shape': (), }`;

const numpyMalformedMagic: [string, Uint8Array, number][] = [
  ['\\x92NUMPY\\x01\\x00', bytes([0x92], 'NUMPY', [1, 0]), 0],
  ['\\x00NUMPY\\x01\\x00', bytes([0], 'NUMPY', [1, 0]), 0],
  ['\\x93numpy\\x01\\x00', bytes([0x93], 'numpy', [1, 0]), 1],
  ['\\x93MATLB\\x01\\x00', bytes([0x93], 'MATLB', [1, 0]), 1],
];

/** Where the data of the file npyFile writes for `header` begins. */
const dataAt = (header: string): number => npyFile(header).length;
const f8x34 = npyHeader('<f8', '(3, 4)');
const f4x03 = npyHeader('<f4', '(0, 3)');
const floatShape = npyHeader('<f8', '(2.0,)');
const intShape = npyHeader('<f8', '(2)');
const listShape = npyHeader('<f8', '[2]');
const zeroOrder = npyHeader('<f8', '(2,)', '0');
const leadingZero = npyHeader('<f8', '(02,)');

export const NPY_CASES: readonly MalformedCase[] = [
  // numpy test_read_magic_bad_magic: malformed_magic
  ...numpyMalformedMagic.map(([name, b, offset]): MalformedCase => ({
    name: `bad magic ${name}`, source: 'numpy', bytes: b, message: 'not a .npy file', offset,
  })),
  { name: 'magic without minor version', source: 'numpy', bytes: bytes('\x93NUMPY', [1]), message: 'ends at byte 7', offset: 7 },
  { name: 'magic without version', source: 'numpy', bytes: bytes('\x93NUMPY'), message: 'before the 8 bytes', offset: 6 },
  { name: 'empty file', source: 'numpy', bytes: new Uint8Array(0), message: 'ends at byte 0', offset: 0 },
  // numpy test_read_version_1_0_bad_magic: bad_version_magic
  ...[[1, 1], [0, 0], [0, 1], [2, 2], [255, 255]].map(([major, minor]): MalformedCase => ({
    name: `version ${major}.${minor}`, source: 'numpy', bytes: bytes('\x93NUMPY', [major, minor], [0, 0, 0, 0]),
    message: `version ${major}.${minor}; numpy defines only 1.0, 2.0 and 3.0`, offset: 6,
  })),
  { name: 'version 2.0 without a header length', source: 'numpy', bytes: bytes('\x93NUMPY', [2, 0]), message: 'inside the 4-byte header length', offset: 8 },
  // numpy test_bad_header
  { name: 'no header length', source: 'numpy', bytes: bytes('\x93NUMPY', [1, 0]), message: 'inside the 2-byte header length', offset: 8 },
  { name: 'one byte of header length', source: 'numpy', bytes: bytes('\x93NUMPY', [1, 0], '1'), message: 'ends at byte 9', offset: 9 },
  { name: 'header shorter than its length', source: 'numpy', bytes: bytes('\x93NUMPY', [1, 0], [1, 0]), message: 'says it is 1 byte long, but the file has only 0', offset: 10 },
  {
    name: 'missing fortran_order', source: 'numpy',
    bytes: bytes('\x93NUMPY\x01\x006\x00{\'descr\': \'x\', \'shape\': (1, 2), }', ' '.repeat(20), '\n'),
    message: "lacks 'fortran_order'", offset: 10,
  },
  { name: 'extra key', source: 'numpy', bytes: npyFile(extraKeyHeader), message: "extra key 'extrakey'", offset: npyOffset(extraKeyHeader, "'extrakey'") },
  // numpy test_huge_header (and test_version_2_0's large structured header)
  { name: 'header over 10 000 characters', source: 'numpy', bytes: npyFile(hugeHeader, 4, 2), message: 'over 10000 characters', offset: 12 },
  // numpy test_pickle_disallow, the record_arrays of test_roundtrip, test_unicode_field_names
  { name: 'object dtype', source: 'numpy', bytes: fixture('refused_object.npy'), message: 'Python objects', offset: npyOffsetIn('refused_object.npy', "'|O'") },
  { name: 'structured dtype', source: 'numpy', bytes: fixture('refused_structured.npy'), message: 'structured dtype', offset: npyOffsetIn('refused_structured.npy', '[') },
  { name: 'structured dtype, UTF-8 field names (v3)', source: 'numpy', bytes: fixture('refused_unicode_fields_v3.npy'), message: 'structured dtype', offset: 22 },
  // numpy's basic_arrays scalars that Hinge does not read
  ...[['|i1', '8-bit integers'], ['<u2', '16-bit unsigned'], ['>i2', '16-bit integers'], ['<u4', '32-bit unsigned'], ['>u8', '64-bit unsigned'], ['<c8', '64-bit complex'], ['>c16', '128-bit complex']].map(
    ([descr, words]): MalformedCase => ({
      name: `dtype ${descr}`, source: 'numpy', bytes: npyFile(npyHeader(descr, '(2,)'), 64), message: words, offset: npyOffset(npyHeader(descr, '(2,)'), `'${descr}'`),
    }),
  ),
  { name: 'complex128 written by numpy', source: 'numpy', bytes: fixture('refused_complex.npy'), message: '128-bit complex', offset: 20 },
  // numpy _filter_header: Python 2 longs are read in versions 1 and 2 only
  { name: "Python 2 '2L' in a version 3 header", source: 'numpy', bytes: npyFile(python2InV3, 8, 3), message: 'not a Python literal', offset: npyOffset(python2InV3, '2L', 3) },

  // format.py rules its tests leave out
  { name: 'header length beyond the file (u32)', source: 'format.py', bytes: bytes('\x93NUMPY', [2, 0], [0xff, 0xff, 0xff, 0xff], '{}'), message: 'says it is 4294967295 bytes long', offset: 12 },
  { name: 'header of 10 001 characters', source: 'format.py', bytes: paddedTo(10001), message: 'header is 10001 characters', offset: 10 },
  { name: 'header not a dict', source: 'format.py', bytes: npyFile('[1, 2]'), message: 'must be a Python dict, but it is a list', offset: 10 },
  { name: 'header that is code, not a literal', source: 'format.py', bytes: npyFile(evalBait), message: 'not a Python literal', offset: 10 },
  { name: 'header not closed', source: 'format.py', bytes: npyFile(unclosed), message: "expected ',' or '}' but the header ended", offset: dataAt(unclosed) },
  { name: 'NUL byte in the header', source: 'format.py', bytes: npyFile(withNul), message: 'not a Python literal', offset: npyOffset(withNul, '\0') },
  { name: 'header nested 40 deep', source: 'format.py', bytes: npyFile(deep), message: 'nested more than 32 deep', offset: npyOffset(deep, '(') + 32 },
  { name: 'invalid UTF-8 in a version 3 header', source: 'format.py', bytes: bytes('\x93NUMPY', [3, 0], [15, 0, 0, 0], "{'descr': '", [0xc3, 0x28], "'}"), message: 'not valid UTF-8', offset: 23 },
  { name: 'shape a list', source: 'format.py', bytes: npyFile(listShape, 16), message: 'tuple of integers', offset: npyOffset(listShape, '[2]') },
  { name: 'shape of floats', source: 'format.py', bytes: npyFile(floatShape, 16), message: 'tuple of integers', offset: npyOffset(floatShape, '(2.0,)') },
  { name: 'shape (2) is an int, not a tuple', source: 'format.py', bytes: npyFile(intShape, 16), message: 'tuple of integers', offset: npyOffset(intShape, '2)') },
  { name: 'fortran_order 0', source: 'format.py', bytes: npyFile(zeroOrder, f8x2), message: 'True or False', offset: npyOffset(zeroOrder, "0, 'shape'") },
  { name: 'descr a number', source: 'format.py', bytes: npyFile("{'descr': 8, 'fortran_order': False, 'shape': (2,), }", f8x2), message: 'not a dtype description', offset: 20 },
  { name: "descr 'float64' (not numpy's spelling)", source: 'format.py', bytes: npyFile(npyHeader('float64', '(2,)'), f8x2), message: 'not written as numpy writes', offset: 20 },
  { name: 'sub-array descr', source: 'format.py', bytes: npyFile("{'descr': ('<f8', (2,)), 'fortran_order': False, 'shape': (1,), }", f8x2), message: 'sub-array', offset: 20 },
  { name: 'bool dtype', source: 'format.py', bytes: fixture('refused_bool.npy'), message: 'booleans', offset: 20 },
  { name: 'datetime dtype', source: 'format.py', bytes: fixture('refused_datetime.npy'), message: "dates (dtype '<M8[D]')", offset: 20 },
  { name: 'int16 written by numpy', source: 'format.py', bytes: fixture('refused_i2.npy'), message: '16-bit integers', offset: 20 },
  { name: 'long double', source: 'format.py', bytes: npyFile(npyHeader('<f16', '(1,)'), 16), message: '128-bit floats', offset: 20 },
  { name: 'text dtype', source: 'format.py', bytes: npyFile(npyHeader('<U3', '(1,)'), 12), message: 'text', offset: 20 },

  // Hinge's own refusals (RELIABILITY.md)
  { name: 'negative dimension', source: 'hinge', bytes: npyFile(negative), message: 'negative dimension, -1', offset: npyOffset(negative, '-1') },
  { name: 'dimension beyond 2^53', source: 'hinge', bytes: npyFile(huge), message: 'overflow', offset: npyOffset(huge, '9999') },
  { name: 'element count beyond 2^53', source: 'hinge', bytes: npyFile(overflow), message: 'more elements than can be counted exactly', offset: npyOffset(overflow, '(4294967296') },
  { name: 'duplicate key', source: 'hinge', bytes: npyFile(duplicate, 16), message: "gives 'descr' twice", offset: npyOffset(duplicate, "'descr': '<f4'") },
  {
    name: 'data one byte short', source: 'hinge', bytes: npyFile(f8x34, 95),
    message: `shape (3, 4) of float64, which needs 96 bytes of data, but the file has 95 after the header (byte ${dataAt(f8x34)})`, offset: dataAt(f8x34),
  },
  { name: 'data one byte long', source: 'hinge', bytes: npyFile(f8x34, 97), message: `has 97 after the header (byte ${dataAt(f8x34)}): 1 byte more`, offset: dataAt(f8x34) },
  { name: 'data for an empty array', source: 'hinge', bytes: npyFile(f4x03, 4), message: 'needs 0 bytes', offset: dataAt(f4x03) },
  { name: 'NaN', source: 'hinge', bytes: fixture('refused_nan_f8.npy'), message: 'Element [1, 2] is NaN', offset: 128 + 5 * 8 },
  { name: '-Infinity in big-endian float16', source: 'hinge', bytes: fixture('refused_inf_f2_be.npy'), message: 'Element [1] is -Infinity', offset: 128 + 2 },
  { name: 'NaN in Fortran order (index of the element, not of the storage)', source: 'hinge', bytes: fixture('refused_nan_fortran_f4.npy'), message: 'Element [1, 0] is NaN', offset: 128 + 4 },
  { name: 'int64 beyond 2^53', source: 'hinge', bytes: fixture('refused_i8_2pow53plus1.npy'), message: 'Element [1] is 9007199254740993, beyond ±2^53', offset: 128 + 8 },
  { name: 'a leading-zero integer', source: 'hinge', bytes: npyFile(leadingZero, 16), message: 'cannot start with 0', offset: npyOffset(leadingZero, '02') },
];

function npyOffsetIn(name: string, piece: string): number {
  const file = fixture(name);
  const text = String.fromCharCode(...file.subarray(0, Math.min(file.length, 256)));
  return text.indexOf(piece);
}

/** A valid v1 header padded with spaces to exactly `length` characters (newline included). */
export function paddedTo(length: number, data: Uint8Array | number = 8): Uint8Array {
  const header = npyHeader('<f8', '(1,)');
  return bytes('\x93NUMPY', [1, 0], [length & 0xff, length >> 8], header, ' '.repeat(length - header.length - 1), '\n', typeof data === 'number' ? new Uint8Array(data) : data);
}

