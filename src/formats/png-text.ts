/**
 * Text in PNG files (PNG spec, 3rd ed., §11.3.3): Hinge writes the project state of an exported
 * picture into an uncompressed iTXt chunk, so dropping the picture back onto Hinge reopens that
 * exact view. Pure functions of bytes; every chunk's length and CRC are checked when reading.
 */
import { Unzlib } from 'fflate';
import { FormatError } from './errors.js';
import { decodeLatin1, decodeUtf8, encodeUtf8 } from './text.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/**
 * The most text a compressed chunk may inflate to: a project file's own limit (64 MiB of text).
 * Deflate compresses runs of one byte about 1000:1, so a small picture could otherwise carry a
 * chunk that inflates to gigabytes (a deflate bomb).
 */
export const MAX_PNG_TEXT_BYTES = 64 * 1024 * 1024;

/** The keyword of Hinge's chunk. */
export const HINGE_PNG_KEYWORD = 'hinge-project';

let crcTable: Uint32Array | undefined;
/** CRC-32 (ISO 3309, the PNG one) of bytes. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface Chunk {
  readonly type: string;
  /** Offset of the chunk's length field. */
  readonly offset: number;
  readonly dataStart: number;
  readonly length: number;
}

function fail(message: string, offset: number): never {
  throw new FormatError(message, 'png', offset);
}

