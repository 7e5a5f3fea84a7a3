import { css, html, nothing } from 'lit';
import { customElement, query } from 'lit/decorators.js';
import { chainCost, checkChainConfig, runChain, type ChainConfig, type ChainResult } from '../../../src/gradients/index.js';
import { formatNumber } from '../../../src/layer/index.js';
import { svd, type Svd } from '../../../src/linalg/index.js';
import '../../components/export-panel.js';
import '../../components/matrix-editor.js';
import type { MatrixInputDetail } from '../../components/matrix-editor.js';
import '../../components/matrix-source.js';
import { scenePalette, type ExportLook } from '../../theme.js';
import { startChain } from '../../workers/gradients-client.js';
import { LabView, type LabChange } from '../lab-view.js';
import './chain-charts.js';
import './chain-panel.js';
import type { ChainStatus } from './chain-panel.js';
import { GradientsStore, type GradientsChange, type GradientsState } from './gradients-store.js';
import './layer-readout.js';
import '../../import/imported-gradients-panel.js';
import { GradientMapScene, type MapSpec } from './map-scene.js';
import { STATE_REPLACED } from '../../project/lab-store.js';
import { sideBySidePng } from './side-by-side.js';
import { labPanel, tabbedStage } from '../../components/lab-styles.js';

/** Runs cheaper than this (≈ 10 ms of flops) stay on the main thread, so the scale slider answers at once. */
const SYNC_COST = 1.2e7;
/** Heavy runs start after the controls have been still for this long. */
const DEBOUNCE_MS = 150;
const SUB = ['₁', '₂', '₃'];
const PHASE_TEXT: Record<string, string> = {
  weights: 'drawing the weights',
  backprop: 'forward and back through the chain',
  jacobian: 'multiplying the Jacobians',
  spectrum: 'singular values of the product',
  conditions: 'condition number of each layer',
};

/** A finished chain: what it computed, for which settings, and how long it took. */
interface ChainRun {
  readonly result: ChainResult;
  readonly config: ChainConfig;
  readonly message: string;
}

interface ChainView extends ChainStatus {
  readonly result?: ChainResult;
  readonly config?: ChainConfig;
}

/**
 * The Gradients lab. One layer: W acting forward on x beside Wᵀ acting backward on a gradient g,
 * with the singular directions marked (the same σ, input and output directions swapped). A deep
 * chain: gradient norms layer by layer, the singular values of the chain's Jacobian and each
 * layer's condition number, as the scale moves it from vanishing through stable to exploding.
 */
@customElement('hinge-gradients-lab')
export class GradientsLab extends LabView<GradientsState, GradientsChange, GradientsStore> {
  static override styles = [
    ...labPanel,
    tabbedStage,
    css`
      .pair { flex: 1; min-height: 0; overflow: auto; display: flex; flex-direction: column; }
      .pair[hidden], .chain[hidden] { display: none; }
      .views, .below { display: grid; grid-template-columns: 1fr 1fr; gap: 1px; background: var(--border); flex: none; }
      .views { border-bottom: 1px solid var(--border); }
      .side { position: relative; min-width: 0; aspect-ratio: 1 / 0.92; max-height: 70vh; background: var(--bg); }
      .below { background: none; gap: 4px 14px; padding: 6px 14px 16px; }
      .explain { grid-column: 1 / -1; margin: 8px 0 0; color: var(--muted); font-size: 13px; line-height: 1.55; max-width: 78ch; }
      .canvas { position: absolute; inset: 0; outline: none; }
      .canvas:focus-visible { box-shadow: inset 0 0 0 2px var(--accent); }
      .title { position: absolute; left: 10px; right: 10px; top: 10px; font-size: 13.5px; font-weight: 600; pointer-events: none; display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
      .title small { font-weight: 400; color: var(--muted); font-size: 12px; }
      .legend { position: absolute; left: 10px; bottom: 10px; background: color-mix(in srgb, var(--panel) 88%, transparent); border: 1px solid var(--border);
        border-radius: var(--radius); padding: 6px 9px; font-size: 12px; display: grid; gap: 2px; pointer-events: none; }
      .legend span { display: flex; align-items: center; gap: 7px; }
      .swatch { width: 14px; height: 3px; border-radius: 2px; display: inline-block; }
      .dot { width: 9px; height: 9px; border-radius: 50%; display: inline-block; }
      .chain { flex: 1; min-height: 0; overflow: auto; padding: 16px 18px 24px; }
      .empty { color: var(--muted); }
      .stale { margin: 0 0 10px; color: var(--muted); font-size: 12.5px; }
      .chain:has(.stale) hinge-gradient-charts { opacity: 0.55; }
      .vectors { display: flex; gap: 18px; flex-wrap: wrap; }
    `,
  ];

