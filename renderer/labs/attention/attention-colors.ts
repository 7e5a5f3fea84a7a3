/**
 * The Attention lab's colour scales (DESIGN.md): signed matrices diverging blue–white–red centred
 * on 0, weights (non-negative) on viridis, tokens and heads in Okabe–Ito colours. Orange and
 * vermillion are left out of the token set: orange means "output" in every lab.
 */

const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];
/** ColorBrewer RdBu, 7 classes, blue for negative. */
const DIVERGING = ['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b'];

/** Okabe–Ito without orange/vermillion (reserved for outputs); black becomes grey so both themes show it. */
export const TOKEN_COLORS = ['#56b4e9', '#009e73', '#cc79a7', '#f0e442', '#0072b2', '#999999'] as const;
/** Okabe–Ito for heads. */
export const HEAD_COLORS = ['#56b4e9', '#009e73', '#cc79a7', '#e69f00'] as const;

export function tokenColor(i: number): string {
  return TOKEN_COLORS[i % TOKEN_COLORS.length]!;
}

function hexToRgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function interpolate(stops: readonly string[], t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const k = Math.min(stops.length - 2, Math.floor(x));
  const f = x - k;
  const a = hexToRgb(stops[k]!);
  const b = hexToRgb(stops[k + 1]!);
  const c = a.map((v, i) => Math.round(v + f * (b[i]! - v)));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** Viridis at t ∈ [0, 1]. */
export function viridis(t: number): string {
  return interpolate(VIRIDIS, t);
}

/** Blue–white–red at v ∈ [−max, max], white at 0. */
export function diverging(v: number, max: number): string {
  return interpolate(DIVERGING, max > 0 ? 0.5 + v / (2 * max) : 0.5);
}

/** The CSS gradient stops of a scale, for legends. */
export function gradientStops(kind: 'diverging' | 'sequential'): readonly string[] {
  return kind === 'diverging' ? DIVERGING : VIRIDIS;
}
