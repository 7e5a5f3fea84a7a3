/**
 * Long products of square matrices, J = D_L·W_L ⋯ D₁·W₁ with Dₗ diagonal 0/1 masks, as the
 * Gradients chain forms its Jacobian: L products of n×n matrices in WebAssembly SIMD (the GEMM of
 * src/linalg/wasm/as/products.ts, blocked for the cache), the running product kept in its memory
 * between layers.
 */
import { wasmKernels } from './wasm/module.js';

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
      wasm.exports.gemm(n, n, n, pj, n, pw, 1, n, pnext, n, 1);
      [pj, pnext] = [pnext, pj];
      onLayer?.();
    }
    return wasm.view(pj, size).slice();
  } finally {
    wasm.pop(base);
  }
}
