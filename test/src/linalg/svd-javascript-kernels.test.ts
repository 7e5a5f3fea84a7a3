// The SVD tests of svd.test.ts (LAPACK's test ratios on Hilbert, Kahan, graded, clustered and
// rank-deficient matrices, the properties, the refusals) once more with the WebAssembly kernels
// switched off: the JavaScript kernels are the reference and the fallback wherever WebAssembly
// cannot run, so they must keep passing everything the default (WebAssembly) path passes.
// Vitest runs each test file in its own process, so the switch stays local to this file.
import { useWasmKernels } from '../../../src/linalg/wasm/module.js';

useWasmKernels(false);
await import('./svd.test.js');
