/**
 * The .npy reader, following numpy's numpy/lib/format.py (read_magic, _read_array_header,
 * read_array) step by step and in its order, with numpy's messages reworded for people. Stricter
 * than numpy where numpy is lenient in ways that can only mean a damaged file: data after the
 * array, a key written twice, a dtype spelled other than numpy writes it ('float64' for '<f8').
 */
import {
  ELEMENT_SIZE, decodeElements, describeNonFinite, elementCount, firstNonFinite, fortranToC, multiIndex,
} from './elements.js';
import { FormatError, MAX_IMPORT_BYTES } from './errors.js';
import { LiteralSyntaxError, parsePyLiteral, type PyValue } from './pyLiteral.js';
import { decodeLatin1, decodeUtf8, plural, showText, utf8ByteLength } from './text.js';

/** The dtypes Hinge reads from .npy files, as numpy names them (byte order aside). */
export type NpyDtype = 'f2' | 'f4' | 'f8' | 'i4' | 'i8' | 'u1';

/** An array read from a .npy file. */
export interface NpyArray {
  /** The shape as the header gives it; [] for a 0-d array (one value). */
  readonly shape: number[];
  readonly dtype: NpyDtype;
  /** Whether the file stored the values in Fortran order; `data` is in C order either way. */
  readonly fortranOrder: boolean;
  /** The values in C (row-major) order, converted exactly to float64. */
  readonly data: Float64Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const MAX_HEADER_CHARS = 10_000; // numpy's _MAX_HEADER_SIZE: literal_eval is unsafe on long input
const MAX_DIMS = 64; // numpy's NPY_MAXDIMS
const DTYPE_NAMES: Readonly<Record<NpyDtype, string>> = {
  f2: 'float16', f4: 'float32', f8: 'float64', i4: 'int32', i8: 'int64', u1: 'uint8',
};
const SUPPORTED = 'Hinge reads float16, float32, float64, int32, int64 and uint8 (f2, f4, f8, i4, i8, u1)';

/**
 * Reads a .npy file (format versions 1.0, 2.0 and 3.0): the magic string \x93NUMPY, the version,
 * the header length (u16 in 1.0, u32 after), a header that is a Python dict literal with exactly
 * the keys 'descr', 'fortran_order' and 'shape' (Latin-1, UTF-8 in 3.0, at most 10 000
 * characters as numpy requires), then exactly product(shape) × itemsize bytes of data. Values come
 * back in C order as float64: int64 only within ±2^53, where the conversion is exact; NaN and
 * ±Infinity are refused with the element's index. Throws FormatError naming the byte offset of
 * any problem; allocates nothing until the data's size has been checked against the file's.
 * @example parseNpy(bytes) // { shape: [3, 4], dtype: 'f8', fortranOrder: false, data: Float64Array(12) }
 */
export function parseNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length > MAX_IMPORT_BYTES) throw fail(`The file is larger than 1 GiB, the most Hinge opens.`);
  const { shape, fortranOrder, descr, descrAt, dataStart } = readNpyHeader(bytes);
  const { dtype, littleEndian } = readDescr(descr, descrAt);
  return readData(bytes, dataStart, shape, dtype, littleEndian, fortranOrder);
}

/** A .npy header read and checked, its dtype not yet: see {@link readNpyHeader}. */
export interface NpyHeader {
  readonly shape: number[];
  readonly fortranOrder: boolean;
  /** The 'descr' value as written, and the byte offset where it is. */
  readonly descr: PyValue;
  readonly descrAt: number;
  /** Byte offset where the array's data begins. */
  readonly dataStart: number;
}

/**
 * Reads the magic string, version, header length and header dict of a .npy file whose first
 * bytes are `bytes` (at least up to the end of the header) and whose whole length is `fileLength`,
 * checking everything parseNpy checks except the dtype and the data's length. Lets a reader of
 * .npz members list arrays from their first bytes alone. Throws FormatError ('npy').
 */
