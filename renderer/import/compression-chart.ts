import * as Plot from '@observablehq/plot';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { CompressionPoint } from '../../src/lora/index.js';

/**
 * An imported matrix's compression curve: for each rank r, the relative errors of the best
 * rank-r matrix (Frobenius in the output colour, spectral dashed in the input colour), and the
 * share of M's numbers that its two factors store, r(d + k)/dk, which crosses 1 at the
 * break-even rank. The chosen r is marked. Drawn with Observable Plot as SVG.
 */
@customElement('hinge-compression-chart')
export class CompressionChart extends LitElement {
  static override styles = css`
    :host { display: grid; gap: 6px; color: var(--text); }
    .chart svg { max-width: 100%; height: auto; overflow: visible; display: block; }
    .key { display: flex; gap: 4px 12px; flex-wrap: wrap; font-size: 12px; color: var(--muted); }
    .key i { display: inline-block; width: 14px; height: 3px; border-radius: 2px; vertical-align: middle; margin-right: 5px; }
  `;

  @property({ attribute: false }) curve: readonly CompressionPoint[] = [];
  @property({ type: Number }) rows = 1;
  @property({ type: Number }) cols = 1;
  @property({ type: Number }) rank = 0;
  @query('.chart') private box!: HTMLElement;

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const curve = this.curve;
    this.box.replaceChildren();
    if (curve.length === 0) return;
    const full = this.rows * this.cols;
    const maxRank = curve[curve.length - 1]!.rank;
    const breakEven = full / (this.rows + this.cols);
    const spectral = curve.filter((c) => c.relativeSpectral !== undefined);
    const cost = curve.map((c) => ({ rank: c.rank, share: c.parameters / full }));
    const chart = Plot.plot({
      width: 340,
      height: 200,
      marginLeft: 44,
      marginRight: 10,
      style: { background: 'transparent', color: 'currentColor', fontSize: '11px' },
      x: { label: 'rank r', grid: false, domain: [0, Math.max(1, maxRank)] },
      y: { label: 'relative error / share stored', grid: true, domain: [0, 1.05], tickFormat: '.0%' },
      marks: [
        Plot.line(cost, { x: 'rank', y: 'share', stroke: 'var(--muted)', strokeWidth: 1.4, strokeDasharray: '1.5,2.5', clip: true }),
        ...(breakEven <= maxRank
          ? [
              Plot.ruleX([breakEven], { stroke: 'var(--muted)', strokeWidth: 1 }),
              Plot.text([breakEven], { x: (v: number) => v, frameAnchor: 'top', dy: -2, dx: breakEven > maxRank * 0.7 ? -4 : 4,
                textAnchor: breakEven > maxRank * 0.7 ? 'end' : 'start', text: () => 'break-even dk/(d + k)', fill: 'var(--muted)' }),
            ]
          : []),
        Plot.line(curve, { x: 'rank', y: 'relativeFrobenius', stroke: 'var(--output)', strokeWidth: 1.8 }),
        Plot.line(spectral, { x: 'rank', y: 'relativeSpectral', stroke: 'var(--input)', strokeWidth: 1.6, strokeDasharray: '5,3' }),
        Plot.ruleX([this.rank], { stroke: 'var(--error)', strokeDasharray: '4,3', strokeWidth: 1.4 }),
        Plot.dot(curve.filter((c) => c.rank === this.rank), { x: 'rank', y: 'relativeFrobenius', r: 4, stroke: 'var(--output)', fill: 'var(--panel)', strokeWidth: 2 }),
      ],
    });
    chart.setAttribute('aria-label', `Relative error of the best rank-r matrix for r from 0 to ${maxRank}, with r = ${this.rank} marked`);
    this.box.append(chart);
  }

  override render() {
    return html`
      <div class="chart" data-testid="compression-chart"></div>
      <div class="key" aria-hidden="true">
        <span><i style="background: var(--output)"></i>‖M − M<sub>r</sub>‖<sub>F</sub> / ‖M‖<sub>F</sub></span>
        <span><i style="background: repeating-linear-gradient(90deg, var(--input) 0 5px, transparent 5px 8px)"></i>σ<sub>r+1</sub> / σ₁ (spectral)</span>
        <span><i style="background: repeating-linear-gradient(90deg, var(--muted) 0 2px, transparent 2px 4px)"></i>r(d + k) / dk stored</span>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-compression-chart': CompressionChart;
  }
}
