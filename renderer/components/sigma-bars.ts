import { LitElement, css, html, svg } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { formatNumber } from '../../src/layer/index.js';
import './svg-button.js';
import { serializeSvg, type SvgLook } from './svg-export.js';

/**
 * Singular values as bars, tallest first, with the threshold σᵢ/σ₁ drawn as a line: bars above
 * it are the directions that matter. Used wherever a spectrum of a small matrix is shown.
 */
@customElement('hinge-sigma-bars')
export class SigmaBars extends LitElement {
  static override styles = css`
    :host { display: block; position: relative; }
    hinge-svg-button { position: absolute; right: 0; top: 0; }
    svg { width: 100%; height: auto; display: block; font: 11.5px var(--font-mono); }
    .bar { fill: var(--output); }
    .bar.small { fill: var(--muted); opacity: 0.55; }
    .axis { stroke: var(--border); }
    .cut { stroke: var(--error); stroke-dasharray: 4 3; stroke-width: 1.5; }
    text { fill: var(--text); }
    .muted { fill: var(--muted); }
  `;

  @property({ attribute: false }) sigma: readonly number[] = [];
  /** σᵢ/σ₁ threshold in [0, 1]. */
  @property({ type: Number }) threshold = 0;
  /** Name of the SVG file the chart saves as, without `.svg`. */
  @property() fileName = 'hinge-svd-singular-values';
  @query('svg') private chart!: SVGSVGElement;

  readonly #svg = (look: SvgLook) => serializeSvg(this.chart, { look });

  override render() {
    const sigma = this.sigma;
    const width = 320;
    const height = 132;
    const top = 18;
    const bottom = 22;
    const max = Math.max(sigma[0] ?? 0, 1e-300);
    const slot = (width - 20) / Math.max(1, sigma.length);
    const barWidth = Math.min(46, slot * 0.6);
    const y = (v: number) => top + (height - top - bottom) * (1 - v / max);
    const cutY = y(this.threshold * max);
    return html`<svg viewBox="0 0 ${width} ${height}" role="img" aria-label=${`Singular values: ${sigma.map((s) => formatNumber(s, 3)).join(', ')}`}>
      ${svg`<line class="axis" x1="10" x2=${width - 10} y1=${height - bottom} y2=${height - bottom} />`}
      ${sigma.map((s, i) => {
        const x = 10 + slot * i + (slot - barWidth) / 2;
        const small = s < this.threshold * max;
        return svg`<rect class=${small ? 'bar small' : 'bar'} x=${x} width=${barWidth} y=${y(s)} height=${Math.max(0, height - bottom - y(s))} rx="2" />
          <text x=${x + barWidth / 2} y=${y(s) - 4} text-anchor="middle">${formatNumber(s, 3)}</text>
          <text class="muted" x=${x + barWidth / 2} y=${height - 6} text-anchor="middle">σ${'₁₂₃₄₅₆₇₈₉'[i] ?? i + 1}</text>`;
      })}
      ${this.threshold > 0 ? svg`<line class="cut" x1="10" x2=${width - 10} y1=${cutY} y2=${cutY} />` : ''}
    </svg><hinge-svg-button label="singular value bars" fileName=${this.fileName} .source=${this.#svg}></hinge-svg-button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-sigma-bars': SigmaBars;
  }
}
