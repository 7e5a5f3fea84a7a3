/**
 * Householder reflectors H = I − τ·v·vᵀ on column-major Float64Arrays: making one, applying a
 * block of four at once (compact WY form I − V·T·Vᵀ), and multiplying a sequence of them out into
 * an explicit orthogonal matrix. These are the building blocks of QR and bidiagonalization.
 *
 * Storage convention shared with the callers: a reflector is stored as its tail v[1..] in place of
 * the entries it annihilated; v[0] = 1 is implicit. Column-major keeps every column operation a
 * contiguous loop, which is what V8 runs fastest.
 */

import type { SvdProgress } from './progress.js';
import { wasmKernels } from './wasm/module.js';
import { minPart, runSplit } from './wasm/threads.js';

/** LAPACK's dlarfg threshold safmin/ε = 2⁻⁹⁶⁹: below it 1/β could overflow. */
const SAFE_MIN = 2 ** -969;

/** Below this, a sum of squares may have lost digits to underflow and is recomputed scaled. */
const SUM_OF_SQUARES_FLOOR = 1e-280;

/**
 * Euclidean norm of x[start .. start+len), as √(Σ xᵢ²) — one pass in the common case; when the sum
 * is so small that squares may have underflowed, recomputed as max|x|·√(Σ (xᵢ/max)²).
 */
export function tailNorm(x: Float64Array, start: number, len: number): number {
  let ssq = 0;
  const end = start + len;
  for (let i = start; i < end; i++) ssq += x[i] * x[i];
  if (ssq >= SUM_OF_SQUARES_FLOOR) return Math.sqrt(ssq);
  let big = 0;
  for (let i = start; i < end; i++) big = Math.max(big, Math.abs(x[i]));
  if (big === 0) return 0;
  ssq = 0;
  for (let i = start; i < end; i++) {
    const t = x[i] / big;
    ssq += t * t;
  }
  return big * Math.sqrt(ssq);
}

/**
 * LAPACK's dlarfg on x = a[start .. start+len): finds H = I − τ·v·vᵀ with v₀ = 1 such that
 * H·x = β·e₀, β = −sign(x₀)·‖x‖ (the sign that avoids cancellation in x₀ − β). Overwrites
 * a[start+1 ..] with v's tail, writes τ to tau[tauIndex] and returns β. τ = 0 (H = I) when the
 * tail is already zero, so a zero column passes through unchanged.
 */
export function makeReflector(a: Float64Array, start: number, len: number, tau: Float64Array, tauIndex: number): number {
  let alpha = a[start];
  let xnorm = len > 1 ? tailNorm(a, start + 1, len - 1) : 0;
  if (xnorm === 0) {
    tau[tauIndex] = 0;
    return alpha;
  }
  const end = start + len;
  let beta = -(alpha >= 0 ? 1 : -1) * Math.hypot(alpha, xnorm);
  // A β this small would make 1/(α − β) overflow: rescale x up first, and β back down after.
  let rescaled = 0;
  while (Math.abs(beta) < SAFE_MIN && rescaled < 20) {
    rescaled++;
    for (let i = start + 1; i < end; i++) a[i] *= 1 / SAFE_MIN;
    beta /= SAFE_MIN;
    alpha /= SAFE_MIN;
  }
  if (rescaled > 0) {
    xnorm = tailNorm(a, start + 1, len - 1);
    beta = -(alpha >= 0 ? 1 : -1) * Math.hypot(alpha, xnorm);
  }
  tau[tauIndex] = (beta - alpha) / beta;
  const scale = 1 / (alpha - beta);
  for (let i = start + 1; i < end; i++) a[i] *= scale;
  for (let k = 0; k < rescaled; k++) beta *= SAFE_MIN;
  return beta;
}

/**
 * A block of up to four reflectors H₀H₁H₂H₃ = I − V·T·Vᵀ (LAPACK's dlarft, forward, columnwise):
 * V is interleaved row by row (V[4i + t] is row i of vₜ, explicit zeros above and 1 on its
 * diagonal) so one sequential sweep feeds all four, and T is 4×4 upper triangular, row-major.
 * Missing reflectors of a short block are zero columns with τ = 0.
 */
export interface ReflectorBlock {
  readonly v: Float64Array;
  readonly t: Float64Array;
  /** Scratch for the Gram entries vⱼ·vᵢ while T is built. */
  readonly g: Float64Array;
  rows: number;
}

