/**
 * The ByteSources of a checkpoint's files, whichever host chose them: a browser File (read by
 * File.slice) or, on the desktop, a file the main process holds open behind a handle (read by the
 * readRange IPC, at most MAX_RANGE_BYTES per call). The worker builds them; the desktop reads go
 * back to the page through `ranges`, the one function that can reach the preload.
 */
import { blobSource, type ByteSource } from '../../src/checkpoint/index.js';
import { MAX_RANGE_BYTES, type CheckpointFile } from '../../src/ipc/contract.js';

/** A file of a checkpoint: a browser File with its (folder-relative) name, or a desktop handle. */
export type ModelFile = { readonly file: File; readonly name: string } | DesktopModelFile;

/** A checkpoint file the main process opened: its handle, name, size and modification time. */
export type DesktopModelFile = CheckpointFile;

/** Reads bytes [offset, offset + length) of the desktop file `handle`; rejects with the reason when refused. */
export type RangeReader = (handle: string, offset: number, length: number) => Promise<Uint8Array>;

/** True for a file the desktop's main process holds (read by range through IPC). */
export function isDesktopFile(file: ModelFile): file is DesktopModelFile {
  return 'handle' in file;
}

/**
 * A ByteSource over a desktop checkpoint file: a read longer than `chunk` bytes (MAX_RANGE_BYTES)
 * is split into consecutive calls of at most `chunk` bytes, assembled in order; any call that
 * fails or returns another length than asked rejects the read (src's readRange turns that into a
 * FormatError with the byte offset).
 */
export function rangeSource(file: DesktopModelFile, ranges: RangeReader, chunk = MAX_RANGE_BYTES): ByteSource {
  return {
    name: file.name,
    size: file.size,
    async read(offset, length) {
      if (length <= chunk) return checked(await ranges(file.handle, offset, length), offset, length);
      const out = new Uint8Array(length);
      for (let done = 0; done < length; done += chunk) {
        const part = Math.min(chunk, length - done);
        out.set(checked(await ranges(file.handle, offset + done, part), offset + done, part), done);
      }
      return out;
    },
  };
}

function checked(bytes: Uint8Array, offset: number, length: number): Uint8Array {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new Error(`the main process returned ${bytes instanceof Uint8Array ? bytes.length : 'no'} bytes for ${length} at byte ${offset}`);
  }
  return bytes;
}

/** The ByteSources of `files`; desktop files need `ranges` (a browser File never does). */
export function sourcesOf(files: readonly ModelFile[], ranges: RangeReader | undefined): ByteSource[] {
  return files.map((f) => {
    if (!isDesktopFile(f)) return blobSource(f.file, f.name);
    if (!ranges) throw new Error(`'${f.name}' is a desktop file, but no range reader was given.`);
    return rangeSource(f, ranges);
  });
}
