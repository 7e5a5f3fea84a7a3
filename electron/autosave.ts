/**
 * The page's autosaved state (userData/autosave.json): what a reload after a renderer crash or hang
 * restores. Writes are atomic (writeFileAtomic) and run one at a time in the order they came, so
 * an older state can never land after a newer one; a read waits for the writes before it.
 */
import * as fsPromises from 'node:fs/promises';
import { dirname, join, parse } from 'node:path';
import { autosaveJson, MAX_AUTOSAVE_CHARS, type AutosaveResult } from '../src/ipc/contract.js';
import { writeFileAtomic } from './export.js';

/** UTF-8 takes at most three bytes per UTF-16 code unit, so a valid autosave is never larger. */
const MAX_AUTOSAVE_BYTES = MAX_AUTOSAVE_CHARS * 3;

export class AutosaveStore {
  // TypeScript `private`, not `#private`: the checker in `npm run security` cannot parse class
  // private fields in the built bundle.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  /** Replaces the autosave with `json` (already validated by the IPC contract). Never throws. */
  write(json: string): Promise<AutosaveResult> {
    return this.enqueue(async () => {
      await fsPromises.mkdir(dirname(this.file), { recursive: true }).catch(() => undefined);
      const result = await writeFileAtomic(this.file, new TextEncoder().encode(json));
      return result.status === 'saved' ? { status: 'saved' as const } : result;
    });
  }

  /** The autosaved JSON, or null when there is none or it is too large, damaged or not JSON. */
  read(): Promise<string | null> {
    return this.enqueue(async () => {
      try {
        if ((await fsPromises.stat(this.file)).size > MAX_AUTOSAVE_BYTES) return null;
        const parsed = autosaveJson.safeParse(await fsPromises.readFile(this.file, 'utf8'));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    });
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
