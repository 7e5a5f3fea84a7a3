/**
 * One step of the layer-by-layer partition: the cells after hidden layer l−1, the affine
 * pre-activations of layer l on each of them, and the cutting of each cell by those hyperplanes.
 * Cells are stored as parallel arrays (a struct of arrays) and pre-activation maps in one
 * Float64Array per layer, because a partition holds tens of thousands of cells and per-cell
 * objects would spend the time in the garbage collector.
 */
import type { FlatNetwork } from './network.js';
import { polygonAreaAt, splitCounts, splitPolygonInto, splitPolygonRoom } from './polygon.js';
import { polyhedronVolumeAt, splitCoordRoom, splitFaceRoom, splitPolyhedronInto, splitSizes } from './polyhedron.js';
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

/** What cutting needs to know besides the cell; `counters` are updated in place. */
export interface Cutter {
  readonly d: number;
  readonly tolerance: number;
  /** Per coordinate, max(box extent, |min|, |max|): the size of x in the rounding of g·x + h. */
  readonly scale: readonly number[];
  /** A cut leaving a side smaller than this (absolute area/volume) is not made. */
  readonly minMeasure: number;
  readonly counters: { splits: number; cancelled: number };
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

// Reused across cells: the corners' values for one neuron, and the depth-first stack of pieces,
// whose shapes live on `arena` in stack order (a popped piece's room is reused at once).
let values = new Float64Array(64);
const arena = new ShapeStore();
const slotCoord: number[] = [];
const slotCorners: number[] = [];
const slotFace: number[] = [];
const slotFaceWords: number[] = [];
const slotNext: number[] = [];
let slotBits = new Uint8Array(64 * 64);
const centre = [0, 0, 0];
const half = [0, 0, 0];
/** The neurons whose planes cross the cell being cut, and their tolerances. */
let crossing = new Int32Array(64);
let eps = new Float64Array(64);

/**
 * Cuts cell p of `prev` by layer l's hyperplanes (rows p of P) and appends the pieces to `next`.
 * A neuron whose plane misses the cell (every corner on one side, within eps) gets its bit once;
 * the others cut depth first, each piece testing its own corners. eps for neuron i is
 * tolerance·(|hᵢ| + Σⱼ |gᵢⱼ|·scaleⱼ): the size of the terms of gᵢ·x + hᵢ, so it tracks rounding.
 */
export function cutCell(cutter: Cutter, prev: Layer, p: number, P: Float64Array, n: number, next: Layer): void {
  const { d, tolerance, scale } = cutter;
  const w = d + 1;
  const rows = p * n * w;
  const coords = prev.store.coords;
  const c0 = prev.coordStart[p];
  const k = prev.corners[p];
  if (slotBits.length < (n + 2) * n) slotBits = new Uint8Array(2 * (n + 2) * n);
  // The corners' bounding box: over it f = g·x + h lies within g·centre + h ± Σⱼ |gⱼ|·halfⱼ, which
  // settles most neurons (whose planes miss the cell by far) without visiting the corners.
  for (let j = 0; j < d; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let v = c0 + j; v < c0 + k * d; v += d) {
      if (coords[v] < lo) lo = coords[v];
      if (coords[v] > hi) hi = coords[v];
    }
    centre[j] = (lo + hi) / 2;
    half[j] = (hi - lo) / 2;
  }
  if (crossing.length < n) {
    crossing = new Int32Array(2 * n);
    eps = new Float64Array(2 * n);
  }
  let crossings = 0;
  for (let i = 0; i < n; i++) {
    const row = rows + i * w;
    let size = Math.abs(P[row + d]);
    let mid = P[row + d];
    let spread = 0;
    for (let j = 0; j < d; j++) {
      const g = P[row + j];
      size += Math.abs(g) * scale[j];
      mid += g * centre[j];
      spread += Math.abs(g) * half[j];
    }
    const e = tolerance * size;
    // The margin covers the rounding of mid and spread, far below e.
    if (mid - spread > 2 * e) {
      slotBits[i] = 1;
      continue;
    }
    if (mid + spread < -2 * e) {
      slotBits[i] = 0;
      continue;
    }
    let lo = Infinity;
    let hi = -Infinity;
    let sum = 0;
    for (let v = c0; v < c0 + k * d; v += d) {
      let f = P[row + d];
      for (let j = 0; j < d; j++) f += P[row + j] * coords[v + j];
      if (f < lo) lo = f;
      if (f > hi) hi = f;
      sum += f;
    }
    if (hi > e && lo < -e) {
      crossing[crossings] = i;
      eps[crossings++] = e;
    } else {
      // Every corner within eps of the plane: the neuron is (numerically) zero here; z ≤ 0 is off.
      slotBits[i] = hi > e ? 1 : lo < -e ? 0 : sum > 0 ? 1 : 0;
    }
  }
  if (crossings === 0) {
    append(next, prev.store, c0, k, prev.faceStart[p], prev.faceWords[p], p, 0, n, d);
    return;
  }
  let squares = 0;
  for (let j = 0; j < d; j++) squares += 4 * half[j] * half[j];
  const diameter = Math.sqrt(squares);
  arena.coordTop = 0;
  arena.faceTop = 0;
  copyShape(arena, prev.store, c0, k, prev.faceStart[p], prev.faceWords[p], d);
  slotCoord[0] = 0;
  slotCorners[0] = k;
  slotFace[0] = 0;
  slotFaceWords[0] = prev.faceWords[p];
  slotNext[0] = 0;
  let top = 1;
  while (top > 0) {
    const s = top - 1;
    let pushed = false;
    for (let t = slotNext[s]; t < crossings; t++) {
      const i = crossing[t];
      if (!cutPiece(cutter, s, P, rows + i * w, eps[t], diameter)) {
        slotBits[s * n + i] = uncutBit;
        continue;
      }
      // The lower half stays in slot s, the upper goes on top with a copy of the bits so far.
      slotNext[s] = t + 1;
      slotNext[top] = t + 1;
      slotBits[s * n + i] = 0;
      slotBits.copyWithin(top * n, s * n, s * n + n);
      slotBits[top * n + i] = 1;
      top++;
      pushed = true;
      break;
    }
    if (pushed) continue;
    append(next, arena, slotCoord[s], slotCorners[s], slotFace[s], slotFaceWords[s], p, s * n, n, d);
    top--;
    if (top > 0) {
      arena.coordTop = slotCoord[top - 1] + d * slotCorners[top - 1];
      arena.faceTop = slotFace[top - 1] + slotFaceWords[top - 1];
    }
  }
}

