/**
 * The cells of the partition after each hidden layer, and the affine pre-activations of the next
 * layer on them. Cells are stored as parallel arrays (a struct of arrays) and pre-activation rows
 * in one Float64Array per layer, because a partition holds tens of thousands of cells and
 * per-cell objects would spend the time in the garbage collector.
 */
import type { FlatNetwork } from './network.js';
import { ShapeStore } from './shape-store.js';

/**
 * The cells after cutting by one hidden layer (or the box itself, with width 0), as parallel
 * arrays. Cell c has `corners[c]` corners at store.coords[coordStart[c] …] and, in 3D,
 * `faceWords[c]` face words at store.faces[faceStart[c] …]. It was cut from cell group[c] of the
 * previous layer; its `width` bits of this layer are bits[c·width …]; the pre-activation rows
 * (gᵢ, hᵢ) of this layer on the previous layer's cell p, which every piece cut from p shares, are
 * pre[(p·width + i)·(d + 1) …], and err[p·width + i] bounds how far that float row's function is
 * from the exact one anywhere in the box. Once the next layer is cut, only bits and group are
 * still needed (for the patterns and exact rows), and store, pre and err are dropped. The last
 * hidden layer's cells are regions: its store holds them in the packed output's form (faces
 * [n, i₀, …], no radii or defining planes used), with measures, interiors and unverified filled
 * (see region-cell.ts); other layers leave those empty.
 */
export interface Layer {
  readonly width: number;
  store: ShapeStore;
  readonly cornerStart: IntList;
  readonly corners: IntList;
  readonly faceStart: IntList;
  readonly faceWords: IntList;
  readonly group: IntList;
  bits: Uint8Array;
  pre: Float64Array;
  err: Float64Array;
  measures: Float64Array;
  interiors: Float64Array;
  unverified: number;
}

/**
 * A growable list of 32-bit integers, read through `data` (valid below `length`): a partition
 * appends five per cell, and plain arrays grown by push to that size cost ten times as much.
 */
export class IntList {
  data = new Int32Array(64);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(2 * this.length);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }
}

/** Corners and face words to reserve for about `expected` cells of dimension d. */
export const layerRoom = (expected: number, d: number): [number, number] => [Math.max(256, expected * 8), d === 3 ? Math.max(1024, expected * 48) : 1];

/** An empty layer of the given width, with room for about `expected` cells (in `store`, empty, if given). */
export function emptyLayer(width: number, rows: PreActivations, expected: number, d: number, store = new ShapeStore(d, ...layerRoom(expected, d))): Layer {
  return { width, store, cornerStart: new IntList(), corners: new IntList(), faceStart: new IntList(), faceWords: new IntList(), group: new IntList(), bits: new Uint8Array(Math.max(1, width * expected)), pre: rows.P, err: rows.E, measures: new Float64Array(0), interiors: new Float64Array(0), unverified: 0 };
}

/** A layer's pre-activation rows on every cell of the previous layer, and their error bounds. */
export interface PreActivations {
  readonly P: Float64Array;
  readonly E: Float64Array;
}

/** The unit roundoff of float64. */
const U = 2 ** -53;

/** A block of neighbouring cells shares the terms of all but at most this many neurons. */
const MAX_VARYING = 8;

/**
 * Rows (gᵢ, hᵢ) of hidden layer l's pre-activations on every cell of `prev` (the cells after layer
 * l−1): zᵢ = bᵢ + Σₖ W[i][k]·sₖ·(gₖ·x + hₖ), with (gₖ, hₖ) layer l−1's rows on the cell's group and
 * sₖ its slope there (1 if on, else leak). Cells cut from one group come out of the cutting next to
 * each other and differ in a few bits, so they are taken in blocks whose bits agree but for at
 * most MAX_VARYING neurons: the agreeing terms are summed once per block, and each cell adds its
 * own terms for the others. Only additions of the cell's own terms, never a subtraction of a
 * neighbour's: a neuron whose inputs are all off gets exactly bᵢ, and an exact zero stays zero,
 * which is what decides the bit of a neuron that is constant on a cell.
 *
 * Error bounds, with S the box's scale (|xⱼ| ≤ Sⱼ) and γ = (m + 4)u: the float row of neuron i
 * is a sum of m + 1 terms, each rounded at most twice, so its function is within
 * γ·(|bᵢ| + Σₖ |Wᵢₖsₖ|·sizeₖ) of the exact sum of the float parent rows (sizeₖ = Σⱼ |gₖⱼ|Sⱼ + |hₖ|),
 * and those are within Σₖ |Wᵢₖsₖ|·Eₖ of the exact parent functions: Eᵢ = γ|bᵢ| + Σₖ |Wᵢₖsₖ|·qₖ
 * with qₖ = γ·sizeₖ + Eₖ, summed in the same blocks as the rows. Layer 1's rows are the weights
 * themselves, exact (E = 0).
 */
