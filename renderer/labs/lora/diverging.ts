import * as Plot from '@observablehq/plot';

/**
 * The signed-heatmap colour scale of DESIGN.md: diverging blue–white–red centred on 0 (ColorBrewer
 * RdBu through Observable Plot, negative blue, positive red), sampled once into a lookup table so
 * a 256×256 heatmap costs one table read per cell.
 */
const STEPS = 255;

let table: Uint8ClampedArray | undefined;

function lookup(): Uint8ClampedArray {
  if (table) return table;
  const scale = Plot.scale({ color: { type: 'diverging', scheme: 'rdbu', domain: [-1, 1], reverse: true } });
  table = new Uint8ClampedArray(STEPS * 3);
  for (let i = 0; i < STEPS; i++) {
    const [r, g, b] = parseRgb(String(scale.apply(-1 + (2 * i) / (STEPS - 1))));
    table.set([r, g, b], i * 3);
  }
  return table;
}

/** The colour of `value` on a scale from −limit (blue) through 0 (white) to +limit (red), as RGB bytes. */
export function divergingRgb(value: number, limit: number): [number, number, number] {
  const t = limit > 0 && Number.isFinite(value) ? Math.max(-1, Math.min(1, value / limit)) : 0;
  const i = Math.round(((t + 1) / 2) * (STEPS - 1)) * 3;
  const lut = lookup();
  return [lut[i]!, lut[i + 1]!, lut[i + 2]!];
}

/** The same colour as a CSS string. */
export function divergingCss(value: number, limit: number): string {
  const [r, g, b] = divergingRgb(value, limit);
  return `rgb(${r}, ${g}, ${b})`;
}

/** Whether dark text reads better than white on the colour of `value` (relative luminance). */
export function darkTextOn(value: number, limit: number): boolean {
  const [r, g, b] = divergingRgb(value, limit);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 140;
}

/** Writes the matrix's colours into RGBA pixel data, one pixel per entry, row by row. */
export function fillPixels(matrix: readonly (readonly number[])[], limit: number, pixels: Uint8ClampedArray): void {
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

/** The largest |entry| (0 for an empty matrix): a symmetric scale's limit. */
export function maxAbs(...matrices: readonly (readonly (readonly number[])[])[]): number {
  let m = 0;
  for (const matrix of matrices) for (const row of matrix) for (const v of row) m = Math.max(m, Math.abs(v));
  return m;
}

function parseRgb(css: string): [number, number, number] {
  const m = css.match(/rgb\((\d+),\s*(\d+),\s*(\d+)\)/);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const hex = css.match(/^#([0-9a-f]{6})$/i);
  if (hex) {
    const n = parseInt(hex[1]!, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  return [240, 240, 240];
}