/** Copies a shape to the tops of `to` (element by element: a subarray per copy would allocate). */
function copyShape(to: ShapeStore, from: ShapeStore, c0: number, k: number, f0: number, words: number, d: number): void {
  to.reserve(k * d, words);
  const src = from.coords;
  const dst = to.coords;
  const at = to.coordTop - c0;
  for (let j = c0; j < c0 + k * d; j++) dst[at + j] = src[j];
  to.coordTop += k * d;
  if (words > 0) {
    const faces = from.faces;
    const out = to.faces;
    const shift = to.faceTop - f0;
    for (let j = f0; j < f0 + words; j++) out[shift + j] = faces[j];
    to.faceTop += words;
  }
}

/** Appends a finished piece to `next`: its shape, group, and the n bits at slotBits[from …]. */
function append(next: Layer, from: ShapeStore, c0: number, k: number, f0: number, words: number, group: number, bitsFrom: number, n: number, d: number): void {
  const c = next.group.length;
  next.coordStart.push(next.store.coordTop);
  next.faceStart.push(next.store.faceTop);
  copyShape(next.store, from, c0, k, f0, words, d);
  next.corners.push(k);
  next.faceWords.push(words);
  next.group.push(group);
  if (next.bits.length < (c + 1) * n) {
    const grown = new Uint8Array(Math.max(2 * next.bits.length, (c + 1) * n));
    grown.set(next.bits);
    next.bits = grown;
  }
  for (let j = 0; j < n; j++) next.bits[c * n + j] = slotBits[bitsFrom + j];
}

/** Set by cutPiece when it does not cut: the bit of the side the piece's corners reach farthest into. */
let uncutBit = 0;

