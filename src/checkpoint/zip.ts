/**
 * Zip archives read by range, as PKWARE's APPNOTE (4.3) lays them out: the end-of-central-
 * directory record at the file's end (and its zip64 form, which torch.save writes for large
 * files), the central directory, and a member's local header only when the member is read.
 * Stored members are read in place; deflated ones are inflated with fflate in small steps that
 * stop the moment the output passes the member's declared size (a zip bomb takes no memory).
 */
import { Inflate } from 'fflate';
import { FormatError, type FormatName } from '../formats/errors.js';
import { crc32 } from '../formats/png-text.js';
import { decodeLatin1, decodeUtf8, showText } from '../formats/text.js';
import { readRange } from './source.js';
import type { ByteSource } from './types.js';

/** One member as the central directory describes it. */
export interface ZipMember {
  readonly name: string;
  /** 0 stored, 8 deflated (anything else is refused when read). */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc: number;
  readonly localHeaderOffset: number;
  /** Byte offset of this member's central directory entry, for messages. */
  readonly entryAt: number;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const LOCATOR64 = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_DIRECTORY_BYTES = 256 * 2 ** 20;
/** Compressed bytes fed to the inflater per step: deflate expands at most ~1032×, so ≤ 4 MiB out per step. */
const INFLATE_STEP = 4096;

/** Whether the first bytes are a zip's local file header signature (PK\x03\x04) or an empty zip's PK\x05\x06. */
export function isZip(first: Uint8Array): boolean {
  return first.length >= 4 && first[0] === 0x50 && first[1] === 0x4b && ((first[2] === 3 && first[3] === 4) || (first[2] === 5 && first[3] === 6));
}

/**
 * Lists the members of the zip archive `source` from its end records and central directory.
 * Refuses a damaged or split archive, encrypted members, duplicate names, and members whose data
 * would lie outside the file. Throws FormatError (labelled `format`).
 */
export async function readZipDirectory(source: ByteSource, format: FormatName): Promise<ZipMember[]> {
  const fail = (message: string, at?: number): FormatError => new FormatError(message, format, at);
  // Most archives have no comment: try the last 1 KiB first, the longest comment's 64 KiB after.
  let found = await findEnd(source, Math.min(source.size, 22 + 1024), format);
  if (found === undefined && source.size > 22 + 1024) found = await findEnd(source, Math.min(source.size, 22 + 0xffff), format);
  if (found === undefined) throw fail(`'${showText(source.name)}' is not a complete zip archive: its end-of-central-directory record is missing.`, source.size);
  const { view, at, tailStart } = found;
  let count = view.getUint16(at + 10, true);
  let directorySize = view.getUint32(at + 12, true);
  let directoryStart = view.getUint32(at + 16, true);
  if (view.getUint16(at + 4, true) !== 0 || view.getUint16(at + 6, true) !== 0) throw fail('The zip archive is split over several disks; Hinge reads single-file archives.', tailStart + at);
  if (count === 0xffff || directorySize === 0xffffffff || directoryStart === 0xffffffff) {
    ({ count, directorySize, directoryStart } = await readZip64End(source, tailStart + at, format));
  }
  if (directoryStart + directorySize > source.size || directorySize > MAX_DIRECTORY_BYTES || count * 46 > directorySize) {
    throw fail(`The zip's central directory (${count} members, ${directorySize} bytes at byte ${directoryStart}) does not fit in the file.`, tailStart + at);
  }
  const directory = await readRange(source, directoryStart, directorySize, format);
  return parseDirectory(directory, directoryStart, count, source.size, fail);
}

async function findEnd(source: ByteSource, tailLength: number, format: FormatName): Promise<{ view: DataView; at: number; tailStart: number } | undefined> {
  const tailStart = source.size - tailLength;
  const tail = await readRange(source, tailStart, tailLength, format);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.length);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === EOCD && i + 22 + view.getUint16(i + 20, true) === tail.length) return { view, at: i, tailStart };
  }
  return undefined;
}

async function readZip64End(source: ByteSource, eocdAt: number, format: FormatName): Promise<{ count: number; directorySize: number; directoryStart: number }> {
  if (eocdAt < 20) throw new FormatError('The zip says it is zip64 but has no zip64 locator.', format, eocdAt);
  const locator = await readRange(source, eocdAt - 20, 20, format);
  const lv = new DataView(locator.buffer, locator.byteOffset, 20);
  if (lv.getUint32(0, true) !== LOCATOR64) throw new FormatError('The zip says it is zip64 but has no zip64 locator.', format, eocdAt - 20);
  const recordAt = u64(lv, 8);
  if (recordAt === undefined || recordAt + 56 > eocdAt - 20) throw new FormatError('The zip64 end record lies outside the file.', format, eocdAt - 12);
  const record = await readRange(source, recordAt, 56, format);
  const rv = new DataView(record.buffer, record.byteOffset, 56);
  if (rv.getUint32(0, true) !== EOCD64) throw new FormatError('The zip64 end record has a wrong signature.', format, recordAt);
  const count = u64(rv, 32);
  const directorySize = u64(rv, 40);
  const directoryStart = u64(rv, 48);
  if (count === undefined || directorySize === undefined || directoryStart === undefined) {
    throw new FormatError('The zip64 end record holds sizes beyond 2^53 bytes.', format, recordAt);
  }
  return { count, directorySize, directoryStart };
}

function u64(view: DataView, at: number): number | undefined {
  const high = view.getUint32(at + 4, true);
  return high >= 2 ** 21 ? undefined : high * 2 ** 32 + view.getUint32(at, true);
}

