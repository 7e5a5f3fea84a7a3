// The deep chain: backprop's per-layer gradients against an explicit product of Jacobians,
// orthogonal chains that keep norms exactly, vanishing and exploding on either side of the critical
// scale, the Jacobian's singular values, progress and cancellation.
import { describe, expect, it } from 'vitest';
import {
  backpropChain, chainCost, chainSetup, jacobianProduct, runChain, vectorNorm, type ChainConfig,
} from '../../../src/gradients/index.js';
import { matMul, matVec, transpose } from '../../../src/layer/index.js';
import { CancelledError, singularValues } from '../../../src/linalg/index.js';
import { EPS } from '../linalg/matrices.js';

const base: ChainConfig = { depth: 12, width: 9, init: 'gaussian', scale: 1, relu: false, noise: 0.1, seed: 5 };
const rows = (W: Float64Array, n: number) => Array.from({ length: n }, (_, i) => Array.from(W.subarray(i * n, i * n + n)));
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('backpropChain', () => {
  it.each([false, true])('gives at every layer exactly (Jₛ)ᵀg, Jₛ the product of the last s Jacobians (ReLU %s)', (relu) => {
    const config = { ...base, relu, scale: relu ? Math.SQRT2 : 1 };
    const n = config.width;
    const { x, g, weights } = chainSetup(config);
    const pass = backpropChain(weights, n, x, g, relu);
    // Independent computation with plain arrays: the Jacobian of layer l is Dₗ Wₗ.
    const jacobians = weights.map((W, l) => rows(W, n).map((row, i) => row.map((v) => v * pass.masks[l]![i]!)));
    let product: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
    for (let s = 1; s <= config.depth; s++) {
      product = matMul(product, jacobians[config.depth - s]!);
      const direct = matVec(transpose(product), Array.from(g));
      const layer = config.depth - s;
      // Same sums in a different order: rounding of a few ε per layer times the sizes involved.
      const scale = vectorNorm(direct) + Math.max(...product.flat().map(Math.abs));
      direct.forEach((v, j) => expect(Math.abs(pass.gradients[layer]![j]! - v)).toBeLessThan(1e3 * EPS * scale));
    }
    // The whole product is what jacobianProduct forms.
    const J = jacobianProduct(weights, pass.masks, n);
    const explicit = jacobians.slice().reverse().reduce((P, Jl) => matMul(P, Jl));
    explicit.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(J[i * n + j]! - v)).toBeLessThan(1e3 * EPS * (1 + Math.abs(v)))));
  });

  it('forward activations follow hₗ = φ(Wₗhₗ₋₁)', () => {
    const config = { ...base, relu: true };
    const { x, g, weights } = chainSetup(config);
    const pass = backpropChain(weights, config.width, x, g, true);
    const h1 = matVec(rows(weights[0]!, config.width), Array.from(x)).map((v) => Math.max(0, v));
    h1.forEach((v, i) => expect(pass.activations[1]![i]).toBeCloseTo(v, 13));
  });

  it('refuses vectors or weights of the wrong size', () => {
    const { weights } = chainSetup(base);
    expect(() => backpropChain(weights, 9, new Float64Array(3), new Float64Array(9), false)).toThrow(/need 9 entries/);
    expect(() => backpropChain([new Float64Array(4)], 9, new Float64Array(9), new Float64Array(9), false)).toThrow(/weight 1/);
  });
});

