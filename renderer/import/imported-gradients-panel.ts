import * as Plot from '@observablehq/plot';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { spectrumSummary, supportedDigits } from '../../src/linalg/index.js';
import type { GradientsState, GradientsStore } from '../labs/gradients/gradients-store.js';
import { logAxis } from '../components/log-ticks.js';
import { sig, sub } from './format.js';
import type { ImportedMatrixRef, ImportedSpectrum } from './imported-matrices.js';
import { ImportedSpectrumController } from './imported-spectrum.js';
import { missingNote, panelHeader, panelStyles, spectrumProgress } from './panel-parts.js';

/**
 * The Gradients lab's view of an imported weight W (m×n: m outputs, n inputs): its singular
 * values, its condition number σ₁/σₚ (p = min(m, n)), and what they do to a gradient g passing
 * back through Wᵀ: ‖Wᵀg‖/‖g‖ lies between σₚ and σ₁ — or reaches 0 when m > n, because Wᵀ
 * then has a null space (the output directions no input reaches).
 */
@customElement('hinge-imported-gradients')
export class ImportedGradientsPanel extends LitElement {
  static override styles = panelStyles;

  @property({ attribute: false }) store: GradientsStore | undefined;
  @property({ attribute: false }) state: GradientsState | undefined;
  @query('.sigma-chart') private chartBox!: HTMLElement | null;
  readonly #spectrum = new ImportedSpectrumController(this);

