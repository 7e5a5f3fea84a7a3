/**
 * Atomic file writing for exports: the bytes go to a temporary file beside the target, are flushed
 * to disk, and only then renamed over the target. A crash, a full disk or a permission error leaves
 * either the old file or the complete new one, never a partial file, and never a stray temp file.
 */
import { randomBytes } from 'node:crypto';
import * as fsPromises from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The few file-system calls writeFileAtomic makes; node:fs/promises satisfies it, tests fake it. */
export interface AtomicWriteFs {
  stat(path: string): Promise<{ isDirectory(): boolean }>;
  open(path: string, flags: string, mode?: number): Promise<AtomicWriteHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
}

export interface AtomicWriteHandle {
  writeFile(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export type AtomicWriteResult = { status: 'saved'; path: string } | { status: 'failed'; reason: string };

export const FOLDER_TARGET_REASON = 'That path is a folder, not a file.';

/**
 * Writes `bytes` to `target` atomically (temp file in the same folder, fsync, rename). Never throws:
 * a failure comes back as `{ status: 'failed', reason }` with a sentence a user can act on.
 */
export async function writeFileAtomic(
  target: string,
  bytes: Uint8Array,
  fs: AtomicWriteFs = fsPromises,
): Promise<AtomicWriteResult> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: AtomicWriteHandle | undefined;
  let tempCreated = false;
  try {
    if (await isDirectory(fs, target)) return { status: 'failed', reason: FOLDER_TARGET_REASON };
    // 'wx' refuses to reuse an existing file, so a leftover or planted temp file is never followed.
    handle = await fs.open(temp, 'wx', 0o644);
    tempCreated = true;
    await handle.writeFile(bytes);
    await handle.sync();
    const closing = handle;
    handle = undefined;
    await closing.close();
    await fs.rename(temp, target);
    tempCreated = false;
    return { status: 'saved', path: target };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (tempCreated) await fs.rm(temp, { force: true }).catch(() => undefined);
    return { status: 'failed', reason: describeWriteError(error) };
  }
}

async function isDirectory(fs: AtomicWriteFs, path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isDirectory();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false; // a new file; a missing folder fails at open
    throw error;
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
