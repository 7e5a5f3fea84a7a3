/**
 * The power-law exponent of a weight matrix's empirical spectral density, as WeightWatcher
 * (Martin & Mahoney, "Implicit self-regularization in deep neural networks", JMLR 2021) fits it
 * with the `powerlaw` package: the eigenvalues λ = σ² of WᵀW, a continuous power law
 * p(λ) ∝ λ^−α above xmin fitted by Clauset, Shalizi & Newman (SIAM Review 51, 2009).
 */

/** A power-law fit of the tail λ ≥ xmin. */
export interface PowerLawFit {
  /** The exponent α (WeightWatcher reads 2…6 as well trained, < 2 over-fitted, > 6 under-trained). */
  readonly alpha: number;
  /** The smallest eigenvalue of the fitted tail. */
  readonly xmin: number;
  /** The Kolmogorov–Smirnov distance of the fit, which xmin minimises. */
  readonly ks: number;
  /** How many eigenvalues the tail holds. */
  readonly tail: number;
}

/**
 * Fits p(λ) ∝ λ^−α to λᵢ = σᵢ² (σᵢ > 0): for each distinct λ but the largest as xmin, the
 * continuous maximum-likelihood α = 1 + n / Σ_{λᵢ ≥ xmin} ln(λᵢ/xmin) over the n eigenvalues of
 * the tail, and the KS distance D = maxᵢ |P(λᵢ) − i/n| between the fitted CDF
 * P(λ) = 1 − (λ/xmin)^(1−α) and the tail's empirical CDF at its sorted points (as `powerlaw`
 * computes both). Returns the fit of smallest D (the smallest xmin on ties), or undefined when
 * fewer than two distinct positive eigenvalues exist. O(p²) for p singular values.
 * @example powerLawFit([3, 2, 1, 0.5]) // { alpha, xmin, ks, tail }
 */
export function powerLawFit(sigma: ArrayLike<number>): PowerLawFit | undefined {
  const lambda: number[] = [];
  for (let i = 0; i < sigma.length; i++) if (sigma[i] > 0) lambda.push(sigma[i] * sigma[i]);
  lambda.sort((a, b) => a - b);
  let best: PowerLawFit | undefined;
  for (let start = 0; start < lambda.length; ) {
    const xmin = lambda[start];
    let next = start + 1;
    while (next < lambda.length && lambda[next] === xmin) next++;
    if (next === lambda.length) break; // the largest distinct value is never an xmin
    const n = lambda.length - start;
    let logSum = 0;
    for (let i = start; i < lambda.length; i++) logSum += Math.log(lambda[i] / xmin);
    const alpha = 1 + n / logSum;
    let ks = 0;
    for (let i = 0; i < n; i++) {
      const fitted = 1 - (lambda[start + i] / xmin) ** (1 - alpha);
      ks = Math.max(ks, Math.abs(fitted - i / n));
    }
    if (best === undefined || ks < best.ks) best = { alpha, xmin, ks, tail: n };
    start = next;
  }
  return best;
}
