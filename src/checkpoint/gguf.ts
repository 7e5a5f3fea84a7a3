/**
 * GGUF (llama.cpp's format, ggml/docs/gguf.md), versions 2 and 3, read from the specification:
 * magic 'GGUF', version, tensor and key-value counts (u64), the key-values, the tensor infos
 * (name, dims with ne[0] fastest, ggml type, offset), then the data from the next multiple of
 * general.alignment. Every count is checked against the bytes left before a loop trusts it, so a
 * lying count is refused at its offset instead of looping or allocating. F32, F16, BF16, F64, the
 * integer types and Q8_0 (blocks of 32 int8 and one f16 scale, value = d·q, exact in float32)
 * are read; other quantizations are listed with the reason they are skipped.
 *
 * Why not @huggingface/gguf: it takes a URL and a `fetch`, reads in fixed 2 MB HTTP chunks, and
 * throws plain Errors without offsets; Hinge reads from a ByteSource and owes typed errors.
 */
import { halfToNumber } from '../formats/elements.js';
import { FormatError } from '../formats/errors.js';
import { decodeUtf8, showText } from '../formats/text.js';
import type { ReaderResult, TensorEntry } from './assemble.js';
import { CHUNK_BYTES, readChunks, readRange } from './source.js';
import type { ByteSource, SkippedCheckpointTensor, TensorValues, ValuesInto } from './types.js';
import { allocateFor, readContiguous, type ElementDtype } from './values.js';

/** ggml types: [name, block size, bytes per block]; readable ones map to a dtype below. */
export const GGML_TYPES: Readonly<Record<number, readonly [string, number, number]>> = {
  0: ['F32', 1, 4], 1: ['F16', 1, 2], 2: ['Q4_0', 32, 18], 3: ['Q4_1', 32, 20], 6: ['Q5_0', 32, 22], 7: ['Q5_1', 32, 24],
  8: ['Q8_0', 32, 34], 9: ['Q8_1', 32, 40], 10: ['Q2_K', 256, 84], 11: ['Q3_K', 256, 110], 12: ['Q4_K', 256, 144],
  13: ['Q5_K', 256, 176], 14: ['Q6_K', 256, 210], 15: ['Q8_K', 256, 292], 16: ['IQ2_XXS', 256, 66], 17: ['IQ2_XS', 256, 74],
  18: ['IQ3_XXS', 256, 98], 19: ['IQ1_S', 256, 50], 20: ['IQ4_NL', 32, 18], 21: ['IQ3_S', 256, 110], 22: ['IQ2_S', 256, 82],
  23: ['IQ4_XS', 256, 136], 24: ['I8', 1, 1], 25: ['I16', 1, 2], 26: ['I32', 1, 4], 27: ['I64', 1, 8], 28: ['F64', 1, 8],
  29: ['IQ1_M', 256, 56], 30: ['BF16', 1, 2], 34: ['TQ1_0', 256, 54], 35: ['TQ2_0', 256, 66], 39: ['MXFP4', 32, 17],
  40: ['NVFP4', 64, 36], 41: ['Q1_0', 128, 18],
};
const READABLE: Readonly<Record<string, ElementDtype>> = { F32: 'F32', F16: 'F16', BF16: 'BF16', F64: 'F64', I8: 'I8', I16: 'I16', I32: 'I32', I64: 'I64' };
/** Smallest encoding of each metadata value type, for checking an array's count against the file. */
const VALUE_SIZE: Readonly<Record<number, number>> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 8: 8, 9: 12, 10: 8, 11: 8, 12: 8 };
const MAX_DIMS = 4; // GGML_MAX_DIMS
const WINDOW = 2 ** 20;
/** A Q8_0 block: an f16 scale and 32 int8 values. */
const Q8_BLOCK_BYTES = 34;

/** A forward cursor over a source, reading a window at a time. */
class Cursor {
  pos = 0;
  private buf: Uint8Array = new Uint8Array(0);
  private bufStart = 0;
  constructor(private readonly source: ByteSource) {}

  get left(): number {
    return this.source.size - this.pos;
  }

  fail(message: string, at = this.pos): never {
    throw new FormatError(`${message} (byte ${at}).`, 'gguf', at);
  }

