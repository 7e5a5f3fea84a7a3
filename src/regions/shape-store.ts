/**
 * Growable storage for many convex shapes in a few typed arrays, corner by corner: coordinates
 * (d numbers), the radius within which the exact corner lies, the ids of the d planes that meet
 * there, and in 2D the label of the edge leaving the corner (counter-clockwise); in 3D, face words
 * [n, label, i₀, …, iₙ₋₁] per face (indices local to the shape, loop counter-clockwise from
 * outside). The partition keeps every cell of a layer in one store, and cuts pieces on a store
 * used as a stack, so cutting allocates nothing per piece and the garbage collector has little to
 * trace.
 */
export class ShapeStore {
  readonly d: number;
  coords: Float64Array;
  radius: Float64Array;
  defs: Int32Array;
  labels: Int32Array;
  faces: Int32Array;
  /** First free corner and face word. */
  cornerTop = 0;
  faceTop = 0;

  constructor(d: number, cornerCapacity = 256, faceCapacity = 1024) {
    this.d = d;
    this.coords = new Float64Array(cornerCapacity * d);
    this.radius = new Float64Array(cornerCapacity);
    this.defs = new Int32Array(cornerCapacity * d);
    this.labels = new Int32Array(cornerCapacity);
    this.faces = new Int32Array(faceCapacity);
  }

  /**
   * Makes room for `corners` more corners and `faces` more face words past the tops, doubling the
   * arrays as needed (so appends are amortised O(1)). Arrays read before a reserve may be stale
   * after it: read them again.
   */
  reserve(corners: number, faces: number): void {
    const d = this.d;
    if (this.cornerTop + corners > this.radius.length) {
      const size = Math.max(2 * this.radius.length, this.cornerTop + corners);
      const top = this.cornerTop;
      const coords = new Float64Array(size * d);
      coords.set(this.coords.subarray(0, top * d));
      this.coords = coords;
      const radius = new Float64Array(size);
      radius.set(this.radius.subarray(0, top));
      this.radius = radius;
      const defs = new Int32Array(size * d);
      defs.set(this.defs.subarray(0, top * d));
      this.defs = defs;
      const labels = new Int32Array(size);
      labels.set(this.labels.subarray(0, top));
      this.labels = labels;
    }
    if (this.faceTop + faces > this.faces.length) {
      const grown = new Int32Array(Math.max(2 * this.faces.length, this.faceTop + faces));
      grown.set(this.faces.subarray(0, this.faceTop));
      this.faces = grown;
    }
  }
}

/** Copies corner `from` of `src` to corner `to` of `dst` (coordinates, radius, defining planes, label). */
export function copyCorner(src: ShapeStore, from: number, dst: ShapeStore, to: number): void {
  const d = src.d;
  for (let j = 0; j < d; j++) {
    dst.coords[to * d + j] = src.coords[from * d + j];
    dst.defs[to * d + j] = src.defs[from * d + j];
  }
  dst.radius[to] = src.radius[from];
  dst.labels[to] = src.labels[from];
}

/** Copies a shape (k corners from corner c0, `words` face words from f0) to the tops of `to`, advancing them. */
export function copyShape(to: ShapeStore, from: ShapeStore, c0: number, k: number, f0: number, words: number): void {
  to.reserve(k, words);
  const at = to.cornerTop;
  for (let v = 0; v < k; v++) copyCorner(from, c0 + v, to, at + v);
  to.cornerTop += k;
  if (words > 0) {
    const src = from.faces;
    const out = to.faces;
    const shift = to.faceTop - f0;
    for (let j = f0; j < f0 + words; j++) out[shift + j] = src[j];
    to.faceTop += words;
  }
}
