/**
 * Text in PNG files (PNG spec, 3rd ed., §11.3.3): Hinge writes the project state of an exported
 * picture into an uncompressed iTXt chunk, so dropping the picture back onto Hinge reopens that
 * exact view. Pure functions of bytes; every chunk's length and CRC are checked when reading.
 */
import { FormatError } from './errors.js';
import { decodeLatin1, decodeUtf8, encodeUtf8 } from './text.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

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

function chunkBytes(type: string, data: Uint8Array): Uint8Array {
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
  if (compressed !== 0) return { keyword, text: '' };
  return { keyword, text: decodeUtf8(png, c.dataStart + transEnd + 1, c.dataStart + c.length, 'png', 'iTXt text').text };
}

/** The text of the uncompressed iTXt (or tEXt) chunk named `keyword`, or undefined when there is none. */
export function readPngText(png: Uint8Array, keyword: string): string | undefined {
  for (const c of pngChunks(png)) {
    if (c.type === 'iTXt') {
      const t = readITxt(png, c);
      if (t?.keyword === keyword) return t.text;
    } else if (c.type === 'tEXt') {
      const data = png.subarray(c.dataStart, c.dataStart + c.length);
      const nul = data.indexOf(0);
      if (nul > 0 && decodeLatin1(data, 0, nul) === keyword) {
        return decodeLatin1(data, nul + 1, data.length);
      }
    }
  }
  return undefined;
}
