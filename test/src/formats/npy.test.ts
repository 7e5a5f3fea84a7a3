// parseNpy against files numpy wrote (every version, byte order, dtype and order; values compared
// exactly with what numpy saved), against numpy's own malformed-input tests ported in npyCases.ts,
// and against arrays written here in C and Fortran order from random shapes (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNpy } from '../../../src/formats/npy.js';
import { bytes, expectFormatError, expected, fixture, npyFile, npyHeader } from './helpers.js';
import { NPY_CASES, paddedTo } from './npyCases.js';

/** Exact equality that also tells -0 from 0 (Object.is), element by element. */
function expectSameValues(actual: Float64Array, values: readonly number[]): void {
  expect(actual.length).toBe(values.length);
  values.forEach((v, i) => expect(Object.is(actual[i], v), `element ${i}: ${actual[i]} ≠ ${v}`).toBe(true));
}

describe('parseNpy reads what numpy writes', () => {
  const names = Object.keys(expected.npy);

  it('covers versions 1–3, both byte orders, every dtype, C and Fortran order, ranks 0–3 and empty arrays', () => {
    const files = Object.values(expected.npy);
    expect(new Set(files.map((f) => f.version))).toEqual(new Set([1, 2, 3]));
    expect(new Set(files.map((f) => f.dtype))).toEqual(new Set(['f2', 'f4', 'f8', 'i4', 'i8', 'u1']));
    expect(new Set(files.map((f) => f.shape.length))).toEqual(new Set([0, 1, 2, 3]));
    expect(files.some((f) => f.fortranOrder && f.shape.length === 3)).toBe(true);
    expect(files.some((f) => f.values.length === 0)).toBe(true);
    expect(names.filter((n) => n.includes('_be_')).length).toBeGreaterThanOrEqual(15);
  });

  it.each(names)('%s', (name) => {
    const want = expected.npy[name];
    const array = parseNpy(fixture(name));
    expect(array.shape).toEqual(want.shape);
    expect(array.dtype).toBe(want.dtype);
    expect(array.fortranOrder).toBe(want.fortranOrder);
    // numpy converted to float64 itself (astype), so every value must match bit for bit.
    expectSameValues(array.data, want.values);
  });

  it('reads a Uint8Array that is a view into a larger buffer at an odd offset', () => {
    const file = fixture('v1_f8_le_3x4.npy');
    const shifted = new Uint8Array(file.length + 3);
    shifted.set(file, 3);
    expectSameValues(parseNpy(shifted.subarray(3)).data, expected.npy['v1_f8_le_3x4.npy'].values);
  });
});

describe('parseNpy refuses malformed files (numpy test_format.py, format.py, RELIABILITY.md)', () => {
  it.each(NPY_CASES.map((c) => [`${c.source}: ${c.name}`, c] as const))('%s', (_, c) => {
    const error = expectFormatError(() => parseNpy(c.bytes), c.message, c.offset);
    expect(error.format).toBe('npy');
  });

  it('ports every malformed case of numpy test_format.py that applies to reading', () => {
    expect(NPY_CASES.filter((c) => c.source === 'numpy').length).toBeGreaterThanOrEqual(30);
  });

  // numpy test_roundtrip_truncated and test_file_truncated: every file one byte short fails, and
  // for an empty array it is the header that is cut, as numpy's "EOF: reading array header" says.
  it.each(Object.keys(expected.npy))('%s one byte short and one byte long', (name) => {
    const file = fixture(name);
    const empty = expected.npy[name].values.length === 0;
    expectFormatError(() => parseNpy(file.subarray(0, file.length - 1)), empty ? 'header says it is' : 'after the header');
    expectFormatError(() => parseNpy(bytes(file, [0])), '1 byte more than the array holds');
  });

  it("accepts a header of exactly 10 000 characters, numpy's limit, and refuses one more", () => {
    expect(parseNpy(paddedTo(10000)).shape).toEqual([1]);
    expectFormatError(() => parseNpy(paddedTo(10001)), 'over 10000 characters', 10);
  });

  it('counts a version 3 header in characters, as numpy does, not in UTF-8 bytes', () => {
    // A field name of 3 400 CJK characters: over 10 000 bytes but under 10 000 characters, so the length passes
    // and the structured dtype is what is refused; with 600 more characters the length is refused.
    const header = (extra: number): string =>
      `{'descr': [('${'\u6574'.repeat(3400)}', '<i4')], 'fortran_order': False, 'shape': (), }${' '.repeat(extra)}`;
    expectFormatError(() => parseNpy(npyFile(header(0), 4, 3)), 'structured dtype', 22);
    expectFormatError(() => parseNpy(npyFile(header(7000), 4, 3)), 'over 10000 characters', 12);
  });

  it('never evaluates the header: a call in it is a syntax error, and nothing runs', () => {
    let ran = false;
    (globalThis as Record<string, unknown>).__hingeProbe = () => (ran = true);
    expectFormatError(() => parseNpy(npyFile("{'descr': __hingeProbe(), 'fortran_order': False, 'shape': (), }", 8)), 'not a Python literal');
    expect(ran).toBe(false);
    delete (globalThis as Record<string, unknown>).__hingeProbe;
  });
});