/** Workspace for blocks of height up to `maxRows`; allocated once per factorization. */
export function reflectorBlock(maxRows: number): ReflectorBlock {
  return { v: new Float64Array(4 * Math.max(1, maxRows)), t: new Float64Array(16), g: new Float64Array(4), rows: 0 };
}

/**
 * Loads reflectors first .. first+count−1 (count ≤ 4) into `block`, restricted to rows
 * rowStart .. size−1. Reflector k has its implicit 1 at row k + shift and its tail below that in
 * column k of `refl` (leading dimension ld). Then builds T from τ and the Gram matrix Vᵀ·V:
 * T[j][i] = −τᵢ·Σₗ T[j][l]·(vₗ·vᵢ), T[i][i] = τᵢ.
 */
export function loadBlock(
  block: ReflectorBlock, refl: Float64Array, ld: number, shift: number,
  tau: Float64Array, first: number, count: number, rowStart: number, size: number,
): void {
  const rows = size - rowStart;
  const v = block.v;
  block.rows = rows;
  for (let t = 0; t < 4; t++) {
    const k = first + t;
    const one = k + shift;
    const col = k * ld;
    for (let i = 0; i < rows; i++) {
      const r = rowStart + i;
      v[4 * i + t] = t >= count || r < one ? 0 : r === one ? 1 : refl[col + r];
    }
  }
  const T = block.t;
  T.fill(0);
  for (let i = 0; i < count; i++) {
    const ti = tau[first + i];
    T[5 * i] = ti;
    // g[j] = vⱼ·vᵢ for j < i, then column i of T is −τᵢ·T[0..i)[0..i)·g.
    const g = block.g;
    g.fill(0);
    for (let r = 0; r < rows; r++) {
      const vi = v[4 * r + i];
      for (let j = 0; j < i; j++) g[j] += v[4 * r + j] * vi;
    }
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let l = j; l < i; l++) s += T[4 * j + l] * g[l];
      T[4 * j + i] = -ti * s;
    }
  }
}

/**
 * C ← (I − V·T·Vᵀ)·C, or with Tᵀ when `transpose` (that is the product of the same reflectors in
 * reverse order), on rows rowStart .. rowStart+block.rows of columns colStart .. colEnd−1 of the
 * column-major matrix c (leading dimension ldc). Per column: four dot products in one sweep,
 * a 4×4 triangular multiply, four axpys in a second sweep — half the passes of one reflector at a
 * time; and two columns share each sweep, so every row of V is loaded once for both.
 */
