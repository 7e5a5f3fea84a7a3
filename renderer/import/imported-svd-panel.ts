import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { matrixStatistics } from '../../src/formats/index.js';
import { spectrumSummary, supportedDigits, type SpectrumSummary } from '../../src/linalg/index.js';
import '../labs/svd/spectrum-chart.js';
import type { SvdState, SvdStore } from '../labs/svd/svd-store.js';
import { count, sig, sub } from './format.js';
import { importedStatistics, type ImportedMatrixRef, type ImportedSpectrum } from './imported-matrices.js';
import { ImportedSpectrumController } from './imported-spectrum.js';
import { missingNote, panelHeader, panelStyles, spectrumProgress } from './panel-parts.js';
import { DEFAULT_TOP_K, MAX_TOP_K } from './spectrum-jobs.js';

/**
 * The SVD lab's view of an imported matrix: its singular values — all of them up to the work of a
 * 2048×2048, else the top k by the randomized SVD with the error it reports, and all of them on
 * request — with the numerical rank, the condition number and the energy the first directions
 * hold, on the lab's spectrum chart.
 */
@customElement('hinge-imported-svd')
export class ImportedSvdPanel extends LitElement {
  static override styles = panelStyles;

  @property({ attribute: false }) store: SvdStore | undefined;
  @property({ attribute: false }) state: SvdState | undefined;
  @state() private k = DEFAULT_TOP_K;
  @state() private scale: 'log' | 'linear' = 'log';
  readonly #spectrum = new ImportedSpectrumController(this);

