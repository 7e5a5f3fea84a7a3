/**
 * The colour scales of every lab, from one source (DESIGN.md "Heatmaps"): signed numbers on the
 * diverging blue–white–red ColorBrewer RdBu centred on 0 (negative blue, positive red), non-negative
 * numbers (weights, σ) on viridis. Both are d3-scale-chromatic's continuous interpolators, sampled
 * once into 255-entry lookup tables so a 256×256 heatmap costs one table read per cell.
 */
import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';
import type { Matrix } from '../../src/layer/index.js';

const STEPS = 255;

type Rgb = [number, number, number];

/** Samples `interpolate` at STEPS points of [0, 1] into RGB bytes. */
function sample(interpolate: (t: number) => string): Uint8ClampedArray {
  const table = new Uint8ClampedArray(STEPS * 3);
  for (let i = 0; i < STEPS; i++) table.set(parseRgb(interpolate(i / (STEPS - 1))), i * 3);
  return table;
}

let rdbu: Uint8ClampedArray | undefined;
let viridisTable: Uint8ClampedArray | undefined;

function read(table: Uint8ClampedArray, u: number): Rgb {
  const i = Math.round(u * (STEPS - 1)) * 3;
  return [table[i]!, table[i + 1]!, table[i + 2]!];
}

/**
 * The diverging colour of `value` on the scale −limit (blue) … 0 (white) … +limit (red), as RGB
 * bytes: RdBu at u = (1 − t)/2 with t = clamp(value / limit, −1, 1), so t = −1 is RdBu's blue end.
 * A zero, negative or non-finite limit, or a non-finite value, gives the white centre.
 */
export function divergingRgb(value: number, limit: number): Rgb {
  const t = limit > 0 && Number.isFinite(value) ? Math.max(-1, Math.min(1, value / limit)) : 0;
  rdbu ??= sample(interpolateRdBu);
  return read(rdbu, (1 - t) / 2);
}

/** {@link divergingRgb} as a CSS `rgb()` string. */
export function divergingCss(value: number, limit: number): string {
  return css(divergingRgb(value, limit));
}

/**
 * The sequential colour of t ∈ [0, 1] on viridis (dark purple at 0, yellow at 1), as RGB bytes;
 * t is clamped to [0, 1] and a non-finite t reads as 0.
 */
export function viridisRgb(t: number): Rgb {
  viridisTable ??= sample(interpolateViridis);
  return read(viridisTable, Number.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0);
}

/** {@link viridisRgb} as a CSS `rgb()` string. */
export function viridisCss(t: number): string {
  return css(viridisRgb(t));
}

/**
 * `count` (≥ 2) evenly spaced CSS colours of a scale from its low end to its high end, for a
 * legend's gradient: diverging from −1 (blue) to +1 (red), sequential from 0 to 1.
 */
export function scaleStops(kind: 'diverging' | 'sequential', count = 11): string[] {
  return Array.from({ length: count }, (_, i) => {
    const u = i / (count - 1);
    return kind === 'diverging' ? divergingCss(2 * u - 1, 1) : viridisCss(u);
  });
}

/**
 * Whether dark text reads better than white on the diverging colour of `value`: the colour's
 * luma 0.2126 r + 0.7152 g + 0.0722 b (Rec. 709 weights on the 0–255 bytes) exceeds 140.
 */
export function darkTextOn(value: number, limit: number): boolean {
  const [r, g, b] = divergingRgb(value, limit);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 140;
}

/**
 * Writes each entry's diverging colour (scale ±limit) into RGBA pixel data, one opaque pixel per
 * entry, row by row: pixel k = row·cols + col holds entry (row, col).
 */
export function fillPixels(matrix: Matrix, limit: number, pixels: Uint8ClampedArray): void {
  let o = 0;
  for (const row of matrix) {
    for (const v of row) {
      const [r, g, b] = divergingRgb(v, limit);
      pixels[o] = r;
      pixels[o + 1] = g;
      pixels[o + 2] = b;
      pixels[o + 3] = 255;
      o += 4;
    }
  }
}

/** The largest |entry| over all the matrices, max |aᵢⱼ| (0 when all are empty): a symmetric scale's limit. */
export function maxAbs(...matrices: readonly Matrix[]): number {
  let m = 0;
  for (const matrix of matrices) for (const row of matrix) for (const v of row) m = Math.max(m, Math.abs(v));
  return m;
}

function css([r, g, b]: Rgb): string {
  return `rgb(${r}, ${g}, ${b})`;
}

/** d3's interpolators answer `rgb(r, g, b)` (RdBu) or `#rrggbb` (viridis). */
function parseRgb(text: string): Rgb {
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(text);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const hex = /^#([0-9a-f]{6})$/i.exec(text);
  if (hex) {
    const n = parseInt(hex[1]!, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  throw new Error(`color-scales: cannot read the colour "${text}"`);
}
