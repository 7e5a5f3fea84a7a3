/**
 * One step of the layer-by-layer partition: cutting each cell of the previous layer by the
 * hyperplanes of the next, depth first, on a stack of pieces kept in one reusable store. Every
 * decision (does a plane miss a cell, on which side of it is a corner) is a certified sign: a
 * float filter with a proven error bound, exact arithmetic when the filter cannot tell.
 */
import type { Layer, PreActivations } from './layers.js';
import { cornerSign, undecidedSign, type PlaneTable } from './planes.js';
import { splitCounts, splitPolygonExact } from './polygon.js';
import { splitCornerRoom, splitFaceRoom, splitPolyhedronExact, splitSizes } from './polyhedron.js';
import { appendRegion } from './region-cell.js';
import { copyShape, takeStore, type ShapeStore } from './shape-store.js';

const U = 2 ** -53;

/** What cutting needs besides the cell: the plane table, and a store used as the stack of pieces. */
export interface Cutter {
  readonly d: number;
  readonly planes: PlaneTable;
  readonly arena: ShapeStore;
  /** The hidden layer being cut (0-based): the source of the planes registered for it. */
  layer: number;
  /** True while cutting the last hidden layer: its cells are regions, finished as they are made (appendRegion). */
  last: boolean;
  readonly counters: { splits: number };
}

/** A cutter for a partition of dimension d over the planes T. */
export function makeCutter(T: PlaneTable): Cutter {
  return { d: T.d, planes: T, arena: takeStore('arena', T.d, 1024, T.d === 3 ? 4096 : 1), layer: 0, last: false, counters: { splits: 0 } };
}

// Reused across cells: the corners' signs and values for one plane, the depth-first stack of
// pieces (their shapes live on the arena in stack order; a popped piece's room is reused at once).
let sign = new Int8Array(64);
let value = new Float64Array(64);
const slotCorner: number[] = [];
const slotCorners: number[] = [];
const slotFace: number[] = [];
const slotFaceWords: number[] = [];
const slotNext: number[] = [];
let slotBits = new Uint8Array(64 * 64);
const centre = [0, 0, 0];
const half = [0, 0, 0];
/** The neurons whose planes cross the cell being cut, and their plane ids. */
let crossing = new Int32Array(64);
let crossingPlane = new Int32Array(64);

/**
 * Cuts cell p of `prev` by hidden layer `cutter.layer`'s hyperplanes (rows p of `rows`) and
 * appends the pieces to `next`. First the cell's bounding box (widened by its corners' radii)
 * settles the neurons whose planes miss it by more than the error bound; each other neuron gets a
 * plane in the table and exact signs at the cell's corners: if they are not strictly of both
 * signs the neuron's bit is set once (1 if some corner is > 0, else 0: a neuron that is zero on
 * the whole cell is off). The crossing neurons cut depth first, each piece testing its own
 * corners, so a cut is made exactly when the plane has corners strictly on both sides of it.
 */
