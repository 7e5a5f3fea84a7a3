// Checkpoint.readFloat64 (issue 17: a tensor decoded chunk by chunk straight into float64) against
// two references: each stored element decoded here with DataView (BF16 as the top half of a
// float32, F16 by its bit fields, I64 as a BigInt), and the float32 path `read`, which the other
// tests check against torch, numpy, safetensors and gguf. Random bytes with the special values
// mixed in (±0, subnormals, the largest finite, ±Infinity, NaN, integers at ±2^53), read through
// sources that hand back bytes at odd offsets, that fill the reader's buffer, or from memory.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCheckpoint } from '../../../src/checkpoint/open.js';
import { memorySource } from '../../../src/checkpoint/source.js';
import type { ByteSource, Checkpoint } from '../../../src/checkpoint/types.js';
import { FormatError } from '../../../src/formats/errors.js';
import { fixtureSources, recording, rejectsWith } from './helpers.js';

type Dtype = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';
const SIZE: Record<Dtype, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

/** Little-endian bytes of an unsigned integer `bits` (a bigint) in `size` bytes. */
const le = (bits: bigint, size: number): number[] => Array.from({ length: size }, (_, k) => Number((bits >> BigInt(8 * k)) & 0xffn));

/** Bit patterns worth meeting: zeros of both signs, subnormals, extremes, infinities, NaN; ±2^53 for I64. */
const SPECIAL: Record<Dtype, bigint[]> = {
  F64: [0n, 1n << 63n, 1n, 0x000fffffffffffffn, 0x7fefffffffffffffn, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0x3ff0000000000000n],
  F32: [0n, 0x80000000n, 1n, 0x807fffffn, 0x7f7fffffn, 0x7f800000n, 0xff800000n, 0x7fc00000n, 0xffc00001n],
  F16: [0n, 0x8000n, 1n, 0x03ffn, 0x8001n, 0x7bffn, 0x7c00n, 0xfc00n, 0x7e00n, 0x7c01n],
  BF16: [0n, 0x8000n, 1n, 0x007fn, 0x8001n, 0x7f7fn, 0x7f80n, 0xff80n, 0x7fc0n, 0xff81n],
  I64: [0n, 1n << 53n, (1n << 53n) + 1n, (1n << 64n) - (1n << 53n), (1n << 64n) - (1n << 53n) - 1n, (1n << 63n) - 1n, 1n << 63n, (1n << 64n) - 1n],
  I32: [0n, 0x7fffffffn, 0x80000000n, 0xffffffffn],
  I16: [0n, 0x7fffn, 0x8000n, 0xffffn],
  I8: [0n, 0x7fn, 0x80n, 0xffn],
  U8: [0n, 0xffn],
  BOOL: [0n, 1n, 2n, 0xffn],
};

/** One stored element as a number, decoded independently of src/; undefined when Hinge must refuse it. */
function decode(dtype: Dtype, bytes: Uint8Array, at: number): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, SIZE[dtype]);
  const finite = (v: number) => (Number.isFinite(v) ? v : undefined);
  switch (dtype) {
    case 'F64': return finite(view.getFloat64(0, true));
    case 'F32': return finite(view.getFloat32(0, true));
    case 'BF16': {
      const wide = new DataView(new ArrayBuffer(4));
      wide.setUint16(0, view.getUint16(0, true)); // big-endian: the high half first
      return finite(wide.getFloat32(0));
    }
    case 'F16': {
      const bits = view.getUint16(0, true);
      const sign = bits >> 15 ? -1 : 1;
      const e = (bits >> 10) & 31;
      const m = bits & 1023;
      if (e === 31) return undefined;
      return e === 0 ? sign * (m / 1024) * 2 ** -14 : sign * (1 + m / 1024) * 2 ** (e - 15);
    }
    case 'I64': {
      const v = view.getBigInt64(0, true);
      return v > 2n ** 53n || v < -(2n ** 53n) ? undefined : Number(v);
    }
    case 'I32': return view.getInt32(0, true);
    case 'I16': return view.getInt16(0, true);
    case 'I8': return view.getInt8(0);
    case 'U8': return view.getUint8(0);
    case 'BOOL': return view.getUint8(0) === 0 ? 0 : 1;
  }
}

