/**
 * Convex polyhedra as corner coordinates plus face loops, and their split by a plane. Faces are
 * stored flat, [n, i₀, …, iₙ₋₁, n′, …], each loop counter-clockwise seen from outside. As in 2D
 * the caller passes the plane's affine function at the corners and a tolerance: corners within the
 * tolerance lie on the plane and go to both halves; each cut edge gets one new corner shared by
 * both halves; the new face (the cap) is the plane's section, ordered by angle about its corners'
 * mean. The kernels read and write at offsets inside shared buffers; the plain versions allocate.
 */

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
let cls = new Int8Array(64);
let posIndex = new Int32Array(64);
let negIndex = new Int32Array(64);
let edgeSlot = new Int32Array(64 * 64).fill(-1);
let touched = new Int32Array(256);
let cut = new Float64Array(3 * 256);
let posFaces = new Int32Array(1024);
let negFaces = new Int32Array(1024);
let capNeg = new Int32Array(256);
let capPos = new Int32Array(256);
let capAngle = new Float64Array(256);

function ensure(k: number, faceWords: number): void {
  if (cls.length < k) {
    const size = 2 * k;
    cls = new Int8Array(size);
    posIndex = new Int32Array(size);
    negIndex = new Int32Array(size);
  }
  if (edgeSlot.length < k * k) edgeSlot = new Int32Array(4 * k * k).fill(-1);
  // A half's face loops grow by at most one corner each (so ≤ 2w words), and its cap has at most
  // k + (edges < 3k) corners.
  const words = 2 * faceWords + 4 * k + 16;
  if (posFaces.length < words) {
    posFaces = new Int32Array(2 * words);
    negFaces = new Int32Array(2 * words);
  }
  const cuts = faceWords; // no more cut edges than edge-uses
  if (touched.length < cuts + k) {
    touched = new Int32Array(2 * (cuts + k));
    cut = new Float64Array(6 * (cuts + k));
    capNeg = new Int32Array(2 * (cuts + k));
    capPos = new Int32Array(2 * (cuts + k));
    capAngle = new Float64Array(2 * (cuts + k));
  }
}

/**
 * Sizes of the last split's halves (corners and face words of the lower half, then the upper) and
 * the area of the section between them.
 */
export const splitSizes = { lowerCorners: 0, lowerFaceWords: 0, upperCorners: 0, upperFaceWords: 0, capArea: 0 };

/** Coordinates splitPolyhedronInto may write for k corners and w face words (both halves). */
export const splitCoordRoom = (k: number, w: number): number => 6 * (k + w);
/** Face words splitPolyhedronInto may write for k corners and w face words (both halves). */
export const splitFaceRoom = (k: number, w: number): number => 2 * (2 * w + 4 * k + 16);

/**
 * Splits a convex polyhedron (k corners at coords[cOff …], faces in fLen words at faceWords[fOff …],
 * indices local to it) by the plane g·x + h = 0, given fᵢ = g·vᵢ + h at its corners. Writes
 * P ∩ {f ≤ 0} then P ∩ {f ≥ 0} (corners at dstCoords[cAt …], faces at dstFaces[fAt …], both with
 * outward-CCW loops) and their sizes to splitSizes. A corner with |fᵢ| ≤ eps is on the plane; a cut
 * edge vᵢvⱼ (fᵢ > eps, fⱼ < −eps) gets the corner vᵢ + t(vⱼ − vᵢ), t = fᵢ/(fᵢ − fⱼ), shared by both
 * halves. The cap is ordered counter-clockwise about +g for the lower half (its outward normal) and
 * reversed for the upper; any g (at g[gAt …]) with a positive dot product with the plane's normal
 * orients it the same way. The caller guarantees corners strictly on both sides and room for
 * splitCoordRoom(k, fLen) coordinates and splitFaceRoom(k, fLen) face words. Returns false, writing nothing, when a whole face lies within eps of the plane (the
 * plane only grazes the polyhedron, and the caller keeps it whole) or the section is degenerate.
 */
