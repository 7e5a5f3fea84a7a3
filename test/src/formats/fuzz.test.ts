// Fuzzing (fast-check): random bytes, header-shaped noise and mutated fixtures (bits flipped, bytes
// set, inserted, deleted, files cut). Every call must return a well-formed result or throw
// FormatError — never another error, never a hang (vitest's timeout ends a hung run) — and must
// allocate no more float64 values than the file has bytes, whatever sizes a mutated header claims.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../src/formats/delimited.js';
import { FormatError } from '../../../src/formats/errors.js';
import { parseNpy } from '../../../src/formats/npy.js';
import { parseSafetensors } from '../../../src/formats/safetensors.js';
import { bytes, fixture, npyFile, safetensorsFile } from './helpers.js';
import { NPY_CASES } from './npyCases.js';
import { SAFETENSORS_CASES } from './safetensorsCases.js';

const RUNS = 400;

// Counts the largest Float64Array the parsers ask for (they find the global at call time).
const NativeFloat64Array = globalThis.Float64Array;
let largestAllocation = 0;
class CountingFloat64Array extends NativeFloat64Array {
  constructor(...args: unknown[]) {
    if (typeof args[0] === 'number') largestAllocation = Math.max(largestAllocation, args[0]);
    super(...(args as [number]));
  }
}
beforeAll(() => {
  (globalThis as { Float64Array: unknown }).Float64Array = CountingFloat64Array;
});
afterAll(() => {
  (globalThis as { Float64Array: unknown }).Float64Array = NativeFloat64Array;
});

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Runs a parser on `input`; anything but a result or a FormatError fails. Returns the result or undefined. */
function attempt<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    expect(error.message.length).toBeGreaterThan(10);
    return undefined;
  }
}

function checkNpy(file: Uint8Array): void {
  largestAllocation = 0;
  const array = attempt(() => parseNpy(file));
  expect(largestAllocation).toBeLessThanOrEqual(file.length);
  if (!array) return;
  expect(['f2', 'f4', 'f8', 'i4', 'i8', 'u1']).toContain(array.dtype);
  expect(array.shape.every((d) => Number.isSafeInteger(d) && d >= 0)).toBe(true);
  expect(array.data.length).toBe(product(array.shape));
  expect(array.data.every(Number.isFinite)).toBe(true);
}

function checkSafetensors(file: Uint8Array): void {
  largestAllocation = 0;
  const opened = attempt(() => parseSafetensors(file));
  if (opened) {
    for (const tensor of [...opened.tensors, ...opened.skipped]) {
      expect(tensor.byteOffset).toBeGreaterThanOrEqual(8);
      expect(tensor.byteOffset + tensor.byteLength).toBeLessThanOrEqual(file.length);
    }
    for (const tensor of opened.tensors) {
      const values = attempt(() => opened.read(tensor.name));
      if (values) {
        expect(values.length).toBe(product(tensor.shape));
        expect(values.every(Number.isFinite)).toBe(true);
      }
    }
  }
  expect(largestAllocation).toBeLessThanOrEqual(file.length);
}

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; inserted: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'cut'; at: number };

// Positions are fractions of the length, so a mutation lands anywhere in files of any size; the
// values favour bytes that matter to the formats (digits, brackets, quotes, 0xff, 0).
const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const interesting = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...Array.from('0123456789-,:()[]{}"\' L.eE', (c) => c.charCodeAt(0)), 0, 0xff, 0x80));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: position, value: interesting }),
  fc.record({ kind: fc.constant('insert' as const), at: position, inserted: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: position }),
).map((m) => m as Mutation);

function mutate(original: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let file: Uint8Array = original.slice();
  for (const m of mutations) {
    const at = Math.floor(m.at * file.length);
    if (m.kind === 'flip' && file.length > 0) file[at] ^= 1 << m.bit;
    if (m.kind === 'set' && file.length > 0) file[at] = m.value;
    if (m.kind === 'insert') file = bytes(file.subarray(0, at), m.inserted, file.subarray(at));
    if (m.kind === 'delete') file = bytes(file.subarray(0, at), file.subarray(at + m.length));
    if (m.kind === 'cut') file = file.slice(0, at);
  }
  return file;
}

const NPY_SEEDS = ['v1_f8_le_3x4.npy', 'v2_f2_be_3x4.npy', 'v3_i8_le_3x4.npy', 'v1_u1_na_3x4.npy', 'fortran_f4_be_2x3x4.npy', 'scalar_v3_f2.npy', 'empty_0x3_f8.npy', 'python2_long_v1_i4.npy', 'refused_structured.npy', 'refused_unicode_fields_v3.npy'].map(fixture);
const ST_SEEDS = ['mixed.safetensors', 'with_int64.safetensors', 'empty.safetensors', 'refused_nan_bf16.safetensors'].map(fixture);

