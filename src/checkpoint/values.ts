/**
 * Stored tensor bytes to numbers, exactly: F16, BF16, I8, U8, I16 and BOOL widen into float32
 * without rounding (each is a subset of float32), F32 is copied, F64, I32 and I64 go to float64
 * (I64 only within ±2^53, where float64 holds every integer); or every dtype straight into float64
 * when the caller computes in float64. Tensors are read in chunks (a reused buffer of CHUNK_BYTES)
 * and each chunk decoded into the output, so the peak memory of a read is the values plus one
 * chunk, never the file, and no intermediate float32 copy when float64 is asked for.
 */
import { halfToNumber, multiIndex } from '../formats/elements.js';
import { FormatError, type FormatName } from '../formats/errors.js';
import { showText } from '../formats/text.js';
import { CHUNK_BYTES, readChunks } from './source.js';
import type { ByteSource, StoredDtype, TensorValues, ValuesInto } from './types.js';

/** The dtypes read element by element (Q8_0 is read in blocks, see gguf.ts). */
export type ElementDtype = Exclude<StoredDtype, 'Q8_0'>;

/** Bytes per element. */
export const DTYPE_SIZE: Readonly<Record<ElementDtype, number>> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

/** The most bytes one tensor's values may take in memory: 1 GiB (the rule files followed before). */
export const MAX_TENSOR_BYTES = 2 ** 30;

const WIDE: ReadonlySet<ElementDtype> = new Set(['F64', 'I32', 'I64']);
const FLOATS: ReadonlySet<ElementDtype> = new Set(['F64', 'F32', 'F16', 'BF16']);
/** What decodeInto returns for a chunk of F16 or BF16 holding a NaN or ±Infinity (found from the bits). */
const SAW_NON_FINITE = -2;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Whether `dtype` is read element by element; narrows a string from a header. */
export function isElementDtype(dtype: string): dtype is ElementDtype {
  return Object.hasOwn(DTYPE_SIZE, dtype);
}

/**
 * Allocates the output of `count` values of `dtype` — with `into` 'auto' a Float64Array for F64,
 * I32, I64 and a Float32Array otherwise (every value of the other dtypes is a float32); with
 * 'float64' always a Float64Array — after checking it fits in MAX_TENSOR_BYTES. Throws FormatError
 * naming the tensor.
 */
export function allocateFor(dtype: ElementDtype | 'Q8_0', count: number, name: string, format: FormatName, into: ValuesInto = 'auto'): Float64Array | Float32Array {
  const wide = into === 'float64' || (dtype !== 'Q8_0' && WIDE.has(dtype));
  const bytes = count * (wide ? 8 : 4);
  if (bytes > MAX_TENSOR_BYTES) {
    throw new FormatError(
      `The tensor '${showText(name)}' holds ${count} values, ${(bytes / 2 ** 20).toFixed(0)} MB in memory; ` +
        'Hinge holds one tensor of at most 1 GiB (1024 MB) at a time.',
      format,
    );
  }
  try {
    return wide ? new Float64Array(count) : new Float32Array(count);
  } catch {
    throw new FormatError(`The tensor '${showText(name)}' holds ${count} values, more than this computer can hold in memory.`, format);
  }
}

/**
 * Reads `count` elements of `dtype` stored from `byteOffset` of `source` into `out` from
 * `outStart`, chunk by chunk. With `finite`, refuses NaN or ±Infinity naming the element of
 * `shape` and its byte offset. Throws FormatError.
 */
export async function readElements(
  source: ByteSource, byteOffset: number, dtype: ElementDtype, count: number, out: Float64Array | Float32Array,
  where: { name: string; shape: readonly number[]; format: FormatName; finite: boolean },
): Promise<void> {
  const size = DTYPE_SIZE[dtype];
  await readChunks(source, byteOffset, count * size, Math.floor(CHUNK_BYTES / size) * size, where.format, (bytes, doneBytes) => {
    const done = doneBytes / size;
    const n = bytes.length / size;
    const bad = decodeInto(bytes, dtype, out, done, n);
    if (bad > -1) {
      const at = byteOffset + (done + bad) * size;
      throw new FormatError(
        `In tensor '${showText(where.name)}', element [${multiIndex(done + bad, where.shape).join(', ')}] is ${out[done + bad]}, beyond ±2^53 where float64 stops holding every integer (byte ${at}).`,
        where.format,
        at,
      );
    }
    // F16 and BF16 were checked on their bits while decoding; only a chunk that failed is searched.
    if (where.finite && FLOATS.has(dtype) && (size > 2 || bad === SAW_NON_FINITE)) checkFinite(out, done, n, byteOffset, size, where);
  });
}

/**
 * Reads a tensor stored contiguously in C order at `byteOffset`, into a Float32Array where every
 * stored value is a float32 (`into` 'auto') or always into a Float64Array ('float64'). Peak memory
 * is the output plus one chunk (CHUNK_BYTES): each chunk is decoded straight into the output.
 * Throws FormatError.
 */