export function splitPolyhedronInto(
  coords: Float64Array, cOff: number, k: number, faceWords: Int32Array, fOff: number, fLen: number,
  f: ArrayLike<number>, eps: number, g: ArrayLike<number>, gAt: number,
  dstCoords: Float64Array, cAt: number, dstFaces: Int32Array, fAt: number,
): boolean {
  ensure(k, fLen);
  let nPos = 0;
  let nNeg = 0;
  for (let i = 0; i < k; i++) {
    const c = f[i] > eps ? 1 : f[i] < -eps ? -1 : 0;
    cls[i] = c;
    posIndex[i] = c >= 0 ? nPos++ : -1;
    negIndex[i] = c <= 0 ? nNeg++ : -1;
  }
  let cuts = 0;
  let pw = 0;
  let nw = 0;
  let degenerate = false;
  for (let s = fOff; s < fOff + fLen; ) {
    const n = faceWords[s];
    const start = s + 1;
    s = start + n;
    let allOn = true;
    const pHead = pw++;
    const nHead = nw++;
    for (let e = 0; e < n; e++) {
      const a = faceWords[start + e];
      const b = faceWords[e + 1 === n ? start : start + e + 1];
      const ca = cls[a];
      const cb = cls[b];
      if (ca !== 0) allOn = false;
      if (ca >= 0) posFaces[pw++] = posIndex[a];
      if (ca <= 0) negFaces[nw++] = negIndex[a];
      if (ca * cb < 0) {
        const key = a < b ? a * k + b : b * k + a;
        let m = edgeSlot[key];
        if (m < 0) {
          m = cuts++;
          edgeSlot[key] = m;
          touched[m] = key;
          const t = f[a] / (f[a] - f[b]);
          const pa = cOff + 3 * a;
          const pb = cOff + 3 * b;
          cut[3 * m] = coords[pa] + t * (coords[pb] - coords[pa]);
          cut[3 * m + 1] = coords[pa + 1] + t * (coords[pb + 1] - coords[pa + 1]);
          cut[3 * m + 2] = coords[pa + 2] + t * (coords[pb + 2] - coords[pa + 2]);
        }
        posFaces[pw++] = nPos + m;
        negFaces[nw++] = nNeg + m;
      }
    }
    if (allOn) degenerate = true;
    // A loop of fewer than three corners is an edge or a point of this half, not a face.
    const pn = pw - pHead - 1;
    if (pn >= 3) posFaces[pHead] = pn;
    else pw = pHead;
    const nn = nw - nHead - 1;
    if (nn >= 3) negFaces[nHead] = nn;
    else nw = nHead;
  }
  for (let m = 0; m < cuts; m++) edgeSlot[touched[m]] = -1;
  let capSize = 0;
  for (let i = 0; i < k; i++) {
    if (cls[i] === 0) {
      capPos[capSize] = posIndex[i];
      capNeg[capSize++] = negIndex[i];
    }
  }
  for (let m = 0; m < cuts; m++) {
    capPos[capSize] = nPos + m;
    capNeg[capSize++] = nNeg + m;
  }
  if (degenerate || capSize < 3) return false;

  const lowerAt = cAt;
  const upperAt = cAt + 3 * (nNeg + cuts);
  for (let i = 0; i < k; i++) {
    const src = cOff + 3 * i;
    const p = posIndex[i];
    const q = negIndex[i];
    if (p >= 0) {
      dstCoords[upperAt + 3 * p] = coords[src];
      dstCoords[upperAt + 3 * p + 1] = coords[src + 1];
      dstCoords[upperAt + 3 * p + 2] = coords[src + 2];
    }
    if (q >= 0) {
      dstCoords[lowerAt + 3 * q] = coords[src];
      dstCoords[lowerAt + 3 * q + 1] = coords[src + 1];
      dstCoords[lowerAt + 3 * q + 2] = coords[src + 2];
    }
  }
  for (let j = 0; j < 3 * cuts; j++) {
    dstCoords[lowerAt + 3 * nNeg + j] = cut[j];
    dstCoords[upperAt + 3 * nPos + j] = cut[j];
  }
  splitSizes.capArea = orderCap(dstCoords, lowerAt, capSize, g, gAt);
  negFaces[nw++] = capSize;
  for (let i = 0; i < capSize; i++) negFaces[nw++] = capNeg[i];
  posFaces[pw++] = capSize;
  for (let i = capSize - 1; i >= 0; i--) posFaces[pw++] = capPos[i];
  // Word by word: two subarrays per split would be two allocations.
  for (let j = 0; j < nw; j++) dstFaces[fAt + j] = negFaces[j];
  for (let j = 0; j < pw; j++) dstFaces[fAt + nw + j] = posFaces[j];
  splitSizes.lowerCorners = nNeg + cuts;
  splitSizes.lowerFaceWords = nw;
  splitSizes.upperCorners = nPos + cuts;
  splitSizes.upperFaceWords = pw;
  return true;
}

/** splitPolyhedronInto on a whole polyhedron, returning new halves [P ∩ {f ≤ 0}, P ∩ {f ≥ 0}], or null. */
export function splitPolyhedron(P: Polyhedron, f: ArrayLike<number>, eps: number, g: ArrayLike<number>): [Polyhedron, Polyhedron] | null {
  const k = P.verts.length / 3;
  const coords = new Float64Array(splitCoordRoom(k, P.faces.length));
  const faceWords = new Int32Array(splitFaceRoom(k, P.faces.length));
  if (!splitPolyhedronInto(P.verts, 0, k, P.faces, 0, P.faces.length, f, eps, g, 0, coords, 0, faceWords, 0)) return null;
  const { lowerCorners, lowerFaceWords, upperCorners, upperFaceWords } = splitSizes;
  return [
    { verts: coords.slice(0, 3 * lowerCorners), faces: faceWords.slice(0, lowerFaceWords) },
    { verts: coords.slice(3 * lowerCorners, 3 * (lowerCorners + upperCorners)), faces: faceWords.slice(lowerFaceWords, lowerFaceWords + upperFaceWords) },
  ];
}

