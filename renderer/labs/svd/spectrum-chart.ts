import * as Plot from '@observablehq/plot';
import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { SpectrumSummary } from '../../../src/linalg/index.js';
import '../../components/svg-button.js';
import { serializeSvgFigure, type SvgLook } from '../../components/svg-export.js';

/**
 * The spectrum of a matrix too big to animate: σᵢ against i (linear or log scale) with the
 * numerical-rank tolerance, and the cumulative energy Σ_{j≤i} σⱼ² / Σ σⱼ². Drawn with
 * Observable Plot as SVG.
 */
@customElement('hinge-spectrum-chart')
export class SpectrumChart extends LitElement {
  static override styles = css`
    :host { display: grid; gap: 6px; color: var(--text); }
    .charts { display: grid; gap: 4px; }
    .charts svg { max-width: 100%; height: auto; overflow: visible; }
    .head { display: flex; align-items: center; gap: 8px; font-size: 12.5px; color: var(--muted); }
    .head span { flex: 1; }
  `;

  @property({ attribute: false }) summary: SpectrumSummary | undefined;
  @property() scale: 'linear' | 'log' = 'log';
  @query('.values') private valuesBox!: HTMLElement;
  @query('.energy') private energyBox!: HTMLElement;

  #svgOf(box: () => HTMLElement, caption: string) {
    return (look: SvgLook) => serializeSvgFigure({ caption, parts: [box().querySelector('svg')!] }, { look });
  }

  readonly #valuesSvg = this.#svgOf(() => this.valuesBox, 'Singular values');
  readonly #energySvg = this.#svgOf(() => this.energyBox, 'Cumulative energy Σⱼ≤ᵢ σⱼ² / Σⱼ σⱼ²');

  protected override updated(): void {
    const s = this.summary;
    this.valuesBox.replaceChildren();
    this.energyBox.replaceChildren();
    if (!s || s.sigma.length === 0) return;
    const points = s.sigma.map((sigma, i) => ({ i: i + 1, sigma, energy: s.energy[i]! }));
    const positive = points.filter((p) => p.sigma > 0);
    const log = this.scale === 'log';
    const width = 340;
    const values = Plot.plot({
      width,
      height: 190,
      marginLeft: 56,
      style: { background: 'transparent', color: 'currentColor', fontSize: '11px' },
      x: { label: 'i', grid: false },
      y: { type: log ? 'log' : 'linear', label: 'σᵢ', grid: true, ...(log ? { tickFormat: '.0e' } : { zero: true }) },
      marks: [
        Plot.line(log ? positive : points, { x: 'i', y: 'sigma', stroke: 'var(--output)', strokeWidth: 1.6 }),
        ...(points.length <= 64 ? [Plot.dot(log ? positive : points, { x: 'i', y: 'sigma', fill: 'var(--output)', r: 2.5 })] : []),
        ...(log && s.tolerance > 0 ? [Plot.ruleY([s.tolerance], { stroke: 'var(--error)', strokeDasharray: '4,3' })] : []),
      ],
    });
    const energy = Plot.plot({
      width,
      height: 150,
      marginLeft: 56,
      style: { background: 'transparent', color: 'currentColor', fontSize: '11px' },
      x: { label: 'i', grid: false },
      y: { label: 'energy kept', domain: [0, 1], grid: true, tickFormat: '.0%' },
      marks: [
        Plot.ruleY([0.9, 0.99], { stroke: 'var(--muted)', strokeDasharray: '2,3' }),
        Plot.line(points, { x: 'i', y: 'energy', stroke: 'var(--input)', strokeWidth: 1.6 }),
      ],
    });
    values.setAttribute('aria-label', `Singular values on a ${this.scale} scale`);
    energy.setAttribute('aria-label', 'Cumulative energy');
    this.valuesBox.append(values);
    this.energyBox.append(energy);
  }

  override render() {
    const ready = (this.summary?.sigma.length ?? 0) > 0;
    return html`<div class="charts" data-testid="spectrum-chart">
      <div class="head"><span>Singular values σᵢ</span>${ready ? html`<hinge-svg-button label="singular value chart" fileName="hinge-svd-spectrum" .source=${this.#valuesSvg}></hinge-svg-button>` : ''}</div>
      <div class="values" data-testid="spectrum-values"></div>
      <div class="head"><span>Energy kept by the first i directions</span>${ready ? html`<hinge-svg-button label="energy chart" fileName="hinge-svd-energy" .source=${this.#energySvg}></hinge-svg-button>` : ''}</div>
      <div class="energy" data-testid="spectrum-energy"></div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-spectrum-chart': SpectrumChart;
  }
}
