/**
 * What a Hinge expression may name. Anything else is refused before evaluation, so adding a
 * name here is a security decision: only pure, deterministic numeric functions belong.
 */

/** Named constants, read from the mathjs namespace. `i` is absent on purpose: Hinge is real. */
export const ALLOWED_CONSTANTS: ReadonlySet<string> = new Set([
  'pi', 'PI', 'e', 'E', 'tau', 'phi',
  'SQRT2', 'SQRT1_2', 'LN2', 'LN10', 'LOG2E', 'LOG10E',
  // Allowed so that `1/Infinity` reads naturally and a bare `Infinity` is reported as non-finite.
  'Infinity', 'NaN',
]);

/**
 * Functions that may be called by name. No strings, no callbacks, no I/O, and no randomness but
 * Hinge's own seeded `random`/`randn` (see {@link HINGE_FUNCTIONS}), which give the same matrix
 * for the same text every time.
 */
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  // scalar (element-wise on matrices)
  'sqrt', 'cbrt', 'exp', 'expm1', 'log', 'log2', 'log10', 'log1p', 'nthRoot', 'square', 'cube',
  'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'asin', 'acos', 'atan', 'atan2',
  'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh',
  'abs', 'sign', 'floor', 'ceil', 'round', 'fix', 'mod', 'pow', 'hypot', 'factorial',
  // reductions
  'min', 'max', 'sum', 'prod', 'mean', 'norm', 'det', 'trace', 'dot',
  // arithmetic by name
  'add', 'subtract', 'multiply', 'divide', 'dotMultiply', 'dotDivide', 'dotPow',
  'unaryMinus', 'unaryPlus',
  // matrices
  'eye', 'identity', 'zeros', 'ones', 'diag', 'range', 'reshape', 'concat', 'kron', 'cross',
  'transpose', 'ctranspose', 'inv', 'pinv',
  // deterministic random matrices, seeded per parse
  'random', 'randn',
]);

/**
 * Allowed functions that Hinge implements itself (random.ts) and never looks up in mathjs:
 * mathjs's `random` is unseeded and reads `random(a, b)` as a number between a and b, and mathjs
 * has no `randn`.
 */
export const HINGE_FUNCTIONS: ReadonlySet<string> = new Set(['random', 'randn']);

/** The mathjs function behind each operator we accept (`'` is ctranspose, `!` factorial). */
export const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  'add', 'subtract', 'multiply', 'divide', 'pow', 'mod', 'unaryMinus', 'unaryPlus',
  'dotMultiply', 'dotDivide', 'dotPow', 'ctranspose', 'transpose', 'factorial',
]);

/** Names Hinge accepts that mathjs spells differently: `eye(n)` is MATLAB's identity matrix. */
export const FUNCTION_ALIASES: ReadonlyMap<string, string> = new Map([['eye', 'identity']]);