describe('fuzzing parseNpy', () => {
  it('random bytes, with and without the magic string', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (noise, magic) => checkNpy(magic ? bytes('\x93NUMPY', noise) : noise)), { numRuns: RUNS });
  });

  it('header-shaped noise: tokens of the header grammar in random order, random data', () => {
    const token = fc.constantFrom('{', '}', '(', ')', '[', ']', ',', ':', ' ', '\n', "'descr'", "'fortran_order'", "'shape'", "'<f8'", "'>f2'", "'|u1'", "'<i8'", "'O'", 'True', 'False', 'None', '0', '1', '3', '-1', '2L', '1.5', '99999999999999999999', "'", '"', '\\x', 'é');
    const header = fc.array(token, { maxLength: 40 }).map((t) => t.join(''));
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 64 }), fc.constantFrom(1 as const, 2 as const, 3 as const), (text, data, version) => checkNpy(npyFile(text, data, version))),
      { numRuns: RUNS },
    );
  });

  it('mutated fixtures and mutated malformed cases', () => {
    const seeds = [...NPY_SEEDS, ...NPY_CASES.filter((c) => c.bytes.length < 4096).map((c) => c.bytes)];
    fc.assert(fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, mutations) => checkNpy(mutate(seed, mutations))), { numRuns: 2 * RUNS });
  });

  it('header lengths and shapes that claim far more than the file holds', () => {
    const claims = fc.record({ length: fc.integer({ min: 0, max: 2 ** 32 - 1 }), dim: fc.bigInt({ min: 0n, max: 2n ** 70n }) });
    fc.assert(
      fc.property(claims, ({ length, dim }) => {
        const file = npyFile(`{'descr': '<f8', 'fortran_order': False, 'shape': (${dim}, ${dim}), }`, 64);
        checkNpy(file);
        new DataView(file.buffer).setUint16(8, length & 0xffff, true);
        checkNpy(file);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('fuzzing parseSafetensors', () => {
  it('random bytes, with and without a plausible header size', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (noise, sized) => {
        checkSafetensors(sized ? bytes([Math.min(noise.length, 255)], new Array<number>(7).fill(0), noise) : noise);
      }),
      { numRuns: RUNS },
    );
  });

  it('header-shaped noise: JSON tokens of the header in random order, random data', () => {
    const token = fc.constantFrom('{', '}', '[', ']', ',', ':', ' ', '"t"', '"u"', '"__metadata__"', '"dtype"', '"shape"', '"data_offsets"', '"F32"', '"F16"', '"BF16"', '"F64"', '"I64"', '"F4"', '0', '2', '4', '8', '16', '-1', '1e3', '18446744073709551616', 'null', 'true', '"\\u00e9"', '"\\ud800"');
    const header = fc.array(token, { maxLength: 40 }).map((t) => `{${t.join('')}`);
    fc.assert(fc.property(header, fc.uint8Array({ maxLength: 64 }), fc.boolean(), (text, data, pad) => checkSafetensors(safetensorsFile(text, data, pad))), { numRuns: RUNS });
  });

  it('well-formed headers over random data bytes (non-finite values are refused on read)', () => {
    const tensor = fc.record({ dtype: fc.constantFrom('F16', 'BF16', 'F32', 'F64', 'I8', 'BOOL', 'U64'), shape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }) });
    const size: Record<string, number> = { F16: 2, BF16: 2, F32: 4, F64: 8, I8: 1, BOOL: 1, U64: 8 };
    fc.assert(
      fc.property(fc.array(tensor, { maxLength: 5 }), fc.infiniteStream(fc.integer({ min: 0, max: 255 })), (tensors, noise) => {
        let offset = 0;
        const header = Object.fromEntries(tensors.map((t, k) => {
          const length = product(t.shape) * size[t.dtype];
          offset += length;
          return [`t${k}`, { ...t, data_offsets: [offset - length, offset] }];
        }));
        const data = Uint8Array.from(noise.take(offset));
        const file = safetensorsFile(header, data);
        expect(() => parseSafetensors(file)).not.toThrow();
        checkSafetensors(file);
      }),
      { numRuns: RUNS },
    );
  });

  it('mutated fixtures and mutated malformed cases', () => {
    const seeds = [...ST_SEEDS, ...SAFETENSORS_CASES.map((c) => c.bytes)];
    fc.assert(fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, mutations) => checkSafetensors(mutate(seed, mutations))), { numRuns: 2 * RUNS });
  });
});

describe('fuzzing parseDelimited', () => {
  it('text from the characters that matter to CSV: a consistent matrix or a FormatError', () => {
    const text = fc.string({ unit: fc.constantFrom(...'0123456789.,-+eE\t\n\r" naIfx;'.split('')), maxLength: 200 });
    fc.assert(
      fc.property(text, fc.constantFrom(',' as const, '\t' as const, 'auto' as const), (t, delimiter) => {
        const m = attempt(() => parseDelimited(t, { delimiter }));
        if (!m) return;
        expect(m.rows * m.cols).toBe(m.data.length);
        expect(m.rows).toBeGreaterThan(0);
        expect(m.data.every(Number.isFinite)).toBe(true);
      }),
      { numRuns: 2 * RUNS },
    );
  });
});
