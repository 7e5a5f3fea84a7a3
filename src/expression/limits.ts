/**
 * The budgets every typed expression must fit. They bound memory and time before anything
 * large is built, so evaluation on the UI thread stays well under a frame budget's worth of
 * surprises and a worker timeout is only a last resort.
 */
export const EXPRESSION_LIMITS = Object.freeze({
  /** Characters of typed text, checked before parsing. */
  maxTextLength: 4096,
  /** Parse-tree nodes: about one per character, so a long pasted literal still fits. */
  maxNodes: 4096,
  /** Nesting depth of the parse tree and of brackets in the text (mathjs's parser recurses). */
  maxDepth: 100,
  /** Entries of any value, intermediate or final: 100×100 at most. */
  maxEntries: 10_000,
  /** Estimated floating-point operations of the whole evaluation (a 100×100 inverse is ~1e6). */
  maxWork: 10_000_000,
});

/** The two budgets that grow when a caller allows bigger values than the default. */
export interface EvaluationLimits {
  readonly maxEntries: number;
  readonly maxWork: number;
}

/**
 * Work allowed per allowed entry when maxEntries is raised: enough to build, scale and add a few
 * values of the largest size, or multiply matrices up to a side of 64·maxEntries / side² — e.g.
 * 512×512 by 512×512 (1.3e8) when maxEntries is 2048² — but not to multiply or invert two of the
 * largest ones.
 */
const WORK_PER_ENTRY = 64;

/**
 * The limits for `maxEntries` (default {@link EXPRESSION_LIMITS}.maxEntries): the entry cap
 * itself, and maxWork = max(EXPRESSION_LIMITS.maxWork, 64·maxEntries), so the default stays as it
 * was and a 2048×2048 lab may still touch every entry a few dozen times. Throws RangeError unless
 * maxEntries is a whole number ≥ 1.
 */
export function evaluationLimits(maxEntries: number = EXPRESSION_LIMITS.maxEntries): EvaluationLimits {
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a whole number of at least 1, got ${maxEntries}.`);
  }
  return { maxEntries, maxWork: Math.max(EXPRESSION_LIMITS.maxWork, WORK_PER_ENTRY * maxEntries) };
}
