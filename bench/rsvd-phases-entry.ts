// Entry of bench/rsvd-phases.mjs (bundled by Vite there): the pieces of the randomized SVD, timed apart.
import { loadBlock, onMatrix, qrFactor, reflectorBlock } from '../src/linalg/householder.js';

export { randomizedSvd, svdFloat64, useWasmKernels, kernelStatus } from '../src/linalg/index.js';
export { thinOperator } from '../src/linalg/thinProducts.js';

/** randomized-svd.ts's orthonormalize: Householder QR of the column-major rows×cols y (destroyed), then the explicit thin Q. */
export function orthonormalize(y: Float64Array, rows: number, cols: number): Float64Array {
  const tau = new Float64Array(cols);
  qrFactor(y, rows, cols, tau);
  const q = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) q[j * rows + j] = 1;
  const block = reflectorBlock(rows);
  onMatrix(q, rows, (_, apply) => {
    for (let first = Math.floor((cols - 1) / 4) * 4; first >= 0; first -= 4) {
      loadBlock(block, y, rows, 0, tau, first, Math.min(4, cols - first), first, rows);
      apply(block, false, first, first, cols);
    }
  });
  return q;
}