describe('parseNpy header literals', () => {
  const read = (header: string, data = 8): number[] => parseNpy(npyFile(header, data)).shape;

  it('accepts what Python accepts: any key order, double quotes, u-prefixed strings, no trailing comma, newlines', () => {
    expect(read("{'shape': (1,), 'fortran_order': False, 'descr': '<f8'}")).toEqual([1]);
    expect(read('{"descr": "<f8", "fortran_order": False, "shape": (1, )}')).toEqual([1]);
    expect(read("{u'descr': u'<f8',\n 'fortran_order': False,\n 'shape': (1,)}")).toEqual([1]);
    expect(read("{'descr': '\\x3cf8', 'fortran_order': False, 'shape': (1,)}")).toEqual([1]);
    expect(read("{'descr': '=f8', 'fortran_order': False, 'shape': (1,)}")).toEqual([1]);
  });

  it('treats = and | as little-endian, > as big-endian', () => {
    const one = [0, 0, 0, 0, 0, 0, 0xf0, 0x3f];
    expect(parseNpy(npyFile(npyHeader('=f8', '()'), bytes(one))).data[0]).toBe(1);
    expect(parseNpy(npyFile(npyHeader('|f8', '()'), bytes(one))).data[0]).toBe(1);
    expect(parseNpy(npyFile(npyHeader('>f8', '()'), bytes(one.slice().reverse()))).data[0]).toBe(1);
  });
});

// An independent writer: values go into the file in C or Fortran order, and must come back in C order.
const arrays = fc
  .record({
    shape: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 }),
    fortran: fc.boolean(),
    bigEndian: fc.boolean(),
    version: fc.constantFrom(1 as const, 2 as const, 3 as const),
  })
  .chain((spec) => {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    return fc.record({
      spec: fc.constant(spec),
      values: fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: count, maxLength: count }),
    });
  });

describe('parseNpy, property: Fortran-order files come back in C order', () => {
  it('for random shapes of rank 0–4, both byte orders, all versions', () => {
    fc.assert(
      fc.property(arrays, ({ spec, values }) => {
        const { shape, fortran, bigEndian, version } = spec;
        const stored = fortran ? toFortranOrder(values, shape) : values;
        const data = new Uint8Array(8 * stored.length);
        const view = new DataView(data.buffer);
        stored.forEach((v, i) => view.setFloat64(8 * i, v, !bigEndian));
        const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
        const file = npyFile(npyHeader(bigEndian ? '>f8' : '<f8', tuple, fortran ? 'True' : 'False'), data, version);
        const array = parseNpy(file);
        expect(array.shape).toEqual(shape);
        expect(Array.from(array.data)).toEqual(values);
      }),
      { numRuns: 300 },
    );
  });
});

/** values (C order) rearranged into Fortran order, by index arithmetic independent of the parser. */
function toFortranOrder(values: number[], shape: number[]): number[] {
  return values.map((_, f) => {
    let rest = f;
    let c = 0;
    const index = shape.map((dim) => {
      const i = rest % dim;
      rest = Math.floor(rest / dim);
      return i;
    });
    index.forEach((i, axis) => (c = c * shape[axis] + i));
    return values[c];
  });
}
