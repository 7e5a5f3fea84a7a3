/**
 * Raw tensor bytes to float64, shared by the .npy and .safetensors readers. Every conversion here
 * is exact: float16, bfloat16 and float32 are subsets of float64, and 64-bit integers are accepted
 * only up to 2^53 in magnitude, where float64 still holds every integer.
 */
import { FormatError, type FormatName } from './errors.js';

/** The element types Hinge reads, named as numpy does; 'bf16' is bfloat16 (safetensors only). */
export type ElementType = 'f2' | 'bf16' | 'f4' | 'f8' | 'i4' | 'i8' | 'u1';

/** Bytes per element of each type. */
export const ELEMENT_SIZE: Readonly<Record<ElementType, number>> = { f2: 2, bf16: 2, f4: 4, f8: 8, i4: 4, i8: 8, u1: 1 };

/** What decoding found besides the values: the first element that float64 cannot hold exactly. */
export interface Decoded {
  readonly values: Float64Array;
  /** Index (in file order) of the first 64-bit integer beyond ±2^53, or -1. */
  readonly inexact: number;
}

const TWO_POW_32 = 2 ** 32;
const HIGH_WORD_LIMIT = 2 ** 21; // |v| ≤ 2^53 ⇔ the high 32 bits are within ±2^21 (and ±2^21 only with a zero low word)

/**
 * Allocates the float64 output of `count` elements. Sizes were checked against the file before
 * this is called, so a failure means the machine is short of memory; it becomes a FormatError so
 * the caller shows a message instead of crashing.
 */
export function allocateValues(count: number, format: FormatName): Float64Array {
  try {
    return new Float64Array(count);
  } catch {
    throw new FormatError(`The file holds ${count} values, more than this computer can hold in memory as 64-bit numbers.`, format);
  }
}

/**
 * Reads `count` elements of `type` from bytes starting at `start`, little- or big-endian, into
 * float64 in file order. IEEE half and bfloat16 are expanded bit-exactly; non-finite values are
 * passed through (the caller refuses them with their position).
 */
export function decodeElements(
  bytes: Uint8Array,
  start: number,
  count: number,
  type: ElementType,
  littleEndian: boolean,
  format: FormatName,
): Decoded {
  const values = allocateValues(count, format);
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, count * ELEMENT_SIZE[type]);
  let inexact = -1;
  switch (type) {
    case 'f8':
      for (let i = 0; i < count; i++) values[i] = view.getFloat64(8 * i, littleEndian);
      break;
    case 'f4':
      for (let i = 0; i < count; i++) values[i] = view.getFloat32(4 * i, littleEndian);
      break;
    case 'f2': {
      const table = halfTable();
      for (let i = 0; i < count; i++) values[i] = table[view.getUint16(2 * i, littleEndian)];
      break;
    }
    case 'bf16': {
      // bfloat16 is the top half of a float32: place its bits there and read the float32 back.
      const scratch = new DataView(new ArrayBuffer(4));
      for (let i = 0; i < count; i++) {
        scratch.setUint32(0, view.getUint16(2 * i, littleEndian) << 16);
        values[i] = scratch.getFloat32(0);
      }
      break;
    }
    case 'i4':
      for (let i = 0; i < count; i++) values[i] = view.getInt32(4 * i, littleEndian);
      break;
    case 'u1':
      for (let i = 0; i < count; i++) values[i] = bytes[start + i];
      break;
    case 'i8':
      for (let i = 0; i < count; i++) {
        // Two 32-bit halves instead of BigInt: exact, and far faster on large arrays.
        const high = view.getInt32(8 * i + (littleEndian ? 4 : 0), littleEndian);
        const low = view.getUint32(8 * i + (littleEndian ? 0 : 4), littleEndian);
        if (inexact < 0 && (high > HIGH_WORD_LIMIT || high < -HIGH_WORD_LIMIT || (high === HIGH_WORD_LIMIT && low !== 0))) inexact = i;
        values[i] = high * TWO_POW_32 + low;
      }
      break;
  }
  return { values, inexact };
}

/**
 * The value of an IEEE 754 binary16 bit pattern: (−1)^s·2^(e−15)·(1 + m/1024) for 0 < e < 31,
 * (−1)^s·2^−14·m/1024 for subnormals, ±Infinity or NaN for e = 31. Exact in float64.
 */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return sign * (1024 + mantissa) * 2 ** (exponent - 25);
}

// All 65 536 half values, built on first use: a lookup is several times faster than the formula.
let halves: number[] | undefined;

function halfTable(): number[] {
  halves ??= Array.from({ length: 0x10000 }, (_, bits) => halfToNumber(bits));
  return halves;
}

/** The index of the first NaN or ±Infinity in values, or -1. */
export function firstNonFinite(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

/** How a non-finite value reads in a message: NaN, Infinity or -Infinity. */
export function describeNonFinite(value: number): string {
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
}

/**
 * The multi-index of the element stored at position `flat` of a tensor of `shape`, whose elements
 * are stored in C order (last index fastest) or Fortran order (first index fastest).
 */
export function multiIndex(flat: number, shape: readonly number[], fortranOrder = false): number[] {
  const index = new Array<number>(shape.length).fill(0);
  let rest = flat;
  for (let k = 0; k < shape.length; k++) {
    const axis = fortranOrder ? k : shape.length - 1 - k;
    index[axis] = rest % shape[axis];
    rest = Math.floor(rest / shape[axis]);
  }
  return index;
}

/**
 * Product of the dimensions (1 for shape []), or undefined when a partial product reaches 2^53,
 * where float64 stops counting exactly. Dimensions must be safe integers; a zero dimension met
 * before the product grows too large keeps it 0, as Rust's checked_mul fold in safetensors does.
 */
export function elementCount(shape: readonly number[]): number | undefined {
  let count = 1;
  for (const dim of shape) {
    count *= dim;
    if (count > Number.MAX_SAFE_INTEGER) return undefined;
  }
  return count;
}

/**
 * Reorders values stored in Fortran order (first index fastest) into C order (last index fastest),
 * into a new Float64Array (float32 input widens exactly). Walks the source in storage order with
 * an odometer, so each step is O(1) amortised.
 */
export function fortranToC(values: Float64Array | Float32Array, shape: readonly number[], format: FormatName): Float64Array {
  if (shape.length < 2) return values instanceof Float64Array ? values : new Float64Array(values);
  const out = allocateValues(values.length, format);
  const cStride = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    cStride[axis] = stride;
    stride *= shape[axis];
  }
  const index = new Array<number>(shape.length).fill(0);
  let target = 0;
  for (let i = 0; i < values.length; i++) {
    out[target] = values[i];
    for (let axis = 0; axis < shape.length; axis++) {
      index[axis]++;
      target += cStride[axis];
      if (index[axis] < shape[axis]) break;
      target -= cStride[axis] * shape[axis];
      index[axis] = 0;
    }
  }
  return out;
}
