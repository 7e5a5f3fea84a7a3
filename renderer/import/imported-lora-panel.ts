import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { matrixStatistics } from '../../src/formats/index.js';
import { compressionCurve, compressionPayoff, type CompressionPoint } from '../../src/lora/index.js';
import { MAX_LORA_SIZE, importedWeightText, type LoraState, type LoraStore } from '../labs/lora/lora-store.js';
import './compression-chart.js';
import { count, sig, sub } from './format.js';
import { importedStatistics, type ImportedMatrixRef } from './imported-matrices.js';
import { ImportedSpectrumController } from './imported-spectrum.js';
import { missingNote, panelHeader, panelStyles, spectrumProgress } from './panel-parts.js';

/** The error targets the payoff table answers. */
const TARGETS = [0.5, 0.1, 0.01];

/**
 * The LoRA lab's view of an imported matrix M (d×k): how well a rank-r matrix can stand in for it.
 * By Eckart–Young the best one is the truncated SVD, with ‖M − M_r‖_F = √(Σ_{i>r} σᵢ²) and
 * ‖M − M_r‖₂ = σ_{r+1}, so the whole curve comes from M's singular values; beside it, the
 * numbers the factors store, r(d + k), against M's dk, and the rank each error target needs.
 * Matrices up to 256×256 can also be loaded into the lab's heatmaps as ΔW over W₀ = 0.
 */
@customElement('hinge-imported-lora')
export class ImportedLoraPanel extends LitElement {
  static override styles = panelStyles;

  @property({ attribute: false }) store: LoraStore | undefined;
  @property({ attribute: false }) state: LoraState | undefined;
  /** The rank looked at; chosen when the curve first arrives. */
  @state() private rank: number | undefined;
  readonly #spectrum = new ImportedSpectrumController(this);
  #loadedCheck: { deltaW: unknown; id: string; loaded: boolean } | undefined;

