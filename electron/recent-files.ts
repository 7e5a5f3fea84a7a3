/**
 * The recently opened or saved projects (userData/recent-projects.json): at most MAX_RECENT_FILES
 * absolute paths of `.hinge` files, newest first, each once. The file is written atomically and
 * validated when read; a damaged or hand-edited file is ignored (the list starts empty), never
 * fatal. A project that no longer exists is dropped the next time the list is read.
 *
 * Paths stay in the main process: the page gets handles and base names (ipc.ts), the File menu
 * shows them itself (menu.ts).
 */
import * as fsPromises from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { MAX_RECENT_FILES } from '../src/ipc/contract.js';
import { isProjectPath } from './file-handles.js';
import { writeFileAtomic } from './atomic-write.js';

/** A list of ten paths is a few kilobytes; anything much larger is not ours. */
const MAX_RECENT_FILE_BYTES = 64 * 1024;

export const storedRecentFiles = z
  .object({
    version: z.literal(1),
    paths: z.array(z.string().min(1).max(4096).refine(isAbsolute, { message: 'not an absolute path' })).max(MAX_RECENT_FILES * 10),
  })
  .strict();

export interface RecentFilesHooks {
  /** A project joined the list (or moved to its top): macOS and Windows keep their own list too. */
  readonly added?: (path: string) => void;
  /** The list was cleared. */
  readonly cleared?: () => void;
  /** The platform's rule for "the same file": case-insensitive on macOS and Windows. */
  readonly platform?: NodeJS.Platform;
}

export class RecentFiles {
  // TypeScript `private`, not `#private`: see autosave.ts.
  private paths: string[] | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly file: string,
    private readonly hooks: RecentFilesHooks = {},
  ) {}

  /**
   * Puts the project at `path` at the top of the list (removing an older entry for it) and keeps
   * the newest MAX_RECENT_FILES. Anything but a `.hinge` file is ignored; returns whether it joined.
   */
  add(path: string): Promise<boolean> {
    return this.enqueue(async () => {
      if (!isProjectPath(path)) return false;
      const absolute = resolve(path);
      const paths = await this.load();
      const next = [absolute, ...paths.filter((known) => !this.same(known, absolute))].slice(0, MAX_RECENT_FILES);
      this.paths = next;
      await this.persist(next);
      this.hooks.added?.(absolute);
      this.notify();
      return true;
    });
  }

  /** The list, newest first, without the projects that no longer exist (they are forgotten). */
  list(): Promise<string[]> {
    return this.enqueue(async () => {
      const paths = await this.load();
      const kept: string[] = [];
      for (const path of paths) if (await stillThere(path)) kept.push(path);
      if (kept.length !== paths.length) {
        this.paths = kept;
        await this.persist(kept);
        this.notify();
      }
      return [...kept];
    });
  }

  /** Whether `path` is on the list (as it was last read: existence is not checked again). */
  has(path: string): Promise<boolean> {
    return this.enqueue(async () => (await this.load()).some((known) => this.same(known, resolve(path))));
  }

  /** Forgets every entry. */
  clear(): Promise<void> {
    return this.enqueue(async () => {
      this.paths = [];
      await this.persist([]);
      this.hooks.cleared?.();
      this.notify();
    });
  }

  /** Calls `listener` after every change of the list; returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private async load(): Promise<string[]> {
    if (this.paths) return this.paths;
    let paths: string[] = [];
    try {
      if ((await fsPromises.stat(this.file)).size <= MAX_RECENT_FILE_BYTES) {
        const parsed = storedRecentFiles.safeParse(JSON.parse(await fsPromises.readFile(this.file, 'utf8')));
        if (parsed.success) {
          for (const path of parsed.data.paths) {
            if (isProjectPath(path) && !paths.some((known) => this.same(known, path))) paths.push(resolve(path));
          }
          paths = paths.slice(0, MAX_RECENT_FILES);
        }
      }
    } catch {
      // no list yet, or one we cannot read: start empty
    }
    this.paths = paths;
    return paths;
  }

  private async persist(paths: readonly string[]): Promise<void> {
    // Best effort: a list that cannot be written only means fewer recent projects next time.
    await fsPromises.mkdir(dirname(this.file), { recursive: true }).catch(() => undefined);
    await writeFileAtomic(this.file, new TextEncoder().encode(JSON.stringify({ version: 1, paths })));
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // one listener's failure does not stop the others
      }
    }
  }

  private same(a: string, b: string): boolean {
    const platform = this.hooks.platform ?? process.platform;
    return platform === 'darwin' || platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** False only when the file is gone (or its folder is); a file we may not stat right now stays. */
async function stillThere(path: string): Promise<boolean> {
  try {
    return (await fsPromises.stat(path)).isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return !(code === 'ENOENT' || code === 'ENOTDIR');
  }
}
