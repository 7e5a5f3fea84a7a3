// Text chunks in PNG files: written where the spec allows, read back exactly, every chunk's CRC
// still right (checked by pngjs, an independent decoder), and damaged files refused.
import { PNG } from 'pngjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zlibSync } from 'fflate';
import { FormatError, HINGE_PNG_KEYWORD, crc32, pngChunks, readPngText, withPngText } from '../../../src/index.js';
import { MAX_PNG_TEXT_BYTES, chunkBytes, inflateText } from '../../../src/formats/png-text.js';

function smallPng(): Uint8Array {
  const png = new PNG({ width: 3, height: 2 });
  png.data.fill(200);
  return new Uint8Array(PNG.sync.write(png));
}

describe('PNG text chunks', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('writes an iTXt chunk after IHDR that reads back exactly, and the PNG still decodes', () => {
    const text = '{"format":"hinge-project","σ":[1,2],"emoji":"🧮"}';
    const out = withPngText(smallPng(), HINGE_PNG_KEYWORD, text);
    expect(pngChunks(out).map((c) => c.type).slice(0, 2)).toEqual(['IHDR', 'iTXt']);
    expect(readPngText(out, HINGE_PNG_KEYWORD)).toBe(text);
    const decoded = PNG.sync.read(Buffer.from(out), { checkCRC: true } as never);
    expect([decoded.width, decoded.height]).toEqual([3, 2]);
    expect(decoded.data[0]).toBe(200);
  });

  it('replaces an existing chunk with the same keyword instead of adding a second', () => {
    const once = withPngText(smallPng(), HINGE_PNG_KEYWORD, 'first');
    const twice = withPngText(once, HINGE_PNG_KEYWORD, 'second');
    expect(pngChunks(twice).filter((c) => c.type === 'iTXt')).toHaveLength(1);
    expect(readPngText(twice, HINGE_PNG_KEYWORD)).toBe('second');
  });

  it('round-trips any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(readPngText(withPngText(smallPng(), 'k', text), 'k')).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('says there is no text in a plain PNG', () => {
    expect(readPngText(smallPng(), HINGE_PNG_KEYWORD)).toBeUndefined();
  });

  it('refuses damaged files with the byte offset', () => {
    const good = withPngText(smallPng(), HINGE_PNG_KEYWORD, 'hello');
    const flipped = good.slice();
    flipped[45] = flipped[45]! ^ 0xff; // inside the iTXt data: its CRC no longer matches
    expect(() => readPngText(flipped, HINGE_PNG_KEYWORD)).toThrow(/CRC mismatch/);
    expect(() => readPngText(good.subarray(0, good.length - 5), HINGE_PNG_KEYWORD)).toThrow(FormatError);
    expect(() => readPngText(new Uint8Array([1, 2, 3]), HINGE_PNG_KEYWORD)).toThrow(/signature/);
    const extra = new Uint8Array([...good, 0]);
    expect(() => pngChunks(extra)).toThrow(/after IEND/);
    try {
      pngChunks(flipped);
    } catch (error) {
      expect((error as FormatError).offset).toBeGreaterThan(8);
    }
  });

  it('refuses keywords the PNG spec does not allow', () => {
    expect(() => withPngText(smallPng(), '', 'x')).toThrow(RangeError);
    expect(() => withPngText(smallPng(), 'x'.repeat(80), 'x')).toThrow(RangeError);
  });

  it('never crashes on mutated bytes: a FormatError or an answer', () => {
    const good = withPngText(smallPng(), HINGE_PNG_KEYWORD, 'hello');
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 }), (at, value) => {
        const bad = good.slice();
        bad[at] = value;
        try {
          readPngText(bad, HINGE_PNG_KEYWORD);
        } catch (error) {
          expect(error).toBeInstanceOf(FormatError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** `png` with a chunk of `type` and `data` inserted after IHDR. */
function withChunk(png: Uint8Array, type: string, data: Uint8Array): Uint8Array {
  const ihdrEnd = 8 + 25;
  return Uint8Array.from([...png.subarray(0, ihdrEnd), ...chunkBytes(type, data), ...png.subarray(ihdrEnd)]);
}
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('compressed PNG text (issue 13)', () => {
  it('reads a compressed iTXt and a zTXt chunk', () => {
    const text = JSON.stringify({ σ: [1, 2, 3], note: 'ünïcödé' });
    const itxt = withChunk(smallPng(), 'iTXt', Uint8Array.from([...latin1('k'), 0, 1, 0, 0, 0, ...zlibSync(new TextEncoder().encode(text))]));
    expect(readPngText(itxt, 'k')).toBe(text);
    const ztxt = withChunk(smallPng(), 'zTXt', Uint8Array.from([...latin1('z'), 0, 0, ...zlibSync(latin1('plain text'))]));
    expect(readPngText(ztxt, 'z')).toBe('plain text');
  });

  it('refuses a deflate bomb with a message that says so, before holding what it would inflate to', () => {
    const bomb = zlibSync(new Uint8Array(MAX_PNG_TEXT_BYTES + 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    const png = withChunk(smallPng(), 'iTXt', Uint8Array.from([...latin1(HINGE_PNG_KEYWORD), 0, 1, 0, 0, 0, ...bomb]));
    let error: unknown;
    try {
      readPngText(png, HINGE_PNG_KEYWORD);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormatError);
    expect((error as FormatError).message).toMatch(/inflates to more than 64 MB .* a deflate bomb/);
    // The same with a small limit, on a small stream.
    expect(() => inflateText(zlibSync(new Uint8Array(4096)), 0, zlibSync(new Uint8Array(4096)).length, 'chunk', 1000)).toThrow(/deflate bomb/);
  });

  it('refuses a damaged or cut compressed stream with a FormatError', () => {
    const z = zlibSync(latin1('x'.repeat(1000)));
    expect(() => inflateText(z.subarray(0, 6), 0, 6, 'chunk')).toThrow(FormatError);
    expect(() => inflateText(Uint8Array.of(0x78, 0x9c, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0), 0, 10, 'chunk')).toThrow(FormatError);
  });
});
