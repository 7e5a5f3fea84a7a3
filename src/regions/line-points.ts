/**
 * Certified decisions on a segment x(t) = a + t(b − a), t ∈ [0, 1], for lineBreakpoints. Every
 * pre-activation on a piece of the segment is an affine z(t) = α + βt, held as floats (α̃, β̃) with
 * proven bounds Eα ≥ |α̃ − α|, Eβ ≥ |β̃ − β|; its exact row (β, α) is a dyadic rational (see
 * dyadic.ts). The points where pieces meet are 0, 1 and roots of such functions, kept here as a
 * float t̃ with a proven radius ρ ≥ |t̃ − t|. Signs at points and the order of roots are decided by
 * a float filter and, when it cannot tell, exactly.
 */
import { signAtMeet, type ExactRow } from './dyadic.js';

/** The unit roundoff of float64. */
const U = 2 ** -53;
/** Relative slack for the rounding of the error bounds themselves (sums of a few positive terms). */
export const SLACK = 1 + 2 ** -40;
/** An absolute floor for every bound: products that underflow lose up to 2^-1074 each. */
export const TINY = 2 ** -1000;

/** How often lineBreakpoints decided a sign or compared two roots, and how often exact arithmetic did. */
export interface LineStats {
  signTests: number;
  exactSigns: number;
  rootComparisons: number;
  exactComparisons: number;
  /** Roots whose float quotient −α̃/β̃ was too uncertain and that were rounded from the exact −α/β instead. */
  exactRoots: number;
}

/** A root whose float radius exceeds this is recomputed from its exact row (for the breakpoint shown). */
const LOOSE = 2 ** -30;

/**
 * The fraction p/q of BigInts (q ≠ 0) as a double, with relative error below 2^-52 (a 64-bit
 * truncated quotient, then rounded): exact enough for a point that carries its radius.
 */
export function quotient(p: bigint, q: bigint): number {
  if (p === 0n) return 0;
  const negative = (p < 0n) !== (q < 0n);
  if (p < 0n) p = -p;
  if (q < 0n) q = -q;
  const s = 64 - (p.toString(2).length - q.toString(2).length);
  const Q = s >= 0 ? (p << BigInt(s)) / q : p / (q << BigInt(-s));
  // Q·2^-s in two steps, so that 2^-s itself never underflows or overflows.
  const half = Math.trunc(s / 2);
  const value = (Number(Q) * 2 ** -half) * 2 ** -(s - half);
  return negative ? -value : value;
}

/** The exact row (β, α) of neuron i of hidden layer `layer` on piece `piece` of that layer's input. */
export type LineRowSource = (layer: number, piece: number, neuron: number) => ExactRow;

const START: ExactRow = { nums: [1n, 0n], e: 0 };
const END: ExactRow = { nums: [1n, -1n], e: 0 };

const sgn = (x: bigint): number => (x > 0n ? 1 : x < 0n ? -1 : 0);

/**
 * The points of the segment where pieces begin and end: point 0 is t = 0, point 1 is t = 1, and
 * every other is the root of neuron `neuron` of layer `layer` on piece `piece`, registered by add.
 */
export class LinePoints {
  t: number[] = [0, 1];
  rho: number[] = [0, 0];
  private src: number[] = [-1, -1, -1, -1, -1, -1];
  private rows: (ExactRow | undefined)[] = [START, END];
  readonly stats: LineStats = { signTests: 0, exactSigns: 0, rootComparisons: 0, exactComparisons: 0, exactRoots: 0 };

  constructor(private readonly source: LineRowSource) {}

