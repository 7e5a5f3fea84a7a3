/**
 * A small interpreter over an already-checked parse tree. It evaluates children first and then,
 * before calling the mathjs function of a node, works out from the actual argument sizes how
 * many entries the call would create and how much arithmetic it would take. So `zeros(1e6, 1e6)`,
 * `ones(10000, 1) * ones(1, 10000)` or `range(0, 1e9)` are refused before anything is built,
 * whether or not their sizes were written as constants.
 */
import { ExpressionError } from '../errors.js';
import { FUNCTION_ALIASES, HINGE_FUNCTIONS } from './allowList.js';
import type { EvaluationLimits } from './limits.js';
import type { AcceptedNode, ArrayNode, FunctionNode, OperatorNode, RangeNode, SymbolNode } from './nodes.js';
import { randomArray, randomSource, type RandomSource } from './random.js';
import { isMathComplex, mathConstant, mathFunction, toMathMatrix } from './safeMath.js';
import { describeShape, entries, flatten, sameShape, shapeOf } from './shapes.js';
import { at, findToken, findWord } from './textScan.js';

/** mathjs's matrix power loops over the exponent's bits as a 32-bit integer. */
const MAX_MATRIX_EXPONENT = 2 ** 31 - 1;

/**
 * Decompositions and iterations that mathjs does not guard against NaN or ±Infinity: given one,
 * they may return garbage that looks finite (the 2-norm of [NaN, 1; 1, 1] comes out as a number).
 */
const MATRIX_KERNELS: ReadonlySet<string> = new Set(['inv', 'pinv', 'det', 'norm', 'divide', 'pow']);

interface Call {
  /** How the user wrote the call, for messages: `zeros`, `*`, `:`. */
  readonly label: string;
  readonly locate: () => number | undefined;
}

interface State {
  readonly text: string;
  readonly limits: EvaluationLimits;
  readonly seed: number;
  work: number;
  /** Made on the first random call, so the stream starts at the seed for every parse. */
  random?: RandomSource;
}

/** How big and how costly an evaluation may be, and the seed of `random`/`randn`. */
export interface InterpretOptions {
  readonly limits: EvaluationLimits;
  readonly seed: number;
}

/** Evaluate a checked tree to a mathjs value (number, Matrix or Complex), within the limits. */
export function interpret(root: AcceptedNode, text: string, options: InterpretOptions): unknown {
  return evaluate(root, { text, limits: options.limits, seed: options.seed, work: 0 });
}

function evaluate(node: AcceptedNode, state: State): unknown {
  switch (node.type) {
    case 'ConstantNode':
      return node.value;
    case 'SymbolNode':
      return mathConstant(node.name);
    case 'ParenthesisNode':
      return evaluate(node.content as AcceptedNode, state);
    case 'ArrayNode':
      return evaluateArray(node, state);
    case 'RangeNode':
      return evaluateRange(node, state);
    case 'OperatorNode':
      return evaluateOperator(node, state);
    case 'FunctionNode':
      return evaluateCall(node, state);
  }
}

function evaluateOperator(node: OperatorNode, state: State): unknown {
  const args = node.args.map((arg) => evaluate(arg as AcceptedNode, state));
  const op = node.op;
  const call: Call = {
    label: op,
    locate: () => (/^[a-z]+$/.test(op) ? findWord(state.text, op) : findToken(state.text, op)),
  };
  return apply(node.fn, args, call, state);
}

function evaluateCall(node: FunctionNode, state: State): unknown {
  const name = (node.fn as SymbolNode).name;
  const args = node.args.map((arg) => evaluate(arg as AcceptedNode, state));
  const call: Call = { label: name, locate: () => findWord(state.text, name, true) };
  return apply(FUNCTION_ALIASES.get(name) ?? name, args, call, state);
}

function evaluateRange(node: RangeNode, state: State): unknown {
  const start = evaluate(node.start as AcceptedNode, state);
  const step = node.step ? evaluate(node.step as AcceptedNode, state) : undefined;
  const end = evaluate(node.end as AcceptedNode, state);
  const args = step === undefined ? [start, end] : [start, end, step];
  return apply('range', args, { label: ':', locate: () => findToken(state.text, ':') }, state);
}

function evaluateArray(node: ArrayNode, state: State): unknown {
  const items = node.items.map((item) => evaluate(item as AcceptedNode, state));
  const shapes = items.map(shapeOf);
  for (let k = 1; k < shapes.length; k++) {
    if (!sameShape(shapes[k], shapes[0])) throw raggedError(shapes, k);
  }
  const total = shapes.reduce((sum, shape) => sum + entries(shape), 0);
  const call: Call = { label: '[ ]', locate: () => findToken(state.text, '[') };
  guardEntries(total, () => 'This list', call, state);
  spend(total, call, state);
  return invoke(() => toMathMatrix(items), call);
}

