// parseSafetensors against files written from the README with numpy's values (F16, BF16, F32, F64,
// metadata), the byte strings of the Rust crate's own tests, and the malformed cases of
// safetensorsCases.ts (the crate's tests and the README's rules), each with message and offset.
import { describe, expect, it } from 'vitest';
import { parseSafetensors } from '../../../src/formats/safetensors.js';
import { bytes, expectFormatError, expected, f32, fixture, safetensorsFile } from './helpers.js';
import { SAFETENSORS_CASES } from './safetensorsCases.js';

const zeros = (n: number): number[] => new Array<number>(n).fill(0);

describe('parseSafetensors reads files written to the README', () => {
  it.each(Object.keys(expected.safetensors))('%s', (name) => {
    const want = expected.safetensors[name];
    const file = parseSafetensors(fixture(name));
    expect(file.metadata).toEqual(want.metadata ?? undefined);
    const all = [...file.tensors, ...file.skipped];
    expect(all.map((t) => t.name).sort()).toEqual(Object.keys(want.tensors).sort());
    for (const tensor of all) {
      const w = want.tensors[tensor.name];
      expect(tensor.dtype).toBe(w.dtype);
      expect(tensor.shape).toEqual(w.shape);
      if (w.values === null) continue;
      const values = file.read(tensor.name);
      expect(values.length).toBe(w.values.length);
      // The values were made exactly representable in the stored dtype, so conversion is exact.
      w.values.forEach((v, i) => expect(Object.is(values[i], v), `${tensor.name}[${i}]`).toBe(true));
    }
  });

  it('lists tensors in file order, with absolute offsets that tile the data exactly', () => {
    const raw = fixture('mixed.safetensors');
    const file = parseSafetensors(raw);
    expect(file.tensors.map((t) => t.dtype)).toEqual(['F64', 'F32', 'F32', 'F32', 'BF16', 'F16']);
    const headerEnd = 8 + Number(new DataView(raw.buffer, raw.byteOffset).getBigUint64(0, true));
    expect(file.tensors[0].byteOffset).toBe(headerEnd);
    file.tensors.slice(1).forEach((t, k) => expect(t.byteOffset).toBe(file.tensors[k].byteOffset + file.tensors[k].byteLength));
    const last = file.tensors[file.tensors.length - 1];
    expect(last.byteOffset + last.byteLength).toBe(raw.length);
  });

  it('keeps tensors of other dtypes aside, validated, and refuses to read them by name', () => {
    const file = parseSafetensors(fixture('with_int64.safetensors'));
    expect(file.tensors.map((t) => t.name)).toEqual(['w']);
    expect(file.skipped).toMatchObject([{ name: 'position_ids', dtype: 'I64', shape: [1, 4], byteLength: 32 }]);
    expectFormatError(() => file.read('position_ids'), "tensor 'position_ids' holds I64 values", file.skipped[0].byteOffset);
    expectFormatError(() => file.read('nope'), "no tensor named 'nope'");
  });
});

