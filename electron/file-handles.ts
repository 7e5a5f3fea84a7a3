/**
 * Handles for the files and folders the user has chosen in this run of Hinge: a project saved
 * through a save dialog, a folder chosen for "Export all", a file opened from disk. The page holds
 * only the opaque 32-hex handle and hands it back to save there again; the path stays here, in the
 * main process. Handles live as long as the app runs and are never written to disk.
 */
import { randomBytes } from 'node:crypto';
import { extname, resolve } from 'node:path';

export type HandleKind = 'file' | 'folder';

interface Entry {
  readonly kind: HandleKind;
  readonly path: string;
}

/** A fresh opaque handle: 16 random bytes as 32 lowercase hex digits (the contract's `fileHandle`). */
export function newHandle(): string {
  return randomBytes(16).toString('hex');
}

export class HandleRegistry {
  // TypeScript `private`, not `#private`: see autosave.ts.
  private readonly entries = new Map<string, Entry>();
  private readonly stable = new Map<string, string>();

  /**
   * The handle of `path` as a file or a folder: the same handle every time it is asked for the
   * same absolute path and kind, so a recent project or a re-chosen folder keeps its handle.
   */
  handleFor(kind: HandleKind, path: string): string {
    const absolute = resolve(path);
    const key = `${kind}\0${absolute}`;
    const known = this.stable.get(key);
    if (known) return known;
    const handle = newHandle();
    this.entries.set(handle, { kind, path: absolute });
    this.stable.set(key, handle);
    return handle;
  }

  /**
   * Makes an existing id (a pending file's) a handle of the project file at `path`, so the page can
   * save back to the project it opened. Any other file, and an id already in use, are left alone.
   */
  adopt(handle: string, path: string): void {
    // Only a project can be saved back: the handle of an opened weights file (.npy, .safetensors,
    // .csv) or image never becomes writable.
    if (!isProjectPath(path) || !/^[0-9a-f]{32}$/.test(handle) || this.entries.has(handle)) return;
    this.entries.set(handle, { kind: 'file', path: resolve(path) });
  }

  /** The absolute path behind `handle` when it is a handle of that kind, else undefined. */
  pathOf(handle: string, kind: HandleKind): string | undefined {
    const entry = this.entries.get(handle);
    return entry?.kind === kind ? entry.path : undefined;
  }
}

/** A Hinge project file (`.hinge`, any case): these, and only these, join the recent list. */
export function isProjectPath(path: string): boolean {
  return extname(path).toLowerCase() === '.hinge';
}