export async function readContiguous(
  source: ByteSource, byteOffset: number, dtype: ElementDtype, shape: readonly number[], name: string, format: FormatName, into: ValuesInto = 'auto',
): Promise<TensorValues> {
  const count = shape.reduce((a, b) => a * b, 1);
  const out = allocateFor(dtype, count, name, format, into);
  await readElements(source, byteOffset, dtype, count, out, { name, shape, format, finite: true });
  return { shape: [...shape], data: out };
}

function checkFinite(
  out: Float64Array | Float32Array, start: number, n: number, byteOffset: number, size: number,
  where: { name: string; shape: readonly number[]; format: FormatName },
): void {
  for (let i = start; i < start + n; i++) {
    const v = out[i];
    if (v - v !== 0) {
      const at = byteOffset + i * size;
      const element = where.shape.length === 0 ? 'its value' : `element [${multiIndex(i, where.shape).join(', ')}]`;
      throw new FormatError(
        `In tensor '${showText(where.name)}', ${element} is ${Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity'} (byte ${at}); Hinge only takes finite numbers.`,
        where.format,
        at,
      );
    }
  }
}

// Every F16 and every BF16 value as a float64, built on first use (512 KiB each): one lookup per
// element, against a shift, a float32 store and a widening pass (measured twice as slow for BF16).
let halves: Float64Array | undefined;
let bfloats: Float64Array | undefined;
function halfTable(): Float64Array {
  halves ??= Float64Array.from({ length: 0x10000 }, (_, bits) => halfToNumber(bits));
  return halves;
}
function bfloatTable(): Float64Array {
  if (bfloats === undefined) {
    const word = new Uint32Array(1);
    const float = new Float32Array(word.buffer);
    bfloats = Float64Array.from({ length: 0x10000 }, (_, bits) => ((word[0] = bits << 16), float[0]));
  }
  return bfloats;
}

/** Writes table[bits[i]] to out[start + i]; SAW_NON_FINITE when some bits have the exponent `all` ones (NaN, ±Infinity), else -1. */
function lookUp(bits: Uint16Array, table: Float64Array, all: number, out: Float64Array | Float32Array, start: number): number {
  let nonFinite = false;
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i];
    out[start + i] = table[b];
    if ((b & all) === all) nonFinite = true;
  }
  return nonFinite ? SAW_NON_FINITE : -1;
}

/**
 * Decodes `n` little-endian elements of `dtype` from `bytes` into out[start …]. Returns the index
 * (within this chunk) of the first I64 beyond ±2^53; for F16 and BF16, SAW_NON_FINITE when the
 * chunk holds a NaN or ±Infinity; else -1.
 */
function decodeInto(bytes: Uint8Array, dtype: ElementDtype, out: Float64Array | Float32Array, start: number, n: number): number {
  if (!LITTLE_ENDIAN) throw new FormatError('Hinge reads tensors on little-endian machines only.', undefined);
  const size = DTYPE_SIZE[dtype];
  // Typed-array views need aligned bytes; a source may hand back a view at any offset.
  const aligned = bytes.byteOffset % size === 0 ? bytes : bytes.slice();
  const { buffer, byteOffset } = aligned;
  switch (dtype) {
    case 'F64': out.set(new Float64Array(buffer, byteOffset, n), start); break;
    case 'F32': out.set(new Float32Array(buffer, byteOffset, n), start); break;
    case 'I32': out.set(new Int32Array(buffer, byteOffset, n), start); break;
    case 'I16': out.set(new Int16Array(buffer, byteOffset, n), start); break;
    case 'I8': out.set(new Int8Array(buffer, byteOffset, n), start); break;
    case 'U8': out.set(aligned.subarray(0, n), start); break;
    case 'BOOL': for (let i = 0; i < n; i++) out[start + i] = aligned[i] === 0 ? 0 : 1; break;
    case 'F16': return lookUp(new Uint16Array(buffer, byteOffset, n), halfTable(), 0x7c00, out, start);
    case 'BF16': {
      const bits = new Uint16Array(buffer, byteOffset, n);
      if (out instanceof Float64Array) return lookUp(bits, bfloatTable(), 0x7f80, out, start);
      // bfloat16 is the top half of a float32: write its bits there.
      const target = new Uint32Array(out.buffer, out.byteOffset + 4 * start, n);
      let nonFinite = false;
      for (let i = 0; i < n; i++) {
        const b = bits[i];
        target[i] = b << 16;
        if ((b & 0x7f80) === 0x7f80) nonFinite = true;
      }
      return nonFinite ? SAW_NON_FINITE : -1;
    }
    case 'I64': {
      const words = new Int32Array(buffer, byteOffset, 2 * n);
      let inexact = -1;
      for (let i = 0; i < n; i++) {
        const high = words[2 * i + 1];
        const low = words[2 * i] >>> 0;
        if (inexact < 0 && (high > 2 ** 21 || high < -(2 ** 21) || (high === 2 ** 21 && low !== 0))) inexact = i;
        out[start + i] = high * 2 ** 32 + low;
      }
      return inexact;
    }
  }
  return -1;
}
