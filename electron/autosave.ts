/**
 * The page's autosaved state (userData/autosave.json): what a reload after a renderer crash or hang
 * restores. Writes are atomic (writeFileAtomic) and run one at a time in the order they came, so
 * an older state can never land after a newer one; a read waits for the writes before it.
 * Given the run's file handles, it also keeps the path of the record's project file beside it
 * (autosave-project.ts), so that the project restored in a later run still saves to its file.
 */
import * as fsPromises from 'node:fs/promises';
import { dirname, join, parse } from 'node:path';
import { autosaveJson, MAX_AUTOSAVE_CHARS, type AutosaveResult } from '../src/ipc/contract.js';
import { writeFileAtomic } from './atomic-write.js';
import { readProjectLink, recordHandleOf, withRecordHandle, writeProjectLink, type ProjectLink } from './autosave-project.js';
import { isProjectPath, type HandleRegistry } from './file-handles.js';

/** UTF-8 takes at most three bytes per UTF-16 code unit, so a valid autosave is never larger. */
const MAX_AUTOSAVE_BYTES = MAX_AUTOSAVE_CHARS * 3;

export class AutosaveStore {
  // TypeScript `private`, not `#private`: the checker in `npm run security` cannot parse class
  // private fields in the built bundle.
  private queue: Promise<unknown> = Promise.resolve();
  /** The handle and path last kept in (or read from) the project link file. */
  private link: ProjectLink | undefined;

  /**
   * `handles`: this run's file handles; without them no project path is kept and a record's
   * handle is passed through as it is.
   */
  constructor(
    readonly file: string,
    private readonly handles?: HandleRegistry,
  ) {}

  /** Where the path of the autosaved project's file is kept: autosave-project.json beside the autosave. */
  get projectLinkFile(): string {
    const { dir, name, ext } = parse(this.file);
    return join(dir, `${name}-project${ext}`);
  }

  /**
   * Replaces the autosave with `json` (already validated by the IPC contract), after keeping the
   * path behind its handle when that is a project file. Never throws.
   */
  write(json: string): Promise<AutosaveResult> {
    return this.enqueue(async () => {
      await fsPromises.mkdir(dirname(this.file), { recursive: true }).catch(() => undefined);
      await this.keepProjectLink(json);
      const result = await writeFileAtomic(this.file, new TextEncoder().encode(json));
      return result.status === 'saved' ? { status: 'saved' as const } : result;
    });
  }

  /**
   * The autosaved JSON, or null when there is none. One too large, damaged or not JSON is moved
   * aside (autosave-rejected-<time>.json) first, so the next autosave does not replace it.
   */
  read(): Promise<string | null> {
    return this.enqueue(async () => {
      try {
        if ((await fsPromises.stat(this.file)).size <= MAX_AUTOSAVE_BYTES) {
          const parsed = autosaveJson.safeParse(await fsPromises.readFile(this.file, 'utf8'));
          if (parsed.success) return await this.relinkProject(parsed.data);
        }
      } catch {
        return null; // none, or unreadable: nothing we could keep
      }
      await this.moveAside(this.rejectedPath(new Date())).catch(() => undefined);
      return null;
    });
  }

  /**
   * Keeps `json`, an autosave the page could not restore (whole or in part), in its own file
   * beside the autosave, autosave-rejected-<time>.json, which nothing ever overwrites. Returns
   * its path, or null when it could not be written.
   */
  keepRejected(json: string, now: Date = new Date()): Promise<string | null> {
    return this.enqueue(async () => {
      const bytes = new TextEncoder().encode(json);
      for (let n = 1; n < 100; n++) {
        const target = this.rejectedPath(now, n);
        try {
          // 'wx': a name already taken is never replaced.
          await fsPromises.writeFile(target, bytes, { flag: 'wx', mode: 0o600 });
          return target;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return null;
        }
      }
      return null;
    });
  }

  /** Keeps the path behind `json`'s handle (only a project's) unless it is kept already. */
  private async keepProjectLink(json: string): Promise<void> {
    const handle = this.handles && recordHandleOf(json);
    const path = handle && this.handles?.pathOf(handle, 'file');
    if (!handle || !path || !isProjectPath(path)) return;
    if (this.link?.handle === handle && this.link.path === path) return;
    // A failed write only means Save asks where after a restart; the autosave itself goes on.
    if (await writeProjectLink(this.projectLinkFile, { handle, path })) this.link = { handle, path };
  }

  /**
   * The record to give the page: a handle kept with its path becomes this run's handle of that
   * path; a handle this run knows (a second window) stays; any other handle (an older Hinge's
   * autosave, or a link lost in a crash) is removed, so Save asks where instead of failing.
   */
  private async relinkProject(json: string): Promise<string> {
    if (!this.handles) return json;
    const handle = recordHandleOf(json);
    if (!handle) return json;
    const link = await readProjectLink(this.projectLinkFile);
    if (link?.handle === handle) {
      this.link = link;
      return withRecordHandle(json, this.handles.handleFor('file', link.path));
    }
    const known = this.handles.pathOf(handle, 'file');
    return known && isProjectPath(known) ? json : withRecordHandle(json, undefined);
  }

  private rejectedPath(now: Date, n = 1): string {
    const { dir, name, ext } = parse(this.file);
    return join(dir, `${name}-rejected-${now.toISOString().replace(/[:.]/g, '-')}${n > 1 ? `-${n}` : ''}${ext}`);
  }

  private async moveAside(target: string): Promise<void> {
    try {
      await fsPromises.link(this.file, target); // refuses to replace an existing file
      await fsPromises.unlink(this.file);
    } catch {
      await fsPromises.rename(this.file, target); // a file system without hard links
    }
  }

  /**
   * Moves the autosave aside (autosave-<time>.json beside it) so the next start begins empty, for
   * a state that crashes the page every time it is restored. Nothing is deleted. Returns the new
   * path, or null when there was no autosave.
   */
  setAside(now: Date = new Date()): Promise<string | null> {
    return this.enqueue(async () => {
      const { dir, name, ext } = parse(this.file);
      const target = join(dir, `${name}-${now.toISOString().replace(/[:.]/g, '-')}${ext}`);
      try {
        await fsPromises.rename(this.file, target);
        return target;
      } catch {
        return null;
      }
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
