/**
 * Growable storage for many convex shapes in two typed arrays: corner coordinates (d numbers per
 * corner) and, in 3D, face words ([n, i₀, …, iₙ₋₁] per face, indices local to the shape). The
 * partition keeps every cell of a layer in one store, and cuts pieces on a store used as a stack,
 * so cutting allocates nothing per piece and the garbage collector has little to trace.
 */
export class ShapeStore {
  coords: Float64Array;
  faces: Int32Array;
  /** First free coordinate and face word. */
  coordTop = 0;
  faceTop = 0;

  constructor(coordCapacity = 1024, faceCapacity = 1024) {
    this.coords = new Float64Array(coordCapacity);
    this.faces = new Int32Array(faceCapacity);
  }

  /**
   * Makes room for `coords` more coordinates and `faces` more face words past the tops, doubling
   * the arrays as needed (so appends are amortised O(1)). Arrays read before a reserve may be
   * stale after it: read `coords`/`faces` again.
   */
  reserve(coords: number, faces: number): void {
    if (this.coordTop + coords > this.coords.length) {
      const grown = new Float64Array(Math.max(2 * this.coords.length, this.coordTop + coords));
      grown.set(this.coords.subarray(0, this.coordTop));
      this.coords = grown;
    }
    if (this.faceTop + faces > this.faces.length) {
      const grown = new Int32Array(Math.max(2 * this.faces.length, this.faceTop + faces));
      grown.set(this.faces.subarray(0, this.faceTop));
      this.faces = grown;
    }
  }
}