function raggedError(shapes: readonly (readonly number[])[], k: number): ExpressionError {
  const [first, other] = [shapes[0], shapes[k]];
  if (first.length === 1 && other.length === 1) {
    return new ExpressionError(
      `Row ${k + 1} has ${count(other[0], 'entry', 'entries')} but row 1 has ${first[0]}.`,
      'shape',
      { row: k },
    );
  }
  return new ExpressionError(
    `Item ${k + 1} inside [ ] is ${describeShape(other)} but item 1 is ${describeShape(first)}; all rows must have the same size.`,
    'shape',
    { row: k },
  );
}

function apply(name: string, args: unknown[], call: Call, state: State): unknown {
  if ((name === 'multiply' || name === 'add') && args.length > 2) {
    // Fold pairwise so that each intermediate product is size-checked on its own.
    return args.slice(1).reduce((acc, next) => apply(name, [acc, next], call, state), args[0]);
  }
  // A call without arguments is sized as if given one number; mathjs then reports what is missing.
  const shapes = args.length > 0 ? args.map(shapeOf) : [[]];
  const bound = outputBound(name, args, shapes, call);
  guardEntries(bound, () => describeCall(call, args), call, state);
  spend(cost(name, args, shapes, bound), call, state);
  if (HINGE_FUNCTIONS.has(name)) return drawRandom(name, args, call, state);
  if (MATRIX_KERNELS.has(name) && shapes.some((shape) => shape.length > 0)) refuseNonFinite(args, call);
  const fn = mathFunction(name);
  const result = invoke(() => fn(...args), call);
  // A safety net for any function whose size rule above is too optimistic.
  guardEntries(entries(shapeOf(result)), () => describeCall(call, args), call, state);
  return result;
}

/**
 * `random(dims)` / `randn(dims)`, sized like `zeros(dims)` (and already size-checked): no
 * arguments give one number, `(n)` a list, `(m, n)` or `([m, n])` an m×n matrix. An empty size is
 * exactly `zeros` of it, so the shape of an empty result is mathjs's own.
 */
function drawRandom(name: string, args: readonly unknown[], call: Call, state: State): unknown {
  const dims = sizeArguments(args, call);
  if (dims.includes(0)) return invoke(() => mathFunction('zeros')(...args), call);
  state.random ??= randomSource(state.seed);
  const source = state.random;
  const values = randomArray(dims, name === 'randn' ? () => source.normal() : () => source.uniform());
  // A mathjs Matrix, as zeros/ones give in expressions, so everything downstream sees the usual type.
  return typeof values === 'number' ? values : toMathMatrix(values);
}

function outputBound(name: string, args: readonly unknown[], shapes: readonly (readonly number[])[], call: Call): number {
  switch (name) {
    case 'zeros':
    case 'ones':
    case 'random':
    case 'randn':
      return entries(sizeArguments(args, call));
    case 'eye':
    case 'identity': {
      const dims = sizeArguments(args, call);
      return entries(dims.length === 1 ? [dims[0], dims[0]] : dims);
    }
    case 'range':
      return rangeLength(args, call);
    case 'diag': {
      const offset = args.length > 1 ? wholeNumber(args[1], call, true) : 0;
      if (shapes[0].length >= 2) return entries(shapes[0]);
      const n = shapes[0][0] ?? 1;
      return Math.max(1, n + Math.abs(offset)) ** 2;
    }
    case 'kron':
      return shapes.reduce((p, s) => p * entries(s), 1);
    case 'concat':
      return shapes.reduce((sum, s) => sum + (s.length > 0 ? entries(s) : 0), 0);
    case 'multiply':
      return matrixProductEntries(shapes[0], shapes[1] ?? []);
    case 'reshape':
      return Math.max(entries(shapes[0]), reshapeEntries(args[1], entries(shapes[0]), call));
    case 'pow':
      if (shapes[0].length > 0) {
        const exponent = args[1];
        if (typeof exponent === 'number' && Math.abs(exponent) > MAX_MATRIX_EXPONENT) {
          throw new ExpressionError(
            `A matrix power's exponent must be at most ${MAX_MATRIX_EXPONENT} in size; ${formatArgument(exponent)} is too large.`,
            'too-large',
            at(call.locate()),
          );
        }
        return entries(shapes[0]);
      }
      return broadcastEntries(shapes);
    default:
      return broadcastEntries(shapes);
  }
}