/**
 * Cuts the piece in slot s by the plane g·x + h = 0 (row `row` of P). On a cut, slot s holds the
 * lower half (f ≤ 0) and slot s + 1 the upper, both on the arena; returns true. Returns false,
 * setting uncutBit, when the plane misses the piece — or when one side would be smaller than
 * minMeasure (a sliver: the piece stays whole). Its height × diameter^(d−1) bounds that side's
 * measure from above, so most slivers are refused before cutting; after cutting, the pyramid on
 * the section bounds it from below in 3D, so the side's own volume is computed only when that
 * bound is small. Refusals are counted.
 */
function cutPiece(cutter: Cutter, s: number, P: Float64Array, row: number, eps: number, diameter: number): boolean {
  const { d, minMeasure, counters } = cutter;
  const c0 = slotCoord[s];
  const k = slotCorners[s];
  if (values.length < k) values = new Float64Array(2 * k);
  let coords = arena.coords;
  const h = P[row + d];
  let lo = Infinity;
  let hi = -Infinity;
  for (let v = 0; v < k; v++) {
    let f = h;
    for (let j = 0; j < d; j++) f += P[row + j] * coords[c0 + v * d + j];
    values[v] = f;
    if (f < lo) lo = f;
    if (f > hi) hi = f;
  }
  uncutBit = hi > -lo ? 1 : 0;
  if (!(hi > eps && lo < -eps)) return false;
  let norm = 0;
  for (let j = 0; j < d; j++) norm += P[row + j] * P[row + j];
  if ((Math.min(hi, -lo) / Math.sqrt(norm)) * diameter ** (d - 1) < minMeasure) {
    counters.cancelled++;
    return false;
  }
  const cAt = arena.coordTop;
  const fAt = arena.faceTop;
  let lowerCorners: number;
  let upperCorners: number;
  let lowerWords = 0;
  let upperWords = 0;
  let thin: boolean;
  if (d === 2) {
    arena.reserve(splitPolygonRoom(k), 0);
    coords = arena.coords;
    splitPolygonInto(coords, c0, k, values, eps, coords, cAt);
    lowerCorners = splitCounts.lower;
    upperCorners = splitCounts.upper;
    thin = polygonAreaAt(coords, cAt, lowerCorners) < minMeasure || polygonAreaAt(coords, cAt + 2 * lowerCorners, upperCorners) < minMeasure;
  } else {
    const f0 = slotFace[s];
    const words = slotFaceWords[s];
    arena.reserve(splitCoordRoom(k, words), splitFaceRoom(k, words));
    coords = arena.coords;
    const faces = arena.faces;
    if (!splitPolyhedronInto(coords, c0, k, faces, f0, words, values, eps, P, row, coords, cAt, faces, fAt)) {
      counters.cancelled++;
      return false;
    }
    ({ lowerCorners, upperCorners, lowerFaceWords: lowerWords, upperFaceWords: upperWords } = splitSizes);
    // Each half holds the pyramid on the section with its farthest corner as apex, of volume
    // area·height/3; only when that is too small is the half's own volume worth computing.
    const size = Math.sqrt(norm);
    const capArea = splitSizes.capArea;
    thin = ((capArea * -lo) / size / 3 < minMeasure && polyhedronVolumeAt(coords, cAt, faces, fAt, lowerWords) < minMeasure)
      || ((capArea * hi) / size / 3 < minMeasure && polyhedronVolumeAt(coords, cAt + 3 * lowerCorners, faces, fAt + lowerWords, upperWords) < minMeasure);
  }
  if (thin) {
    counters.cancelled++;
    return false;
  }
  counters.splits++;
  arena.coordTop = cAt + d * (lowerCorners + upperCorners);
  arena.faceTop = fAt + lowerWords + upperWords;
  slotCoord[s] = cAt;
  slotCorners[s] = lowerCorners;
  slotFace[s] = fAt;
  slotFaceWords[s] = lowerWords;
  slotCoord[s + 1] = cAt + d * lowerCorners;
  slotCorners[s + 1] = upperCorners;
  slotFace[s + 1] = fAt + lowerWords;
  slotFaceWords[s + 1] = upperWords;
  return true;
}
