import * as Plot from '@observablehq/plot';
import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { RankError } from '../../../src/lora/index.js';
import '../../components/svg-button.js';
import { serializeSvgFigure, type SvgKeyEntry, type SvgLook } from '../../components/svg-export.js';
import { katexStyles, tex } from '../../components/tex.js';
import { logAxis } from '../../components/log-ticks.js';

/**
 * Two charts of the LoRA lab, drawn with Observable Plot as SVG: the singular values of ΔW with
 * the cut at r (kept ones in the output colour, dropped ones grey), and the Eckart–Young errors
 * of the best rank-r update against r, with the current r marked by the measured errors.
 */
@customElement('hinge-lora-charts')
export class LoraCharts extends LitElement {
  static override styles = [katexStyles, css`
    :host { display: grid; gap: 10px; color: var(--text); }
    .chart svg { max-width: 100%; height: auto; overflow: visible; display: block; }
    .head { display: flex; align-items: center; gap: 8px; font-size: 12.5px; color: var(--muted); margin-bottom: -4px; }
    .head span { flex: 1; }
    .key { display: flex; gap: 12px; flex-wrap: wrap; font-size: 12px; color: var(--muted); }
    .key i { display: inline-block; width: 14px; height: 3px; border-radius: 2px; vertical-align: middle; margin-right: 5px; }
    .key i.dot { width: 8px; height: 8px; border-radius: 50%; }
    .key .katex { font-size: 1em; color: var(--text); }
  `];

  /** σ of ΔW, descending. */
  @property({ attribute: false }) sigma: readonly number[] = [];
  /** The error curve (rank 0 to p). */
  @property({ attribute: false }) curve: readonly RankError[] = [];
  @property({ type: Number }) rank = 0;
  /** The measured errors at the current rank. */
  @property({ attribute: false }) measured: { frobenius: number; spectral: number } | undefined;

  @query('.sigma') private sigmaBox!: HTMLElement;
  @query('.errors') private errorBox!: HTMLElement;

