/**
 * The fine-tune panel's two charts, drawn with Observable Plot as SVG: the singular values of the
 * full fine-tune's ΔW of every layer (log axis), and the loss each LoRA rank reached against the
 * full fine-tune's (a reference line).
 */
import * as Plot from '@observablehq/plot';
import { logAxisOf } from '../../components/log-ticks.js';
import type { FineTuneComparison } from '../../../src/training/index.js';
import type { SvgKeyEntry } from '../../components/svg-export.js';
import { labelChart, layerName } from './training-charts.js';

/** Plot's observable10 scheme, named so the SVG file's key matches the chart's layers. */
const LAYER_COLORS = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e', '#9498a0'];

/** The spectrum chart's key for an SVG file: one colour per layer. */
export function spectrumKey(layers: number): SvgKeyEntry[] {
  return Array.from({ length: layers }, (_, l) => ({ label: `σᵢ(Δ${layerName(l, layers)})`, color: LAYER_COLORS[l % LAYER_COLORS.length]!, mark: 'dot' as const }));
}

const STYLE = { background: 'transparent', color: 'currentColor', fontSize: '11px' } as const;
export const FINE_TUNE_CHART_WIDTH = 266;

/**
 * Singular values at most this fraction of the layer's σ₁ are zero to rounding (a dead ReLU unit
 * gives ΔW a zero row, and the SVD returns ~1e-17 for it): the spectrum chart leaves them out.
 */
export const ROUNDING = 1e-12;

/** σᵢ(ΔW_l) against i for every layer, on a log axis (values zero to rounding cannot be drawn there and are left out). */
export function deltaSpectrumChart(result: FineTuneComparison): SVGSVGElement | HTMLElement {
  const layers = result.full.deltas.length;
  const points = result.full.deltas.flatMap((d, l) => d.singularValues.map((sigma, i) => ({ i: i + 1, sigma, layer: layerName(l, layers) }))
    .filter((p) => p.sigma > ROUNDING * d.singularValues[0]!));
  const chart = Plot.plot({
    width: FINE_TUNE_CHART_WIDTH, height: 170, marginLeft: 50, style: STYLE,
    x: { label: 'i (index of σᵢ)', tickFormat: 'd' }, y: { type: 'log', label: 'σᵢ(ΔW)', grid: true, ...logAxisOf(points.map((p) => p.sigma)) },
    color: { legend: true, domain: Array.from({ length: layers }, (_, l) => layerName(l, layers)), range: LAYER_COLORS },
    marks: [
      Plot.line(points, { x: 'i', y: 'sigma', stroke: 'layer', strokeWidth: 1.4 }),
      Plot.dot(points, { x: 'i', y: 'sigma', fill: 'layer', r: 2.5 }),
    ],
  });
  labelChart(chart, 'Singular values of the full fine-tune’s ΔW of every layer, on a log axis');
  return chart;
}

/** The final training loss of LoRA at each rank (dots and a line) against the full fine-tune's (a dashed line across). */
export function lossByRankChart(result: FineTuneComparison, colors: { readonly full: string; readonly lora: string }): SVGSVGElement | HTMLElement {
  const runs = result.lora.filter((r) => Number.isFinite(r.trainLoss));
  const full = result.full.trainLoss;
  const ranks = result.lora.map((r) => r.rank);
  const chart = Plot.plot({
    width: FINE_TUNE_CHART_WIDTH, height: 150, marginLeft: 50, style: STYLE,
    x: { type: 'log', base: 2, label: 'LoRA rank r', ticks: ranks, tickFormat: 'd', domain: [Math.min(...ranks) / 1.3, Math.max(...ranks) * 1.3] },
    // Linear: the losses of the runs are often within a few per cent of each other, where a log
    // axis shows no labelled tick at all.
    y: { label: 'train loss', grid: true, nice: true, ticks: 4, tickFormat: '.3~g' },
    marks: [
      Number.isFinite(full) ? Plot.ruleY([full], { stroke: colors.full, strokeWidth: 1.5, strokeDasharray: '5,3' }) : null,
      Number.isFinite(full) ? Plot.text([full], { y: (d: number) => d, frameAnchor: 'right', dy: -6, text: () => 'full fine-tune', fill: colors.full }) : null,
      Plot.line(runs, { x: 'rank', y: 'trainLoss', stroke: colors.lora, strokeWidth: 1.6 }),
      Plot.dot(runs, { x: 'rank', y: 'trainLoss', fill: colors.lora, r: 3.5 }),
    ],
  });
  labelChart(chart, 'Training loss on the new task after fine-tuning: LoRA at each rank against the full fine-tune');
  return chart;
}
