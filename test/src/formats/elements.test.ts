// The element conversions behind both binary readers, checked on every bit pattern: float16 by an
// independent re-encoder and its ordering, bfloat16 against float32 reinterpretation, int64 at ±2^53.
import { describe, expect, it } from 'vitest';
import { decodeElements, fortranToC, halfToNumber, multiIndex } from '../../../src/formats/elements.js';

/** Encodes a float64 that is exactly a binary16 value back into its bits (independent of halfToNumber). */
function encodeHalf(x: number): number {
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a === Infinity) return sign | 0x7c00;
  if (a < 2 ** -14) return sign | (a / 2 ** -24); // subnormal: a multiple of 2^-24
  const e = Math.floor(Math.log2(a));
  const exponent = a >= 2 ** (e + 1) ? e + 1 : a < 2 ** e ? e - 1 : e; // guard log2 rounding
  return sign | ((exponent + 15) << 10) | (a / 2 ** exponent - 1) * 1024;
}

describe('float16', () => {
  it('decodes all 63 488 finite patterns exactly: re-encoding gives the same bits', () => {
    const wrong: string[] = [];
    for (let bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) !== 0x7c00 && encodeHalf(halfToNumber(bits)) !== bits) wrong.push(`0x${bits.toString(16)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('is increasing over the positive patterns, with the known endpoints', () => {
    let increasing = true;
    for (let bits = 1; bits <= 0x7bff; bits++) increasing &&= halfToNumber(bits) > halfToNumber(bits - 1);
    expect(increasing).toBe(true);
    expect(halfToNumber(0x0001)).toBe(2 ** -24);
    expect(halfToNumber(0x0400)).toBe(2 ** -14);
    expect(halfToNumber(0x3c00)).toBe(1);
    expect(halfToNumber(0x7bff)).toBe(65504);
    expect(Object.is(halfToNumber(0x8000), -0)).toBe(true);
    expect(halfToNumber(0x7c00)).toBe(Infinity);
    expect(halfToNumber(0xfc00)).toBe(-Infinity);
    expect(halfToNumber(0x7e00)).toBeNaN();
  });
});

describe('bfloat16', () => {
  it('is the top half of a float32, for all 65 536 patterns and both byte orders', () => {
    const word = new Uint32Array(1);
    const float = new Float32Array(word.buffer);
    for (const littleEndian of [true, false]) {
      const patterns = new Uint8Array(2 * 65536);
      const view = new DataView(patterns.buffer);
      for (let bits = 0; bits < 65536; bits++) view.setUint16(2 * bits, bits, littleEndian);
      const { values } = decodeElements(patterns, 0, 65536, 'bf16', littleEndian, 'safetensors');
      const wrong: number[] = [];
      for (let bits = 0; bits < 65536; bits++) {
        word[0] = bits << 16;
        if (!Object.is(values[bits], float[0]) && !(Number.isNaN(values[bits]) && Number.isNaN(float[0]))) wrong.push(bits);
      }
      expect(wrong).toEqual([]);
    }
  });
});

describe('int64', () => {
  const encode = (values: bigint[], littleEndian: boolean): Uint8Array => {
    const out = new Uint8Array(8 * values.length);
    values.forEach((v, i) => new DataView(out.buffer).setBigInt64(8 * i, v, littleEndian));
    return out;
  };

  it('converts exactly up to ±2^53 and flags the first value beyond', () => {
    const edge = [-(2n ** 53n), 2n ** 53n, 2n ** 53n - 1n, -1n, 2n ** 32n + 5n, -(2n ** 32n) - 5n, 0n];
    for (const littleEndian of [true, false]) {
      const { values, inexact } = decodeElements(encode(edge, littleEndian), 0, edge.length, 'i8', littleEndian, 'npy');
      expect(Array.from(values)).toEqual(edge.map(Number));
      expect(inexact).toBe(-1);
      for (const beyond of [2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 62n, -(2n ** 63n)]) {
        expect(decodeElements(encode([0n, beyond], littleEndian), 0, 2, 'i8', littleEndian, 'npy').inexact).toBe(1);
      }
    }
  });
});

describe('index helpers', () => {
  it('multiIndex inverts C and Fortran storage order', () => {
    expect(multiIndex(5, [2, 3])).toEqual([1, 2]);
    expect(multiIndex(5, [2, 3], true)).toEqual([1, 2]);
    expect(multiIndex(1, [2, 3], true)).toEqual([1, 0]);
    expect(multiIndex(0, [])).toEqual([]);
  });

  it('fortranToC transposes storage order', () => {
    // Fortran storage of [[1, 2, 3], [4, 5, 6]] is 1, 4, 2, 5, 3, 6.
    expect(Array.from(fortranToC(Float64Array.from([1, 4, 2, 5, 3, 6]), [2, 3], 'npy'))).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
