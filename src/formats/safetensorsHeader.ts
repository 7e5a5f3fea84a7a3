/**
 * The safetensors header, checked as the format's README and its Rust crate (safetensors/src/
 * tensor.rs: read_metadata and Metadata::validate) check it: the 8-byte length, UTF-8, JSON that
 * begins with '{', an optional `__metadata__` string map, and for each tensor a dtype, a shape and
 * data_offsets that, sorted, tile the data buffer exactly, each span matching shape × dtype size.
 */
import { elementCount } from './elements.js';
import { FormatError } from './errors.js';
import { parseJsonBytes, type JsonValue } from './json.js';
import { fastHeaderEntries } from './safetensorsFast.js';
import { decodeUtf8, plural, showText } from './text.js';

/** Bits per element of every dtype the safetensors crate defines, readable by Hinge or not. */
export const DTYPE_BITS: Readonly<Record<string, number>> = {
  BOOL: 8, F4: 4, F6_E2M3: 6, F6_E3M2: 6, U8: 8, I8: 8, F8_E5M2: 8, F8_E4M3: 8, F8_E8M0: 8,
  I16: 16, U16: 16, F16: 16, BF16: 16, I32: 32, U32: 32, F32: 32, C64: 64, F64: 64, I64: 64, U64: 64,
};

/** The Rust crate's MAX_HEADER_SIZE: a longer header is refused before it is parsed. */
export const MAX_SAFETENSORS_HEADER = 100_000_000;

/** One tensor of the header, validated; offsets are absolute byte offsets in the file. */
export interface HeaderTensor {
  readonly name: string;
  readonly dtype: string;
  readonly shape: number[];
  readonly byteOffset: number;
  readonly byteLength: number;
}

/** The validated header: tensors in file order and the `__metadata__` map if present. */
export interface SafetensorsHeader {
  readonly tensors: readonly HeaderTensor[];
  readonly metadata: Record<string, string> | undefined;
}

interface Entry {
  readonly name: string;
  readonly dtype: string;
  readonly shape: number[];
  readonly begin: number;
  readonly end: number;
  /** Byte offset in the file of this tensor's data_offsets, where a bad layout is pointed at. */
  readonly offsetsAt: number;
}

function fail(message: string, offset?: number): FormatError {
  return new FormatError(message, 'safetensors', offset);
}

/**
 * Reads and validates the header of a safetensors file whose first bytes are `bytes` (the whole
 * file, or at least its 8-byte size and header) and whose length is `fileLength` (default: the
 * bytes given), checking every tensor's span against the file's length before anything is
 * allocated for its values. Throws FormatError. `strict` skips the JSON.parse fast path
 * (safetensorsFast.ts), for tests that compare the two.
 */
