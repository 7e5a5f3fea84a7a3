// GIF export: the encoder's bytes, read back by a small independent GIF89a decoder written here
// (header, colour tables, graphic control and NETSCAPE loop extensions, LZW), have the right
// frame count, size, delay and colours; the background is taken out of exports exactly.
import { describe, expect, it } from 'vitest';
import { encodeGif, gifSize, GifWriter, GIF_MAX_WIDTH } from '../../renderer/scene/gif-export.js';
import { unmatte } from '../../renderer/scene/export-image.js';

interface DecodedFrame {
  left: number;
  top: number;
  width: number;
  height: number;
  delayCs: number;
  rgb: Uint8Array;
}

/** LZW decoding as GIF89a §22 defines it (variable code size from minCodeSize + 1 up to 12 bits). */
function lzwDecode(data: Uint8Array, minCodeSize: number, pixelCount: number): Uint8Array {
  const out = new Uint8Array(pixelCount);
  const clear = 1 << minCodeSize;
  const end = clear + 1;
  let size = minCodeSize + 1;
  let table: number[][] = [];
  const reset = () => {
    table = Array.from({ length: clear + 2 }, (_, i) => (i < clear ? [i] : []));
    size = minCodeSize + 1;
  };
  reset();
  let bit = 0;
  let o = 0;
  let previous: number[] | undefined;
  while (bit + size <= data.length * 8) {
    let code = 0;
    for (let i = 0; i < size; i++, bit++) code |= ((data[bit >> 3]! >> (bit & 7)) & 1) << i;
    if (code === clear) {
      reset();
      previous = undefined;
      continue;
    }
    if (code === end) break;
    let entry: number[];
    if (code < table.length) entry = table[code]!;
    else if (code === table.length && previous) entry = [...previous, previous[0]!];
    else throw new Error(`bad LZW code ${code}`);
    for (const v of entry) out[o++] = v;
    if (previous && table.length < 4096) table.push([...previous, entry[0]!]);
    if (table.length === 1 << size && size < 12) size++;
    previous = entry;
  }
  if (o !== pixelCount) throw new Error(`LZW gave ${o} pixels, expected ${pixelCount}`);
  return out;
}

function decodeGif(bytes: Uint8Array): { width: number; height: number; loops: boolean; frames: DecodedFrame[] } {
  const text = (a: number, b: number) => String.fromCharCode(...bytes.subarray(a, b));
  expect(text(0, 6)).toBe('GIF89a');
  const u16 = (p: number) => bytes[p]! | (bytes[p + 1]! << 8);
  const width = u16(6);
  const height = u16(8);
  let p = 13;
  let globalPalette: Uint8Array | undefined;
  if (bytes[10]! & 0x80) {
    globalPalette = bytes.subarray(13, 13 + 3 * (1 << ((bytes[10]! & 7) + 1)));
    p += globalPalette.length;
  }
  const frames: DecodedFrame[] = [];
  let delayCs = 0;
  let loops = false;
  const subBlocks = () => {
    const parts: number[] = [];
    while (bytes[p] !== 0) {
      const n = bytes[p]!;
      parts.push(...bytes.subarray(p + 1, p + 1 + n));
      p += n + 1;
    }
    p++;
    return Uint8Array.from(parts);
  };
  for (;;) {
    const introducer = bytes[p++];
    if (introducer === 0x3b) break;
    if (introducer === 0x21) {
      const label = bytes[p++];
      const data = subBlocks();
      if (label === 0xf9) delayCs = data[1]! | (data[2]! << 8);
      if (label === 0xff && String.fromCharCode(...data.subarray(0, 11)) === 'NETSCAPE2.0') loops = true;
      continue;
    }
    if (introducer !== 0x2c) throw new Error(`unexpected block 0x${introducer?.toString(16)} at ${p - 1}`);
    const [left, top, w, h] = [u16(p), u16(p + 2), u16(p + 4), u16(p + 6)];
    const packed = bytes[p + 8]!;
    p += 9;
    // The first frame's palette is the global one; each later frame brings its own.
    let palette = globalPalette;
    if (packed & 0x80) {
      const tableSize = 1 << ((packed & 7) + 1);
      palette = bytes.subarray(p, p + 3 * tableSize);
      p += 3 * tableSize;
    }
    expect(palette, `frame ${frames.length} has a palette`).toBeDefined();
    if (frames.length > 0) expect(packed & 0x80, 'later frames have palettes of their own').toBeTruthy();
    const minCodeSize = bytes[p++]!;
    const indices = lzwDecode(subBlocks(), minCodeSize, w * h);
    const rgb = new Uint8Array(w * h * 3);
    indices.forEach((index, i) => rgb.set(palette!.subarray(index * 3, index * 3 + 3), i * 3));
    frames.push({ left, top, width: w, height: h, delayCs, rgb });
  }
  return { width, height, loops, frames };
}

