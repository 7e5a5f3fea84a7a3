/**
 * Property tests of the expression gate: whatever is typed, the parsers either return finite plain
 * numbers or throw an ExpressionError, quickly; and printed matrices read back exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../../../src/errors.js';
import { EXPRESSION_LIMITS } from '../../../src/expression/limits.js';
import { parseMatrix, parseScalar, parseVector } from '../../../src/expression/parse.js';
import { checkTree } from '../../../src/expression/walk.js';

const TOKENS = [
  ...'0123456789',
  '.', 'e', '1e9', '1e309', '[', ']', '[', ']', '(', ')', ',', ';', ':', ' ', '\n',
  '+', '-', '*', '/', '^', "'", '.*', '.^', '!', '%',
  // allowed names
  'pi', 'e', 'tau', 'sqrt', 'sin', 'cos', 'exp', 'log', 'abs', 'min', 'max', 'pow', 'mod', 'eye', 'zeros', 'ones',
  'identity', 'diag', 'range', 'reshape', 'concat', 'kron', 'inv', 'det', 'transpose', 'multiply', 'dot', 'cross', 'norm',
  'random', 'randn',
  // forbidden names and syntax
  'import', 'evaluate', 'parse', 'createUnit', 'constructor', '__proto__', 'x', 'cm', 'i', 'randomInt', 'pickRandom', 'true',
  '"', "'a'", '{', '}', ':', '=', '==', '<', '?', '.', 'f(x)=', 'a.b', '#',
];

const grammarish = fc
  .array(fc.constantFrom(...TOKENS), { maxLength: 80 })
  .map((tokens) => tokens.join(''))
  .filter((text) => text.length <= 200);

const NUMBERS = ['0', '1', '2', '3', '0.5', '-1', '1e-3', '64', '100', '1e9', '1e309', 'pi', 'e'];
const FUNCTIONS = [
  'sqrt', 'sin', 'abs', 'max', 'pow', 'mod', 'eye', 'zeros', 'ones', 'diag', 'range', 'reshape', 'concat', 'kron', 'inv',
  'det', 'transpose', 'multiply', 'add', 'dot', 'cross', 'norm', 'pinv', 'trace', 'random', 'randn',
  'import', 'evaluate', 'randomInt', 'x', 'f',
];
const OPERATORS = ['+', '-', '*', '/', '^', '.*', './', '.^', ':', '%', '=', '<'];

/** Syntactically plausible expressions, so that most inputs get past the parser to the checks. */
const structured = fc
  .letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(...NUMBERS),
      fc.tuple(tie('expr'), fc.constantFrom(...OPERATORS), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
      fc.tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie('expr'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
      fc.array(fc.array(tie('expr'), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map(
        (rows) => `[${rows.map((row) => row.join(', ')).join('; ')}]`,
      ),
      tie('expr').map((a) => `(${a})`),
      tie('expr').map((a) => `${a}'`),
    ),
  }))
  .expr.filter((text) => text.length <= 200);

function isFiniteNumberArray(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype && value.every(isFiniteNumberArray);
}

function eitherFiniteOrExpressionError(parse: (text: string) => unknown, text: string): void {
  let result: unknown;
  try {
    result = parse(text);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    return;
  }
  expect(isFiniteNumberArray(result)).toBe(true);
}

describe('any input', () => {
  const parsers = [
    (t: string) => parseMatrix(t),
    (t: string) => parseVector(t),
    (t: string) => parseScalar(t),
  ];

  it('from a grammar-ish alphabet gives finite numbers or an ExpressionError', () => {
    fc.assert(
      fc.property(grammarish, fc.nat(2), (text, which) => eitherFiniteOrExpressionError(parsers[which], text)),
      { numRuns: 1500 },
    );
  });

  it('built from allowed and forbidden functions gives finite numbers or an ExpressionError', () => {
    fc.assert(
      fc.property(structured, fc.nat(2), (text, which) => eitherFiniteOrExpressionError(parsers[which], text)),
      { numRuns: 1500 },
    );
  });

  it('of arbitrary characters gives finite numbers or an ExpressionError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => eitherFiniteOrExpressionError(parsers[0], text)),
      { numRuns: 500 },
    );
  });

  it('refuses a tree over the node limit before evaluating', () => {
    const leaf = { type: 'ConstantNode', value: 1 };
    const wide = { type: 'ArrayNode', items: new Array(EXPRESSION_LIMITS.maxNodes + 1).fill(leaf) };
    expect(() => checkTree(wide, '')).toThrow(expect.objectContaining({ kind: 'too-large' }));
  });
});

/** Shortest round-trip decimal, keeping the sign of zero. */
function print(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

describe('round trip', () => {
  it('a finite matrix printed as [[...]] parses back exactly', () => {
    const matrix = fc
      .record({ rows: fc.integer({ min: 1, max: 6 }), cols: fc.integer({ min: 1, max: 6 }) })
      .chain(({ rows, cols }) =>
        fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: cols, maxLength: cols }), {
          minLength: rows,
          maxLength: rows,
        }),
      );
    fc.assert(
      fc.property(matrix, (m) => {
        const text = `[${m.map((row) => `[${row.map(print).join(', ')}]`).join(', ')}]`;
        expect(parseMatrix(text)).toEqual(m);
      }),
      { numRuns: 300 },
    );
  });
});