  /**
   * Registers the root of z = α + βt (floats with bounds Eα, Eβ; the exact z must change sign
   * strictly inside [lo, hi]) as a point: t̃ = −α̃/β̃ clamped to [lo, hi], and ρ from the residual:
   * |z(t̃)| ≤ |fl(α̃ + β̃t̃)| + Eα + Eβ|t̃| + 3u(|α̃| + |β̃t̃|) and z(t̃) = β(t̃ − t), so
   * ρ = |z(t̃)| / (|β̃| − Eβ), or ∞ when that denominator is not positive. When ρ > 2^-30 (a billionth of the segment) the
   * root is rounded from its exact row instead (t = −α/β, relative error < 2^-52, so ρ = 2^-51·|t̃|
   * plus the smallest subnormal): breakpoints are then always near their exact values. Returns the
   * point's id.
   */
  addRoot(alpha: number, beta: number, ea: number, eb: number, lo: number, hi: number, layer: number, piece: number, neuron: number): number {
    let t = -alpha / beta;
    if (!(t >= lo)) t = lo;
    if (t > hi) t = hi;
    const bt = beta * t;
    const r = (Math.abs(alpha + bt) + ea + eb * Math.abs(t) + 3 * U * (Math.abs(alpha) + Math.abs(bt)) + TINY) * SLACK;
    const low = Math.abs(beta) - eb * SLACK;
    const id = this.t.length;
    let rho = low > 0 ? ((r / low) * SLACK) * SLACK : Infinity;
    this.src.push(layer, piece, neuron);
    if (!(rho <= LOOSE)) {
      this.stats.exactRoots++;
      const row = this.source(layer, piece, neuron);
      this.rows[id] = row;
      t = quotient(-row.nums[1], row.nums[0]);
      rho = Math.abs(t) * 2 ** -51 + Number.MIN_VALUE;
    }
    this.t.push(t);
    this.rho.push(rho);
    return id;
  }

  /** The exact row of point p's function (t, t − 1, or the neuron's), computed once. */
  row(p: number): ExactRow {
    let row = this.rows[p];
    if (row === undefined) {
      row = this.source(this.src[3 * p], this.src[3 * p + 1], this.src[3 * p + 2]);
      this.rows[p] = row;
    }
    return row;
  }

  /**
   * The exact sign (−1, 0, 1) at point p of z = α + βt, given as floats with bounds and, for the
   * fallback, as neuron i of layer l on piece q (whose exact row the source gives). Filter: |z(t) − fl(α̃ + β̃t̃)| ≤ Eα + Eβ|t̃| + (|β̃| + Eβ)ρ
   * + 3u(|α̃| + |β̃t̃|); a value beyond that has its sign. Otherwise, with p the root of
   * z′ = α′ + β′t, z(t) = (αβ′ − βα′)/β′ exactly (signAtMeet), or 0 when z's floats are exact zeros.
   */
  sign(p: number, alpha: number, beta: number, ea: number, eb: number, l: number, q: number, i: number): number {
    this.stats.signTests++;
    const t = this.t[p];
    const rho = this.rho[p];
    const bt = beta * t;
    const value = alpha + bt;
    if (rho !== Infinity) {
      const bound = (ea + eb * Math.abs(t) + (Math.abs(beta) + eb) * rho + 3 * U * (Math.abs(alpha) + Math.abs(bt)) + TINY) * SLACK;
      if (value > bound) return 1;
      if (value < -bound) return -1;
    }
    if (alpha === 0 && beta === 0 && ea === 0 && eb === 0) return 0;
    this.stats.exactSigns++;
    return signAtMeet([this.row(p)], this.source(l, q, i));
  }

  /**
   * The exact order of roots p and q (−1, 0, 1 as t_p <, =, > t_q): by the floats when
   * |t̃_p − t̃_q| > ρ_p + ρ_q, else exactly: z_q(t_p) = β_q(t_p − t_q), so the order is the sign of
   * z_q at p times the sign of β_q.
   */
  compare(p: number, q: number): number {
    this.stats.rootComparisons++;
    const gap = this.t[p] - this.t[q];
    const reach = (this.rho[p] + this.rho[q]) * SLACK;
    if (gap > reach) return 1;
    if (gap < -reach) return -1;
    this.stats.exactComparisons++;
    const rq = this.row(q);
    return signAtMeet([this.row(p)], rq) * sgn(rq.nums[0]);
  }
}
