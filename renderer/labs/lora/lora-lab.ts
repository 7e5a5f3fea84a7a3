import { css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import '../../components/export-panel.js';
import { loadParser } from '../../components/expression-parser.js';
import { scenePalette, type ExportLook } from '../../theme.js';
import { LoraNormWorker, startLoraDecomposition } from '../../workers/lora-client.js';
import { LabView, type LabChange } from '../lab-view.js';
import { maxAbs } from '../../components/color-scales.js';
import { heatmapFigurePng, type FigurePanel } from './heatmap-figure.js';
import './heatmap.js';
import './lora-charts.js';
import './lora-counter.js';
import './lora-errors.js';
import type { LoraCounter } from './lora-store.js';
import { complete, loraAnalysis, withSpectral, type LoraAnalysis } from './lora-analysis.js';
import { decomposeUpdate, decomposesInline, measuredSpectral, type LoraDecomposition } from './lora-decomposition.js';
import { LoraScene, type LoraGeometry } from './lora-scene.js';
import { LORA_SIZES, LoraStore, MAX_LORA_SIZE, hasGeometry, importedWeightText, sizeOf, weightExpression, type LoraChange, type LoraState } from './lora-store.js';
import './matrix-field.js';
import '../../import/imported-lora-panel.js';
import type { MatrixFieldDetail } from './matrix-field.js';
import { labPanel, tabbedStage } from '../../components/lab-styles.js';

const PARSE_LIMITS = (seed: number) => ({ maxRows: MAX_LORA_SIZE, maxCols: MAX_LORA_SIZE, maxEntries: MAX_LORA_SIZE * MAX_LORA_SIZE, seed });

/**
 * The LoRA lab: a frozen weight W₀, an update ΔW, and its best rank-r approximation AB from the
 * truncated SVD. Heatmaps of every matrix involved, the singular values of ΔW with the cut at r,
 * the Eckart–Young errors beside the measured ones, the error-versus-rank curve, a parameter
 * counter, and for 2×2 and 3×3 weights the unit circle or sphere under W₀ and under W₀ + AB.
 */
@customElement('hinge-lora-lab')
export class LoraLab extends LabView<LoraState, LoraChange, LoraStore> {
  static override styles = [
    ...labPanel,
    tabbedStage,
    css`
      .bar .info { color: var(--muted); font-size: 12.5px; }
      .heatmaps { flex: 1; min-height: 0; overflow: auto; padding: 16px 18px 24px; }
      .heatmaps[hidden], .geo[hidden] { display: none; }
      .top { display: flex; flex-wrap: wrap; gap: 18px 28px; align-items: flex-start; }
      .product { display: grid; grid-template-columns: auto auto; gap: 8px 14px; justify-content: start; margin-top: 22px; }
      .product .b { align-self: end; grid-column: 2; grid-row: 1; }
      .corner { grid-column: 1; grid-row: 1; align-self: end; margin: 0; max-width: 150px; color: var(--muted); font-size: 12px; line-height: 1.4; }
      .caption { color: var(--muted); font-size: 13px; line-height: 1.5; margin: 18px 0 0; max-width: 70ch; }
      .geo { flex: 1; min-height: 0; position: relative; }
      .canvas { position: absolute; inset: 0; outline: none; }
      .canvas:focus-visible { box-shadow: inset 0 0 0 2px var(--accent); }
      .legend { position: absolute; left: 12px; top: 12px; background: color-mix(in srgb, var(--panel) 88%, transparent); border: 1px solid var(--border);
        border-radius: var(--radius); padding: 8px 14px 8px 10px; font-size: 12.5px; display: grid; gap: 3px; pointer-events: none; }
      .legend span { display: flex; align-items: center; gap: 7px; white-space: nowrap; }
      .swatch { width: 18px; height: 3px; border-radius: 2px; display: inline-block; }
      .stack { display: grid; gap: 8px; }
      input[type='range'] { flex: 1; accent-color: var(--accent); min-width: 120px; }
      input[type='number'] { width: 64px; font: 13px var(--font-mono); background: var(--field); color: var(--text); border: 1px solid var(--border); border-radius: 4px; padding: 4px; }
      select { font: inherit; font-size: 13px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 5px 8px; }
      .radio { display: flex; gap: 6px; align-items: center; cursor: pointer; font-size: 13px; }
      .plain { font-family: var(--font-mono); font-size: 13px; font-variant-numeric: tabular-nums; }
      .rank-value { font-family: var(--font-mono); font-weight: 650; min-width: 3ch; text-align: right; }
      .error { color: var(--error); }
    `,
  ];

  /** Side of a full d×k heatmap in CSS pixels, fitted so three fit across the stage. */
  @state() private box = 200;
  @query('.heatmaps') private heatmapsBox!: HTMLElement;
  readonly #resize = new ResizeObserver(() => {
    const width = this.heatmapsBox?.clientWidth ?? 0;
    // Three heatmaps (with their borders) and two gaps across, inside the padding; a hidden box reports 0.
    if (width > 0) this.box = Math.floor(Math.min(300, Math.max(140, (width - 36 - 56 - 12) / 3)));
  });

  readonly #scenes = this.addScene('.canvas', (look) => this.#buildScene(look));
  /** The SVD of a big ΔW, in a worker (small ones are decomposed at once: see decomposesInline). */
  readonly #decomposeJob = this.addJob<LoraDecomposition>();
  /** The measured ‖ΔW − AB‖₂ of a big ΔW at the current rank, in a worker kept for the slider. */
  readonly #normJob = this.addJob<number>();
  readonly #normWorker = new LoraNormWorker();
  /** The decomposition of the ΔW it was computed from (undefined while a new one is computed). */
  #decomposition: { readonly deltaW: LoraState['deltaW']; readonly value: LoraDecomposition } | undefined;
  /** The analysis of the current state, once its ΔW is decomposed. */
  #analysis: LoraAnalysis | undefined;
  /** The size n of the view built (0: no geometry), to rebuild only for a new one. */
  #sceneSize = 0;

  constructor() {
    super('lora', (initial) => new LoraStore(initial));
    this.#refresh();
  }

  protected stateChanged(change: LabChange<LoraChange>): void {
    if (change === 'counterChanged' || change === 'residualScaleChanged' || change === 'viewChanged') return;
    if (change === 'seedChanged') void this.#regenerateWeight();
    this.#refresh();
  }

  /** Brings the analysis (and the view) up to the state: a new ΔW is decomposed, a new rank only recombined. */
  #refresh(): void {
    const s = this.state;
    if (this.#decomposition?.deltaW !== s.deltaW) {
      const { d, k } = sizeOf(s.deltaW);
      this.#decomposition = undefined;
      this.#analysis = undefined;
      this.#normJob.clear();
      if (decomposesInline(d, k)) {
        this.#decomposeJob.clear();
        this.#decomposition = { deltaW: s.deltaW, value: decomposeUpdate(s.deltaW) };
      } else {
        void this.#decompose(s.deltaW);
        return;
      }
    }
    const analysis = loraAnalysis(this.#decomposition.value, s);
    this.#analysis = analysis;
    if (decomposesInline(analysis.d, analysis.k)) {
      this.#normJob.clear();
      this.#analysis = withSpectral(analysis, measuredSpectral(analysis.residualData, analysis.d, analysis.k));
    } else void this.#measure(analysis);
    this.#updateScene();
  }

  async #decompose(deltaW: LoraState['deltaW']): Promise<void> {
    const value = await this.#decomposeJob.run(() => startLoraDecomposition(deltaW));
    if (!value || this.state.deltaW !== deltaW) return;
    this.#decomposition = { deltaW, value };
    this.#refresh();
    this.requestUpdate();
  }

  async #measure(analysis: LoraAnalysis): Promise<void> {
    const { residualData, d, k } = analysis;
    const spectral = await this.#normJob.run(() => this.#normWorker.measure(residualData, d, k));
    if (spectral === undefined || this.#analysis !== analysis) return;
    this.#analysis = withSpectral(analysis, spectral);
    this.requestUpdate();
  }

  /** The geometric view follows in place; a new size (or none) builds a new one. */
  #updateScene(): void {
    const a = this.#analysis;
    const size = a && hasGeometry(a.d, a.k) ? a.d : 0;
    if (size !== this.#sceneSize) {
      this.#scenes.rebuild();
      return;
    }
    const geometry = this.#geometry();
    if (!geometry || !this.#scenes.view) return;
    this.#scenes.view.update(geometry);
    this.#scenes.requestRender();
  }

  #geometry(): LoraGeometry | undefined {
    const a = this.#analysis;
    if (!a || !hasGeometry(a.d, a.k)) return undefined;
    return { W0: this.state.W0, adapted: a.adapted, target: a.target, rank: a.approximation.rank };
  }

  #buildScene(look: ExportLook): LoraScene {
    const geometry = this.#geometry();
    this.#sceneSize = geometry ? geometry.W0.length : 0;
    return new LoraScene(geometry ? (geometry.W0.length as 2 | 3) : 2, geometry, scenePalette(look), this.#scenes.canvas!, () => this.#scenes.requestRender());
  }

  protected override firstUpdated(): void {
    this.#resize.observe(this.heatmapsBox);
    // Fetch the parser once the page is up, so the first typed matrix does not wait for it.
    setTimeout(() => void loadParser(), 0);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasUpdated) return;
    this.#resize.observe(this.heatmapsBox);
    // Coming back: work cancelled when the element left (an SVD, a spectral norm) starts again.
    if (!this.#analysis || !complete(this.#analysis)) this.#refresh();
  }

  override disconnectedCallback(): void {
    this.#resize.disconnect();
    this.#normWorker.dispose();
    super.disconnectedCallback();
  }

  /**
   * W₀ (and a typed ΔW) again from their expressions with the new seed; the store has already
   * redrawn an example ΔW. Texts that parsed before parse again, so failures are not expected;
   * if one happens the matrix simply stays.
   */
  async #regenerateWeight(): Promise<void> {
    const { parseMatrix } = await loadParser();
    const s = this.store.state;
    const { d, k } = sizeOf(s.W0);
    const parse = (text: string, seed: number) => {
      try {
        const M = parseMatrix(text, PARSE_LIMITS(seed));
        return M.length === d && M[0]?.length === k ? M : undefined;
      } catch {
        return undefined;
      }
    };
    const W0 = parse(s.weightText, s.seed);
    if (W0) this.store.setWeight(s.weightText, W0);
    const update = s.updateSource === 'typed' ? parse(s.updateText, s.seed + 1) : undefined;
    if (update) this.store.setTypedUpdate(s.updateText, update);
  }

  /** Switches ΔW to its typed expression (which the store keeps at W₀'s size). */
  async #useTypedUpdate(): Promise<void> {
    const { parseMatrix } = await loadParser();
    const s = this.store.state;
    try {
      const value = parseMatrix(s.updateText, PARSE_LIMITS(s.seed + 1));
      if (!this.#checkUpdate(value)) {
        this.store.setTypedUpdate(s.updateText, value);
        return;
      }
    } catch {
      // Fall through: the radio goes back to the example, and the field shows the text to fix.
    }
    this.requestUpdate();
  }

  // ---- export -----------------------------------------------------------------------------------

  #panels(a: LoraAnalysis): FigurePanel[] {
    const s = this.state;
    const deltaLimit = maxAbs(s.deltaW);
    const factorLimit = maxAbs(a.approximation.A, a.approximation.B);
    const { d, k } = a;
    const r = a.approximation.rank;
    return [
      { title: `W₀ (${d}×${k})`, matrix: s.W0, limit: maxAbs(s.W0) },
      { title: 'ΔW', matrix: s.deltaW, limit: deltaLimit },
      { title: `AB, rank ${r}`, matrix: a.approximation.product, limit: deltaLimit },
      { title: `A (${d}×${r})`, matrix: a.approximation.A, limit: factorLimit },
      { title: `B (${r}×${k})`, matrix: a.approximation.B, limit: factorLimit },
      { title: 'ΔW − AB', matrix: a.residual, limit: s.residualOwnScale ? maxAbs(a.residual) : deltaLimit },
    ];
  }

  /** The current view as a PNG: the geometric view (the shell's), or the heatmaps as one figure. */
  override async exportPng(scale: number, look: ExportLook | 'theme' = 'theme', maxTile?: number) {
    const a = this.#analysis;
    if (a && hasGeometry(a.d, a.k) && this.state.view === 'geometry') return super.exportPng(scale, look, maxTile);
    await this.settled();
    const ready = this.#analysis;
    if (!ready) throw new Error(this.#decomposeJob.view.message || 'The SVD of ΔW is not ready yet.');
    return { tiles: 1, ...(await heatmapFigurePng(this.#panels(ready), look === 'theme' ? this.theme : look, scale)) };
  }

  readonly #exporter = (scale: number, look: ExportLook | 'theme') => this.exportPng(scale, look);

  // ---- inspector --------------------------------------------------------------------------------

  #onSize(event: Event): void {
    const n = Number((event.target as HTMLSelectElement).value);
    void this.#useSize(n, n);
  }

  async #useSize(d: number, k: number): Promise<void> {
    const { parseMatrix } = await loadParser();
    const text = weightExpression(d, k);
    this.store.setWeight(text, parseMatrix(text, PARSE_LIMITS(this.state.seed)));
  }

  #onWeight(event: CustomEvent<MatrixFieldDetail>): void {
    this.store.setWeight(event.detail.text, event.detail.value);
  }

  readonly #checkUpdate = (value: number[][]): string | undefined => {
    const { d, k } = sizeOf(this.state.W0);
    const rows = value.length;
    const cols = value[0]?.length ?? 0;
    return rows === d && cols === k ? undefined : `ΔW must have W₀'s size, ${d}×${k}, but this is ${rows}×${cols}.`;
  };

  #weightSection() {
    const s = this.state;
    const { d, k } = sizeOf(s.W0);
    const square = d === k && (LORA_SIZES as readonly number[]).includes(d);
    return html`<section class="stack">
      <h2>The frozen weight W₀</h2>
      <div class="row">
        <label class="row" title="Size of W₀ and ΔW (d×k); a typed W₀ may have any size up to 256×256">Size
          <select aria-label="Size of the matrices" data-testid="size" .value=${square ? String(d) : ''} @change=${this.#onSize}>
            ${square ? nothing : html`<option selected value="">${d}×${k}</option>`}
            ${LORA_SIZES.map((n) => html`<option value=${n} ?selected=${square && n === d}>${n}×${n}</option>`)}
          </select></label>
        <label class="row" title="The seed of the random entries of W₀ and of the example ΔW">seed
          <input type="number" min="0" step="1" aria-label="Random seed" .value=${String(s.seed)}
            @change=${(e: Event) => this.store.setSeed(Math.max(0, Math.floor(Number((e.target as HTMLInputElement).value) || 0)))} /></label>
      </div>
      <hinge-lora-matrix-field label="W₀" name="W0" .text=${s.weightText} .seed=${s.seed} @matrix-apply=${this.#onWeight}></hinge-lora-matrix-field>
    </section>`;
  }

  #updateSection() {
    const s = this.state;
    return html`<section class="stack">
      <h2>The update ΔW</h2>
      ${s.imported && s.weightText === importedWeightText(s.imported.rows, s.imported.cols)
        ? html`<p class="note" data-testid="update-imported">ΔW is the imported matrix M (${s.imported.name}), over W₀ = 0. Choosing another ΔW here leaves M's curve above.</p>`
        : nothing}
      <div class="row" role="radiogroup" aria-label="Where ΔW comes from">
        <label class="radio" title="A few strong directions plus a little noise, like a real fine-tuning update">
          <input type="radio" name="source" data-testid="source-example" .checked=${live(s.updateSource === 'example')}
            @change=${() => this.store.setExample(s.exampleRank, s.noise)} />example: low rank + noise</label>
        <label class="radio" title="Type ΔW as an expression of W₀'s size">
          <input type="radio" name="source" data-testid="source-typed" .checked=${live(s.updateSource === 'typed')}
            @change=${() => void this.#useTypedUpdate()} />typed</label>
      </div>
      ${s.updateSource === 'example'
        ? html`<label class="row" title="How many strong directions the example update has">strong directions
              <input type="range" min="0" max=${Math.min(16, ...Object.values(sizeOf(s.W0)))} step="1" .value=${String(s.exampleRank)} aria-label="Strong directions of the example"
                @input=${(e: Event) => this.store.setExample(Number((e.target as HTMLInputElement).value), s.noise)} />
              <span class="plain">${s.exampleRank}</span></label>
            <label class="row" title="How much random noise is added to the strong directions">noise
              <input type="range" min="0" max="0.5" step="0.01" .value=${String(s.noise)} aria-label="Noise of the example"
                @input=${(e: Event) => this.store.setExample(s.exampleRank, Number((e.target as HTMLInputElement).value))} />
              <span class="plain">${s.noise.toFixed(2)}</span></label>`
        : nothing}
      <hinge-lora-matrix-field label="ΔW" name="dW" .text=${s.updateText} .seed=${s.seed + 1} .check=${this.#checkUpdate}
        @matrix-apply=${(e: CustomEvent<MatrixFieldDetail>) => this.store.setTypedUpdate(e.detail.text, e.detail.value)}></hinge-lora-matrix-field>
    </section>`;
  }

  #rankSection() {
    const a = this.#analysis;
    const { d, k } = sizeOf(this.state.W0);
    const p = Math.min(d, k);
    const r = this.state.rank;
    const kept = a?.curve[r];
    const energy = kept ? 1 - kept.relative ** 2 : undefined;
    return html`<section class="stack">
      <h2>Rank r of the update AB</h2>
      <label class="row" title="The inner size of A and B: how many directions of ΔW the update keeps (arrow keys step it)">r
        <input type="range" min="0" max=${p} step="1" .value=${String(r)} data-testid="rank" aria-label="Rank r"
          @input=${(e: Event) => this.store.setRank(Number((e.target as HTMLInputElement).value))} />
        <span class="rank-value" data-testid="rank-value">${r}</span></label>
      <div class="note">A = U<sub>r</sub>√Σ<sub>r</sub> and B = √Σ<sub>r</sub>V<sub>r</sub>ᵀ: the ${r} largest singular directions of ΔW, the scale shared evenly.${energy === undefined ? nothing : html` It keeps ${(energy * 100).toPrecision(3)}% of ‖ΔW‖²<sub>F</sub>.`}</div>
      ${a ? html`<hinge-lora-errors .rank=${r} .full=${p} .theory=${a.theory} .measured=${a.measured}></hinge-lora-errors>` : this.#pending()}
    </section>`;
  }

  /** The product AB laid out as a multiplication: B above, A to the left. */
  #product(a: LoraAnalysis, cell: number, deltaLimit: number) {
    const { A, B, product, rank: r } = a.approximation;
    const factorLimit = maxAbs(A, B);
    return html`<div class="product" aria-label="The product AB laid out as a multiplication">
      <p class="corner">Entry (i, j) of AB is row i of A times column j of B.</p>
      <hinge-lora-heatmap class="b" data-testid="heatmap-B" label="B" note=${`${r}×${a.k}`} .matrix=${B} .cell=${cell} .limit=${factorLimit} .legend=${false}></hinge-lora-heatmap>
      <hinge-lora-heatmap data-testid="heatmap-A" label="A" note=${`${a.d}×${r}`} .matrix=${A} .cell=${cell} .limit=${factorLimit} scaleNote="A and B share a scale"></hinge-lora-heatmap>
      <hinge-lora-heatmap data-testid="heatmap-AB" label="AB" note=${`rank ${r} · colours as ΔW`} .matrix=${product} .cell=${cell} .limit=${deltaLimit} .legend=${false}></hinge-lora-heatmap>
    </div>`;
  }

  /** What stands in for the rank-r numbers while a new ΔW is decomposed (or why it failed). */
  #pending() {
    const job = this.#decomposeJob.view;
    if (job.status === 'failed') return html`<div class="note error" role="alert" data-testid="lora-failed">${job.message}</div>`;
    const { d, k } = sizeOf(this.state.deltaW);
    return html`<div class="note" role="status" data-testid="lora-computing">Computing the SVD of the ${d}×${k} ΔW off the main thread…</div>`;
  }

  override render() {
    const s = this.state;
    const a = this.#analysis;
    const { d, k } = sizeOf(s.W0);
    const r = s.rank;
    const geometry = hasGeometry(d, k);
    const view = geometry ? s.view : 'heatmaps';
    // Small matrices print their entries in the cells, so they get room for "-0.065".
    const cell = Math.max(d, k) <= 3 ? 54 : Math.min(40, this.box / Math.max(d, k));
    const deltaLimit = maxAbs(s.deltaW);
    const counter = loraParameterSummary(d, k, r);
    return html`
      <div class="stage">
        <div class="bar">
          <div class="tabs" role="tablist" aria-label="View">
            <button role="tab" data-testid="view-heatmaps" aria-selected=${view === 'heatmaps' ? 'true' : 'false'} title="Every matrix as a heatmap"
              @click=${() => this.store.setView('heatmaps')}>Heatmaps</button>
            <button role="tab" data-testid="view-geometry" aria-selected=${view === 'geometry' ? 'true' : 'false'} ?disabled=${!geometry}
              title=${geometry ? 'The unit circle or sphere under W₀ and under W₀ + AB' : 'For 2×2 and 3×3 weights: choose one in Size'}
              @click=${() => this.store.setView('geometry')}>Geometry${geometry ? '' : ' (2×2, 3×3)'}</button>
          </div>
          <span class="info">${d}×${k} · r = ${r} · A and B hold ${counter} numbers</span>
        </div>
        <div class="heatmaps" ?hidden=${view !== 'heatmaps'} data-testid="lora-heatmaps">
          <div class="top">
            <hinge-lora-heatmap data-testid="heatmap-W0" label="W₀" note=${`${d}×${k} · frozen`} .matrix=${s.W0} .cell=${cell}></hinge-lora-heatmap>
            <hinge-lora-heatmap data-testid="heatmap-dW" label="ΔW" note="the update" .matrix=${s.deltaW} .cell=${cell} .limit=${deltaLimit}></hinge-lora-heatmap>
            ${a
              ? html`<hinge-lora-heatmap data-testid="heatmap-residual" label="ΔW − AB" note="what rank r misses" .matrix=${a.residual} .cell=${cell}
                  .limit=${s.residualOwnScale ? maxAbs(a.residual) : deltaLimit} .legend=${s.residualOwnScale} scaleNote=${s.residualOwnScale ? 'its own scale' : 'colours as ΔW'}></hinge-lora-heatmap>`
              : this.#pending()}
          </div>
          ${a ? this.#product(a, cell, deltaLimit) : nothing}
          <label class="radio" style="margin-top: 14px" title="Stretch the residual's colours to its own largest entry to see its structure">
            <input type="checkbox" data-testid="residual-scale" .checked=${s.residualOwnScale} @change=${(e: Event) => this.store.setResidualOwnScale((e.target as HTMLInputElement).checked)} />
            Draw ΔW − AB on its own scale</label>
          <p class="caption">Blue entries are negative, red positive, white zero. On ΔW's colours the residual fades as r grows: the first few
            directions carry the update and what is left is noise. A is tall and thin (d×r), B short and wide (r×k); their product has d·k entries,
            but only r(d + k) numbers stand behind them.</p>
        </div>
        <div class="geo" ?hidden=${view !== 'geometry'}>
          <div class="canvas" tabindex="0" role="img" data-testid="stage"
            aria-label=${`The unit ${d === 2 ? 'circle' : 'sphere'} under W₀ and under W₀ + AB with r = ${r}.${d === 3 ? ' Drag to orbit, scroll to zoom.' : ''}`}></div>
          <div class="legend" aria-hidden="true">
            <span><i class="swatch" style="background: repeating-linear-gradient(90deg, var(--muted) 0 5px, transparent 5px 9px)"></i>unit ${d === 2 ? 'circle' : 'sphere'} under W₀ (frozen)</span>
            <span><i class="swatch" style="background: var(--output)"></i>under W₀ + AB (rank ${r}) and its axes σᵢuᵢ&nbsp;</span>
            <span><i class="swatch" style="background: repeating-linear-gradient(90deg, var(--text) 0 2px, transparent 2px 5px)"></i>under W₀ + ΔW (the full update)</span>
            ${d === 2 ? html`<span><i class="swatch" style="background: var(--output); opacity: 0.45"></i>grid moved by W₀ + AB</span>` : nothing}
          </div>
        </div>
      </div>
      <aside aria-label="LoRA controls">
        <div>
          <h1>LoRA: a low-rank update</h1>
          <p class="lede">Fine-tuning changes a weight W₀ by some ΔW. LoRA trains that change as a product AB of a tall, thin A and a short, wide B, so only
            r(d + k) numbers are learnt instead of d·k. It works because real updates are close to low rank — and the truncated SVD gives the best AB there is.</p>
        </div>
        ${s.imported ? html`<hinge-imported-lora .store=${this.store} .state=${s}></hinge-imported-lora>` : nothing}
        ${this.#weightSection()}
        ${this.#updateSection()}
        ${this.#rankSection()}
        <section>
          <h2>Singular values of ΔW and the error of rank r</h2>
          ${a ? html`<hinge-lora-charts .sigma=${a.approximation.sigma} .curve=${a.curve} .rank=${r} .measured=${complete(a) ? a.measured : undefined}></hinge-lora-charts>` : this.#pending()}
        </section>
        <section>
          <h2>Parameter counter</h2>
          <hinge-lora-counter .value=${s.counter} @counter-change=${(e: CustomEvent<LoraCounter>) => this.store.setCounter(e.detail)}></hinge-lora-counter>
        </section>
        <section>
          <h2>Export</h2>
          <hinge-export-panel .exporter=${this.#exporter} baseName=${`hinge-lora-${d}x${k}-r${r}-${view}`}></hinge-export-panel>
        </section>
      </aside>
    `;
  }
}

function loraParameterSummary(d: number, k: number, r: number): string {
  return `${r * (d + k)} of ${d * k}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-lora-lab': LoraLab;
  }
}
