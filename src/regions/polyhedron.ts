/**
 * Convex polyhedra as corner coordinates plus face loops, and their split by a plane. Faces are
 * stored flat, [n, i₀, …, iₙ₋₁, n′, …] (the partition adds each face's label after n), each loop
 * counter-clockwise seen from outside. As in 2D the caller passes the exact signs of the plane's
 * function at the corners: corners on the plane go to both halves; each cut edge gets one new
 * corner shared by both halves; the new face (the cap) is ordered combinatorially, from the faces
 * it closes, so no rounding can misorder it. The kernels read and write inside shared buffers.
 */
import { meetOnEdge } from './polygon.js';
import type { PlaneTable } from './planes.js';
import { copyCorner, type ShapeStore } from './shape-store.js';


/** A convex polyhedron: verts = [x0, y0, z0, x1, …]; faces = [n, i₀, …, iₙ₋₁, n′, …]. */
export interface Polyhedron {
  readonly verts: Float64Array;
  readonly faces: Int32Array;
}

/** The box [min, max] in 3D: corner i + 2j + 4k sits at (x_i, y_j, z_k); six outward-CCW quads. */
export function boxPolyhedron(min: readonly number[], max: readonly number[]): Polyhedron {
  const verts = new Float64Array(24);
  for (let v = 0; v < 8; v++) {
    verts[3 * v] = v & 1 ? max[0] : min[0];
    verts[3 * v + 1] = v & 2 ? max[1] : min[1];
    verts[3 * v + 2] = v & 4 ? max[2] : min[2];
  }
  const faces = Int32Array.of(4, 0, 4, 6, 2, 4, 1, 3, 7, 5, 4, 0, 1, 5, 4, 4, 2, 6, 7, 3, 4, 0, 2, 3, 1, 4, 4, 5, 7, 6);
  return { verts, faces };
}

// Scratch buffers, grown on demand and reused: the split runs tens of thousands of times per
// partition and is never re-entered (no callbacks), so sharing them is safe.
let posIndex = new Int32Array(64);
let negIndex = new Int32Array(64);
let edgeSlot = new Int32Array(64 * 64).fill(-1);
let touched = new Int32Array(256);
let cutFirst = new Int32Array(256);
let cutSecond = new Int32Array(256);
let cutA = new Int32Array(256);
let cutB = new Int32Array(256);
/** Per lower-half corner: the lower corner before it on the cap (−1 if none yet), and its upper index. */
let capPrev = new Int32Array(256);
let toUpper = new Int32Array(256);

function ensure(k: number, faceWords: number): void {
  if (posIndex.length < k) {
    posIndex = new Int32Array(2 * k);
    negIndex = new Int32Array(2 * k);
  }
  if (edgeSlot.length < k * k) edgeSlot = new Int32Array(4 * k * k).fill(-1);
  const cuts = faceWords + k; // no more cut edges than edge-uses
  if (touched.length < cuts) {
    touched = new Int32Array(2 * cuts);
    cutFirst = new Int32Array(2 * cuts);
    cutSecond = new Int32Array(2 * cuts);
    cutA = new Int32Array(2 * cuts);
    cutB = new Int32Array(2 * cuts);
  }
  if (capPrev.length < k + cuts) {
    capPrev = new Int32Array(2 * (k + cuts));
    toUpper = new Int32Array(2 * (k + cuts));
  }
}

/** Sizes of the last split's halves: corners and face words of the lower half, then the upper (and where its faces start). */
export const splitSizes = { lowerCorners: 0, lowerFaceWords: 0, upperCorners: 0, upperFaceAt: 0, upperFaceWords: 0 };

/** Corners splitPolyhedronExact may write for k corners and w face words (both halves). */
export const splitCornerRoom = (k: number, w: number): number => 2 * (k + w);
/**
 * Face words one half of a split may take for k corners and w face words: its loops grow by at
 * most one corner each (so ≤ 2w words), and its cap has at most k + (edges < 3k) corners.
 */
const halfFaceRoom = (k: number, w: number): number => 2 * w + 4 * k + 16;
/** Face words splitPolyhedronExact may write for k corners and w face words (both halves). */
export const splitFaceRoom = (k: number, w: number): number => 2 * halfFaceRoom(k, w);

