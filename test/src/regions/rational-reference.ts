// The exact reference for the region tests: slow, plain and shares no code with src/regions.
//
// Every double is an integer times a power of two, so every coefficient of a neuron's affine
// pre-activation on a cell is one too; here each affine row is held as BigInt numerators with one
// power of two. A cell is a list of constraints σ·(g·x + h) ≥ 0 (the box's sides, then every cut
// that made it); its corners are found by brute force: every d of its constraints whose gradients
// are independent meet in one point, held in homogeneous integer coordinates (X, D) = x·D from
// Cramer's rule, and the point is a corner when it satisfies every constraint. Signs of a row at a
// corner are signs of integer sums. The box is cut neuron by neuron, layer by layer; a cell is split
// exactly when some corner is strictly above the neuron's plane and some strictly below, else the
// neuron's bit is 1 when some corner is above (0 when all are on or below). Constraints that hold
// with equality at fewer than d distinct corners cannot be facets and are dropped.
import type { Box, ReluNet } from '../../../src/regions/types.js';

/** An affine function Σ nums[j]·x_j + nums[d], times 2^e. */
interface Row {
  nums: bigint[];
  e: number;
}

/** The double x as [m, e] with x = m·2^e exactly (m an integer). */
function split(x: number): [bigint, number] {
  if (x === 0) return [0n, 0];
  let e = 0;
  let m = x;
  // Scale by powers of two (exact) until m is an integer; then BigInt(m) is exact.
  while (!Number.isInteger(m)) {
    m *= 2;
    e--;
  }
  while (Math.abs(m) > 2 ** 53) {
    m /= 2;
    e++;
  }
  return [BigInt(m), e];
}

function scaleAdd(terms: [bigint, number, Row][], len: number): Row {
  // Σ (m·2^k)·row: bring every term to the smallest exponent.
  let low = Infinity;
  for (const [m, k, row] of terms) if (m !== 0n) low = Math.min(low, k + row.e);
  const nums = new Array<bigint>(len).fill(0n);
  if (low === Infinity) return { nums, e: 0 };
  for (const [m, k, row] of terms) {
    if (m === 0n) continue;
    const f = m << BigInt(k + row.e - low);
    for (let j = 0; j < len; j++) nums[j] += f * row.nums[j];
  }
  return { nums, e: low };
}

/** The rows of hidden layer l's neurons on a cell whose earlier layers have the given bits. */
function layerRows(net: ReluNet, l: number, bits: number[], d: number): Row[] {
  const leak = net.leak ?? 0;
  // The identity: x_j as rows.
  let rows: Row[] = Array.from({ length: d }, (_, j) => ({ nums: Array.from({ length: d + 1 }, (_, t) => (t === j ? 1n : 0n)), e: 0 }));
  const one: Row = { nums: Array.from({ length: d + 1 }, (_, t) => (t === d ? 1n : 0n)), e: 0 };
  let at = 0;
  for (let layer = 0; layer <= l; layer++) {
    const next = net.weights[layer].map((w, i) => {
      const terms: [bigint, number, Row][] = [[...split(net.biases[layer][i]), one]];
      w.forEach((x, k) => terms.push([...split(x), rows[k]]));
      return scaleAdd(terms, d + 1);
    });
    if (layer === l) return next;
    // Slopes of this layer on the cell.
    const [lm, le] = split(leak);
    rows = next.map((row, i) => (bits[at + i] === 1 ? row : scaleAdd([[lm, le, row]], d + 1)));
    at += next.length;
  }
  throw new Error('unreachable');
}

const det = (m: bigint[][]): bigint =>
  m.length === 2 ? m[0][0] * m[1][1] - m[0][1] * m[1][0]
  : m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);

/** A point in homogeneous integer coordinates: x = X / D, D > 0. */
interface Point {
  X: bigint[];
  D: bigint;
}

/** Sign of the row at the point. */
function signAt(row: Row, p: Point): number {
  const d = p.X.length;
  let s = row.nums[d] * p.D;
  for (let j = 0; j < d; j++) s += row.nums[j] * p.X[j];
  return s > 0n ? 1 : s < 0n ? -1 : 0;
}