export function cutCell(cutter: Cutter, prev: Layer, p: number, rows: PreActivations, n: number, next: Layer): void {
  const { d, planes: T } = cutter;
  const w = d + 1;
  const { P, E } = rows;
  const base = p * n * w;
  const store = prev.store;
  const coords = store.coords;
  const c0 = prev.cornerStart.data[p];
  const k = prev.corners.data[p];
  const f0 = prev.faceStart.data[p];
  const words = prev.faceWords.data[p];
  if (slotBits.length < (n + 2) * n) slotBits = new Uint8Array(2 * (n + 2) * n);
  if (sign.length < 4 * k) {
    sign = new Int8Array(8 * k);
    value = new Float64Array(8 * k);
  }
  let radius = 0;
  for (let v = c0; v < c0 + k; v++) if (store.radius[v] > radius) radius = store.radius[v];
  for (let j = 0; j < d; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let v = c0 * d + j; v < (c0 + k) * d; v += d) {
      if (coords[v] < lo) lo = coords[v];
      if (coords[v] > hi) hi = coords[v];
    }
    centre[j] = (lo + hi) / 2;
    // Widened by the rounding of centre and half, so [centre ± half] holds every corner.
    half[j] = (hi - lo) / 2 + 2 * U * (Math.abs(lo) + Math.abs(hi));
  }
  if (crossing.length < n) {
    crossing = new Int32Array(2 * n);
    crossingPlane = new Int32Array(2 * n);
  }
  const smallest = T.smallestScale;
  let crossings = 0;
  for (let i = 0; i < n; i++) {
    const row = base + i * w;
    const err = E[p * n + i];
    let mid = P[row + d];
    let spread = 0;
    let size = Math.abs(P[row + d]);
    let g1 = 0;
    for (let j = 0; j < d; j++) {
      const g = Math.abs(P[row + j]);
      mid += P[row + j] * centre[j];
      spread += g * half[j];
      size += g * (Math.abs(centre[j]) + half[j]);
      g1 += g;
    }
    // Over the box, fv lies in mid ± spread up to rounding (< 12u·size); the exact f at the exact
    // corners is within err + (|g|₁ + err/S)·radius of fv at the float corners.
    const bound = (err + (g1 + err / smallest) * radius + 12 * U * size + TINY) * SLACK;
    if (mid - spread > bound) {
      slotBits[i] = 1;
      continue;
    }
    if (mid + spread < -bound) {
      slotBits[i] = 0;
      continue;
    }
    // The corners one by one: the float filter inline (as cornerSign's), and a plane in the table
    // only for a neuron that crosses the cell or whose sign the filter leaves to exact arithmetic.
    let plane = -1;
    let pos = false;
    let neg = false;
    const grad = (g1 + err / smallest) * SLACK;
    for (let v = c0; v < c0 + k && !(pos && neg); v++) {
      let value = P[row + d];
      let terms = Math.abs(value);
      for (let j = 0; j < d; j++) {
        const t = P[row + j] * coords[v * d + j];
        value += t;
        terms += Math.abs(t);
      }
      const vertexBound = (err + grad * store.radius[v] + 8 * U * terms + TINY) * SLACK;
      let sign: number;
      T.counters.tests++;
      if (value > vertexBound) sign = 1;
      else if (value < -vertexBound) sign = -1;
      else {
        if (plane < 0) plane = T.add(P, row, err, cutter.layer, p, i);
        T.counters.tests--; // cornerSign counts this test itself
        sign = cornerSign(T, plane, store, v);
      }
      if (sign > 0) pos = true;
      else if (sign < 0) neg = true;
    }
    if (pos && neg) {
      crossing[crossings] = i;
      crossingPlane[crossings++] = plane < 0 ? T.add(P, row, err, cutter.layer, p, i) : plane;
    } else {
      slotBits[i] = pos ? 1 : 0;
    }
  }
  if (crossings === 0) {
    append(next, store, c0, k, f0, words, p, 0, n, cutter.last ? T : null);
    return;
  }
  const arena = cutter.arena;
  arena.cornerTop = 0;
  arena.faceTop = 0;
  copyShape(arena, store, c0, k, f0, words);
  slotCorner[0] = 0;
  slotCorners[0] = k;
  slotFace[0] = 0;
  slotFaceWords[0] = words;
  slotNext[0] = 0;
  let top = 1;
  while (top > 0) {
    const s = top - 1;
    let pushed = false;
    for (let t = slotNext[s]; t < crossings; t++) {
      const i = crossing[t];
      if (!cutPiece(cutter, s, crossingPlane[t])) {
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
    append(next, arena, slotCorner[s], slotCorners[s], slotFace[s], slotFaceWords[s], p, s * n, n, cutter.last ? T : null);
    top--;
    if (top > 0) {
      arena.cornerTop = slotCorner[top - 1] + slotCorners[top - 1];
      arena.faceTop = slotFace[top - 1] + slotFaceWords[top - 1];
    }
  }
}

/** An absolute floor for error bounds: products that underflow lose up to this much. */
const TINY = 2 ** -1000;
/** Relative slack for the rounding of the bounds themselves. */
const SLACK = 1 + 2 ** -40;
/** Rounding of an affine evaluation in d ≤ 3 (as planes.ts's). */
const EVAL = 8 * U;

/**
 * Appends a finished piece to `next`: its shape (as a region, see appendRegion, when `regionsOf`
 * is given: the planes, on the last hidden layer), group, and the n bits at slotBits[from …].
 */
function append(next: Layer, from: ShapeStore, c0: number, k: number, f0: number, words: number, group: number, bitsFrom: number, n: number, regionsOf: PlaneTable | null): void {
  const c = next.group.length;
  next.cornerStart.push(next.store.cornerTop);
  next.faceStart.push(next.store.faceTop);
  if (regionsOf !== null) {
    next.faceWords.push(appendRegion(next, c, from, c0, k, f0, words, regionsOf));
  } else {
    copyShape(next.store, from, c0, k, f0, words);
    next.faceWords.push(words);
  }
  next.corners.push(k);
  next.group.push(group);
  if (next.bits.length < (c + 1) * n) {
    const grown = new Uint8Array(Math.max(2 * next.bits.length, (c + 1) * n));
    grown.set(next.bits);
    next.bits = grown;
  }
  for (let j = 0; j < n; j++) next.bits[c * n + j] = slotBits[bitsFrom + j];
}

/** Set by cutPiece when it does not cut: 1 if some corner is strictly above the plane, else 0. */
let uncutBit = 0;

/**
 * Cuts the piece in slot s by plane f when f has corners strictly on both sides of it (exact
 * signs): slot s then holds the lower half (f ≤ 0) and slot s + 1 the upper, both on the arena;
 * returns true. Otherwise returns false and sets uncutBit.
 */
function cutPiece(cutter: Cutter, s: number, f: number): boolean {
  const { d, planes: T, arena } = cutter;
  const c0 = slotCorner[s];
  const k = slotCorners[s];
  if (sign.length < k) {
    sign = new Int8Array(2 * k);
    value = new Float64Array(2 * k);
  }
  // cornerSign for every corner, with the plane's row and bounds read once.
  const r = T.rows;
  const base = f * (d + 1);
  const g0 = r[base];
  const g1 = r[base + 1];
  const g2 = d === 3 ? r[base + 2] : 0;
  const h = r[base + d];
  const x = arena.coords;
  const radius = arena.radius;
  const err = T.err[f];
  const grad = T.grad[f];
  T.counters.tests += k;
  let pos = false;
  let neg = false;
  for (let v = 0; v < k; v++) {
    const at = (c0 + v) * d;
    // Summed in cornerSign's order, so the value (which places new corners) is the same double.
    const t0 = g0 * x[at];
    const t1 = g1 * x[at + 1];
    let fv = h + t0 + t1;
    let size = Math.abs(h) + Math.abs(t0) + Math.abs(t1);
    if (d === 3) {
      const t2 = g2 * x[at + 2];
      fv += t2;
      size += Math.abs(t2);
    }
    const bound = (err + grad * radius[c0 + v] + EVAL * size + TINY) * SLACK;
    const sg = fv > bound ? 1 : fv < -bound ? -1 : undecidedSign(T, f, arena, c0 + v);
    sign[v] = sg;
    value[v] = fv;
    if (sg > 0) pos = true;
    else if (sg < 0) neg = true;
  }
  uncutBit = pos ? 1 : 0;
  if (!(pos && neg)) return false;
  const at = arena.cornerTop;
  const fAt = arena.faceTop;
  let lowerCorners: number;
  let upperCorners: number;
  let lowerWords = 0;
  let upperWords = 0;
  let upperFaceAt = fAt;
  if (d === 2) {
    arena.reserve(2 * k + 4, 0);
    splitPolygonExact(arena, c0, k, sign, value, f, T, at);
    lowerCorners = splitCounts.lower;
    upperCorners = splitCounts.upper;
  } else {
    const f0 = slotFace[s];
    const words = slotFaceWords[s];
    arena.reserve(splitCornerRoom(k, words), splitFaceRoom(k, words));
    splitPolyhedronExact(arena, c0, k, f0, words, sign, value, f, T, at, fAt);
    ({ lowerCorners, upperCorners, lowerFaceWords: lowerWords, upperFaceAt, upperFaceWords: upperWords } = splitSizes);
  }
  cutter.counters.splits++;
  arena.cornerTop = at + lowerCorners + upperCorners;
  arena.faceTop = upperFaceAt + upperWords;
  slotCorner[s] = at;
  slotCorners[s] = lowerCorners;
  slotFace[s] = fAt;
  slotFaceWords[s] = lowerWords;
  slotCorner[s + 1] = at + lowerCorners;
  slotCorners[s + 1] = upperCorners;
  slotFace[s + 1] = upperFaceAt;
  slotFaceWords[s + 1] = upperWords;
  return true;
}
