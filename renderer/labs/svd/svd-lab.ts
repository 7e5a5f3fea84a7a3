import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { formatNumber } from '../../../src/layer/index.js';
import { significantCount, spectrumSummary, svdAnimation, type SpectrumSummary, type SvdAnimation } from '../../../src/linalg/index.js';
import '../../components/export-panel.js';
import '../../components/matrix-source.js';
import type { MatrixInputDetail } from '../../components/matrix-editor.js';
import { Playback } from '../../components/playback.js';
import '../../components/sigma-bars.js';
import { katexStyles, tex, texMatrix } from '../../components/tex.js';
import '../../components/timeline.js';
import type { TimelineStage } from '../../components/timeline.js';
import { exportStagedVideo } from '../../scene/staged-video.js';
import type { ExportedVideo } from '../../scene/video-export.js';
import { scenePalette, type ExportLook } from '../../theme.js';
import { easedTime } from '../layer/layer-time.js';
import { startSpectrum, type SpectrumResult } from '../../workers/spectrum-client.js';
import { LabView, type LabChange } from '../lab-view.js';
import './spectrum-chart.js';
import '../../import/imported-svd-panel.js';
import { SvdScene } from './svd-scene.js';
import { STATE_REPLACED } from '../../project/lab-store.js';
import { SvdStore, type SvdChange, type SvdState, type SpectrumScale } from './svd-store.js';
import { labPanel } from '../../components/lab-styles.js';

const f3 = (v: number) => formatNumber(v, 3);
const SHORT: Record<string, string> = { 'reflect-v': 'F', 'rotate-v': 'Vᵀ', scale: 'Σ', 'reflect-u': 'F', 'rotate-u': 'U' };

/** A big matrix's singular values and what they say. */
interface Spectrum {
  readonly result: SpectrumResult;
  readonly summary: SpectrumSummary;
}

/**
 * The SVD lab: any 2×2, 3×3, 2×3 or 3×2 matrix animated as W = UΣVᵀ — rotate (Vᵀ), stretch (Σ),
 * rotate (U) — with the singular values as bars; and the spectrum of matrices too big to animate,
 * computed in a worker.
 */
@customElement('hinge-svd-lab')
export class SvdLab extends LabView<SvdState, SvdChange, SvdStore> {
  static override styles = [
    katexStyles,
    ...labPanel,
    css`
      :host { display: grid; grid-template-columns: minmax(0, 1fr) 392px; grid-template-rows: minmax(0, 1fr) auto; height: 100%; }
      .stage { position: relative; min-height: 0; grid-row: 1; grid-column: 1; }
      .canvas { position: absolute; inset: 0; outline: none; }
      .canvas:focus-visible { box-shadow: inset 0 0 0 2px var(--accent); }
      .legend { position: absolute; left: 12px; top: 12px; background: color-mix(in srgb, var(--panel) 88%, transparent); border: 1px solid var(--border);
        border-radius: var(--radius); padding: 8px 10px; font-size: 12.5px; display: grid; gap: 3px; pointer-events: none; }
      .legend span { display: flex; align-items: center; gap: 7px; }
      .swatch { width: 14px; height: 3px; border-radius: 2px; display: inline-block; }
      .box { width: 12px; height: 10px; margin: 0 1px; display: inline-block; opacity: 0.75; }
      .stage-name { position: absolute; left: 50%; transform: translateX(-50%); bottom: 12px; font-size: 14px; padding: 5px 12px; border-radius: 14px;
        background: color-mix(in srgb, var(--panel) 88%, transparent); border: 1px solid var(--border); pointer-events: none; white-space: nowrap; }
      hinge-timeline { grid-row: 2; grid-column: 1; }
      aside { grid-row: 1 / span 2; grid-column: 2; }
      .math { overflow-x: auto; overflow-y: hidden; }
      .plain { font-family: var(--font-mono); font-size: 13px; font-variant-numeric: tabular-nums; line-height: 1.6; }
      input[type='range'] { flex: 1; accent-color: var(--accent); }
      input[type='text'] { flex: 1; min-width: 0; font: 13px var(--font-mono); background: var(--field); color: var(--text); border: 1px solid var(--border); border-radius: 4px; padding: 5px 6px; }
      input[aria-invalid='true'] { border-color: var(--error); background: var(--error-bg); }
      button, select { font: inherit; font-size: 12.5px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 5px 9px; cursor: pointer; }
      button.primary { background: var(--accent); color: var(--on-accent); border-color: transparent; }
      progress { flex: 1; accent-color: var(--accent); }
      .flag { color: var(--error); }
    `,
  ];

