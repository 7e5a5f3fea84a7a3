import * as Plot from '@observablehq/plot';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import '../../components/svg-button.js';
import { serializeSvgFigure, type SvgLook } from '../../components/svg-export.js';
import { katexStyles, tex } from '../../components/tex.js';
import type { JobView } from '../job-controller.js';
import { ARCHITECTURES, COMPARE_RADIUS as RADIUS, COMPARE_SEEDS as SEEDS, parameterCount, type CompareRow } from './compare-rows.js';

/**
 * Depth against width: for one parameter budget, a shallow wide network and deeper narrower ones,
 * their measured region counts over several seeds, and the known bounds beside them. The lab
 * counts them in a worker (its job is `job`; `run` starts it); this element shows the rows, the
 * progress and a failure's message.
 */
@customElement('hinge-regions-compare')
export class RegionsCompare extends LitElement {
  static override styles = [
    katexStyles,
    css`
      :host { display: grid; gap: 8px; font-size: 13px; }
      button { font: inherit; font-size: 12.5px; color: var(--on-accent); background: var(--accent); border: none; border-radius: 4px; padding: 6px 10px; cursor: pointer; justify-self: start; }
      table { border-collapse: collapse; font-family: var(--font-mono); font-size: 12px; }
      th, td { padding: 3px 6px; text-align: right; border-bottom: 1px solid var(--border); }
      th { color: var(--muted); font-weight: 600; }
      .note { color: var(--muted); font-size: 12.5px; line-height: 1.45; }
      .math { overflow-x: auto; }
      .chart svg { max-width: 100%; height: auto; }
      .head { display: flex; align-items: center; gap: 8px; font-size: 12.5px; color: var(--muted); }
      .head span { flex: 1; }
      progress { width: 100%; accent-color: var(--accent); }
      .error { color: var(--error); font-size: 12.5px; }
    `,
  ];

  /** The lab's counting job: its progress, its failure, and the rows it found. */
  @property({ attribute: false }) job: JobView<CompareRow[]> | undefined;
  /** Starts counting (the lab runs the job). */
  @property({ attribute: false }) run: (() => void) | undefined;
  @query('.chart') private chart!: HTMLElement;

  get rows(): readonly CompareRow[] {
    return this.job?.result ?? [];
  }

  /** The chart with its key drawn in (Plot's swatch legend is HTML). */
  readonly #svg = (look: SvgLook): string => {
    const plot = this.chart.querySelector<SVGSVGElement>(':scope > figure > svg, :scope > svg')!;
    return serializeSvgFigure({
      caption: `Linear regions in [−${RADIUS}, ${RADIUS}]², depth against width`,
      key: [
        { label: `measured (${SEEDS.length} seeds)`, color: 'var(--output)', mark: 'dot' },
        { label: 'upper bound (Serra et al.)', color: 'var(--muted)', mark: 'cross' },
        { label: 'lower bound on the maximum (Montúfar et al.)', color: 'var(--input)', mark: 'cross' },
      ],
      parts: [plot],
    }, { look });
  };

  #plotted: readonly CompareRow[] | undefined;

  protected override updated(): void {
    if (!this.chart || this.#plotted === this.rows) return;
    this.#plotted = this.rows;
    this.chart.replaceChildren();
    if (!this.rows.length) return;
    const measured = this.rows.flatMap((r) => r.counts.map((count) => ({ label: r.label, count, kind: 'measured' })));
    const bounds = this.rows.flatMap((r) => [
      { label: r.label, count: r.upper, kind: 'upper bound (Serra et al.)' },
      { label: r.label, count: Math.max(1, r.lower), kind: 'lower bound on the maximum (Montúfar et al.)' },
    ]);
    const plot = Plot.plot({
      width: 340,
      height: 230,
      marginLeft: 58,
      marginBottom: 58,
      style: { background: 'transparent', color: 'currentColor', fontSize: '11px' },
      x: { label: null, domain: this.rows.map((r) => r.label), tickRotate: -25 },
      y: { type: 'log', label: 'regions', grid: true, tickFormat: '~s' },
      color: { legend: true, domain: ['measured', 'upper bound (Serra et al.)', 'lower bound on the maximum (Montúfar et al.)'], range: ['var(--output)', 'var(--muted)', 'var(--input)'] },
      marks: [
        Plot.dot(bounds, { x: 'label', y: 'count', stroke: 'kind', symbol: 'times', r: 5 }),
        Plot.dot(measured, { x: 'label', y: 'count', fill: 'kind', r: 3.5 }),
      ],
    });
    this.chart.append(plot);
  }

  override render() {
    const running = this.job?.status === 'running';
    return html`
      <div class="note">About the same budget (${ARCHITECTURES.map((h) => parameterCount(2, h)).join(', ')} parameters) spent on one wide layer or on several narrow ones; regions counted exactly in [−${RADIUS}, ${RADIUS}]², He initialisation, seeds ${SEEDS.join(', ')}.</div>
      <button data-testid="compare-run" ?disabled=${running} @click=${() => this.run?.()} title="Count the regions of each architecture">${running ? 'Counting…' : 'Compare depth and width'}</button>
      ${running ? html`<progress max="1" .value=${this.job!.progress} aria-label="Counting progress" data-testid="compare-progress"></progress>` : nothing}
      ${this.job?.status === 'failed' ? html`<div class="error" role="alert" data-testid="compare-error">${this.job.message}</div>` : nothing}
      ${this.rows.length
        ? html`<table data-testid="compare-table">
            <thead><tr><th>network</th><th>params</th><th>regions</th><th>on a line</th><th>bounds</th></tr></thead>
            <tbody>${this.rows.map((r) => html`<tr><td>${r.label}</td><td>${r.params}</td><td>${r.counts.join(' / ')}</td><td>${r.lineCounts.join(' / ')}</td>
              <td>${r.zaslavsky !== undefined ? `= ${r.zaslavsky}` : `${r.lower} … ${r.upper}`}</td></tr>`)}</tbody>
          </table>
          <div class="head"><span>Regions per architecture</span><hinge-svg-button label="region count chart" fileName="hinge-regions-depth-width" .source=${this.#svg}></hinge-svg-button></div>
          <div class="chart" data-testid="compare-chart"></div>
          <div class="math">${tex('\\text{one layer of } n: \\; \\sum_{i=0}^{d}\\binom{n}{i} \\quad\\text{(Zaslavsky)}', true)}
            ${tex('\\text{max} \\ge \\Big(\\prod_{l=1}^{L-1}\\big\\lfloor \\tfrac{n_l}{d}\\big\\rfloor^{d}\\Big)\\sum_{j=0}^{d}\\binom{n_L}{j} \\quad\\text{(Montúfar et al. 2014)}', true)}</div>
          <div class="note">Measured counts for random weights sit far below the maximum, but the upper bound grows with each layer multiplied in, while a single layer's count is only polynomial in its width. "On a line" counts the pieces along a segment through the box: it grows roughly in proportion to the number of neurons (Hanin and Rolnick, 2019), whatever the depth.</div>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-regions-compare': RegionsCompare;
  }
}
