/**
 * The two products a randomized SVD spends nearly all its time in: A·X and Wᵀ·A, with A large
 * (m×n, row-major, up to 4096×4096) and X, W thin (ℓ ≲ 100 columns). Each is one sweep over A.
 *
 * Both keep A's rows contiguous in the innermost loop and block A's columns so that the thin
 * operand's slice (ℓ × 512 doubles, ≈ 300 KB at ℓ = 74) stays in the L2 cache while every row of
 * A streams past once per block. Register blocking of 4 rows of A × 4 columns of the thin matrix
 * uses each loaded number four times; V8 does not vectorize, so this is what buys speed: 4–5
 * GFlop/s on one core of the development machine (AMD EPYC, idle) at 4096×4096 with ℓ = 74.
 */

import { wasmKernels } from './wasm/module.js';
import { minPart, runSplit } from './wasm/threads.js';

/** Columns of A per block: the thin operand's slice then fits in L2 (see the file comment). */
const COLUMN_BLOCK = 512;

/** How often (in rows of A) the products call their checkpoint. */
const TICK_ROWS = 64;

/** A checkpoint inside a sweep: the fraction of the sweep done (it may throw to cancel). */
export type SweepTick = (fraction: number) => void;

/**
 * yt ← (A·X)ᵀ. A is m×n row-major; X (n×ℓ) is given column-major, i.e. as xt = Xᵀ, ℓ×n
 * row-major; the result yt is ℓ×m row-major, which is A·X column-major — the layout Householder
 * QR wants next. Entry (i, r) of A·X is the dot product of row i of A with row r of xt, both
 * contiguous.
 */
export function multiplyThin(
  a: Float64Array, m: number, n: number, xt: Float64Array, l: number, yt: Float64Array, tick: SweepTick | null = null,
): void {
  yt.fill(0, 0, l * m);
  const blocks = Math.ceil(n / COLUMN_BLOCK);
  for (let j0 = 0, b = 0; j0 < n; j0 += COLUMN_BLOCK, b++) {
    const j1 = Math.min(n, j0 + COLUMN_BLOCK);
    let i = 0;
    for (; i + 3 < m; i += 4) {
      if (tick !== null && i % TICK_ROWS === 0) tick((b * m + i) / (blocks * m));
      let r = 0;
      for (; r + 3 < l; r += 4) dotFourByFour(a, n, i, xt, r, j0, j1, yt, m);
      for (; r < l; r++) for (let t = 0; t < 4; t++) yt[r * m + i + t] += dot(a, (i + t) * n, xt, r * n, j0, j1);
    }
    for (; i < m; i++) for (let r = 0; r < l; r++) yt[r * m + i] += dot(a, i * n, xt, r * n, j0, j1);
  }
}

/**
 * zt ← Wᵀ·A, ℓ×n row-major (which is Aᵀ·W column-major). W (m×ℓ) is given column-major, i.e. as
 * wt = Wᵀ, ℓ×m row-major. Row r of the result is Σᵢ W[i][r]·(row i of A): axpys of contiguous
 * rows of A into contiguous rows of zt, four rows of A into four rows of zt at a time.
 */
export function multiplyTransposedThin(
  a: Float64Array, m: number, n: number, wt: Float64Array, l: number, zt: Float64Array, tick: SweepTick | null = null,
): void {
  zt.fill(0, 0, l * n);
  const blocks = Math.ceil(n / COLUMN_BLOCK);
  for (let j0 = 0, b = 0; j0 < n; j0 += COLUMN_BLOCK, b++) {
    const j1 = Math.min(n, j0 + COLUMN_BLOCK);
    let i = 0;
    for (; i + 3 < m; i += 4) {
      if (tick !== null && i % TICK_ROWS === 0) tick((b * m + i) / (blocks * m));
      let r = 0;
      for (; r + 3 < l; r += 4) axpyFourByFour(a, n, i, wt, m, r, j0, j1, zt);
      for (; r < l; r++) for (let t = 0; t < 4; t++) axpy(wt[r * m + i + t], a, (i + t) * n, zt, r * n, j0, j1);
    }
    for (; i < m; i++) for (let r = 0; r < l; r++) axpy(wt[r * m + i], a, i * n, zt, r * n, j0, j1);
  }
}