/** Estimated floating-point operations of one call, so chains of big inverses stay bounded. */
function cost(name: string, args: readonly unknown[], shapes: readonly (readonly number[])[], bound: number): number {
  const linear = bound + shapes.reduce((sum, s) => sum + entries(s), 0);
  const n = Math.max(0, ...shapes.flatMap((s) => s));
  switch (name) {
    case 'multiply': {
      const [a, b] = [shapes[0], shapes[1] ?? []];
      if (a.length === 0 || b.length === 0) return linear;
      return linear + (a.length === 2 ? a[0] : 1) * (a.at(-1) ?? 1) * (b.length === 2 ? b[1] : 1);
    }
    case 'inv':
    case 'det':
      return linear + n ** 3;
    case 'divide':
      // A / B is A·inv(B); dividing by a number is element-wise.
      return (shapes[1] ?? []).length > 0 ? linear + 2 * n ** 3 : linear;
    case 'pinv':
      return linear + 8 * n ** 3;
    case 'norm':
      // A matrix 2-norm runs an eigenvalue iteration; vector norms are a single pass.
      return shapes[0].length === 2 ? linear + 30 * n ** 3 : linear;
    case 'pow': {
      const exponent = typeof args[1] === 'number' ? Math.abs(args[1]) : 1;
      return shapes[0].length > 0 ? linear + 2 * (Math.log2(exponent + 1) + 2) * n ** 3 : linear;
    }
    default:
      return linear;
  }
}

function refuseNonFinite(args: readonly unknown[], call: Call): void {
  for (const arg of args) {
    const bad = flatten(arg).find((v) => typeof v === 'number' && !Number.isFinite(v));
    if (bad !== undefined) {
      throw new ExpressionError(
        `\`${call.label}\` was given a matrix containing ${String(bad)}; every entry must be a finite real number.`,
        'non-finite',
        at(call.locate()),
      );
    }
  }
}

function spend(work: number, call: Call, state: State): void {
  state.work += work;
  if (state.work > state.limits.maxWork) {
    throw new ExpressionError(
      'This expression needs too much computation for Hinge; please use smaller matrices.',
      'too-large',
      at(call.locate()),
    );
  }
}

function guardEntries(n: number, what: () => string, call: Call, state: State): void {
  if (n > state.limits.maxEntries) {
    throw new ExpressionError(
      `${what()} would create ${String(n).replace('e+', 'e')} entries; the limit is ${state.limits.maxEntries}.`,
      'too-large',
      at(call.locate()),
    );
  }
}

/** The dimensions passed to zeros/ones/eye: numbers, or one vector of numbers. */
function sizeArguments(args: readonly unknown[], call: Call): number[] {
  const raw = args.length === 1 && shapeOf(args[0]).length > 0 ? flatten(args[0]) : [...args];
  return raw.map((dim) => wholeNumber(dim, call, false));
}

function wholeNumber(value: unknown, call: Call, signed: boolean): number {
  if (typeof value !== 'number') {
    throw new ExpressionError(`The size given to \`${call.label}\` must be a number.`, 'too-large', at(call.locate()));
  }
  if (!Number.isInteger(value) || (!signed && value < 0)) {
    const kind = signed ? 'a whole number' : 'a whole number, 0 or more';
    throw new ExpressionError(`The size given to \`${call.label}\` must be ${kind}; ${formatArgument(value)} is not.`, 'too-large', at(call.locate()));
  }
  return value;
}

/** Entries of mathjs's expression `range(start, end, step)`, which includes its end. */
function rangeLength(args: readonly unknown[], call: Call): number {
  const [start, end, step = 1] = args;
  if (typeof start !== 'number' || typeof end !== 'number' || typeof step !== 'number' || args.length > 3) {
    throw new ExpressionError(`The bounds of \`${call.label}\` must be numbers.`, 'too-large', at(call.locate()));
  }
  const steps = (end - start) / step;
  if (!Number.isFinite(start) || !Number.isFinite(end) || step === 0 || Number.isNaN(steps) || steps === Infinity) {
    throw new ExpressionError(
      `\`${describeCall(call, args)}\` does not describe a finite range; bounds must be finite and the step not 0.`,
      'too-large',
      at(call.locate()),
    );
  }
  return steps < 0 ? 0 : Math.floor(steps) + 1;
}

function matrixProductEntries(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0) return entries(b);
  if (b.length === 0) return entries(a);
  return Math.max(1, a.length === 2 ? a[0] : 1) * Math.max(1, b.length === 2 ? b[1] : 1);
}