export function readSafetensorsHeader(
  bytes: Uint8Array,
  options: { readonly fileLength?: number; readonly strict?: boolean } = {},
): SafetensorsHeader {
  const fileLength = options.fileLength ?? bytes.length;
  if (bytes.length < 8) throw fail(`The file is ${bytes.length} bytes long, too short for the 8-byte header size.`, 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  if (high >= 2 ** 21 || high * 2 ** 32 + low > MAX_SAFETENSORS_HEADER) {
    const size = (BigInt(high) << 32n) | BigInt(low);
    throw fail(`The header size is ${size} bytes, too large: safetensors allows at most ${MAX_SAFETENSORS_HEADER}.`, 0);
  }
  const headerLength = high * 2 ** 32 + low;
  const dataStart = 8 + headerLength;
  if (dataStart > fileLength || dataStart > bytes.length) {
    throw fail(`The header size is ${plural(headerLength, 'byte')}, longer than the ${plural(Math.min(fileLength, bytes.length) - 8, 'byte')} left in the file after it.`, 0);
  }
  decodeUtf8(bytes, 8, dataStart, 'safetensors', 'header', false);
  // A plain header (most checkpoints) is read by JSON.parse; anything the fast path cannot vouch
  // for, or a layout it finds wrong, goes to the strict reader, which names the byte.
  const fast = options.strict ? undefined : fastHeaderEntries(bytes, 8, dataStart, DTYPE_BITS);
  if (fast) {
    try {
      return layout(fast.entries, fast.metadata, dataStart, fileLength);
    } catch {
      // fall through: the strict reader refuses it with the offset
    }
  }
  const root = parseJsonBytes(bytes, 8, dataStart);
  if (root.kind !== 'object') throw fail('The header must be a JSON object.', 8);
  let metadata: Record<string, string> | undefined;
  const entries: Entry[] = [];
  for (const { key, keyAt, value } of root.entries) {
    if (key === '__metadata__') metadata = readMetadata(value);
    else entries.push(readEntry(key, keyAt, value));
  }
  return layout(entries, metadata, dataStart, fileLength);
}

/** Checks that the entries, sorted by offset, tile the data buffer exactly; the tensors in file order. */
function layout(entries: Entry[], metadata: Record<string, string> | undefined, dataStart: number, fileLength: number): SafetensorsHeader {
  // Files from older writers list tensors in any order; the layout is checked in offset order.
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  const dataLength = fileLength - dataStart;
  let expected = 0;
  let previous: Entry | undefined;
  for (const entry of entries) {
    checkSpan(entry, expected, previous);
    checkSize(entry);
    expected = entry.end;
    previous = entry;
  }
  if (expected < dataLength) {
    throw fail(
      `The file has ${plural(dataLength - expected, 'byte')} after the last tensor's data (from byte ${dataStart + expected}); ` +
        'the tensors must cover the data buffer exactly.',
      dataStart + expected,
    );
  }
  if (expected > dataLength) {
    throw fail(
      `The tensors' data_offsets reach byte ${expected} of the data buffer, but the file holds only ${dataLength} bytes of data ` +
        `(it ends ${plural(expected - dataLength, 'byte')} early).`,
      fileLength,
    );
  }
  const tensors = entries.map(({ name, dtype, shape, begin, end }) => ({ name, dtype, shape, byteOffset: dataStart + begin, byteLength: end - begin }));
  return { tensors, metadata };
}

function readMetadata(value: JsonValue): Record<string, string> | undefined {
  // serde reads the Rust crate's Option<HashMap<String, String>>: null means absent.
  if (value.kind === 'null') return undefined;
  if (value.kind !== 'object') throw fail(`The header's __metadata__ must be an object of strings (byte ${value.at}).`, value.at);
  const pairs: [string, string][] = [];
  for (const entry of value.entries) {
    if (entry.value.kind !== 'string') {
      throw fail(
        `The __metadata__ entry '${showText(entry.key)}' is ${describe(entry.value)}; safetensors allows only strings there (byte ${entry.value.at}).`,
        entry.value.at,
      );
    }
    pairs.push([entry.key, entry.value.value]);
  }
  // fromEntries defines own properties, so a key named __proto__ stays data, never a prototype.
  return Object.fromEntries(pairs);
}

const INFO_KEYS = ['dtype', 'shape', 'data_offsets'] as const;

function readEntry(name: string, keyAt: number, value: JsonValue): Entry {
  if (value.kind !== 'object') {
    throw fail(`The tensor '${showText(name)}' must be described by an object with dtype, shape and data_offsets (byte ${value.at}).`, value.at);
  }
  const info: Partial<Record<(typeof INFO_KEYS)[number], JsonValue>> = {};
  for (const entry of value.entries) {
    if (!(INFO_KEYS as readonly string[]).includes(entry.key)) {
      throw fail(`The tensor '${showText(name)}' has an unknown key '${showText(entry.key)}' (byte ${entry.keyAt}); only dtype, shape and data_offsets are allowed.`, entry.keyAt);
    }
    info[entry.key as (typeof INFO_KEYS)[number]] = entry.value;
  }
  const missing = INFO_KEYS.filter((k) => info[k] === undefined);
  if (missing.length > 0) throw fail(`The tensor '${showText(name)}' lacks ${missing.join(' and ')} (byte ${keyAt}).`, keyAt);
  const dtype = info.dtype!;
  if (dtype.kind !== 'string') throw fail(`The dtype of tensor '${showText(name)}' must be a string (byte ${dtype.at}).`, dtype.at);
  if (!Object.hasOwn(DTYPE_BITS, dtype.value)) {
    throw fail(`The tensor '${showText(name)}' has dtype '${showText(dtype.value)}', which the safetensors format does not define (byte ${dtype.at}).`, dtype.at);
  }
  const shape = integers(info.shape!, name, 'shape');
  const offsets = info.data_offsets!;
  const span = integers(offsets, name, 'data_offsets');
  if (span.length !== 2) throw fail(`The data_offsets of tensor '${showText(name)}' must be two numbers, [begin, end] (byte ${offsets.at}).`, offsets.at);
  return { name, dtype: dtype.value, shape, begin: span[0], end: span[1], offsetsAt: offsets.at };
}

/** A JSON array of whole numbers ≥ 0, each below 2^53 so that it is exact as a double. */
function integers(value: JsonValue, name: string, field: string): number[] {
  if (value.kind !== 'array') throw fail(`The ${field} of tensor '${showText(name)}' must be an array of whole numbers (byte ${value.at}).`, value.at);
  return value.items.map((item) => {
    if (item.kind !== 'number' || !/^\d+$/.test(item.text)) {
      throw fail(`The ${field} of tensor '${showText(name)}' must hold whole numbers ≥ 0 (byte ${item.at}).`, item.at);
    }
    if (item.text.length > 16 && BigInt(item.text) > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw fail(`The ${field} of tensor '${showText(name)}' holds ${item.text}, which overflows any size a file can have (byte ${item.at}).`, item.at);
    }
    return Number(item.text);
  });
}

function checkSpan(entry: Entry, expected: number, previous: Entry | undefined): void {
  const { name, begin, end, offsetsAt } = entry;
  if (end < begin) throw fail(`The tensor '${showText(name)}' ends (${end}) before it begins (${begin}) ${where(offsetsAt)}.`, offsetsAt);
  if (begin < expected) {
    const other = showText(previous!.name);
    throw fail(`The tensor '${showText(name)}' overlaps '${other}': it begins at ${begin}, before ${expected}, where '${other}' ends ${where(offsetsAt)}.`, offsetsAt);
  }
  if (begin > expected) {
    const after = previous ? `'${showText(previous.name)}' ends at ${expected}` : 'the data buffer begins at 0';
    throw fail(`The tensor '${showText(name)}' begins at ${begin}, but ${after}: tensors must be contiguous, with no bytes between them ${where(offsetsAt)}.`, offsetsAt);
  }
}

function checkSize(entry: Entry): void {
  const { name, dtype, shape, begin, end, offsetsAt } = entry;
  const count = elementCount(shape);
  const bits = count === undefined ? undefined : count * DTYPE_BITS[dtype];
  if (bits === undefined || bits > Number.MAX_SAFE_INTEGER) {
    throw fail(`The shape [${shape.join(', ')}] of tensor '${showText(name)}' has too many elements to count: its size overflows ${where(offsetsAt)}.`, offsetsAt);
  }
  if (bits % 8 !== 0) {
    throw fail(`The tensor '${showText(name)}' has ${count} elements of ${DTYPE_BITS[dtype]} bits, which do not end on a byte boundary ${where(offsetsAt)}.`, offsetsAt);
  }
  if (bits / 8 !== end - begin) {
    throw fail(
      `The tensor '${showText(name)}' of shape [${shape.join(', ')}] and dtype ${dtype} needs ${plural(bits / 8, 'byte')}, but its data_offsets ` +
        `[${begin}, ${end}] span ${end - begin} ${where(offsetsAt)}.`,
      offsetsAt,
    );
  }
}

function where(offsetsAt: number): string {
  return `(data_offsets at byte ${offsetsAt})`;
}

function describe(value: JsonValue): string {
  return value.kind === 'object' || value.kind === 'array' ? `an ${value.kind}` : value.kind === 'number' || value.kind === 'string' ? `a ${value.kind}` : value.kind;
}
