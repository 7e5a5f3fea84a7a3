import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../../../src/errors.js';
import { parseMatrix, parseScalar, parseVector } from '../../../src/expression/parse.js';
import { REFUSED, type RefusedCase } from './cases.js';

function run(c: RefusedCase): unknown {
  if (c.parser === 'vector') return parseVector(c.input, c.options);
  if (c.parser === 'scalar') return parseScalar(c.input);
  return parseMatrix(c.input, c.options);
}

function caught(action: () => unknown): ExpressionError {
  try {
    action();
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error('expected an ExpressionError, but nothing was thrown');
}

describe('typed input refused as RELIABILITY.md promises', () => {
  it.each(REFUSED.map((c) => [`${c.row}: ${c.input.length > 40 ? `${c.input.slice(0, 40)}…` : c.input}`, c] as const))(
    '%s',
    (_, c) => {
      const error = caught(() => run(c));
      expect(error.name).toBe('ExpressionError');
      expect(error.kind).toBe(c.kind);
      if (c.where !== undefined) expect(error.where).toEqual(c.where);
      if (c.message !== undefined) expect(error.message).toMatch(c.message);
    },
  );

  it('reports a too-large matrix power as a non-finite cell quickly', () => {
    const error = caught(() => parseMatrix('[1,2;3,4]^1e9'));
    expect(error.where.row).toBeTypeOf('number');
    expect(error.where.col).toBeTypeOf('number');
  });
});

describe('parseMatrix accepts', () => {
  const c = Math.cos(Math.PI / 6);
  const s = Math.sin(Math.PI / 6);
  // mathjs evaluates with the same Math functions, so even the trigonometric rows are exact.
  const accepted: ReadonlyArray<readonly [string, number[][]]> = [
    ['[[1,2],[3,4]]', [[1, 2], [3, 4]]],
    ['[1,2;3,4]', [[1, 2], [3, 4]]],
    ['[[cos(pi/6), -sin(pi/6)], [sin(pi/6), cos(pi/6)]]', [[c, -s], [s, c]]],
    ['2*eye(2)', [[2, 0], [0, 2]]],
    ['[1,2;3,4]*[0,1;1,0]', [[2, 1], [4, 3]]],
    ['inv([2,0;0,4])', [[0.5, 0], [0, 0.25]]],
    ['[[1,2]]', [[1, 2]]],
    ['[[5]]', [[5]]],
    ["[1,2;3,4]'", [[1, 3], [2, 4]]],
    ['[1,2;3,4]^2', [[7, 10], [15, 22]]],
    ['transpose([1,2,3;4,5,6])', [[1, 4], [2, 5], [3, 6]]],
    ['[-1, 2.5e-3; pi, e]', [[-1, 0.0025], [Math.PI, Math.E]]],
    ['identity(2) + ones(2) .* 3', [[4, 3], [3, 4]]],
    ['zeros(2, 3)', [[0, 0, 0], [0, 0, 0]]],
    ['diag([1, 2])', [[1, 0], [0, 2]]],
    ['[1:3]', [[1, 2, 3]]],
    ['reshape(1:6, [2, 3])', [[1, 2, 3], [4, 5, 6]]],
    ['concat([1;2], [3;4])', [[1, 3], [2, 4]]],
    ['kron(eye(2), [1, 2])', [[1, 2, 0, 0], [0, 0, 1, 2]]],
    ['abs(sqrt(-1)) * eye(2)', [[1, 0], [0, 1]]],
    ['[[1/Infinity, 2]]', [[0, 2]]],
    ['[[max(1, 2), min(3, 4), mod(7, 3), hypot(3, 4)]]', [[2, 3, 1, 5]]],
  ];

  it.each(accepted)('%s', (text, expected) => {
    // `+ 0` turns −0 (e.g. from inv) into 0; the sign of zero is not what these rows test.
    expect(parseMatrix(text).map((row) => row.map((v) => v + 0))).toEqual(expected);
  });

  it('allows broadcasting up to the entry limit and a matrix up to maxRows × maxCols', () => {
    const big = parseMatrix('ones(100, 1) + ones(1, 100)', { maxRows: 100, maxCols: 100 });
    expect(big).toHaveLength(100);
    expect(big[99]).toHaveLength(100);
    expect(parseMatrix('eye(3)', { maxRows: 3, maxCols: 3 })).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  });

  it('returns fresh plain arrays, never mathjs objects', () => {
    const first = parseMatrix('[1,2;3,4]');
    expect(Object.getPrototypeOf(first)).toBe(Array.prototype);
    expect(Object.getPrototypeOf(first[0])).toBe(Array.prototype);
    first[0][0] = 99;
    expect(parseMatrix('[1,2;3,4]')).toEqual([[1, 2], [3, 4]]);
  });
});

describe('parseVector', () => {
  it.each(['[1,2]', '[1;2]', '[[1],[2]]', '[[1,2]]', '[1, 4/2]'])('%s gives [1, 2]', (text) => {
    expect(parseVector(text)).toEqual([1, 2]);
    expect(parseVector(text, { length: 2 })).toEqual([1, 2]);
  });

  it('enforces maxLength and refuses a bare number', () => {
    expect(() => parseVector('ones(70)')).toThrow(/at most 64/);
    expect(parseVector('ones(70)', { maxLength: 70 })).toHaveLength(70);
    expect(() => parseVector('5')).toThrow(ExpressionError);
    expect(() => parseVector('[]')).toThrow(/empty/);
  });
});

describe('parseScalar', () => {
  it.each([
    ['cos(pi/6)', Math.cos(Math.PI / 6)],
    ['-1/3', -1 / 3],
    ['2e-3', 0.002],
    ['sqrt(2)/2', Math.SQRT2 / 2],
    ['  42  ', 42],
    ['3!', 6],
  ] as const)('%s', (text, expected) => {
    expect(parseScalar(text)).toBe(expected);
  });
});

describe('random and randn', () => {
  const BIG = { maxEntries: 2048 * 2048, maxRows: 2048, maxCols: 2048 } as const;

  it('give the same matrix for the same text and seed, another for another seed', () => {
    const a = parseMatrix('random(3, 4)');
    expect(a).toHaveLength(3);
    a.forEach((row) => {
      expect(row).toHaveLength(4);
      row.forEach((x) => expect(x >= 0 && x < 1).toBe(true));
    });
    expect(parseMatrix('random(3, 4)')).toEqual(a);
    expect(parseMatrix('random(3, 4)', { seed: 1 })).toEqual(a);
    expect(parseMatrix('random(3, 4)', { seed: 2 })).not.toEqual(a);
    expect(parseMatrix('randn(2, 2)', { seed: -7 })).toEqual(parseMatrix('randn(2, 2)', { seed: -7 }));
  });

  it('draw from one stream per parse, row by row, in the order the calls are evaluated', () => {
    expect(parseMatrix('random(2, 2)').flat()).toEqual(parseMatrix('random(1, 4)')[0]);
    expect(parseMatrix('random([2, 3])')).toEqual(parseMatrix('random(2, 3)'));
    // Two calls are two different draws, so this is not zero.
    expect(parseMatrix('random(2, 2) - random(2, 2)').flat().some((x) => x !== 0)).toBe(true);
    expect(parseVector('random(3)')).toEqual(parseMatrix('random(1, 3)')[0]);
    expect(parseScalar('random()')).toBe(parseMatrix('random(1, 1)')[0][0]);
  });

  it('combine with everything else', () => {
    const w = parseMatrix('2 * randn(3, 2) + ones(3, 2)');
    expect(w).toHaveLength(3);
    expect(parseMatrix('random(2, 2) * 0')).toEqual([[0, 0], [0, 0]]);
    const r = parseMatrix('random(2, 3)');
    expect(parseMatrix("random(2, 3)'")).toEqual(r[0].map((_, j) => r.map((row) => row[j])));
    expect(parseMatrix('concat(random(1, 3), random(1, 3), 1)')).toEqual(parseMatrix('random(2, 3)'));
    expect(parseMatrix('reshape(random(1, 6), [2, 3])')).toEqual(r);
    expect(parseMatrix('concat(random(2, 1), ones(2, 1))').map((row) => row[1])).toEqual([1, 1]);
    expect(parseMatrix('inv(random(2, 2) + 3 * eye(2))')).toHaveLength(2);
    expect(parseScalar('det(randn(3, 3))')).toBeTypeOf('number');
  });

  it('build a 512×512 matrix for the SVD lab (2048×2048 allowed), and refuse 3000×3000 before drawing', () => {
    const a = parseMatrix('random(512, 512)', BIG);
    expect(a).toHaveLength(512);
    expect(a[511]).toHaveLength(512);
    expect(() => parseMatrix('random(3000, 3000)', BIG)).toThrow(/would create 9000000 entries; the limit is 4194304/);
    expect(() => parseMatrix('random(512, 512)')).toThrow(/262144 entries; the limit is 10000/);
  });

  it('refuse invalid options with a RangeError', () => {
    expect(() => parseMatrix('random(2, 2)', { seed: 1.5 })).toThrow(RangeError);
    expect(() => parseMatrix('[[1]]', { maxEntries: 0 })).toThrow(RangeError);
    expect(() => parseScalar('1', { maxEntries: Infinity })).toThrow(RangeError);
  });
});
