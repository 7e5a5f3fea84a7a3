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
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > source.size) {
    throw new FormatError(
      `'${showText(source.name)}' is ${source.size} bytes long, but its contents point at bytes ${offset}–${offset + length}.`,
      format,
      Math.min(Math.max(0, offset), source.size),
    );
  }
  if (length === 0) return new Uint8Array(0);
  let bytes: unknown;
  try {
    bytes = await source.read(offset, length);
  } catch (error) {
    if (error instanceof FormatError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new FormatError(`Reading ${length} bytes at byte ${offset} of '${showText(source.name)}' failed: ${reason}`, format, offset);
  }
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    const got = bytes instanceof Uint8Array ? `${bytes.length} bytes` : 'no bytes';
    throw new FormatError(`Reading ${length} bytes at byte ${offset} of '${showText(source.name)}' returned ${got}.`, format, offset);
  }
  return bytes;
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