  get #ref(): ImportedMatrixRef | null {
    return this.state?.imported ?? null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('state')) this.#spectrum.setRef(this.#ref);
  }

  /** ‖A‖_F from the dialog's statistics (or the values), to place the top k within the whole. */
  #frobenius(ref: ImportedMatrixRef, data: Float64Array): number {
    return importedStatistics(ref.id)?.frobenius ?? matrixStatistics(data).frobenius;
  }

  #summary(ref: ImportedMatrixRef, spectrum: ImportedSpectrum, data: Float64Array): SpectrumSummary {
    if (spectrum.kind === 'full') return spectrumSummary([...spectrum.sigma], ref.rows, ref.cols);
    return topSummary(spectrum.sigma, ref.rows, ref.cols, this.#frobenius(ref, data));
  }

  #numbers(ref: ImportedMatrixRef, spectrum: ImportedSpectrum, summary: SpectrumSummary) {
    const p = Math.min(ref.rows, ref.cols);
    const top = spectrum.kind === 'top';
    const k = spectrum.sigma.length;
    const last = summary.sigma[summary.sigma.length - 1] ?? 0;
    const ninety = summary.energy.findIndex((e) => e >= 0.9) + 1;
    const rankText = top ? (summary.rank === k ? `≥ ${k}` : `≈ ${summary.rank}`) : String(summary.rank);
    // A randomized σ is within the spectral error of the true one (Weyl), and the error is at most
    // about twice its estimate: print only the digits that survive that.
    const shown = (x: number) => (top ? sig(x, supportedDigits(x, 2 * (spectrum.errorEstimate ?? Infinity))) : sig(x));
    return html`<div class="plain" data-testid="imported-spectrum-summary" data-kind=${spectrum.kind} data-rank=${summary.rank}
        data-sigma1=${String(summary.sigma[0] ?? 0)} data-count=${k} data-sigma=${top ? JSON.stringify(summary.sigma) : nothing}>
        <div>${top ? `top ${k} of ${count(p)} singular values` : `all ${count(p)} singular values`}</div>
        <div>σ₁ = ${shown(summary.sigma[0] ?? 0)} · σ${sub(k)} = ${shown(last)}</div>
        <div>numerical rank ${rankText} (σᵢ > σ₁·max(m,n)·ε = ${sig(summary.tolerance, 3)})${
          !top && summary.rank < p ? html` · <span class="flag">rank-deficient</span>` : nothing}</div>
        ${top ? nothing : html`<div>condition number σ₁/σ${sub(p)} = ${Number.isFinite(summary.condition) ? sig(summary.condition) : '∞'}</div>`}
        <div>${ninety > 0 ? `${ninety} direction${ninety === 1 ? '' : 's'} hold 90%` : `the top ${k} hold ${sig(100 * (summary.energy[k - 1] ?? 0), 3)}%`} of ‖A‖<sub>F</sub><sup>2</sup> = Σσᵢ²</div>
      </div>
      ${top
        ? html`<p class="note" data-testid="imported-error-estimate" data-value=${String(spectrum.errorEstimate ?? '')}>
            Randomized SVD (Halko–Martinsson–Tropp, ${spectrum.powerIterations ?? '?'} power iteration${spectrum.powerIterations === 1 ? '' : 's'}):
            it estimates its own error ‖A − U<sub>k</sub>Σ<sub>k</sub>V<sub>k</sub>ᵀ‖₂ ≈ ${sig(spectrum.errorEstimate ?? NaN, 3)}, against σ<sub>k+1</sub> ≥ ${sig(spectrum.sigmaNextEstimate ?? NaN, 3)}
            — the best any rank-${k} matrix can do. Each σ it gives is at most the true one.</p>`
        : nothing}`;
  }

  #controls(ref: ImportedMatrixRef) {
    const sp = this.#spectrum;
    const p = Math.min(ref.rows, ref.cols);
    const busy = sp.status === 'running';
    const kMax = Math.min(MAX_TOP_K, p);
    return html`<div class="row">
        ${sp.full
          ? nothing
          : html`<button class=${sp.top ? 'primary' : ''} data-testid="imported-full" ?disabled=${busy}
              title="Compute every singular value with the full SVD (can take minutes for a 4096×4096); Cancel stops it"
              @click=${() => sp.computeFull()}>Full spectrum</button>`}
        <label class="row" title=${`How many of the largest singular values the randomized SVD finds (1 to ${kMax})`}>top k
          <input type="number" min="1" max=${kMax} step="1" .value=${String(Math.min(this.k, kMax))} aria-label="k, the number of top singular values"
            @change=${(e: Event) => (this.k = Math.max(1, Math.min(kMax, Math.round(Number((e.target as HTMLInputElement).value) || DEFAULT_TOP_K))))} /></label>
        <button data-testid="imported-top" ?disabled=${busy} title="Find the k largest singular values by the randomized SVD (seconds, even for 4096×4096)"
          @click=${() => sp.computeTop(this.k)}>Top k</button>
        <label class="row" title="Draw σᵢ on a logarithmic or a linear axis">scale
          <select aria-label="Scale of the σ axis" @change=${(e: Event) => (this.scale = (e.target as HTMLSelectElement).value as 'log' | 'linear')}>
            <option value="log" ?selected=${this.scale === 'log'}>log</option><option value="linear" ?selected=${this.scale === 'linear'}>linear</option>
          </select></label>
      </div>`;
  }

  override render() {
    const ref = this.#ref;
    if (!ref || !this.store) return nothing;
    const header = panelHeader('Imported matrix: its spectrum', ref, () => this.store!.setImported(null));
    const data = this.#spectrum.data;
    if (!data) return html`${header}${missingNote(ref)}`;
    const spectrum = this.#spectrum.best;
    const summary = spectrum && this.#summary(ref, spectrum, data);
    return html`
      ${header}
      ${spectrum && summary ? this.#numbers(ref, spectrum, summary) : nothing}
      ${spectrumProgress(this.#spectrum)}
      ${this.#controls(ref)}
      ${summary ? html`<hinge-spectrum-chart .summary=${chartSummary(summary, spectrum!.kind)} .scale=${this.scale}></hinge-spectrum-chart>` : nothing}
    `;
  }
}

/**
 * A SpectrumSummary of the top k singular values of an m×n matrix with ‖A‖_F = frobenius: the
 * energy is Σ_{j≤i} σⱼ² / ‖A‖_F² (it stops short of 1 when the rest of the spectrum matters), the
 * rank counts the σ above σ₁·max(m, n)·ε among those known, and the condition number is unknown
 * (NaN) without the smallest σ.
 */
function topSummary(sigma: readonly number[], rows: number, cols: number, frobenius: number): SpectrumSummary {
  const s1 = sigma[0] ?? 0;
  const tolerance = s1 * Math.max(rows, cols) * Number.EPSILON;
  let running = 0;
  const energy = sigma.map((s) => {
    running += frobenius > 0 ? (s / frobenius) ** 2 : 0;
    return Math.min(1, running);
  });
  return { sigma: [...sigma], rank: sigma.filter((s) => s > tolerance).length, tolerance, condition: NaN, energy, frobenius, spectral: s1 };
}

/**
 * What the chart draws: for the top k, the rank threshold line only when the smallest σ known
 * comes within a factor 1000 of it — otherwise it would stretch the log axis over empty decades.
 */
function chartSummary(summary: SpectrumSummary, kind: 'full' | 'top'): SpectrumSummary {
  const last = summary.sigma[summary.sigma.length - 1] ?? 0;
  return kind === 'top' && last > 1000 * summary.tolerance ? { ...summary, tolerance: 0 } : summary;
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-imported-svd': ImportedSvdPanel;
  }
}
