/**
 * Reading byte ranges from a ByteSource with the checks every reader needs: the range lies within
 * the file, the source returns exactly what was asked, and a failing read becomes a FormatError.
 */
import { FormatError, type FormatName } from '../formats/errors.js';
import { showText } from '../formats/text.js';
import type { ByteSource } from './types.js';

/**
 * Reads bytes [offset, offset + length) of `source`. Throws FormatError when the range reaches
 * past the file's end (a header that points beyond the file), when the source's read fails, or
 * when it returns another number of bytes than asked.
 */
export async function readRange(source: ByteSource, offset: number, length: number, format: FormatName): Promise<Uint8Array> {
  checkRange(source, offset, length, format);
  if (length === 0) return new Uint8Array(0);
  const bytes = await sourceCall(source, offset, length, format, () => source.read(offset, length));
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    const got = bytes instanceof Uint8Array ? `${bytes.length} bytes` : 'no bytes';
    throw new FormatError(`Reading ${length} bytes at byte ${offset} of '${showText(source.name)}' returned ${got}.`, format, offset);
  }
  return bytes;
}

/** Bytes per chunk when a reader reads a tensor piece by piece: 1 MiB. */
export const CHUNK_BYTES = 2 ** 20;
/** Chunk buffers free for the next read; more than this many are left to the collector. */
const MAX_POOLED = 4;
const pool: Uint8Array[] = [];

/**
 * Reads bytes [offset, offset + length) of `source` in consecutive chunks of at most
 * `chunkBytes` (≤ CHUNK_BYTES), handing each to `decode` with its position from `offset`, in
 * order. One chunk buffer, taken from a small pool and given back after, is reused for every
 * chunk: the source fills it (ByteSource.readInto) where it can, and bytes a source returns at an
 * offset that is not a multiple of 8 are copied into it so typed-array views of them are aligned.
 * So a tensor read takes no fresh memory but its output. Throws FormatError as readRange does;
 * what `decode` throws stops the read.
 */
export async function readChunks(
  source: ByteSource, offset: number, length: number, chunkBytes: number, format: FormatName,
  decode: (bytes: Uint8Array, position: number) => void,
): Promise<void> {
  if (length === 0) return;
  const step = Math.max(1, Math.min(chunkBytes, CHUNK_BYTES));
  const buffer = pool.pop() ?? new Uint8Array(CHUNK_BYTES);
  try {
    for (let done = 0; done < length; done += step) {
      const n = Math.min(step, length - done);
      const target = buffer.subarray(0, n);
      let bytes: Uint8Array;
      if (source.readInto !== undefined) bytes = await readRangeInto(source, offset + done, target, format);
      else {
        bytes = await readRange(source, offset + done, n, format);
        if (bytes.byteOffset % 8 !== 0) bytes = (target.set(bytes), target);
      }
      decode(bytes, done);
    }
  } finally {
    if (pool.length < MAX_POOLED) pool.push(buffer);
  }
}

/** readRange through ByteSource.readInto: fills `target` from `offset`, checked as readRange checks. */
async function readRangeInto(source: ByteSource, offset: number, target: Uint8Array, format: FormatName): Promise<Uint8Array> {
  const length = target.length;
  checkRange(source, offset, length, format);
  const filled = await sourceCall(source, offset, length, format, () => source.readInto!(offset, target));
  if (filled !== length) {
    throw new FormatError(`Reading ${length} bytes at byte ${offset} of '${showText(source.name)}' returned ${typeof filled === 'number' ? `${filled} bytes` : 'no bytes'}.`, format, offset);
  }
  return target;
}

function checkRange(source: ByteSource, offset: number, length: number, format: FormatName): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > source.size) {
    throw new FormatError(
      `'${showText(source.name)}' is ${source.size} bytes long, but its contents point at bytes ${offset}–${offset + length}.`,
      format,
      Math.min(Math.max(0, offset), source.size),
    );
  }
}

/** Runs a source's read; a failure other than a FormatError becomes one naming the range. */
async function sourceCall(source: ByteSource, offset: number, length: number, format: FormatName, call: () => Promise<unknown>): Promise<unknown> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof FormatError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new FormatError(`Reading ${length} bytes at byte ${offset} of '${showText(source.name)}' failed: ${reason}`, format, offset);
  }
}

/** A ByteSource over bytes already in memory (an inflated zip member, a test fixture). */
export function memorySource(name: string, bytes: Uint8Array): ByteSource {
  return {
    name,
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
  };
}

/** The last path component of a source name ('a/b/c.json' → 'c.json'); both / and \ separate. */
export function baseName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}

/** The folder part of a source name with its trailing separator ('a/b/c.json' → 'a/b/'), '' for none. */
export function folderOf(name: string): string {
  return name.slice(0, Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}

/** What `blobSource` needs of a browser File (or Blob with a name): its size and byte slices. */
export interface SliceableFile {
  readonly name: string;
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/**
 * A ByteSource over a browser File: each read is `file.slice(offset, offset + length)`, so a
 * multi-GB checkpoint is never read whole. `name` may be given to keep a folder path
 * (webkitRelativePath) that shard lookup needs.
 */
export function blobSource(file: SliceableFile, name = file.name): ByteSource {
  return {
    name,
    size: file.size,
    read: async (offset, length) => new Uint8Array(await file.slice(offset, offset + length).arrayBuffer()),
  };
}
