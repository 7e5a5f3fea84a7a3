/**
 * The .safetensors reader: the header is validated whole when the file is opened (see
 * safetensorsHeader.ts), and one tensor's values are converted when the user picks it, so a
 * 500 MB checkpoint costs memory only for the matrix being looked at.
 */
import { ELEMENT_SIZE, decodeElements, describeNonFinite, firstNonFinite, multiIndex, type ElementType } from './elements.js';
import { FormatError, MAX_IMPORT_BYTES } from './errors.js';
import { readSafetensorsHeader, type HeaderTensor } from './safetensorsHeader.js';
import { showText } from './text.js';

/** The safetensors dtypes Hinge reads. */
export type SafetensorsDtype = 'F16' | 'BF16' | 'F32' | 'F64';

/** A tensor Hinge can read; `byteOffset` is where its data begins in the file, `byteLength` its size. */
export interface SafetensorsTensor {
  readonly name: string;
  readonly dtype: SafetensorsDtype;
  readonly shape: number[];
  readonly byteOffset: number;
  readonly byteLength: number;
}

/**
 * A tensor of a dtype Hinge does not read (integers, booleans, 8-bit and smaller floats, complex).
 * Listed so the view can show it greyed out; `read` refuses it with a message naming it.
 */
export interface SkippedTensor {
  readonly name: string;
  readonly dtype: string;
  readonly shape: number[];
  readonly byteOffset: number;
  readonly byteLength: number;
}

/** An opened safetensors file. */
export interface SafetensorsFile {
  /** The readable tensors, in the order their data lies in the file. */
  readonly tensors: SafetensorsTensor[];
  /** Tensors of other dtypes, in file order: they were validated but cannot be read. */
  readonly skipped: SkippedTensor[];
  /** The header's `__metadata__` string map, or undefined when it has none. */
  readonly metadata: Record<string, string> | undefined;
  /** The values of the tensor called `name`, in C order as float64. Throws FormatError. */
  read(name: string): Float64Array;
}

const READABLE: Readonly<Record<SafetensorsDtype, ElementType>> = { F16: 'f2', BF16: 'bf16', F32: 'f4', F64: 'f8' };

/**
 * Opens a safetensors file as its README specifies: an 8-byte little-endian header size N (at most
 * the Rust crate's 100 MB, and within the file), N bytes of UTF-8 JSON that begins with '{' and may
 * end in spaces, with no duplicate keys, an optional `__metadata__` string→string map and, per
 * tensor, exactly dtype, shape and data_offsets [begin, end] relative to the data buffer; the
 * spans, sorted, must tile the buffer with no gap, overlap or trailing byte, and each must hold
 * product(shape) × dtype size bytes. F16, BF16, F32 and F64 tensors are listed in `tensors` and
 * converted exactly by `read`, which refuses NaN and ±Infinity naming the tensor and element.
 * Throws FormatError at the byte offset of the first problem.
 * @example parseSafetensors(bytes).read('layer.0.weight') // Float64Array of 768·768 values
 */
export function parseSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (bytes.length > MAX_IMPORT_BYTES) throw new FormatError('The file is larger than 1 GiB, the most Hinge opens.', 'safetensors');
  const header = readSafetensorsHeader(bytes);
  const tensors: SafetensorsTensor[] = [];
  const skipped: SkippedTensor[] = [];
  const byName = new Map<string, HeaderTensor>();
  for (const tensor of header.tensors) {
    byName.set(tensor.name, tensor);
    if (isReadable(tensor.dtype)) tensors.push(tensor as SafetensorsTensor); // the same object: its dtype is readable
    else skipped.push(tensor);
  }
  return {
    tensors,
    skipped,
    metadata: header.metadata,
    read: (name) => readTensor(bytes, byName.get(name), name),
  };
}

function isReadable(dtype: string): dtype is SafetensorsDtype {
  return Object.hasOwn(READABLE, dtype);
}

function readTensor(bytes: Uint8Array, tensor: HeaderTensor | undefined, name: string): Float64Array {
  if (tensor === undefined) throw new FormatError(`The file has no tensor named '${showText(name)}'.`, 'safetensors');
  const { dtype, shape, byteOffset, byteLength } = tensor;
  if (!isReadable(dtype)) {
    throw new FormatError(
      `The tensor '${showText(name)}' holds ${dtype} values; Hinge reads F16, BF16, F32 and F64 tensors (byte ${byteOffset}).`,
      'safetensors',
      byteOffset,
    );
  }
  const type = READABLE[dtype];
  const { values } = decodeElements(bytes, byteOffset, byteLength / ELEMENT_SIZE[type], type, true, 'safetensors');
  const bad = firstNonFinite(values);
  if (bad >= 0) {
    const at = byteOffset + bad * ELEMENT_SIZE[type];
    const element = shape.length === 0 ? 'its value' : `element [${multiIndex(bad, shape).join(', ')}]`;
    throw new FormatError(
      `In tensor '${showText(name)}', ${element} is ${describeNonFinite(values[bad])} (byte ${at}); Hinge only takes finite numbers.`,
      'safetensors',
      at,
    );
  }
  return values;
}