/**
 * Sorts the cap's corners (capNeg indexes the lower half's corners at negVerts[at …]; capPos
 * follows along) by angle about their mean in the frame (u, w = g × u) of the plane ⟂ g, which
 * runs counter-clockwise seen from +g, and returns the cap's area ½|Σ pᵢ × pᵢ₊₁|. The section of a
 * convex polyhedron is convex, so angular order about an interior point is boundary order; a
 * pseudo-angle (monotone in the angle, no trigonometry) is enough to sort by.
 */
function orderCap(negVerts: Float64Array, at: number, size: number, g: ArrayLike<number>, gAt: number): number {
  const gx = g[gAt];
  const gy = g[gAt + 1];
  const gz = g[gAt + 2];
  // u ⟂ g from the coordinate axis least aligned with g; w = g × u completes the frame. Neither
  // is normalised: scaling the axes does not change the cyclic order of directions.
  const ax = Math.abs(gx);
  const ay = Math.abs(gy);
  const az = Math.abs(gz);
  let ux = gy;
  let uy = -gx;
  let uz = 0;
  if (ax <= ay && ax <= az) {
    ux = 0;
    uy = gz;
    uz = -gy;
  } else if (ay <= az) {
    ux = -gz;
    uy = 0;
    uz = gx;
  }
  const wx = gy * uz - gz * uy;
  const wy = gz * ux - gx * uz;
  const wz = gx * uy - gy * ux;
  let mx = 0;
  let my = 0;
  let mz = 0;
  for (let i = 0; i < size; i++) {
    const v = at + 3 * capNeg[i];
    mx += negVerts[v];
    my += negVerts[v + 1];
    mz += negVerts[v + 2];
  }
  mx /= size;
  my /= size;
  mz /= size;
  for (let i = 0; i < size; i++) {
    const v = at + 3 * capNeg[i];
    const dx = negVerts[v] - mx;
    const dy = negVerts[v + 1] - my;
    const dz = negVerts[v + 2] - mz;
    const x = dx * ux + dy * uy + dz * uz;
    const y = dx * wx + dy * wy + dz * wz;
    const r = Math.abs(x) + Math.abs(y);
    const p = r === 0 ? 0 : x / r;
    capAngle[i] = y < 0 ? 3 + p : 1 - p; // in [0, 4), increasing with the angle from +u
  }
  // Insertion sort: caps have a handful of corners.
  for (let i = 1; i < size; i++) {
    const angle = capAngle[i];
    const n = capNeg[i];
    const p = capPos[i];
    let j = i - 1;
    while (j >= 0 && capAngle[j] > angle) {
      capAngle[j + 1] = capAngle[j];
      capNeg[j + 1] = capNeg[j];
      capPos[j + 1] = capPos[j];
      j--;
    }
    capAngle[j + 1] = angle;
    capNeg[j + 1] = n;
    capPos[j + 1] = p;
  }
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (let i = 0; i < size; i++) {
    const a = at + 3 * capNeg[i];
    const b = at + 3 * capNeg[i + 1 === size ? 0 : i + 1];
    const px = negVerts[a] - mx;
    const py = negVerts[a + 1] - my;
    const pz = negVerts[a + 2] - mz;
    const qx = negVerts[b] - mx;
    const qy = negVerts[b + 1] - my;
    const qz = negVerts[b + 2] - mz;
    cx += py * qz - pz * qy;
    cy += pz * qx - px * qz;
    cz += px * qy - py * qx;
  }
  return Math.hypot(cx, cy, cz) / 2;
}

/**
 * Volume and centroid of a closed polyhedron with outward-CCW faces (corners at coords[cOff …],
 * faces in fLen words at faceWords[fOff …]), by the divergence theorem: fan each face from its
 * first corner into triangles (a, b, c) and sum the signed tetrahedra with apex o = corner 0,
 * V = Σ det(a − o, b − o, c − o)/6, centroid = o + Σ Vₜ·(a + b + c − 3o)/4 / V. Writes the centroid
 * into `out` (if given) and returns V (positive for outward faces).
 */
export function polyhedronVolumeAt(coords: Float64Array, cOff: number, faceWords: Int32Array, fOff: number, fLen: number, out?: number[]): number {
  const ox = coords[cOff];
  const oy = coords[cOff + 1];
  const oz = coords[cOff + 2];
  let six = 0;
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (let s = fOff; s < fOff + fLen; ) {
    const n = faceWords[s];
    const a = cOff + 3 * faceWords[s + 1];
    const ax = coords[a] - ox;
    const ay = coords[a + 1] - oy;
    const az = coords[a + 2] - oz;
    for (let e = 1; e + 1 < n; e++) {
      const b = cOff + 3 * faceWords[s + 1 + e];
      const c = cOff + 3 * faceWords[s + 2 + e];
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
    s += n + 1;
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
      for (let s = fOff; s < fOff + fLen; s += faceWords[s] + 1) {
        for (let e = 1; e <= faceWords[s]; e++, count++) for (let j = 0; j < 3; j++) out[j] += coords[cOff + 3 * faceWords[s + e] + j];
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