/** A safetensors file holding `data` as one tensor 'w' of `dtype` and `shape`; its data starts at `dataStart`. */
function safetensorsFile(dtype: Dtype, shape: number[], data: Uint8Array): { bytes: Uint8Array; dataStart: number } {
  let json = JSON.stringify({ w: { dtype, shape, data_offsets: [0, data.length] } });
  json += ' '.repeat((8 - ((8 + json.length) % 8)) % 8);
  const bytes = new Uint8Array(8 + json.length + data.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
  bytes.set(new TextEncoder().encode(json), 8);
  bytes.set(data, 8 + json.length);
  return { bytes, dataStart: 8 + json.length };
}

/** A ByteSource over `bytes` that fills the reader's buffer (readInto), recording each target and each plain read. */
function fillingSource(name: string, bytes: Uint8Array) {
  const targets: Uint8Array[] = [];
  const reads: number[] = [];
  const source: ByteSource = {
    name,
    size: bytes.length,
    read(offset, length) {
      reads.push(length);
      return Promise.resolve(bytes.slice(offset, offset + length));
    },
    readInto(offset, target) {
      targets.push(target);
      target.set(bytes.subarray(offset, offset + target.length));
      return Promise.resolve(target.length);
    },
  };
  return { source, targets, reads };
}

const SOURCES = {
  'odd offsets': (name: string, bytes: Uint8Array) => recording(name, bytes),
  readInto: (name: string, bytes: Uint8Array) => fillingSource(name, bytes).source,
  memory: (name: string, bytes: Uint8Array) => memorySource(name, bytes),
};

/** The first index where `got` and `want` differ (Object.is: -0 is not +0, NaN is NaN), or -1; fast on a million values. */
function firstDifference(got: ArrayLike<number>, want: ArrayLike<number>): number {
  if (got.length !== want.length) return Math.min(got.length, want.length);
  for (let i = 0; i < got.length; i++) if (!Object.is(got[i], want[i])) return i;
  return -1;
}

/** read() and readFloat64() of `name` agree: the same numbers (bit for bit, -0 kept), or the same refusal at the same byte. */
async function agree(ckpt: Checkpoint, name: string): Promise<Float64Array | FormatError> {
  const [narrow, wide] = await Promise.all([ckpt.read(name).catch((e: unknown) => e), ckpt.readFloat64(name).catch((e: unknown) => e)]);
  if (wide instanceof Error) {
    expect(wide).toBeInstanceOf(FormatError);
    expect(narrow).toBeInstanceOf(FormatError);
    expect([(narrow as FormatError).message, (narrow as FormatError).offset]).toEqual([wide.message, (wide as FormatError).offset]);
    return wide as FormatError;
  }
  if (narrow instanceof Error) throw narrow;
  const { data, shape } = wide as { data: Float64Array; shape: number[] };
  const { data: stored, shape: storedShape } = narrow as { data: Float64Array | Float32Array; shape: number[] };
  expect(data).toBeInstanceOf(Float64Array);
  expect(shape).toEqual(storedShape);
  expect(firstDifference(data, stored)).toBe(-1);
  return data;
}

describe('readFloat64 of every element dtype', () => {
  const dtypes = Object.keys(SIZE) as Dtype[];
  it.each(dtypes)('%s: random bytes with the special values, against DataView and read()', async (dtype) => {
    const size = SIZE[dtype];
    const element = fc.oneof(
      { weight: 3, arbitrary: fc.uint8Array({ minLength: size, maxLength: size }) },
      { weight: 2, arbitrary: fc.constantFrom(...SPECIAL[dtype]).map((bits) => Uint8Array.from(le(bits, size))) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(element, { maxLength: 40 }), fc.constantFrom(...(Object.keys(SOURCES) as (keyof typeof SOURCES)[])), async (elements, kind) => {
        const data = Uint8Array.from(elements.flatMap((e) => Array.from(e)));
        const { bytes, dataStart } = safetensorsFile(dtype, elements.length % 2 === 0 && elements.length > 0 ? [2, elements.length / 2] : [elements.length], data);
        const ckpt = await openCheckpoint([SOURCES[kind]('w.safetensors', bytes)]);
        const want = elements.map((_, i) => decode(dtype, data, i * size));
        const bad = want.findIndex((v) => v === undefined);
        const got = await agree(ckpt, 'w');
        if (bad >= 0) {
          expect(got).toBeInstanceOf(FormatError);
          expect((got as FormatError).offset).toBe(dataStart + bad * size);
        } else {
          expect(Array.from(got as Float64Array)).toEqual(want);
        }
      }),
      { numRuns: 60, seed: 17 },
    );
  });
});

describe('readFloat64 across chunks', () => {
  // 700 000 BF16 values are 1.4 MB: two chunks of 1 MiB, decoded in 64 Ki-value blocks.
  const count = 700_000;
  const bits = new Uint16Array(count);
  for (let i = 0; i < count; i++) bits[i] = (Math.imul(i, 2654435761) >>> 16) & 0x7f7f; // finite: exponent never all ones
  const data = new Uint8Array(bits.buffer);
  const want = Float64Array.from(bits, (_, i) => decode('BF16', data, 2 * i)!);

  it.each(Object.keys(SOURCES) as (keyof typeof SOURCES)[])('reads every value exactly through a source with %s', async (kind) => {
    const { bytes } = safetensorsFile('BF16', [700, 1000], data);
    const ckpt = await openCheckpoint([SOURCES[kind]('w.safetensors', bytes)]);
    const got = await agree(ckpt, 'w');
    expect(firstDifference(got as Float64Array, want)).toBe(-1);
  });

  it('names the element and byte of a NaN in the second chunk', async () => {
    const withNaN = data.slice();
    new DataView(withNaN.buffer).setUint16(2 * 600_123, 0x7fc1, true);
    const { bytes, dataStart } = safetensorsFile('BF16', [700, 1000], withNaN);
    for (const make of Object.values(SOURCES)) {
      const ckpt = await openCheckpoint([make('w.safetensors', bytes)]);
      const error = await rejectsWith(ckpt.readFloat64('w'), /element \[600, 123\] is NaN/);
      expect(error.offset).toBe(dataStart + 2 * 600_123);
      await agree(ckpt, 'w');
    }
  });

  it('fills one reused buffer: every chunk of two tensors read at once lands in the pool’s buffers', async () => {
    const { bytes } = safetensorsFile('BF16', [700, 1000], data);
    const { source, targets, reads } = fillingSource('w.safetensors', bytes);
    const ckpt = await openCheckpoint([source]);
    targets.length = 0;
    reads.length = 0;
    const [a, b] = await Promise.all([ckpt.readFloat64('w'), ckpt.readFloat64('w')]);
    expect(firstDifference(a.data, want)).toBe(-1);
    expect(firstDifference(b.data, want)).toBe(-1);
    expect(targets.length).toBe(4);
    expect(reads).toEqual([]); // the headers came through read(), the values only through readInto
    // Two reads at once take two buffers; each read's chunks reuse its own.
    expect(new Set(targets.map((t) => t.buffer)).size).toBe(2);
    targets.length = 0;
    await ckpt.readFloat64('w');
    expect(new Set(targets.map((t) => t.buffer)).size).toBe(1);
  });

  it('refuses a readInto that fills less than asked, naming the byte', async () => {
    const { bytes, dataStart } = safetensorsFile('BF16', [700, 1000], data);
    // Headers come through read(); the tensor's chunks through the lying readInto.
    const short: ByteSource = {
      name: 'w.safetensors',
      size: bytes.length,
      read: (offset, length) => Promise.resolve(bytes.slice(offset, offset + length)),
      readInto: (_offset, target) => Promise.resolve(target.length - 1),
    };
    const ckpt = await openCheckpoint([short]);
    const error = await rejectsWith(ckpt.readFloat64('w'), /returned 1048575 bytes/);
    expect(error.offset).toBe(dataStart);
  });
});

describe('Q8_0 into float64', () => {
  /** A GGUF v3 file of one Q8_0 tensor of `blocks` blocks (32 values each), from the specification. */
  function q8File(blocks: Uint8Array[]): { bytes: Uint8Array; dataStart: number } {
    const name = new TextEncoder().encode('q');
    const head = new Uint8Array(4 + 4 + 8 + 8 + 8 + name.length + 4 + 8 + 4 + 8);
    const v = new DataView(head.buffer);
    let at = 0;
    head.set(new TextEncoder().encode('GGUF'), 0); at += 4;
    v.setUint32(at, 3, true); at += 4;
    v.setBigUint64(at, 1n, true); at += 8; // tensors
    v.setBigUint64(at, 0n, true); at += 8; // metadata
    v.setBigUint64(at, BigInt(name.length), true); at += 8;
    head.set(name, at); at += name.length;
    v.setUint32(at, 1, true); at += 4; // one dimension
    v.setBigUint64(at, BigInt(32 * blocks.length), true); at += 8;
    v.setUint32(at, 8, true); at += 4; // Q8_0
    v.setBigUint64(at, 0n, true); at += 8;
    const dataStart = Math.ceil(at / 32) * 32;
    const bytes = new Uint8Array(dataStart + 34 * blocks.length);
    bytes.set(head);
    blocks.forEach((b, k) => bytes.set(b, dataStart + 34 * k));
    return { bytes, dataStart };
  }

  it('d·q exactly, and a non-finite scale refused at its block’s byte', async () => {
    const scale = fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0, 0x8000, 1, 0x03ff, 0x7bff, 0x7c00, 0xfe00));
    const block = fc.tuple(scale, fc.int8Array({ minLength: 32, maxLength: 32 })).map(([d, q]) => {
      const b = new Uint8Array(34);
      new DataView(b.buffer).setUint16(0, d, true);
      b.set(new Uint8Array(q.buffer), 2);
      return b;
    });
    await fc.assert(
      fc.asyncProperty(fc.array(block, { maxLength: 6 }), async (blocks) => {
        const { bytes, dataStart } = q8File(blocks);
        const ckpt = await openCheckpoint([recording('t.gguf', bytes)]);
        const got = await agree(ckpt, 'q');
        const scales = blocks.map((b) => decode('F16', b, 0));
        const bad = scales.findIndex((d) => d === undefined);
        if (bad >= 0) {
          expect((got as FormatError).offset).toBe(dataStart + 34 * bad);
          return;
        }
        const want = blocks.flatMap((b, k) => Array.from(new Int8Array(b.buffer, 2, 32), (q) => scales[k]! * q));
        expect(Array.from(got as Float64Array)).toEqual(want);
      }),
      { numRuns: 80, seed: 17 },
    );
  });
});