  get #ref(): ImportedMatrixRef | null {
    return this.state?.imported ?? null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('state')) {
      const before = (changed.get('state') as LoraState | undefined)?.imported?.id;
      if (before !== this.#ref?.id) this.rank = undefined;
      this.#spectrum.setRef(this.#ref);
    }
  }

  /** Whether the lab's ΔW is M itself (loaded by the import, over W₀ = 0), checked entry by entry. */
  #loaded(ref: ImportedMatrixRef, data: Float64Array): boolean {
    const s = this.state!;
    if (this.#loadedCheck?.deltaW === s.deltaW && this.#loadedCheck.id === ref.id) return this.#loadedCheck.loaded;
    const dW = s.deltaW;
    const loaded = s.weightText === importedWeightText(ref.rows, ref.cols) && dW.length === ref.rows && dW[0]?.length === ref.cols &&
      dW.every((row, i) => row.every((v, j) => v === data[i * ref.cols + j]));
    this.#loadedCheck = { deltaW: s.deltaW, id: ref.id, loaded };
    return loaded;
  }

  #load(ref: ImportedMatrixRef, data: Float64Array): void {
    const rows = Array.from({ length: ref.rows }, (_, i) => Array.from(data.subarray(i * ref.cols, (i + 1) * ref.cols)));
    this.store?.setImported(ref, rows);
  }

  #curve(ref: ImportedMatrixRef, data: Float64Array): CompressionPoint[] | undefined {
    const spectrum = this.#spectrum.best;
    if (!spectrum) return undefined;
    const norm = spectrum.kind === 'top' ? (importedStatistics(ref.id)?.frobenius ?? matrixStatistics(data).frobenius) : undefined;
    return compressionCurve(spectrum.sigma, ref.rows, ref.cols, norm);
  }

  #heatmapNote(ref: ImportedMatrixRef, data: Float64Array) {
    if (ref.rows > MAX_LORA_SIZE || ref.cols > MAX_LORA_SIZE) {
      return html`<p class="note">Larger than the heatmaps take (${MAX_LORA_SIZE}×${MAX_LORA_SIZE}): the curve below comes from its singular values alone.</p>`;
    }
    if (this.#loaded(ref, data)) {
      return html`<p class="note" data-testid="imported-loaded">In the heatmaps, M is the update <b>ΔW</b> and the frozen <b>W₀ is 0</b>: AB is then
        M's best rank-r approximation and ΔW − AB what rank r loses. Remove puts back the default W₀ and ΔW.</p>`;
    }
    return html`<div class="row"><button data-testid="imported-load" title="Put M into the heatmaps as the update ΔW, with W₀ = 0"
        @click=${() => this.#load(ref, data)}>Load into the heatmaps</button><span class="note">as ΔW, with W₀ = 0</span></div>`;
  }

  #atRank(ref: ImportedMatrixRef, curve: CompressionPoint[], r: number) {
    const point = curve[r]!;
    const full = ref.rows * ref.cols;
    const saves = point.parameters < full;
    const ratio = point.parameters === 0 ? Infinity : full / point.parameters;
    return html`<div class="plain" data-testid="compression-at-r" data-rank=${r} data-relative-frobenius=${String(point.relativeFrobenius)}
        data-relative-spectral=${String(point.relativeSpectral ?? '')} data-parameters=${point.parameters}>
        <div>‖M − M${sub(r)}‖<sub>F</sub> / ‖M‖<sub>F</sub> = ${sig(point.relativeFrobenius)}</div>
        <div>‖M − M${sub(r)}‖₂ / ‖M‖₂ = σ${sub(r + 1)}/σ₁ = ${point.relativeSpectral === undefined ? `≤ σ${sub(r)}/σ₁ (σ${sub(r + 1)} not computed)` : sig(point.relativeSpectral)}</div>
        <div>A and B store r(d + k) = ${count(point.parameters)} numbers, M has dk = ${count(full)}:
          ${saves ? html`${sig(ratio, 3)}× fewer` : html`<span class="flag">no saving</span>`}</div>
      </div>`;
  }

  #payoff(ref: ImportedMatrixRef, curve: CompressionPoint[], top: boolean) {
    const payoff = compressionPayoff(curve, ref.rows, ref.cols, TARGETS);
    const k = curve.length - 1;
    return html`<table data-testid="compression-payoff">
        <thead><tr><th>error ≤</th><th class="num">rank r</th><th class="num">r(d + k)</th><th class="num">vs dk</th></tr></thead>
        <tbody>${payoff.targets.map((t) => html`<tr>
          <td>${t.tolerance * 100}%</td>
          <td class="num">${t.rank ?? (top ? `> ${k}` : '—')}</td>
          <td class="num">${t.parameters === undefined ? '' : count(t.parameters)}</td>
          <td class="num">${t.saves === undefined ? '' : t.saves ? `${sig(t.ratio!, 3)}× fewer` : html`<span class="flag">no saving</span>`}</td></tr>`)}
        </tbody></table>
      <p class="note">The factors hold fewer numbers than M only while r < dk/(d + k) = ${sig(payoff.breakEven, 4)}. Below that, the lower the error
        at a small r, the more a low-rank form pays off: a fast-falling curve means M has a few strong directions and the rest is noise.</p>`;
  }

  override render() {
    const ref = this.#ref;
    if (!ref || !this.store) return nothing;
    const header = panelHeader('Imported matrix M: compress it to rank r', ref, () => this.store!.setImported(null));
    const data = this.#spectrum.data;
    if (!data) return html`${header}${missingNote(ref)}`;
    const curve = this.#curve(ref, data);
    const top = this.#spectrum.best?.kind === 'top';
    const maxRank = curve ? curve.length - 1 : 0;
    // Loaded into the heatmaps, the panel's r is the lab's r, so the chart and the heatmaps agree.
    const loaded = this.#loaded(ref, data);
    const r = Math.min(maxRank, loaded ? this.state!.rank : (this.rank ?? initialRank(curve)));
    const setRank = (value: number) => {
      const clamped = Math.max(0, Math.min(maxRank, Math.round(value) || 0));
      if (loaded) this.store!.setRank(clamped);
      else this.rank = clamped;
    };
    return html`
      ${header}
      ${this.#heatmapNote(ref, data)}
      ${spectrumProgress(this.#spectrum)}
      ${curve
        ? html`
            <label class="row" title="The rank of the approximation M_r (its factors A: d×r and B: r×k)">r
              <input type="range" min="0" max=${maxRank} step="1" .value=${String(r)} aria-label="Rank r of the compressed matrix"
                @input=${(e: Event) => setRank(Number((e.target as HTMLInputElement).value))} />
              <input type="number" min="0" max=${maxRank} step="1" .value=${String(r)} data-testid="compression-rank" aria-label="Rank r"
                @change=${(e: Event) => setRank(Number((e.target as HTMLInputElement).value))} /></label>
            ${this.#atRank(ref, curve, r)}
            <hinge-compression-chart .curve=${curve} .rows=${ref.rows} .cols=${ref.cols} .rank=${r}></hinge-compression-chart>
            ${this.#payoff(ref, curve, top)}
            ${top
              ? html`<div class="row"><span class="note">From the top ${maxRank} singular values and ‖M‖<sub>F</sub>, so the curve stops at r = ${maxRank}.</span>
                  <button data-testid="imported-full" ?disabled=${this.#spectrum.status === 'running'} title="Compute every singular value (can take minutes); Cancel stops it"
                    @click=${() => this.#spectrum.computeFull()}>Full spectrum</button></div>`
              : nothing}`
        : nothing}
    `;
  }
}

/** The rank shown first: the smallest with a 10% error, if the curve reaches it, else a quarter of the way. */
function initialRank(curve: readonly CompressionPoint[] | undefined): number {
  if (!curve) return 0;
  const tenth = curve.find((c) => c.relativeFrobenius <= 0.1);
  return tenth ? tenth.rank : Math.max(1, Math.round((curve.length - 1) / 4));
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-imported-lora': ImportedLoraPanel;
  }
}
