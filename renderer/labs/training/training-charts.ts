import * as Plot from '@observablehq/plot';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../../components/svg-button.js';
import { logAxisOf } from '../../components/log-ticks.js';
import { serializeSvgFigure, type SvgLook } from '../../components/svg-export.js';
import type { HistoryPoint, SpectrumMetric } from './training-history.js';

const METRIC_LABEL: Record<SpectrumMetric, string> = {
  sigmaMax: 'σ₁ (largest stretch)',
  sigmaMin: 'σ_min (smallest stretch)',
  stableRank: 'stable rank Σσᵢ²/σ₁²',
  condition: 'condition number σ₁/σ_min',
};

/** One chart: what it is called, its test id, and how it is drawn. */
interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly plot: () => SVGSVGElement | HTMLElement | undefined;
}

const STYLE = { background: 'transparent', color: 'currentColor', fontSize: '11px' } as const;
const WIDTH = 330;

/**
 * One accessible picture per chart: Plot labels its mark groups with aria-label on <g>, which has
 * no role to carry it (axe: aria-prohibited-attr); the svg's own label says it all.
 */
export function labelChart(chart: Element, label: string): void {
  chart.setAttribute('aria-label', label);
  chart.setAttribute('role', 'img');
  for (const g of chart.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
}

/**
 * The chart's own <svg> inside `box`: the last one, since a Plot chart with a legend is a figure
 * whose swatches (small svgs) come first.
 */
export function chartSvg(box: ParentNode): SVGSVGElement {
  const all = box.querySelectorAll<SVGSVGElement>('svg');
  if (all.length === 0) throw new Error('There is no chart to export yet.');
  return all[all.length - 1]!;
}

/** A layer's name in the charts: W₁ … for the hidden layers, then the output row. */
export function layerName(l: number, layers: number): string {
  return l === layers - 1 ? `W${l + 1} (output)` : `W${l + 1}`;
}

/**
 * The Training lab's charts over the steps taken, drawn with Observable Plot as SVG (each can be
 * saved as an SVG file): loss (train solid, test dashed), accuracy, the exact region count, one
 * spectral measure of every layer, and every layer's gradient norm ‖∂L/∂W_l‖_F on a log axis.
 */
@customElement('hinge-training-charts')
export class TrainingCharts extends LitElement {
  static override styles = css`
    :host { display: grid; gap: 12px; color: var(--text); }
    .chart { display: grid; gap: 2px; }
    .chart svg { max-width: 100%; height: auto; overflow: visible; }
    .head { display: flex; align-items: center; gap: 8px; font-size: 12.5px; color: var(--muted); }
    .head span { flex: 1; }
    .empty { color: var(--muted); font-size: 12.5px; }
    figure { margin: 0; }
  `;

  @property({ attribute: false }) history: readonly HistoryPoint[] = [];
  @property() metric: SpectrumMetric = 'sigmaMax';
  /** Whether the exact region count exists (ReLU family). */
  @property({ type: Boolean }) regions = true;
  @property({ type: Boolean }) classification = true;
  /** The two curve colours (train, test) and the look's text colour. */
  @property({ attribute: false }) colors = { train: '#f28e2b', test: '#4c9be8' };

  #svg(id: string, caption: string) {
    return (look: SvgLook) => serializeSvgFigure({ caption, parts: [chartSvg(this.renderRoot.querySelector(`[data-chart="${id}"] .plot`)!)] }, { look });
  }

  #specs(): ChartSpec[] {
    const h = this.history;
    const { train, test } = this.colors;
    /** Train (solid) against test (dashed) of one measure; for a log axis only positive values. */
    const trainTest = (trainKey: 'trainLoss' | 'trainAccuracy', testKey: 'testLoss' | 'testAccuracy', height: number, y: Plot.ScaleOptions) => () => {
      const keep = (key: keyof HistoryPoint) => h.filter((p) => Number.isFinite(p[key]) && (y.type !== 'log' || (p[key] as number) > 0));
      const ticks = y.type === 'log' ? logAxisOf([...keep(trainKey), ...keep(testKey)].flatMap((p) => [p[trainKey], p[testKey]])) : {};
      return Plot.plot({
        width: WIDTH, height, marginLeft: 50, style: STYLE, x: { label: 'step' }, y: { grid: true, ...y, ...ticks },
        marks: [
          Plot.line(keep(trainKey), { x: 'step', y: trainKey, stroke: train, strokeWidth: 1.6 }),
          Plot.line(keep(testKey), { x: 'step', y: testKey, stroke: test, strokeWidth: 1.6, strokeDasharray: '5,3' }),
        ],
      });
    };
    const specs: ChartSpec[] = [
      { id: 'loss', title: 'Loss (train solid, test dashed)', file: 'hinge-training-loss', plot: trainTest('trainLoss', 'testLoss', 150, { type: 'log', label: 'loss' }) },
    ];
    if (this.classification) {
      specs.push({
        id: 'accuracy', title: 'Accuracy (train solid, test dashed)', file: 'hinge-training-accuracy',
        plot: trainTest('trainAccuracy', 'testAccuracy', 130, { label: 'accuracy', domain: [0, 1], tickFormat: '.0%' }),
      });
    }
    if (this.regions) {
      specs.push({
        id: 'regions', title: 'Exact linear regions in the square', file: 'hinge-training-regions',
        plot: () => Plot.plot({
          width: WIDTH, height: 130, marginLeft: 50, style: STYLE,
          x: { label: 'step' }, y: { label: 'regions', grid: true, zero: true },
          marks: [Plot.line(h.filter((p) => p.regionCount !== undefined), { x: 'step', y: 'regionCount', stroke: train, strokeWidth: 1.6 })],
        }),
      });
    }
    const layers = h.at(-1)?.spectra.length ?? 0;
    const perLayer = (value: (p: HistoryPoint, l: number) => number) =>
      h.flatMap((p) => Array.from({ length: layers }, (_, l) => ({ step: p.step, layer: layerName(l, layers), value: value(p, l) }))).filter((d) => Number.isFinite(d.value) && d.value > 0);
    const spectra = perLayer((p, l) => p.spectra[l]![this.metric]);
    const gradients = perLayer((p, l) => p.gradientNorms[l]!);
    const layerScale = { legend: true, domain: Array.from({ length: layers }, (_, l) => layerName(l, layers)), scheme: 'observable10' } as const;
    specs.push({
      id: 'spectra', title: `Per layer: ${METRIC_LABEL[this.metric]}`, file: `hinge-training-${this.metric}`,
      plot: () => Plot.plot({
        width: WIDTH, height: 170, marginLeft: 50, style: STYLE,
        x: { label: 'step' }, y: { type: 'log', label: METRIC_LABEL[this.metric].split(' ')[0], grid: true, ...logAxisOf(spectra.map((d) => d.value)) },
        color: layerScale,
        marks: [Plot.line(spectra, { x: 'step', y: 'value', stroke: 'layer', strokeWidth: 1.5 })],
      }),
    });
    specs.push({
      id: 'gradients', title: 'Per layer: gradient norm ‖∂L/∂W‖_F', file: 'hinge-training-gradient-norms',
      plot: () => Plot.plot({
        width: WIDTH, height: 170, marginLeft: 50, style: STYLE,
        x: { label: 'step' }, y: { type: 'log', label: '‖∂L/∂W‖', grid: true, ...logAxisOf(gradients.map((d) => d.value)) },
        color: layerScale,
        marks: [Plot.line(gradients, { x: 'step', y: 'value', stroke: 'layer', strokeWidth: 1.5 })],
      }),
    });
    return specs;
  }

  protected override updated(): void {
    if (this.history.length < 2) return;
    for (const spec of this.#specs()) {
      const box = this.renderRoot.querySelector(`[data-chart="${spec.id}"] .plot`);
      const chart = spec.plot();
      if (!box || !chart) continue;
      labelChart(chart, spec.title);
      box.replaceChildren(chart);
    }
  }

  override render() {
    if (this.history.length < 2) return html`<p class="empty">The charts fill in as the network trains: press Play or Step.</p>`;
    return html`${this.#specs().map(
      (spec) => html`<figure class="chart" data-chart=${spec.id} data-testid=${`chart-${spec.id}`}>
        <div class="head"><span>${spec.title}</span><hinge-svg-button label=${`${spec.id} chart`} fileName=${spec.file} .source=${this.#svg(spec.id, spec.title)}></hinge-svg-button></div>
        <div class="plot"></div>
      </figure>`,
    )}${nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-training-charts': TrainingCharts;
  }
}
