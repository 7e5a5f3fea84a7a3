import { css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { ACTIVATIONS, type Activation } from '../../../src/layer/index.js';
import '../../components/export-panel.js';
import { loadParser } from '../../components/expression-parser.js';
import '../../components/matrix-editor.js';
import '../../components/matrix-source.js';
import { Playback } from '../../components/playback.js';
import type { MatrixInputDetail } from '../../components/matrix-editor.js';
import '../../components/timeline.js';
import type { TimelineStage } from '../../components/timeline.js';
import { exportStagedVideo } from '../../scene/staged-video.js';
import type { ExportedVideo } from '../../scene/video-export.js';
import { scenePalette, type ExportLook } from '../../theme.js';
import { LabView, type LabChange } from '../lab-view.js';
import './layer-readout.js';
import { timeEnd } from './layer-maps.js';
import { easedTime } from './layer-time.js';
import { LayerScene } from './layer-scene.js';
import { STATE_REPLACED } from '../../project/lab-store.js';
import { LayerStore, shapeDims, type LayerChange, type LayerShape, type LayerState } from './layer-store.js';
import { labPanel } from '../../components/lab-styles.js';

/** Legend swatches drawn like the arrows: î solid, ĵ dashed, k̂ dotted (renderer/theme.ts BASIS_PATTERNS). */
const BASIS_SWATCH = [
  'var(--basis-i)',
  'repeating-linear-gradient(90deg, var(--basis-j) 0 5px, transparent 5px 8px)',
  'repeating-linear-gradient(90deg, var(--basis-k) 0 2px, transparent 2px 5px)',
];
const ACTIVATION_NAMES: Record<Activation, string> = {
  none: 'None (linear)',
  relu: 'ReLU',
  'leaky-relu': 'Leaky ReLU',
  gelu: 'GELU',
  swish: 'Swish',
  tanh: 'tanh',
};

/** Seconds an exported video holds the finished layer after the last stage. */

/**
 * The Layer lab: y = Wx + b. The stage shows the grid, the unit circle/sphere and square/cube and
 * the basis vectors moved by W, then shifted by b, then bent by a nonlinearity; drag x (or move it
 * with the arrow keys) and read y beside the picture.
 */
@customElement('hinge-layer-lab')
export class LayerLab extends LabView<LayerState, LayerChange, LayerStore> {
  static override styles = [
    ...labPanel,
    css`
      :host { display: grid; grid-template-columns: minmax(0, 1fr) 392px; grid-template-rows: minmax(0, 1fr) auto; height: 100%; }
      .stage { position: relative; min-height: 0; grid-row: 1; grid-column: 1; }
      .canvas { position: absolute; inset: 0; outline: none; touch-action: none; }
      .canvas:focus-visible { box-shadow: inset 0 0 0 2px var(--accent); }
      .canvas.dragging { cursor: grabbing; }
      .legend { position: absolute; left: 12px; top: 12px; background: color-mix(in srgb, var(--panel) 88%, transparent); border: 1px solid var(--border);
        border-radius: var(--radius); padding: 8px 10px; font-size: 12.5px; display: grid; gap: 3px; pointer-events: none; }
      .legend span { display: flex; align-items: center; gap: 7px; }
      .swatch { width: 14px; height: 3px; border-radius: 2px; display: inline-block; }
      .dot { width: 9px; height: 9px; border-radius: 50%; display: inline-block; }
      .box { width: 12px; height: 10px; margin: 0 1px; display: inline-block; opacity: 0.75; }
      .hint { position: absolute; right: 12px; bottom: 10px; font-size: 12px; color: var(--muted); pointer-events: none; text-align: right; }
      hinge-timeline { grid-row: 2; grid-column: 1; }
      aside { grid-row: 1 / span 2; grid-column: 2; }
      .pair { display: flex; gap: 18px; flex-wrap: wrap; }
      select { font: inherit; font-size: 13px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 5px 8px; }
      .row input[type='number'] { width: 64px; font: 13px var(--font-mono); background: var(--field); color: var(--text); border: 1px solid var(--border); border-radius: 4px; padding: 4px; }
      .check { display: flex; gap: 8px; align-items: center; font-size: 13px; cursor: pointer; }
    `,
  ];

  @state() private dragging = false;
  @query('.canvas') private canvasBox!: HTMLElement;

  /** The stage: rebuilt only for a new shape (or theme); every other edit moves it in place. */
  readonly #scenes = this.addScene('.canvas', (look) => this.#buildScene(look));
  readonly #playback = new Playback({
    time: () => this.store.state.time,
    end: () => timeEnd(this.store.state),
    speed: () => this.store.state.speed,
    playing: () => this.store.state.playing,
    setTime: (t) => this.store.setTime(t),
    setPlaying: (p) => this.store.setPlaying(p),
    requestFrame: () => this.#scenes.requestRender(),
  });

  constructor() {
    super('layer', (initial) => new LayerStore(initial));
    this.#scenes.onFrame = (now) => this.#playback.tick(now);
    // Fetch the parser once the first frame is up, so the first keystroke does not wait for it.
    this.addEventListener('first-frame', () => setTimeout(() => void loadParser(), 0), { once: true });
  }

  /** The store's state (the shell's, under the name the template reads). */
  private get layer(): LayerState {
    return this.state;
  }

  /** The scene on screen. */
  get #scene(): LayerScene | undefined {
    return this.#scenes.view;
  }

  protected stateChanged(change: LabChange<LayerChange>): void {
    if (change === 'shapeChanged' || change === STATE_REPLACED) {
      this.#scenes.rebuild();
      return;
    }
    const scene = this.#scene;
    if (!scene) return;
    scene.update(this.#shown(this.layer));
    if (change === 'matrixChanged' || change === 'biasChanged' || change === 'stackChanged' || change === 'activationChanged') {
      scene.fitView(this.layer);
    }
    this.#scenes.requestRender();
  }

  /** What the scene draws: the state with its time eased within each stage. */
  #shown(state: LayerState): LayerState {
    return { ...state, time: easedTime(state.time) };
  }

  override disconnectedCallback(): void {
    this.#playback.dispose();
    super.disconnectedCallback();
  }

  #buildScene(look: ExportLook): LayerScene {
    const scene = new LayerScene(this.#shown(this.layer), scenePalette(look), this.#scenes.canvas!, () => this.#scenes.requestRender());
    scene.fitView(this.layer);
    performance.mark('hinge:scene-built');
    return scene;
  }

  // ---- dragging x -------------------------------------------------------------------------

  #onPointerDown(event: PointerEvent): void {
    const scene = this.#scene;
    if (!scene || event.button !== 0) return;
    const at = this.#local(event);
    const onX = scene.pointOnScreen(this.layer.x);
    const near = Math.hypot(onX.x - at.x, onX.y - at.y) < 22;
    // In 2D a press anywhere moves x there; in 3D only a press on x does (elsewhere orbits).
    if (!near && scene.space === 3) return;
    event.stopPropagation();
    if (scene.controls) scene.controls.enabled = false;
    this.canvasBox.setPointerCapture(event.pointerId);
    this.dragging = true;
    this.canvasBox.focus();
    if (!near) this.#dragTo(event);
  }

  #onPointerMove(event: PointerEvent): void {
    if (this.dragging) {
      this.#dragTo(event);
      return;
    }
    const scene = this.#scene;
    if (!scene) return;
    const at = this.#local(event);
    const onX = scene.pointOnScreen(this.layer.x);
    this.canvasBox.style.cursor = Math.hypot(onX.x - at.x, onX.y - at.y) < 22 ? 'grab' : scene.space === 2 ? 'crosshair' : '';
  }

  #onPointerUp(event: PointerEvent): void {
    if (!this.dragging) return;
    this.dragging = false;
    if (this.canvasBox.hasPointerCapture(event.pointerId)) this.canvasBox.releasePointerCapture(event.pointerId);
    if (this.#scene?.controls) this.#scene.controls.enabled = true;
  }

  #dragTo(event: PointerEvent): void {
    const at = this.#local(event);
    const point = this.#scene?.inputPointAt(at.x, at.y, this.layer.x);
    if (point) this.store.setPoint(point);
  }

  #local(event: PointerEvent): { x: number; y: number } {
    const rect = this.canvasBox.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  #onKey(event: KeyboardEvent): void {
    const step = event.shiftKey ? 1 : 0.1;
    const axis: Record<string, [number, number]> = {
      ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowUp: [1, 1], ArrowDown: [1, -1], PageUp: [2, 1], PageDown: [2, -1],
    };
    const move = axis[event.key];
    if (!move || move[0] >= this.layer.x.length) return;
    event.preventDefault();
    const x = [...this.layer.x];
    x[move[0]] = Math.round((x[move[0]]! + move[1] * step) * 100) / 100;
    this.store.setPoint(x);
  }

  // ---- export -------------------------------------------------------------------------------

  readonly #exporter = (scale: number, look: ExportLook | 'theme') => this.exportPng(scale, look);

  /**
   * The animation from the identity to the full layer as a video, at the screen's pace and
   * easing, ending on the finished layer for a moment. Playback is paused; the store's time is
   * never touched, and the view is drawn at it again when the export ends, however it ends.
   */
  async exportVideo(onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<ExportedVideo> {
    const canvas = this.#scenes.canvas;
    if (!canvas || !this.#scene) throw new Error('The scene is not ready yet.');
    this.#playback.dispose();
    this.store.setPlaying(false);
    return exportStagedVideo({
      canvas,
      end: timeEnd(this.store.state),
      speed: this.store.state.speed,
      renderAt: (t) => this.#renderAt(t),
      restore: () => this.#renderAt(this.store.state.time),
      onProgress,
      signal,
    });
  }

  readonly #videoExporter = (onProgress: (fraction: number) => void, signal: AbortSignal) => this.exportVideo(onProgress, signal);

  /** Draws the current state at animation time `time` right now, leaving the store alone. */
  #renderAt(time: number): void {
    this.#scene?.update(this.#shown({ ...this.store.state, time }));
    this.#scenes.renderNow();
  }

  // ---- inspector ----------------------------------------------------------------------------

  #onMatrix(event: CustomEvent<MatrixInputDetail>): void {
    const value = event.detail.value;
    const shape = `${value.length}x${value[0]?.length ?? 0}` as LayerShape;
    if (shape !== this.layer.shape) this.store.setShape(shape);
    this.store.setMatrix(value);
  }

  override render() {
    const s = this.layer;
    const { rows, cols } = shapeDims(s.shape);
    const end = timeEnd(s);
    const stages: TimelineStage[] = [
      { at: 1, label: 'W', title: 'The identity turns into W' },
      { at: 2, label: '+b', title: 'The bias shifts everything by b' },
      { at: 3, label: s.activation === 'none' ? 'σ = id' : 'σ', title: 'The nonlinearity bends space' },
      ...(s.stacked ? [{ at: 4, label: 'W₂, b₂', title: 'The second layer acts' }] : []),
    ];
    const basis = ['î', 'ĵ', 'k̂'].slice(0, cols);
    return html`
      <div class="stage">
        <div class=${`canvas ${this.dragging ? 'dragging' : ''}`} tabindex="0" role="application" data-testid="stage"
          aria-label=${`Layer view. The input point x is at (${s.x.join(', ')}); arrow keys move it${cols === 3 ? ', Page Up and Page Down move its third coordinate' : ''}, Shift for bigger steps.${cols === 3 || rows === 3 ? ' Drag elsewhere to orbit.' : ''}`}
          @pointerdown=${{ handleEvent: (e: PointerEvent) => this.#onPointerDown(e), capture: true }} @pointermove=${this.#onPointerMove} @pointerup=${this.#onPointerUp}
          @pointercancel=${this.#onPointerUp} @keydown=${this.#onKey}></div>
        <div class="legend" aria-hidden="true">
          <span><i class="dot" style="background: var(--input)"></i>input x</span>
          <span><i class="dot" style="background: var(--output)"></i>its image y</span>
          ${basis.map((h, i) => html`<span><i class="swatch" style=${`background: ${BASIS_SWATCH[i]}`}></i>W${h} = column ${i + 1} of W${i === 0 ? '' : i === 1 ? ' (dashed)' : ' (dotted)'}</span>`)}
          <span><i class="swatch" style="background: var(--output); opacity: 0.7"></i>grid moved by the layer (output space)</span>
          <span><i class="swatch" style="background: var(--muted); opacity: 0.5"></i>input grid</span>
          <span><i class="box" style="background: #f2c14e"></i>unit ${cols === 2 ? 'square' : 'cube'} (purple if flipped)</span>
          ${s.stacked ? html`<span><i class="swatch" style="background: var(--text)"></i>dashed: the single layer W₂W</span>` : nothing}
        </div>
        <div class="hint">${rows === 3 || cols === 3 ? 'Drag x to move it · drag elsewhere to orbit · scroll to zoom' : 'Drag or click to move x · arrow keys too'}</div>
      </div>
      <hinge-timeline .time=${s.time} .end=${end} .playing=${s.playing} .stages=${stages} .speeds=${[0.25, 0.5, 1, 2]} .speed=${s.speed}
        @time-input=${(e: CustomEvent<number>) => { this.store.setPlaying(false); this.store.setTime(e.detail); }}
        @play-toggle=${() => this.#playback.toggle()} @speed-input=${(e: CustomEvent<number>) => this.store.setSpeed(e.detail)}></hinge-timeline>
      <aside aria-label="Layer controls">
        <div>
          <h1>Linear layer</h1>
          <p class="lede">A layer multiplies its input by a weight matrix W, adds a bias b, then applies a nonlinearity. Each column of W is where a basis vector lands.</p>
        </div>
        <hinge-matrix-source label="W" .value=${s.W as number[][]} .seed=${s.seed}
          @matrix-input=${this.#onMatrix} @seed-change=${(e: CustomEvent<number>) => this.store.setSeed(e.detail)}></hinge-matrix-source>
        <section class="pair">
          <hinge-matrix-editor label="b" vector note="bias" .value=${s.b.map((v) => [v])}
            @matrix-input=${(e: CustomEvent<MatrixInputDetail>) => this.store.setBias(e.detail.value.map((r) => r[0]!))}></hinge-matrix-editor>
          <hinge-matrix-editor label="x" vector note="input" .value=${s.x.map((v) => [v])}
            @matrix-input=${(e: CustomEvent<MatrixInputDetail>) => this.store.setPoint(e.detail.value.map((r) => r[0]!))}></hinge-matrix-editor>
        </section>
        <section>
          <h2>Readout</h2>
          <hinge-layer-readout .state=${s}></hinge-layer-readout>
        </section>
        <section>
          <h2>Nonlinearity σ</h2>
          <div class="row">
            <select aria-label="Nonlinearity" data-testid="activation" .value=${s.activation} title="The function applied to each entry of Wx + b"
              @change=${(e: Event) => this.store.setActivation((e.target as HTMLSelectElement).value as Activation)}>
              ${ACTIVATIONS.map((a) => html`<option value=${a} ?selected=${a === s.activation}>${ACTIVATION_NAMES[a]}</option>`)}
            </select>
            ${s.activation === 'leaky-relu' ? html`<label title="The slope of leaky ReLU for negative inputs">slope
              <input type="number" step="0.05" min="0" max="1" .value=${String(s.leak)} @change=${(e: Event) => this.#setLeak(e)} /></label>` : nothing}
          </div>
        </section>
        <section>
          <h2>Stack a second layer</h2>
          <label class="check" title="Add y₂ = W₂y + b₂ after this layer, to see that two linear layers are one">
            <input type="checkbox" data-testid="stack" .checked=${s.stacked} @change=${(e: Event) => this.store.setStacked((e.target as HTMLInputElement).checked)} />
            Apply W₂, b₂ after σ
          </label>
          ${s.stacked ? html`<div class="pair" style="margin-top: 10px">
            <hinge-matrix-editor label="W₂" .value=${s.W2 as number[][]} @matrix-input=${(e: CustomEvent<MatrixInputDetail>) => this.store.setSecondLayer(e.detail.value, s.b2)}></hinge-matrix-editor>
            <hinge-matrix-editor label="b₂" vector .value=${s.b2.map((v) => [v])} @matrix-input=${(e: CustomEvent<MatrixInputDetail>) => this.store.setSecondLayer(s.W2, e.detail.value.map((r) => r[0]!))}></hinge-matrix-editor>
          </div>` : nothing}
        </section>
        <section>
          <h2>Export</h2>
          <hinge-export-panel .exporter=${this.#exporter} .videoExporter=${this.#videoExporter} baseName=${`hinge-layer-${s.shape}`}></hinge-export-panel>
        </section>
      </aside>
    `;
  }

  #setLeak(event: Event): void {
    const leak = Number((event.target as HTMLInputElement).value);
    if (Number.isFinite(leak) && leak >= 0 && leak <= 1) {
      this.store.setLeak(leak);
    }
  }
}


declare global {
  interface HTMLElementTagNameMap {
    'hinge-layer-lab': LayerLab;
  }
}
