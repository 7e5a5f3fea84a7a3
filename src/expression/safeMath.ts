/**
 * Hinge's one private, locked-down mathjs instance.
 *
 * Following mathjs's documented security recipe, we keep our own reference to `parse` and then
 * replace every function that could evaluate, compile, import or define things with one that
 * throws, so that even a name slipping past the allow-list could not reach them. The walker and
 * interpreter beside this file never hand user text to mathjs's `evaluate`: they parse, check the
 * tree, and call allow-listed numeric functions one by one.
 */
import { all, create } from 'mathjs';

const math = create(all);

/** mathjs's parser, captured before the instance's own `parse` is disabled below. */
export const parseExpression: (text: string) => unknown = math.parse;

/** Functions mathjs offers that execute code, define things or reach outside pure numerics. */
export const DISABLED_FUNCTIONS: readonly string[] = [
  'import',
  'createUnit',
  'reviver',
  'evaluate',
  'parse',
  'compile',
  'parser',
  'simplify',
  'simplifyConstant',
  'simplifyCore',
  'derivative',
  'resolve',
  'rationalize',
  'symbolicEqual',
  'leafCount',
  'help',
  'chain',
];

function disabled(name: string): () => never {
  return () => {
    throw new Error(`${name} is disabled in Hinge`);
  };
}

math.import(Object.fromEntries(DISABLED_FUNCTIONS.map((name) => [name, disabled(name)])), { override: true });

/**
 * The namespace expressions see: functions with mathjs's expression transforms (1-based
 * dimensions, `range` including its end), exactly as `math.evaluate` would resolve them.
 */
const namespace = (math.expression as unknown as { mathWithTransform: Record<string, unknown> }).mathWithTransform;

/** The function mathjs's parser would call for `name`, e.g. `zeros` or the operator `add`. */
export function mathFunction(name: string): (...args: unknown[]) => unknown {
  const fn = Object.prototype.hasOwnProperty.call(namespace, name) ? namespace[name] : undefined;
  if (typeof fn !== 'function') throw new Error(`mathjs has no function ${name}`);
  return fn as (...args: unknown[]) => unknown;
}

/** The value of a named constant such as `pi`. */
export function mathConstant(name: string): number {
  const value = Object.prototype.hasOwnProperty.call(namespace, name) ? namespace[name] : undefined;
  if (typeof value !== 'number') throw new Error(`mathjs has no numeric constant ${name}`);
  return value;
}

/** True when mathjs would read `name` as a unit (`cm`, `deg`, `h`), so we can say so. */
export function isUnitName(name: string): boolean {
  return math.Unit.isValuelessUnit(name);
}

/** Build a mathjs matrix from evaluated items, as an ArrayNode in an expression does. */
export const toMathMatrix: (items: unknown[]) => unknown = math.matrix as (items: unknown[]) => unknown;

/** True for a mathjs Matrix object (dense or sparse). */
export function isMathMatrix(value: unknown): value is { size(): number[]; valueOf(): unknown } {
  return math.isMatrix(value);
}

/** True for a mathjs Complex number, reported to the user as "complex". */
export function isMathComplex(value: unknown): boolean {
  return math.isComplex(value);
}
