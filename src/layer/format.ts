/**
 * Numbers as short, stable readouts for matrices and determinants.
 */

/**
 * x rounded to `significant` figures (default 3) for display, trailing zeros dropped: plain digits
 * when |x| ∈ [1e-3, 1e6) after rounding, otherwise scientific notation like `1.5e-7` or `2.35e9`.
 * Anything smaller than 1e-12 in magnitude shows as `0` (rounding noise, and never `-0`).
 * Non-finite values show as `NaN`, `∞` or `-∞`. Throws RangeError unless 1 ≤ significant ≤ 21.
 * @example formatNumber(0.8660254) // '0.866'
 */
export function formatNumber(x: number, significant = 3): string {
  if (!Number.isInteger(significant) || significant < 1 || significant > 21) {
    throw new RangeError(`formatNumber: significant figures must be 1 to 21, not ${significant}.`);
  }
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  if (Math.abs(x) < 1e-12) return '0';
  const rounded = Number(x.toPrecision(significant));
  const magnitude = Math.abs(rounded);
  if (magnitude >= 1e-3 && magnitude < 1e6) {
    const exponent = Number(rounded.toExponential().split('e')[1]);
    const decimals = Math.max(0, significant - 1 - exponent);
    return trimZeros(rounded.toFixed(decimals));
  }
  const [mantissa, exponent] = rounded.toExponential(significant - 1).split('e');
  return `${trimZeros(mantissa)}e${exponent.replace('+', '')}`;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
