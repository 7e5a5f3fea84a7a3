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
