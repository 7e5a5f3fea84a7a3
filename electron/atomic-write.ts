/**
 * Saving a file so that it stays what it was: write-file-atomic writes the bytes to a temporary
 * file beside the target, fsyncs it, gives it the target's mode and owner, and renames it over the
 * target — through a symlink, to the file it points at. Around it Hinge refuses a folder and a
 * read-only file (instead of replacing it), keeps names at the file system's length limit working
 * (write-file-atomic's temp name is the target's plus ".<up to 10 digits>", which would be too
 * long), and fsyncs the folder, so the rename itself is on disk before success is reported.
 * A crash, a full disk or a permission error leaves the old file or the complete new one.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import writeFileAtomicLibrary from 'write-file-atomic';

export type AtomicWriteResult = { status: 'saved'; path: string } | { status: 'failed'; reason: string };

export const FOLDER_TARGET_REASON = 'That path is a folder, not a file.';
export const READ_ONLY_TARGET_REASON = 'That file is read-only, so Hinge leaves it as it is. Save under another name, or make the file writable first.';

/** The longest file name (in bytes) of ext4, APFS, NTFS and most others. */
export const NAME_MAX_BYTES = 255;
/** What write-file-atomic adds to the target's name for its temp file: "." and a 32-bit number. */
const LIBRARY_TEMP_SUFFIX_BYTES = 1 + 10;

/**
 * Writes `bytes` to `target` atomically (see above). Never throws: a failure comes back as
 * `{ status: 'failed', reason }` with a sentence a user can act on.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<AtomicWriteResult> {
  try {
    const real = await fsPromises.realpath(target).catch(() => resolve(target)); // through a symlink
    const existing = await statIfAny(real);
    if (existing?.isDirectory()) return { status: 'failed', reason: FOLDER_TARGET_REASON };
    if (existing && !(await isWritable(real, existing.mode))) return { status: 'failed', reason: READ_ONLY_TARGET_REASON };
    if (Buffer.byteLength(basename(real)) + LIBRARY_TEMP_SUFFIX_BYTES > NAME_MAX_BYTES) {
      await writeLongName(real, bytes, existing);
    } else {
      // Mode and owner come from the existing file (write-file-atomic's default).
      await writeFileAtomicLibrary(real, bytes as Buffer, { fsync: true });
    }
    await syncFolder(dirname(real));
    return { status: 'saved', path: target };
  } catch (error) {
    return { status: 'failed', reason: describeWriteError(error) };
  }
}

/**
 * A target whose name is too long for write-file-atomic's temp name: the library writes a
 * short-named temp file (with the target's mode and owner), which is then renamed over the target.
 */
async function writeLongName(real: string, bytes: Uint8Array, existing: Awaited<ReturnType<typeof statIfAny>>): Promise<void> {
  const temp = join(dirname(real), `.hinge-${randomBytes(6).toString('hex')}.tmp`);
  const owner = existing ? { mode: existing.mode & 0o7777, chown: { uid: existing.uid, gid: existing.gid } } : {};
  try {
    await writeFileAtomicLibrary(temp, bytes as Buffer, { fsync: true, ...owner });
    await fsPromises.rename(temp, real);
  } catch (error) {
    await fsPromises.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

async function statIfAny(path: string) {
  try {
    return await fsPromises.stat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined; // a new file; a missing folder fails at the write
    throw error;
  }
}

/** Whether the existing file may be replaced: someone may write it (no 0444), and this user may. */
async function isWritable(path: string, mode: number): Promise<boolean> {
  if ((mode & 0o222) === 0) return false; // read-only for everyone: root would replace it, Hinge does not
  try {
    await fsPromises.access(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** fsyncs a folder, so a rename in it survives a power cut. Where folders cannot be opened (Windows), skipped. */
async function syncFolder(folder: string): Promise<void> {
  let handle: fsPromises.FileHandle | undefined;
  try {
    handle = await fsPromises.open(folder, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync().catch((error: unknown) => {
      if (!['EINVAL', 'EISDIR', 'EPERM', 'ENOTSUP', 'EBADF'].includes(errorCode(error) ?? '')) throw error;
    });
  } finally {
    await handle.close();
  }
}

/** A plain sentence for a file-system error, by its code. */
export function describeWriteError(error: unknown): string {
  const code = errorCode(error);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'The disk is full.';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'Hinge may not write to that folder (read-only or no permission).';
    case 'EISDIR':
      return FOLDER_TARGET_REASON;
    case 'ENOENT':
    case 'ENOTDIR':
      return 'That folder does not exist.';
    case 'ENAMETOOLONG':
      return 'That file name is too long for this disk.';
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return code ? `${code}: ${message}` : message;
    }
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}
