import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { formatNumber } from '../../../src/layer/index.js';
import { INIT_SCHEMES, initNetwork, linearRegionsPacked, parseNetwork, type PackedRegions, type ReluNet } from '../../../src/regions/index.js';
import '../../components/export-panel.js';
import { downloadBlob } from '../../host/download.js';
import { katexStyles, tex } from '../../components/tex.js';
import { SceneController } from '../../scene/scene-controller.js';
import { scenePalette, type ExportLook, type ThemeName } from '../../theme.js';
import { JobCanceled, type WorkerJob } from '../../workers/worker-job.js';
import { startRegions } from '../../workers/regions-client.js';
import { LAYER_COLORS } from './boundary-layers.js';
import './regions-compare.js';
import { RegionsScene } from './regions-scene.js';
import { RegionsStore, type RegionsChange, type RegionsState } from './regions-store.js';

const f3 = (v: number) => formatNumber(v, 3);

function initialState(): RegionsState {
  const hidden = [16, 16];
  return {
    inputs: 2, hidden, init: 'he', seed: 1, leaky: false, net: initNetwork({ inputs: 2, hidden, init: 'he', seed: 1 }),
    radius: 2, coloring: 'region', surface: false, explode: 0, opacity: 0.55, sliceOn: false, sliceAt: 0, selected: undefined,
  };
}

/** Parses "16, 16" into hidden widths: 1–8 layers of 1–64 neurons. */
export function parseWidths(text: string): number[] {
  const parts = text.split(/[\s,→x×]+/).filter(Boolean);
  if (parts.length < 1 || parts.length > 8) throw new Error('Give 1 to 8 hidden layers, e.g. 16, 16.');
  return parts.map((p, i) => {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`Layer ${i + 1}: "${p}" is not a width from 1 to 64.`);
    return n;
  });
}

/** The first `layers` hidden layers of `net` with a zero output: its regions are the partition after layer `layers`. */
export function truncateNetwork(net: ReluNet, layers: number): ReluNet {
  const hidden = net.weights.length - 1;
  if (layers >= hidden) return net;
  const width = net.weights[layers - 1]!.length;
  return { ...net, weights: [...net.weights.slice(0, layers), [new Array(width).fill(0)]], biases: [...net.biases.slice(0, layers), [0]] };
}

/** The network restricted to the plane x₃ = z: a 2-input network with the same regions there. */
export function sliceNetwork(net: ReluNet, z: number): ReluNet {
  const [first, ...rest] = net.weights;
  return {
    ...net,
    weights: [first!.map((row) => [row[0]!, row[1]!]), ...rest],
    biases: [net.biases[0]!.map((b, i) => b + first![i]![2]! * z), ...net.biases.slice(1)],
  };
}

/**
 * The Regions lab: the exact linear regions of a ReLU network with 2 or 3 inputs — polygons or
 * polyhedral cells, the output surface, a slicing plane, per-layer counts — and why depth beats width.
 */
@customElement('hinge-regions-lab')
export class RegionsLab extends LitElement {
  static override styles = [
    katexStyles,
    css`
      :host { display: grid; grid-template-columns: minmax(0, 1fr) 392px; height: 100%; }
      .stage { position: relative; min-height: 0; }
      .canvas { position: absolute; inset: 0; outline: none; }
      .badge { position: absolute; left: 12px; top: 12px; background: color-mix(in srgb, var(--panel) 88%, transparent); border: 1px solid var(--border);
        border-radius: var(--radius); padding: 8px 12px; font-size: 13px; pointer-events: none; display: grid; gap: 2px; }
      .badge b { font-size: 18px; }
      aside { background: var(--panel); border-left: 1px solid var(--border); overflow-y: auto; overflow-x: hidden; padding: 14px 16px 24px; display: grid; grid-template-columns: minmax(0, 1fr); align-content: start; gap: 18px; }
      h1 { font-size: 18px; margin: 0; font-weight: 650; }
      h2 { font-size: 13px; color: var(--muted); margin: 0 0 8px; font-weight: 600; }
      .lede, .note { color: var(--muted); font-size: 13px; margin: 4px 0 0; line-height: 1.45; }
      .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; font-size: 13px; margin-top: 6px; }
      input[type='text'], input[type='number'] { font: 13px var(--font-mono); background: var(--field); color: var(--text); border: 1px solid var(--border); border-radius: 4px; padding: 4px 6px; width: 110px; }
      input[type='number'] { width: 64px; }
      input[aria-invalid='true'] { border-color: var(--error); background: var(--error-bg); }
      input[type='range'] { flex: 1; accent-color: var(--accent); }
      select, button { font: inherit; font-size: 12.5px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 5px 8px; cursor: pointer; }
      button[aria-pressed='true'] { background: var(--accent); color: #fff; border-color: transparent; }
      button:focus-visible, select:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
      .error { color: var(--error); font-size: 12.5px; margin-top: 4px; }
      .plain { font-family: var(--font-mono); font-size: 12.5px; line-height: 1.6; overflow-wrap: anywhere; }
      progress { flex: 1; accent-color: var(--accent); }
      .math { overflow-x: auto; overflow-y: hidden; }
    `,
  ];

