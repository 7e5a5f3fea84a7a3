/**
 * The blocked Householder bidiagonalization of LAPACK's dgebrd/dlabrd, on a matrix held in the
 * WebAssembly kernels' memory: panels of PANEL columns are reduced one column at a time while the
 * rest of the matrix is left untouched — their updates are carried as two thin matrices X (m×nb)
 * and Y (n×nb), and each step's products with the trailing matrix are matrix–vector products that
 * only read it — and then the whole trailing matrix gets one rank-2·nb update
 * A ← A − V·Yᵀ − X·U (one GEMM). Half the flops become matrix–matrix work, and the trailing matrix
 * is written once per panel instead of twice per column. Same algorithm, same stability as LAPACK.
 */
import { makeReflector } from './householder.js';
import type { SvdProgress } from './progress.js';
import type { WasmKernels } from './wasm/module.js';

/** Columns per panel (LAPACK's nb for dgebrd is 32). */
export const PANEL = 32;

/** Where the reduction keeps its arrays: byte offsets in the kernels' memory. */
export interface BlockedLayout {
  /** A, m×n column-major. */
  readonly a: number;
  /** The right reflectors, n×n: reflector k in row k (ur[k·n + j], its 1 at j = k + 1). */
  readonly ur: number;
  /** X, m×PANEL, and Y, n×PANEL, column-major. */
  readonly x: number;
  readonly y: number;
  /** Scratch: PANEL + 1 entries twice, n entries, and the packed GEMM operands (m + n)·2·PANEL. */
  readonly t: number;
  readonly xs: number;
  readonly row: number;
  readonly packed: number;
}

/** f64 entries a {@link BlockedLayout} needs beyond A and ur. */
export function blockedScratch(m: number, n: number): number {
  return (m + n) * PANEL + 2 * (PANEL + 8) + n + (m + n) * 2 * PANEL;
}

/**
 * Reduces the leading panels of A (m ≥ n) as long as more than `rest` columns remain after a
 * panel, writing d, e, τ_q, τ_p and the reflectors as the unblocked reduction does (left tails in
 * A's columns, right reflectors in ur's rows), and returns the first column left unreduced: the
 * trailing matrix from there on is fully updated, so the unblocked steps can finish it.
 */