/** A frame of a disc of `color` on a dark background moving with k, with a gradient stripe. */
function frame(k: number, width: number, height: number, color: [number, number, number]): Uint8ClampedArray {
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const inside = (x - 10 - 4 * k) ** 2 + (y - height / 2) ** 2 < 36;
      const px: [number, number, number] = inside ? color : y < 3 ? [Math.round((255 * x) / width), 40, 200] : [16, 18, 24];
      pixels.set([...px, 255], i);
    }
  }
  return pixels;
}

describe('GIF export', () => {
  it('decodes to the right frame count, size, delay and colours', () => {
    const width = 48;
    const height = 20;
    const colors: [number, number, number][] = [[94, 194, 106], [242, 84, 91], [108, 140, 255], [242, 142, 43], [232, 234, 240]];
    const bytes = encodeGif(colors.map((c, k) => ({ width, height, pixels: frame(k, width, height, c) })), 1000 / 15);
    const gif = decodeGif(bytes);
    expect(gif).toMatchObject({ width, height, loops: true });
    expect(gif.frames).toHaveLength(colors.length);
    for (const [k, f] of gif.frames.entries()) {
      expect(f).toMatchObject({ left: 0, top: 0, width, height, delayCs: 7 }); // 66.7 ms → 70 ms, in hundredths
      // Within RGB565 quantization (≤ 8 levels in red and blue, 4 in green) of what was drawn.
      const centre = ((height / 2) * width + 10 + 4 * k) * 3;
      const got = [...f.rgb.subarray(centre, centre + 3)];
      got.forEach((v, c) => expect(Math.abs(v - colors[k]![c]!)).toBeLessThanOrEqual(8));
      const bg = [...f.rgb.subarray((height - 1) * width * 3, (height - 1) * width * 3 + 3)];
      bg.forEach((v, c) => expect(Math.abs(v - [16, 18, 24][c]!)).toBeLessThanOrEqual(8));
    }
  });

  it('refuses no frames, frames of different sizes and short pixel buffers', () => {
    expect(() => encodeGif([], 100)).toThrow(/at least one frame/);
    const writer = new GifWriter(100);
    writer.add({ width: 2, height: 2, pixels: new Uint8Array(16) });
    expect(() => writer.add({ width: 3, height: 2, pixels: new Uint8Array(24) })).toThrow(/one size: 2×2/);
    expect(() => writer.add({ width: 2, height: 2, pixels: new Uint8Array(15) })).toThrow(/16 bytes/);
  });

  it('keeps GIFs small: at most GIF_MAX_WIDTH wide, aspect kept', () => {
    expect(gifSize(400, 300)).toEqual({ width: 400, height: 300 });
    expect(gifSize(1400, 700)).toEqual({ width: GIF_MAX_WIDTH, height: 320 });
  });
});

describe('transparent background (difference matting)', () => {
  it('recovers colour and coverage of anything blended over black and white', () => {
    const cases: [[number, number, number], number][] = [[[255, 0, 0], 255], [[94, 194, 106], 128], [[10, 20, 30], 64], [[0, 0, 0], 0], [[200, 100, 50], 255]];
    const black = new Uint8Array(cases.length * 4);
    const white = new Uint8Array(cases.length * 4);
    cases.forEach(([c, a], i) => {
      for (let k = 0; k < 3; k++) {
        black[i * 4 + k] = Math.round((c[k]! * a) / 255);
        white[i * 4 + k] = Math.round((c[k]! * a) / 255 + 255 - a);
      }
      black[i * 4 + 3] = white[i * 4 + 3] = 255;
    });
    unmatte(black, white, cases.length);
    cases.forEach(([c, a], i) => {
      expect(Math.abs(black[i * 4 + 3]! - a)).toBeLessThanOrEqual(1);
      if (a >= 64) c.forEach((v, k) => expect(Math.abs(black[i * 4 + k]! - v)).toBeLessThanOrEqual(4)); // 8-bit rounding ÷ coverage
    });
    expect([...black.subarray(12, 16)]).toEqual([0, 0, 0, 0]);
  });
});