  @query('.canvas.forward') private forwardBox!: HTMLElement;

  #decomposition: Svd;
  /** W forward on x, and Wᵀ backward on g; both are redrawn when W, x or g change (their extent follows them). */
  readonly #forward = this.addScene('.canvas.forward', (look) => this.#buildScene(0, look));
  readonly #backward = this.addScene('.canvas.backward', (look) => this.#buildScene(1, look));
  readonly #chain = this.addJob<ChainRun>();
  /** A chain waiting for the controls to be still (heavy runs only). */
  #timer: ReturnType<typeof setTimeout> | undefined;
  #chainNote = '';
  /** The settings of the chain last asked for. */
  #requested: ChainConfig | undefined;

  constructor() {
    super('gradients', (initial) => new GradientsStore(initial));
    this.#decomposition = svd(this.grad.W);
  }

  /** The store's state (the shell's, under the name the template reads). */
  private get grad(): GradientsState {
    return this.state;
  }

  /** What the chain panel shows: the job's state, and the last finished run. */
  private get chain(): ChainView {
    const job = this.#chain.view;
    const run = job.result;
    const waiting = this.#timer !== undefined;
    return {
      status: waiting ? 'running' : job.status === 'idle' && run ? 'done' : job.status,
      progress: job.progress,
      phase: waiting ? 'waiting' : (PHASE_TEXT[job.phase] ?? job.phase),
      message: job.status === 'failed' ? job.message : this.#chainNote || (job.status === 'done' ? (run?.message ?? '') : ''),
      result: run?.result,
      config: run?.config,
    };
  }