export function reducePanels(
  wasm: WasmKernels, L: BlockedLayout, m: number, n: number, rest: number,
  d: Float64Array, e: Float64Array, tauq: Float64Array, taup: Float64Array,
  progress: SvdProgress | null, work: (k: number) => number,
): number {
  const K = wasm.exports;
  const av = wasm.view(L.a, m * n);
  const urv = wasm.view(L.ur, n * n);
  const xv = wasm.view(L.x, m * PANEL);
  const yv = wasm.view(L.y, n * PANEL);
  const xsv = wasm.view(L.xs, PANEL + 1);
  const rowv = wasm.view(L.row, n);
  const A = (i: number, j: number) => L.a + 8 * (i + j * m);
  const X = (i: number, c: number) => L.x + 8 * (i + c * m);
  const Y = (j: number, c: number) => L.y + 8 * (j + c * n);
  let s = 0;
  for (; n - s - PANEL > rest; s += PANEL) {
    for (let c = 0; c < PANEL; c++) {
      const i = s + c;
      progress?.at(work(i));
      // Column i, rows i..m−1, with the panel's earlier updates: −A(i:m, s:i)·Y(i, :c)ᵀ − X(i:m, :c)·A(s:i, i).
      if (c > 0) {
        for (let q = 0; q < c; q++) xsv[q] = yv[i + q * n];
        K.gemvN(m - i, c, A(i, s), m, L.xs, A(i, i), -1, 1);
        K.gemvN(m - i, c, X(i, 0), m, A(s, i), A(i, i), -1, 1);
      }
      d[i] = makeReflector(av, i + i * m, m - i, tauq, i);
      av[i + i * m] = 1;
      // Y(i+1:n, c) = τ_q·(A(i:m, i+1:n)ᵀ·v − Y(i+1:n, :c)·(A(i:m, s:i)ᵀ·v) − A(s:i, i+1:n)ᵀ·(X(i:m, :c)ᵀ·v)).
      K.gemvT(m - i, n - i - 1, A(i, i + 1), m, A(i, i), Y(i + 1, c), 1, 0);
      if (c > 0) {
        K.gemvT(m - i, c, A(i, s), m, A(i, i), L.t, 1, 0);
        K.gemvN(n - i - 1, c, Y(i + 1, 0), n, L.t, Y(i + 1, c), -1, 1);
        K.gemvT(m - i, c, X(i, 0), m, A(i, i), L.t, 1, 0);
        K.gemvT(c, n - i - 1, A(s, i + 1), m, L.t, Y(i + 1, c), -1, 1);
      }
      const tq = tauq[i];
      for (let j = i + 1; j < n; j++) yv[j + c * n] *= tq;
      // Row i, columns i+1..n−1, updated: −Y(i+1:n, :c+1)·A(i, s:i+1)ᵀ − A(s:i, i+1:n)ᵀ·X(i, :c)ᵀ.
      for (let j = i + 1; j < n; j++) rowv[j] = av[i + j * m];
      for (let q = 0; q <= c; q++) xsv[q] = av[i + (s + q) * m];
      const pr = L.row + 8 * (i + 1);
      K.gemvN(n - i - 1, c + 1, Y(i + 1, 0), n, L.xs, pr, -1, 1);
      if (c > 0) {
        for (let q = 0; q < c; q++) xsv[q] = xv[i + q * m];
        K.gemvT(c, n - i - 1, A(s, i + 1), m, L.xs, pr, -1, 1);
      }
      const uo = i * n;
      for (let j = i + 1; j < n; j++) urv[uo + j] = rowv[j];
      e[i] = makeReflector(urv, uo + i + 1, n - i - 1, taup, i);
      urv[uo + i + 1] = 1;
      for (let j = i + 1; j < n; j++) av[i + j * m] = urv[uo + j];
      // X(i+1:m, c) = τ_p·(A(i+1:m, i+1:n)·u − A(i+1:m, s:i+1)·(Y(i+1:n, :c+1)ᵀ·u) − X(i+1:m, :c)·(A(s:i, i+1:n)·u)).
      const pu = L.ur + 8 * (uo + i + 1);
      K.gemvN(m - i - 1, n - i - 1, A(i + 1, i + 1), m, pu, X(i + 1, c), 1, 0);
      K.gemvT(n - i - 1, c + 1, Y(i + 1, 0), n, pu, L.t, 1, 0);
      K.gemvN(m - i - 1, c + 1, A(i + 1, s), m, L.t, X(i + 1, c), -1, 1);
      if (c > 0) {
        K.gemvN(c, n - i - 1, A(s, i + 1), m, pu, L.t, 1, 0);
        K.gemvN(m - i - 1, c, X(i + 1, 0), m, L.t, X(i + 1, c), -1, 1);
      }
      const tp = taup[i];
      for (let r = i + 1; r < m; r++) xv[r + c * m] *= tp;
    }
    trailingUpdate(wasm, L, m, n, s);
  }
  return s;
}

/**
 * A(e:m, e:n) −= [V X]·[Yᵀ; U] with e = s + PANEL: V = A(e:m, s:e) (left reflectors, unit
 * diagonal still in place), U = A(s:e, e:n) (right reflectors), packed side by side so one GEMM of
 * depth 2·PANEL reads and writes the trailing matrix once.
 */
function trailingUpdate(wasm: WasmKernels, L: BlockedLayout, m: number, n: number, s: number): void {
  const e = s + PANEL;
  const rows = m - e;
  const cols = n - e;
  const depth = 2 * PANEL;
  const av = wasm.view(L.a, m * n);
  const xv = wasm.view(L.x, m * PANEL);
  const yv = wasm.view(L.y, n * PANEL);
  const left = wasm.view(L.packed, rows * depth); // rows × depth, column-major
  const pRight = L.packed + 8 * rows * depth;
  const right = wasm.view(pRight, depth * cols); // depth × cols, column-major
  for (let c = 0; c < PANEL; c++) {
    left.set(av.subarray(e + (s + c) * m, m + (s + c) * m), c * rows);
    left.set(xv.subarray(e + c * m, m + c * m), (PANEL + c) * rows);
  }
  for (let j = 0; j < cols; j++) {
    const o = j * depth;
    for (let c = 0; c < PANEL; c++) {
      right[o + c] = yv[e + j + c * n];
      right[o + PANEL + c] = av[s + c + (e + j) * m];
    }
  }
  wasm.exports.gemm(rows, cols, depth, L.packed, rows, pRight, 1, depth, L.a + 8 * (e + e * m), m, -1);
}
