/**
 * The project file behind the autosave. The page's autosave record names the file its project
 * saves to by the opaque handle it was given (a top-level "handle", see autosaveJson in the
 * contract), but handles live only as long as the main process. So the main process keeps its own
 * small record beside the autosave, autosave-project.json = { handle, path }, which the page never
 * sees; when a later run restores the autosave, the page gets a handle of that run for the same
 * path in place of the dead one, and Save writes back to the file it wrote before.
 *
 * The pair is bound by the handle: the path is used only for a record whose handle is the one it
 * was kept for. A page cannot name a path (only a handle the main process gave it), a crash
 * between the two writes leaves an old record with a new pair (no match: Save asks where), and an
 * autosave of an older Hinge, which kept no path, restores without a handle (Save asks where).
 */
import * as fsPromises from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { fileHandle, MAX_AUTOSAVE_CHARS } from '../src/ipc/contract.js';
import { writeFileAtomic } from './atomic-write.js';
import { isProjectPath } from './file-handles.js';

/** A project path behind the handle an autosave record carried. */
export interface ProjectLink {
  readonly handle: string;
  readonly path: string;
}

const projectLink = z
  .object({ version: z.literal(1), handle: fileHandle, path: z.string().min(1).max(32_768).refine(isAbsolute).refine(isProjectPath) })
  .strict();

/** The top-level `handle` of an autosave record (JSON text) when it is a file handle, else undefined. */
export function recordHandleOf(json: string): string | undefined {
  let record: unknown;
  try {
    record = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  const parsed = fileHandle.safeParse((record as { handle?: unknown }).handle);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The record `json` with its top-level `handle` replaced by `handle`, or removed when undefined.
 * A record that is not an object, or that would grow past the autosave's limit, is returned as it
 * was (its handle then resolves to nothing, and saving asks where).
 */
export function withRecordHandle(json: string, handle: string | undefined): string {
  let record: unknown;
  try {
    record = JSON.parse(json);
  } catch {
    return json;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return json;
  const { handle: _old, ...rest } = record as Record<string, unknown>;
  const text = JSON.stringify(handle === undefined ? rest : { ...rest, handle });
  return text.length <= MAX_AUTOSAVE_CHARS ? text : json;
}

/** The pair kept in `file`, or undefined when there is none or it is not a valid one. */
export async function readProjectLink(file: string): Promise<ProjectLink | undefined> {
  try {
    const text = await fsPromises.readFile(file, 'utf8');
    const parsed = projectLink.safeParse(JSON.parse(text));
    return parsed.success ? { handle: parsed.data.handle, path: parsed.data.path } : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `link` in `file` (atomically); true when it is on disk. */
export async function writeProjectLink(file: string, link: ProjectLink): Promise<boolean> {
  const json = JSON.stringify({ version: 1, handle: link.handle, path: link.path });
  return (await writeFileAtomic(file, new TextEncoder().encode(json))).status === 'saved';
}
