/**
 * Certified sign decisions for the partition. Every edge (2D) or face (3D) of a cell lies on a
 * plane: a box face, or the zero set of a neuron's pre-activation on some cell. Each plane is kept
 * in a table with its float row (g, h), a proven bound on how far that row's affine function is
 * from the exact one anywhere in the box, and where its exact row comes from. A cell's corner is
 * the meeting point of d of these planes, kept as a float point with a proven radius (how far the
 * exact meeting point can be from it). The sign of a plane's function at a corner is then decided
 * by a floating-point filter (value against the sum of the error bounds) and, when the filter
 * cannot tell, exactly, from the planes' dyadic rows (see dyadic.ts).
 */
import { exactRowOf, signAtMeet, signAtPoint, type ExactRow } from './dyadic.js';
import type { ShapeStore } from './shape-store.js';

/** The unit roundoff of float64. */
const U = 2 ** -53;
/** Rounding of an affine evaluation h + Σⱼ gⱼxⱼ (d ≤ 3): (d + 1)u/(1 − (d + 1)u) < 8u, with room for the bound's own rounding. */
const EVAL = 8 * U;
/** Relative slack for the rounding of the error bounds themselves (sums of a few positive terms). */
const SLACK = 1 + 2 ** -40;
/** An absolute floor for every bound: products that underflow lose up to 2^-1074 each. */
const TINY = 2 ** -1000;

/** How often the partition decided a sign, and how often the float filter could not and exact arithmetic did. */
export interface SignCounters {
  tests: number;
  exact: number;
}

/** Where a plane's exact row comes from: a neuron's pre-activation on a cell, or a box face. */
export type ExactSource = (layer: number, cell: number, neuron: number) => ExactRow;

/**
 * The planes of one partition. Plane ids are indices; a label (of an edge or face) is
 * 2·plane + side, side 1 when the cell lies in {g·x + h ≥ 0} and 0 when in {g·x + h ≤ 0}.
 */
export class PlaneTable {
  readonly d: number;
  rows: Float64Array;
  /** Per plane, E: |f̃(x) − f(x)| ≤ E for every x in the box (f̃ the float row, f the exact one). */
  err: Float64Array;
  /** Per plane, an upper bound on the exact gradient's 1-norm: |g̃|₁ + E / min scale. */
  grad: Float64Array;
  private layer: Int32Array;
  private cell: Int32Array;
  private neuron: Int32Array;
  private exact: (ExactRow | undefined)[] = [];
  count = 0;
  /** Per coordinate, max(|min|, |max|): every x in the box has |xⱼ| ≤ scaleⱼ. */
  readonly scale: Float64Array;
  readonly min: readonly number[];
  readonly max: readonly number[];
  /** min over coordinates of scale: a gradient error bound is E / smallestScale. */
  readonly smallestScale: number;
  readonly counters: SignCounters = { tests: 0, exact: 0 };

  constructor(min: readonly number[], max: readonly number[], private readonly source: ExactSource) {
    const d = min.length;
    this.d = d;
    this.min = min;
    this.max = max;
    this.scale = Float64Array.from(min, (lo, j) => Math.max(Math.abs(lo), Math.abs(max[j])));
    this.smallestScale = Math.min(...this.scale);
    this.rows = new Float64Array(64 * (d + 1));
    this.err = new Float64Array(64);
    this.grad = new Float64Array(64);
    this.layer = new Int32Array(64);
    this.cell = new Int32Array(64);
    this.neuron = new Int32Array(64);
    // Planes 0 … 2d − 1: xⱼ − minⱼ (box side j, low) and xⱼ − maxⱼ (high), exact as floats.
    const row = new Float64Array(d + 1);
    for (let j = 0; j < d; j++) {
      for (const [bound, side] of [[min[j], 0], [max[j], 1]] as const) {
        row.fill(0);
        row[j] = 1;
        row[d] = -bound;
        this.add(row, 0, 0, -1, 2 * j + side, 0);
      }
    }
  }

  /** Registers the plane of row[at …] (d + 1 numbers) with error bound `err`; returns its id. */
  add(row: ArrayLike<number>, at: number, err: number, layer: number, cell: number, neuron: number): number {
    const w = this.d + 1;
    const id = this.count++;
    if (id >= this.err.length) this.grow();
    let g1 = 0;
    for (let j = 0; j < w; j++) this.rows[id * w + j] = row[at + j];
    for (let j = 0; j < this.d; j++) g1 += Math.abs(row[at + j]);
    this.err[id] = err;
    this.grad[id] = (g1 + err / this.smallestScale) * SLACK;
    this.layer[id] = layer;
    this.cell[id] = cell;
    this.neuron[id] = neuron;
    return id;
  }