describe('runChain', () => {
  it('orthogonal weights without ReLU keep every gradient norm at 1 exactly (to 1e-12), 100 layers deep', () => {
    const r = runChain({ ...base, init: 'orthogonal', depth: 100, width: 64 });
    expect(r.gradientNorms).toHaveLength(101);
    r.gradientNorms.forEach((v) => expect(Math.abs(v - 1)).toBeLessThan(1e-12));
    // The Jacobian is itself orthogonal: all its singular values are 1; every κ(Wₗ) is 1.
    r.jacobianSigma.forEach((s) => expect(Math.abs(s - 1)).toBeLessThan(1e-11));
    r.conditions.forEach((c) => expect(Math.abs(c - 1)).toBeLessThan(1e-12));
    const f0 = r.forwardNorms[0]!;
    r.forwardNorms.forEach((v) => expect(relErr(v, f0)).toBeLessThan(1e-12));
  });

  it('orthogonal weights scaled by s multiply the gradient by exactly s per layer', () => {
    const r = runChain({ ...base, init: 'orthogonal', depth: 30, width: 16, scale: 0.8 });
    r.gradientNorms.forEach((v, s) => expect(relErr(v, 0.8 ** s)).toBeLessThan(1e-12));
    r.jacobianSigma.forEach((s) => expect(relErr(s, 0.8 ** 30)).toBeLessThan(1e-11));
  });

  it('the last gradient norm equals ‖Jᵀg‖ from the chain’s Jacobian, and lies between its extreme σ', () => {
    const config = { ...base, relu: true, scale: 1.6, depth: 20, width: 24 };
    const r = runChain(config);
    const { x, g, weights } = chainSetup(config);
    const pass = backpropChain(weights, config.width, x, g, true);
    const J = rows(jacobianProduct(weights, pass.masks, config.width), config.width);
    const direct = vectorNorm(matVec(transpose(J), Array.from(g)));
    expect(relErr(r.gradientNorms[config.depth]!, direct)).toBeLessThan(1e-12);
    expect(r.gradientNorms[config.depth]!).toBeLessThanOrEqual(r.jacobianSigma[0]! * (1 + 1e-12));
    const sigma = singularValues(J);
    sigma.forEach((s, i) => expect(Math.abs(s - r.jacobianSigma[i]!)).toBeLessThan(1e-12 * sigma[0]!));
  });

  it('Gaussian weights: vanishing below the critical scale, exploding above it (1 linear, √2 with ReLU)', () => {
    const last = (c: Partial<ChainConfig>) => {
      const r = runChain({ ...base, depth: 50, width: 128, ...c });
      return r.gradientNorms[r.gradientNorms.length - 1]!;
    };
    // Per layer the squared norm is multiplied by about scale² (half that with ReLU), so after 50
    // layers 0.5 gives ~1e-15 and 2 gives ~1e15; at the critical scale it stays within a few ×.
    expect(last({ scale: 0.5 })).toBeLessThan(1e-12);
    expect(last({ scale: 2 })).toBeGreaterThan(1e12);
    expect(last({ scale: 1 })).toBeGreaterThan(0.05);
    expect(last({ scale: 1 })).toBeLessThan(20);
    expect(last({ relu: true, scale: 1 })).toBeLessThan(1e-5);
    expect(last({ relu: true, scale: Math.SQRT2 })).toBeGreaterThan(0.05);
    expect(last({ relu: true, scale: Math.SQRT2 })).toBeLessThan(20);
  });

  it('reports ReLU activity and Gaussian condition numbers of order n', () => {
    const r = runChain({ ...base, relu: true, width: 64, depth: 5 });
    r.activeFraction.forEach((f) => expect(f).toBeGreaterThan(0.25));
    r.activeFraction.forEach((f) => expect(f).toBeLessThan(0.75));
    r.conditions.forEach((c) => expect(c).toBeGreaterThan(5));
    expect(r.jacobianTolerance).toBe(r.jacobianSigma[0]! * 64 * EPS);
  });

  it('is deterministic per seed', () => {
    expect(runChain(base)).toEqual(runChain(base));
    expect(runChain(base).gradientNorms).not.toEqual(runChain({ ...base, seed: 6 }).gradientNorms);
  });

  it('reports progress that never goes back and ends at exactly 1; stops on abort', () => {
    const seen: number[] = [];
    const phases = new Set<string>();
    runChain({ ...base, init: 'orthogonal' }, { onProgress: (f, p) => { seen.push(f); phases.add(p); } });
    expect(seen[seen.length - 1]).toBe(1);
    seen.forEach((f, i) => i > 0 && expect(f).toBeGreaterThanOrEqual(seen[i - 1]!));
    expect([...phases]).toEqual(['weights', 'backprop', 'jacobian', 'spectrum', 'conditions']);
    const signal = { aborted: false };
    expect(() => runChain(base, { signal, onProgress: (f) => { if (f > 0.3) signal.aborted = true; } })).toThrow(CancelledError);
  });

  it('a scale of 0 kills everything without NaN', () => {
    const r = runChain({ ...base, scale: 0 });
    expect(r.gradientNorms.slice(1).every((v) => v === 0)).toBe(true);
    expect(r.conditions.every((c) => c === Infinity)).toBe(true);
    expect(r.jacobianSigma.every((s) => s === 0)).toBe(true);
  });

  it('refuses configurations it cannot run, naming the field', () => {
    expect(() => runChain({ ...base, depth: 101 })).toThrow(/depth/);
    expect(() => runChain({ ...base, width: 0 })).toThrow(/width/);
    expect(() => runChain({ ...base, scale: Infinity })).toThrow(/scale/);
    expect(() => runChain({ ...base, noise: -1 })).toThrow(/noise/);
    expect(() => runChain({ ...base, init: 'xavier' as never })).toThrow(/initialisation/);
  });

  it('estimates cost growing like L·n³', () => {
    expect(chainCost({ depth: 100, width: 256, init: 'gaussian' })).toBeGreaterThan(1e9);
    expect(chainCost({ depth: 10, width: 16, init: 'gaussian' })).toBeLessThan(1e6);
  });
});
