import { formatNumber } from '../../src/layer/index.js';

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 10ᵏ as people write it: 1, 10, 100, 0.1, 0.01 near 1, and 10⁻¹⁵ or 10²⁰ beyond. */
export function powerOfTen(k: number): string {
  if (k >= -2 && k <= 3) return String(10 ** k);
  return `10${String(k).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c]!)}`;
}

/**
 * Ticks for a log axis over [min, max] holding fewer than two powers of ten, where Plot's own log
 * ticks leave the labels blank: the numbers 1, 2, 5 × 10ᵏ in range when there are three or more
 * (even on the log axis), else three to about eight evenly spaced round ticks (steps of 1, 2 or
 * 5 × 10ᵏ) labelled with the significant figures that tell neighbours apart. One tick when min = max.
 */
function narrowTicks(min: number, max: number): { ticks: number[]; tickFormat: (v: number) => string } {
  if (!(max > min)) return { ticks: [min], tickFormat: (v) => formatNumber(v, 3) };
  // Spread evenly on the log axis when three of 1, 2, 5 × 10ᵏ fall in range (0.02, 0.05, 0.1, 0.2).
  const spread: number[] = [];
  for (let k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++) {
    for (const m of [1, 2, 5]) {
      const t = Number((m * 10 ** k).toPrecision(12));
      if (t >= min * (1 - 1e-12) && t <= max * (1 + 1e-12)) spread.push(t);
    }
  }
  if (spread.length >= 3) return { ticks: spread, tickFormat: (v) => formatNumber(v, 2) };
  const power = 10 ** Math.floor(Math.log10((max - min) / 4));
  const within = (step: number) => {
    const ticks: number[] = [];
    for (let k = Math.ceil(min / step - 1e-9); k * step <= max * (1 + 1e-12); k++) ticks.push(Number((k * step).toPrecision(12)));
    return ticks;
  };
  // The widest round step that still puts three ticks in range (there are at least four of `power`).
  const step = [10, 5, 2, 1].map((m) => m * power).find((s) => within(s).length >= 3)!;
  const ticks = within(step);
  const figures = Math.min(21, Math.max(2, Math.ceil(Math.log10(Math.max(Math.abs(min), Math.abs(max)) / step - 1e-9)) + 1));
  return { ticks, tickFormat: (v) => formatNumber(v, figures) };
}

/**
 * Tick positions and labels for a log axis over [min, max]: every power of ten in range (thinned
 * to at most about six, so 80 decades do not crowd), labelled as {@link powerOfTen}; when fewer
 * than two powers of ten fall in range, about four round ticks (steps 1, 2, 5 × 10ᵏ) with enough
 * significant figures to tell them apart, so the axis always has labelled ticks.
 */
export function logAxis(min: number, max: number): { ticks?: number[]; tickFormat: (v: number) => string } {
  if (!(min > 0) || !(max >= min)) return { tickFormat: (v) => formatNumber(v, 2) };
  const lo = Math.ceil(Math.log10(min) - 1e-9);
  const hi = Math.floor(Math.log10(max) + 1e-9);
  if (hi - lo < 1) return narrowTicks(min, max);
  const step = Math.max(1, Math.ceil((hi - lo + 1) / 6));
  const ticks: number[] = [];
  for (let k = hi; k >= lo; k -= step) ticks.unshift(10 ** k);
  return { ticks, tickFormat: (v) => powerOfTen(Math.round(Math.log10(v))) };
}

/** logAxis over the positive finite numbers among `values` (others, undefined included, skipped; Plot's choice when there are none). */
export function logAxisOf(values: Iterable<number | undefined>): { ticks?: number[]; tickFormat: (v: number) => string } {
  let min = Infinity;
  let max = 0;
  for (const v of values) {
    if (v === undefined || !(v > 0 && v < Infinity)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return logAxis(min, max);
}
