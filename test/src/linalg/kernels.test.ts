// The WebAssembly kernels against the JavaScript ones they replace (the reference): the same bits
// where the operations are the same (reflector blocks, plane rotations, the chain's GEMM), within
// rounding where the sums are split into two SIMD lanes (bidiagonalization, thin products); the
// same answers on every run; and the loader's own pieces.
import { describe, expect, it } from 'vitest';
import { jacobianProduct } from '../../../src/gradients/chain.js';
import { gemmInWasm } from '../../../src/linalg/productChain.js';
import { qrFactor, reflectorProduct } from '../../../src/linalg/householder.js';
import { randomizedSvd } from '../../../src/linalg/randomized-svd.js';
import { RotationLog } from '../../../src/linalg/rotationLog.js';
import { svd, svdFloat64 } from '../../../src/linalg/svd.js';
import { multiplyThin, multiplyTransposedThin, thinOperator } from '../../../src/linalg/thinProducts.js';
import { decodeBase64, kernelStatus, useWasmKernels, wasmKernels } from '../../../src/linalg/wasm/module.js';
import { EPS, lapackRatios, randomMatrix, seededRandom, withSingularValues } from './matrices.js';
import { SVD_CASES } from './svdCases.js';

/** f() computed with the JavaScript kernels, the WebAssembly ones left as they were. */
function withJavaScript<T>(f: () => T): T {
  const previous = useWasmKernels(false);
  try {
    return f();
  } finally {
    useWasmKernels(previous);
  }
}

function uniform(count: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: count }, () => 2 * random() - 1);
}

/** max |xᵢ − yᵢ|, with NaN if the lengths differ. */
function maxDifference(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) return NaN;
  let d = 0;
  for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i] - y[i]));
  return d;
}

