/**
 * Exact scaling by powers of two: multiplying by 2ᵏ changes only the exponent, so a matrix scaled
 * this way has exactly the scaled singular values (no rounding), even near overflow or underflow.
 */

/** The e with 2ᵉ ≤ x < 2ᵉ⁺¹ (x > 0 finite, subnormals included). */
export function binaryExponent(x: number): number {
  let e = Math.floor(Math.log2(x));
  // log2 may round across an integer near exact powers of two.
  if (timesPowerOfTwo(1, e) > x) e--;
  else if (timesPowerOfTwo(1, e + 1) <= x) e++;
  return e;
}

/** x·2ᵏ, exact unless the result over/underflows; split in two because 2ᵏ alone may not exist. */
export function timesPowerOfTwo(x: number, k: number): number {
  if (k >= -1022 && k <= 1023) return x * 2 ** k;
  const h = Math.trunc(k / 2);
  return x * 2 ** h * 2 ** (k - h);
}

/**
 * tail[r] = Σ_{i≥r} (σᵢ·2⁻ᵉ)² for r = 0 … σ.length (tail[σ.length] = 0), where 2ᵉ ≤ max σ < 2ᵉ⁺¹:
 * the squares of a spectrum scaled exactly by the power of two of its largest value, so tiny or
 * huge values neither underflow nor overflow when squared and ratios of tails are the unscaled
 * ones. Summed from the last value, so for σ₁ ≥ σ₂ ≥ … small tails keep their digits. All 0 for a
 * spectrum with no positive value. The values must be finite and ≥ 0 (the callers check).
 * @example scaledTailSums([3, 1]) // [10/4, 1/4, 0]: scaled by 2⁻¹
 */
export function scaledTailSums(sigma: readonly number[]): number[] {
  let largest = 0;
  for (const s of sigma) if (s > largest) largest = s;
  const tail = new Array<number>(sigma.length + 1).fill(0);
  if (!(largest > 0)) return tail;
  const e = binaryExponent(largest);
  for (let i = sigma.length - 1; i >= 0; i--) tail[i] = tail[i + 1]! + timesPowerOfTwo(sigma[i]!, -e) ** 2;
  return tail;
}
