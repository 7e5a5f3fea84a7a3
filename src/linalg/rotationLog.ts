/**
 * Deferred application of the bidiagonal QR iteration's plane rotations to the singular vectors.
 *
 * Why deferred: the iteration on the bidiagonal never reads U or V, so its rotations can be
 * recorded and applied later in whatever order is fastest. Applying one sweep at a time (LAPACK's
 * dlasr) streams all of U through memory once per sweep, two columns at a time. Here the vectors
 * are stored row-major and each row takes *every* recorded sweep while it sits in L1 cache: one
 * rotation of a row is then a short chain (a carried value, one load, one store), and four rows are
 * chained side by side so their latencies overlap. This is where most of the flops of a full SVD
 * go, so it is the loop that decides the speed.
 */
import type { SvdProgress } from './progress.js';
import { wasmKernels, type WasmKernels } from './wasm/module.js';

/** Minimum rotation capacity between flushes; more means fewer passes over U and V. */
const MIN_CAPACITY = 1 << 15;
const MAX_SWEEPS = 4096;

/** A row-major matrix whose columns 0..n−1 receive the rotations. */
export interface RotatedVectors {
  readonly data: Float64Array;
  readonly rows: number;
  readonly stride: number;
}

/**
 * Records sweeps of adjacent-column rotations for U and for V, and applies them in batches. A
 * rotation (c, s) on columns (j, j+1) maps (xⱼ, xⱼ₊₁) to (c·xⱼ + s·xⱼ₊₁, c·xⱼ₊₁ − s·xⱼ), LAPACK's
 * dlasr('R', 'V', dir) convention; a backward sweep applies its rotations last-to-first.
 */
export class RotationLog {
  /** (c, s) pairs for U, then for V, indexed by rotation number. */
  readonly csU: Float64Array;
  readonly csV: Float64Array;
  /** Per sweep: first column, rotation count, 1 if backward, offset of its first rotation. */
  private readonly sweeps = new Int32Array(4 * MAX_SWEEPS);
  private sweepCount = 0;
  private rotationCount = 0;
  private readonly capacity: number;

  constructor(
    private readonly n: number,
    private readonly u: RotatedVectors,
    private readonly v: RotatedVectors,
    /** Checked every 64 rows of a flush: a flush of a 2048×2048 SVD takes most of a second. */
    private readonly progress: SvdProgress | null = null,
  ) {
    this.capacity = Math.max(MIN_CAPACITY, 2 * n);
    this.csU = new Float64Array(2 * this.capacity);
    this.csV = new Float64Array(2 * this.capacity);
  }

  /**
   * Opens a sweep of `count` rotations starting at column `first` and returns the index of its
   * first rotation: the caller writes rotation t's (c, s) at csU/csV[2(index + t)], [2(index + t) + 1].
   */
  begin(first: number, count: number, backward: boolean): number {
    if (this.rotationCount + count > this.capacity || this.sweepCount === MAX_SWEEPS) this.flush();
    const index = this.rotationCount;
    const p = 4 * this.sweepCount;
    this.sweeps[p] = first;
    this.sweeps[p + 1] = count;
    this.sweeps[p + 2] = backward ? 1 : 0;
    this.sweeps[p + 3] = index;
    this.sweepCount++;
    this.rotationCount += count;
    return index;
  }

  /** Applies everything recorded so far to U and V and empties the log. */
  flush(): void {
    if (this.sweepCount === 0) return;
    const wasm = wasmKernels();
    const apply = wasm === null ? applySweeps : applySweepsWasm.bind(null, wasm, this.n);
    apply(this.u, this.csU, this.sweeps, this.sweepCount, this.progress);
    apply(this.v, this.csV, this.sweeps, this.sweepCount, this.progress);
    this.sweepCount = 0;
    this.rotationCount = 0;
  }
}

/** Rows per call of the WebAssembly kernel, between checks for cancellation. */
const WASM_ROWS = 64;

/**
 * applySweeps in WebAssembly (src/linalg/wasm/as/rotations.ts: the same operations, so the same
 * bits): the matrix, the (c, s) pairs and the sweep table are copied in, rotated, copied back.
 */
function applySweepsWasm(
  wasm: WasmKernels, cols: number, m: RotatedVectors, cs: Float64Array, sweeps: Int32Array, count: number, progress: SvdProgress | null,
): void {
  const size = m.rows * m.stride;
  const rotations = count === 0 ? 0 : sweeps[4 * count - 1] + sweeps[4 * count - 3];
  const pa = wasm.push(8 * (size + 2 * rotations + 2 * count + 8 * cols));
  try {
    const pcs = pa + 8 * size, psw = pcs + 16 * rotations, scratch = psw + 16 * count;
    wasm.view(pa, size).set(m.data.subarray(0, size));
    wasm.view(pcs, 2 * rotations).set(cs.subarray(0, 2 * rotations));
    const table = wasm.view(psw, 2 * count);
    new Int32Array(table.buffer, table.byteOffset, 4 * count).set(sweeps.subarray(0, 4 * count));
    for (let r = 0; r < m.rows; r += WASM_ROWS) {
      progress?.check();
      const rows = Math.min(WASM_ROWS, m.rows - r);
      wasm.exports.rotateRows(pa + 8 * r * m.stride, rows, m.stride, cols, pcs, psw, count, scratch);
    }
    m.data.set(wasm.view(pa, size));
  } finally {
    wasm.pop(pa);
  }
}

