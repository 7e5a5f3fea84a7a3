/**
 * The Training lab's main picture, drawn on a 2D canvas: the network's output over the input
 * square as a heatmap (σ(f(x)) for bce, f(x) for mse), the exact linear regions of the current
 * network outlined on top (ReLU family, 2D), and the data — training points filled, test points
 * hollow, label 1 a circle and label 0 a square, so shape tells the classes apart without colour.
 * 3D data is shown on the slice x₃ = 0 with every point projected onto it.
 */
import type { PackedRegions, ReluNet } from '../../../src/regions/index.js';
import type { Dataset, TrainingActivation, TrainingLoss } from '../../../src/training/index.js';
import { kernelFor } from '../../../src/training/trainer.js';
import { scenePalette, type ExportLook } from '../../theme.js';

/** What the picture shows. */
export interface PictureInput {
  readonly net: ReluNet;
  readonly activation: TrainingActivation;
  readonly leak?: number;
  readonly loss: TrainingLoss;
  readonly data: Dataset;
  /** The exact partition of the current network (2D only), when there is one. */
  readonly regions?: PackedRegions;
  /** The square shown is [−radius, radius]². */
  readonly radius: number;
}

/** The colours of one look. */
interface Colors {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  /** Label 0 (input side of the house palette) and label 1. */
  readonly class0: [number, number, number];
  readonly class1: [number, number, number];
  readonly back: [number, number, number];
}

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const css = ([r, g, b]: readonly number[], alpha = 1) => `rgba(${r}, ${g}, ${b}, ${alpha})`;

function colorsOf(look: ExportLook): Colors {
  const p = scenePalette(look);
  return { background: p.background, text: p.text, muted: p.textMuted, grid: p.gridAxis, class0: rgb(p.input), class1: rgb(p.output), back: rgb(p.background) };
}

/** Cells of the heatmap along each side. */
const GRID = 96;
/** Room around the square for the axes, and below it for the legend (CSS pixels). */
const MARGIN = { left: 34, right: 14, top: 12, bottom: 66 };

/** Where the square lands on a canvas of width × height CSS pixels. */
export function plotRect(width: number, height: number): { x: number; y: number; size: number } {
  const size = Math.max(10, Math.min(width - MARGIN.left - MARGIN.right, height - MARGIN.top - MARGIN.bottom));
  const x = MARGIN.left + (width - MARGIN.left - MARGIN.right - size) / 2;
  return { x, y: MARGIN.top, size };
}

/** Maps the network's output to [0, 1] for shading: σ(z) for bce; for mse the target range. */
function shadeOf(input: PictureInput): { shade: (z: number) => number; low: number; high: number } {
  if (input.loss === 'bce') return { shade: (z) => 1 / (1 + Math.exp(-z)), low: 0, high: 1 };
  if (input.data.task === 'classification') return { shade: (z) => Math.min(1, Math.max(0, z)), low: 0, high: 1 };
  const ys = [...input.data.train.y, ...input.data.test.y];
  let low = Math.min(...ys);
  let high = Math.max(...ys);
  if (!(high > low)) [low, high] = [low - 1, high + 1];
  return { shade: (z) => Math.min(1, Math.max(0, (z - low) / (high - low))), low, high };
}

/** The colour of a shade t ∈ [0, 1]: label 0's colour at 0, the background at ½, label 1's at 1. */
function mix(colors: Colors, t: number, strength: number): [number, number, number] {
  const toward = t < 0.5 ? colors.class0 : colors.class1;
  const w = Math.min(1, Math.abs(t - 0.5) * 2) * strength;
  return [0, 1, 2].map((c) => Math.round(colors.back[c]! + (toward[c]! - colors.back[c]!) * w)) as [number, number, number];
}

/**
 * Draws the picture on `ctx` (already scaled so that one unit is one CSS pixel) over width × height
 * in `look`.
 */