  private grow(): void {
    const n = 2 * this.err.length;
    const w = this.d + 1;
    const more = <T extends Float64Array | Int32Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.rows = more(this.rows, n * w);
    this.err = more(this.err, n);
    this.grad = more(this.grad, n);
    this.layer = more(this.layer, n);
    this.cell = more(this.cell, n);
    this.neuron = more(this.neuron, n);
  }

  /** The exact row of plane `id` (computed once, on first need). */
  exactRow(id: number): ExactRow {
    let row = this.exact[id];
    if (row === undefined) {
      const d = this.d;
      if (this.layer[id] < 0) {
        const j = this.cell[id] >> 1;
        const values = new Array<number>(d + 1).fill(0);
        values[j] = 1;
        values[d] = -(this.cell[id] & 1 ? this.max[j] : this.min[j]);
        row = exactRowOf(values);
      } else {
        row = this.source(this.layer[id], this.cell[id], this.neuron[id]);
      }
      this.exact[id] = row;
    }
    return row;
  }

  /** True when plane f's float row is exact (E = 0) and all zero: the function is 0 everywhere. */
  isZero(f: number): boolean {
    if (this.err[f] !== 0) return false;
    const w = this.d + 1;
    for (let j = 0; j < w; j++) if (this.rows[f * w + j] !== 0) return false;
    return true;
  }

  /** The id of the low (side 0) or high (side 1) box plane of coordinate j. */
  boxPlane(j: number, high: boolean): number {
    return 2 * j + (high ? 1 : 0);
  }
}


/** The float value of plane f at corner c of `store`, set by cornerSign. */
export let cornerValue = 0;

/**
 * The exact sign (−1, 0, 1) of plane f's exact function at the exact corner c of `store` (the
 * meeting point of its d defining planes). The filter: with x̃ the stored point, ρ its radius
 * (∞-norm), E the plane's error bound and G its gradient bound, |f(x) − fl(f̃(x̃))| ≤ E + G·ρ +
 * 8u·(|h| + Σ|gⱼx̃ⱼ|); a value beyond that bound has its sign. Otherwise the sign comes from the
 * planes' exact rows (undecidedSign). Also leaves the float value in cornerValue (for placing new
 * corners).
 */
export function cornerSign(T: PlaneTable, f: number, store: ShapeStore, c: number): number {
  const d = T.d;
  const w = d + 1;
  const r = T.rows;
  const x = store.coords;
  const at = c * d;
  const base = f * w;
  let value = r[base + d];
  let size = Math.abs(value);
  for (let j = 0; j < d; j++) {
    const t = r[base + j] * x[at + j];
    value += t;
    size += Math.abs(t);
  }
  cornerValue = value;
  T.counters.tests++;
  const bound = (T.err[f] + T.grad[f] * store.radius[c] + EVAL * size + TINY) * SLACK;
  if (value > bound) return 1;
  if (value < -bound) return -1;
  return undecidedSign(T, f, store, c);
}

/**
 * The exact sign of plane f at corner c of `store` when the float filter could not tell: 0 for a
 * plane whose function is exactly zero, else from the exact rows of c's defining planes and f
 * (signAtMeet). Counts one exact decision.
 */
export function undecidedSign(T: PlaneTable, f: number, store: ShapeStore, c: number): number {
  const d = T.d;
  if (T.isZero(f)) return 0;
  T.counters.exact++;
  const defs: ExactRow[] = [];
  for (let j = 0; j < d; j++) defs.push(T.exactRow(store.defs[c * d + j]));
  return signAtMeet(defs, T.exactRow(f));
}

/** The exact sign of plane f at the double point x[at …] (a point, not a meeting of planes). */
export function pointSign(T: PlaneTable, f: number, x: ArrayLike<number>, at = 0): number {
  const d = T.d;
  const base = f * (d + 1);
  const r = T.rows;
  let value = r[base + d];
  let size = Math.abs(value);
  for (let j = 0; j < d; j++) {
    const t = r[base + j] * x[at + j];
    value += t;
    size += Math.abs(t);
  }
  T.counters.tests++;
  const bound = (T.err[f] + EVAL * size + TINY) * SLACK;
  if (value > bound) return 1;
  if (value < -bound) return -1;
  if (T.isZero(f)) return 0;
  T.counters.exact++;
  const point = Array.from({ length: d }, (_, j) => x[at + j]);
  return signAtPoint(T.exactRow(f), point);
}