  @property() theme: ThemeName = 'dark';
  @state() private regions: RegionsState;
  @state() private packed: PackedRegions | undefined;
  @state() private progress: number | undefined;
  @state() private networkError = '';
  @state() private fileError = '';
  @query('.canvas') private canvasBox!: HTMLElement;

  readonly store = new RegionsStore(initialState());
  readonly #scenes = new SceneController(this);
  #scene: RegionsScene | undefined;
  #slice: PackedRegions | undefined;
  #job: WorkerJob<PackedRegions> | undefined;
  #widthsText = '16, 16';
  /** How many hidden layers' cuts are shown (all by default). */
  @state() private layersShown = 0;
  /** Colour boundaries by the layer that drew them. */
  @state() private byLayer = false;

  constructor() {
    super();
    this.regions = this.store.state;
    this.store.addEventListener('changed', (e) => this.#onChanged((e as CustomEvent<RegionsChange>).detail));
  }

  get framesDrawn(): number {
    return this.#scenes.framesDrawn;
  }

  #onChanged(change: RegionsChange): void {
    this.regions = this.store.state;
    if (change === 'networkChanged') {
      this.layersShown = 0;
      this.#compute();
    }
    else {
      if (change === 'sliceChanged') this.#computeSlice();
      this.#rebuildScene();
    }
  }

  protected override firstUpdated(): void {
    this.#scenes.attach(this.canvasBox);
    this.#compute();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('theme') && changed.get('theme') !== undefined) this.#rebuildScene();
  }

  override disconnectedCallback(): void {
    this.#job?.cancel();
    super.disconnectedCallback();
  }

