/**
 * The cells of the partition after each hidden layer, and the affine pre-activations of the next
 * layer on them. Cells are stored as parallel arrays (a struct of arrays) and pre-activation rows
 * in one Float64Array per layer, because a partition holds tens of thousands of cells and
 * per-cell objects would spend the time in the garbage collector.
 */
import type { FlatNetwork } from './network.js';
import { ShapeStore } from './store.js';

/**
 * The cells after cutting by one hidden layer (or the box itself, with width 0), as parallel
 * arrays. Cell c has `corners[c]` corners at store.coords[coordStart[c] …] and, in 3D,
 * `faceWords[c]` face words at store.faces[faceStart[c] …]. It was cut from cell group[c] of the
 * previous layer; its `width` bits of this layer are bits[c·width …]; the pre-activation rows
 * (gᵢ, hᵢ) of this layer on the previous layer's cell p, which every piece cut from p shares, are
 * pre[(p·width + i)·(d + 1) …]. Once the next layer is cut, only bits and group are still needed
 * (for the patterns), and store and pre are dropped.
 */
export interface Layer {
  readonly width: number;
  store: ShapeStore;
  readonly coordStart: number[];
  readonly corners: number[];
  readonly faceStart: number[];
  readonly faceWords: number[];
  readonly group: number[];
  bits: Uint8Array;
  pre: Float64Array;
}

/** An empty layer of the given width, with room for about `expected` cells. */
export function emptyLayer(width: number, pre: Float64Array, expected: number, d: number): Layer {
  const store = new ShapeStore(Math.max(1024, expected * d * 8), d === 3 ? Math.max(1024, expected * 40) : 1);
  return { width, store, coordStart: [], corners: [], faceStart: [], faceWords: [], group: [], bits: new Uint8Array(Math.max(1, width * expected)), pre };
}

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
 */
export function preActivations(flat: FlatNetwork, l: number, prev: Layer, d: number): Float64Array {
  const n = flat.widths[l + 1];
  const w = d + 1;
  const W = flat.weights[l];
  const b = flat.biases[l];
  const count = prev.group.length;
  const P = new Float64Array(count * n * w);
  if (l === 0) {
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < d; k++) P[i * w + k] = W[i * d + k];
      P[i * w + d] = b[i];
    }
    return P;
  }
  const m = prev.width;
  const { bits, group, pre } = prev;
  const leak = flat.leak;
  if (varying.length < m) varying = new Uint8Array(2 * m);
  if (shared.length < n * w) shared = new Float64Array(2 * n * w);
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
    sumRows(shared, 0, W, b, m, n, d, bits, start * m, leak, pre, base, varying, 0);
    for (let c = start; c < end; c++) {
      const out = c * n * w;
      for (let j = 0; j < n * w; j++) P[out + j] = shared[j];
      if (varied > 0) sumRows(P, out, W, null, m, n, d, bits, c * m, leak, pre, base, varying, 1);
    }
    start = end;
  }
  return P;
}

let varying = new Uint8Array(64);
let shared = new Float64Array(64 * 4);

/**
 * P[out + i·w …] = (bᵢ or P's own value) + Σₖ W[i][k]·sₖ·(gₖ, hₖ) for every neuron i over the
 * neurons k with mask[k] === pick, summed row by row in registers. The rows (gₖ, hₖ) are at
 * pre[base + k·w …], the slopes sₖ from the bits at bits[at + k]; with b = null the sums are
 * added to P instead of starting from b.
 */
function sumRows(
  P: Float64Array, out: number, W: Float64Array, b: Float64Array | null, m: number, n: number, d: number,
  bits: Uint8Array, at: number, leak: number, pre: Float64Array, base: number, mask: Uint8Array, pick: number,
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
  for (let i = 0; i < n; i++) {
    const t = out + i * w;
    let g0 = 0;
    let g1 = 0;
    let g2 = 0;
    let h = 0;
    const row = i * m;
    for (let q = 0; q < count; q++) {
      const k = active[q];
      const a = slopes[q] * W[row + k];
      const r = base + k * w;
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
    } else {
      P[t] += g0;
      P[t + 1] += g1;
      if (d === 3) P[t + 2] += g2;
      P[t + d] += h;
    }
  }
}

let active = new Int32Array(64);
let slopes = new Float64Array(64);