/**
 * Splits a convex polyhedron (k corners from corner c0 of `s`; faces [n, label, i₀ …] in fLen
 * words from f0, indices local) by plane f, given the exact signs σᵢ of f at its corners and their
 * float values. Writes P ∩ {f ≤ 0} then P ∩ {f ≥ 0} (corners from corner `at`, one half after
 * the other; faces from word fAt and from splitSizes.upperFaceAt, outward-CCW loops) and their
 * sizes to splitSizes. A corner with σ = 0 goes to both halves;
 * a cut edge (σ of opposite signs at its ends) gets one new corner shared by both halves, the
 * meeting point of its two faces' planes and f. The cap (the new face, on f) is put together from
 * the halves' own faces, not from coordinates: a lower face that runs from corner p to corner q,
 * both on f, has its edge pq on the cap, which runs it q → p; chaining those edges orders the cap
 * exactly. The caller guarantees some σ > 0 and some σ < 0 (so both halves have volume, no face
 * lies on f, and the cap is a polygon) and room for splitCornerRoom / splitFaceRoom.
 */
export function splitPolyhedronExact(
  s: ShapeStore, c0: number, k: number, f0: number, fLen: number,
  sign: Int8Array, value: Float64Array, f: number, T: PlaneTable, at: number, fAt: number,
): void {
  ensure(k, fLen);
  const faces = s.faces;
  // The lower half's faces are written from fAt, the upper half's from fAt + halfFaceRoom (the
  // most a half can take), both straight into the store.
  const upperFaceAt = fAt + halfFaceRoom(k, fLen);
  let nPos = 0;
  let nNeg = 0;
  for (let i = 0; i < k; i++) {
    const c = sign[i];
    posIndex[i] = c >= 0 ? nPos++ : -1;
    negIndex[i] = c <= 0 ? nNeg++ : -1;
  }
  let cuts = 0;
  let pw = upperFaceAt;
  let nw = fAt;
  for (let w = f0; w < f0 + fLen; ) {
    const n = faces[w];
    const label = faces[w + 1];
    const start = w + 2;
    w = start + n;
    const pHead = pw;
    const nHead = nw;
    pw += 2;
    nw += 2;
    for (let e = 0; e < n; e++) {
      const a = faces[start + e];
      const b = faces[e + 1 === n ? start : start + e + 1];
      const ca = sign[a];
      const cb = sign[b];
      if (ca >= 0) faces[pw++] = posIndex[a];
      if (ca <= 0) faces[nw++] = negIndex[a];
      if (ca * cb < 0) {
        const key = a < b ? a * k + b : b * k + a;
        let m = edgeSlot[key];
        if (m < 0) {
          m = cuts++;
          edgeSlot[key] = m;
          touched[m] = key;
          cutFirst[m] = label >> 1;
          cutA[m] = a;
          cutB[m] = b;
        } else {
          cutSecond[m] = label >> 1;
        }
        faces[pw++] = nPos + m;
        faces[nw++] = nNeg + m;
      }
    }
    // A loop of fewer than three corners is an edge or a point of this half, not a face.
    const pn = pw - pHead - 2;
    if (pn >= 3) {
      faces[pHead] = pn;
      faces[pHead + 1] = label;
    } else pw = pHead;
    const nn = nw - nHead - 2;
    if (nn >= 3) {
      faces[nHead] = nn;
      faces[nHead + 1] = label;
    } else nw = nHead;
  }
  for (let m = 0; m < cuts; m++) edgeSlot[touched[m]] = -1;

  // Corners: the lower half's at `at`, the upper's after them; new corners computed once (in the
  // lower half) and copied.
  const lowerAt = at;
  const upperAt = at + nNeg + cuts;
  for (let i = 0; i < k; i++) {
    if (negIndex[i] >= 0) copyCorner(s, c0 + i, s, lowerAt + negIndex[i]);
    if (posIndex[i] >= 0) copyCorner(s, c0 + i, s, upperAt + posIndex[i]);
  }
  for (let m = 0; m < cuts; m++) {
    const to = lowerAt + nNeg + m;
    meetOnEdge(s, c0 + cutA[m], c0 + cutB[m], value[cutA[m]], value[cutB[m]], cutFirst[m], f, T, to, cutSecond[m]);
    copyCorner(s, to, s, upperAt + nPos + m);
  }

  // The cap, from the lower faces' edges on f (lower corner q is on f when it is new or had σ = 0).
  const lowerCount = nNeg + cuts;
  for (let q = 0; q < lowerCount; q++) capPrev[q] = -1;
  for (let i = 0; i < k; i++) if (negIndex[i] >= 0) toUpper[negIndex[i]] = posIndex[i];
  for (let m = 0; m < cuts; m++) toUpper[nNeg + m] = nPos + m;
  // Lower corner q is on f when it is new or had σ = 0: exactly when the upper half has it too.
  let first = -1;
  let capSize = 0;
  for (let w = fAt; w < nw; ) {
    const n = faces[w];
    const start = w + 2;
    w = start + n;
    for (let e = 0; e < n; e++) {
      const p = faces[start + e];
      const q = faces[e + 1 === n ? start : start + e + 1];
      if (toUpper[p] >= 0 && toUpper[q] >= 0) {
        capPrev[p] = q; // the cap runs q → p: p's predecessor on the cap is q
        first = p;
        capSize++;
      }
    }
  }
  if (capSize < 3) throw new Error(`splitPolyhedronExact: the section has ${capSize} edges; a cut with corners strictly on both sides has at least 3.`);
  faces[nw++] = capSize;
  faces[nw++] = 2 * f;
  const capStart = nw;
  // Walk the cap backwards from `first` (predecessor after predecessor), then write it forwards.
  for (let q = first, c = 0; c < capSize; c++, q = capPrev[q]) {
    if (q < 0) throw new Error('splitPolyhedronExact: the section is not one closed loop.');
    faces[capStart + capSize - 1 - c] = q;
  }
  // The upper half's cap is the same loop, reversed, in upper indices.
  faces[pw++] = capSize;
  faces[pw++] = 2 * f + 1;
  for (let c = capSize - 1; c >= 0; c--) faces[pw++] = toUpper[faces[capStart + c]];
  nw += capSize;
  splitSizes.lowerCorners = lowerCount;
  splitSizes.lowerFaceWords = nw - fAt;
  splitSizes.upperCorners = nPos + cuts;
  splitSizes.upperFaceAt = upperFaceAt;
  splitSizes.upperFaceWords = pw - upperFaceAt;
}

