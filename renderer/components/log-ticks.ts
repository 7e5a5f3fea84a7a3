import { formatNumber } from '../../src/layer/index.js';

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 10ᵏ as people write it: 1, 10, 100, 0.1, 0.01 near 1, and 10⁻¹⁵ or 10²⁰ beyond. */
export function powerOfTen(k: number): string {
  if (k >= -2 && k <= 3) return String(10 ** k);
  return `10${String(k).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c]!)}`;
}

/**
 * Tick positions and labels for a log axis over [min, max]: every power of ten in range (thinned
 * to at most about six, so 80 decades do not crowd), labelled as {@link powerOfTen}; when fewer
 * than two powers of ten fall in range, Plot picks the ticks and they get two significant figures.
 */
export function logAxis(min: number, max: number): { ticks?: number[]; tickFormat: (v: number) => string } {
  if (!(min > 0) || !(max >= min)) return { tickFormat: (v) => formatNumber(v, 2) };
  const lo = Math.ceil(Math.log10(min) - 1e-9);
  const hi = Math.floor(Math.log10(max) + 1e-9);
  if (hi - lo < 1) return { tickFormat: (v) => formatNumber(v, 2) };
  const step = Math.max(1, Math.ceil((hi - lo + 1) / 6));
  const ticks: number[] = [];
  for (let k = hi; k >= lo; k -= step) ticks.unshift(10 ** k);
  return { ticks, tickFormat: (v) => powerOfTen(Math.round(Math.log10(v))) };
}
