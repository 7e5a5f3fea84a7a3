// The exact reference for lineBreakpoints: slow, plain, and sharing no code with src/regions.
//
// On the segment x(t) = a + t(b − a) every number is a fraction of BigInts. A sweep from t = 0:
// the activation pattern just right of the current point c is found layer by layer, each neuron
// on when its pre-activation (affine in t under the bits found so far) is > 0 at c, or = 0 at c
// with a positive slope (the sign of z(c + ε) for small ε > 0). Under that pattern every neuron's
// function is fixed, and the pattern holds on (c, h) with h the first root after c where an
// on-neuron falls to 0 or an off-neuron rises through 0 (or 1): that is one piece. Then c = h.
// The pieces are the maximal open intervals of one pattern, which is what the count means.
import type { ReluNet } from '../../../src/regions/types.js';

/** p/q with q > 0. */
export interface Frac {
  p: bigint;
  q: bigint;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);
function gcd(x: bigint, y: bigint): bigint {
  x = abs(x);
  y = abs(y);
  while (y) [x, y] = [y, x % y];
  return x;
}
function frac(p: bigint, q: bigint): Frac {
  if (q < 0n) [p, q] = [-p, -q];
  const g = gcd(p, q) || 1n;
  return { p: p / g, q: q / g };
}
const add = (x: Frac, y: Frac): Frac => frac(x.p * y.q + y.p * x.q, x.q * y.q);
const mul = (x: Frac, y: Frac): Frac => frac(x.p * y.p, x.q * y.q);
const neg = (x: Frac): Frac => ({ p: -x.p, q: x.q });
const div = (x: Frac, y: Frac): Frac => frac(x.p * y.q, x.q * y.p);
const sign = (x: Frac): number => (x.p > 0n ? 1 : x.p < 0n ? -1 : 0);
const less = (x: Frac, y: Frac): boolean => x.p * y.q < y.p * x.q;
const ZERO = frac(0n, 1n);
const ONE = frac(1n, 1n);

/** The double x as a fraction, exactly (x·2^k is an integer for some k ≤ 1074). */
export function fracOf(x: number): Frac {
  let k = 0n;
  while (!Number.isInteger(x)) {
    x *= 2;
    k++;
  }
  return frac(BigInt(x), 1n << k);
}

/** An affine function α + βt of the segment parameter. */
interface Affine {
  alpha: Frac;
  beta: Frac;
}

const at = (f: Affine, t: Frac): Frac => add(f.alpha, mul(f.beta, t));

/** The pattern just right of c, and every hidden neuron's affine function under it (layer by layer). */
function patternRightOf(net: ReluNet, a: readonly number[], b: readonly number[], c: Frac): { bits: number[]; z: Affine[] } {
  const leak = fracOf(net.leak ?? 0);
  let act: Affine[] = a.map((x, j) => ({ alpha: fracOf(x), beta: add(fracOf(b[j]), neg(fracOf(x))) }));
  const bits: number[] = [];
  const zs: Affine[] = [];
  for (let l = 0; l + 1 < net.weights.length; l++) {
    act = net.weights[l].map((row, i) => {
      let z: Affine = { alpha: fracOf(net.biases[l][i]), beta: ZERO };
      row.forEach((w, k) => {
        const W = fracOf(w);
        z = { alpha: add(z.alpha, mul(W, act[k].alpha)), beta: add(z.beta, mul(W, act[k].beta)) };
      });
      const v = sign(at(z, c));
      const on = v > 0 || (v === 0 && sign(z.beta) > 0);
      bits.push(on ? 1 : 0);
      zs.push(z);
      return on ? z : { alpha: mul(leak, z.alpha), beta: mul(leak, z.beta) };
    });
  }
  return { bits, z: zs };
}

/** The exact pieces of the segment: breakpoints in (0, 1), increasing, and each piece's pattern. */
export function rationalLinePieces(net: ReluNet, a: readonly number[], b: readonly number[]): { breakpoints: Frac[]; patterns: string[] } {
  const breakpoints: Frac[] = [];
  const patterns: string[] = [];
  let c = ZERO;
  for (;;) {
    const { bits, z } = patternRightOf(net, a, b, c);
    patterns.push(bits.join(''));
    let h = ONE;
    z.forEach((f, i) => {
      // On (z > 0 right of c) ends where a falling z reaches 0; off (z ≤ 0) ends where a rising z passes 0.
      const s = sign(f.beta);
      if ((bits[i] === 1 && s < 0) || (bits[i] === 0 && s > 0)) {
        const root = div(neg(f.alpha), f.beta);
        if (less(c, root) && less(root, h)) h = root;
      }
    });
    if (!less(h, ONE)) return { breakpoints, patterns };
    breakpoints.push(h);
    c = h;
  }
}

/** The fraction as the nearest-ish double (for comparing with float breakpoints). */
export const toNumber = (x: Frac): number => {
  const shift = BigInt(Math.max(0, x.q.toString(2).length - 1000));
  return Number(x.p >> shift) / Number(x.q >> shift);
};