/** Where d rows meet (Cramer's rule), or null when their gradients are dependent. */
function meet(rows: Row[], d: number): Point | null {
  const M = rows.map((r) => r.nums.slice(0, d));
  let D = det(M);
  if (D === 0n) return null;
  const X = Array.from({ length: d }, (_, j) => det(M.map((r, i) => r.map((x, t) => (t === j ? -rows[i].nums[d] : x)))));
  if (D < 0n) {
    D = -D;
    for (let j = 0; j < d; j++) X[j] = -X[j];
  }
  return { X, D };
}

const samePoint = (a: Point, b: Point): boolean => a.X.every((x, j) => x * b.D === b.X[j] * a.D);

interface Constraint {
  row: Row;
  side: 1 | -1;
}

const holds = (c: Constraint, p: Point): number => c.side * signAt(c.row, p);

function subsets(n: number, k: number, from = 0): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let i = from; i < n; i++) for (const rest of subsets(n, k - 1, i + 1)) out.push([i, ...rest]);
  return out;
}

/** The corners of a cell (distinct), and its constraints with the non-facets dropped. */
function corners(cons: Constraint[], d: number): { points: Point[]; cons: Constraint[] } {
  const points: Point[] = [];
  for (const pick of subsets(cons.length, d)) {
    const p = meet(pick.map((i) => cons[i].row), d);
    if (!p || cons.some((c) => holds(c, p) < 0)) continue;
    if (!points.some((q) => samePoint(p, q))) points.push(p);
  }
  return { points, cons: cons.filter((c) => points.filter((p) => holds(c, p) === 0).length >= d) };
}

interface Cell {
  cons: Constraint[];
  points: Point[];
  bits: number[];
}

/** Every region of `net` in `box` as its pattern string ('0'/'1' per hidden neuron), exactly. */
export function rationalRegions(net: ReluNet, box: Box): string[] {
  const d = box.min.length;
  const boxCons: Constraint[] = [];
  for (let j = 0; j < d; j++) {
    for (const [bound, side] of [[box.min[j], 1], [box.max[j], -1]] as const) {
      const [m, e] = split(bound);
      // x_j − bound as an integer row times 2^min(e, 0).
      const low = Math.min(e, 0);
      const nums = Array.from({ length: d + 1 }, (_, t) => (t === j ? 1n << BigInt(-low) : 0n));
      nums[d] = -(m << BigInt(e - low));
      boxCons.push({ row: { nums, e: low }, side });
    }
  }
  let cells: Cell[] = [{ ...corners(boxCons, d), bits: [] }];
  for (let l = 0; l + 1 < net.weights.length; l++) {
    const next: Cell[] = [];
    for (const cell of cells) {
      const rows = layerRows(net, l, cell.bits, d);
      let pieces: Cell[] = [{ ...cell, bits: [...cell.bits] }];
      for (const row of rows) {
        const after: Cell[] = [];
        for (const piece of pieces) {
          const signs = piece.points.map((p) => signAt(row, p));
          const above = signs.some((s) => s > 0);
          const below = signs.some((s) => s < 0);
          if (above && below) {
            for (const side of [-1, 1] as const) {
              const cut = corners([...piece.cons, { row, side }], d);
              after.push({ ...cut, bits: [...piece.bits, side === 1 ? 1 : 0] });
            }
          } else {
            after.push({ ...piece, bits: [...piece.bits, above ? 1 : 0] });
          }
        }
        pieces = after;
      }
      next.push(...pieces);
    }
    cells = next;
  }
  return cells.map((c) => c.bits.join(''));
}

/** The network's activation pattern at the double point x, exactly ('0'/'1' per hidden neuron; 0 when z ≤ 0). */
export function exactPatternAt(net: ReluNet, x: readonly number[]): string {
  const leak = split(net.leak ?? 0);
  let a: Row[] = x.map((v) => {
    const [m, e] = split(v);
    return { nums: [m], e };
  });
  const one: Row = { nums: [1n], e: 0 };
  let bits = '';
  for (let layer = 0; layer + 1 < net.weights.length; layer++) {
    a = net.weights[layer].map((w, i) => {
      const z = scaleAdd([[...split(net.biases[layer][i]), one], ...w.map((v, k) => [...split(v), a[k]] as [bigint, number, Row])], 1);
      bits += z.nums[0] > 0n ? '1' : '0';
      return z.nums[0] > 0n ? z : scaleAdd([[leak[0], leak[1], z]], 1);
    });
  }
  return bits;
}