  /** Frames drawn by both canvases (tests read it). */
  override get framesDrawn(): number {
    return Math.min(this.#forward.framesDrawn, this.#backward.framesDrawn);
  }

  protected stateChanged(change: LabChange<GradientsChange>): void {
    const all = change === STATE_REPLACED;
    if (all || change === 'matrixChanged') this.#decomposition = svd(this.grad.W);
    if (all || change === 'chainChanged' || change === 'viewChanged') this.#scheduleChain();
    if (all || change === 'matrixChanged' || change === 'inputChanged' || change === 'gradientChanged') {
      this.#forward.rebuild();
      this.#backward.rebuild();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#scheduleChain();
  }

  override disconnectedCallback(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    super.disconnectedCallback();
  }

  // ---- one layer ------------------------------------------------------------------------------

  /** The two sides: W forward on x (vᵢ → σᵢuᵢ), Wᵀ backward on g (uᵢ → σᵢvᵢ). */
  #specs(): [MapSpec, MapSpec] {
    const { W, x, g } = this.grad;
    const { U, S, V } = this.#decomposition;
    const Wt = W[0]!.map((_, j) => W.map((row) => row[j]!));
    const col = (M: number[][], i: number) => M.map((row) => row[i]!);
    const idx = S.map((_, i) => i);
    const times = (M: readonly (readonly number[])[], v: readonly number[]) => M.map((row) => row.reduce((s, m, j) => s + m * v[j]!, 0));
    return [
      {
        M: W, inputDirections: idx.map((i) => col(V, i)), inputLabels: idx.map((i) => `v${SUB[i]}`),
        outputDirections: idx.map((i) => col(U, i).map((u) => u * S[i]!)), outputLabels: idx.map((i) => `σ${SUB[i]}u${SUB[i]}`),
        point: x, image: times(W, x), pointLabel: 'x', imageLabel: 'y', inputColor: 'input', outputColor: 'output',
      },
      {
        M: Wt, inputDirections: idx.map((i) => col(U, i)), inputLabels: idx.map((i) => `u${SUB[i]}`),
        outputDirections: idx.map((i) => col(V, i).map((v) => v * S[i]!)), outputLabels: idx.map((i) => `σ${SUB[i]}v${SUB[i]}`),
        point: g, image: times(Wt, g), pointLabel: 'g', imageLabel: 'Wᵀg', inputColor: 'output', outputColor: 'input',
      },
    ];
  }

  #buildScene(side: 0 | 1, look: ExportLook): GradientMapScene {
    const scenes = side === 0 ? this.#forward : this.#backward;
    return new GradientMapScene(this.#specs()[side], scenePalette(look), scenes.canvas!, () => scenes.requestRender());
  }

  /** Both sides as one PNG, forward on the left (another look is drawn from separate views). */
  override async exportPng(scale: number, look: ExportLook | 'theme' = 'theme') {
    const resolved: ExportLook = look === 'theme' ? this.theme : look;
    const left = await this.#forward.exportPng(scale, undefined, resolved);
    const right = await this.#backward.exportPng(scale, undefined, resolved);
    const palette = scenePalette(resolved);
    // Title size follows the export's pixels per CSS pixel.
    const ratio = left.width / Math.max(1, this.forwardBox.clientWidth);
    return { ...(await sideBySidePng(left, right, palette.gridAxis, { color: palette.text, scale: ratio, left: 'Forward: y = Wx', right: 'Backward: ∂L/∂x = Wᵀg' })), tiles: left.tiles + right.tiles };
  }

  readonly #exporter = (scale: number, look: ExportLook | 'theme') => this.exportPng(scale, look);

  /** What the two pictures say, with this W's numbers. */
  #explanation() {
    const S = this.#decomposition.S;
    const f = (v: number) => formatNumber(v, 3);
    const last = S.length;
    const sub = (i: number) => SUB[i - 1] ?? String(i);
    const smallest = S[last - 1] ?? 0;
    return html`W sends each vᵢ to σᵢuᵢ; Wᵀ sends each uᵢ back to σᵢvᵢ. Both use the same stretch factors σ = (${S.map(f).join(', ')}), with
      the two sets of directions trading places. So a gradient arriving along u₁ leaves ${f(S[0] ?? 0)} times as long, and one along u${sub(last)} only
      ${f(smallest)} times${smallest > 0 ? html` — the layer favours one direction over the other ${f((S[0] ?? 0) / smallest)} to 1, its condition number` : html` — that direction is lost altogether`}.
      ${this.grad.W.length > S.length ? html`And a gradient along u${sub(this.grad.W.length)}, a direction of the output no x can reach, is sent to 0.` : nothing}`;
  }

  // ---- the deep chain -------------------------------------------------------------------------