/** yt[r..r+3][i..i+3] += A[i..i+3][j0..j1) · xt[r..r+3][j0..j1)ᵀ: sixteen dot products in one sweep. */
function dotFourByFour(
  a: Float64Array, n: number, i: number, xt: Float64Array, r: number, j0: number, j1: number, yt: Float64Array, m: number,
): void {
  const a0 = i * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n;
  const x0 = r * n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
  for (let j = j0; j < j1; j++) {
    const u0 = xt[x0 + j], u1 = xt[x1 + j], u2 = xt[x2 + j], u3 = xt[x3 + j];
    let p = a[a0 + j];
    s00 += p * u0; s01 += p * u1; s02 += p * u2; s03 += p * u3;
    p = a[a1 + j];
    s10 += p * u0; s11 += p * u1; s12 += p * u2; s13 += p * u3;
    p = a[a2 + j];
    s20 += p * u0; s21 += p * u1; s22 += p * u2; s23 += p * u3;
    p = a[a3 + j];
    s30 += p * u0; s31 += p * u1; s32 += p * u2; s33 += p * u3;
  }
  const y0 = r * m + i, y1 = y0 + m, y2 = y1 + m, y3 = y2 + m;
  yt[y0] += s00; yt[y0 + 1] += s10; yt[y0 + 2] += s20; yt[y0 + 3] += s30;
  yt[y1] += s01; yt[y1 + 1] += s11; yt[y1 + 2] += s21; yt[y1 + 3] += s31;
  yt[y2] += s02; yt[y2 + 1] += s12; yt[y2 + 2] += s22; yt[y2 + 3] += s32;
  yt[y3] += s03; yt[y3 + 1] += s13; yt[y3 + 2] += s23; yt[y3 + 3] += s33;
}

/** zt[r..r+3][j0..j1) += W[i..i+3][r..r+3]ᵀ · A[i..i+3][j0..j1): four rows of A into four rows of zt. */
function axpyFourByFour(
  a: Float64Array, n: number, i: number, wt: Float64Array, m: number, r: number, j0: number, j1: number, zt: Float64Array,
): void {
  const a0 = i * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n;
  const w0 = r * m + i, w1 = w0 + m, w2 = w1 + m, w3 = w2 + m;
  const c00 = wt[w0], c01 = wt[w0 + 1], c02 = wt[w0 + 2], c03 = wt[w0 + 3];
  const c10 = wt[w1], c11 = wt[w1 + 1], c12 = wt[w1 + 2], c13 = wt[w1 + 3];
  const c20 = wt[w2], c21 = wt[w2 + 1], c22 = wt[w2 + 2], c23 = wt[w2 + 3];
  const c30 = wt[w3], c31 = wt[w3 + 1], c32 = wt[w3 + 2], c33 = wt[w3 + 3];
  const z0 = r * n, z1 = z0 + n, z2 = z1 + n, z3 = z2 + n;
  for (let j = j0; j < j1; j++) {
    const p = a[a0 + j], q = a[a1 + j], s = a[a2 + j], t = a[a3 + j];
    zt[z0 + j] += c00 * p + c01 * q + c02 * s + c03 * t;
    zt[z1 + j] += c10 * p + c11 * q + c12 * s + c13 * t;
    zt[z2 + j] += c20 * p + c21 * q + c22 * s + c23 * t;
    zt[z3 + j] += c30 * p + c31 * q + c32 * s + c33 * t;
  }
}

function dot(a: Float64Array, ai: number, x: Float64Array, xi: number, j0: number, j1: number): number {
  let s = 0;
  for (let j = j0; j < j1; j++) s += a[ai + j] * x[xi + j];
  return s;
}