export function readNpyHeader(bytes: Uint8Array, fileLength = bytes.length): NpyHeader {
  const version = readVersion(bytes);
  const lengthBytes = version === 1 ? 2 : 4;
  const headerStart = 8 + lengthBytes;
  if (bytes.length < headerStart) {
    throw fail(`The file ends at byte ${bytes.length}, inside the ${lengthBytes}-byte header length.`, bytes.length);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const headerLength = version === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = headerStart + headerLength;
  if (dataStart > Math.min(fileLength, bytes.length)) {
    throw fail(
      `The header says it is ${plural(headerLength, 'byte')} long, but the file has only ${Math.min(fileLength, bytes.length) - headerStart} after byte ${headerStart}.`,
      headerStart,
    );
  }
  const header = readHeaderText(bytes, version, headerStart, dataStart);
  const at = (value: PyValue): number => headerStart + header.byteIndex(value.at);
  const fields = readHeaderDict(header.text, version, headerStart, header.byteIndex);
  const shape = readShape(fields.shape, at);
  const fortranOrder = readFortranOrder(fields.fortran_order, at);
  return { shape, fortranOrder, descr: fields.descr, descrAt: at(fields.descr), dataStart };
}

function fail(message: string, offset?: number): FormatError {
  return new FormatError(message, 'npy', offset);
}

function readVersion(bytes: Uint8Array): 1 | 2 | 3 {
  for (let i = 0; i < MAGIC.length && i < bytes.length; i++) {
    if (bytes[i] !== MAGIC[i]) {
      throw fail(`This is not a .npy file: it does not begin with numpy's magic string \\x93NUMPY (byte ${i} differs).`, i);
    }
  }
  if (bytes.length < 8) {
    throw fail(`The file ends at byte ${bytes.length}, before the 8 bytes of magic string and format version.`, bytes.length);
  }
  const [major, minor] = [bytes[6], bytes[7]];
  if (minor !== 0 || major < 1 || major > 3) {
    throw fail(`The file says it is .npy format version ${major}.${minor}; numpy defines only 1.0, 2.0 and 3.0.`, 6);
  }
  return major as 1 | 2 | 3;
}

interface HeaderText {
  readonly text: string;
  /** Byte offset within the header of the character at a string index. */
  readonly byteIndex: (index: number) => number;
}

function readHeaderText(bytes: Uint8Array, version: number, start: number, end: number): HeaderText {
  const tooLong = (length: number, unit: string): FormatError =>
    fail(
      `The header is ${length} ${unit} long; numpy refuses headers over ${MAX_HEADER_CHARS} characters as unsafe to read, and so does Hinge.`,
      start,
    );
  if (version < 3) {
    // Latin-1: one character per byte, so the limit is checked before decoding anything.
    if (end - start > MAX_HEADER_CHARS) throw tooLong(end - start, 'characters');
    return { text: decodeLatin1(bytes, start, end), byteIndex: (index) => index };
  }
  // A UTF-8 character takes at most 4 bytes, so a longer header has too many characters whatever it holds.
  if (end - start > 4 * MAX_HEADER_CHARS) throw tooLong(end - start, 'bytes');
  const { text, codePoints } = decodeUtf8(bytes, start, end, 'npy', 'header');
  if (codePoints > MAX_HEADER_CHARS) throw tooLong(codePoints, 'characters');
  return { text, byteIndex: (index) => utf8ByteLength(text, index) };
}

type HeaderFields = Record<'descr' | 'fortran_order' | 'shape', PyValue>;
const KEYS = ['descr', 'fortran_order', 'shape'] as const;

function readHeaderDict(text: string, version: number, start: number, byteIndex: (index: number) => number): HeaderFields {
  let literal: PyValue;
  try {
    literal = parsePyLiteral(text, version < 3);
  } catch (error) {
    if (!(error instanceof LiteralSyntaxError)) throw error;
    const offset = start + byteIndex(error.index);
    throw fail(`The header is not a Python literal: ${error.message} at byte ${offset}.`, offset);
  }
  if (literal.kind !== 'dict') {
    throw fail(`The header must be a Python dict, but it is a ${literal.kind}.`, start + byteIndex(literal.at));
  }
  const fields: Partial<HeaderFields> = {};
  for (const { key, value } of literal.entries) {
    const offset = start + byteIndex(key.at);
    if (key.kind !== 'str' || !(KEYS as readonly string[]).includes(key.value)) {
      const shown = key.kind === 'str' ? `'${showText(key.value)}'` : `a ${key.kind}`;
      throw fail(`The header has an extra key ${shown} (byte ${offset}); numpy allows only 'descr', 'fortran_order' and 'shape'.`, offset);
    }
    const name = key.value as (typeof KEYS)[number];
    if (fields[name] !== undefined) throw fail(`The header gives '${name}' twice (again at byte ${offset}).`, offset);
    fields[name] = value;
  }
  const missing = KEYS.filter((name) => fields[name] === undefined);
  if (missing.length > 0) {
    throw fail(`The header lacks ${missing.map((k) => `'${k}'`).join(' and ')}; numpy requires 'descr', 'fortran_order' and 'shape'.`, start);
  }
  return fields as HeaderFields;
}

function readShape(value: PyValue, at: (value: PyValue) => number): number[] {
  if (value.kind !== 'tuple' || value.items.some((item) => item.kind !== 'int')) {
    throw fail(`The header's 'shape' must be a tuple of integers, like (3, 4) (byte ${at(value)}).`, at(value));
  }
  if (value.items.length > MAX_DIMS) {
    throw fail(`The shape has ${value.items.length} dimensions; numpy allows at most ${MAX_DIMS}.`, at(value));
  }
  const shape: number[] = [];
  for (const item of value.items) {
    const dim = (item as { value: bigint }).value;
    if (dim < 0n) throw fail(`The shape has a negative dimension, ${dim} (byte ${at(item)}).`, at(item));
    if (dim > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw fail(`The shape has a dimension of ${dim}, too large to count (overflow beyond 2^53) (byte ${at(item)}).`, at(item));
    }
    shape.push(Number(dim));
  }
  if (elementCount(shape) === undefined) {
    throw fail(`The shape ${pythonTuple(shape)} has more elements than can be counted exactly (overflow beyond 2^53).`, at(value));
  }
  return shape;
}

function readFortranOrder(value: PyValue, at: (value: PyValue) => number): boolean {
  if (value.kind !== 'bool') throw fail(`The header's 'fortran_order' must be True or False (byte ${at(value)}).`, at(value));
  return value.value;
}

const KIND_NAMES: Readonly<Record<string, string>> = {
  b: 'booleans', i: 'integers', u: 'unsigned integers', f: 'floats', c: 'complex numbers', m: 'time differences',
  M: 'dates', S: 'byte strings', a: 'byte strings', U: 'text', V: 'raw bytes',
};

function readDescr(value: PyValue, offset: number): { dtype: NpyDtype; littleEndian: boolean } {
  if (value.kind === 'list') {
    throw fail(`The array has a structured dtype (records with named fields); ${SUPPORTED}, one number per element.`, offset);
  }
  if (value.kind === 'tuple') throw fail(`The array has a sub-array dtype; ${SUPPORTED}, one number per element.`, offset);
  if (value.kind !== 'str') throw fail(`The header's 'descr' is not a dtype description (byte ${offset}).`, offset);
  const match = /^([<>|=]?)([A-Za-z])(\d*)(\[\w+\])?$/.exec(value.value);
  if (match?.[2] === 'O') {
    throw fail('The array holds Python objects, stored as a pickle, which Hinge never loads because unpickling can run code.', offset);
  }
  if (!match) {
    throw fail(`The dtype '${showText(value.value)}' is not written as numpy writes dtypes ('<f8', '>i4', '|u1' …); ${SUPPORTED}.`, offset);
  }
  const [, order, kind, size] = match;
  const dtype = `${kind}${size}`;
  if (!(dtype in DTYPE_NAMES)) {
    const bits = size && 'iufc'.includes(kind) ? `${8 * Number(size)}-bit ` : '';
    const what = KIND_NAMES[kind] ?? 'values of an unknown kind';
    throw fail(`The array holds ${bits}${what} (dtype '${showText(value.value)}'); ${SUPPORTED}.`, offset);
  }
  // '|' (not applicable) and '=' (native) mean the writer's byte order; every machine Hinge runs on is little-endian.
  return { dtype: dtype as NpyDtype, littleEndian: order !== '>' };
}

function readData(bytes: Uint8Array, start: number, shape: number[], dtype: NpyDtype, littleEndian: boolean, fortranOrder: boolean): NpyArray {
  const count = elementCount(shape) as number;
  const size = ELEMENT_SIZE[dtype];
  const needed = count * size;
  const available = bytes.length - start;
  if (available !== needed) {
    const tail = available > needed ? `: ${plural(available - needed, 'byte')} more than the array holds` : '';
    throw fail(
      `The header says shape ${pythonTuple(shape)} of ${DTYPE_NAMES[dtype]}, which needs ${plural(needed, 'byte')} of data, ` +
        `but the file has ${available} after the header (byte ${start})${tail}.`,
      start,
    );
  }
  const { values, inexact } = decodeElements(bytes, start, count, dtype, littleEndian, 'npy');
  if (inexact >= 0) {
    const raw = new DataView(bytes.buffer, bytes.byteOffset + start + 8 * inexact, 8).getBigInt64(0, littleEndian);
    throw fail(
      `${elementName(inexact, shape, fortranOrder)} is ${raw}, beyond ±2^53, where 64-bit floats stop holding every integer; ` +
        `Hinge cannot take it exactly (byte ${start + 8 * inexact}).`,
      start + 8 * inexact,
    );
  }
  const bad = firstNonFinite(values);
  if (bad >= 0) {
    throw fail(
      `${elementName(bad, shape, fortranOrder)} is ${describeNonFinite(values[bad])} (byte ${start + size * bad}); Hinge only takes finite numbers.`,
      start + size * bad,
    );
  }
  return { shape, dtype, fortranOrder, data: fortranOrder ? fortranToC(values, shape, 'npy') : values };
}

function elementName(flat: number, shape: readonly number[], fortranOrder: boolean): string {
  return shape.length === 0 ? 'The value' : `Element [${multiIndex(flat, shape, fortranOrder).join(', ')}]`;
}

function pythonTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}
