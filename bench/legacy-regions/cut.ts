/**
 * One step of the layer-by-layer partition: cutting each cell of the previous layer by the
 * hyperplanes of the next, depth first, on a stack of pieces kept in one reusable store.
 */
import type { Layer } from './layers.js';
import { polygonAreaAt, splitCounts, splitPolygonInto, splitPolygonRoom } from './polygon.js';
import { polyhedronVolumeAt, splitCoordRoom, splitFaceRoom, splitPolyhedronInto, splitSizes } from './polyhedron.js';
import { ShapeStore } from './store.js';

/** What cutting needs to know besides the cell; `counters` are updated in place. */
export interface Cutter {
  readonly d: number;
  readonly tolerance: number;
  /** Per coordinate, max(box extent, |min|, |max|): the size of x in the rounding of g·x + h. */
  readonly scale: readonly number[];
  /** A cut leaving a side smaller than this (absolute area/volume) is not made. */
  readonly minMeasure: number;
  /**
   * Per neuron of the layer being cut, the rounding floor of its pre-activation: 64ε times a bound
   * on the size of the terms summed into it anywhere in the box (see roundingFloors).
   */
  floor: Float64Array;
  readonly counters: { splits: number; cancelled: number };
}

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
 * tolerance·(|hᵢ| + Σⱼ |gᵢⱼ|·scaleⱼ), the size of the terms of gᵢ·x + hᵢ, but at least the neuron's
 * rounding floor: a neuron that cancels to zero on the cell (say ReLU(u) − ReLU(u′) with u ≡ u′
 * reached by different roundings) is then zero within eps at every corner, and is off, instead of
 * cutting the cell along a plane made of rounding errors.
 */
export function cutCell(cutter: Cutter, prev: Layer, p: number, P: Float64Array, n: number, next: Layer): void {
  const { d, tolerance, scale, floor } = cutter;
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
    const e = Math.max(tolerance * size, floor[i]);
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
    for (let v = c0; v < c0 + k * d; v += d) {
      let f = P[row + d];
      for (let j = 0; j < d; j++) f += P[row + j] * coords[v + j];
      if (f < lo) lo = f;
      if (f > hi) hi = f;
    }
    if (hi > e && lo < -e) {
      crossing[crossings] = i;
      eps[crossings++] = e;
    } else {
      // Every corner within eps of the plane: the neuron is (numerically) zero here; z ≤ 0 is off.
      slotBits[i] = hi > e ? 1 : 0;
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

/** Set by cutPiece when it does not cut: the bit of the side the piece's corners reach into. */
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
  const g0 = P[row];
  const g1 = P[row + 1];
  const g2 = d === 3 ? P[row + 2] : 0;
  const h = P[row + d];
  let lo = Infinity;
  let hi = -Infinity;
  for (let v = 0, at = c0; v < k; v++, at += d) {
    const f = d === 3 ? h + g0 * coords[at] + g1 * coords[at + 1] + g2 * coords[at + 2] : h + g0 * coords[at] + g1 * coords[at + 1];
    values[v] = f;
    if (f < lo) lo = f;
    if (f > hi) hi = f;
  }
  // Uncut: the side the corners reach into (past eps), or off if they all lie on the plane.
  uncutBit = hi > eps && hi > -lo ? 1 : 0;
  if (!(hi > eps && lo < -eps)) return false;
  const norm = g0 * g0 + g1 * g1 + g2 * g2;
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