  async take(n: number, what: string): Promise<DataView> {
    if (n > this.left) this.fail(`The GGUF file ends inside ${what}`);
    if (this.pos + n > this.bufStart + this.buf.length) {
      this.bufStart = this.pos;
      this.buf = await readRange(this.source, this.pos, Math.min(this.left, Math.max(n, WINDOW)), 'gguf');
    }
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos - this.bufStart, n);
    this.pos += n;
    return view;
  }

  async u32(what: string): Promise<number> {
    return (await this.take(4, what)).getUint32(0, true);
  }

  async u64(what: string): Promise<number> {
    const at = this.pos;
    const v = await this.take(8, what);
    const high = v.getUint32(4, true);
    if (high >= 2 ** 21) this.fail(`${what} is beyond 2^53`, at);
    return high * 2 ** 32 + v.getUint32(0, true);
  }

  async string(what: string): Promise<string> {
    const at = this.pos;
    const length = await this.u64(`the length of ${what}`);
    if (length > this.left) this.fail(`${what} says it is ${length} bytes long, more than the file has left`, at);
    const v = await this.take(length, what);
    const bytes = new Uint8Array(v.buffer, v.byteOffset, length);
    return decodeUtf8(bytes, 0, length, 'gguf', what).text;
  }
}

/**
 * Lists the tensors of a GGUF file from its header and reads them by range. Throws FormatError
 * at the offset of a bad magic, an unknown version, a count or length the file cannot hold, an
 * unknown type, a misaligned or out-of-file tensor.
 */
export async function readGguf(source: ByteSource): Promise<ReaderResult> {
  const c = new Cursor(source);
  const magic = await c.take(4, 'the magic');
  if (magic.getUint32(0, true) !== 0x46554747) c.fail("This is not a GGUF file: it does not begin with 'GGUF'", 0);
  const version = await c.u32('the version');
  if (version !== 2 && version !== 3) c.fail(`The GGUF version is ${version}; Hinge reads versions 2 and 3`, 4);
  const tensorCount = await c.u64('the tensor count');
  const kvCount = await c.u64('the metadata count');
  if (kvCount * 13 > c.left) c.fail(`The file says it holds ${kvCount} metadata entries, more than its ${c.left} remaining bytes can`, 16);
  const metadata: Record<string, string> = {};
  let alignment = 32;
  for (let k = 0; k < kvCount; k++) {
    const key = await c.string('a metadata key');
    const typeAt = c.pos;
    const type = await c.u32('a metadata type');
    const value = await readValue(c, type, typeAt, 0);
    if (key === 'general.alignment') {
      if (type !== 4 || typeof value !== 'number' || value === 0 || (value & (value - 1)) !== 0) c.fail('general.alignment must be a u32 power of two', typeAt);
      alignment = value as number;
    }
    if (value !== undefined) metadata[key] = String(value);
  }
  if (tensorCount * 24 > c.left) c.fail(`The file says it holds ${tensorCount} tensors, more than its ${c.left} remaining bytes can describe`, 8);
  const infos: { name: string; dims: number[]; type: number; offset: number; at: number }[] = [];
  for (let k = 0; k < tensorCount; k++) {
    const at = c.pos;
    const name = await c.string('a tensor name');
    const nDims = await c.u32('a tensor dimension count');
    if (nDims > MAX_DIMS) c.fail(`The tensor '${showText(name)}' has ${nDims} dimensions; GGUF allows at most ${MAX_DIMS}`, c.pos - 4);
    const dims: number[] = [];
    for (let d = 0; d < nDims; d++) dims.push(await c.u64('a tensor dimension'));
    const typeAt = c.pos;
    const type = await c.u32('a tensor type');
    if (!Object.hasOwn(GGML_TYPES, type)) c.fail(`The tensor '${showText(name)}' has ggml type ${type}, which GGUF does not define`, typeAt);
    const offset = await c.u64('a tensor offset');
    if (offset % alignment !== 0) c.fail(`The tensor '${showText(name)}' begins at data offset ${offset}, not a multiple of the alignment ${alignment}`, c.pos - 8);
    infos.push({ name, dims, type, offset, at });
  }
  const dataStart = Math.ceil(c.pos / alignment) * alignment;
  const entries: TensorEntry[] = [];
  const skipped: SkippedCheckpointTensor[] = [];
  const names = new Set<string>();
  for (const { name, dims, type, offset, at } of infos) {
    if (names.has(name)) c.fail(`The tensor '${showText(name)}' is described twice`, at);
    names.add(name);
    const [typeName, block, blockBytes] = GGML_TYPES[type];
    const shape = [...dims].reverse();
    const count = dims.reduce((a, b) => a * b, 1);
    if (!Number.isSafeInteger(count) || (dims.length > 0 && dims[0] % block !== 0)) c.fail(`The tensor '${showText(name)}' has dims [${dims.join(', ')}] that ${typeName} cannot hold`, at);
    const bytes = (count / block) * blockBytes;
    if (dataStart + offset + bytes > source.size) c.fail(`The tensor '${showText(name)}' (${bytes} bytes at data offset ${offset}) reaches past the end of the file`, at);
    const start = dataStart + offset;
    const dtype = READABLE[typeName];
    if (dtype !== undefined) entries.push({ tensor: { name, dtype, shape }, load: (into) => readContiguous(source, start, dtype, shape, name, 'gguf', into) });
    else if (typeName === 'Q8_0') entries.push({ tensor: { name, dtype: 'Q8_0', shape }, load: (into) => readQ8(source, start, shape, name, into) });
    else skipped.push({ name, dtype: typeName, shape, reason: `${typeName} is a ${block === 256 ? 'k-quant or i-quant' : 'block'} quantization; Hinge dequantizes F32, F16, BF16 and Q8_0 only.` });
  }
  return { entries, skipped, metadata };
}