function axpy(c: number, a: Float64Array, ai: number, z: Float64Array, zi: number, j0: number, j1: number): void {
  if (c === 0) return;
  for (let j = j0; j < j1; j++) z[zi + j] += c * a[ai + j];
}

/** The two products with one fixed A (m×n row-major), as the randomized SVD uses them. */
export interface ThinOperator {
  /** yt ← (A·X)ᵀ as {@link multiplyThin}. */
  multiply(xt: Float64Array, l: number, yt: Float64Array, tick: SweepTick | null): void;
  /** zt ← Wᵀ·A as {@link multiplyTransposedThin}. */
  multiplyTransposed(wt: Float64Array, l: number, zt: Float64Array, tick: SweepTick | null): void;
  /** Frees what the operator holds (A's copy in WebAssembly memory); call it once, in a finally. */
  release(): void;
}

/** Rows of A per call of the WebAssembly A·X (then a checkpoint), and columns per call of Wᵀ·A. */
const WASM_ROWS = 256;

/**
 * The products A·X and Wᵀ·A of a fixed A: in WebAssembly SIMD (src/linalg/wasm/as/products.ts)
 * when it runs here, with A copied into its memory once for all the sweeps, else the JavaScript
 * functions above. Both compute every entry as a sum in an order fixed by the sizes, so the same
 * inputs give the same bits on every run — and on any number of threads (wasm/threads.ts splits
 * A·X by rows of A and Wᵀ·A by columns).
 */
export function thinOperator(a: Float64Array, m: number, n: number): ThinOperator {
  const wasm = wasmKernels();
  if (wasm === null) {
    return {
      multiply: (xt, l, yt, tick) => multiplyThin(a, m, n, xt, l, yt, tick),
      multiplyTransposed: (wt, l, zt, tick) => multiplyTransposedThin(a, m, n, wt, l, zt, tick),
      release: () => {},
    };
  }
  const pa = wasm.push(8 * m * n);
  wasm.view(pa, m * n).set(a.subarray(0, m * n));
  /** Copies `input` in, runs `steps` chunks (checkpoint before each), copies `output` out. */
  const run = (input: Float64Array, output: Float64Array, steps: number, tick: SweepTick | null, step: (s: number, pin: number, pout: number) => number): void => {
    const pin = wasm.push(8 * (input.length + output.length));
    try {
      const pout = pin + 8 * input.length;
      wasm.view(pin, input.length).set(input);
      for (let s = 0; s < steps; s++) {
        const done = step(s, pin, pout);
        if (tick !== null) tick(done);
      }
      output.set(wasm.view(pout, output.length));
    } finally {
      wasm.pop(pin);
    }
  };
  return {
    multiply(xt, l, yt, tick) {
      run(xt.subarray(0, l * n), yt.subarray(0, l * m), Math.ceil(m / WASM_ROWS), tick, (s, px, py) => {
        runSplit('thinProduct', s * WASM_ROWS, Math.min(m, (s + 1) * WASM_ROWS), 4, minPart(n * l),
          (i0, i1) => [pa, m, n, px, l, py, i0, i1]);
        return Math.min(1, ((s + 1) * WASM_ROWS) / m);
      });
    },
    multiplyTransposed(wt, l, zt, tick) {
      run(wt.subarray(0, l * m), zt.subarray(0, l * n), Math.ceil(n / COLUMN_BLOCK), tick, (s, pw, pz) => {
        runSplit('thinTransposedProduct', s * COLUMN_BLOCK, Math.min(n, (s + 1) * COLUMN_BLOCK), 2, minPart(m * l),
          (c0, c1) => [pa, m, n, pw, l, pz, c0, c1]);
        return Math.min(1, ((s + 1) * COLUMN_BLOCK) / n);
      });
    },
    release: () => wasm.pop(pa),
  };
}
