/**
 * Numbers as short, stable readouts for matrices and determinants.
 */

/**
 * x rounded to `significant` figures (default 3) for display, trailing zeros dropped: plain digits
 * when |x| ∈ [1e-3, 1e6) after rounding, otherwise scientific notation like `1.5e-7` or `2.35e9`.
 * Only zero shows as `0` (never `-0`): a non-zero, however small, keeps its digits (`1e-14`).
 * Non-finite values show as `NaN`, `∞` or `-∞`. Throws RangeError unless 1 ≤ significant ≤ 21.
 * @example formatNumber(0.8660254) // '0.866'
 */
export function formatNumber(x: number, significant = 3): string {
  if (!Number.isInteger(significant) || significant < 1 || significant > 21) {
    throw new RangeError(`formatNumber: significant figures must be 1 to 21, not ${significant}.`);
  }
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  if (x === 0) return '0';
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

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * A number kept as mantissa·2^exponent (see determinantScaled) for display: formatNumber of its
 * double value when that is a finite non-zero double (or the number is 0); otherwise, beyond the
 * double range, m × 10ᵏ with m = 10^(log₁₀|mantissa| + exponent·log₁₀2 − k) to `significant`
 * figures and "(beyond double range)", e.g. `−2 × 10³²⁰ (beyond double range)`.
 * @example formatScaled({ mantissa: -1.25, exponent: 1064 }) // '−2 × 10³²⁰ (beyond double range)' (about)
 */
export function formatScaled(s: { readonly mantissa: number; readonly exponent: number }, significant = 3): string {
  if (s.mantissa === 0) return '0';
  const value = s.mantissa * 2 ** Math.max(-1074, Math.min(1023, s.exponent));
  if (s.exponent >= -1022 && s.exponent <= 1023 && Number.isFinite(value) && value !== 0) return formatNumber(value, significant);
  const log = Math.log10(Math.abs(s.mantissa)) + s.exponent * Math.log10(2);
  let k = Math.floor(log);
  let m = Number((10 ** (log - k)).toPrecision(significant));
  if (m >= 10) {
    m /= 10;
    k++;
  }
  const power = String(k).replace('-', '⁻').replace(/[0-9]/g, (c) => SUPERSCRIPT[Number(c)]);
  return `${s.mantissa < 0 ? '−' : ''}${trimZeros(m.toFixed(significant - 1))} × 10${power} (beyond double range)`;
}
