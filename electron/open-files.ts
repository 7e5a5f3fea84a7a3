/**
 * Files Hinge was asked to open, from the command line (`hinge weights.npy`), a second launch, the
 * Open… dialog or the macOS Finder. The main process checks each path (a regular file, a known
 * type, at most 1 GiB) and keeps it in a queue under an opaque id; the page learns only the id, the
 * base name and the size, and reads the bytes in bounded chunks. Paths never come from the page.
 */
import * as fsPromises from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  MAX_OPEN_FILE_BYTES,
  MAX_PENDING_FILES,
  OPENABLE_EXTENSIONS,
  type FileChunkResult,
  type PendingFile,
} from '../src/ipc/contract.js';
import { newHandle, type HandleRegistry } from './file-handles.js';

/**
 * The file arguments in a command line: everything after the executable that is not a switch.
 * `defaultApp` (an unpackaged run, `electron out/main/main.js …`) also drops the app's own path.
 * Chromium may add switches of its own, and `--` ends the switches (`hinge -- -odd-name.npy`).
 */
export function fileArgumentsOf(argv: readonly string[], options: { defaultApp: boolean }): string[] {
  const files: string[] = [];
  let switches = true;
  for (const arg of argv.slice(1)) {
    if (switches && arg === '--') switches = false;
    else if (!switches || !arg.startsWith('-')) files.push(arg);
  }
  return options.defaultApp ? files.slice(1) : files;
}

/** What a second instance hands the first (`requestSingleInstanceLock(additionalData)`). */
export const launchRequest = z
  .object({
    files: z.array(z.string().min(1).max(4096)).max(MAX_PENDING_FILES),
    cwd: z.string().min(1).max(4096),
  })
  .strict();
export type LaunchRequest = z.infer<typeof launchRequest>;

export type RefusedFile = { readonly path: string; readonly reason: string };

interface QueuedFile extends PendingFile {
  readonly path: string;
  readonly mtimeMs: number;
}

const UNCHANGED_REASON = 'The file changed on disk after Hinge opened it; open it again.';

export interface OpenFileQueueOptions {
  /**
   * Where each queued file's id also becomes a handle of its path, so that the page can save back
   * to the file it opened (saveFile with `handle`) after it has read and released it.
   */
  readonly handles?: HandleRegistry;
  /** Called with the absolute path of each file queued (the recent list keeps the projects). */
  readonly onQueued?: (path: string) => void;
}

export class OpenFileQueue {
  // TypeScript `private`, not `#private`: see autosave.ts.
  private readonly files = new Map<string, QueuedFile>();

  constructor(private readonly options: OpenFileQueueOptions = {}) {}

  /**
   * Checks each path (relative ones against `cwd`) and queues the good ones; a path already queued
   * is not queued twice. Returns what was added and, for the rest, why not.
   */
  async add(paths: readonly string[], cwd: string): Promise<{ added: PendingFile[]; refused: RefusedFile[] }> {
    const added: PendingFile[] = [];
    const refused: RefusedFile[] = [];
    for (const given of paths) {
      const path = localPath(given, cwd);
      if (path === undefined) {
        refused.push({ path: given, reason: 'Hinge opens files on this computer only.' });
        continue;
      }
      const reason = await this.check(path);
      if (typeof reason === 'string') {
        refused.push({ path: given, reason });
        continue;
      }
      const existing = [...this.files.values()].find((file) => file.path === path);
      // A file queued again keeps its id but is measured again: it may have been saved meanwhile.
      // A new one gets a fresh id, never an old one: the page may remember ids it has read.
      const file: QueuedFile = {
        id: existing?.id ?? newHandle(),
        name: basename(path).slice(0, 255),
        size: reason.size,
        path,
        mtimeMs: reason.mtimeMs,
      };
      this.files.set(file.id, file);
      this.options.handles?.adopt(file.id, path);
      added.push(publicView(file));
      try {
        this.options.onQueued?.(path);
      } catch {
        // a listener's failure does not stop the file from opening
      }
    }
    return { added, refused };
  }

  private async check(path: string): Promise<string | { size: number; mtimeMs: number }> {
    const extension = extname(path).toLowerCase();
    if (!(OPENABLE_EXTENSIONS as readonly string[]).includes(extension)) {
      return `Hinge opens ${OPENABLE_EXTENSIONS.join(', ')} files.`;
    }
    const queued = [...this.files.values()].some((file) => file.path === path);
    if (!queued && this.files.size >= MAX_PENDING_FILES) return `Hinge is already opening ${MAX_PENDING_FILES} files.`;
    let stats: { isFile(): boolean; size: number; mtimeMs: number };
    try {
      stats = await fsPromises.stat(path);
    } catch {
      return 'The file does not exist or cannot be read.';
    }
    if (!stats.isFile()) return 'That is not a file.';
    if (stats.size > MAX_OPEN_FILE_BYTES) return `The file is larger than ${MAX_OPEN_FILE_BYTES / 1024 ** 3} GiB.`;
    return { size: stats.size, mtimeMs: stats.mtimeMs };
  }

  /** The files waiting to be read, oldest first. */
  list(): PendingFile[] {
    return [...this.files.values()].map(publicView);
  }

  /**
   * Reads up to `length` bytes from `offset` of the pending file `id`. Refused when the id is
   * unknown, the range lies past the end, or the file changed since it was checked (size or time).
   */
  async read(id: string, offset: number, length: number): Promise<FileChunkResult> {
    const file = this.files.get(id);
    if (!file) return { status: 'failed', reason: 'Hinge has no such file open.' };
    if (offset > file.size) return { status: 'failed', reason: 'That range lies past the end of the file.' };
    let handle: fsPromises.FileHandle | undefined;
    try {
      handle = await fsPromises.open(file.path, 'r');
      const stats = await handle.stat();
      if (!stats.isFile() || stats.size !== file.size || stats.mtimeMs !== file.mtimeMs) return { status: 'failed', reason: UNCHANGED_REASON };
      const bytes = new Uint8Array(Math.min(length, file.size - offset));
      let filled = 0;
      while (filled < bytes.length) {
        const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, offset + filled);
        if (bytesRead === 0) return { status: 'failed', reason: UNCHANGED_REASON };
        filled += bytesRead;
      }
      return { status: 'read', bytes };
    } catch (error) {
      return { status: 'failed', reason: `The file could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).` };
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }

  /** Forgets the pending file `id`; false when there was none. */
  release(id: string): boolean {
    return this.files.delete(id);
  }
}

/**
 * The absolute path a file argument names: relative paths against `cwd`, and `file://` URLs (Linux
 * desktops launch `hinge %U` with one for a double-clicked file) as the local path they stand for.
 * Undefined for a URL that is no local file.
 */
export function localPath(given: string, cwd: string): string | undefined {
  if (!/^file:\/\//i.test(given)) return resolve(cwd, given);
  try {
    return fileURLToPath(given);
  } catch {
    return undefined; // a file URL on another host
  }
}

function publicView({ id, name, size }: QueuedFile): PendingFile {
  return { id, name, size };
}
