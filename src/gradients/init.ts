/**
 * How the weights of a deep chain start out, and the scale at which gradients neither shrink nor
 * grow on their way back. Weights are square width×width matrices stored row-major in
 * Float64Arrays; draws come from the seeded generator of typed expressions.
 */
import type { RandomSource } from '../expression/random.js';

/** The initialisations the Gradients lab offers. */
export type WeightInit = 'gaussian' | 'orthogonal' | 'identity';

export const WEIGHT_INITS: readonly WeightInit[] = Object.freeze(['gaussian', 'orthogonal', 'identity']);

/**
 * One width×width weight, row-major, multiplied by `scale`:
 * - 'gaussian': entries N(0, scale²/width) (so E‖Wᵀv‖² = scale²‖v‖² for every v);
 * - 'orthogonal': scale·Q with Q uniformly distributed on the orthogonal group (Householder QR of
 *   a Gaussian matrix, columns signed by R's diagonal), so ‖Wᵀv‖ = scale·‖v‖ exactly;
 * - 'identity': scale·(I + noise·N/√width), N standard normal.
 * Throws RangeError for a width below 1 or a non-finite scale or noise.
 * @example initialWeight('orthogonal', 3, 1, randomSource(1)) // a 3×3 rotation or reflection
 */
export function initialWeight(kind: WeightInit, width: number, scale: number, random: RandomSource, noise = 0.1): Float64Array {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`initialWeight: the width must be a whole number ≥ 1, not ${width}.`);
  if (!Number.isFinite(scale)) throw new RangeError(`initialWeight: the scale must be a finite number, not ${scale}.`);
  if (!Number.isFinite(noise) || noise < 0) throw new RangeError(`initialWeight: the noise must be a finite number ≥ 0, not ${noise}.`);
  const n = width;
  const W = new Float64Array(n * n);
  if (kind === 'gaussian') {
    const s = scale / Math.sqrt(n);
    for (let i = 0; i < n * n; i++) W[i] = s * random.normal();
    return W;
  }
  if (kind === 'identity') {
    const s = noise / Math.sqrt(n);
    for (let i = 0; i < n * n; i++) W[i] = scale * ((i % (n + 1) === 0 ? 1 : 0) + s * random.normal());
    return W;
  }
  if (kind !== 'orthogonal') throw new RangeError(`initialWeight: unknown initialisation "${String(kind)}".`);
  const Q = orthogonalMatrix(n, random);
  for (let i = 0; i < n * n; i++) W[i] = scale * Q[i];
  return W;
}

/**
 * A random n×n orthogonal matrix, row-major, distributed uniformly (Haar): the Q of a Householder
 * QR of a matrix of standard normal entries, each column multiplied by the sign of R's diagonal
 * entry (without that step the distribution is biased; Mezzadri, "How to generate random matrices
 * from the classical compact groups", 2007). QᵀQ = I to within a few n·ε.
 */
export function orthogonalMatrix(n: number, random: RandomSource): Float64Array {
  // Column-major working copy of the Gaussian matrix: reflections act on whole columns.
  const a = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[j][i] = random.normal();
  const reflectors: Float64Array[] = [];
  const signs = new Float64Array(n).fill(1);
  for (let k = 0; k < n; k++) {
    const x = a[k];
    let norm = 0;
    for (let i = k; i < n; i++) norm = Math.hypot(norm, x[i]);
    const v = new Float64Array(n);
    if (norm === 0) {
      reflectors.push(v);
      continue;
    }
    // Reflect x[k..] onto β·e_k with β = −sign(x_k)‖x‖, which avoids cancellation in v_k.
    const beta = x[k] >= 0 ? -norm : norm;
    for (let i = k; i < n; i++) v[i] = x[i];
    v[k] -= beta;
    let vv = 0;
    for (let i = k; i < n; i++) vv += v[i] * v[i];
    for (let j = k + 1; j < n; j++) {
      const c = a[j];
      let dot = 0;
      for (let i = k; i < n; i++) dot += v[i] * c[i];
      const f = (2 * dot) / vv;
      for (let i = k; i < n; i++) c[i] -= f * v[i];
    }
    for (let i = k; i < n; i++) v[i] /= Math.sqrt(vv);
    reflectors.push(v);
    signs[k] = beta < 0 ? -1 : 1;
  }
  // Q = H₀H₁⋯H_{n−1}: apply the reflectors to the identity from the last to the first.
  const q = Array.from({ length: n }, (_, j) => {
    const col = new Float64Array(n);
    col[j] = 1;
    return col;
  });
  for (let k = n - 1; k >= 0; k--) {
    const v = reflectors[k];
    for (let j = 0; j < n; j++) {
      const c = q[j];
      let dot = 0;
      for (let i = k; i < n; i++) dot += v[i] * c[i];
      if (dot === 0) continue;
      for (let i = k; i < n; i++) c[i] -= 2 * dot * v[i];
    }
  }
  const Q = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) Q[i * n + j] = signs[j] * q[j][i];
  return Q;
}

/**
 * The scale at which, on average, a gradient keeps its size through one layer of the chain:
 * for Gaussian and orthogonal weights 1 without ReLU and √2 with it (ReLU passes back only the
 * coordinates whose unit was active, about half of them, which halves the squared norm), for
 * identity plus noise 1/√(1 + noise²) (the noise adds noise² to E‖Wᵀv‖²/‖v‖²; ReLU rarely cuts
 * because the identity keeps activations positive). Below it gradients vanish geometrically with
 * depth, above it they explode. The orthogonal and identity values with ReLU are approximations.
 * @example criticalScale('gaussian', true) // 1.4142…
 */
export function criticalScale(kind: WeightInit, relu: boolean, noise = 0.1): number {
  if (kind === 'identity') return 1 / Math.sqrt(1 + noise * noise);
  return relu ? Math.SQRT2 : 1;
}
