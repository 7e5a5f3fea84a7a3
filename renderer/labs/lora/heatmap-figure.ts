import { formatNumber, type Matrix } from '../../../src/layer/index.js';
import { scenePalette, type ExportLook } from '../../theme.js';
import { divergingCss, fillPixels } from '../../components/color-scales.js';


/** One heatmap of the figure. */
export interface FigurePanel {
  readonly title: string;
  readonly matrix: Matrix;
  readonly limit: number;
}

/**
 * The LoRA lab's heatmaps as one PNG: each panel titled, drawn at the same size per entry, with
 * its colour legend and numbers; on the theme's background or on white paper. Drawn with a 2D
 * canvas (so the image is the same however the stage is laid out), `scale` times a base size.
 */
export async function heatmapFigurePng(panels: readonly FigurePanel[], look: ExportLook, scale: number): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  const palette = scenePalette(look);
  const largest = Math.max(1, ...panels.map((p) => Math.max(p.matrix.length, p.matrix[0]?.length ?? 0)));
  const cell = Math.max(1, 220 / largest);
  const pad = 18;
  const titleH = 26;
  const legendH = 34;
  const columns = Math.min(3, panels.length);
  const boxW = Math.max(170, ...panels.map((p) => (p.matrix[0]?.length ?? 0) * cell));
  const boxH = Math.max(...panels.map((p) => p.matrix.length * cell));
  const rows = Math.ceil(panels.length / columns);
  const baseW = pad + columns * (boxW + pad);
  const baseH = pad + rows * (titleH + boxH + legendH + pad);
  const width = Math.round(baseW * scale);
  const height = Math.round(baseH * scale);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot create a 2D canvas to draw the figure.');
  ctx.scale(scale, scale);
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, baseW, baseH);
  const font = (px: number, weight = 500) => `${weight} ${px}px system-ui, "DejaVu Sans", sans-serif`;
  panels.forEach((panel, index) => {
    const x = pad + (index % columns) * (boxW + pad);
    const y = pad + Math.floor(index / columns) * (titleH + boxH + legendH + pad);
    ctx.fillStyle = palette.text;
    ctx.font = font(14, 650);
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(panel.title, x, y + 16);
    const m = panel.matrix.length;
    const n = panel.matrix[0]?.length ?? 0;
    if (m > 0 && n > 0) {
      const tile = new OffscreenCanvas(n, m);
      const tctx = tile.getContext('2d')!;
      const image = tctx.createImageData(n, m);
      fillPixels(panel.matrix, panel.limit, image.data);
      tctx.putImageData(image, 0, 0);
      ctx.imageSmoothingEnabled = cell < 1;
      ctx.drawImage(tile, x, y + titleH, n * cell, m * cell);
      ctx.strokeStyle = palette.gridAxis;
      ctx.lineWidth = 1 / scale;
      ctx.strokeRect(x, y + titleH, n * cell, m * cell);
    }
    const ly = y + titleH + boxH + 8;
    const lw = Math.min(boxW, 200);
    const gradient = ctx.createLinearGradient(x, 0, x + lw, 0);
    for (let i = 0; i <= 10; i++) gradient.addColorStop(i / 10, divergingCss(-1 + i / 5, 1));
    ctx.fillStyle = gradient;
    ctx.fillRect(x, ly, lw, 8);
    ctx.fillStyle = palette.textMuted;
    ctx.font = font(10.5);
    for (const [t, align] of [[-1, 'left'], [0, 'center'], [1, 'right']] as const) {
      ctx.textAlign = align;
      ctx.fillText(formatNumber(t * panel.limit, 2), x + ((t + 1) / 2) * lw, ly + 21);
    }
    ctx.textAlign = 'left';
  });
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return { bytes: new Uint8Array(await blob.arrayBuffer()), width, height };
}
