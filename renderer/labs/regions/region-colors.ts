import { Color } from 'three';
import { LAYER_COLORS } from './boundary-layers.js';

const GOLDEN = 0.618033988749895;

/**
 * A colour per region: hues a golden angle apart with alternating lightness, so neighbours rarely
 * look alike however many regions there are (the count is shown in numbers too, never by hue alone).
 */
export function regionColor(i: number, dark: boolean, out: Color): Color {
  const h = (i * GOLDEN) % 1;
  const l = dark ? (i % 2 ? 0.42 : 0.55) : i % 2 ? 0.62 : 0.74;
  return out.setHSL(h, 0.55, l);
}

/** A diverging blue–white–red colour for a value in [-1, 1] (0 is white, or the dark theme's grey). */
export function divergingColor(t: number, dark: boolean, out: Color): Color {
  const v = Math.max(-1, Math.min(1, t));
  const mid = dark ? new Color('#3a3f4b') : new Color('#f4f4f4');
  const end = v < 0 ? new Color('#2f6fd1') : new Color('#d1432f');
  return out.copy(mid).lerp(end, Math.abs(v));
}

/**
 * The colour of a region last cut by hidden layer `layer` (1-based; see lastCutLayers): that
 * layer's Okabe–Ito colour, as its boundaries use; 0 (a box no layer cut) is a neutral grey.
 */
export function layerCellColor(layer: number, dark: boolean, out: Color): Color {
  return layer < 1 ? out.set(dark ? '#5b6270' : '#b9bcc4') : out.set(LAYER_COLORS[(layer - 1) % LAYER_COLORS.length]!);
}