describe('the loader', () => {
  it('runs the WebAssembly SIMD kernels in node, and says when they are switched off', () => {
    expect(wasmKernels()).not.toBeNull();
    expect(kernelStatus()).toBe('wasm-simd (1 thread)');
    withJavaScript(() => {
      expect(wasmKernels()).toBeNull();
      expect(kernelStatus()).toMatch(/^javascript \(/);
    });
  });

  it('decodes base64 with and without padding, and refuses a foreign character with its index', () => {
    expect(Array.from(decodeBase64('AGFzbQ=='))).toEqual([0, 97, 115, 109]);
    expect(Array.from(decodeBase64('TWFu'))).toEqual([77, 97, 110]);
    expect(Array.from(decodeBase64('TWE'))).toEqual([77, 97]);
    expect(() => decodeBase64('TW!u')).toThrow(/at 2/);
  });

  it('frees its memory: a thousand operators of 64×64 leave the stack where it was', () => {
    const wasm = wasmKernels()!;
    const before = wasm.push(0);
    wasm.pop(before);
    const a = uniform(64 * 64, 1);
    for (let i = 0; i < 1000; i++) thinOperator(a, 64, 64).release();
    const after = wasm.push(0);
    wasm.pop(after);
    expect(after).toBe(before);
  });
});

describe('same bits as the JavaScript kernels', () => {
  it('Householder QR and the explicit Q (blocks of four reflectors), 300×70 and 257×257', () => {
    for (const [m, n] of [[300, 70], [257, 257]]) {
      const a = uniform(m * n, m + n);
      const [wasmA, jsA] = [a.slice(), a.slice()];
      const [wasmTau, jsTau] = [new Float64Array(n), new Float64Array(n)];
      qrFactor(wasmA, m, n, wasmTau);
      withJavaScript(() => qrFactor(jsA, m, n, jsTau));
      expect(maxDifference(wasmA, jsA)).toBe(0);
      expect(maxDifference(wasmTau, jsTau)).toBe(0);
      const q = reflectorProduct(m, wasmA, m, 0, wasmTau, n);
      expect(maxDifference(q, withJavaScript(() => reflectorProduct(m, jsA, m, 0, jsTau, n)))).toBe(0);
    }
  });

  it('plane rotations of the QR iteration, forward and backward sweeps, on 37 rows (a partial block of 8)', () => {
    const [rows, n] = [37, 29];
    const rotate = (): Float64Array[] => {
      const u = uniform(rows * n, 41);
      const v = uniform(n * n, 42);
      const log = new RotationLog(n, { data: u, rows, stride: n }, { data: v, rows: n, stride: n });
      const random = seededRandom(43);
      for (let sweep = 0; sweep < 25; sweep++) {
        const first = Math.floor(random() * 10);
        const count = 1 + Math.floor(random() * (n - first - 1));
        const at = log.begin(first, count, sweep % 3 === 1);
        for (let t = 0; t < count; t++) {
          const angle = 2 * Math.PI * random();
          log.csU[2 * (at + t)] = Math.cos(angle);
          log.csU[2 * (at + t) + 1] = Math.sin(angle);
          log.csV[2 * (at + t)] = Math.cos(angle + 1);
          log.csV[2 * (at + t) + 1] = Math.sin(angle + 1);
        }
      }
      log.flush();
      return [u, v];
    };
    const [u, v] = rotate();
    const [jsU, jsV] = withJavaScript(rotate);
    expect(maxDifference(u, jsU)).toBe(0);
    expect(maxDifference(v, jsV)).toBe(0);
    expect(maxDifference(u, uniform(rows * n, 41))).toBeGreaterThan(0.1);
  });

  it('the GEMM that forms the randomized SVD\'s U and V (thin Q times the small SVD\'s leading vectors), and its refusal without WebAssembly', () => {
    const [rows, l, k] = [300, 13, 9];
    const x = uniform(rows * l, 52);
    const small = uniform(l * l, 53);
    const out = new Float64Array(rows * k);
    expect(gemmInWasm(k, rows, l, small, l, x, rows, 1, out, k)).toBe(true);
    const plain = new Float64Array(rows * k);
    for (let r = 0; r < l; r++) for (let i = 0; i < rows; i++) for (let p = 0; p < k; p++) plain[i * k + p] += x[r * rows + i] * small[r * l + p];
    expect(maxDifference(out, plain)).toBe(0);
    expect(withJavaScript(() => gemmInWasm(k, rows, l, small, l, x, rows, 1, out, k))).toBe(false);
  });

  it('the Jacobian of a 12-layer ReLU chain of width 40 (GEMM, masked rows)', () => {
    const n = 40;
    const weights = Array.from({ length: 12 }, (_, l) => uniform(n * n, 100 + l));
    const random = seededRandom(7);
    const masks = weights.map(() => Uint8Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0)));
    const wasm = jacobianProduct(weights, masks, n);
    const js = withJavaScript(() => jacobianProduct(weights, masks, n));
    expect(maxDifference(wasm, js)).toBe(0);
    expect(wasm.some((x) => x !== 0)).toBe(true);
  });
});