/** The chunks of a PNG, checked: signature, lengths within the file, CRCs, IHDR first, IEND last. */
export function pngChunks(png: Uint8Array): Chunk[] {
  if (png.length < 8 || SIGNATURE.some((b, i) => png[i] !== b)) fail('not a PNG file (bad signature)', 0);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Chunk[] = [];
  let offset = 8;
  while (offset < png.length) {
    if (offset + 12 > png.length) fail('truncated chunk header', offset);
    const length = view.getUint32(offset);
    if (length > 0x7fffffff) fail(`chunk length ${length} exceeds 2³¹ − 1`, offset);
    const dataStart = offset + 8;
    if (dataStart + length + 4 > png.length) fail(`chunk of ${length} bytes runs past the end of the file`, offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) fail('bad chunk type', offset + 4);
    const crc = view.getUint32(dataStart + length);
    if (crc32(png, offset + 4, dataStart + length) !== crc) fail(`CRC mismatch in chunk ${type}`, dataStart + length);
    chunks.push({ type, offset, dataStart, length });
    offset = dataStart + length + 4;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR') fail('the first chunk is not IHDR', 8);
  if (chunks.at(-1)?.type !== 'IEND') fail('no IEND chunk', png.length);
  if (offset !== png.length) fail('bytes after IEND', offset);
  return chunks;
}

/** One PNG chunk's bytes: length, type, `data` and the CRC-32 of type and data. */
export function chunkBytes(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/**
 * A copy of `png` with an uncompressed iTXt chunk (keyword, UTF-8 text) inserted right after IHDR;
 * an existing chunk with the same keyword is replaced.
 */
export function withPngText(png: Uint8Array, keyword: string, text: string): Uint8Array {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword) || keyword.startsWith(' ') || keyword.endsWith(' ')) {
    throw new RangeError(`"${keyword}" is not a PNG keyword (1–79 printable Latin-1 characters)`);
  }
  const chunks = pngChunks(png);
  const key = encodeUtf8(keyword);
  const body = encodeUtf8(text);
  // keyword, NUL, compression flag 0, method 0, empty language tag + NUL, empty translated keyword + NUL, text
  const data = new Uint8Array(key.length + 5 + body.length);
  data.set(key, 0);
  data.set([0, 0, 0, 0, 0], key.length);
  data.set(body, key.length + 5);
  const itxt = chunkBytes('iTXt', data);
  const kept = chunks.filter((c) => !(c.type === 'iTXt' && readITxt(png, c)?.keyword === keyword));
  const parts: Uint8Array[] = [png.subarray(0, 8)];
  for (const c of kept) {
    parts.push(png.subarray(c.offset, c.dataStart + c.length + 4));
    if (c.type === 'IHDR') parts.push(itxt);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function readITxt(png: Uint8Array, c: Chunk): { keyword: string; text: string } | undefined {
  const data = png.subarray(c.dataStart, c.dataStart + c.length);
  const nul = data.indexOf(0);
  if (nul < 1 || nul > 79) return undefined;
  const keyword = decodeLatin1(data, 0, nul);
  const compressed = data[nul + 1];
  let at = nul + 3;
  const langEnd = data.indexOf(0, at);
  if (langEnd < 0) return undefined;
  at = langEnd + 1;
  const transEnd = data.indexOf(0, at);
  if (transEnd < 0) return undefined;
  const start = c.dataStart + transEnd + 1;
  const end = c.dataStart + c.length;
  if (compressed === 0) return { keyword, text: decodeUtf8(png, start, end, 'png', 'iTXt text').text };
  const text = inflateText(png, start, end, `iTXt chunk '${keyword}'`);
  return { keyword, text: decodeUtf8(text, 0, text.length, 'png', 'iTXt text').text };
}

/**
 * Inflates the zlib stream png[start, end) of a text chunk, refusing (FormatError naming the chunk
 * and its offset) a stream that would inflate past MAX_PNG_TEXT_BYTES — a deflate bomb — before
 * that much is held, and a stream that is damaged or ends early.
 */
export function inflateText(png: Uint8Array, start: number, end: number, what: string, limit = MAX_PNG_TEXT_BYTES): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflater = new Unzlib((chunk, final) => {
    total += chunk.length;
    if (total > limit) {
      throw new FormatError(
        `The ${what} inflates to more than ${limit / 1024 / 1024} MB from ${end - start} bytes: a deflate bomb, so Hinge stops reading it.`,
        'png',
        start,
      );
    }
    parts.push(chunk);
    done ||= final;
  });
  try {
    // In steps, so a bomb is stopped after at most one step's worth of output past the limit.
    const STEP = 64 * 1024;
    const stream = png.subarray(start, end);
    if (stream.length < 2) throw new Error('too short');
    for (let at = 0; at < stream.length && !done; at += STEP) inflater.push(stream.subarray(at, Math.min(stream.length, at + STEP)), at + STEP >= stream.length);
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw new FormatError(`The ${what} is not a valid compressed stream (${(error as Error).message}).`, 'png', start);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  // zlib ends with the Adler-32 of the text: a stream cut short (or damaged) does not match it.
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (!done || end - start < 6 || view.getUint32(end - 4) !== adler32(out)) {
    throw new FormatError(`The ${what} is cut short or damaged: its compressed text does not check out.`, 'png', start);
  }
  return out;
}

/** Adler-32 (RFC 1950) of bytes. */
function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; ) {
    const stop = Math.min(bytes.length, i + 3800); // sums stay below 2^53 between reductions
    for (; i < stop; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * The text of the iTXt, zTXt or tEXt chunk named `keyword`, or undefined when there is none.
 * Compressed text is inflated up to MAX_PNG_TEXT_BYTES; past that it is refused as a deflate bomb.
 */
export function readPngText(png: Uint8Array, keyword: string): string | undefined {
  for (const c of pngChunks(png)) {
    if (c.type === 'iTXt') {
      const t = readITxt(png, c);
      if (t?.keyword === keyword) return t.text;
    } else if (c.type === 'tEXt' || c.type === 'zTXt') {
      const data = png.subarray(c.dataStart, c.dataStart + c.length);
      const nul = data.indexOf(0);
      if (nul > 0 && decodeLatin1(data, 0, nul) === keyword) {
        if (c.type === 'tEXt') return decodeLatin1(data, nul + 1, data.length);
        const text = inflateText(png, c.dataStart + nul + 2, c.dataStart + c.length, `zTXt chunk '${keyword}'`);
        return decodeLatin1(text, 0, text.length);
      }
    }
  }
  return undefined;
}