  #svgOf(box: () => HTMLElement, caption: string, key: readonly SvgKeyEntry[]) {
    return (look: SvgLook) => serializeSvgFigure({ caption, key, parts: [box().querySelector('svg')!] }, { look });
  }

  readonly #sigmaSvg = this.#svgOf(() => this.sigmaBox, 'Singular values of ΔW', [
    { label: 'kept by rank r', color: 'var(--output)', mark: 'dot' },
    { label: 'dropped', color: 'var(--muted)', mark: 'dot' },
  ]);

  // The key on screen is typeset with KaTeX, which SVG cannot hold: the same words in plain text.
  readonly #errorSvg = this.#svgOf(() => this.errorBox, 'Error of the best rank-r update AB', [
    { label: 'Frobenius ‖ΔW − AB‖ = √(Σ σᵢ² for i > r)', color: 'var(--output)', mark: 'line' },
    { label: 'spectral ‖ΔW − AB‖₂ = σᵣ₊₁', color: 'var(--input)', mark: 'dash' },
    { label: 'measured at this r', color: 'var(--muted)', mark: 'ring' },
  ]);

  protected override updated(): void {
    const style = { background: 'transparent', color: 'currentColor', fontSize: '11px' };
    const width = 340;
    const r = this.rank;
    const points = this.sigma.map((s, i) => ({ i: i + 1, s, kept: i < r }));
    const positive = points.filter((p) => p.s > 0);
    const floor = (this.sigma[0] ?? 0) * 1e-16;
    const smallest = positive[positive.length - 1]?.s ?? 1;
    const bottom = Math.max(floor, smallest / 2);
    const sigmaChart = Plot.plot({
      width,
      height: 180,
      marginLeft: 50,
      style,
      x: { label: 'i', grid: false, domain: [0.5, Math.max(1, this.sigma.length) + 0.5] },
      y: { type: 'log', label: 'σᵢ of ΔW (log scale)', grid: true, ...logAxis(bottom, (positive[0]?.s ?? 1) * 1.6), ...(positive.length === 0 ? { domain: [1e-3, 1] } : { domain: [bottom, (positive[0]?.s ?? 1) * 1.6] }) },
      marks: [
        Plot.ruleX(positive, { x: 'i', y1: bottom, y2: 's', stroke: (p: { kept: boolean }) => (p.kept ? 'var(--output)' : 'var(--muted)'), strokeWidth: points.length > 64 ? 1 : 2.5, strokeOpacity: 0.8 }),
        ...(points.length <= 64 ? [Plot.dot(positive, { x: 'i', y: 's', r: 2.6, fill: (p: { kept: boolean }) => (p.kept ? 'var(--output)' : 'var(--muted)') })] : []),
        Plot.ruleX([r + 0.5], { stroke: 'var(--error)', strokeDasharray: '4,3', strokeWidth: 1.5 }),
        Plot.text([r + 0.5], { x: (v: number) => v, frameAnchor: 'top', dx: r + 0.5 > this.sigma.length * 0.7 ? -4 : 4, dy: 2,
          textAnchor: r + 0.5 > this.sigma.length * 0.7 ? 'end' : 'start', text: () => `cut at r = ${r}`, fill: 'var(--error)', stroke: 'var(--panel)', strokeWidth: 3, paintOrder: 'stroke' }),
      ],
    });
    sigmaChart.setAttribute('aria-label', `Singular values of ΔW; the first ${r} are kept`);
    const curve = this.curve;
    const m = this.measured;
    const errorChart = Plot.plot({
      width,
      height: 180,
      marginLeft: 50,
      style,
      x: { label: 'rank r', grid: false },
      y: { label: 'error of the best rank-r AB', grid: true, zero: true },
      marks: [
        Plot.line(curve, { x: 'rank', y: 'frobenius', stroke: 'var(--output)', strokeWidth: 1.8 }),
        Plot.line(curve, { x: 'rank', y: 'spectral', stroke: 'var(--input)', strokeWidth: 1.8, strokeDasharray: '5,3' }),
        Plot.ruleX([r], { stroke: 'var(--muted)', strokeDasharray: '2,3' }),
        ...(m
          ? [
              Plot.dot([{ rank: r, e: m.frobenius }], { x: 'rank', y: 'e', r: 4.5, stroke: 'var(--output)', fill: 'var(--panel)', strokeWidth: 2 }),
              Plot.dot([{ rank: r, e: m.spectral }], { x: 'rank', y: 'e', r: 4.5, stroke: 'var(--input)', fill: 'var(--panel)', strokeWidth: 2 }),
            ]
          : []),
      ],
    });
    errorChart.setAttribute('aria-label', 'Eckart–Young errors against the rank r, with the measured errors at the current r');
    // One accessible picture each: Plot labels its mark groups ("rule", "dot") with aria-label on
    // <g>, which has no role to carry it (axe: aria-prohibited-attr); the svg's own label says it all.
    for (const chart of [sigmaChart, errorChart]) {
      chart.setAttribute('role', 'img');
      for (const g of chart.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
    }
    this.sigmaBox.replaceChildren(sigmaChart);
    this.errorBox.replaceChildren(errorChart);
  }

  override render() {
    return html`
      <div class="head"><span>Singular values of ΔW</span><hinge-svg-button label="singular value chart" fileName="hinge-lora-sigma" .source=${this.#sigmaSvg}></hinge-svg-button></div>
      <div class="chart sigma" data-testid="lora-sigma-chart"></div>
      <div class="head"><span>Error of the best rank-r update</span><hinge-svg-button label="error chart" fileName="hinge-lora-errors" .source=${this.#errorSvg}></hinge-svg-button></div>
      <div class="chart errors" data-testid="lora-error-chart"></div>
      <div class="key" aria-hidden="true">
        <span><i style="background: var(--output)"></i>${tex('\\lVert \\Delta W - AB \\rVert_F = \\sqrt{\\textstyle\\sum_{i>r}\\sigma_i^2}')}</span>
        <span><i style="background: repeating-linear-gradient(90deg, var(--input) 0 5px, transparent 5px 8px)"></i>${tex('\\lVert \\Delta W - AB \\rVert_2 = \\sigma_{r+1}')}</span>
        <span><i class="dot" style="border: 2px solid var(--muted)"></i>measured at this r</span>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-lora-charts': LoraCharts;
  }
}
