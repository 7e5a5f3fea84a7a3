/**
 * Exact arithmetic on dyadic rationals m·2^e (m a BigInt), the numbers that float64 weights and
 * their sums and products are. Every double is one exactly, and so is every coefficient of a
 * ReLU network's pre-activation on a cell (sums of products of weights and slopes), so the
 * partition's sign decisions can be settled with integers alone, with no division and no gcd.
 */

const view = new DataView(new ArrayBuffer(8));

/** A dyadic rational m·2^e. */
export interface Dyadic {
  readonly m: bigint;
  readonly e: number;
}

const ZERO: Dyadic = { m: 0n, e: 0 };

/**
 * The double x as m·2^e exactly: the 53-bit significand with its sign, and the exponent of its
 * last bit (−1074 for subnormals). Throws RangeError for ±∞ and NaN, which have no value.
 * @example toDyadic(0.75) // { m: 3n·2^51, e: -53 }, whose value is 0.75
 */
export function toDyadic(x: number): Dyadic {
  if (!Number.isFinite(x)) throw new RangeError(`${x} is not a finite number.`);
  if (x === 0) return ZERO;
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const top = hi & 0xfffff;
  let m = (BigInt(top) << 32n) | BigInt(lo);
  if (biased !== 0) m |= 1n << 52n;
  return { m: x < 0 ? -m : m, e: (biased === 0 ? 1 : biased) - 1075 };
}

/**
 * An affine function g·x + h with dyadic coefficients sharing one exponent: coefficient j is
 * nums[j]·2^e (the last one is h). Scaling a row by 2^e > 0 keeps every sign decision, so
 * determinants can be taken of the integer numerators alone.
 */
export interface ExactRow {
  readonly nums: readonly bigint[];
  readonly e: number;
}

/** The row (g, h) of doubles, exactly. */
export function exactRowOf(values: ArrayLike<number>): ExactRow {
  const parts = Array.from({ length: values.length }, (_, j) => toDyadic(values[j]));
  let e = Infinity;
  for (const p of parts) if (p.m !== 0n && p.e < e) e = p.e;
  if (e === Infinity) return { nums: parts.map(() => 0n), e: 0 };
  return { nums: parts.map((p) => (p.m === 0n ? 0n : p.m << BigInt(p.e - e))), e };
}

/**
 * Σₜ cₜ·rowₜ exactly, for dyadic scalars cₜ and exact rows of one length: each term's numerators
 * are shifted to the smallest exponent present, then added.
 */
export function combine(terms: readonly (readonly [Dyadic, ExactRow])[]): ExactRow {
  const len = terms.length === 0 ? 0 : terms[0][1].nums.length;
  let e = Infinity;
  for (const [c, row] of terms) if (c.m !== 0n && c.e + row.e < e) e = c.e + row.e;
  const nums = new Array<bigint>(len).fill(0n);
  if (e === Infinity) return { nums, e: 0 };
  for (const [c, row] of terms) {
    if (c.m === 0n) continue;
    const shift = BigInt(c.e + row.e - e);
    for (let j = 0; j < len; j++) if (row.nums[j] !== 0n) nums[j] += (c.m * row.nums[j]) << shift;
  }
  return { nums, e };
}

/** Sign (−1, 0 or 1) of a BigInt. */
const sgn = (x: bigint): number => (x > 0n ? 1 : x < 0n ? -1 : 0);

function det2(a: bigint, b: bigint, c: bigint, d: bigint): bigint {
  return a * d - b * c;
}

function det3(r: readonly (readonly bigint[])[], c0: number, c1: number, c2: number): bigint {
  return r[0][c0] * det2(r[1][c1], r[1][c2], r[2][c1], r[2][c2])
    - r[0][c1] * det2(r[1][c0], r[1][c2], r[2][c0], r[2][c2])
    + r[0][c2] * det2(r[1][c0], r[1][c1], r[2][c0], r[2][c1]);
}

/** The determinant of a square BigInt matrix of order 1 to 4, by cofactor expansion. */
export function determinant(rows: readonly (readonly bigint[])[]): bigint {
  const n = rows.length;
  if (n === 1) return rows[0][0];
  if (n === 2) return det2(rows[0][0], rows[0][1], rows[1][0], rows[1][1]);
  if (n === 3) return det3(rows, 0, 1, 2);
  if (n !== 4) throw new RangeError(`determinant: order ${n} is not supported (1 to 4).`);
  let total = 0n;
  for (let j = 0; j < 4; j++) {
    if (rows[0][j] === 0n) continue;
    const cols = [0, 1, 2, 3].filter((c) => c !== j);
    const minor = det3(rows.slice(1), cols[0], cols[1], cols[2]);
    total += (j % 2 === 0 ? 1n : -1n) * rows[0][j] * minor;
  }
  return total;
}

/**
 * The sign of f at the point where the d planes `defs` (rows (gₖ, hₖ) of d + 1 numbers, linearly
 * independent gradients) meet: with M the d×d matrix of their gradients, f(v) =
 * det[[M, h], [g_f, h_f]] / det M (a Schur complement), so the sign is the product of the two
 * determinants' signs. Exact: the rows' integer numerators are used, each row scaled by its own
 * positive power of two.
 */
export function signAtMeet(defs: readonly ExactRow[], f: ExactRow): number {
  const d = defs.length;
  const big = [...defs.map((r) => r.nums), f.nums];
  const small = defs.map((r) => r.nums.slice(0, d));
  const den = sgn(determinant(small));
  if (den === 0) throw new RangeError('signAtMeet: the defining planes do not meet in one point.');
  return sgn(determinant(big)) * den;
}

/** The sign of the affine function `row` at the double point x, exactly. */
export function signAtPoint(row: ExactRow, x: ArrayLike<number>): number {
  const d = row.nums.length - 1;
  const terms: [Dyadic, ExactRow][] = [[{ m: 1n, e: 0 }, { nums: [row.nums[d]], e: row.e }]];
  for (let j = 0; j < d; j++) terms.push([toDyadic(x[j]), { nums: [row.nums[j]], e: row.e }]);
  return sgn(combine(terms).nums[0]);
}