/**
 * Slots of reshape's target size; mathjs's wildcard −1 (at most once) stands for whatever the input
 * fills. Every other size must be a whole number from 1: mathjs turns `reshape(x, [-2, -2])` into an
 * empty array and `[0, 4]` or `[1.5, 2]` into a puzzling "dimension mismatch", so those are refused
 * here, naming the size.
 */
function reshapeEntries(sizes: unknown, input: number, call: Call): number {
  let wildcards = 0;
  let product = 1;
  for (const d of flatten(sizes)) {
    if (typeof d !== 'number') {
      throw new ExpressionError(`The sizes given to \`${call.label}\` must be numbers.`, 'shape', at(call.locate()));
    }
    if (d === -1 && wildcards === 0) {
      wildcards++;
      product *= input;
      continue;
    }
    if (!Number.isInteger(d) || d < 1) {
      const why = d === -1 ? 'only one size may be −1 (the wildcard)' : 'each size must be a whole number from 1 (or −1 once, for "whatever fills it")';
      throw new ExpressionError(`\`${call.label}\` cannot make a size of ${formatArgument(d)}: ${why}.`, 'shape', at(call.locate()));
    }
    product *= d;
  }
  return product;
}

/** Entries of the broadcast of all shapes: an upper bound for element-wise functions and reductions. */
function broadcastEntries(shapes: readonly (readonly number[])[]): number {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  let total = 1;
  for (let axis = 1; axis <= rank; axis++) {
    total *= Math.max(1, ...shapes.map((s) => s[s.length - axis] ?? 1));
  }
  return total;
}

function invoke(run: () => unknown, call: Call): unknown {
  try {
    return run();
  } catch (error) {
    throw translateMathError(error, call);
  }
}

/** Turn an error thrown by a mathjs function into a worded ExpressionError at the call. */
function translateMathError(error: unknown, call: Call): ExpressionError {
  if (error instanceof ExpressionError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const where = at(call.locate());
  const label = `\`${call.label}\``;
  if (/determinant is zero|not invertible|singular/i.test(message)) {
    return new ExpressionError(`${label}: the matrix is singular (its determinant is 0), so it has no inverse.`, 'non-finite', where);
  }
  const typed = typedFunctionMessage(message, label);
  if (typed) return new ExpressionError(typed.message, typed.kind, where);
  if (/complex/i.test(message)) return new ExpressionError(`${label}: ${message}; the value must be real.`, 'not-real', where);
  const shapeLike = error instanceof RangeError || /dimension|square|size|length|mismatch/i.test(message);
  return new ExpressionError(`${label}: ${message}.`, shapeLike ? 'shape' : 'syntax', where);
}

/** Plain words for typed-function's argument errors, whose lists of accepted types would confuse. */
function typedFunctionMessage(message: string, label: string): { message: string; kind: 'syntax' | 'not-real' } | undefined {
  if (/^Too few arguments/.test(message)) return { message: `${label} needs more arguments.`, kind: 'syntax' };
  const many = /^Too many arguments .*\(expected: (\d+), actual: (\d+)\)/.exec(message);
  if (many) return { message: `${label} takes ${many[1]} argument${many[1] === '1' ? '' : 's'} but was given ${many[2]}.`, kind: 'syntax' };
  const type = /^Unexpected type of argument .*actual: (\w+), index: (\d+)\)/.exec(message);
  if (type === null) return undefined;
  const position = Number(type[2]) + 1;
  if (type[1] === 'Complex') return { message: `${label} got a complex number as argument ${position}; values must be real.`, kind: 'not-real' };
  return { message: `${label} cannot take ${type[1] === 'number' ? 'a number' : `a ${type[1]}`} as argument ${position}.`, kind: 'syntax' };
}

function describeCall(call: Call, args: readonly unknown[]): string {
  const shown = args.map((arg) => (typeof arg === 'number' ? formatArgument(arg) : isMathComplex(arg) ? 'complex' : describeShape(shapeOf(arg))));
  if (call.label === ':') return `${shown.length === 3 ? `${shown[0]}:${shown[2]}:${shown[1]}` : shown.join(':')}`;
  if (/^[A-Za-z]/.test(call.label)) return `${call.label}(${shown.join(', ')})`;
  return shown.join(` ${call.label} `);
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A number as a student would have typed it: `1e6` rather than `1000000`. */
function formatArgument(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 1e6 && Math.abs(n) < 1e21 && /^[1-9]0+$/.test(String(Math.abs(n)))) {
    return n.toExponential().replace('+', '');
  }
  return String(n).replace('e+', 'e');
}