function parseDirectory(bytes: Uint8Array, base: number, count: number, fileSize: number, fail: (m: string, at?: number) => FormatError): ZipMember[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const members: ZipMember[] = [];
  const names = new Set<string>();
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) throw fail(`Zip member ${k + 1} of ${count} has no central directory entry at byte ${base + p}.`, base + p);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let localHeaderOffset = view.getUint32(p + 42, true);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > bytes.length) throw fail(`Zip member ${k + 1}'s directory entry runs past the directory (byte ${base + p}).`, base + p);
    const rawName = bytes.subarray(p + 46, p + 46 + nameLength);
    const name = flags & 0x800 ? decodeUtf8(rawName, 0, rawName.length, 'zip', 'member name').text : decodeLatin1(rawName, 0, rawName.length);
    if (flags & 1) throw fail(`The zip member '${showText(name)}' is encrypted.`, base + p);
    // The zip64 extra field holds, in this order, whichever of the three was saturated.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; ) {
      const id = view.getUint16(e, true);
      const length = view.getUint16(e + 2, true);
      if (id === 1) {
        let q = e + 4;
        const next = (): number => {
          const value = q + 8 <= e + 4 + length ? u64(view, q) : undefined;
          if (value === undefined) throw fail(`The zip64 sizes of '${showText(name)}' are missing or beyond 2^53.`, base + q);
          q += 8;
          return value;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
      }
      e += 4 + length;
    }
    if (names.has(name)) throw fail(`The zip holds two members named '${showText(name)}'.`, base + p);
    names.add(name);
    if (localHeaderOffset + 30 + compressedSize > fileSize) throw fail(`The zip member '${showText(name)}' reaches past the end of the file.`, base + p);
    members.push({ name, method, compressedSize, size, crc, localHeaderOffset, entryAt: base + p });
    p = end;
  }
  return members;
}

/** The byte offset where `member`'s data begins, from its local header. Throws FormatError. */
export async function memberDataStart(source: ByteSource, member: ZipMember, format: FormatName): Promise<number> {
  const header = await readRange(source, member.localHeaderOffset, 30, format);
  const view = new DataView(header.buffer, header.byteOffset, 30);
  if (view.getUint32(0, true) !== LOCAL) {
    throw new FormatError(`The zip member '${showText(member.name)}' has no local header at byte ${member.localHeaderOffset}.`, format, member.localHeaderOffset);
  }
  const start = member.localHeaderOffset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
  if (start + member.compressedSize > source.size) {
    throw new FormatError(`The data of zip member '${showText(member.name)}' reaches past the end of the file.`, format, member.localHeaderOffset);
  }
  return start;
}

/**
 * The first `limit` bytes (default: all) of a member's contents, at most `cap` bytes in all.
 * Stored members are read in place; deflated ones are inflated step by step and refused the
 * moment they produce more than their declared size. A whole member's CRC-32 is checked.
 * Throws FormatError.
 */
export async function readMember(source: ByteSource, member: ZipMember, format: FormatName, cap: number, limit = member.size): Promise<Uint8Array> {
  const name = showText(member.name);
  if (member.size > cap) {
    throw new FormatError(`The zip member '${name}' is ${member.size} bytes; Hinge reads members of at most ${cap}.`, format, member.entryAt);
  }
  const want = Math.min(limit, member.size);
  const start = await memberDataStart(source, member, format);
  let out: Uint8Array;
  if (member.method === 0) {
    if (member.compressedSize !== member.size) throw new FormatError(`The stored zip member '${name}' gives two different sizes.`, format, member.entryAt);
    out = await readRange(source, start, want, format);
  } else if (member.method === 8) {
    out = await inflateMember(source, member, start, want, format);
  } else {
    throw new FormatError(`The zip member '${name}' uses compression method ${member.method}; Hinge reads stored and deflated members.`, format, member.entryAt);
  }
  if (want === member.size && crc32(out) >>> 0 !== member.crc >>> 0) {
    throw new FormatError(`The zip member '${name}' is damaged: its CRC-32 does not match.`, format, start);
  }
  return out;
}

async function inflateMember(source: ByteSource, member: ZipMember, start: number, want: number, format: FormatName): Promise<Uint8Array> {
  const name = showText(member.name);
  const out = new Uint8Array(want);
  let produced = 0;
  let ended = false;
  let overflow = false;
  const inflater = new Inflate((chunk, final) => {
    if (final) ended = true;
    const room = want - produced;
    if (chunk.length > room && produced + chunk.length > member.size) overflow = true;
    out.set(chunk.subarray(0, Math.min(room, chunk.length)), produced);
    produced += chunk.length;
  });
  const stepBytes = 64 * INFLATE_STEP;
  for (let offset = 0; offset < member.compressedSize && !ended && produced < want; offset += stepBytes) {
    const block = await readRange(source, start + offset, Math.min(stepBytes, member.compressedSize - offset), format);
    for (let i = 0; i < block.length && !ended && produced < want; i += INFLATE_STEP) {
      const last = offset + i + INFLATE_STEP >= member.compressedSize;
      try {
        inflater.push(block.subarray(i, Math.min(i + INFLATE_STEP, block.length)), last);
      } catch (error) {
        throw new FormatError(`The zip member '${name}' does not inflate: ${error instanceof Error ? error.message : String(error)}.`, format, start + offset + i);
      }
      if (overflow || produced > member.size) {
        throw new FormatError(`The zip member '${name}' inflates past its declared size of ${member.size} bytes (a zip bomb); refused.`, format, start + offset + i);
      }
    }
  }
  if (produced < want) throw new FormatError(`The zip member '${name}' inflates to ${produced} bytes, short of its declared ${member.size}.`, format, start);
  if (want === member.size && produced !== member.size) {
    throw new FormatError(`The zip member '${name}' inflates past its declared size of ${member.size} bytes (a zip bomb); refused.`, format, start);
  }
  return out;
}
