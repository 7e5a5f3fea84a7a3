import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { formatNumber } from '../../../src/layer/index.js';
import {
  INIT_SCHEMES, initNetwork, lastCutLayers, lineBreakpoints, linearRegionsPacked, networkOutput, parseNetwork, regionLocator, truncateNetwork, type PackedRegions, type ReluNet,
} from '../../../src/regions/index.js';
import '../../components/export-panel.js';
import { consume } from '@lit/context';
import { hostContext } from '../../app/host-context.js';
import type { Host } from '../../host/host.js';
import { katexStyles, tex } from '../../components/tex.js';
import { STATE_REPLACED } from '../../project/lab-store.js';
import { SceneController } from '../../scene/scene-controller.js';
import { scenePalette, type ExportLook, type ThemeName } from '../../theme.js';
import { CancelledError, type WorkerJob } from '../../workers/worker-job.js';
import { startNeuronBoundary, startRegions, type RegionsResult } from '../../workers/regions-client.js';
import { LAYER_COLORS } from './boundary-layers.js';
import './neuron-editor.js';
import './regions-compare.js';
import { affineTex, affineText, boundaryToggles, cellLayerLegend, lastCutText, lineFields, regionFacts } from './regions-panels.js';
import type { LineOverlay, NeuronOverlay } from './regions-overlay.js';
import { RegionsScene } from './regions-scene.js';
import { parseWidths, regionsCsv, sliceNetwork } from './regions-model.js';
import { initialRegionsState, RegionsStore, type RegionsChange, type RegionsState } from './regions-store.js';
import { regionsStyles } from './regions-styles.js';
import { session } from '../../project/session.js';
import { LabSessionLink } from '../../project/lab-session-link.js';
import { placeLineLabel, StagePointer } from './stage-pointer.js';
import { labPanel } from '../../components/lab-styles.js';

const f3 = (v: number) => formatNumber(v, 3);

/** Where the segment crosses the partition shown: its crossings, the output at each, and the count. */
interface LineInfo extends LineOverlay {
  readonly count: number;
}

/**
 * The Regions lab: the exact linear regions of a ReLU network with 2 or 3 inputs — polygons or
 * polyhedral cells, the output surface, a slicing plane, per-layer counts, one neuron's weights
 * and boundary, a segment and the regions it crosses — and why depth beats width.
 */
@customElement('hinge-regions-lab')
export class RegionsLab extends LitElement {
  static override styles = [katexStyles, ...labPanel, regionsStyles];

  @property() theme: ThemeName = 'dark';
  @state() private regions: RegionsState;
  @state() private packed: PackedRegions | undefined;
  @state() private progress: number | undefined;
  @state() private networkError = '';
  @state() private fileError = '';
  /** The region under the pointer (not state: it goes when the pointer does). */
  @state() private hovered: number | undefined;
  @state() private line: LineInfo | undefined;
  @query('.canvas') private canvasBox!: HTMLElement;
  @query('.hover') private hoverBox: HTMLElement | undefined;
  @query('.line-label') private lineLabel: HTMLElement | undefined;

  @consume({ context: hostContext }) host!: Host;

