/**
 * The expression parser (a locked-down mathjs, ~700 KB) loads on its own, after the first frame:
 * nothing on screen needs it until the user types.
 */
type Parser = typeof import('../../src/expression/index.js');

let loading: Promise<Parser> | undefined;

export function loadParser(): Promise<Parser> {
  return (loading ??= import('../../src/expression/index.js'));
}
