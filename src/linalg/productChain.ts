/**
 * Matrix products in WebAssembly SIMD (the GEMM of src/linalg/wasm/as/products.ts, blocked for the
 * cache): long products of square matrices, J = D_L·W_L ⋯ D₁·W₁ with Dₗ diagonal 0/1 masks, as
 * the Gradients chain forms its Jacobian (the running product kept in the kernels' memory between
 * layers), and one product C += A·B for callers with their own JavaScript loop as the fallback.
 */
import { wasmKernels } from './wasm/module.js';
import { minPart, runSplit } from './wasm/threads.js';

/**
 * D_L·W_L ⋯ D₁·W₁ (n×n, row-major) for row-major n×n factors Wₗ and row masks Dₗ (row i of
 * Dₗ·Wₗ is kept where masks[l][i] is non-zero, else zeroed), or null when the WebAssembly kernels
 * do not run here (the caller then uses its JavaScript loop). Entry (i, k) of each product is
 * Σⱼ (DW)ᵢⱼ·J_jk summed in order of j, so the result is the same bits on every run. `onLayer` runs
 * after each of the L products (2n³ flops each).
 */
export function maskedProductChain(
  factors: readonly Float64Array[], masks: readonly Uint8Array[], n: number, onLayer?: () => void,
): Float64Array | null {
  const wasm = wasmKernels();
  if (wasm === null) return null;
  const size = n * n;
  const base = wasm.push(8 * 3 * size);
  try {
    let pj = base;
    let pnext = base + 8 * size;
    const pw = base + 16 * size;
    const J = wasm.view(pj, size);
    J.fill(0);
    for (let i = 0; i < n; i++) J[i * n + i] = 1;
    for (let l = 0; l < factors.length; l++) {
      const w = wasm.view(pw, size);
      w.set(factors[l]);
      const mask = masks[l];
      for (let i = 0; i < n; i++) if (!mask[i]) w.fill(0, i * n, i * n + n);
      wasm.view(pnext, size).fill(0);
      // Row-major C = (DW)·J is column-major Cᵀ = Jᵀ·(DW)ᵀ: A = J's storage (lda n), and B's
      // entry (p, j) = (DW)[j][p] at p + j·n.
      splitGemm(n, n, n, pj, n, pw, 1, n, pnext, n);
      [pj, pnext] = [pnext, pj];
      onLayer?.();
    }
    return wasm.view(pj, size).slice();
  } finally {
    wasm.pop(base);
  }
}

/**
 * C += A·B by the WebAssembly GEMM on copies of the operands, or false (nothing done) when the
 * kernels do not run here. C is m×n column-major (leading dimension ldc), A m×k column-major
 * (lda), and B's entry (p, j) is b[p·bRow + j·bCol]. Each entry adds Σ_p A_ip·B_pj summed in order
 * of p (in blocks of 256), so for k ≤ 256 and C = 0 the result is the same bits as the plain loop.
 */
export function gemmInWasm(
  m: number, n: number, k: number, a: Float64Array, lda: number, b: Float64Array, bRow: number, bCol: number,
  c: Float64Array, ldc: number,
): boolean {
  const wasm = wasmKernels();
  if (wasm === null) return false;
  const pa = wasm.push(8 * (a.length + b.length + c.length));
  try {
    const pb = pa + 8 * a.length;
    const pc = pb + 8 * b.length;
    wasm.view(pa, a.length).set(a);
    wasm.view(pb, b.length).set(b);
    wasm.view(pc, c.length).set(c);
    splitGemm(m, n, k, pa, lda, pb, bRow, bCol, pc, ldc);
    c.set(wasm.view(pc, c.length));
    return true;
  } finally {
    wasm.pop(pa);
  }
}

/**
 * C += A·B in the kernels' memory (pointers as the gemm kernel takes them), its columns split
 * across the kernel threads in fours: each entry's sum is the same on any thread.
 */
function splitGemm(m: number, n: number, k: number, pa: number, lda: number, pb: number, bRow: number, bCol: number, pc: number, ldc: number): void {
  runSplit('gemm', 0, n, 4, minPart(m * k), (j0, j1) => [m, j1 - j0, k, pa, lda, pb + 8 * j0 * bCol, bRow, bCol, pc + 8 * j0 * ldc, ldc, 1]);
}