describe('readFloat64 through every reader', () => {
  it.each([
    ['sharded safetensors', ['gpt2']],
    ['BF16 safetensors shards', ['llama']],
    ['dtypes.safetensors', ['safetensors/dtypes.safetensors']],
    ['PyTorch views of shared storages (transposed, sliced)', ['torch/views.pt']],
    ['a training checkpoint', ['torch/training.pth']],
    ['sharded PyTorch', ['llama-bin']],
    ['stored .npz (Fortran order too)', ['npz/stored.npz']],
    ['deflated .npz', ['npz/deflated.npz']],
    ['GGUF with Q8_0', ['gguf/tiny.gguf']],
    ['a LoRA adapter', ['llama-lora']],
  ])('%s: every tensor equals read() widened', async (_what, paths) => {
    const ckpt = await openCheckpoint(fixtureSources(...paths));
    expect(ckpt.tensors.length).toBeGreaterThan(0);
    for (const t of ckpt.tensors) {
      const got = await agree(ckpt, t.name);
      expect(got).toBeInstanceOf(Float64Array);
    }
    for (const t of ckpt.skipped) await rejectsWith(ckpt.readFloat64(t.name), /does not read/);
    await rejectsWith(ckpt.readFloat64('no such tensor'), /no tensor named/);
  });
});