function applySweeps(m: RotatedVectors, cs: Float64Array, sweeps: Int32Array, count: number, progress: SvdProgress | null): void {
  const a = m.data;
  const stride = m.stride;
  let r = 0;
  for (; r + 3 < m.rows; r += 4) {
    if (progress !== null && (r & 63) === 0) progress.check();
    const b = r * stride;
    for (let q = 0; q < 4 * count; q += 4) {
      if (sweeps[q + 2] === 0) forward4(a, b, stride, sweeps[q], sweeps[q + 1], cs, 2 * sweeps[q + 3]);
      else backward4(a, b, stride, sweeps[q], sweeps[q + 1], cs, 2 * sweeps[q + 3]);
    }
  }
  for (; r < m.rows; r++) {
    const b = r * stride;
    for (let q = 0; q < 4 * count; q += 4) {
      if (sweeps[q + 2] === 0) forward1(a, b, sweeps[q], sweeps[q + 1], cs, 2 * sweeps[q + 3]);
      else backward1(a, b, sweeps[q], sweeps[q + 1], cs, 2 * sweeps[q + 3]);
    }
  }
}

// Rows b, b+stride, b+2·stride, b+3·stride; x carries column j's value from one rotation to the next.
function forward4(a: Float64Array, b: number, stride: number, first: number, count: number, cs: Float64Array, p: number): void {
  const b0 = b + first;
  const b1 = b0 + stride;
  const b2 = b1 + stride;
  const b3 = b2 + stride;
  let x0 = a[b0], x1 = a[b1], x2 = a[b2], x3 = a[b3];
  for (let t = 0; t < count; t++) {
    const c = cs[p + 2 * t];
    const s = cs[p + 2 * t + 1];
    const y0 = a[b0 + t + 1], y1 = a[b1 + t + 1], y2 = a[b2 + t + 1], y3 = a[b3 + t + 1];
    a[b0 + t] = c * x0 + s * y0;
    a[b1 + t] = c * x1 + s * y1;
    a[b2 + t] = c * x2 + s * y2;
    a[b3 + t] = c * x3 + s * y3;
    x0 = c * y0 - s * x0;
    x1 = c * y1 - s * x1;
    x2 = c * y2 - s * x2;
    x3 = c * y3 - s * x3;
  }
  a[b0 + count] = x0;
  a[b1 + count] = x1;
  a[b2 + count] = x2;
  a[b3 + count] = x3;
}

function backward4(a: Float64Array, b: number, stride: number, first: number, count: number, cs: Float64Array, p: number): void {
  const b0 = b + first;
  const b1 = b0 + stride;
  const b2 = b1 + stride;
  const b3 = b2 + stride;
  let y0 = a[b0 + count], y1 = a[b1 + count], y2 = a[b2 + count], y3 = a[b3 + count];
  for (let t = count - 1; t >= 0; t--) {
    const c = cs[p + 2 * t];
    const s = cs[p + 2 * t + 1];
    const x0 = a[b0 + t], x1 = a[b1 + t], x2 = a[b2 + t], x3 = a[b3 + t];
    a[b0 + t + 1] = c * y0 - s * x0;
    a[b1 + t + 1] = c * y1 - s * x1;
    a[b2 + t + 1] = c * y2 - s * x2;
    a[b3 + t + 1] = c * y3 - s * x3;
    y0 = c * x0 + s * y0;
    y1 = c * x1 + s * y1;
    y2 = c * x2 + s * y2;
    y3 = c * x3 + s * y3;
  }
  a[b0] = y0;
  a[b1] = y1;
  a[b2] = y2;
  a[b3] = y3;
}

function forward1(a: Float64Array, b: number, first: number, count: number, cs: Float64Array, p: number): void {
  const b0 = b + first;
  let x = a[b0];
  for (let t = 0; t < count; t++) {
    const c = cs[p + 2 * t];
    const s = cs[p + 2 * t + 1];
    const y = a[b0 + t + 1];
    a[b0 + t] = c * x + s * y;
    x = c * y - s * x;
  }
  a[b0 + count] = x;
}

function backward1(a: Float64Array, b: number, first: number, count: number, cs: Float64Array, p: number): void {
  const b0 = b + first;
  let y = a[b0 + count];
  for (let t = count - 1; t >= 0; t--) {
    const c = cs[p + 2 * t];
    const s = cs[p + 2 * t + 1];
    const x = a[b0 + t];
    a[b0 + t + 1] = c * y - s * x;
    y = c * x + s * y;
  }
  a[b0] = y;
}
