/**
 * The checkpoint files the Model lab has open, per window. A checkpoint is several GB, so it is
 * never copied into the page: the user chooses files (or a folder) in the main process's dialog,
 * the main process opens each one (an fs.promises FileHandle, so a file renamed or replaced after
 * the choice is still the one chosen) and gives the page an opaque handle, its name, size and
 * time. The page then asks for byte ranges — the header, then one tensor at a time — and each
 * request is checked: the handle was issued to the asking window, the range lies inside the size
 * the file had when opened, and it is at most MAX_RANGE_BYTES long. Handles close when the page
 * releases them, when the page navigates (a reload) and when the window closes.
 */
import * as fsPromises from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  MAX_CHECKPOINT_FILES,
  MAX_RANGE_BYTES,
  type CheckpointFile,
  type OpenCheckpointResult,
  type RangeErrorCode,
  type RangeResult,
} from '../src/ipc/contract.js';
import { newHandle } from './file-handles.js';

/** What CheckpointFiles needs of a window: its identity and the events that end its page. */
export interface CheckpointOwner {
  once(event: 'closed', listener: () => void): unknown;
  readonly webContents: { on(event: 'did-navigate', listener: () => void): unknown };
}

interface OpenFile {
  readonly owner: CheckpointOwner;
  readonly file: fsPromises.FileHandle;
  readonly size: number;
}

function failed(code: RangeErrorCode, reason: string): RangeResult {
  return { status: 'failed', code, reason };
}

export class CheckpointFiles {
  // TypeScript `private`, not `#private`: see autosave.ts.
  private readonly open = new Map<string, OpenFile>();
  private readonly watched = new WeakSet<CheckpointOwner>();

  /** `openFile` opens a path read-only (tests watch the handles it gives). */
  constructor(private readonly openFile: (path: string) => Promise<fsPromises.FileHandle> = (path) => fsPromises.open(path, 'r')) {}

  /** How many files are open, in all windows (tests). */
  get openCount(): number {
    return this.open.size;
  }

  /**
   * Opens the chosen `paths` for `owner`: every regular file among them (read-only), or with
   * `folder`, every regular file directly inside that one folder (hidden files skipped), named
   * `folder/file` as a browser's folder pick names them. Nothing the page said chooses a path.
   */
  async openPaths(owner: CheckpointOwner, paths: readonly string[], folder: boolean): Promise<OpenCheckpointResult> {
    let entries: { path: string; name: string }[];
    if (folder) {
      const dir = paths[0];
      if (dir === undefined) return { status: 'canceled' };
      const prefix = basename(dir) || 'folder';
      try {
        const listed = await fsPromises.readdir(dir, { withFileTypes: true });
        // Symbolic links are followed (a Hugging Face cache's snapshot folder is made of them); stat decides below.
        entries = listed
          .filter((e) => !e.name.startsWith('.') && (e.isFile() || e.isSymbolicLink()))
          .map((e) => ({ path: join(dir, e.name), name: `${prefix}/${e.name}` }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (error) {
        return { status: 'failed', reason: `The folder could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).` };
      }
    } else {
      entries = paths.map((path) => ({ path, name: basename(path) }));
    }
    if (entries.length > MAX_CHECKPOINT_FILES) {
      return { status: 'failed', reason: `That is ${entries.length} files; Hinge opens at most ${MAX_CHECKPOINT_FILES} files of one checkpoint.` };
    }
    const files: CheckpointFile[] = [];
    const opened: fsPromises.FileHandle[] = [];
    for (const entry of entries) {
      let file: fsPromises.FileHandle | undefined;
      try {
        file = await this.openFile(entry.path);
        const stats = await file.stat();
        if (!stats.isFile()) {
          await file.close();
          continue; // a folder inside, a device: not part of a checkpoint
        }
        const handle = newHandle();
        this.open.set(handle, { owner, file, size: stats.size });
        opened.push(file);
        files.push({ handle, name: entry.name.slice(0, 512), size: stats.size, modified: Math.max(0, stats.mtimeMs) });
      } catch (error) {
        await file?.close().catch(() => undefined);
        if (!folder) {
          await this.release(owner, files.map((f) => f.handle));
          return { status: 'failed', reason: `'${entry.name}' could not be opened (${(error as NodeJS.ErrnoException).code ?? 'error'}).` };
        }
        // In a folder, an unreadable stray file (a lock, a socket) is skipped; the checkpoint reader names what is missing.
      }
    }
    if (files.length === 0) return { status: 'failed', reason: folder ? 'That folder holds no files.' : 'No file could be opened.' };
    this.watch(owner);
    return { status: 'opened', files };
  }

  /**
   * Reads bytes [offset, offset + length) of the file behind `handle`, when `owner` was issued
   * that handle. Refuses (a typed code and a sentence) a handle it does not know for this window,
   * a range that is not whole numbers, longer than MAX_RANGE_BYTES, or past the size at opening.
   */
  async read(owner: CheckpointOwner, handle: string, offset: number, length: number): Promise<RangeResult> {
    const entry = this.open.get(handle);
    if (!entry || entry.owner !== owner) return failed('unknown-handle', 'Hinge has no such checkpoint file open in this window.');
    if (!Number.isSafeInteger(length) || length < 0 || length > MAX_RANGE_BYTES) {
      return failed('too-long', `A range is at most ${MAX_RANGE_BYTES} bytes; ${length} were asked for.`);
    }
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + length > entry.size) {
      return failed('out-of-range', `Bytes ${offset}–${offset + length} lie outside the file's ${entry.size} bytes.`);
    }
    const bytes = new Uint8Array(length);
    try {
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await entry.file.read(bytes, filled, length - filled, offset + filled);
        if (bytesRead === 0) return failed('changed', `The file ended at byte ${offset + filled}: it changed on disk after Hinge opened it; open it again.`);
        filled += bytesRead;
      }
    } catch (error) {
      return failed('io', `The file could not be read at byte ${offset} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    return { status: 'read', bytes };
  }

  /** Closes `handles` that belong to `owner` (others are left alone); how many were closed. */
  async release(owner: CheckpointOwner, handles: readonly string[]): Promise<number> {
    const closing: fsPromises.FileHandle[] = [];
    for (const handle of handles) {
      const entry = this.open.get(handle);
      if (!entry || entry.owner !== owner) continue;
      this.open.delete(handle);
      closing.push(entry.file);
    }
    await Promise.all(closing.map((file) => file.close().catch(() => undefined)));
    return closing.length;
  }

  /** Closes every file `owner` has open (its page went away). */
  releaseAll(owner: CheckpointOwner): Promise<number> {
    return this.release(owner, [...this.open].filter(([, e]) => e.owner === owner).map(([handle]) => handle));
  }

  private watch(owner: CheckpointOwner): void {
    if (this.watched.has(owner)) return;
    this.watched.add(owner);
    owner.once('closed', () => void this.releaseAll(owner));
    // A reload or navigation starts a page that holds none of these handles.
    owner.webContents.on('did-navigate', () => void this.releaseAll(owner));
  }
}
