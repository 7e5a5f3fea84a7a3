import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { FormatError } from '../../../src/formats/errors.js';
import { LabStateError } from '../../../src/project/index.js';
import type { PackedRegions, ReluNet } from '../../../src/regions/index.js';
import { loadTrainingData, parsePointsCsv, type Dataset } from '../../../src/training/index.js';
import '../../components/export-panel.js';
import { STATE_REPLACED } from '../../project/lab-store.js';
import { scenePalette, type ExportLook } from '../../theme.js';
import { startTrainingWorker, type RunSnapshot, type TrainingWorkerClient } from '../../workers/training-client.js';
import { LabView, type LabChange } from '../lab-view.js';
import './depth-width.js';
import './training-finetune.js';
import './training-charts.js';
import { layerName } from './training-charts.js';
import { settingsPanel, type FieldErrors } from './training-controls.js';
import { openInGradients, openInRegions, openInSvd } from './training-handoffs.js';
import { appendHistory, SPECTRUM_METRICS, type HistoryPoint, type SpectrumMetric } from './training-history.js';
import { drawPicture } from './training-picture.js';
import { TrainingCells } from './training-cells.js';
import { snapshotOptionsFor, TrainingVideo } from './training-video.js';
import { TrainingStore, dataInputs, isRegression, trainingSetup, type TrainingChange, type TrainingState } from './training-store.js';

/** The square (cube) the picture shows and the regions are counted in: [−R, R]^d. */
export const VIEW_RADIUS = 1.2;
/** While playing, the weights reach the store (and so the autosave) at most this often. */
const RECORD_MS = 1000;
/** While playing, the charts are redrawn at most this often. */
const CHART_MS = 400;
/** While playing, the picture and the readouts are redrawn at most this often. */
const PLAYING_FRAME_MS = 50;

const METRIC_NAMES: Record<SpectrumMetric, string> = { sigmaMax: 'σ₁', sigmaMin: 'σ_min', stableRank: 'stable rank', condition: 'condition number' };
const pct = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '—' : `${(100 * v).toFixed(1)}%`);
const num = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toPrecision(4)) : String(v));

/**
 * The Training lab: a small network trained in a worker on a seeded dataset (or the user's
 * points), with play, pause and step; the picture shows its output over the input square, its
 * exact linear regions and the data, refreshed as it trains; charts follow the loss, the accuracy,
 * the region count, each layer's singular values and gradient norms. Settings are the store's
 * (undoable, saved); the weights reach the store on every pause and about once a second while
 * playing, so a saved project reopens on the very same network (replayed from the seeds).
 */