describe('within rounding of the JavaScript kernels', () => {
  it('A·X and Wᵀ·A for 203×517 and ℓ = 7: each entry within 2·n·ε·Σ|aᵢⱼ·xⱼ| (two-lane sums)', () => {
    const [m, n, l] = [203, 517, 7];
    const a = uniform(m * n, 3);
    const xt = uniform(l * n, 4);
    const wt = uniform(l * m, 5);
    const op = thinOperator(a, m, n);
    try {
      const yt = new Float64Array(l * m);
      const zt = new Float64Array(l * n);
      op.multiply(xt, l, yt, null);
      op.multiplyTransposed(wt, l, zt, null);
      const jsY = new Float64Array(l * m);
      const jsZ = new Float64Array(l * n);
      multiplyThin(a, m, n, xt, l, jsY);
      multiplyTransposedThin(a, m, n, wt, l, jsZ);
      // |x| ≤ 1 everywhere, so Σ|aᵢⱼxⱼ| ≤ n and the bound is 2n²ε.
      expect(maxDifference(yt, jsY)).toBeLessThanOrEqual(2 * n * n * EPS);
      expect(maxDifference(zt, jsZ)).toBeLessThanOrEqual(2 * m * m * EPS);
      expect(yt.every((x) => x !== 0) && zt.every((x) => x !== 0)).toBe(true);
    } finally {
      op.release();
    }
  });

  it('the SVD of every test matrix: σ within 10·max(m, n)·ε·σ₁ of the JavaScript kernels, both passing LAPACK ratios < 50', () => {
    for (const c of SVD_CASES) {
      const a = c.matrix();
      const m = a.length;
      const n = m ? a[0].length : 0;
      const fast = svd(a);
      const reference = withJavaScript(() => svd(a));
      const tolerance = 10 * Math.max(m, n) * EPS * (reference.S[0] ?? 0);
      expect(maxDifference(fast.S, reference.S), c.name).toBeLessThanOrEqual(tolerance);
      for (const r of [fast, reference]) {
        const ratios = lapackRatios(a, r);
        expect(Math.max(ratios.orthogonalityU, ratios.orthogonalityV), c.name).toBeLessThan(50);
      }
    }
  });

  it('larger matrices than the test cases: 260×230 random, 240×240 graded from 1 to 1e-15 and of rank 40: LAPACK ratios < 50', () => {
    const cases: [string, number[][]][] = [
      ['random 260×230', randomMatrix(260, 230, 17)],
      ['graded σ from 1 to 1e-15, 240×240', withSingularValues(240, 240, Array.from({ length: 240 }, (_, k) => 10 ** ((-15 * k) / 239)), 18)],
      ['rank 40 of 240×240', withSingularValues(240, 240, Array.from({ length: 240 }, (_, k) => (k < 40 ? 1 + k : 0)), 19)],
    ];
    for (const [name, a] of cases) {
      const m = a.length;
      const n = a[0].length;
      const fast = svd(a);
      const ratios = lapackRatios(a, fast);
      expect(Math.max(ratios.reconstruction, ratios.orthogonalityU, ratios.orthogonalityV), name).toBeLessThan(50);
      const reference = withJavaScript(() => svd(a));
      expect(maxDifference(fast.S, reference.S), name).toBeLessThanOrEqual(10 * Math.max(m, n) * EPS * reference.S[0]);
    }
  });

  it('values only of 300×200 (the bidiagonalization sweeps): σ within 10·max(m, n)·ε·σ₁', () => {
    const a = Float64Array.from(randomMatrix(300, 200, 9).flat());
    const fast = svdFloat64(a, 300, 200, false).S;
    const reference = withJavaScript(() => svdFloat64(a, 300, 200, false).S);
    expect(maxDifference(fast, reference)).toBeLessThanOrEqual(10 * 300 * EPS * reference[0]);
  });

  it('the randomized SVD of a 500×400 matrix: the same q, σ within 1e-10 relative, the same error estimate to 1e-6', () => {
    const [m, n] = [500, 400];
    const a = new Float64Array(m * n);
    const random = seededRandom(21);
    // σⱼ = 0.95ʲ on random-ish directions: a sum of 60 rank-one terms.
    for (let j = 0; j < 60; j++) {
      const u = Array.from({ length: m }, () => random() - 0.5);
      const v = Array.from({ length: n }, () => random() - 0.5);
      for (let i = 0; i < m; i++) for (let k = 0; k < n; k++) a[i * n + k] += 0.95 ** j * u[i] * v[k];
    }
    const fast = randomizedSvd(a, m, n, 10, { seed: 3 });
    const reference = withJavaScript(() => randomizedSvd(a, m, n, 10, { seed: 3 }));
    expect(fast.powerIterations).toBe(reference.powerIterations);
    fast.sigma.forEach((s, i) => expect(Math.abs(s - reference.sigma[i]) / reference.sigma[i]).toBeLessThanOrEqual(1e-10));
    expect(Math.abs(fast.errorEstimate - reference.errorEstimate) / reference.errorEstimate).toBeLessThanOrEqual(1e-6);
  });
});

describe('deterministic', () => {
  it('the same input gives the same bits, run after run (SVD with vectors, randomized SVD)', () => {
    const a = uniform(180 * 150, 31);
    const first = svdFloat64(a, 180, 150, true);
    const again = svdFloat64(a, 180, 150, true);
    expect(maxDifference(first.S, again.S)).toBe(0);
    expect(maxDifference(first.U!, again.U!)).toBe(0);
    expect(maxDifference(first.V!, again.V!)).toBe(0);
    const r1 = randomizedSvd(a, 180, 150, 8, { seed: 2 });
    const r2 = randomizedSvd(a, 180, 150, 8, { seed: 2 });
    expect(maxDifference(r1.U, r2.U)).toBe(0);
    expect(maxDifference(r1.sigma, r2.sigma)).toBe(0);
  });
});