  #animation: SvdAnimation;
  readonly #scenes = this.addScene('.canvas', (look) => this.#buildScene(look));
  readonly #spectrum = this.addJob<Spectrum>();
  /** A cancel's note under the spectrum (a failure's message comes from the job). */
  #spectrumNote = '';
  readonly #playback = new Playback({
    time: () => this.store.state.time,
    end: () => this.#animation.end,
    speed: () => this.store.state.speed,
    playing: () => this.store.state.playing,
    setTime: (t) => this.store.setTime(t, this.#animation.end),
    setPlaying: (p) => this.store.setPlaying(p),
    requestFrame: () => this.#scenes.requestRender(),
  });

  constructor() {
    super('svd', (initial) => new SvdStore(initial));
    this.#animation = svdAnimation(this.store.state.W);
    this.#scenes.onFrame = (now) => this.#playback.tick(now);
  }

  /** The store's state (the shell's, under the name the template reads). */
  private get svd(): SvdState {
    return this.state;
  }

  protected stateChanged(change: LabChange<SvdChange>): void {
    if (change === 'matrixChanged' || change === STATE_REPLACED) {
      // A new W is a new animation (its shape and extent may change): a new view, same camera.
      this.#animation = svdAnimation(this.svd.W);
      this.#scenes.rebuild();
      return;
    }
    if (change === 'timeChanged') {
      this.#scenes.view?.update(easedTime(this.svd.time));
      this.#scenes.requestRender();
    }
  }

  override disconnectedCallback(): void {
    this.#playback.dispose();
    super.disconnectedCallback();
  }

  #buildScene(look: ExportLook): SvdScene {
    const scene = new SvdScene(this.#animation, scenePalette(look), this.#scenes.canvas!, () => this.#scenes.requestRender());
    scene.update(easedTime(this.svd.time));
    return scene;
  }

  readonly #exporter = (scale: number, look: ExportLook | 'theme') => this.exportPng(scale, look);

  /**
   * The animation Vᵀ, Σ, U as a video at the chosen speed, ending on W's image. Playback is
   * paused and the store's time left alone; the view returns to it when the export ends.
   */
  async exportVideo(onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<ExportedVideo> {
    const canvas = this.#scenes.canvas;
    if (!canvas || !this.#scenes.view) throw new Error('The scene is not ready yet.');
    this.#playback.dispose();
    this.store.setPlaying(false);
    return exportStagedVideo({
      canvas,
      end: this.#animation.end,
      speed: this.svd.speed,
      renderAt: (t) => this.#renderAt(t),
      restore: () => this.#renderAt(this.store.state.time),
      onProgress,
      signal,
    });
  }

  readonly #videoExporter = (onProgress: (fraction: number) => void, signal: AbortSignal) => this.exportVideo(onProgress, signal);

  #renderAt(time: number): void {
    this.#scenes.view?.update(easedTime(time));
    this.#scenes.renderNow();
  }

  // ---- the spectrum of a big matrix -----------------------------------------------------------

  #computeSpectrum(): void {
    const { spectrumText, seed } = this.svd;
    this.#spectrumNote = '';
    void this.#spectrum.run((report) => {
      const job = startSpectrum(spectrumText, seed, report);
      const result = job.result.then((result) => ({ result, summary: spectrumSummary(result.sigma, result.rows, result.cols) }));
      return { result, cancel: () => job.cancel() };
    });
  }

  #cancelSpectrum(): void {
    if (!this.#spectrum.running) return;
    this.#spectrum.cancel();
    this.#spectrumNote = 'Canceled.';
  }

  // ---- rendering ---------------------------------------------------------------------------------

  #stageReadout() {
    const a = this.#animation;
    const t = this.svd.time;
    const current = a.stages.find((s) => t < s.end - 1e-9) ?? a.stages[a.stages.length - 1]!;
    const done = [...a.stages].reverse().find((s) => t >= s.end - 1e-9);
    const applied = done ? `${done.appliedName} = ${texMatrix(done.appliedSoFar, f3)}` : 'I';
    return html`
      <div data-testid="svd-stage" data-stage=${current.kind}>${t >= a.end - 1e-9 ? 'Done: the whole of W has acted.' : current.label}</div>
      <div class="math" data-testid="svd-applied" data-name=${done?.appliedName ?? 'I'} data-value=${JSON.stringify(done?.appliedSoFar ?? null)}>
        ${tex(`\\text{applied so far: } ${applied}`, true)}
      </div>
    `;
  }

  #factors() {
    const a = this.#animation;
    const { rows, cols } = a;
    const sigma = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === j ? (a.S[i] ?? 0) : 0)));
    const Vt = a.V[0]!.map((_, i) => a.V.map((row) => row[i]!));
    const factors = `\\begin{aligned} U &= ${texMatrix(a.U, f3)} \\\\[3pt] \\Sigma &= ${texMatrix(sigma, f3)} \\\\[3pt] V^{\\top} &= ${texMatrix(Vt, f3)} \\end{aligned}`;
    return html`<div class="math">${tex('W = U\\Sigma V^{\\top}', true)}${tex(factors, true)}</div>
      <div class="note">U (${rows}×${rows}) and V (${cols}×${cols}) are orthogonal; Σ (${rows}×${cols}) holds the singular values σ₁ ≥ σ₂${a.S.length > 2 ? ' ≥ σ₃' : ''} ≥ 0.</div>`;
  }

  #spectrumNumbers() {
    const S = this.#animation.S;
    const summary = spectrumSummary(S, this.#animation.rows, this.#animation.cols);
    const matter = significantCount(S, this.svd.threshold);
    const cond = summary.condition;
    return html`
      <hinge-sigma-bars .sigma=${S} .threshold=${this.svd.threshold}></hinge-sigma-bars>
      <div class="plain" data-testid="svd-numbers">
        <div>σ = (${S.map(f3).join(', ')})</div>
        <div>rank ${summary.rank} · condition number ${Number.isFinite(cond) ? f3(cond) : '∞'}${summary.rank < S.length ? html` · <span class="flag">rank-deficient: W loses a direction</span>` : nothing}</div>
      </div>
      <label class="row" title="Directions whose σᵢ/σ₁ is at least this much count as ones that matter">
        σᵢ/σ₁ ≥ <input type="range" min="0" max="1" step="0.01" .value=${String(this.svd.threshold)} aria-label="Threshold σᵢ/σ₁"
          @input=${(e: Event) => this.store.setThreshold(Number((e.target as HTMLInputElement).value))} />
        <span class="plain">${this.svd.threshold.toFixed(2)}</span>
      </label>
      <div class="note" data-testid="svd-matter">${matter} of ${S.length} direction${S.length === 1 ? '' : 's'} matter${matter === 1 ? 's' : ''} at this threshold: W amplifies or keeps them, and nearly ignores the rest.</div>
    `;
  }

  #spectrumSection() {
    const sp = this.#spectrum.view;
    const result = sp.result?.result;
    const summary = sp.result?.summary;
    const message = sp.status === 'failed' ? sp.message : this.#spectrumNote;
    return html`
      <section>
        <h2>Spectrum of a large matrix</h2>
        <p class="note">Too big to animate? Type any matrix up to 2048×2048, e.g. <code>randn(512, 512)</code> or <code>random(300, 200) * 2</code> (random entries come from the seed). Computed off the main thread.</p>
        <div class="row" style="margin-top: 8px">
          <input type="text" data-testid="spectrum-input" aria-label="Large matrix expression" .value=${this.svd.spectrumText}
            aria-invalid=${sp.status === 'failed' ? 'true' : 'false'} spellcheck="false"
            @input=${(e: Event) => this.store.setSpectrumText((e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.#computeSpectrum()} />
          <button class="primary" data-testid="spectrum-run" title="Compute the singular values of this matrix" @click=${() => this.#computeSpectrum()}>Compute</button>
        </div>
        ${sp.status === 'running'
          ? html`<div class="row" style="margin-top: 8px"><progress data-testid="spectrum-progress" max="1" .value=${sp.progress} aria-label="Progress"></progress>
              <span class="plain">${sp.phase} ${Math.round(sp.progress * 100)}%</span>
              <button data-testid="spectrum-cancel" @click=${() => this.#cancelSpectrum()} title="Stop the computation">Cancel</button></div>`
          : nothing}
        ${message ? html`<div class=${sp.status === 'failed' ? 'error' : 'note'} role=${sp.status === 'failed' ? 'alert' : 'status'} data-testid="spectrum-message">${message}</div>` : nothing}
        ${result && summary
          ? html`<div class="plain" data-testid="spectrum-summary" data-rank=${summary.rank} data-sigma1=${String(summary.sigma[0] ?? 0)}>
                <div>${result.rows}×${result.cols} · σ₁ = ${f3(summary.sigma[0] ?? 0)} · σ_min = ${f3(summary.sigma[summary.sigma.length - 1] ?? 0)}</div>
                <div>numerical rank ${summary.rank} (σᵢ > σ₁·max(m,n)·ε = ${f3(summary.tolerance)}) · condition ${Number.isFinite(summary.condition) ? f3(summary.condition) : '∞'}</div>
                <div>${(summary.energy.findIndex((e) => e >= 0.9) + 1) || summary.sigma.length} directions hold 90% of the energy ‖W‖²_F</div>
                <div class="note">parsed in ${result.parseMs.toFixed(0)} ms, singular values in ${result.svdMs.toFixed(0)} ms</div>
              </div>
              <div class="row" style="margin-top: 6px">
                <label>Scale <select aria-label="Scale of the σ axis" data-testid="spectrum-scale" .value=${this.svd.spectrumScale}
                  @change=${(e: Event) => this.store.setSpectrumScale((e.target as HTMLSelectElement).value as SpectrumScale)}>
                  <option value="log" ?selected=${this.svd.spectrumScale === 'log'}>log</option><option value="linear" ?selected=${this.svd.spectrumScale === 'linear'}>linear</option></select></label>
              </div>
              <hinge-spectrum-chart .summary=${summary} .scale=${this.svd.spectrumScale}></hinge-spectrum-chart>`
          : nothing}
      </section>
    `;
  }

  override render() {
    const s = this.svd;
    const a = this.#animation;
    const stages: TimelineStage[] = a.stages.map((stage) => ({ at: stage.end, label: SHORT[stage.kind] ?? stage.kind, title: stage.label }));
    const current = a.stages.find((st) => s.time < st.end - 1e-9);
    const n = a.cols;
    return html`
      <div class="stage">
        <div class="canvas" tabindex="0" role="img" data-testid="stage"
          aria-label=${`The SVD of W as rotate, stretch, rotate. ${n === 3 || a.rows === 3 ? 'Drag to orbit, scroll to zoom.' : ''}`}></div>
        <div class="legend" aria-hidden="true">
          <span><i class="swatch" style="background: var(--input)"></i>vᵢ: right singular vectors (input)</span>
          <span><i class="swatch" style="background: var(--output)"></i>their images, ending as σᵢuᵢ</span>
          <span><i class="swatch" style="background: var(--output); opacity: 0.5"></i>grid moved so far</span>
          <span><i class="swatch" style="background: var(--text)"></i>unit ${n === 2 ? 'circle → ellipse' : 'sphere → ellipsoid'}</span>
          <span><i class="box" style="background: #f2c14e"></i>unit ${n === 2 ? 'square' : 'cube'} (purple while mirrored)</span>
        </div>
        <div class="stage-name" data-testid="stage-name">${current ? current.label : 'UΣVᵀ = W'}</div>
      </div>
      <hinge-timeline .time=${s.time} .end=${a.end} .playing=${s.playing} .stages=${stages} .speeds=${[0.25, 0.5, 1, 2]} .speed=${s.speed}
        @time-input=${(e: CustomEvent<number>) => { this.store.setPlaying(false); this.store.setTime(e.detail, a.end); }}
        @play-toggle=${() => this.#playback.toggle()}
        @speed-input=${(e: CustomEvent<number>) => this.store.setSpeed(e.detail)}></hinge-timeline>
      <aside aria-label="SVD controls">
        <div>
          <h1>Singular value decomposition</h1>
          <p class="lede">Every matrix is a rotation, a stretch along perpendicular axes, and another rotation: W = UΣVᵀ. Vᵀ turns the input so its special directions vᵢ lie on the axes, Σ stretches axis i by σᵢ, and U turns the result into place.</p>
        </div>
        ${s.imported ? html`<hinge-imported-svd .store=${this.store} .state=${s}></hinge-imported-svd>` : nothing}
        <hinge-matrix-source label="W" .value=${s.W as number[][]} .seed=${s.seed}
          @matrix-input=${(e: CustomEvent<MatrixInputDetail>) => this.store.setMatrix(e.detail.value)}
          @seed-change=${(e: CustomEvent<number>) => this.store.setSeed(e.detail)}></hinge-matrix-source>
        <section>
          <h2>Stage</h2>
          ${this.#stageReadout()}
        </section>
        <section>
          <h2>The factors</h2>
          ${this.#factors()}
        </section>
        <section>
          <h2>Singular values</h2>
          ${this.#spectrumNumbers()}
        </section>
        ${this.#spectrumSection()}
        <section>
          <h2>Export</h2>
          <hinge-export-panel .exporter=${this.#exporter} .videoExporter=${this.#videoExporter} baseName=${`hinge-svd-${this.#animation.rows}x${this.#animation.cols}`}></hinge-export-panel>
        </section>
      </aside>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-svd-lab': SvdLab;
  }
}
