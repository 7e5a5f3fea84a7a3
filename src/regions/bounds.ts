/**
 * Known bounds on the number of linear regions, for the depth-versus-width view: how many regions
 * one layer can make, how many a deep network can be built to make, and how many any can make.
 * Counts are exact BigInt sums inside and returned as Numbers (Infinity past 1.8e308).
 */
import { NetworkFormatError } from './errors.js';

function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  const m = Math.min(k, n - k);
  let c = 1n;
  // c·(n − i)/(i + 1) is C(n, i + 1), an integer at every step.
  for (let i = 0; i < m; i++) c = (c * BigInt(n - i)) / BigInt(i + 1);
  return c;
}

/** Σ_{j=0}^{k} C(n, j): the regions of n hyperplanes in general position in R^k (2^n when n ≤ k). */
function regionsOfArrangement(n: number, k: number): bigint {
  let s = 0n;
  for (let j = 0; j <= Math.min(k, n); j++) s += binomial(n, j);
  return s;
}

const toNumber = (x: bigint): number => Number(x); // Number() of a huge BigInt is Infinity, never NaN

function checkCount(value: number, name: string, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new NetworkFormatError(name, `must be a whole number ≥ ${min}, not ${value}`);
}

function checkWidths(widths: readonly number[], d: number): void {
  checkCount(d, 'd', 1);
  if (!Array.isArray(widths) || widths.length === 0) throw new NetworkFormatError('widths', 'must list at least one hidden layer width');
  widths.forEach((n, l) => checkCount(n, `widths[${l}]`, 1));
}

/**
 * Zaslavsky's count Σ_{i=0}^{d} C(n, i): the number of regions n hyperplanes in general position
 * cut R^d into — the most any arrangement of n hyperplanes makes, hence the most regions of a
 * network with one hidden layer of n neurons on d inputs.
 * @example zaslavskyCount(3, 2) // 7 = 1 + 3 + 3
 */
export function zaslavskyCount(n: number, d: number): number {
  checkCount(n, 'n', 0);
  checkCount(d, 'd', 0);
  return toNumber(regionsOfArrangement(n, d));
}

/**
 * The lower bound of Montúfar, Pascanu, Cho & Bengio (2014, "On the number of linear regions of
 * deep neural networks") on the maximal number of regions of a ReLU network with d inputs and
 * hidden widths n_1, …, n_L, all n_l ≥ d:
 * (∏_{l=1}^{L−1} ⌊n_l/d⌋^d) · Σ_{j=0}^{d} C(n_L, j) — some network of that shape has at least this
 * many regions (each early layer folds the input ⌊n_l/d⌋^d times onto itself; the last layer
 * cuts the folded space as a one-layer arrangement). The theorem needs n_l ≥ d for l < L; when a
 * layer is narrower the bound does not apply and NaN is returned (a chart then leaves it out).
 * Throws NetworkFormatError for a width or d that is not a whole number ≥ 1.
 * @example montufarLowerBound([4, 4], 2) // ⌊4/2⌋²·(1 + 4 + 6) = 44
 */
export function montufarLowerBound(widths: readonly number[], d: number): number {
  checkWidths(widths, d);
  const L = widths.length;
  if (widths.slice(0, L - 1).some((n) => n < d)) return Number.NaN;
  let product = 1n;
  for (let l = 0; l < L - 1; l++) product *= BigInt(Math.floor(widths[l] / d)) ** BigInt(d);
  return toNumber(product * regionsOfArrangement(widths[L - 1], d));
}

/**
 * The upper bound of Serra, Tjandraatmadja & Ramalingam (2018, "Bounding and counting linear
 * regions of deep neural networks", Theorem 1) on the number of regions of any ReLU network with
 * n_0 = d inputs and hidden widths n_1, …, n_L:
 * Σ_{(j_1,…,j_L) ∈ J} ∏_{l=1}^{L} C(n_l, j_l), with
 * J = {(j_1, …, j_L) ∈ ℤ^L : 0 ≤ j_l ≤ min(n_0, n_1 − j_1, …, n_{l−1} − j_{l−1}, n_l) for every l}.
 * j_l counts the neurons of layer l active on a region; the min says a region's image after layer
 * l−1 has dimension at most n_k − j_k for every k < l (the bottleneck), so layer l cuts it as an
 * arrangement in that many dimensions. Tight for L = 1 (it is then Zaslavsky's count). Computed
 * exactly by dynamic programming over the running minimum (at most d + 1 states per layer).
 * Throws NetworkFormatError for a width or d that is not a whole number ≥ 1.
 * @example serraUpperBound([2, 2], 2) // 11, where the cruder ∏ Σ_{j≤2} C(2, j) gives 16
 */
export function serraUpperBound(widths: readonly number[], d: number): number {
  checkWidths(widths, d);
  // ways[m] = Σ over (j_1..j_{l}) reaching running minimum m = min(n_0, n_1 − j_1, …, n_l − j_l).
  let ways = new Array<bigint>(d + 1).fill(0n);
  ways[d] = 1n;
  for (const n of widths) {
    const next = new Array<bigint>(d + 1).fill(0n);
    for (let m = 0; m <= d; m++) {
      if (ways[m] === 0n) continue;
      for (let j = 0; j <= Math.min(m, n); j++) next[Math.min(m, n - j)] += ways[m] * binomial(n, j);
    }
    ways = next;
  }
  return toNumber(ways.reduce((s, x) => s + x, 0n));
}
