import { Color, SRGBColorSpace } from 'three';
import { divergingRgb } from '../../components/color-scales.js';
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

/**
 * The output colour of a value t ∈ [−1, 1] (clamped): the shared diverging RdBu scale of
 * DESIGN.md, blue at −1, white at 0, red at +1, written into `out` as sRGB.
 */
export function divergingColor(t: number, out: Color): Color {
  const [r, g, b] = divergingRgb(t, 1);
  return out.setRGB(r / 255, g / 255, b / 255, SRGBColorSpace);
}

/**
 * The colour of a region last cut by hidden layer `layer` (1-based; see lastCutLayers): that
 * layer's Okabe–Ito colour, as its boundaries use; 0 (a box no layer cut) is a neutral grey.
 */
export function layerCellColor(layer: number, dark: boolean, out: Color): Color {
  return layer < 1 ? out.set(dark ? '#5b6270' : '#b9bcc4') : out.set(LAYER_COLORS[(layer - 1) % LAYER_COLORS.length]!);
}
