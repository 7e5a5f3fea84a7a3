/**
 * The Model lab's two charts, drawn with Observable Plot as SVG: a metric across depth (one line
 * per module kind) and a ΔW's singular values (beside the base weight's, for an adapter).
 */
import * as Plot from '@observablehq/plot';
import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import '../../components/svg-button.js';
import { serializeSvgFigure, type SvgLook } from '../../components/svg-export.js';
import type { DeltaRow, MetricRow } from '../../workers/model-client.js';
import { METRICS, metricValue, type MetricKey } from './model-rows.js';

const chartStyles = css`
  :host { display: grid; gap: 4px; color: var(--text); }
  .plot svg { max-width: 100%; height: auto; overflow: visible; }
  .head { display: flex; align-items: center; gap: 8px; font-size: 12.5px; color: var(--muted); }
  .head span { flex: 1; }
  .empty { color: var(--muted); font-size: 12.5px; }
  .key { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; color: var(--muted); }
  .key i { display: inline-block; width: 14px; height: 3px; margin-right: 5px; vertical-align: middle; border-radius: 2px; }
`;

const STYLE = { background: 'transparent', color: 'currentColor', fontSize: '11px' } as const;

/** Tableau's ten categorical colours (readable on both themes), one per module kind. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const KIND_ORDER = ['q', 'k', 'v', 'qkv', 'o', 'gate', 'up', 'down', 'embedding', 'head', 'norm', 'other'];

/** The colour of each kind present, in a fixed order (so q is always the same blue). */
function kindColors(kinds: Iterable<string>): [string, string][] {
  const present = new Set(kinds);
  return KIND_ORDER.filter((k) => present.has(k)).map((k, i) => [k, PALETTE[i % PALETTE.length]!]);
}

/** Names the chart as one image; Plot's per-mark labels on <g> (not allowed there by ARIA) go. */
function asFigure(chart: Element, label: string): void {
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', label);
  for (const g of chart.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
}

/** A metric against layer index, one line per module kind (q, k, v, o, up, down, gate …). */
@customElement('hinge-depth-chart')
export class DepthChart extends LitElement {
  static override styles = chartStyles;
  @property({ attribute: false }) rows: readonly MetricRow[] = [];
  @property() metric: MetricKey = 'stableRank';
  @query('.plot') private box!: HTMLElement;

  readonly #svg = (look: SvgLook): string =>
    serializeSvgFigure({
      caption: `${this.#label()} across depth`,
      parts: [this.box.querySelector('svg')!],
      key: kindColors(this.#points().map((p) => p.kind)).map(([label, color]) => ({ label, color, mark: 'line' as const })),
    }, { look });

  #label(): string {
    return METRICS.find((m) => m.key === this.metric)?.title ?? this.metric;
  }

  #points() {
    return this.rows
      .filter((r) => r.layer !== undefined)
      .map((r) => ({ layer: r.layer!, value: metricValue(r.metrics, this.metric), kind: r.kind, name: r.name }))
      .filter((p) => Number.isFinite(p.value));
  }

  protected override updated(): void {
    this.box.replaceChildren();
    const points = this.#points();
    if (points.length === 0) return;
    const layers = new Set(points.map((p) => p.layer));
    const colors = kindColors(points.map((p) => p.kind));
    const chart = Plot.plot({
      width: 560,
      height: 240,
      marginLeft: 56,
      style: STYLE,
      color: { type: 'categorical', domain: colors.map(([k]) => k), range: colors.map(([, c]) => c) },
      x: { label: 'layer', grid: false, ticks: [...layers].sort((a, b) => a - b), tickFormat: 'd' },
      y: { label: METRICS.find((m) => m.key === this.metric)?.label ?? this.metric, grid: true },
      marks: [
        Plot.line(points, { x: 'layer', y: 'value', stroke: 'kind', z: 'kind', strokeWidth: 1.6 }),
        Plot.dot(points, { x: 'layer', y: 'value', fill: 'kind', r: 3, title: (p: { name: string; value: number }) => `${p.name}\n${p.value}` }),
      ],
    });
    asFigure(chart, `${this.#label()} against layer index`);
    this.box.append(chart);
  }

  override render() {
    const ready = this.#points().length > 0;
    return html`<div class="head"><span>${this.#label()} across depth</span>${ready
      ? html`<hinge-svg-button label="depth chart" fileName="hinge-model-depth" .source=${this.#svg}></hinge-svg-button>` : ''}</div>
      <div class="plot" data-testid="depth-chart"></div>
      ${ready
        ? html`<div class="key">${kindColors(this.#points().map((p) => p.kind)).map(([k, c]) => html`<span><i style="background:${c}"></i>${k}</span>`)}</div>`
        : html`<div class="empty">No matrix inside the repeated blocks yet.</div>`}`;
  }
}

/** ΔW's singular values on a log scale, with the base weight's beside them when there is one. */
@customElement('hinge-delta-spectrum')
export class DeltaSpectrum extends LitElement {
  static override styles = chartStyles;
  @property({ attribute: false }) row: DeltaRow | undefined;
  @query('.plot') private box!: HTMLElement;

  readonly #svg = (look: SvgLook): string =>
    serializeSvgFigure({
      caption: `Singular values of ΔW for ${this.row?.name ?? ''}`,
      parts: [this.box.querySelector('svg')!],
      key: [{ label: 'ΔW', color: 'var(--output)', mark: 'line' }, ...(this.row?.baseSigma ? [{ label: 'base W', color: 'var(--input)', mark: 'line' as const }] : [])],
    }, { look });

  protected override updated(): void {
    this.box.replaceChildren();
    const row = this.row;
    if (!row) return;
    const series = [
      ...row.sigma.map((s, i) => ({ i: i + 1, s, which: 'ΔW' })),
      ...(row.baseSigma ?? []).map((s, i) => ({ i: i + 1, s, which: 'base W' })),
    ].filter((p) => p.s > 0);
    if (series.length === 0) return;
    const chart = Plot.plot({
      width: 560,
      height: 220,
      marginLeft: 56,
      style: STYLE,
      color: { domain: ['ΔW', 'base W'], range: ['var(--output)', 'var(--input)'] },
      x: { label: 'i', grid: false },
      y: { type: 'log', label: 'σᵢ', grid: true, tickFormat: '.0e' },
      marks: [
        Plot.line(series, { x: 'i', y: 's', stroke: 'which', z: 'which', strokeWidth: 1.6 }),
        Plot.dot(series, { x: 'i', y: 's', fill: 'which', r: 2.5 }),
      ],
    });
    asFigure(chart, `Singular values of ΔW for ${row.name}`);
    this.box.append(chart);
  }

  override render() {
    return html`<div class="head"><span>σᵢ of ΔW (<b style="color:var(--output)">—</b>)${this.row?.baseSigma ? html` beside the base weight W (<b style="color:var(--input)">—</b>)` : ''}</span>${this.row
      ? html`<hinge-svg-button label="ΔW spectrum" fileName="hinge-model-delta" .source=${this.#svg}></hinge-svg-button>` : ''}</div>
      <div class="plot" data-testid="delta-spectrum"></div>`;
  }
}