@customElement('hinge-training-lab')
export class TrainingLab extends LabView<TrainingState, TrainingChange, TrainingStore> {
  static override styles = css`
    :host { display: grid; grid-template-columns: minmax(0, 1fr) 352px 300px; height: 100%; min-height: 0; }
    .stage { display: grid; grid-template-rows: auto minmax(0, 1fr) auto; min-height: 0; min-width: 0; }
    .transport { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 10px 14px; border-bottom: 1px solid var(--border); font-size: 13px; }
    .picture { position: relative; min-height: 0; }
    .picture canvas { position: absolute; inset: 0; width: 100%; height: 100%; outline: none; }
    .picture canvas:focus-visible { box-shadow: inset 0 0 0 2px var(--accent); }
    .readouts { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 2px 14px; padding: 8px 14px 12px; border-top: 1px solid var(--border);
      font-family: var(--font-mono); font-size: 12.5px; font-variant-numeric: tabular-nums; }
    .readouts .k { color: var(--muted); font-family: var(--font-ui); }
    .charts { border-left: 1px solid var(--border); overflow-y: auto; padding: 12px 14px 24px; display: grid; align-content: start; gap: 10px; }
    aside { background: var(--panel); border-left: 1px solid var(--border); overflow-y: auto; overflow-x: hidden; padding: 14px 16px 24px; display: grid; grid-template-columns: minmax(0, 1fr); align-content: start; gap: 16px; }
    h1 { font-size: 18px; margin: 0; font-weight: 650; }
    h2 { font-size: 13px; letter-spacing: 0.02em; color: var(--muted); margin: 0 0 8px; font-weight: 600; }
    .lede, .note { color: var(--muted); font-size: 12.5px; margin: 4px 0 0; line-height: 1.45; }
    .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; font-size: 13px; }
    .grid { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 6px 10px; align-items: center; font-size: 13px; }
    .field { display: grid; gap: 2px; min-width: 0; }
    input[type='number'], input[type='text'] { width: 100%; box-sizing: border-box; min-width: 0; font: 13px var(--font-mono); background: var(--field); color: var(--text);
      border: 1px solid var(--border); border-radius: 4px; padding: 4px 6px; }
    input[type='number'].short { width: 84px; }
    input[aria-invalid='true'] { border-color: var(--error); background: var(--error-bg); }
    button, select { font: inherit; font-size: 12.5px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 5px 9px; cursor: pointer; }
    select { width: 100%; min-width: 0; }
    button.primary { background: var(--accent); color: var(--on-accent); border-color: transparent; min-width: 64px; }
    button:focus-visible, select:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
    .error { color: var(--error); font-size: 12px; grid-column: 1 / -1; }
    .metric { display: flex; gap: 8px; align-items: center; font-size: 12.5px; color: var(--muted); }
    .metric select { width: auto; }
    .picture { grid-row: 2; grid-column: 1; }
    .cells3d { grid-row: 2; grid-column: 1; position: relative; min-height: 0; min-width: 0; }
    .cells3d[hidden] { display: none; }
    .cells-controls { display: contents; }
    .transport input[type='range'] { width: 80px; vertical-align: middle; }
  `;

  @state() private playing = false;
  @state() private stepsPerSecond = 0;
  @state() private stepsPerFrame = 20;
  @state() private history: HistoryPoint[] = [];
  @state() private metric: SpectrumMetric = 'sigmaMax';
  @state() private errors: FieldErrors = {};
  @state() private notice = '';
  @state() private handoffLayer = 0;
  @state() private last: RunSnapshot | undefined;

  #client: TrainingWorkerClient | undefined;
  /** The newest snapshot of the current run, not yet shown perhaps. */
  #latest: RunSnapshot | undefined;
  /** Every snapshot's numbers (the charts get a copy at most every CHART_MS). */
  #history: HistoryPoint[] = [];
  #chartsAt = 0;
  #run = 0;
  #lastRecorded = 0;
  #rate: { at: number; step: number } | undefined;
  #frame = 0;
  #resize: ResizeObserver | undefined;
  #dataKey: unknown;
  #data: Dataset | undefined;