export function drawPicture(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, width: number, height: number, input: PictureInput, look: ExportLook): void {
  const colors = colorsOf(look);
  const { x: left, y: top, size } = plotRect(width, height);
  const r = input.radius;
  const toX = (v: number) => left + ((v + r) / (2 * r)) * size;
  const toY = (v: number) => top + ((r - v) / (2 * r)) * size;
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, width, height);

  // The heatmap: the output at each cell's centre (x₃ = 0 for 3D data).
  const kernel = kernelFor({ net: input.net, activation: input.activation, leak: input.leak });
  const { shade } = shadeOf(input);
  const image = new ImageData(GRID, GRID);
  const point = input.data.inputs === 3 ? [0, 0, 0] : [0, 0];
  for (let j = 0; j < GRID; j++) {
    point[1] = r - ((j + 0.5) / GRID) * 2 * r;
    for (let i = 0; i < GRID; i++) {
      point[0] = -r + ((i + 0.5) / GRID) * 2 * r;
      const [red, green, blue] = mix(colors, shade(kernel.forward(point)), 0.6);
      const o = 4 * (j * GRID + i);
      image.data[o] = red;
      image.data[o + 1] = green;
      image.data[o + 2] = blue;
      image.data[o + 3] = 255;
    }
  }
  const cells = new OffscreenCanvas(GRID, GRID);
  cells.getContext('2d')!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(cells, left, top, size, size);

  // The exact regions: each polygon's outline.
  const regions = input.regions;
  if (regions && regions.dim === 2) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, size, size);
    ctx.clip();
    ctx.beginPath();
    for (let k = 0; k < regions.count; k++) {
      const from = regions.cornerStart[k]!;
      const to = regions.cornerStart[k + 1]!;
      for (let c = from; c < to; c++) {
        const px = toX(regions.coords[2 * c]!);
        const py = toY(regions.coords[2 * c + 1]!);
        if (c === from) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      }
      ctx.closePath();
    }
    ctx.strokeStyle = css(rgb(colors.text.length === 7 ? colors.text : '#808080'), 0.32);
    ctx.lineWidth = 0.8;
    ctx.stroke();
    ctx.restore();
  }

  // The data: train filled, test hollow; label 1 a circle, label 0 a square.
  const drawPoints = (x: readonly (readonly number[])[], y: readonly number[], filled: boolean) => {
    for (let k = 0; k < x.length; k++) {
      const px = toX(x[k]![0]!);
      const py = toY(x[k]![1]!);
      if (px < left - 4 || px > left + size + 4 || py < top - 4 || py > top + size + 4) continue;
      const t = input.data.task === 'classification' ? y[k]! : shade(y[k]!);
      const color = css(mix(colors, t, 1));
      ctx.beginPath();
      if (input.data.task === 'regression' || y[k] === 1) ctx.arc(px, py, 3.2, 0, 2 * Math.PI);
      else ctx.rect(px - 2.9, py - 2.9, 5.8, 5.8);
      if (filled) {
        ctx.fillStyle = color;
        ctx.fill();
        ctx.strokeStyle = colors.background;
        ctx.lineWidth = 0.8;
      } else {
        ctx.strokeStyle = color;
        ctx.lineWidth = 1.6;
      }
      ctx.stroke();
    }
  };
  drawPoints(input.data.train.x, input.data.train.y, true);
  drawPoints(input.data.test.x, input.data.test.y, false);

  // Axes: the frame, ticks at −r, 0, r, and the names.
  ctx.strokeStyle = colors.grid;
  ctx.lineWidth = 1;
  ctx.strokeRect(left, top, size, size);
  ctx.fillStyle = colors.muted;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  // The x ticks at the corners lean inwards, clear of the y ticks.
  for (const [v, align] of [[-r, 'left'], [0, 'center'], [r, 'right']] as const) {
    ctx.textAlign = align;
    ctx.fillText(formatTick(v), toX(v), top + size + 3);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of [-r, 0, r]) ctx.fillText(formatTick(v), left - 4, toY(v));
  ctx.textAlign = 'left';
  ctx.fillText('x₂', left + 4, top + 9);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillText(input.data.inputs === 3 ? 'x₁ (slice x₃ = 0)' : 'x₁', left + size - 4, top + size - 3);
  drawLegend(ctx, left, top + size + 20, input, colors);
}

function formatTick(v: number): string {
  return v === 0 ? '0' : `${v < 0 ? '−' : ''}${Math.abs(v)}`;
}

function drawLegend(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, x: number, y: number, input: PictureInput, colors: Colors): void {
  ctx.font = '11.5px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  let at = x;
  const item = (draw: () => void, label: string) => {
    draw();
    ctx.fillStyle = colors.text;
    ctx.fillText(label, at + 10, y);
    at += 16 + ctx.measureText(label).width + 12;
  };
  if (input.data.task === 'classification') {
    item(() => {
      ctx.fillStyle = css(colors.class1);
      ctx.beginPath();
      ctx.arc(at + 3, y, 3.2, 0, 2 * Math.PI);
      ctx.fill();
    }, 'label 1');
    item(() => {
      ctx.fillStyle = css(colors.class0);
      ctx.fillRect(at, y - 3, 6, 6);
    }, 'label 0');
  }
  item(() => {
    ctx.strokeStyle = colors.muted;
    ctx.lineWidth = 1.4;
    ctx.beginPath();
    ctx.arc(at + 3, y, 3, 0, 2 * Math.PI);
    ctx.stroke();
  }, 'hollow: test point');
  ctx.fillStyle = colors.muted;
  const shading = input.loss === 'bce' ? 'shading: σ(f(x)), ½ on the decision boundary' : input.data.task === 'classification' ? 'shading: f(x), ½ on the decision boundary' : 'shading: f(x) over the targets’ range';
  const relu = input.activation === 'relu' || input.activation === 'leaky-relu';
  // By the network's inputs, not by a partition drawn: before the first one arrives a 2D net is still 2D.
  const inputs = input.net.weights[0]?.[0]?.length ?? 2;
  const lines = !relu ? `${input.activation} is smooth: no linear regions` : inputs === 2 ? 'thin lines: the exact linear regions' : 'regions are counted in the cube (see the readout)';
  ctx.fillText(shading, x, y + 16);
  ctx.fillText(lines, x, y + 31);
}
