/**
 * Householder bidiagonalization A = Q·B·Pᵀ of a column-major m×n matrix with m ≥ n (LAPACK's
 * dgebd2), B upper bidiagonal. The reflectors are kept so Q and P can be formed afterwards.
 *
 * Why fused passes: the textbook step reads and writes the trailing matrix four times (w = Aᵀv,
 * A −= τvwᵀ, z = Au, A −= τ'zuᵀ). Here the left update is fused with z = A·u, and the right update
 * with the next step's w = Aᵀv (whose v only needs one column to be updated first), so each step
 * sweeps the trailing matrix twice, four columns at a time (sharing the loads of v and z), in
 * contiguous column-major loops.
 */
import { makeReflector } from './householder.js';
import type { SvdProgress } from './progress.js';
import { wasmKernels } from './wasm/module.js';
import { minPart, runSplit } from './wasm/threads.js';

/** The bidiagonal and the reflectors of A = Q·B·Pᵀ; `a` itself holds Q's reflector tails. */
export interface Bidiagonal {
  /** Diagonal of B, length n (entries may be negative). */
  readonly d: Float64Array;
  /** Superdiagonal of B, e[k] = B[k][k+1], length n (the last entry is unused). */
  readonly e: Float64Array;
  /** τ of the left reflectors; reflector k's tail is in column k of `a`, below the diagonal. */
  readonly tauq: Float64Array;
  /** Right reflectors, column-major n×n: reflector k in column k, its 1 at row k+1. */
  readonly ur: Float64Array;
  /** τ of the right reflectors. */
  readonly taup: Float64Array;
}

/**
 * Reduces the column-major m×n matrix a (m ≥ n) in place to upper bidiagonal form B = Qᵀ·A·P
 * with Q = H₀⋯H_{n−1} and P = G₀⋯G_{n−2} products of Householder reflectors (Golub–Kahan). Costs
 * 4mn² − 4n³/3 flops; B has the same singular values as A, and A's singular vectors are Q and P
 * times B's. `progress` gets a checkpoint per column k, weighted by that step's (m − k)·(n − k) work.
 */
export function bidiagonalize(a: Float64Array, m: number, n: number, progress: SvdProgress | null = null): Bidiagonal {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const tauq = new Float64Array(n);
  const taup = new Float64Array(n);
  const wasm = n >= WASM_MIN_COLUMNS ? wasmKernels() : null;
  if (wasm === null) {
    const ur = new Float64Array(n * n);
    const z = new Float64Array(m); // A·u of the pending right reflector, rows k..m−1
    const w = new Float64Array(n); // vᵀ·A of the current left reflector
    const sweeps: Sweeps = {
      right: (k, up, tp) => rightUpdateAndDots(a, m, n, k, z, ur, up, tp, w),
      left: (k, uo, tq) => leftUpdateAndProduct(a, m, n, k, z, ur, uo, tq, w),
    };
    reduce(a, m, n, { d, e, tauq, ur, taup }, z, w, sweeps, progress);
    return { d, e, tauq, ur, taup };
  }
  // The same steps with the two sweeps in WebAssembly: a, z, w and ur live in its memory. (LAPACK's
  // blocked dgebrd/dlabrd was tried here, commit 69327d7, and measured 15–30% slower: its per-column
  // matrix–vector products read the trailing matrix twice per step, as these fused sweeps do, and
  // its GEMM half then adds a pass of its own.)
  const pa = wasm.push(8 * (m * n + n * n + m + n));
  try {
    const pur = pa + 8 * m * n, pz = pur + 8 * n * n, pw = pz + 8 * m;
    const wa = wasm.view(pa, m * n), wur = wasm.view(pur, n * n);
    wa.set(a);
    wur.fill(0);
    // On several threads (threads.ts) the right sweep splits its columns (in fours from k+1, as
    // the kernel groups them) and the left sweep its rows (z's entries are sums along rows), so
    // every entry is the same bits as on one thread.
    const sweeps: Sweeps = {
      right: (step, up, tp) => runSplit('bidiagRight', step + 1, n, 4, minPart(m - step),
        (j0, j1) => [pa, m, n, step, pz, pur, up, tp, pw, j0, j1]),
      left: (step, uo, tq) => runSplit('bidiagLeft', step + 1, m, 2, minPart(n - step - 1),
        (i0, i1) => [pa, m, n, step, pz, pur, uo, tq, pw, i0, i1]),
    };
    reduce(wa, m, n, { d, e, tauq, ur: wur, taup }, wasm.view(pz, m), wasm.view(pw, n), sweeps, progress);
    a.set(wa);
    return { d, e, tauq, ur: wur.slice(), taup };
  } finally {
    wasm.pop(pa);
  }
}

/** Σ_{j<k} (m − j)(n − j): the work of the first k steps, in closed form. */
function stepWork(m: number, n: number, k: number): number {
  return k * m * n - ((m + n) * (k - 1) * k) / 2 + ((k - 1) * k * (2 * k - 1)) / 6;
}

/** Below this many columns the copies into WebAssembly memory cost more than its speed gains. */
const WASM_MIN_COLUMNS = 16;

/** The two sweeps of step k over the trailing matrix (see the two functions below). */
interface Sweeps {
  right(k: number, up: number, tp: number): void;
  left(k: number, uo: number, tq: number): void;
}