  /** The 3D cells of 3-input data (training-cells.ts). */
  readonly #cells = new TrainingCells(this, (container, build) => this.addScene(container, build), () => ({
    data: this.#dataset(), activation: this.state.activation, snapshot: this.last, radius: VIEW_RADIUS,
  }));

  /** "Export video": the regions evolving, replayed in a worker of its own (training-video.ts). */
  readonly #video = new TrainingVideo(this, () => ({
    setup: trainingSetup(this.state),
    current: { step: this.last?.step ?? this.state.step, net: (this.last?.net ?? this.state.net) as ReluNet },
    snapshotOptions: snapshotOptionsFor(this.state.activation, dataInputs(this.state.data), VIEW_RADIUS),
    theme: this.theme,
    picture: (({ net: _n, regions: _r, ...rest }) => rest)(this.#pictureInput()),
    box: this.renderRoot.querySelector<HTMLElement>('.picture')!,
  }), this.#cells);

  constructor() {
    super('training', (initial) => new TrainingStore(initial));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#client ??= startTrainingWorker((snapshot) => this.#onSnapshot(snapshot));
    void this.#startRun();
  }

  override disconnectedCallback(): void {
    this.#client?.dispose();
    this.#client = undefined;
    this.#resize?.disconnect();
    cancelAnimationFrame(this.#frame);
    this.playing = false;
    super.disconnectedCallback();
  }

  protected override firstUpdated(): void {
    const box = this.renderRoot.querySelector('.picture')!;
    this.#resize = new ResizeObserver(() => this.#requestDraw());
    this.#resize.observe(box);
  }

  protected stateChanged(change: LabChange<TrainingChange>): void {
    if (change === 'weightsTrained') return;
    if (change === STATE_REPLACED || change === 'dataChanged' || change === 'modelChanged' || change === 'optimizerChanged') {
      this.errors = {};
      void this.#startRun();
      this.#cells.rebuild();
    }
  }

  protected override themeChanged(): void {
    super.themeChanged();
    this.#requestDraw();
  }

  /** The points of the current data (made again only when the data settings change). */
  #dataset(): Dataset {
    if (this.#dataKey !== this.state.data || !this.#data) {
      this.#data = loadTrainingData(trainingSetup(this.state).data);
      this.#dataKey = this.state.data;
    }
    return this.#data;
  }

  /** The run being set up in the worker; controls wait for it (see #control). */
  #starting: Promise<void> = Promise.resolve();

  /** A new run in the worker for the store's state: its settings, replayed to its step and checked against its weights. */
  #startRun(): Promise<void> {
    this.#starting = this.#setUpRun();
    return this.#starting;
  }

  async #setUpRun(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    const run = ++this.#run;
    const s = this.state;
    this.history = [];
    this.#history = [];
    this.#latest = undefined;
    this.last = undefined;
    this.#rate = undefined;
    this.playing = false;
    const d = dataInputs(s.data);
    try {
      await client.setSpeed(this.stepsPerFrame);
      await client.setSnapshotOptions(snapshotOptionsFor(s.activation, d, VIEW_RADIUS));
      const exact = await client.restore(trainingSetup(s), s.step, s.net as ReluNet, run);
      if (run !== this.#run) return;
      if (exact) this.notice = '';
      else if (s.step === 0) this.notice = 'This network starts from weights of its own (not the seeded ones); Reset returns to them.';
      else this.notice = `The saved weights are not what ${s.step} steps from the seeds give (a file from another build, or edited): training goes on from the saved weights with a fresh optimiser, counting from step 0.`;
    } catch (error) {
      if (run === this.#run) this.notice = (error as Error).message;
    }
  }

  /**
   * A snapshot from the worker: kept, and shown at the next animation frame (several arriving
   * within one frame are drawn once, the older ones dropped); the charts follow at most every
   * CHART_MS, so the page stays responsive however fast the worker posts.
   */
  #onSnapshot(snapshot: RunSnapshot): void {
    if (snapshot.run !== this.#run) return;
    this.#latest = snapshot;
    this.#history = appendHistory(this.#history, snapshot);
    const now = performance.now();
    if (!snapshot.playing || now - this.#lastRecorded >= RECORD_MS) {
      this.#lastRecorded = now;
      if (snapshot.step !== this.state.step || !snapshot.playing) this.store.recordProgress(snapshot.step, snapshot.net);
    }
    this.#requestDraw();
  }

  /** Brings the readouts, the picture and (throttled) the charts up to the latest snapshot. */
  #show(now: number): void {
    const snapshot = this.#latest;
    if (!snapshot || snapshot === this.last) return;
    this.last = snapshot;
    this.playing = snapshot.playing;
    if (snapshot.playing) {
      if (!this.#rate) this.#rate = { at: now, step: snapshot.step };
      else if (now - this.#rate.at >= 500) {
        this.stepsPerSecond = ((snapshot.step - this.#rate.step) * 1000) / (now - this.#rate.at);
        this.#rate = { at: now, step: snapshot.step };
      }
    } else {
      this.#rate = undefined;
      this.stepsPerSecond = 0;
    }
    if (snapshot.diverged) this.notice = `Training diverged at step ${snapshot.diverged.step}: ${snapshot.diverged.message} The last finite weights are kept; lower the learning rate or the init scale and reset.`;
    if (!snapshot.playing || now - this.#chartsAt >= CHART_MS) {
      this.#chartsAt = now;
      this.history = this.#history;
    }
  }

  /**
   * Draws at the next animation frame; while training plays, at most every PLAYING_FRAME_MS (the
   * worker keeps training meanwhile, and the page keeps time for the user's clicks and typing).
   */
  #requestDraw(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame((now) => {
      this.#frame = 0;
      if (this.#latest?.playing && now - this.#drawnAt < PLAYING_FRAME_MS) {
        this.#requestDraw();
        return;
      }
      this.#drawnAt = now;
      this.#show(now);
      this.#draw();
      this.#cells.show(this.last);
    });
  }

  #drawnAt = 0;

  /** What the picture shows now: the latest snapshot's network and regions, else the store's. */
  #pictureInput() {
    const s = this.state;
    const snap = this.last;
    return {
      net: (snap?.net ?? s.net) as ReluNet,
      activation: s.activation,
      leak: s.leak,
      loss: s.loss,
      data: this.#dataset(),
      regions: snap?.regions as PackedRegions | undefined,
      radius: VIEW_RADIUS,
    };
  }

  #draw(): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('.picture canvas');
    if (!canvas) return;
    const { width, height } = canvas.getBoundingClientRect();
    if (width < 10 || height < 10) return;
    const ratio = window.devicePixelRatio || 1;
    const w = Math.round(width * ratio);
    const h = Math.round(height * ratio);
    if (canvas.width !== w || canvas.height !== h) [canvas.width, canvas.height] = [w, h];
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawPicture(ctx, width, height, this.#pictureInput(), this.theme);
    this.#drawn += 1;
  }

  #drawn = 0;

  /** Pictures drawn (tests wait on it). */
  override get framesDrawn(): number {
    return this.#cells.active ? this.#cells.scene.framesDrawn : this.#drawn;
  }

  /** The picture as a PNG at `scale`× its pixels, in `look`. */
  override async exportPng(scale: number, look: ExportLook | 'theme' = 'theme'): Promise<{ bytes: Uint8Array; width: number; height: number; tiles: number }> {
    if (this.#cells.active) return super.exportPng(scale, look);
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('.picture canvas');
    if (!canvas) throw new Error('The picture is not ready yet.');
    const { width: cssWidth, height: cssHeight } = canvas.getBoundingClientRect();
    const ratio = (window.devicePixelRatio || 1) * scale;
    const width = Math.round(cssWidth * ratio);
    const height = Math.round(cssHeight * ratio);
    const off = new OffscreenCanvas(width, height);
    const ctx = off.getContext('2d')!;
    ctx.scale(ratio, ratio);
    drawPicture(ctx, cssWidth, cssHeight, this.#pictureInput(), look === 'theme' ? this.theme : look);
    const blob = await off.convertToBlob({ type: 'image/png' });
    return { bytes: new Uint8Array(await blob.arrayBuffer()), width, height, tiles: 1 };
  }

  readonly #exporter = (scale: number, look: ExportLook | 'theme') => this.exportPng(scale, look);

  /**
   * A control (step, play, reset, speed) for the run shown. It waits for the run being set up, so
   * a Step pressed while the lab opens steps that run (sent before the run's restore, it was
   * undone by it and the click was lost).
   */
  async #control(f: (client: TrainingWorkerClient) => Promise<void>): Promise<void> {
    await this.#starting;
    const client = this.#client;
    if (!client) return;
    try {
      await f(client);
    } catch (error) {
      this.notice = (error as Error).message;
    }
  }

  #togglePlay(): void {
    void this.#control((c) => (this.playing ? c.pause() : c.play()));
  }

  #reset(): void {
    this.notice = '';
    void this.#control((c) => c.reset());
  }

  #setSpeed(value: string): void {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 1000) {
      this.errors = { ...this.errors, speed: `Steps per frame must be a whole number from 1 to 1000, not “${value}”.` };
      return;
    }
    this.errors = { ...this.errors, speed: '' };
    this.stepsPerFrame = n;
    void this.#control((c) => c.setSpeed(n));
  }

  #onKey(event: KeyboardEvent): void {
    const target = event.composedPath()[0] as HTMLElement;
    if (target.matches?.('input, select, textarea')) return;
    if (event.key === ' ' || event.key === 'k') {
      event.preventDefault();
      this.#togglePlay();
    } else if (event.key === '.' || event.key === 'ArrowRight') {
      event.preventDefault();
      void this.#control((c) => c.step(1));
    }
  }

  /** Applies a store action, showing a refused value at its field (the state stays as it was). */
  readonly #apply = (field: string, action: () => void): void => {
    try {
      action();
      this.errors = { ...this.errors, [field]: '' };
    } catch (error) {
      if (!(error instanceof LabStateError) && !(error instanceof RangeError)) throw error;
      this.errors = { ...this.errors, [field]: error instanceof LabStateError ? `${error.path}: ${error.reason}` : error.message };
    }
  };

  readonly #importCsv = async (file: File, task: 'classification' | 'regression'): Promise<void> => {
    try {
      const points = parsePointsCsv(await file.text(), task);
      this.#apply('csv', () => this.store.setPoints(points, task));
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      this.errors = { ...this.errors, csv: `${file.name}: ${error.message}` };
    }
  };

  #handoffs() {
    const layers = this.state.net.weights.length;
    const layer = Math.min(this.handoffLayer, layers - 1);
    const net = (this.last?.net ?? this.state.net) as ReluNet;
    const step = this.last?.step ?? this.state.step;
    const relu = this.state.activation === 'relu' || this.state.activation === 'leaky-relu';
    return html`<section aria-labelledby="handoff-h">
      <h2 id="handoff-h">Open in another lab</h2>
      <div class="row">
        <button data-testid="open-regions" ?disabled=${!relu} title=${relu ? 'Open the current network in the Regions lab (exact regions, editable neurons)' : 'Only ReLU and leaky ReLU networks have linear regions'}
          @click=${() => void openInRegions(net, this.state.hidden, this.state.activation === 'leaky-relu', dataInputs(this.state.data))}>Regions</button>
        <select aria-label="Layer to open" title="The weight matrix to open" data-testid="handoff-layer" style="width:auto" @change=${(e: Event) => (this.handoffLayer = Number((e.target as HTMLSelectElement).value))}>
          ${Array.from({ length: layers }, (_, l) => html`<option value=${l} ?selected=${l === layer}>${layerName(l, layers)} (${net.weights[l]!.length}×${net.weights[l]![0]!.length})</option>`)}
        </select>
        <button data-testid="open-svd" title="This layer's W in the SVD lab: its singular values" @click=${() => void openInSvd(net, layer, step)}>SVD</button>
        <button data-testid="open-gradients" title="This layer's W in the Gradients lab: how Wᵀ carries a gradient back" @click=${() => void openInGradients(net, layer, step)}>Gradients</button>
      </div>
    </section>`;
  }

  #readouts() {
    const snap = this.last;
    const s = this.state;
    const relu = s.activation === 'relu' || s.activation === 'leaky-relu';
    const spectra = snap?.spectra ?? [];
    return html`<div class="readouts" aria-live="off">
      <span><span class="k">step</span> <b data-testid="train-step-count">${snap?.step ?? s.step}</b></span>
      <span><span class="k">steps/s</span> <span data-testid="steps-per-second">${this.playing ? Math.round(this.stepsPerSecond) : '—'}</span></span>
      <span><span class="k">train loss</span> <span data-testid="train-loss">${snap ? num(snap.trainLoss) : '—'}</span></span>
      <span><span class="k">test loss</span> <span data-testid="test-loss">${snap ? num(snap.testLoss) : '—'}</span></span>
      ${snap?.trainAccuracy === undefined ? nothing : html`
        <span><span class="k">train acc.</span> <span data-testid="train-accuracy" data-value=${snap.trainAccuracy}>${pct(snap.trainAccuracy)}</span></span>
        <span><span class="k">test acc.</span> <span data-testid="test-accuracy" data-value=${String(snap.testAccuracy)}>${pct(snap.testAccuracy)}</span></span>`}
      <span><span class="k">${dataInputs(s.data) === 3 ? 'regions (cube)' : 'regions (square)'}</span> <span data-testid="region-count" data-value=${String(snap?.regionCount ?? '')}>${relu ? (snap?.regionCount ?? '—') : 'none: smooth'}</span></span>
      ${spectra.length ? html`<span><span class="k">${METRIC_NAMES[this.metric]} of W₁</span> <span>${num(spectra[0]![this.metric])}</span></span>` : nothing}
    </div>`;
  }

  override render() {
    const s = this.state;
    const relu = s.activation === 'relu' || s.activation === 'leaky-relu';
    return html`
      <div class="stage" @keydown=${this.#onKey}>
        <div class="transport">
          <button class="primary" data-testid="train-play" aria-pressed=${this.playing ? 'true' : 'false'} title="Play or pause training (Space)" @click=${this.#togglePlay}>${this.playing ? 'Pause' : 'Play'}</button>
          <button data-testid="train-step" title="One step, paused (. or →)" @click=${() => void this.#control((c) => c.step(1))}>Step</button>
          <button data-testid="train-reset" title="Back to the seeded network at step 0" @click=${this.#reset}>Reset</button>
          <label title="Optimiser steps the worker takes per frame (about 60 frames a second, fewer when the regions take long)">steps per frame
            <input class="short" type="number" min="1" max="1000" step="1" data-testid="train-speed" .value=${String(this.stepsPerFrame)}
              aria-invalid=${this.errors.speed ? 'true' : 'false'} @change=${(e: Event) => this.#setSpeed((e.target as HTMLInputElement).value)} /></label>
          ${this.errors.speed ? html`<span class="error" role="alert">${this.errors.speed}</span>` : nothing}
          ${this.#cells.controls()}
        </div>
        <div class="picture" data-testid="training-stage">
          <canvas tabindex="0" role="img" ?hidden=${this.#cells.active} aria-label=${`The network's output over the input square${relu ? ', its exact linear regions' : ''} and the data`}></canvas>
        </div>
        ${this.#cells.stage()}
        ${this.#readouts()}
      </div>
      <div class="charts">
        <div class="metric"><label for="metric">Per-layer chart shows</label>
          <select id="metric" data-testid="spectrum-metric" @change=${(e: Event) => (this.metric = (e.target as HTMLSelectElement).value as SpectrumMetric)}>
            ${SPECTRUM_METRICS.map((m) => html`<option value=${m} ?selected=${m === this.metric}>${METRIC_NAMES[m]}</option>`)}
          </select></div>
        <hinge-training-charts .history=${this.history} .metric=${this.metric} ?regions=${relu} ?classification=${!isRegression(s.data)}
          .colors=${{ train: scenePalette(this.theme).output, test: scenePalette(this.theme).input }}></hinge-training-charts>
      </div>
      <aside>
        <header>
          <h1>Training</h1>
          <p class="lede">Gradient descent moves every weight a little each step. Watch the boundary bend, the linear regions multiply and each layer's singular values and gradients change as the network learns.</p>
        </header>
        ${this.notice ? html`<p class="error" role="alert" data-testid="training-notice">${this.notice}</p>` : nothing}
        ${settingsPanel(s, this.store, this.errors, this.#apply, this.#importCsv)}
        <section aria-labelledby="dw-h">
          <h2 id="dw-h">Depth against width</h2>
          <hinge-depth-width .setup=${trainingSetup(s)} ?regions=${relu} deepColor=${scenePalette(this.theme).output} wideColor=${scenePalette(this.theme).input}></hinge-depth-width>
        </section>
        <section aria-labelledby="ft-h">
          <h2 id="ft-h">Fine-tune: LoRA against full</h2>
          <hinge-training-finetune .setup=${trainingSetup(s)} .net=${(this.last?.net ?? s.net) as ReluNet} step=${this.last?.step ?? s.step}
            fullColor=${scenePalette(this.theme).output} loraColor=${scenePalette(this.theme).input}></hinge-training-finetune>
        </section>
        ${this.#handoffs()}
        <section aria-labelledby="export-h">
          <h2 id="export-h">Export</h2>
          ${this.#video.controls()}
          <hinge-export-panel .exporter=${this.#exporter} .videoExporter=${this.#video.exporter} baseName="hinge-training"></hinge-export-panel>
        </section>
      </aside>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-training-lab': TrainingLab;
  }
}