  #scheduleChain(): void {
    const config = this.grad.chain;
    if (this.grad.view !== 'chain') return;
    // Already shown, computing or waiting for exactly these settings.
    if (config === this.#requested && (this.#timer !== undefined || this.#chain.running || this.#chain.view.result?.config === config)) return;
    this.#requested = config;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#chainNote = '';
    try {
      checkChainConfig(config);
    } catch (error) {
      // Refused settings: the job's failure message says why (the previous chart stays).
      void this.#chain.run(() => ({ result: Promise.reject(error as Error), cancel() {} }));
      return;
    }
    if (chainCost(config) <= SYNC_COST) {
      const result = runChain(config);
      void this.#chain.run(() => ({ result: Promise.resolve({ result, config, message: '' }), cancel() {} }));
      return;
    }
    // Heavy: wait for the controls to be still; the previous result stays on screen meanwhile.
    this.#chain.cancel();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#chain.run((report) => {
        const job = startChain(config, report);
        return {
          result: job.result.then((result) => ({ result, config, message: `${config.depth} layers of width ${config.width}: ${(result.ms / 1000).toFixed(2)} s in a worker.` })),
          cancel: () => job.cancel(),
        };
      });
    }, DEBOUNCE_MS);
    this.requestUpdate();
  }

  #cancelChain(): void {
    const waiting = this.#timer !== undefined;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (waiting || this.#chain.running) {
      this.#chain.cancel();
      this.#chainNote = 'Canceled; the chart shows the previous run.';
      this.#requested = undefined;
      this.requestUpdate();
    }
  }

  // ---- rendering ------------------------------------------------------------------------------

  #layerAside() {
    const s = this.grad;
    return html`
      <hinge-matrix-source label="W" .value=${s.W as number[][]} .seed=${s.seed}
        @matrix-input=${(e: CustomEvent<MatrixInputDetail>) => this.store.setMatrix(e.detail.value)}
        @seed-change=${(e: CustomEvent<number>) => this.store.setSeed(e.detail)}></hinge-matrix-source>
      <section class="vectors">
        <hinge-matrix-editor label="x" vector note="input" .value=${s.x.map((v) => [v])}
          @matrix-input=${(e: CustomEvent<MatrixInputDetail>) => this.store.setInput(e.detail.value.map((r) => r[0]!))}></hinge-matrix-editor>
        <hinge-matrix-editor label="g" vector note="∂L/∂y" .value=${s.g.map((v) => [v])}
          @matrix-input=${(e: CustomEvent<MatrixInputDetail>) => this.store.setGradient(e.detail.value.map((r) => r[0]!))}></hinge-matrix-editor>
      </section>
      <section>
        <h2>Singular values, shared by W and Wᵀ</h2>
        <hinge-gradient-readout show="rest" .W=${s.W} .x=${s.x} .g=${s.g} .decomposition=${this.#decomposition}
          @gradient-set=${(e: CustomEvent<number[]>) => this.store.setGradient(e.detail)}></hinge-gradient-readout>
      </section>
      <section>
        <h2>Export</h2>
        <hinge-export-panel .exporter=${this.#exporter} baseName=${`hinge-gradients-${s.W.length}x${s.W[0]!.length}`}></hinge-export-panel>
      </section>
    `;
  }

  override render() {
    const s = this.grad;
    const rows = s.W.length;
    const cols = s.W[0]!.length;
    const sup = (n: number) => (n === 2 ? '²' : '³');
    const chain = this.chain;
    return html`
      <div class="stage">
        <div class="bar">
          <div class="tabs" role="tablist" aria-label="View">
            <button role="tab" data-testid="view-layer" aria-selected=${s.view === 'layer' ? 'true' : 'false'} title="W forward on x beside Wᵀ backward on a gradient g"
              @click=${() => this.store.setView('layer')}>One layer: forward and back</button>
            <button role="tab" data-testid="view-chain" aria-selected=${s.view === 'chain' ? 'true' : 'false'} title="A gradient passed back through up to 100 layers"
              @click=${() => this.store.setView('chain')}>Deep chain</button>
          </div>
        </div>
        <div class="pair" ?hidden=${s.view !== 'layer'}>
          <div class="views">
          <div class="side">
            <div class="canvas forward" tabindex="0" role="img" data-testid="stage-forward"
              aria-label=${`Forward: W maps the input x in ℝ${sup(cols)} to y = Wx in ℝ${sup(rows)}; the right singular vectors vᵢ land on σᵢuᵢ.${Math.max(rows, cols) === 3 ? ' Drag to orbit.' : ''}`}></div>
            <div class="title">Forward: y = Wx <small>input ℝ${sup(cols)} → output ℝ${sup(rows)}</small></div>
            <div class="legend" aria-hidden="true">
              <span><i class="dot" style="background: var(--input)"></i>x · vᵢ (input side)</span>
              <span><i class="dot" style="background: var(--output)"></i>y · σᵢuᵢ (output side)</span>
              <span><i class="swatch" style="background: var(--text)"></i>unit ${cols === 2 ? 'circle' : 'sphere'} under W</span>
            </div>
          </div>
          <div class="side">
            <div class="canvas backward" tabindex="0" role="img" data-testid="stage-backward"
              aria-label=${`Backward: Wᵀ maps the gradient g in ℝ${sup(rows)} to ∂L/∂x = Wᵀg in ℝ${sup(cols)}; the left singular vectors uᵢ land on σᵢvᵢ.${Math.max(rows, cols) === 3 ? ' Drag to orbit.' : ''}`}></div>
            <div class="title">Backward: ∂L/∂x = Wᵀg <small>output ℝ${sup(rows)} → input ℝ${sup(cols)}</small></div>
            <div class="legend" aria-hidden="true">
              <span><i class="dot" style="background: var(--output)"></i>g · uᵢ (output side)</span>
              <span><i class="dot" style="background: var(--input)"></i>Wᵀg · σᵢvᵢ (input side)</span>
              <span><i class="swatch" style="background: var(--text)"></i>unit ${rows === 2 ? 'circle' : 'sphere'} under Wᵀ</span>
            </div>
          </div>
          </div>
          <div class="below">
            <hinge-gradient-readout show="forward" .W=${s.W} .x=${s.x} .g=${s.g} .decomposition=${this.#decomposition}></hinge-gradient-readout>
            <hinge-gradient-readout show="backward" .W=${s.W} .x=${s.x} .g=${s.g} .decomposition=${this.#decomposition}></hinge-gradient-readout>
            <p class="explain">${this.#explanation()}</p>
          </div>
        </div>
        <div class="chain" ?hidden=${s.view !== 'chain'}>
          ${chain.status === 'running' && chain.result ? html`<p class="stale" role="status">Computing the new chain — showing the previous one meanwhile.</p>` : nothing}
          ${chain.result
            ? html`<hinge-gradient-charts .result=${chain.result} .depth=${chain.config?.depth ?? 0}></hinge-gradient-charts>`
            : html`<p class="empty">${chain.status === 'running' ? 'Computing the chain…' : 'Choose a chain on the right.'}</p>`}
        </div>
      </div>
      <aside aria-label="Gradients controls">
        <div>
          <h1>Gradients flow through Wᵀ</h1>
          <p class="lede">For a layer y = Wx the chain rule gives ∂L/∂x = Wᵀ ∂L/∂y: the gradient travels back through the transpose. Wᵀ has the same
            singular values as W with the two sets of directions swapped, so a badly conditioned W blows gradients up along some directions and squeezes
            them along others — and a deep stack of such layers multiplies the effect.</p>
        </div>
        ${s.imported ? html`<hinge-imported-gradients .store=${this.store} .state=${s}></hinge-imported-gradients>` : nothing}
        ${s.view === 'layer'
          ? this.#layerAside()
          : html`<hinge-gradient-chain-panel .config=${s.chain} .result=${chain.result} .resultConfig=${chain.config} .status=${chain}
              @chain-change=${(e: CustomEvent<Partial<ChainConfig>>) => this.store.setChain(e.detail)}
              @chain-cancel=${() => this.#cancelChain()}></hinge-gradient-chain-panel>`}
      </aside>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-gradients-lab': GradientsLab;
  }
}
