/**
 * Reading and writing `.hinge` project files: JSON text → migrated → validated Project, or a
 * ProjectError naming the first bad field by its path.
 */
import type { z } from 'zod';
import { LAB_STATE_IDS, MAX_PROJECT_CHARS, PROJECT_FORMAT, PROJECT_VERSION, projectSchema, type DeepReadonly, type LabStateId, type Project } from './schema.js';
import { MIGRATIONS } from './migrate.js';

export type ProjectErrorKind = 'too-large' | 'not-json' | 'not-a-project' | 'newer-version' | 'invalid';

/** A project file Hinge refuses; `path` names the bad field (`labs.layer.state.W[1][0]`) when there is one. */
export class ProjectError extends Error {
  override readonly name = 'ProjectError';
  constructor(
    readonly kind: ProjectErrorKind,
    message: string,
    readonly path = '',
  ) {
    super(path ? `${path}: ${message}` : message);
  }
}

/** `labs.layer.state.W[1][0]` from zod's ['labs', 'layer', 'state', 'W', 1, 0]. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function firstIssue(error: z.ZodError): { path: string; message: string } {
  // Report the deepest issue first: for a union, zod lists the branches; the innermost is the most specific.
  const issue = error.issues[0]!;
  return { path: formatPath(issue.path), message: issue.message };
}

/**
 * Parses a project file's text. Older versions are migrated step by step to PROJECT_VERSION before
 * validation; a newer version, a non-project JSON or a bad field throws ProjectError.
 */
export function parseProject(text: string): Project {
  if (text.length > MAX_PROJECT_CHARS) throw new ProjectError('too-large', `the file is larger than ${MAX_PROJECT_CHARS / 1024 / 1024} MB`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ProjectError('not-json', `not a JSON file (${(error as Error).message})`);
  }
  return validateProject(raw);
}

/** Checks the format and version of a parsed JSON value and migrates it to PROJECT_VERSION. */
function migrated(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as { format?: unknown }).format !== PROJECT_FORMAT) {
    throw new ProjectError('not-a-project', `not a Hinge project (no "format": "${PROJECT_FORMAT}")`);
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ProjectError('invalid', 'expected a whole version number from 1', 'version');
  }
  if (version > PROJECT_VERSION) {
    throw new ProjectError('newer-version', `the file is version ${version}, made by a newer Hinge; this one reads up to version ${PROJECT_VERSION}`, 'version');
  }
  let value = raw as Record<string, unknown>;
  for (let v = version; v < PROJECT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new ProjectError('invalid', `no migration from version ${v}`, 'version');
    try {
      value = { ...step(value), version: v + 1 };
    } catch (error) {
      throw new ProjectError('invalid', `could not migrate from version ${v} (${(error as Error).message})`, 'version');
    }
  }
  return value;
}

/** Validates a migrated value against the project schema; ProjectError names the first bad field. */
function checked(value: unknown): Project {
  let result: ReturnType<typeof projectSchema.safeParse>;
  try {
    result = projectSchema.safeParse(value);
  } catch (error) {
    // The schema's refinements run only on well-formed values; should one still trip over the
    // file, it is the file that is refused, never the caller that crashes.
    throw new ProjectError('invalid', `the file's contents are not what Hinge expects (${(error as Error).message})`, 'labs');
  }
  if (!result.success) {
    const { path, message } = firstIssue(result.error);
    throw new ProjectError('invalid', message, path);
  }
  return result.data;
}

/** Migrates and validates an already parsed JSON value (from a file or a PNG's text chunk). */
export function validateProject(raw: unknown): Project {
  return checked(migrated(raw));
}

/** What could be kept of a project that does not validate as a whole. */
export interface SalvagedProject {
  /** Every lab whose entry validates on its own, with the view and theme (or defaults). */
  readonly project: Project;
  /** The labs left out, each with the reason (a ProjectError naming the field). */
  readonly rejected: readonly { readonly lab: LabStateId | 'project'; readonly error: ProjectError }[];
}

/**
 * Keeps what can be kept of `raw`: a valid project comes back whole; otherwise each lab's entry is
 * validated on its own (one bad lab does not take the others with it), a bad view or theme falls
 * back to the lab view and dark, and every lab left out is listed with its ProjectError. Throws
 * ProjectError only when `raw` is not a project at all (or of a newer version).
 */
export function salvageProject(raw: unknown): SalvagedProject {
  const value = migrated(raw);
  try {
    return { project: checked(value), rejected: [] };
  } catch (error) {
    if (!(error instanceof ProjectError)) throw error;
  }
  const rejected: { lab: LabStateId | 'project'; error: ProjectError }[] = [];
  const labsIn = typeof value.labs === 'object' && value.labs !== null && !Array.isArray(value.labs) ? (value.labs as Record<string, unknown>) : {};
  const labs: Record<string, unknown> = {};
  for (const id of LAB_STATE_IDS) {
    if (labsIn[id] === undefined) continue;
    try {
      labs[id] = checked({ format: PROJECT_FORMAT, version: PROJECT_VERSION, view: 'map', theme: 'dark', labs: { [id]: labsIn[id] } }).labs[id];
    } catch (error) {
      rejected.push({ lab: id, error: error instanceof ProjectError ? error : new ProjectError('invalid', String(error), `labs.${id}`) });
    }
  }
  const extra = Object.keys(labsIn).filter((key) => !(LAB_STATE_IDS as readonly string[]).includes(key));
  if (extra.length > 0) rejected.push({ lab: 'project', error: new ProjectError('invalid', `unknown labs ${extra.join(', ')}`, 'labs') });
  const view = projectSchema.shape.view.safeParse(value.view);
  const theme = projectSchema.shape.theme.safeParse(value.theme);
  const project = checked({ format: PROJECT_FORMAT, version: PROJECT_VERSION, view: view.success ? view.data : 'map', theme: theme.success ? theme.data : 'dark', labs });
  return { project, rejected };
}

/** The project as the text of a `.hinge` file (stable key order, two-space indent). */
export function serializeProject(project: DeepReadonly<Omit<Project, 'format' | 'version'>>): string {
  const full = { format: PROJECT_FORMAT, version: PROJECT_VERSION, ...project };
  // Validate what we write, so a bug never produces a file we would refuse to read.
  const checked = projectSchema.safeParse(full);
  if (!checked.success) {
    const { path, message } = firstIssue(checked.error);
    throw new ProjectError('invalid', message, path);
  }
  return JSON.stringify(full, null, 1) + '\n';
}