export function applyBlock(
  block: ReflectorBlock, transpose: boolean, c: Float64Array, ldc: number,
  rowStart: number, colStart: number, colEnd: number,
): void {
  const v = block.v;
  const rows = block.rows;
  const T = block.t;
  const t00 = T[0], t01 = T[1], t02 = T[2], t03 = T[3];
  const t11 = T[5], t12 = T[6], t13 = T[7];
  const t22 = T[10], t23 = T[11], t33 = T[15];
  let j = colStart;
  // Two columns per sweep: each interleaved row of V is loaded once for both.
  for (; j + 1 < colEnd; j += 2) {
    const b1 = j * ldc + rowStart;
    const b2 = b1 + ldc;
    let w0 = 0, w1 = 0, w2 = 0, w3 = 0, x0 = 0, x1 = 0, x2 = 0, x3 = 0;
    for (let i = 0, p = 0; i < rows; i++, p += 4) {
      const c1 = c[b1 + i];
      const c2 = c[b2 + i];
      const v0 = v[p], v1 = v[p + 1], v2 = v[p + 2], v3 = v[p + 3];
      w0 += v0 * c1;
      w1 += v1 * c1;
      w2 += v2 * c1;
      w3 += v3 * c1;
      x0 += v0 * c2;
      x1 += v1 * c2;
      x2 += v2 * c2;
      x3 += v3 * c2;
    }
    let y0: number, y1: number, y2: number, y3: number, z0: number, z1: number, z2: number, z3: number;
    if (transpose) {
      y0 = t00 * w0;
      y1 = t01 * w0 + t11 * w1;
      y2 = t02 * w0 + t12 * w1 + t22 * w2;
      y3 = t03 * w0 + t13 * w1 + t23 * w2 + t33 * w3;
      z0 = t00 * x0;
      z1 = t01 * x0 + t11 * x1;
      z2 = t02 * x0 + t12 * x1 + t22 * x2;
      z3 = t03 * x0 + t13 * x1 + t23 * x2 + t33 * x3;
    } else {
      y0 = t00 * w0 + t01 * w1 + t02 * w2 + t03 * w3;
      y1 = t11 * w1 + t12 * w2 + t13 * w3;
      y2 = t22 * w2 + t23 * w3;
      y3 = t33 * w3;
      z0 = t00 * x0 + t01 * x1 + t02 * x2 + t03 * x3;
      z1 = t11 * x1 + t12 * x2 + t13 * x3;
      z2 = t22 * x2 + t23 * x3;
      z3 = t33 * x3;
    }
    for (let i = 0, p = 0; i < rows; i++, p += 4) {
      const v0 = v[p], v1 = v[p + 1], v2 = v[p + 2], v3 = v[p + 3];
      c[b1 + i] -= v0 * y0 + v1 * y1 + (v2 * y2 + v3 * y3);
      c[b2 + i] -= v0 * z0 + v1 * z1 + (v2 * z2 + v3 * z3);
    }
  }
  for (; j < colEnd; j++) {
    const base = j * ldc + rowStart;
    let w0 = 0, w1 = 0, w2 = 0, w3 = 0;
    for (let i = 0, p = 0; i < rows; i++, p += 4) {
      const x = c[base + i];
      w0 += v[p] * x;
      w1 += v[p + 1] * x;
      w2 += v[p + 2] * x;
      w3 += v[p + 3] * x;
    }
    let y0: number, y1: number, y2: number, y3: number;
    if (transpose) {
      y0 = t00 * w0;
      y1 = t01 * w0 + t11 * w1;
      y2 = t02 * w0 + t12 * w1 + t22 * w2;
      y3 = t03 * w0 + t13 * w1 + t23 * w2 + t33 * w3;
    } else {
      y0 = t00 * w0 + t01 * w1 + t02 * w2 + t03 * w3;
      y1 = t11 * w1 + t12 * w2 + t13 * w3;
      y2 = t22 * w2 + t23 * w3;
      y3 = t33 * w3;
    }
    for (let i = 0, p = 0; i < rows; i++, p += 4) {
      c[base + i] -= v[p] * y0 + v[p + 1] * y1 + (v[p + 2] * y2 + v[p + 3] * y3);
    }
  }
}

/**
 * The size×size orthogonal matrix H₀·H₁·…·H_{count−1} (column-major), reflector k acting on
 * indices k+shift .. size−1 as stored by {@link loadBlock}. Accumulated backwards (LAPACK's
 * dorg2r order): applying the last reflectors first means each block only touches the trailing
 * rows and columns that are not still identity, which is about half the work of going forwards.
 * `progress` gets a checkpoint per block, weighted by the block's (size − start)² work.
 */
export function reflectorProduct(
  size: number, refl: Float64Array, ld: number, shift: number, tau: Float64Array, count: number,
  progress: SvdProgress | null = null,
): Float64Array {
  const q = new Float64Array(size * size);
  for (let i = 0; i < size; i++) q[i * size + i] = 1;
  const block = reflectorBlock(size);
  const last = Math.floor((count - 1) / 4) * 4;
  let total = 0;
  if (progress !== null) for (let first = last; first >= 0; first -= 4) total += Math.max(0, size - first - shift) ** 2;
  let done = 0;
  onMatrix(q, size, (_, apply) => {
    for (let first = last; first >= 0; first -= 4) {
      const rowStart = first + shift;
      if (rowStart >= size) continue;
      if (progress !== null) {
        progress.at(done / total);
        done += (size - rowStart) ** 2;
      }
      loadBlock(block, refl, ld, shift, tau, first, Math.min(4, count - first), rowStart, size);
      apply(block, false, rowStart, rowStart, size);
    }
  });
  return q;
}

/**
 * The first `cols` columns of Q = H₀·H₁·…·H_{cols−1} from a Householder QR ({@link qrFactor}'s
 * reflectors in `refl`, column-major rows×cols, and `tau`): a rows×cols column-major matrix with
 * orthonormal columns, Q·eⱼ for j < cols. Accumulated backwards as LAPACK's dorg2r does, four
 * reflectors at a time, so each block only touches the rows and columns that are not still the
 * identity.
 */