/** Reads a metadata value; scalars come back as numbers/strings/booleans, arrays as a short description. */
async function readValue(c: Cursor, type: number, at: number, depth: number): Promise<string | number | boolean | undefined> {
  switch (type) {
    case 0: return (await c.take(1, 'a u8')).getUint8(0);
    case 1: return (await c.take(1, 'an i8')).getInt8(0);
    case 2: return (await c.take(2, 'a u16')).getUint16(0, true);
    case 3: return (await c.take(2, 'an i16')).getInt16(0, true);
    case 4: return c.u32('a u32');
    case 5: return (await c.take(4, 'an i32')).getInt32(0, true);
    case 6: return (await c.take(4, 'an f32')).getFloat32(0, true);
    case 7: {
      const b = (await c.take(1, 'a bool')).getUint8(0);
      if (b > 1) c.fail('A bool is neither 0 nor 1', c.pos - 1);
      return b === 1;
    }
    case 8: return c.string('a metadata string');
    case 9: {
      if (depth > 2) c.fail('Metadata arrays nest too deeply', at);
      const itemAt = c.pos;
      const itemType = await c.u32('an array type');
      const count = await c.u64('an array length');
      if (!Object.hasOwn(VALUE_SIZE, itemType)) c.fail(`An array holds values of type ${itemType}, which GGUF does not define`, itemAt);
      if (count * VALUE_SIZE[itemType] > c.left) c.fail(`An array says it holds ${count} values, more than the file has bytes for`, itemAt + 4);
      for (let k = 0; k < count; k++) await readValue(c, itemType, c.pos, depth + 1);
      return `[${count} values]`;
    }
    case 10: return (await c.take(8, 'a u64')).getBigUint64(0, true).toString();
    case 11: return (await c.take(8, 'an i64')).getBigInt64(0, true).toString();
    case 12: return (await c.take(8, 'an f64')).getFloat64(0, true);
    default: return c.fail(`A metadata value has type ${type}, which GGUF does not define`, at);
  }
}

/**
 * Q8_0: blocks of an f16 scale d and 32 int8 q; value = d·q, exact in float32 (11 + 8 bits) and so
 * in float64 (`into`). Read a chunk of whole blocks at a time into a reused buffer.
 */
async function readQ8(source: ByteSource, start: number, shape: number[], name: string, into: ValuesInto): Promise<TensorValues> {
  const count = shape.reduce((a, b) => a * b, 1);
  const out = allocateFor('Q8_0', count, name, 'gguf', into);
  const blocksPerChunk = Math.floor(CHUNK_BYTES / Q8_BLOCK_BYTES);
  await readChunks(source, start, (count / 32) * Q8_BLOCK_BYTES, blocksPerChunk * Q8_BLOCK_BYTES, 'gguf', (bytes, position) => {
    const done = position / Q8_BLOCK_BYTES;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    const n = bytes.length / Q8_BLOCK_BYTES;
    for (let b = 0; b < n; b++) {
      const d = halfToNumber(view.getUint16(Q8_BLOCK_BYTES * b, true));
      if (!Number.isFinite(d)) {
        const at = start + (done + b) * Q8_BLOCK_BYTES;
        throw new FormatError(`In tensor '${showText(name)}', the scale of block ${done + b} is ${d} (byte ${at}); Hinge only takes finite numbers.`, 'gguf', at);
      }
      const base = (done + b) * 32;
      for (let k = 0; k < 32; k++) out[base + k] = d * view.getInt8(Q8_BLOCK_BYTES * b + 2 + k);
    }
  });
  return { shape, data: out };
}