/** The steps of the reduction, shared by the JavaScript and the WebAssembly sweeps. */
function reduce(
  a: Float64Array, m: number, n: number, out: Bidiagonal, z: Float64Array, w: Float64Array, sweeps: Sweeps,
  progress: SvdProgress | null,
): void {
  const { d, e, tauq, ur, taup } = out;
  let tp = 0; // τ of the right reflector whose update A −= τ·z·uᵀ is still pending
  let up = 0; // offset of that reflector in ur
  const total = stepWork(m, n, n);
  let done = 0;
  for (let k = 0; k < n; k++) {
    if (progress !== null) {
      progress.at(done / total);
      done += (m - k) * (n - k);
    }
    const kb = k * m;
    if (tp !== 0) {
      const g = tp * ur[up + k];
      for (let i = k; i < m; i++) a[kb + i] -= g * z[i];
    }
    d[k] = makeReflector(a, kb + k, m - k, tauq, k);
    if (k === n - 1) break;
    const tq = tauq[k];
    sweeps.right(k, up, tp);
    const uo = k * n;
    for (let j = k + 1; j < n; j++) ur[uo + j] = a[j * m + k] - tq * w[j];
    e[k] = makeReflector(ur, uo + k + 1, n - k - 1, taup, k);
    ur[uo + k + 1] = 1;
    tp = taup[k];
    up = uo;
    sweeps.left(k, uo, tq);
  }
}

/**
 * For columns j > k, rows k..m−1: aⱼ −= τ_p·u[j]·z (the pending right reflector), then
 * w[j] = vᵀ·aⱼ with v the left reflector just stored in column k (v[k] = 1 implicitly).
 */
function rightUpdateAndDots(
  a: Float64Array, m: number, n: number, k: number, z: Float64Array,
  ur: Float64Array, up: number, tp: number, w: Float64Array,
): void {
  const kb = k * m;
  const zk = z[k];
  let j = k + 1;
  for (; j + 3 < n; j += 4) {
    const g1 = tp * ur[up + j];
    const g2 = tp * ur[up + j + 1];
    const g3 = tp * ur[up + j + 2];
    const g4 = tp * ur[up + j + 3];
    const b1 = j * m;
    const b2 = b1 + m;
    const b3 = b2 + m;
    const b4 = b3 + m;
    const x1 = a[b1 + k] - g1 * zk;
    const x2 = a[b2 + k] - g2 * zk;
    const x3 = a[b3 + k] - g3 * zk;
    const x4 = a[b4 + k] - g4 * zk;
    a[b1 + k] = x1;
    a[b2 + k] = x2;
    a[b3 + k] = x3;
    a[b4 + k] = x4;
    let s1 = x1, s2 = x2, s3 = x3, s4 = x4;
    for (let i = k + 1; i < m; i++) {
      const zi = z[i];
      const vi = a[kb + i];
      const y1 = a[b1 + i] - g1 * zi;
      const y2 = a[b2 + i] - g2 * zi;
      const y3 = a[b3 + i] - g3 * zi;
      const y4 = a[b4 + i] - g4 * zi;
      a[b1 + i] = y1;
      a[b2 + i] = y2;
      a[b3 + i] = y3;
      a[b4 + i] = y4;
      s1 += vi * y1;
      s2 += vi * y2;
      s3 += vi * y3;
      s4 += vi * y4;
    }
    w[j] = s1;
    w[j + 1] = s2;
    w[j + 2] = s3;
    w[j + 3] = s4;
  }
  for (; j < n; j++) {
    const g = tp * ur[up + j];
    const b = j * m;
    let s = 0;
    for (let i = k; i < m; i++) {
      const y = a[b + i] - g * z[i];
      a[b + i] = y;
      s += (i === k ? 1 : a[kb + i]) * y;
    }
    w[j] = s;
  }
}

/**
 * For columns j > k, rows k+1..m−1: aⱼ −= τ_q·w[j]·v (the left reflector), accumulating
 * z = A·u (u the new right reflector) from the updated columns in the same sweep.
 */
function leftUpdateAndProduct(
  a: Float64Array, m: number, n: number, k: number, z: Float64Array,
  ur: Float64Array, uo: number, tq: number, w: Float64Array,
): void {
  const kb = k * m;
  z.fill(0, k + 1, m);
  let j = k + 1;
  for (; j + 3 < n; j += 4) {
    const h1 = tq * w[j];
    const h2 = tq * w[j + 1];
    const h3 = tq * w[j + 2];
    const h4 = tq * w[j + 3];
    const u1 = ur[uo + j];
    const u2 = ur[uo + j + 1];
    const u3 = ur[uo + j + 2];
    const u4 = ur[uo + j + 3];
    const b1 = j * m;
    const b2 = b1 + m;
    const b3 = b2 + m;
    const b4 = b3 + m;
    for (let i = k + 1; i < m; i++) {
      const vi = a[kb + i];
      const y1 = a[b1 + i] - h1 * vi;
      const y2 = a[b2 + i] - h2 * vi;
      const y3 = a[b3 + i] - h3 * vi;
      const y4 = a[b4 + i] - h4 * vi;
      a[b1 + i] = y1;
      a[b2 + i] = y2;
      a[b3 + i] = y3;
      a[b4 + i] = y4;
      z[i] += y1 * u1 + y2 * u2 + (y3 * u3 + y4 * u4);
    }
  }
  for (; j < n; j++) {
    const h = tq * w[j];
    const u = ur[uo + j];
    const b = j * m;
    for (let i = k + 1; i < m; i++) {
      const y = a[b + i] - h * a[kb + i];
      a[b + i] = y;
      z[i] += y * u;
    }
  }
}
