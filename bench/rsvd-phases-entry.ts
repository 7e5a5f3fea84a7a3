// Entry of bench/rsvd-phases.mjs (bundled by Vite there): the pieces of the randomized SVD, timed apart.
import { qrFactor, thinQ } from '../src/linalg/householder.js';

export { randomizedSvd, svdFloat64, useWasmKernels, kernelStatus } from '../src/linalg/index.js';
export { thinOperator } from '../src/linalg/thinProducts.js';

/** randomized-svd.ts's orthonormalize: Householder QR of the column-major rows×cols y (destroyed), then the explicit thin Q. */
export function orthonormalize(y: Float64Array, rows: number, cols: number): Float64Array {
  const tau = new Float64Array(cols);
  qrFactor(y, rows, cols, tau);
  return thinQ(y, rows, cols, tau);
}
