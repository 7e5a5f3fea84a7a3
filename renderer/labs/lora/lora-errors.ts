import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatNumber } from '../../../src/layer/index.js';
import type { ApproximationErrors } from '../../../src/lora/index.js';
import { katexStyles, tex } from '../../components/tex.js';

const f4 = (v: number) => formatNumber(v, 4);

/**
 * The errors of the rank-r update side by side: what the Eckart–Young theorem says they are
 * (√(Σ_{i>r} σᵢ²) and σ_{r+1}) and what the residual ΔW − AB measures. Exact values sit in
 * data-value attributes for tests; the cells show four significant figures.
 */
@customElement('hinge-lora-errors')
export class LoraErrors extends LitElement {
  static override styles = [
    katexStyles,
    css`
      :host { display: grid; gap: 6px; }
      table { border-collapse: collapse; width: 100%; font-size: 13px; }
      th { font-weight: 600; color: var(--muted); text-align: left; padding: 3px 4px; font-size: 12px; }
      th.num { text-align: right; }
      td { padding: 4px; vertical-align: middle; }
      td.num { font-family: var(--font-mono); font-variant-numeric: tabular-nums; text-align: right; white-space: nowrap; }
      .agree { color: var(--muted); font-size: 12.5px; line-height: 1.45; }
    `,
  ];

  @property({ type: Number }) rank = 0;
  /** min(d, k): at r = p the update is exact. */
  @property({ type: Number }) full = 0;
  @property({ attribute: false }) theory: ApproximationErrors = { frobenius: 0, spectral: 0 };
  /** The measured errors; the spectral one is undefined while a worker still measures it (big matrices). */
  @property({ attribute: false }) measured: { frobenius: number; spectral: number | undefined } = { frobenius: 0, spectral: 0 };

  override render() {
    const { theory: t, measured: m, rank: r } = this;
    const spectral = m.spectral;
    const gap = Math.max(Math.abs(m.frobenius - t.frobenius), spectral === undefined ? 0 : Math.abs(spectral - t.spectral));
    return html`
      <table data-testid="lora-errors">
        <thead><tr><th></th><th>Eckart–Young</th><th class="num">value</th><th class="num">measured</th></tr></thead>
        <tbody>
          <tr><td>${tex('\\lVert \\Delta W - AB \\rVert_F')}</td><td>${tex('\\sqrt{\\textstyle\\sum_{i>r}\\sigma_i^2}')}</td>
            <td class="num" data-testid="ey-frobenius" data-value=${String(t.frobenius)}>${f4(t.frobenius)}</td>
            <td class="num" data-testid="measured-frobenius" data-value=${String(m.frobenius)}>${f4(m.frobenius)}</td></tr>
          <tr><td>${tex('\\lVert \\Delta W - AB \\rVert_2')}</td><td>${tex(`\\sigma_{${r + 1}}`)}</td>
            <td class="num" data-testid="ey-spectral" data-value=${String(t.spectral)}>${f4(t.spectral)}</td>
            ${spectral === undefined
              ? html`<td class="num" data-testid="measuring-spectral" title="The largest singular value of ΔW − AB is being computed off the main thread">…</td>`
              : html`<td class="num" data-testid="measured-spectral" data-value=${String(spectral)}>${f4(spectral)}</td>`}</tr>
        </tbody>
      </table>
      <div class="agree">Measured from the residual itself (entry by entry, and its largest singular value), they agree with the theorem
        ${gap === 0 ? 'exactly' : `to within ${gap.toExponential(1)}`}${spectral === undefined ? ' so far' : ''}${r >= this.full ? ' — at r = min(d, k) the update is exact' : ''}.
        No other matrix of rank ${r} comes closer to ΔW.</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-lora-errors': LoraErrors;
  }
}