/**
 * Volume and centroid of a closed polyhedron with outward-CCW faces (corners at coords[cOff …],
 * faces in fLen words at faceWords[fOff …], each [n, (head − 1 words), i₀, …]), by the divergence theorem: fan each face from its
 * first corner into triangles (a, b, c) and sum the signed tetrahedra with apex o = corner 0,
 * V = Σ det(a − o, b − o, c − o)/6, centroid = o + Σ Vₜ·(a + b + c − 3o)/4 / V. Writes the centroid
 * into `out` (if given) and returns V (positive for outward faces).
 */
export function polyhedronVolumeAt(coords: Float64Array, cOff: number, faceWords: Int32Array, fOff: number, fLen: number, out?: number[], head = 1): number {
  const ox = coords[cOff];
  const oy = coords[cOff + 1];
  const oz = coords[cOff + 2];
  let six = 0;
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (let s = fOff; s < fOff + fLen; ) {
    const n = faceWords[s];
    const a = cOff + 3 * faceWords[s + head];
    const ax = coords[a] - ox;
    const ay = coords[a + 1] - oy;
    const az = coords[a + 2] - oz;
    for (let e = 1; e + 1 < n; e++) {
      const b = cOff + 3 * faceWords[s + head + e];
      const c = cOff + 3 * faceWords[s + head + 1 + e];
      const bx = coords[b] - ox;
      const by = coords[b + 1] - oy;
      const bz = coords[b + 2] - oz;
      const qx = coords[c] - ox;
      const qy = coords[c + 1] - oy;
      const qz = coords[c + 2] - oz;
      const det = ax * (by * qz - bz * qy) - ay * (bx * qz - bz * qx) + az * (bx * qy - by * qx);
      six += det;
      cx += det * (ax + bx + qx);
      cy += det * (ay + by + qy);
      cz += det * (az + bz + qz);
    }
    s += n + head;
  }
  if (out) {
    if (six !== 0) {
      out[0] = ox + cx / (4 * six);
      out[1] = oy + cy / (4 * six);
      out[2] = oz + cz / (4 * six);
    } else {
      // A flat polyhedron has no centroid; the mean of the corners its faces use stands in.
      out[0] = out[1] = out[2] = 0;
      let count = 0;
      for (let s = fOff; s < fOff + fLen; s += faceWords[s] + head) {
        for (let e = 0; e < faceWords[s]; e++, count++) for (let j = 0; j < 3; j++) out[j] += coords[cOff + 3 * faceWords[s + head + e] + j];
      }
      for (let j = 0; j < 3; j++) out[j] /= count;
    }
  }
  return six / 6;
}

/** polyhedronVolumeAt on a whole polyhedron. */
export function polyhedronVolume(P: Polyhedron, out?: number[]): number {
  return polyhedronVolumeAt(P.verts, 0, P.faces, 0, P.faces.length, out);
}