  get #ref(): ImportedMatrixRef | null {
    return this.state?.imported ?? null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('state')) this.#spectrum.setRef(this.#ref);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const box = this.chartBox;
    const spectrum = this.#spectrum.best;
    if (!box) return;
    box.replaceChildren();
    const points = (spectrum?.sigma ?? []).map((s, i) => ({ i: i + 1, s })).filter((p) => p.s > 0);
    if (points.length === 0) return;
    const chart = Plot.plot({
      width: 340,
      height: 150,
      marginLeft: 50,
      style: { background: 'transparent', color: 'currentColor', fontSize: '11px' },
      x: { label: 'i', grid: false },
      y: { type: 'log', label: 'σᵢ (log scale)', grid: true, ...logAxis(points[points.length - 1]!.s, points[0]!.s) },
      marks: [
        Plot.ruleY([1], { stroke: 'var(--muted)', strokeDasharray: '2,3' }),
        Plot.line(points, { x: 'i', y: 's', stroke: 'var(--output)', strokeWidth: 1.6 }),
        ...(points.length <= 64 ? [Plot.dot(points, { x: 'i', y: 's', fill: 'var(--output)', r: 2.4 })] : []),
      ],
    });
    chart.setAttribute('aria-label', 'Singular values of the imported matrix on a log scale; the dotted line is 1');
    box.append(chart);
  }

  /** σ's as a list; `uncertainty` (a randomized σ's bound, twice its error estimate) limits the digits. */
  #sigmaList(sigma: readonly number[], uncertainty = 0) {
    const p = sigma.length;
    const at = (x: number) => sig(x, supportedDigits(x, uncertainty));
    const shown = p <= 6 ? sigma.map((s, i) => `σ${sub(i + 1)} = ${at(s)}`) : [`σ₁ = ${at(sigma[0]!)}`, `σ₂ = ${at(sigma[1]!)}`, '…', `σ${sub(p)} = ${at(sigma[p - 1]!)}`];
    return html`<div class="plain">${shown.join(' · ')}</div>`;
  }

  #full(ref: ImportedMatrixRef, spectrum: ImportedSpectrum) {
    const m = ref.rows;
    const n = ref.cols;
    const p = Math.min(m, n);
    const summary = spectrumSummary([...spectrum.sigma], m, n);
    const s1 = summary.sigma[0] ?? 0;
    const sp = summary.sigma[p - 1] ?? 0;
    const deficient = summary.rank < p;
    const kappa = summary.condition;
    const square = m === n;
    return html`
      ${this.#sigmaList(summary.sigma)}
      <div class="plain" data-testid="imported-condition" data-value=${String(kappa)} data-ratio=${String(sp > 0 ? s1 / sp : Infinity)}>
        condition number κ = σ₁/σ${sub(p)} = ${deficient ? html`∞ <span class="flag">— numerically rank-deficient</span>` : sig(kappa, 6)}
      </div>
      ${deficient
        ? html`<p class="note">σ${sub(p)} = ${sig(sp, 3)} is below σ₁·max(m, n)·ε = ${sig(summary.tolerance, 3)}, where rounding alone could produce it: W has lost
            ${p - summary.rank} direction${p - summary.rank === 1 ? '' : 's'} (rank ${summary.rank} of ${p}), and a gradient along ${p - summary.rank === 1 ? 'it' : 'them'} is sent to 0.</p>`
        : nothing}
      <p class="note" data-testid="imported-gradient-range">A gradient g (in ℝ<sup>${m}</sup>, one entry per output) passes back as Wᵀg (in ℝ<sup>${n}</sup>), and
        ${m <= n
          ? html`‖Wᵀg‖/‖g‖ lies in <b>[σ${sub(p)}, σ₁] = [${sig(sp, 3)}, ${sig(s1, 3)}]</b>: along u₁ it is multiplied by σ₁, along u${sub(p)} by σ${sub(p)}.`
          : html`‖Wᵀg‖/‖g‖ lies in <b>[0, σ₁] = [0, ${sig(s1, 3)}]</b>: W has more outputs (${m}) than inputs (${n}), so Wᵀ sends the ${m - n} output
              direction${m - n === 1 ? '' : 's'} no input reaches to 0; along the others (u₁ … u${sub(p)}) the factor is between σ${sub(p)} = ${sig(sp, 3)} and σ₁.`}
        κ says how unevenly the layer treats directions: ${deficient
          ? 'along the lost directions no gradient reaches the layers below at all.'
          : `two gradients of the same size can reach the layers below ${sig(kappa, 3)} times apart in size, depending only on their direction.`}
        ${square && !deficient
          ? html`Ten such layers in a row (without nonlinearities) scale a gradient by between σ${sub(p)}¹⁰ = ${sig(sp ** 10, 3)} and σ₁¹⁰ = ${sig(s1 ** 10, 3)}:
              ${s1 ** 10 > 1e3 ? 'some directions explode' : sp ** 10 < 1e-3 ? 'some directions vanish' : 'nothing explodes or vanishes badly'}.`
          : nothing}
      </p>
      <div class="sigma-chart"></div>`;
  }

  #top(ref: ImportedMatrixRef, spectrum: ImportedSpectrum) {
    const p = Math.min(ref.rows, ref.cols);
    const s1 = spectrum.sigma[0] ?? 0;
    const uncertainty = 2 * (spectrum.errorEstimate ?? Infinity);
    return html`
      ${this.#sigmaList(spectrum.sigma, uncertainty)}
      <p class="note" data-testid="imported-condition-pending">The top ${spectrum.sigma.length} of ${p} singular values (randomized SVD) give σ₁ = ${sig(s1, supportedDigits(s1, uncertainty))}: no gradient
        grows by more than that through Wᵀ. The condition number needs the smallest, σ${sub(p)}, and so every singular value.</p>
      <div class="row"><button class="primary" data-testid="imported-full" ?disabled=${this.#spectrum.status === 'running'}
        title="Compute every singular value (can take minutes for a 4096×4096); Cancel stops it" @click=${() => this.#spectrum.computeFull()}>Full spectrum</button></div>
      <div class="sigma-chart"></div>`;
  }

  override render() {
    const ref = this.#ref;
    if (!ref || !this.store) return nothing;
    const header = panelHeader('Imported weight W: how it conditions gradients', ref, () => this.store!.setImported(null));
    if (!this.#spectrum.data) return html`${header}${missingNote(ref)}`;
    const spectrum = this.#spectrum.best;
    return html`
      ${header}
      ${spectrumProgress(this.#spectrum)}
      ${spectrum ? (spectrum.kind === 'full' ? this.#full(ref, spectrum) : this.#top(ref, spectrum)) : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-imported-gradients': ImportedGradientsPanel;
  }
}
