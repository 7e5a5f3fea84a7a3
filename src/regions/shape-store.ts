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

  /** Bytes held by the arrays (what keeping the store as a spare costs). */
  get bytes(): number {
    return this.coords.byteLength + this.radius.byteLength + this.defs.byteLength + this.labels.byteLength + this.faces.byteLength;
  }
}

/**
 * Spare stores, kept between partitions by role (the cutter's arena, the cells after hidden layer
 * l): a drag recomputes the same network shape every frame, and a store grown to what a role held
 * last time is what it needs next time. Taking a spare saves growing from small (every doubling
 * copies the arrays and touches fresh pages). At most SPARE_BYTES are kept in all.
 */
const spares = new Map<string, ShapeStore>();
const SPARE_BYTES = 128 * 2 ** 20;

/**
 * A store of dimension d with room for at least `corners` corners and `faces` face words, empty
 * (tops at 0): the spare last released for `role` if there is one, else a new store. A spare's
 * arrays hold stale values: a user writes every entry it reads.
 */
export function takeStore(role: string, d: number, corners: number, faces: number): ShapeStore {
  const key = `${d}:${role}`;
  const store = spares.get(key);
  if (store === undefined) return new ShapeStore(d, corners, faces);
  spares.delete(key);
  store.cornerTop = 0;
  store.faceTop = 0;
  store.reserve(corners, faces);
  return store;
}

/** Gives back a store taken for `role` and no longer used, kept for the next takeStore if there is room. */
export function releaseStore(role: string, store: ShapeStore): void {
  let held = store.bytes;
  for (const spare of spares.values()) held += spare.bytes;
  if (held <= SPARE_BYTES) spares.set(`${store.d}:${role}`, store);
}

/**
 * Copies corner `from` of `src` to corner `to` of `dst`: coordinates, radius, defining planes, and
 * in 2D the label of the edge leaving it (a 3D corner has none: its faces carry the labels).
 */
export function copyCorner(src: ShapeStore, from: number, dst: ShapeStore, to: number): void {
  const d = src.d;
  const a = from * d;
  const b = to * d;
  const x = src.coords;
  const y = dst.coords;
  const p = src.defs;
  const q = dst.defs;
  y[b] = x[a];
  y[b + 1] = x[a + 1];
  q[b] = p[a];
  q[b + 1] = p[a + 1];
  if (d === 3) {
    y[b + 2] = x[a + 2];
    q[b + 2] = p[a + 2];
  } else {
    dst.labels[to] = src.labels[from];
  }
  dst.radius[to] = src.radius[from];
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