/** |f̃(x)| plus the bound on its distance from the exact f(x): an upper bound on |f(x)| at the float point x. */
function residual(T: PlaneTable, f: number, x: Float64Array, at: number): number {
  const d = T.d;
  const base = f * (d + 1);
  const r = T.rows;
  let value = r[base + d];
  let size = Math.abs(value);
  for (let j = 0; j < d; j++) {
    const t = r[base + j] * x[at + j];
    value += t;
    size += Math.abs(t);
  }
  return (Math.abs(value) + T.err[f] + EVAL * size + TINY) * SLACK;
}

const gradients = new Float64Array(9);
const upper = new Float64Array(9);

/**
 * A proven bound ρ on ‖x̃ − x‖∞ for corner c of `store`, x̃ its float point and x the exact meeting
 * point of its d defining planes (rows of gradients M): x̃ − x = M⁻¹·r with r the exact planes'
 * values at x̃, so ρ ≤ ‖M⁻¹‖∞·max|rₖ| = ‖adj M‖∞·max|rₖ| / |det M|, with every quantity bounded
 * from the float rows, their error bounds and the rounding of the arithmetic. Infinity when the
 * planes are too near parallel for the floats to bound det M away from zero (every sign at the
 * corner is then decided exactly).
 */
export function cornerRadius(T: PlaneTable, store: ShapeStore, c: number): number {
  const d = T.d;
  const w = d + 1;
  const rows = T.rows;
  const defs = store.defs;
  let rmax = 0;
  for (let k = 0; k < d; k++) rmax = Math.max(rmax, residual(T, defs[c * d + k], store.coords, c * d));
  const smallest = T.smallestScale;
  if (d === 2) {
    const a = defs[c * 2] * w;
    const b = defs[c * 2 + 1] * w;
    const da = T.err[defs[c * 2]] / smallest;
    const db = T.err[defs[c * 2 + 1]] / smallest;
    const a1 = Math.abs(rows[a]);
    const a2 = Math.abs(rows[a + 1]);
    const b1 = Math.abs(rows[b]);
    const b2 = Math.abs(rows[b + 1]);
    const det = rows[a] * rows[b + 1] - rows[a + 1] * rows[b];
    const low = Math.abs(det) - 4 * U * (a1 * b2 + a2 * b1)
      - ((a1 + da) * (b2 + db) - a1 * b2 + (a2 + da) * (b1 + db) - a2 * b1);
    if (!(low > 0)) return Infinity;
    const adj = Math.max(b2 + db + a2 + da, b1 + db + a1 + da);
    return ((adj * rmax) / low) * SLACK * SLACK;
  }
  // 3D: rows a, b, c of M; cofactors of row a from rows b, c (value and error bound) give det M.
  // M (the gradients, row by row) and Â, entrywise upper bounds |Mᵢⱼ| + δᵢ of the exact ones.
  const M = gradients;
  const A = upper;
  let delta0 = 0;
  for (let i = 0; i < 3; i++) {
    const row = defs[c * 3 + i] * w;
    const delta = T.err[defs[c * 3 + i]] / smallest;
    if (i === 0) delta0 = delta;
    for (let j = 0; j < 3; j++) {
      M[3 * i + j] = rows[row + j];
      A[3 * i + j] = Math.abs(rows[row + j]) + delta;
    }
  }
  let det = 0;
  let detErr = 0;
  for (let j = 0; j < 3; j++) {
    const j1 = j === 2 ? 0 : j + 1;
    const j2 = j === 0 ? 2 : j - 1;
    const x = M[3 + j1] * M[6 + j2];
    const y = M[3 + j2] * M[6 + j1];
    const cof = x - y;
    const ax = Math.abs(x);
    const ay = Math.abs(y);
    const cofErr = 4 * U * (ax + ay) + (A[3 + j1] * A[6 + j2] - ax) + (A[3 + j2] * A[6 + j1] - ay);
    const term = M[j] * cof;
    det += term;
    detErr += Math.abs(M[j]) * cofErr + delta0 * (Math.abs(cof) + cofErr) + 4 * U * Math.abs(term);
  }
  const low = Math.abs(det) - detErr * SLACK;
  if (!(low > 0)) return Infinity;
  // ‖M⁻¹‖∞ = maxᵢ Σⱼ |Cⱼᵢ| / |det|, each cofactor bounded without cancellation.
  let adj = 0;
  for (let i = 0; i < 3; i++) {
    const i1 = i === 2 ? 0 : i + 1;
    const i2 = i === 0 ? 2 : i - 1;
    let sum = 0;
    for (let j = 0; j < 3; j++) {
      const j1 = j === 2 ? 0 : j + 1;
      const j2 = j === 0 ? 2 : j - 1;
      sum += A[3 * j1 + i1] * A[3 * j2 + i2] + A[3 * j1 + i2] * A[3 * j2 + i1];
    }
    if (sum > adj) adj = sum;
  }
  return ((adj * rmax) / low) * SLACK * SLACK;
}
