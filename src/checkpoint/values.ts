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
/** BF16 values widened per block into float64 through this float32 scratch (64 KiB, reused). */
const WIDEN_BLOCK = 16384;
const widenBits = new Uint32Array(WIDEN_BLOCK);
const widenFloats = new Float32Array(widenBits.buffer);
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
    if (bad >= 0) {
      const at = byteOffset + (done + bad) * size;
      throw new FormatError(
        `In tensor '${showText(where.name)}', element [${multiIndex(done + bad, where.shape).join(', ')}] is ${out[done + bad]}, beyond ±2^53 where float64 stops holding every integer (byte ${at}).`,
        where.format,
        at,
      );
    }
    if (where.finite && FLOATS.has(dtype)) checkFinite(out, done, n, byteOffset, size, where);
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

let halves: Float32Array | undefined;
function halfTable(): Float32Array {
  halves ??= Float32Array.from({ length: 0x10000 }, (_, bits) => halfToNumber(bits));
  return halves;
}

/**
 * Decodes `n` little-endian elements of `dtype` from `bytes` into out[start …]. Returns the index
 * (within this chunk) of the first I64 beyond ±2^53, or -1.
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
    case 'F16': {
      const table = halfTable();
      const bits = new Uint16Array(buffer, byteOffset, n);
      for (let i = 0; i < n; i++) out[start + i] = table[bits[i]];
      break;
    }
    case 'BF16': {
      // bfloat16 is the top half of a float32: write its bits there — in the output itself when it
      // is float32, else block by block in a small scratch that set() widens into the float64s.
      const bits = new Uint16Array(buffer, byteOffset, n);
      if (out instanceof Float32Array) {
        const target = new Uint32Array(out.buffer, out.byteOffset + 4 * start, n);
        for (let i = 0; i < n; i++) target[i] = bits[i] << 16;
        break;
      }
      for (let from = 0; from < n; from += WIDEN_BLOCK) {
        const k = Math.min(WIDEN_BLOCK, n - from);
        for (let i = 0; i < k; i++) widenBits[i] = bits[from + i] << 16;
        out.set(k === WIDEN_BLOCK ? widenFloats : widenFloats.subarray(0, k), start + from);
      }
      break;
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
