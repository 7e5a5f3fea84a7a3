/**
 * The typed-input rows of RELIABILITY.md as data: each input, the parser it goes to, and the
 * ExpressionError kind and location it must produce. parse.test.ts runs every row.
 */
import type { ExpressionErrorKind, ExpressionErrorWhere } from '../../../src/errors.js';
import type { MatrixParseOptions, VectorParseOptions } from '../../../src/expression/parse.js';

export interface RefusedCase {
  /** The RELIABILITY.md row this case comes from, or what it adds. */
  readonly row: string;
  readonly input: string;
  /** Which field the text was typed into (default: a matrix field). */
  readonly parser?: 'matrix' | 'vector' | 'scalar';
  readonly options?: MatrixParseOptions & VectorParseOptions;
  readonly kind: ExpressionErrorKind;
  /** Expected `where`, compared exactly; omitted means "not checked". */
  readonly where?: ExpressionErrorWhere;
  readonly message?: RegExp;
}

const LONG = `[${'1,'.repeat(2048)}1]`; // 4 099 characters: 4 KB + 3
/** What the SVD lab passes: up to 2048×2048 entries. */
const BIG = { maxEntries: 2048 * 2048, maxRows: 2048, maxCols: 2048 } as const;

export const REFUSED: readonly RefusedCase[] = [
  // syntax / shape: "shown at the field, previous valid matrix stays"
  { row: 'syntax', input: '[1,2;3', kind: 'syntax', where: { index: 6 }, message: /^Unexpected end of input at character 7 — is a `]` missing\?$/ },
  { row: 'syntax', input: '[1,2]]', kind: 'syntax', where: { index: 5 }, message: /extra `]`/ },
  { row: 'syntax', input: '(1 + 2', kind: 'syntax', where: { index: 6 }, message: /`\)` missing/ },
  { row: 'syntax', input: '1 2', kind: 'syntax', where: { index: 2 }, message: /operator or a comma missing/ },
  { row: 'shape', input: '[[1,2],[3]]', kind: 'shape', where: { row: 1 }, message: /^Row 2 has 1 entry but row 1 has 2\.$/ },
  { row: 'shape', input: '[1,2;3]', kind: 'shape', where: { row: 1 }, message: /Row 2 has 1 entry but row 1 has 2/ },
  { row: 'shape', input: '[1;2,3]', kind: 'shape', where: { row: 1 }, message: /Row 2 has 2 entries but row 1 has 1/ },
  { row: 'shape', input: '2 * [1, [2]; 3, 4, 5]', kind: 'shape', where: { row: 1 }, message: /Row 2 has 3 entries but row 1 has 2/ },
  { row: 'shape', input: '[1,2]', kind: 'shape', message: /write one row as \[\[1, 2\]\]/ },
  { row: 'shape', input: '[[1,2,3,4]]', options: { maxRows: 3, maxCols: 3 }, kind: 'shape', message: /1 to 3 rows and 1 to 3 columns/ },
  { row: 'shape', input: '[[]]', kind: 'shape', message: /empty/ },
  { row: 'syntax', input: 'diag()', kind: 'syntax', where: { index: 0 } },
  { row: 'syntax', input: 'pow()', kind: 'syntax', where: { index: 0 }, message: /^`pow` needs more arguments\.$/ },
  { row: 'syntax', input: 'sqrt(1, 2)', kind: 'syntax', where: { index: 0 }, message: /^`sqrt` takes 1 argument but was given 2\.$/ },
  { row: 'syntax', input: 'cross(1, 2)', kind: 'syntax', where: { index: 0 }, message: /^`cross` cannot take a number as argument 1\.$/ },
  { row: 'shape', input: '[1,2]', parser: 'vector', options: { length: 3 }, kind: 'shape', message: /2 entries but 3/ },
  { row: 'shape', input: '[1,2;3,4]', parser: 'vector', kind: 'shape', message: /single row or a single column/ },
  { row: 'shape', input: '[1;2]', parser: 'scalar', kind: 'shape', message: /single number/ },
  // refused by a size check before evaluation
  { row: 'size', input: 'zeros(1e6,1e6)', kind: 'too-large', where: { index: 0 }, message: /^zeros\(1e6, 1e6\) would create 1000000000000 entries; the limit is 10000\.$/ },
  { row: 'size', input: 'range(0,1e9)', kind: 'too-large', where: { index: 0 }, message: /1000000001 entries/ },
  { row: 'size', input: 'ones(5000,5000)', kind: 'too-large', where: { index: 0 }, message: /25000000 entries/ },
  { row: 'size', input: '2 * eye(1e6)', kind: 'too-large', where: { index: 4 } },
  { row: 'size', input: '0:1e9', kind: 'too-large', where: { index: 1 } },
  { row: 'size', input: 'zeros(2.5, 2)', kind: 'too-large', message: /whole number/ },
  { row: 'size', input: 'zeros(-1, 2)', kind: 'too-large', message: /whole number, 0 or more/ },
  { row: 'size', input: 'ones(1/0)', kind: 'too-large' },
  // Found by the property test: mathjs allocates a billion empty rows for these "empty" matrices.
  { row: 'size', input: 'ones(1e9, 0)', kind: 'too-large', where: { index: 0 } },
  { row: 'size', input: 'zeros([0, 1e9, 0])', kind: 'too-large' },
  { row: 'size', input: 'reshape(zeros(0), [1e9, 1e9])', kind: 'too-large' },
  // issue 13: mathjs made [] of a negative size, which a lab then stored as W₀
  { row: 'shape', input: 'reshape([1,2,3,4], [-2, -2])', kind: 'shape', where: { index: 0 }, message: /`reshape` cannot make a size of -2/ },
  { row: 'shape', input: 'reshape([1,2,3,4], [2, -2])', kind: 'shape', message: /size of -2/ },
  { row: 'shape', input: 'reshape(zeros(0), [1e9, 0])', kind: 'shape', message: /size of 0/ },
  { row: 'shape', input: 'reshape([1,2,3,4], [0, 4])', kind: 'shape', message: /size of 0/ },
  { row: 'shape', input: 'reshape([1,2,3,4], [1.5, 2])', kind: 'shape', message: /size of 1\.5/ },
  { row: 'shape', input: 'reshape([1,2,3,4], [-1, -1])', kind: 'shape', message: /only one size may be −1/ },
  { row: 'shape', input: '2 * reshape(1:4, [-3, 2]) + 1', kind: 'shape', where: { index: 4 }, message: /size of -3/ },
  { row: 'size', input: 'diag([1, 2], 1e6)', kind: 'too-large' },
  { row: 'size', input: 'kron(ones(100,100), ones(100,100))', kind: 'too-large' },
  { row: 'size', input: 'ones(10000,1) * ones(1,10000)', kind: 'too-large', message: /100000000 entries/ },
  { row: 'size', input: 'ones(101,1) + ones(1,101)', kind: 'too-large', message: /10201 entries/ },
  { row: 'size', input: '[1,2;3,4]^1e300', kind: 'too-large' },
  // random/randn (seeded, Hinge's own) are sized and checked exactly like zeros/ones, before drawing.
  { row: 'size', input: 'randn(1e6, 1e6)', kind: 'too-large', where: { index: 0 }, message: /^randn\(1e6, 1e6\) would create 1000000000000 entries; the limit is 10000\.$/ },
  { row: 'size', input: 'random(101, 100)', kind: 'too-large', message: /10100 entries; the limit is 10000/ },
  { row: 'size', input: '2 * random(3000, 3000)', options: BIG, kind: 'too-large', where: { index: 4 }, message: /^random\(3000, 3000\) would create 9000000 entries; the limit is 4194304\.$/ },
  { row: 'size', input: 'random(1024, 1024) * random(1024, 1024)', options: BIG, kind: 'too-large', message: /too much computation/ },
  { row: 'size', input: 'random(2.5, 2)', kind: 'too-large', message: /^The size given to `random` must be a whole number, 0 or more; 2.5 is not\.$/ },
  { row: 'size', input: 'randn(-1, 2)', kind: 'too-large', message: /whole number, 0 or more/ },
  { row: 'size', input: 'random([2, 2], 3)', kind: 'too-large', message: /size given to `random` must be a number/ },
  { row: 'shape', input: 'random(2)', kind: 'shape', message: /list of 2 numbers, not a matrix/ },
  { row: 'shape', input: 'random()', kind: 'shape', message: /single number/ },
  { row: 'shape', input: 'random(2, 3, 4)', kind: 'shape', message: /3 dimensions \(2×3×4\)/ },
  { row: 'shape', input: 'randn(0, 3)', kind: 'shape', message: /empty/ },
  { row: 'shape', input: 'random(3, 3)', options: { maxRows: 2, maxCols: 2 }, kind: 'shape', message: /3×3/ },
  { row: 'syntax', input: 'randn + 1', kind: 'syntax', where: { index: 0 }, message: /is a function/ },
  { row: 'size', input: `${'('.repeat(101)}1${')'.repeat(101)}`, kind: 'too-large', where: { index: 100 } },
  { row: 'size', input: `${'-'.repeat(300)}1`, parser: 'scalar', kind: 'too-large', message: /nested/ },
  // length cap
  { row: 'length', input: LONG, kind: 'too-long', message: /4099 characters; the limit is 4096/ },
  { row: 'empty', input: '', kind: 'empty' },
  { row: 'empty', input: '  \n\t ', kind: 'empty' },
  { row: 'empty', input: '# only a comment', kind: 'empty' },
  // "not allowed", no side effect
  { row: 'not-allowed', input: 'import({a:1})', kind: 'not-allowed', where: { index: 0 }, message: /^`import` is not allowed in Hinge expressions\./ },
  { row: 'not-allowed', input: "createUnit('x')", kind: 'not-allowed', where: { index: 0 } },
  { row: 'not-allowed', input: "evaluate('1')", kind: 'not-allowed', where: { index: 0 } },
  { row: 'not-allowed', input: "parse('1')", kind: 'not-allowed', where: { index: 0 } },
  { row: 'not-allowed', input: '2 * simplify("x")', kind: 'not-allowed', where: { index: 4 } },
  { row: 'not-allowed', input: 'cos.constructor', kind: 'not-allowed', where: { index: 3 } },
  { row: 'not-allowed', input: '__proto__', kind: 'not-allowed', where: { index: 0 } },
  { row: 'not-allowed', input: '[1, __proto__]', kind: 'not-allowed', where: { index: 4 } },
  { row: 'not-allowed', input: '{}.__proto__', kind: 'not-allowed', where: { index: 2 } },
  { row: 'not-allowed', input: 'x + 1', kind: 'not-allowed', where: { index: 0 } },
  { row: 'not-allowed', input: 'a = 1', kind: 'not-allowed', where: { index: 2 } },
  { row: 'not-allowed', input: '1 < 2', kind: 'not-allowed', where: { index: 2 } },
  { row: 'not-allowed', input: '[1,2;3,4][1,2]', kind: 'not-allowed', where: { index: 9 } },
  // "must be a real matrix/vector"
  { row: 'not-real', input: 'sqrt(-1)', parser: 'scalar', kind: 'not-real', where: {}, message: /complex.*must be a real number/ },
  { row: 'not-real', input: '[[1, sqrt(-1)]]', kind: 'not-real', where: { row: 0, col: 1 }, message: /^Entry \(1, 2\) is a complex number/ },
  { row: 'not-real', input: '[1, 2 + i]', parser: 'vector', kind: 'not-real', where: { index: 8 } },
  { row: 'not-real', input: '5 cm', parser: 'scalar', kind: 'not-real', where: { index: 2 }, message: /must be a real/ },
  { row: 'not-real', input: 'f(x)=x^2', kind: 'not-allowed', where: { index: 4 }, message: /must be a real/ },
  { row: 'not-real', input: '"abc"', kind: 'not-real', where: { index: 0 }, message: /must be a real/ },
  { row: 'not-real', input: 'true', parser: 'scalar', kind: 'not-real', where: { index: 0 }, message: /must be a real/ },
  { row: 'not-real', input: '{a:1}', kind: 'not-allowed', where: { index: 0 }, message: /must be a real/ },
  // non-finite value refused, naming the cell
  { row: 'non-finite', input: '0/0', parser: 'scalar', kind: 'non-finite', where: {}, message: /NaN/ },
  { row: 'non-finite', input: '1/0', parser: 'scalar', kind: 'non-finite', message: /Infinity/ },
  { row: 'non-finite', input: '1e309', parser: 'scalar', kind: 'non-finite', message: /Infinity/ },
  { row: 'non-finite', input: '[[1, 2], [0/0, 4]]', kind: 'non-finite', where: { row: 1, col: 0 }, message: /^Entry \(2, 1\) is NaN/ },
  { row: 'non-finite', input: '[1, -1/0]', parser: 'vector', kind: 'non-finite', where: { row: 1, col: 0 }, message: /-Infinity/ },
  { row: 'non-finite', input: '[[1e309, 0]]', kind: 'non-finite', where: { row: 0, col: 0 }, message: /^Entry \(1, 1\) is Infinity — every entry must be a finite real number\.$/ },
  { row: 'non-finite', input: '[1,2;3,4]^1e9', kind: 'non-finite' },
  { row: 'non-finite', input: 'inv([1,2;2,4])', kind: 'non-finite', where: { index: 0 }, message: /singular/ },
  // mathjs's 2-norm returns a finite number for this; the kernel guard refuses it first.
  { row: 'non-finite', input: 'norm([0/0, 1; 1, 1], 2) * eye(2)', kind: 'non-finite', where: { index: 0 }, message: /^`norm` was given a matrix containing NaN/ },
  { row: 'non-finite', input: 'inv([1/0, 1; 1, 1])', kind: 'non-finite', where: { index: 0 } },
];