  /** Kept by the session across visits: leaving the lab loses nothing, and undo reaches it. */
  readonly store = session.storeFor('regions', (initial?: RegionsState) => new RegionsStore(initial ?? initialRegionsState()));
  readonly #scenes = new SceneController(this);
  /** Listens to the store and lends the session this lab's camera while the element is on the page. */
  readonly #link = new LabSessionLink(this, 'regions', this.store, (change) => this.#onChanged(change), [this.#scenes]);
  #scene: RegionsScene | undefined;
  /** Per region of `packed`, the hidden layer that last cut it. */
  #cellLayers: Uint8Array | undefined;
  /** The region of `packed` holding an input point, by the network's pattern there. */
  #locate: ((x: ArrayLike<number>) => number) | undefined;
  #slice: { packed: PackedRegions; cellLayers: Uint8Array } | undefined;
  #job: WorkerJob<RegionsResult> | undefined;
  #neuronJob: WorkerJob<number[][][]> | undefined;
  #neuron: NeuronOverlay | undefined;
  #widthsText = this.store.state.hidden.join(', ');
  readonly #pointer = new StagePointer({
    box: () => this.canvasBox,
    scene: () => this.#scene,
    moveEnd: (end, point) => this.store.setLine({ [end]: point }),
    select: (region) => this.store.select(region),
    hoverChanged: (region) => {
      this.hovered = region;
      this.#scene?.setHovered(region);
      this.#scenes.requestRender();
    },
    tooltip: () => this.hoverBox,
  });

  constructor() {
    super();
    this.regions = this.store.state;
    // Before every frame: the 3D view may have turned, or the segment moved.
    this.#scenes.onFrame = () => {
      if (this.lineLabel && this.#scene) placeLineLabel(this.lineLabel, this.#scene, this.canvasBox.clientWidth, this.canvasBox.clientHeight);
    };
  }

  get framesDrawn(): number {
    return this.#scenes.framesDrawn;
  }

  #onChanged(change: RegionsChange): void {
    this.regions = this.store.state;
    switch (change) {
      case STATE_REPLACED:
        this.#widthsText = this.regions.hidden.join(', ');
        this.#compute();
        this.#computeNeuron();
        break;
      case 'networkChanged':
        this.#compute();
        this.#computeNeuron();
        break;
      case 'layersShownChanged':
        this.#compute();
        break;
      case 'neuronPicked':
        this.#computeNeuron();
        break;
      case 'lineChanged':
        this.#computeLine();
        this.#scene?.setLine(this.line);
        this.#scenes.requestRender();
        break;
      case 'sliceChanged':
        this.#computeSlice();
        this.#rebuildScene();
        break;
      default:
        this.#rebuildScene();
    }
  }

  protected override firstUpdated(): void {
    this.#scenes.attach(this.canvasBox);
    this.#compute();
    this.#computeNeuron();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('theme') && changed.get('theme') !== undefined) this.#rebuildScene();
    // A tooltip just rendered takes its place beside the pointer.
    this.#pointer.placeTooltip();
  }

  override disconnectedCallback(): void {
    this.#job?.cancel();
    this.#neuronJob?.cancel();
    this.#pointer.dispose();
    super.disconnectedCallback();
  }

  #box() {
    const { inputs, radius } = this.regions;
    return { min: new Array(inputs).fill(-radius), max: new Array(inputs).fill(radius) };
  }

  /** How many hidden layers the partition shows, and the network cut to them. */
  #shown(): { layers: number; net: ReluNet; widths: number[] } {
    const s = this.regions;
    const hidden = s.net.weights.length - 1;
    const layers = s.layersShown > 0 && s.layersShown < hidden ? s.layersShown : hidden;
    return { layers, net: truncateNetwork(s.net, layers), widths: s.net.weights.slice(0, layers).map((w) => w.length) };
  }

  #compute(): void {
    this.#job?.cancel();
    this.progress = 0;
    const job = startRegions(this.#shown().net, this.#box(), (fraction) => {
      if (this.#job === job) this.progress = fraction;
    });
    this.#job = job;
    job.result.then(
      ({ packed, cellLayers }) => {
        if (this.#job !== job) return;
        this.packed = packed;
        this.#cellLayers = cellLayers;
        this.#locate = regionLocator(this.#shown().net, packed, this.#box());
        this.progress = undefined;
        this.networkError = '';
        this.hovered = undefined;
        this.#pointer.forget();
        this.#computeSlice();
        this.#computeLine();
        this.#rebuildScene();
      },
      (error: Error) => {
        if (this.#job !== job) return;
        this.progress = undefined;
        if (!(error instanceof CancelledError)) this.networkError = error.message;
      },
    );
  }

  #computeSlice(): void {
    const s = this.regions;
    if (s.inputs !== 3 || !s.sliceOn) {
      this.#slice = undefined;
      return;
    }
    const { net, widths } = this.#shown();
    const packed = linearRegionsPacked(sliceNetwork(net, s.sliceAt), { min: [-s.radius, -s.radius], max: [s.radius, s.radius] });
    this.#slice = { packed, cellLayers: lastCutLayers(packed, widths) };
  }

  /** The segment's crossings with the partition shown (exact, by lineBreakpoints), or none. */
  #computeLine(): void {
    const s = this.regions;
    if (!s.lineOn) {
      this.line = undefined;
      return;
    }
    const { net } = this.#shown();
    const a = s.lineA;
    const b = s.lineB;
    const crossings = lineBreakpoints(net, a, b).map((t) => a.map((x, k) => x + t * (b[k]! - x)));
    const outputs = [a, ...crossings, b].map((x) => networkOutput(net, x));
    this.line = { a, b, crossings, outputs, count: crossings.length + 1 };
  }

  /** The picked neuron's boundary, computed in a worker; the output neuron has none. */
  #computeNeuron(): void {
    this.#neuronJob?.cancel();
    this.#neuronJob = undefined;
    const s = this.regions;
    const n = s.neuron;
    if (!n || n.layer >= s.net.weights.length - 1) {
      this.#neuron = undefined;
      this.#scene?.setNeuron(undefined);
      this.#scenes.requestRender();
      return;
    }
    const job = startNeuronBoundary(s.net, this.#box(), n.layer, n.index);
    this.#neuronJob = job;
    this.#neuron = undefined;
    this.requestUpdate();
    job.result.then(
      (pieces) => {
        if (this.#neuronJob !== job) return;
        this.#neuron = { pieces, color: LAYER_COLORS[n.layer % LAYER_COLORS.length]! };
        this.#scene?.setNeuron(this.#neuron);
        this.requestUpdate();
        this.#scenes.requestRender();
      },
      () => {},
    );
  }

  #rebuildScene(look: ExportLook = this.theme): void {
    const canvas = this.#scenes.canvas;
    const packed = this.packed;
    if (!canvas || !packed) return;
    const s = this.regions;
    const { widths } = this.#shown();
    const scene = new RegionsScene(
      {
        packed, cellLayers: this.#cellLayers, radius: s.radius, coloring: s.coloring, surface: s.inputs === 2 && s.surface, explode: s.explode, opacity: s.opacity,
        slice: this.#slice ? { at: s.sliceAt, ...this.#slice } : undefined, selected: s.selected, dark: look === 'dark',
        layerBoundaries: s.boundariesByLayer ? { net: this.#shown().net, hidden: widths, off: s.boundaryLayersOff } : undefined,
        locate: this.#locate, line: this.line, neuron: this.#neuron,
      },
      scenePalette(look), canvas, () => this.#scenes.requestRender(),
    );
    if (this.hovered !== undefined) scene.setHovered(this.hovered);
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

  async #saveJson(): Promise<void> {
    const text = JSON.stringify(this.regions.net, null, 1);
    const result = await this.host.saveFile(new TextEncoder().encode(text), `hinge-network-${this.regions.inputs}-${this.regions.hidden.join('-')}.json`);
    this.fileError = result.status === 'failed' ? `Could not save the network: ${result.reason}` : '';
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

  async #saveCsv(): Promise<void> {
    if (!this.packed) return;
    const result = await this.host.saveFile(new TextEncoder().encode(regionsCsv(this.packed, this.#cellLayers)), 'hinge-regions.csv');
    this.fileError = result.status === 'failed' ? `Could not save the table: ${result.reason}` : '';
  }

  // ---- rendering ---------------------------------------------------------------------------------

  #selection() {
    const p = this.packed;
    const i = this.regions.selected;
    if (!p || i === undefined || i >= p.count) return html`<div class="note">Click a region to read its activation pattern, its ${this.regions.inputs === 2 ? 'area' : 'volume'} and the affine map the network computes on it; hover to peek.</div>`;
    const facts = regionFacts(p, i, this.#shown().widths);
    return html`<div data-testid="region-info" data-region=${i} data-pattern=${facts.layers.join('|')}>
      <div class="plain">region ${i + 1} of ${p.count}${this.#cellLayers ? ` · ${lastCutText(this.#cellLayers[i])}` : ''}</div>
      <div class="plain">pattern ${facts.layers.map((l, k) => html`<div>layer ${k + 1}: ${l}</div>`)}</div>
      <div class="plain">${p.dim === 2 ? 'area' : 'volume'} ${f3(facts.measure)}</div>
      <div class="math">${tex(affineTex(facts), true)}</div>
    </div>`;
  }

  #hoverCard() {
    const p = this.packed;
    const i = this.hovered;
    if (!p || i === undefined || i >= p.count) return nothing;
    const facts = regionFacts(p, i, this.#shown().widths);
    return html`<div class="hover" data-testid="region-hover" data-region=${i} data-pattern=${facts.layers.join('|')} role="status">
      <div><b>region ${i + 1}</b> of ${p.count}${this.#cellLayers ? html` · ${lastCutText(this.#cellLayers[i])}` : nothing}</div>
      ${facts.layers.map((l, k) => html`<div class="bits"><span class="muted">layer ${k + 1}</span> ${l}</div>`)}
      <div>${p.dim === 2 ? 'area' : 'volume'} ${f3(facts.measure)}</div>
      <div>${affineText(facts)}</div>
    </div>`;
  }

  override render() {
    const s = this.regions;
    const p = this.packed;
    const { layers } = this.#shown();
    const hiddenCount = s.net.weights.length - 1;
    const line = this.line;
    return html`
      <div class="stage">
        <div class="canvas" data-testid="stage" tabindex="0" role="img" @click=${this.#pointer.click}
          @pointerdown=${{ handleEvent: this.#pointer.down, capture: true }} @pointermove=${this.#pointer.move}
          @pointerup=${this.#pointer.up} @pointercancel=${this.#pointer.up} @pointerleave=${this.#pointer.leave}
          aria-label=${`Linear regions of a ${s.inputs}-input ReLU network${p ? `: ${p.count} regions` : ''}. Click a region to inspect it.`}></div>
        <div class="badge" aria-live="polite">
          ${p ? html`<span><b data-testid="region-count">${p.count}</b> linear regions</span>
            <span class="plain">after each layer: ${p.stats.regionsPerLayer.join(' → ')}</span>` : html`<span>Counting…</span>`}
        </div>
        ${s.coloring === 'layer' ? cellLayerLegend(this.#cellLayers, layers) : nothing}
        ${line ? html`<div class="line-label" data-testid="line-label" aria-hidden="true">${line.count} region${line.count === 1 ? '' : 's'}</div>` : nothing}
        ${line && s.inputs === 2 && !s.surface ? html`<div class="hint">Drag the ends of the segment</div>` : nothing}
        ${this.#hoverCard()}
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
          <h2>Edit a neuron</h2>
          <hinge-neuron-editor .net=${s.net} .neuron=${s.neuron} .boundaryPieces=${this.#neuron?.pieces.length} .pick=${(n: RegionsState['neuron']) => this.store.pickNeuron(n)}
            .apply=${(l: number, i: number, w: number[], b: number) => this.store.setNeuron(l, i, w, b)}></hinge-neuron-editor>
        </section>
        <section>
          <h2>View</h2>
          <label class="row" title="Show the cuts of the first layers only, to watch each layer fold the pieces made before it">layers shown
            <input type="range" min="1" max=${hiddenCount} step="1" .value=${String(layers)} aria-label="Layers shown" data-testid="layers-shown"
              @change=${(e: Event) => this.store.setLayersShown(Number((e.target as HTMLInputElement).value))} />
            <span class="plain">${layers} of ${hiddenCount}</span></label>
          <div class="row">colour by
            <select aria-label="Colour by" data-testid="coloring" title="Fill each region with its own colour, by the network's output there, or by the layer that last cut it"
              @change=${(e: Event) => this.store.setView({ coloring: (e.target as HTMLSelectElement).value as RegionsState['coloring'] })}>
              <option value="region" ?selected=${s.coloring === 'region'}>region</option><option value="output" ?selected=${s.coloring === 'output'}>output</option>
              <option value="layer" ?selected=${s.coloring === 'layer'}>layer</option></select>
            <label title="Colour every boundary by the hidden layer that drew it"><input type="checkbox" data-testid="by-layer" .checked=${s.boundariesByLayer}
              @change=${(e: Event) => this.store.setView({ boundariesByLayer: (e.target as HTMLInputElement).checked })} /> boundaries by layer</label>
            ${s.inputs === 2 ? html`<label title="Lift each region to the network's output above it"><input type="checkbox" .checked=${s.surface} data-testid="surface" @change=${(e: Event) => this.store.setView({ surface: (e.target as HTMLInputElement).checked })} /> output as a surface</label>` : nothing}
          </div>
          ${s.boundariesByLayer ? boundaryToggles(layers, s.boundaryLayersOff, (l) => this.store.setView({
            boundaryLayersOff: s.boundaryLayersOff.includes(l) ? s.boundaryLayersOff.filter((k) => k !== l) : [...s.boundaryLayersOff, l],
          })) : nothing}
          ${s.inputs === 3 ? html`
            <label class="row" title="Move the cells apart to see inside">explode <input type="range" min="0" max="1.5" step="0.05" .value=${String(s.explode)} aria-label="Explode" @change=${(e: Event) => this.store.setView({ explode: Number((e.target as HTMLInputElement).value) })} /></label>
            <label class="row" title="See-through cells">opacity <input type="range" min="0.1" max="1" step="0.05" .value=${String(s.opacity)} aria-label="Opacity" @change=${(e: Event) => this.store.setView({ opacity: Number((e.target as HTMLInputElement).value) })} /></label>
            <label class="row"><input type="checkbox" .checked=${s.sliceOn} data-testid="slice-on" @change=${(e: Event) => this.store.setSlice({ sliceOn: (e.target as HTMLInputElement).checked })} /> slicing plane x₃ =
              <input type="range" min=${-s.radius} max=${s.radius} step="0.01" .value=${String(s.sliceAt)} aria-label="Slicing plane height" data-testid="slice-at"
                @input=${(e: Event) => this.store.setSlice({ sliceAt: Number((e.target as HTMLInputElement).value), sliceOn: true })} /><span class="plain">${s.sliceAt.toFixed(2)}</span></label>
            ${this.#slice ? html`<div class="note" data-testid="slice-count">${this.#slice.packed.count} regions on the slice</div>` : nothing}` : nothing}
        </section>
        <section>
          <h2>A segment through input space</h2>
          <label class="row" title="Draw a segment and count the regions it passes through"><input type="checkbox" data-testid="line-on" .checked=${s.lineOn}
            @change=${(e: Event) => this.store.setLine({ lineOn: (e.target as HTMLInputElement).checked })} /> draw a segment and count its regions</label>
          ${s.lineOn ? lineFields({ a: s.lineA, b: s.lineB, radius: s.radius, count: line?.count }, (end, point) => this.store.setLine({ [end]: point })) : nothing}
          <div class="note">A segment meets each convex region in one piece, so it crosses as many regions as there are pieces between its crossings (the ticks). Along a line the count grows about in proportion to the number of neurons (Hanin and Rolnick, 2019), far slower than the regions of the whole ${s.inputs === 2 ? 'plane' : 'space'}.</div>
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