  #box() {
    const { inputs, radius } = this.regions;
    return { min: new Array(inputs).fill(-radius), max: new Array(inputs).fill(radius) };
  }

  #compute(): void {
    this.#job?.cancel();
    const s = this.regions;
    this.progress = 0;
    const hidden = s.net.weights.length - 1;
    const shown = this.layersShown > 0 && this.layersShown < hidden ? this.layersShown : hidden;
    const job = startRegions(truncateNetwork(s.net, shown), this.#box(), (fraction) => {
      if (this.#job === job) this.progress = fraction;
    });
    this.#job = job;
    job.result.then(
      (packed) => {
        if (this.#job !== job) return;
        this.packed = packed;
        this.progress = undefined;
        this.networkError = '';
        this.#computeSlice();
        this.#rebuildScene();
      },
      (error: Error) => {
        if (this.#job !== job) return;
        this.progress = undefined;
        if (!(error instanceof JobCanceled)) this.networkError = error.message;
      },
    );
  }

  #computeSlice(): void {
    const s = this.regions;
    this.#slice = s.inputs === 3 && s.sliceOn
      ? linearRegionsPacked(sliceNetwork(truncateNetwork(s.net, this.layersShown || s.net.weights.length - 1), s.sliceAt), { min: [-s.radius, -s.radius], max: [s.radius, s.radius] })
      : undefined;
  }

  #rebuildScene(look: ExportLook = this.theme): void {
    const canvas = this.#scenes.canvas;
    const packed = this.packed;
    if (!canvas || !packed) return;
    const s = this.regions;
    const scene = new RegionsScene(
      {
        packed, radius: s.radius, coloring: s.coloring, surface: s.inputs === 2 && s.surface, explode: s.explode, opacity: s.opacity,
        slice: this.#slice ? { at: s.sliceAt, packed: this.#slice } : undefined, selected: s.selected, dark: look === 'dark',
        layerBoundaries: this.byLayer ? { net: truncateNetwork(s.net, this.layersShown || s.hidden.length), hidden: s.hidden } : undefined,
      },
      scenePalette(look), canvas, () => this.#scenes.requestRender(),
    );
    this.#scene = scene;
    this.#scenes.setView(scene);
  }

  exportPng(scale: number, look: ExportLook | 'theme' = 'theme', maxTile?: number) {
    return this.#scenes.exportPngInLook(scale, look, this.theme, (l) => this.#rebuildScene(l), maxTile);
  }

  readonly #exporter = (scale: number, look: ExportLook | 'theme') => this.exportPng(scale, look);

  // ---- network ---------------------------------------------------------------------------------

  #reinit(patch: Partial<Pick<RegionsState, 'inputs' | 'init' | 'seed' | 'leaky'>> & { hidden?: number[] }): void {
    const s = { ...this.regions, ...patch };
    const net = initNetwork({ inputs: s.inputs, hidden: [...s.hidden], init: s.init, seed: s.seed, ...(s.leaky ? { leak: 0.1 } : {}) });
    this.store.setNetwork({ ...patch, net });
  }

  #widthsChanged(text: string): void {
    this.#widthsText = text;
    try {
      const hidden = parseWidths(text);
      this.networkError = '';
      this.#reinit({ hidden });
    } catch (error) {
      this.networkError = (error as Error).message;
    }
  }

  #saveJson(): void {
    const blob = new Blob([JSON.stringify(this.regions.net, null, 1)], { type: 'application/json' });
    downloadBlob(blob, `hinge-network-${this.regions.inputs}-${this.regions.hidden.join('-')}.json`);
  }

  async #loadJson(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      if (file.size > 8 * 1024 * 1024) throw new Error('That file is over 8 MB; a network of at most 8 layers of 64 neurons is far smaller.');
      const net = parseNetwork(JSON.parse(await file.text()));
      const hidden = net.weights.slice(0, -1).map((layer) => layer.length);
      this.fileError = '';
      this.#widthsText = hidden.join(', ');
      this.store.setNetwork({ net, inputs: net.weights[0]![0]!.length as 2 | 3, hidden, leaky: (net.leak ?? 0) > 0 });
    } catch (error) {
      this.fileError = `Could not load ${file.name}: ${(error as Error).message}`;
    }
  }

  #saveCsv(): void {
    const p = this.packed;
    if (!p) return;
    const d = p.dim;
    const header = ['region', 'pattern', d === 2 ? 'area' : 'volume', ...Array.from({ length: d }, (_, k) => `A${k + 1}`), 'c', ...Array.from({ length: d }, (_, k) => `centroid${k + 1}`)];
    const lines = [header.join(',')];
    for (let i = 0; i < p.count; i++) {
      const pattern = Array.from(p.patterns.subarray(i * p.hidden, (i + 1) * p.hidden)).join('');
      lines.push([i, pattern, p.measures[i], ...p.gradients.subarray(i * d, (i + 1) * d), p.constants[i], ...p.interiors.subarray(i * d, (i + 1) * d)].join(','));
    }
    downloadBlob(new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }), 'hinge-regions.csv');
  }

  #onClick(event: MouseEvent): void {
    const scene = this.#scene;
    if (!scene) return;
    const rect = this.canvasBox.getBoundingClientRect();
    const region = scene.regionAt(event.clientX - rect.left, event.clientY - rect.top, rect.width, rect.height);
    this.store.select(region);
  }

  // ---- rendering ---------------------------------------------------------------------------------

  #selection() {
    const p = this.packed;
    const i = this.regions.selected;
    if (!p || i === undefined || i >= p.count) return html`<div class="note">Click a region to read its activation pattern, its ${this.regions.inputs === 2 ? 'area' : 'volume'} and the affine map the network computes on it.</div>`;
    const d = p.dim;
    const bits = p.patterns.subarray(i * p.hidden, (i + 1) * p.hidden);
    let offset = 0;
    const layers = this.regions.hidden.slice(0, this.layersShown || this.regions.hidden.length).map((w) => {
      const part = Array.from(bits.subarray(offset, offset + w)).join('');
      offset += w;
      return part;
    });
    const A = Array.from(p.gradients.subarray(i * d, (i + 1) * d));
    const terms = A.map((a, k) => `${f3(a)}\\,x_{${k + 1}}`).join(' + ').replace(/\+ -/g, '- ');
    return html`<div data-testid="region-info" data-region=${i} data-pattern=${layers.join('|')}>
      <div class="plain">region ${i + 1} of ${p.count}</div>
      <div class="plain">pattern ${layers.map((l, k) => html`<div>layer ${k + 1}: ${l}</div>`)}</div>
      <div class="plain">${d === 2 ? 'area' : 'volume'} ${f3(p.measures[i]!)}</div>
      <div class="math">${tex(`f(\\mathbf{x}) = ${terms} + ${f3(p.constants[i]!)}`.replace('+ -', '- '), true)}</div>
    </div>`;
  }

  override render() {
    const s = this.regions;
    const p = this.packed;
    return html`
      <div class="stage">
        <div class="canvas" data-testid="stage" tabindex="0" role="img" @click=${this.#onClick}
          aria-label=${`Linear regions of a ${s.inputs}-input ReLU network${p ? `: ${p.count} regions` : ''}. Click a region to inspect it.`}></div>
        <div class="badge" aria-live="polite">
          ${p ? html`<span><b data-testid="region-count">${p.count}</b> linear regions</span>
            <span class="plain">after each layer: ${p.stats.regionsPerLayer.join(' → ')}</span>` : html`<span>Counting…</span>`}
        </div>
      </div>
      <aside aria-label="Regions controls">
        <div>
          <h1>Linear regions</h1>
          <p class="lede">A ReLU network is an affine map on each of many convex pieces of its input space. Each neuron of the first layer cuts space with a ${s.inputs === 2 ? 'line' : 'plane'}; each later layer cuts every piece again along bent boundaries, so the pieces multiply with depth.</p>
        </div>
        <section>
          <h2>Network</h2>
          <div class="row">inputs
            ${([2, 3] as const).map((n) => html`<button aria-pressed=${s.inputs === n ? 'true' : 'false'} data-testid=${`inputs-${n}`} title=${`${n} inputs`} @click=${() => this.#reinit({ inputs: n })}>${n}</button>`)}
          </div>
          <label class="row" title="Widths of the hidden layers, 1–8 layers of 1–64 neurons">hidden layers
            <input type="text" data-testid="widths" aria-label="Hidden layer widths" .value=${this.#widthsText} aria-invalid=${this.networkError ? 'true' : 'false'}
              @change=${(e: Event) => this.#widthsChanged((e.target as HTMLInputElement).value)} /></label>
          <div class="row">
            <label>init <select aria-label="Initialisation" @change=${(e: Event) => this.#reinit({ init: (e.target as HTMLSelectElement).value as RegionsState['init'] })}>
              ${INIT_SCHEMES.map((k) => html`<option value=${k} ?selected=${k === s.init}>${k === 'he' ? 'He' : k === 'glorot' ? 'Glorot' : 'PyTorch default'}</option>`)}</select></label>
            <label>seed <input type="number" min="0" step="1" aria-label="Seed" .value=${String(s.seed)} @change=${(e: Event) => this.#reinit({ seed: Math.max(0, Math.floor(Number((e.target as HTMLInputElement).value) || 0)) })} /></label>
            <label><input type="checkbox" .checked=${s.leaky} @change=${(e: Event) => this.#reinit({ leaky: (e.target as HTMLInputElement).checked })} /> leaky ReLU</label>
          </div>
          ${this.networkError ? html`<div class="error" role="alert" data-testid="network-error">${this.networkError}</div>` : nothing}
          ${this.progress !== undefined ? html`<div class="row"><progress max="1" .value=${this.progress} aria-label="Progress"></progress>
            <button @click=${() => this.#job?.cancel()} title="Stop counting">Cancel</button></div>` : nothing}
          <div class="row">
            <button @click=${() => this.#saveJson()} title="Download the network's weights as JSON">Save JSON</button>
            <label><button @click=${(e: Event) => ((e.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement).click()} title="Load a network saved as JSON">Load JSON…</button><input type="file" accept=".json,application/json" hidden data-testid="load-json" @change=${this.#loadJson} /></label>
            <button @click=${() => this.#saveCsv()} title="Download every region's pattern, size and affine map as CSV">Regions CSV</button>
          </div>
          ${this.fileError ? html`<div class="error" role="alert">${this.fileError}</div>` : nothing}
        </section>
        <section>
          <h2>View</h2>
          ${this.byLayer ? html`<div class="row" aria-label="Layer colours">${s.hidden.slice(0, this.layersShown || s.hidden.length).map((_, l) => html`<span style=${`color: ${LAYER_COLORS[l % LAYER_COLORS.length]}`}>━ layer ${l + 1}</span>`)}<span style="color: var(--muted)">━ box</span></div>` : nothing}
          <label class="row" title="Show the cuts of the first layers only, to watch each layer fold the pieces made before it">layers shown
            <input type="range" min="1" max=${s.hidden.length} step="1" .value=${String(this.layersShown || s.hidden.length)} aria-label="Layers shown" data-testid="layers-shown"
              @change=${(e: Event) => { this.layersShown = Number((e.target as HTMLInputElement).value); this.#compute(); }} />
            <span class="plain">${this.layersShown || s.hidden.length} of ${s.hidden.length}</span></label>
          <div class="row">colour by
            <select aria-label="Colour by" @change=${(e: Event) => this.store.setView({ coloring: (e.target as HTMLSelectElement).value as RegionsState['coloring'] })}>
              <option value="region" ?selected=${s.coloring === 'region'}>region</option><option value="output" ?selected=${s.coloring === 'output'}>output</option></select>
            <label title="Colour every boundary by the hidden layer that drew it"><input type="checkbox" data-testid="by-layer" .checked=${this.byLayer}
              @change=${(e: Event) => { this.byLayer = (e.target as HTMLInputElement).checked; this.#rebuildScene(); }} /> boundaries by layer</label>
            ${s.inputs === 2 ? html`<label><input type="checkbox" .checked=${s.surface} data-testid="surface" @change=${(e: Event) => this.store.setView({ surface: (e.target as HTMLInputElement).checked })} /> output as a surface</label>` : nothing}
          </div>
          ${s.inputs === 3 ? html`
            <label class="row" title="Move the cells apart to see inside">explode <input type="range" min="0" max="1.5" step="0.05" .value=${String(s.explode)} aria-label="Explode" @change=${(e: Event) => this.store.setView({ explode: Number((e.target as HTMLInputElement).value) })} /></label>
            <label class="row" title="See-through cells">opacity <input type="range" min="0.1" max="1" step="0.05" .value=${String(s.opacity)} aria-label="Opacity" @change=${(e: Event) => this.store.setView({ opacity: Number((e.target as HTMLInputElement).value) })} /></label>
            <label class="row"><input type="checkbox" .checked=${s.sliceOn} data-testid="slice-on" @change=${(e: Event) => this.store.setSlice({ sliceOn: (e.target as HTMLInputElement).checked })} /> slicing plane x₃ =
              <input type="range" min=${-s.radius} max=${s.radius} step="0.01" .value=${String(s.sliceAt)} aria-label="Slicing plane height" data-testid="slice-at"
                @input=${(e: Event) => this.store.setSlice({ sliceAt: Number((e.target as HTMLInputElement).value), sliceOn: true })} /><span class="plain">${s.sliceAt.toFixed(2)}</span></label>
            ${this.#slice ? html`<div class="note" data-testid="slice-count">${this.#slice.count} regions on the slice</div>` : nothing}` : nothing}
        </section>
        <section>
          <h2>Selected region</h2>
          ${this.#selection()}
        </section>
        <section>
          <h2>Depth against width</h2>
          <hinge-regions-compare .dark=${this.theme === 'dark'}></hinge-regions-compare>
        </section>
        <section>
          <h2>Export</h2>
          <hinge-export-panel .exporter=${this.#exporter} baseName="hinge-regions"></hinge-export-panel>
        </section>
      </aside>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-regions-lab': RegionsLab;
  }
}