describe('parseSafetensors accepts the files of the Rust crate tests', () => {
  const header = (n: number): number[] => [n, ...zeros(7)];

  it('test_serialization: F32 [1, 2, 3] of 0…5', () => {
    const out = [
      64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100, 116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97,
      112, 101, 34, 58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125,
      0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
    ];
    const file = parseSafetensors(bytes(out));
    expect(file.tensors).toMatchObject([{ name: 'attn.0', dtype: 'F32', shape: [1, 2, 3], byteOffset: 72, byteLength: 24 }]);
    expect(Array.from(file.read('attn.0'))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('test_serialization_forced_alignement: header padded with spaces to 8 bytes', () => {
    const text = '{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}       ';
    const file = parseSafetensors(bytes(header(72), text, f32(0, 1, 2, 3, 4, 5)));
    expect(file.tensors[0].byteOffset % 4).toBe(0);
    expect(Array.from(file.read('attn0'))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('test_empty: no tensors, with and without metadata', () => {
    expect(parseSafetensors(bytes([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32]))).toMatchObject({ tensors: [], skipped: [], metadata: undefined });
    const withMetadata = parseSafetensors(bytes(header(40), '{"__metadata__":{"framework":"pt"}}     '));
    expect(withMetadata.metadata).toEqual({ framework: 'pt' });
  });

  it('test_whitespace_padded_header: any JSON whitespace after the header', () => {
    expect(parseSafetensors(bytes(header(6), '{}\r \t\n')).tensors).toEqual([]);
  });

  it('test_deserialization, test_empty_shapes_allowed, test_zero_sized_tensor: I32 tensors are validated and set aside', () => {
    const deserialization = parseSafetensors(bytes('<', zeros(7), '{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}', zeros(16)));
    expect(deserialization.skipped).toMatchObject([{ name: 'test', dtype: 'I32', shape: [2, 2], byteLength: 16 }]);
    const scalar = parseSafetensors(bytes('8', zeros(7), '{"test":{"dtype":"I32","shape":[],"data_offsets":[0,4]}}', zeros(4)));
    expect(scalar.skipped[0].shape).toEqual([]);
    const zeroSized = parseSafetensors(bytes('<', zeros(7), '{"test":{"dtype":"I32","shape":[2,0],"data_offsets":[0, 0]}}'));
    expect(zeroSized.skipped[0]).toMatchObject({ shape: [2, 0], byteLength: 0 });
  });

  it('test_serialization_fp4: two 4-bit floats in one byte', () => {
    const text = '{"attn.0":{"dtype":"F4","shape":[1,2],"data_offsets":[0,1]}}    ';
    expect(parseSafetensors(bytes(header(64), text, [0])).skipped[0]).toMatchObject({ dtype: 'F4', byteLength: 1 });
  });

  it('zero-sized and scalar F32 tensors read as 0 and 1 values', () => {
    const file = parseSafetensors(safetensorsFile({ s: { dtype: 'F32', shape: [], data_offsets: [0, 4] }, e: { dtype: 'F32', shape: [3, 0], data_offsets: [4, 4] } }, f32(2.5)));
    expect(Array.from(file.read('s'))).toEqual([2.5]);
    expect(file.read('e').length).toBe(0);
  });
});

describe('parseSafetensors refuses malformed files (the Rust crate tests, the README)', () => {
  it.each(SAFETENSORS_CASES.map((c) => [`${c.source}: ${c.name}`, c] as const))('%s', (_, c) => {
    const error = expectFormatError(() => parseSafetensors(c.bytes), c.message, c.offset);
    expect(error.format).toBe('safetensors');
  });

  it('refuses NaN and ±Infinity on read, naming the tensor, the element and its byte', () => {
    const nan = fixture('refused_nan_bf16.safetensors');
    const file = parseSafetensors(nan);
    expectFormatError(() => file.read('bad'), "In tensor 'bad', element [1, 0] is NaN", file.tensors[0].byteOffset + 4);
    const inf = parseSafetensors(safetensorsFile({ x: { dtype: 'F32', shape: [3], data_offsets: [0, 12] } }, f32(1, 2, Infinity)));
    expectFormatError(() => inf.read('x'), 'element [2] is Infinity');
    const half = parseSafetensors(safetensorsFile({ h: { dtype: 'F16', shape: [], data_offsets: [0, 2] } }, bytes([0x00, 0xfc])));
    expectFormatError(() => half.read('h'), "In tensor 'h', its value is -Infinity");
  });

  it('keeps a __metadata__ key named __proto__ as data, leaving Object.prototype alone', () => {
    const file = parseSafetensors(safetensorsFile('{"__metadata__":{"__proto__":"x","polluted":"yes"}}'));
    expect(Object.hasOwn(file.metadata!, '__proto__')).toBe(true);
    expect(file.metadata!.__proto__).toBe('x');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads a tensor name with escapes and non-ASCII characters', () => {
    const file = parseSafetensors(safetensorsFile('{"caf\\u00e9 \\"\\ud83d\\ude00\\" ✓":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', f32(1)));
    expect(file.tensors[0].name).toBe('café "😀" ✓');
  });
});