export function thinQ(refl: Float64Array, rows: number, cols: number, tau: Float64Array): Float64Array {
  const q = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) q[j * rows + j] = 1;
  const block = reflectorBlock(rows);
  onMatrix(q, rows, (_, apply) => {
    for (let first = Math.floor((cols - 1) / 4) * 4; first >= 0; first -= 4) {
      loadBlock(block, refl, rows, 0, tau, first, Math.min(4, cols - first), first, rows);
      // Columns before `first` are still unit vectors with zeros where this block acts.
      apply(block, false, first, first, cols);
    }
  });
  return q;
}

/**
 * Householder QR of the column-major m×n matrix a (m ≥ n), in place: R on and above the diagonal,
 * reflector tails below it, τ in tau. Panels of four columns are factored one reflector at a time
 * and then applied to the rest of the matrix as one block, Qᵀ = H₃H₂H₁H₀ = I − V·Tᵀ·Vᵀ.
 * `progress` gets a checkpoint per panel, weighted by the panel's (m − first)·(n − first) work.
 */
export function qrFactor(matrix: Float64Array, m: number, n: number, tau: Float64Array, progress: SvdProgress | null = null): void {
  onMatrix(matrix, m, (a, apply) => {
    const block = reflectorBlock(m);
    let total = 0;
    if (progress !== null) for (let first = 0; first < n; first += 4) total += (m - first) * (n - first);
    let done = 0;
    for (let first = 0; first < n; first += 4) {
      if (progress !== null) {
        progress.at(done / total);
        done += (m - first) * (n - first);
      }
      const count = Math.min(4, n - first);
      for (let k = first; k < first + count; k++) {
        const kb = k * m + k;
        a[kb] = makeReflector(a, kb, m - k, tau, k);
        const tk = tau[k];
        if (tk === 0) continue;
        // Only the rest of the panel now; the trailing columns get the whole panel at once below.
        for (let j = k + 1; j < first + count; j++) {
          const jb = j * m + k;
          let w = a[jb];
          for (let i = 1; i < m - k; i++) w += a[kb + i] * a[jb + i];
          w *= tk;
          a[jb] -= w;
          for (let i = 1; i < m - k; i++) a[jb + i] -= w * a[kb + i];
        }
      }
      if (first + count < n) {
        loadBlock(block, a, m, 0, tau, first, count, first, m);
        apply(block, true, first, first + count, n);
      }
    }
  });
}

/** Applies a loaded block (see {@link applyBlock}) to rows rowStart.. of columns colStart..colEnd−1 of the matrix at hand. */
export type BlockApply = (block: ReflectorBlock, transpose: boolean, rowStart: number, colStart: number, colEnd: number) => void;

/** Below this many entries a matrix is not worth copying into WebAssembly memory. */
const WASM_MIN_ENTRIES = 1024;

/**
 * Runs `body` on the column-major matrix c (leading dimension ldc) with a {@link BlockApply} for
 * it. When the WebAssembly kernels run here, c is copied into their memory, `body` gets that copy
 * and blocks are applied by src/linalg/wasm/as/reflectors.ts (the same operations in the same
 * order as applyBlock: the same bits), and c receives the result at the end; else `body` gets c
 * itself and applyBlock. `body` must not start other WebAssembly work (its view would go stale).
 */
export function onMatrix<T>(c: Float64Array, ldc: number, body: (c: Float64Array, apply: BlockApply) => T): T {
  const wasm = c.length >= WASM_MIN_ENTRIES ? wasmKernels() : null;
  if (wasm === null) return body(c, (block, transpose, rowStart, colStart, colEnd) => applyBlock(block, transpose, c, ldc, rowStart, colStart, colEnd));
  const size = c.length;
  const pc = wasm.push(8 * (size + 4 * ldc + 16));
  try {
    const pv = pc + 8 * size;
    const pt = pv + 32 * ldc;
    wasm.view(pc, size).set(c);
    const result = body(wasm.view(pc, size), (block, transpose, rowStart, colStart, colEnd) => {
      wasm.view(pv, 4 * block.rows).set(block.v.subarray(0, 4 * block.rows));
      wasm.view(pt, 16).set(block.t);
      // Columns are independent: the kernel threads (wasm/threads.ts) take contiguous runs of them.
      runSplit('applyReflectorBlock', colStart, colEnd, 1, minPart(4 * block.rows),
        (c0, c1) => [pv, block.rows, pt, transpose ? 1 : 0, pc, ldc, rowStart, c0, c1]);
    });
    c.set(wasm.view(pc, size));
    return result;
  } finally {
    wasm.pop(pc);
  }
}
