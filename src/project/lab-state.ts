/**
 * The one description of a lab's state, used at the store's boundary: the state type is the
 * project schema's (`z.infer`), and every change a store makes is checked against that schema
 * before it lands. So a store can never hold what a project file or the autosave would refuse.
 */
import type { z } from 'zod';
import { formatPath } from './project-file.js';
import { importedMatrixRef, labStateParts, type DeepReadonly, type IssueSink, type LabStateId, type LabStates } from './schema.js';

/** Lab `id`'s state as a store holds it: the schema's type, read-only all the way down. */
export type LabState<K extends LabStateId> = DeepReadonly<LabStates[K]>;

/** A state a lab's store refused: `path` names the field (`W0`, `net.weights[1]`), `lab` the lab. */
export class LabStateError extends Error {
  override readonly name = 'LabStateError';
  constructor(
    readonly lab: LabStateId,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${lab}${path ? `.${path}` : ''}: ${reason}`);
  }
}

/** The first issue of a failed parse, its path prefixed by `prefix`. */
function firstIssue(error: z.ZodError, prefix: PropertyKey[]): { path: string; message: string } {
  const issue = error.issues[0]!;
  return { path: formatPath([...prefix, ...issue.path]), message: issue.message };
}

/**
 * Checks `state` against lab `id`'s schema and returns its first issue, or undefined when it is a
 * valid state. With `previous` (a state known to be valid), only the fields whose value is not the
 * very same object or number as before are checked on their own, then how the fields agree with
 * each other: the same verdict as a full check, at the cost of what changed.
 */
export function checkLabState(id: LabStateId, state: unknown, previous?: object): { path: string; message: string } | undefined {
  const { fields, consistent } = labStateParts[id];
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return { path: '', message: 'expected an object' };
  if (previous) {
    const shape = fields.shape as Record<string, z.ZodType>;
    const before = previous as Record<string, unknown>;
    const after = state as Record<string, unknown>;
    for (const key of new Set([...Object.keys(after), ...Object.keys(before)])) {
      if (Object.is(after[key], before[key]) && key in after === key in before) continue;
      const field = shape[key];
      if (!field) return { path: key, message: `unknown field "${key}"` };
      const result = field.safeParse(after[key]);
      if (!result.success) return firstIssue(result.error, [key]);
    }
  } else {
    const result = fields.safeParse(state);
    if (!result.success) return firstIssue(result.error, []);
  }
  const issues: { path: (string | number)[]; message: string }[] = [];
  const sink: IssueSink = { addIssue: (issue) => issues.push(issue) };
  (consistent as ((s: unknown, ctx: IssueSink) => void) | undefined)?.(state, sink);
  const issue = issues[0];
  return issue && { path: formatPath(issue.path), message: issue.message };
}

/**
 * Checks each field of `fields` on its own against lab `id`'s schema (not how they agree with the
 * rest of the state): an action checks what it was given before computing from it.
 */
export function checkLabFields(id: LabStateId, fields: object): { path: string; message: string } | undefined {
  const shape = labStateParts[id].fields.shape as Record<string, z.ZodType>;
  for (const [key, value] of Object.entries(fields)) {
    const field = shape[key];
    if (!field) return { path: key, message: `unknown field "${key}"` };
    const result = field.safeParse(value);
    if (!result.success) return firstIssue(result.error, [key]);
  }
  return undefined;
}

/** Throws LabStateError unless `state` is a valid state of lab `id` (see checkLabState). */
export function assertLabState(id: LabStateId, state: unknown, previous?: object): void {
  const issue = checkLabState(id, state, previous);
  if (issue) throw new LabStateError(id, issue.path, issue.message);
}

const { shape: refShape } = importedMatrixRef;
/** The longest text each descriptive field of an imported-matrix reference may hold. */
const REF_LIMITS = { name: refShape.name.maxLength ?? 255, tensor: refShape.tensor.maxLength ?? 1000, slice: refShape.slice.maxLength ?? 1000 } as const;

/** `text` cut to at most `max` UTF-16 units, ending in "…" when cut (never inside a surrogate pair). */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * A reference to an imported matrix with its descriptive texts (file name, tensor name, how it was
 * sliced) cut to what a project file keeps — a tensor's name may run past 1000 characters and a
 * slice of a 400-axis tensor too; they label the matrix, the values live elsewhere.
 */
export function clipImportedRef<R extends { readonly name: string; readonly tensor: string; readonly slice: string }>(ref: R): R {
  return { ...ref, name: clipText(ref.name, REF_LIMITS.name), tensor: clipText(ref.tensor, REF_LIMITS.tensor), slice: clipText(ref.slice, REF_LIMITS.slice) };
}
