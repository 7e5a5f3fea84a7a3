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
  if (d === 3) {
    const x = store.coords;
    const x0 = x[3 * c];
    const x1 = x[3 * c + 1];
    const x2 = x[3 * c + 2];
    const p = defs[3 * c];
    const q = defs[3 * c + 1];
    const r = defs[3 * c + 2];
    const rmax = Math.max(0, residual3(T, p, x0, x1, x2), residual3(T, q, x0, x1, x2), residual3(T, r, x0, x1, x2));
    return cornerRadius3(T, rows, p, q, r, rmax);
  }
  let rmax = 0;
  for (let k = 0; k < d; k++) rmax = Math.max(rmax, residual(T, defs[c * d + k], store.coords, c * d));
  const smallest = T.smallestScale;
  // 2D: rows a, b of M.
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

/** residual in 3D at the point (x0, x1, x2), written out (the same sums in the same order). */
function residual3(T: PlaneTable, f: number, x0: number, x1: number, x2: number): number {
  const r = T.rows;
  const base = 4 * f;
  const t0 = r[base] * x0;
  const t1 = r[base + 1] * x1;
  const t2 = r[base + 2] * x2;
  const h = r[base + 3];
  const value = h + t0 + t1 + t2;
  const size = Math.abs(h) + Math.abs(t0) + Math.abs(t1) + Math.abs(t2);
  return (Math.abs(value) + T.err[f] + EVAL * size + TINY) * SLACK;
}

/**
 * cornerRadius in 3D for the corner where planes p, q, r meet (rows of gradients M, in that
 * order) and whose defining planes' residuals are at most rmax. With δᵢ = Eᵢ / min scale bounding
 * how far row i's exact gradient is from its float one, Âᵢⱼ = |Mᵢⱼ| + δᵢ bounds the exact entries;
 * det M is expanded along row p with each 2×2 cofactor of rows q, r bounded for rounding (4u of
 * its products) and for the rows' errors (Â products less float products), and row p's own
 * error δₚ·(|cof| + its bound); ‖M⁻¹‖∞ ≤ maxᵢ Σⱼ Ĉⱼᵢ / (|det| − its bound), Ĉ the cofactors of Â
 * without cancellation. Written out entry by entry (no index arithmetic or scratch arrays).
 */
function cornerRadius3(T: PlaneTable, rows: Float64Array, p: number, q: number, r: number, rmax: number): number {
  const smallest = T.smallestScale;
  const dp = T.err[p] / smallest;
  const dq = T.err[q] / smallest;
  const dr = T.err[r] / smallest;
  const m00 = rows[4 * p], m01 = rows[4 * p + 1], m02 = rows[4 * p + 2];
  const m10 = rows[4 * q], m11 = rows[4 * q + 1], m12 = rows[4 * q + 2];
  const m20 = rows[4 * r], m21 = rows[4 * r + 1], m22 = rows[4 * r + 2];
  const b00 = Math.abs(m00) + dp, b01 = Math.abs(m01) + dp, b02 = Math.abs(m02) + dp;
  const b10 = Math.abs(m10) + dq, b11 = Math.abs(m11) + dq, b12 = Math.abs(m12) + dq;
  const b20 = Math.abs(m20) + dr, b21 = Math.abs(m21) + dr, b22 = Math.abs(m22) + dr;
  // Cofactors of row p: (m11m22 − m12m21, m12m20 − m10m22, m10m21 − m11m20), each with its bound.
  const x0 = m11 * m22, y0 = m12 * m21;
  const x1 = m12 * m20, y1 = m10 * m22;
  const x2 = m10 * m21, y2 = m11 * m20;
  const c0 = x0 - y0, c1 = x1 - y1, c2 = x2 - y2;
  const p11p22 = b11 * b22, p12p21 = b12 * b21;
  const p12p20 = b12 * b20, p10p22 = b10 * b22;
  const p10p21 = b10 * b21, p11p20 = b11 * b20;
  const e0 = 4 * U * (Math.abs(x0) + Math.abs(y0)) + (p11p22 - Math.abs(x0)) + (p12p21 - Math.abs(y0));
  const e1 = 4 * U * (Math.abs(x1) + Math.abs(y1)) + (p12p20 - Math.abs(x1)) + (p10p22 - Math.abs(y1));
  const e2 = 4 * U * (Math.abs(x2) + Math.abs(y2)) + (p10p21 - Math.abs(x2)) + (p11p20 - Math.abs(y2));
  const t0 = m00 * c0, t1 = m01 * c1, t2 = m02 * c2;
  const det = t0 + t1 + t2;
  const detErr = (Math.abs(m00) * e0 + dp * (Math.abs(c0) + e0) + 4 * U * Math.abs(t0))
    + (Math.abs(m01) * e1 + dp * (Math.abs(c1) + e1) + 4 * U * Math.abs(t1))
    + (Math.abs(m02) * e2 + dp * (Math.abs(c2) + e2) + 4 * U * Math.abs(t2));
  const low = Math.abs(det) - detErr * SLACK;
  if (!(low > 0)) return Infinity;
  // Column sums of |adj| bounded entrywise: column i sums the three cofactors Ĉⱼᵢ over rows j.
  const s0 = (p11p22 + p12p21) + (b21 * b02 + b22 * b01) + (b01 * b12 + b02 * b11);
  const s1 = (p12p20 + p10p22) + (b22 * b00 + b20 * b02) + (b02 * b10 + b00 * b12);
  const s2 = (p10p21 + p11p20) + (b20 * b01 + b21 * b00) + (b00 * b11 + b01 * b10);
  const rho = ((Math.max(s0, s1, s2) * rmax) / low) * SLACK * SLACK;
  return rho >= 0 ? rho : Infinity; // NaN (from non-finite rows) bounds nothing
}
