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