export function preActivations(flat: FlatNetwork, l: number, prev: Layer, d: number, scale: ArrayLike<number>): PreActivations {
  const n = flat.widths[l + 1];
  const w = d + 1;
  const W = flat.weights[l];
  const b = flat.biases[l];
  const count = prev.group.length;
  const P = new Float64Array(count * n * w);
  const E = new Float64Array(count * n);
  if (l === 0) {
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < d; k++) P[i * w + k] = W[i * d + k];
      P[i * w + d] = b[i];
    }
    return { P, E };
  }
  const m = prev.width;
  const { bits, pre } = prev;
  const group = prev.group.data;
  const leak = flat.leak;
  const gamma = (m + 4) * U;
  const rowsBefore = pre.length / w;
  const q = new Float64Array(rowsBefore);
  for (let r = 0; r < rowsBefore; r++) {
    let size = Math.abs(pre[r * w + d]);
    for (let j = 0; j < d; j++) size += Math.abs(pre[r * w + j]) * scale[j];
    q[r] = gamma * size + prev.err[r];
  }
  if (varying.length < m) varying = new Uint8Array(2 * m);
  if (shared.length < n * w) {
    shared = new Float64Array(2 * n * w);
    sharedErr = new Float64Array(2 * n);
  }
  const sharedRows = shared.subarray(0, n * w);
  const sharedErrs = sharedErr.subarray(0, n);
  for (let start = 0; start < count; ) {
    const g = group[start];
    const base = g * m * w;
    varying.fill(0, 0, m);
    let varied = 0;
    let end = start + 1;
    for (; end < count && group[end] === g; end++) {
      let extra = 0;
      for (let k = 0; k < m; k++) if (varying[k] === 0 && bits[end * m + k] !== bits[start * m + k]) extra++;
      if (varied + extra > MAX_VARYING) break;
      varied += extra;
      for (let k = 0; k < m; k++) if (bits[end * m + k] !== bits[start * m + k]) varying[k] = 1;
    }
    // The block's common terms (the first cell's slopes on its agreeing neurons), then per cell
    // its own slopes on the varying ones.
    sumRows(shared, sharedErr, 0, W, b, m, n, d, bits, start * m, leak, pre, q, base, varying, 0, gamma);
    for (let c = start; c < end; c++) {
      const out = c * n * w;
      P.set(sharedRows, out);
      E.set(sharedErrs, c * n);
      if (varied > 0) sumRows(P, E, out, W, null, m, n, d, bits, c * m, leak, pre, q, base, varying, 1, gamma);
    }
    start = end;
  }
  return { P, E };
}

let varying = new Uint8Array(64);
let shared = new Float64Array(64 * 4);
let sharedErr = new Float64Array(64);

/**
 * P[out + i·w …] = (bᵢ or P's own value) + Σₖ W[i][k]·sₖ·(gₖ, hₖ) for every neuron i over the
 * neurons k with mask[k] === pick, summed row by row in registers, and likewise the error bound
 * E[out/w + i] = (γ|bᵢ| or E's own value) + Σₖ |W[i][k]·sₖ|·qₖ. The rows (gₖ, hₖ) are at
 * pre[base + k·w …] (their qₖ at q[base/w + k]), the slopes sₖ from the bits at bits[at + k]; with
 * b = null the sums are added to P and E instead of starting from b.
 */
function sumRows(
  P: Float64Array, E: Float64Array, out: number, W: Float64Array, b: Float64Array | null, m: number, n: number, d: number,
  bits: Uint8Array, at: number, leak: number, pre: Float64Array, q: Float64Array, base: number, mask: Uint8Array, pick: number, gamma: number,
): void {
  const w = d + 1;
  // The neurons with a non-zero slope, listed once: a branch per term on random on/off bits
  // would be mispredicted half the time.
  if (active.length < m) {
    active = new Int32Array(2 * m);
    slopes = new Float64Array(2 * m);
  }
  let count = 0;
  for (let k = 0; k < m; k++) {
    if (mask[k] !== pick) continue;
    const s = bits[at + k] === 1 ? 1 : leak;
    if (s === 0) continue;
    active[count] = k;
    slopes[count++] = s;
  }
  const qBase = base / w;
  const eOut = out / w;
  for (let i = 0; i < n; i++) {
    const t = out + i * w;
    let g0 = 0;
    let g1 = 0;
    let g2 = 0;
    let h = 0;
    let e = 0;
    const row = i * m;
    for (let t = 0; t < count; t++) {
      const k = active[t];
      const a = slopes[t] * W[row + k];
      const r = base + k * w;
      e += Math.abs(a) * q[qBase + k];
      g0 += a * pre[r];
      g1 += a * pre[r + 1];
      if (d === 3) {
        g2 += a * pre[r + 2];
        h += a * pre[r + 3];
      } else {
        h += a * pre[r + 2];
      }
    }
    if (b !== null) {
      P[t] = g0;
      P[t + 1] = g1;
      if (d === 3) P[t + 2] = g2;
      P[t + d] = b[i] + h;
      E[eOut + i] = gamma * Math.abs(b[i]) + e;
    } else {
      P[t] += g0;
      P[t + 1] += g1;
      if (d === 3) P[t + 2] += g2;
      P[t + d] += h;
      E[eOut + i] += e;
    }
  }
}

let active = new Int32Array(64);
let slopes = new Float64Array(64);
