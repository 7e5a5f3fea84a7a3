import { html, nothing, type PropertyValues } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { formatNumber } from '../../../src/layer/index.js';
import {
  INIT_SCHEMES, initNetwork, lineBreakpoints, networkOutput, parseNetwork, regionLocator, truncateNetwork, type Box, type PackedRegions, type ReluNet,
} from '../../../src/regions/index.js';
import '../../components/export-panel.js';
import { consume } from '@lit/context';
import { hostContext } from '../../app/host-context.js';
import type { Host } from '../../host/host.js';
import { katexStyles, tex } from '../../components/tex.js';
import { STATE_REPLACED } from '../../project/lab-store.js';
import { scenePalette, type ExportLook } from '../../theme.js';
import { SliceWorker, startCompare, startNeuronBoundary, startRegions } from '../../workers/regions-client.js';
import { LabView, type LabChange } from '../lab-view.js';
import { LAYER_COLORS } from './boundary-layers.js';
import type { CompareRow } from './compare-rows.js';
import './neuron-editor.js';
import './regions-compare.js';
import { affineTex, affineText, boundaryToggles, cellLayerLegend, lastCutText, lineFields, regionFacts } from './regions-panels.js';
import type { LineOverlay, NeuronOverlay } from './regions-overlay.js';
import { RegionsScene, type RegionsLook, type RegionsSlice } from './regions-scene.js';
import { parseWidths, regionsCsv } from './regions-model.js';
import { regionKeyStep } from './region-keys.js';
import { initialRegionsState, RegionsStore, type RegionsChange, type RegionsState } from './regions-store.js';
import { regionsStyles } from './regions-styles.js';
import { placeLineLabel, StagePointer } from './stage-pointer.js';
import { labPanel } from '../../components/lab-styles.js';

const f3 = (v: number) => formatNumber(v, 3);

/** Where the segment crosses the partition shown: its crossings, the output at each, and the count. */
interface LineInfo extends LineOverlay {
  readonly count: number;
}

/** A partition as counted, with what it was counted from (so an undo that keeps them keeps it). */
interface Partition {
  readonly packed: PackedRegions;
  readonly cellLayers: Uint8Array;
  readonly locate: (x: ArrayLike<number>) => number;
  /** The state's network, layers shown and box it answers. */
  readonly net: ReluNet;
  readonly layersShown: number;
  readonly radius: number;
  /** The network cut to the layers shown, and their widths. */
  readonly shownNet: ReluNet;
  readonly widths: number[];
}

/** The slicing plane's partition, for the partition it slices. */
interface SliceShown extends RegionsSlice {
  readonly of: Partition;
}

/** The picked neuron's boundary, for the network and neuron it was computed from. */
interface NeuronShown extends NeuronOverlay {
  readonly net: ReluNet;
  readonly neuron: NonNullable<RegionsState['neuron']>;
}

/**
 * The Regions lab: the exact linear regions of a ReLU network with 2 or 3 inputs — polygons or
 * polyhedral cells, the output surface, a slicing plane, per-layer counts, one neuron's weights
 * and boundary, a segment and the regions it crosses — and why depth beats width. Every count
 * runs in a worker; the scene is built once per partition and changes in place for the rest.
 */
@customElement('hinge-regions-lab')
export class RegionsLab extends LabView<RegionsState, RegionsChange, RegionsStore> {
  static override styles = [katexStyles, ...labPanel, regionsStyles];

  @state() private networkError = '';
  @state() private fileError = '';
  /** The region under the pointer (not state: it goes when the pointer does). */
  @state() private hovered: number | undefined;
  /** The region the keyboard is on (not state either). */
  @state() private focused: number | undefined;
  @state() private line: LineInfo | undefined;
  @query('.canvas') private canvasBox!: HTMLElement;
  @query('.hover') private hoverBox: HTMLElement | undefined;
  @query('.line-label') private lineLabel: HTMLElement | undefined;

  @consume({ context: hostContext }) host!: Host;

  readonly #scenes = this.addScene('.canvas', (look) => this.#buildScene(look));
  readonly #partition = this.addJob<Partition>();
  readonly #neuronJob = this.addJob<number[][][]>();
  readonly #sliceJob = this.addJob<RegionsSlice>();
  readonly #compareJob = this.addJob<CompareRow[]>();
  readonly #sliceWorker = new SliceWorker();
  /** The partition drawn (the last one counted; a newer one replaces it when it arrives). */
  #shown: Partition | undefined;
  #slice: SliceShown | undefined;
  #neuron: NeuronShown | undefined;
  #widthsText = this.store.state.hidden.join(', ');
  readonly #pointer = new StagePointer({
    box: () => this.canvasBox,
    scene: () => this.#scenes.view,
    moveEnd: (end, point) => this.store.setLine({ [end]: point }),
    select: (region) => this.store.select(region),
    hoverChanged: (region) => {
      this.hovered = region;
      this.#updateScene({ hovered: region });
    },
    tooltip: () => this.hoverBox,
  });

  constructor() {
    super('regions', (initial) => new RegionsStore(initial ?? initialRegionsState()));
    // Before every frame: the 3D view may have turned, or the segment moved.
    this.#scenes.onFrame = () => {
      const scene = this.#scenes.view;
      if (this.lineLabel && scene) placeLineLabel(this.lineLabel, scene, this.canvasBox.clientWidth, this.canvasBox.clientHeight);
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A first visit, or a job cut short by leaving: run it again (a changed state already did).
    if (!this.#partitionCurrent()) {
      if (!this.#partition.running) void this.#compute();
    } else if (this.state.sliceOn && this.#slice?.at !== this.state.sliceAt && !this.#sliceJob.running) void this.#computeSlice();
    if (!this.#neuronCurrent() && !this.#neuronJob.running) void this.#computeNeuron();
  }

  override disconnectedCallback(): void {
    this.#pointer.dispose();
    this.#sliceWorker.dispose();
    super.disconnectedCallback();
  }

  protected stateChanged(change: LabChange<RegionsChange>): void {
    switch (change) {
      case STATE_REPLACED: {
        // Undo, redo, an opened project: count again only what the new state no longer matches.
        const s = this.state;
        this.#widthsText = s.hidden.join(', ');
        this.networkError = '';
        if (!this.#partitionCurrent()) void this.#compute();
        else {
          this.#computeLine();
          this.#refreshScene();
          void this.#computeSlice();
        }
        if (!this.#neuronCurrent()) void this.#computeNeuron();
        break;
      }
      case 'networkChanged':
        void this.#compute();
        void this.#computeNeuron();
        break;
      case 'layersShownChanged':
        void this.#compute();
        break;
      case 'neuronPicked':
        void this.#computeNeuron();
        break;
      case 'lineChanged':
        this.#computeLine();
        this.#scenes.view?.setLine(this.line);
        this.#scenes.requestRender();
        break;
      case 'sliceChanged':
        void this.#computeSlice();
        break;
      default:
        // The view's colouring, explosion, opacity, layers, or the selection: in place.
        this.#refreshScene();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // A tooltip just rendered takes its place beside the pointer.
    this.#pointer.placeTooltip();
  }

  #box(): Box {
    const { inputs, radius } = this.state;
    return { min: new Array(inputs).fill(-radius), max: new Array(inputs).fill(radius) };
  }

  /** How many hidden layers the partition shows, and the network cut to them. */
  #shownNet(): { layers: number; net: ReluNet; widths: number[] } {
    const s = this.state;
    const hidden = s.net.weights.length - 1;
    const layers = s.layersShown > 0 && s.layersShown < hidden ? s.layersShown : hidden;
    return { layers, net: truncateNetwork(s.net, layers), widths: s.net.weights.slice(0, layers).map((w) => w.length) };
  }

  /** Whether the partition drawn answers the state's network, layers shown and box. */
  #partitionCurrent(): boolean {
    const p = this.#shown;
    const s = this.state;
    return !!p && p.net === s.net && p.layersShown === s.layersShown && p.radius === s.radius;
  }

  #neuronCurrent(): boolean {
    const s = this.state;
    const n = s.neuron;
    if (!n || n.layer >= s.net.weights.length - 1) return !this.#neuron;
    return !!this.#neuron && this.#neuron.net === s.net && this.#neuron.neuron.layer === n.layer && this.#neuron.neuron.index === n.index;
  }

  /** Counts the partition in a worker; when it arrives, a new scene (the one place the partition's buffers are built). */
  async #compute(): Promise<void> {
    const s = this.state;
    const { net: shownNet, widths } = this.#shownNet();
    const box = this.#box();
    const from = { net: s.net, layersShown: s.layersShown, radius: s.radius, shownNet, widths };
    const partition = await this.#partition.run((report) => {
      const job = startRegions(shownNet, box, (fraction) => report(fraction));
      const result = job.result.then(({ packed, cellLayers }) => ({ packed, cellLayers, locate: regionLocator(shownNet, packed, box), ...from }));
      return { result, cancel: () => job.cancel() };
    });
    if (!partition) return;
    this.#shown = partition;
    this.#slice = undefined;
    this.hovered = undefined;
    this.focused = undefined;
    this.#pointer.forget();
    this.#computeLine();
    this.#scenes.rebuild();
    // The job re-rendered the lab as it ended, before the partition was taken in here.
    this.requestUpdate();
    void this.#computeSlice();
  }

  /** The slicing plane's regions, from the slice worker; answers for an older height are dropped. */
  async #computeSlice(): Promise<void> {
    const s = this.state;
    const partition = this.#shown;
    if (!partition || partition.packed.dim !== 3 || !s.sliceOn || s.inputs !== 3) {
      this.#sliceJob.cancel();
      if (this.#slice) {
        this.#slice = undefined;
        this.#scenes.view?.setSlice(undefined);
        this.#scenes.requestRender();
        this.requestUpdate();
      }
      return;
    }
    const at = s.sliceAt;
    const result = await this.#sliceJob.run(() => {
      const job = this.#sliceWorker.start(partition.shownNet, partition.radius, at);
      return { result: job.result.then(({ packed, cellLayers }) => ({ at, packed, cellLayers })), cancel: () => job.cancel() };
    });
    if (!result || partition !== this.#shown || !this.state.sliceOn) return;
    const start = performance.now();
    this.#slice = { ...result, of: partition };
    this.#scenes.view?.setSlice(this.#slice);
    performance.measure('hinge:regions-slice-applied', { start });
    this.#scenes.requestRender();
    this.requestUpdate();
  }

  /** The segment's crossings with the partition shown (exact, by lineBreakpoints), or none. */
  #computeLine(): void {
    const s = this.state;
    if (!s.lineOn) {
      this.line = undefined;
      return;
    }
    const { net } = this.#shownNet();
    const a = s.lineA;
    const b = s.lineB;
    const crossings = lineBreakpoints(net, a, b).map((t) => a.map((x, k) => x + t * (b[k]! - x)));
    const outputs = [a, ...crossings, b].map((x) => networkOutput(net, x));
    this.line = { a, b, crossings, outputs, count: crossings.length + 1 };
  }

  /** The picked neuron's boundary, computed in a worker; the output neuron has none. A failure is shown at the editor. */
  async #computeNeuron(): Promise<void> {
    const s = this.state;
    const n = s.neuron;
    this.#neuron = undefined;
    this.#scenes.view?.setNeuron(undefined);
    this.#scenes.requestRender();
    if (!n || n.layer >= s.net.weights.length - 1) {
      this.#neuronJob.clear();
      return;
    }
    const net = s.net;
    const box = this.#box();
    const pieces = await this.#neuronJob.run(() => startNeuronBoundary(net, box, n.layer, n.index));
    if (!pieces) return;
    this.#neuron = { pieces, color: LAYER_COLORS[n.layer % LAYER_COLORS.length]!, net, neuron: n };
    this.#scenes.view?.setNeuron(this.#neuron);
    this.#scenes.requestRender();
    this.requestUpdate();
  }

  async #runCompare(): Promise<void> {
    await this.#compareJob.run((report) => startCompare((fraction) => report(fraction, 'counting')));
  }

  /** What the scene shows that changes in place. */
  #look(): RegionsLook {
    const s = this.state;
    return { coloring: s.coloring, explode: s.explode, opacity: s.opacity, boundaryLayersOff: s.boundaryLayersOff, selected: s.selected, focused: this.focused, hovered: this.hovered };
  }

  /** Whether the state asks for a scene of another make (the output surface, boundaries by layer). */
  #sceneStale(scene: RegionsScene): boolean {
    const s = this.state;
    const t = scene.topology;
    return t.packed !== this.#shown?.packed || t.surface !== this.#surface() || !!t.layerBoundaries !== (s.boundariesByLayer && !!this.#shown);
  }

  #surface(): boolean {
    return this.state.surface && (this.#shown?.packed.dim ?? this.state.inputs) === 2;
  }

  /** The view follows the state: in place, unless it needs a scene of another make. */
  #refreshScene(): void {
    const scene = this.#scenes.view;
    if (!scene) return;
    if (this.#sceneStale(scene)) this.#scenes.rebuild();
    else this.#updateScene(this.#look());
  }

  #updateScene(look: Partial<RegionsLook>): void {
    this.#scenes.view?.update(look);
    this.#scenes.requestRender();
  }

  #buildScene(look: ExportLook): RegionsScene {
    const s = this.state;
    const p = this.#shown;
    const scene = new RegionsScene(
      {
        packed: p?.packed, inputs: (p?.packed.dim ?? s.inputs) as 2 | 3, radius: p?.radius ?? s.radius, cellLayers: p?.cellLayers, surface: this.#surface(), dark: look === 'dark',
        layerBoundaries: p && s.boundariesByLayer ? { net: p.shownNet, hidden: p.widths } : undefined, locate: p?.locate,
      },
      this.#look(), scenePalette(look), this.#scenes.canvas!, () => this.#scenes.requestRender(),
    );
    if (this.#slice && this.#slice.of === p && s.sliceOn) scene.setSlice(this.#slice);
    scene.setLine(this.line);
    if (this.#neuronCurrent()) scene.setNeuron(this.#neuron);
    return scene;
  }

  readonly #exporter = (scale: number, look: ExportLook | 'theme') => this.exportPng(scale, look);

  // ---- the keyboard: stepping through the regions ------------------------------------------------

  readonly #onKey = (event: KeyboardEvent): void => {
    const p = this.#shown;
    if (!p || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Enter' && this.focused !== undefined) {
      event.preventDefault();
      this.store.select(this.focused);
      return;
    }
    if (event.key === 'Escape' && this.focused !== undefined) {
      event.preventDefault();
      this.#focus(undefined);
      return;
    }
    // In 3D the arrow keys turn the camera until a region has the keyboard (then they step).
    const walking = this.focused !== undefined || p.packed.dim === 2;
    const next = regionKeyStep(event.key, p.packed, this.focused, p.locate, walking);
    if (next === undefined) return;
    event.preventDefault();
    this.#focus(next);
  };

  #focus(region: number | undefined): void {
    this.focused = region;
    this.#updateScene({ focused: region });
  }
  /**
   * The slicing plane's slider: the store takes the height and the slice is asked of the worker;
   * nothing heavy on the main thread. Each input's time (handler and re-render) is a user-timing
   * measure, 'hinge:regions-slice-input', that tests and benchmarks read.
   */
  readonly #sliceInput = (event: Event): void => {
    const start = performance.now();
    this.store.setSlice({ sliceAt: Number((event.target as HTMLInputElement).value), sliceOn: true });
    void this.updateComplete.then(() => performance.measure('hinge:regions-slice-input', { start }));
  };

  // ---- network ---------------------------------------------------------------------------------

  #reinit(patch: Partial<Pick<RegionsState, 'inputs' | 'init' | 'seed' | 'leaky'>> & { hidden?: number[] }): void {
    const s = { ...this.state, ...patch };
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
    const text = JSON.stringify(this.state.net, null, 1);
    const result = await this.host.saveFile(new TextEncoder().encode(text), `hinge-network-${this.state.inputs}-${this.state.hidden.join('-')}.json`);
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
    const shown = this.#shown;
    if (!shown) return;
    const result = await this.host.saveFile(new TextEncoder().encode(regionsCsv(shown.packed, shown.cellLayers)), 'hinge-regions.csv');
    this.fileError = result.status === 'failed' ? `Could not save the table: ${result.reason}` : '';
  }

  // ---- rendering ---------------------------------------------------------------------------------

  #selection() {
    const p = this.#shown?.packed;
    const cellLayers = this.#shown?.cellLayers;
    const i = this.state.selected;
    if (!p || i === undefined || i >= p.count) return html`<div class="note">Click a region to read its activation pattern, its ${this.state.inputs === 2 ? 'area' : 'volume'} and the affine map the network computes on it; hover to peek. From the keyboard: focus the view, press ] and [ to step through the regions, the arrow keys to go to the neighbour that way, Enter to pin.</div>`;
    const facts = regionFacts(p, i, this.#shown!.widths);
    return html`<div data-testid="region-info" data-region=${i} data-pattern=${facts.layers.join('|')}>
      <div class="plain">region ${i + 1} of ${p.count}${cellLayers ? ` · ${lastCutText(cellLayers[i])}` : ''}</div>
      <div class="plain">pattern ${facts.layers.map((l, k) => html`<div>layer ${k + 1}: ${l}</div>`)}</div>
      <div class="plain">${p.dim === 2 ? 'area' : 'volume'} ${f3(facts.measure)}</div>
      <div class="math">${tex(affineTex(facts), true)}</div>
    </div>`;
  }

  #hoverCard() {
    const p = this.#shown?.packed;
    const cellLayers = this.#shown?.cellLayers;
    const i = this.hovered;
    if (!p || i === undefined || i >= p.count) return nothing;
    const facts = regionFacts(p, i, this.#shown!.widths);
    return html`<div class="hover" data-testid="region-hover" data-region=${i} data-pattern=${facts.layers.join('|')} role="status">
      <div><b>region ${i + 1}</b> of ${p.count}${cellLayers ? html` · ${lastCutText(cellLayers[i])}` : nothing}</div>
      ${facts.layers.map((l, k) => html`<div class="bits"><span class="muted">layer ${k + 1}</span> ${l}</div>`)}
      <div>${p.dim === 2 ? 'area' : 'volume'} ${f3(facts.measure)}</div>
      <div>${affineText(facts)}</div>
    </div>`;
  }

  /**
   * The region the keyboard is on, read out: an aria-live card in the stage (always present, empty
   * without a focused region, so screen readers announce each step), with the raw numbers as data.
   */
  #focusCard() {
    const shown = this.#shown;
    const i = this.focused;
    if (!shown || i === undefined || i >= shown.packed.count) return html`<div class="focus-card" role="status" aria-live="polite" data-testid="region-focus"></div>`;
    const p = shown.packed;
    const facts = regionFacts(p, i, shown.widths);
    return html`<div class="focus-card" role="status" aria-live="polite" data-testid="region-focus" data-region=${i} data-pattern=${facts.layers.join('|')}
      data-affine=${JSON.stringify({ A: facts.A, c: facts.c })} data-measure=${String(facts.measure)}>
      <div><b>region ${i + 1}</b> of ${p.count}${shown.cellLayers ? ` · ${lastCutText(shown.cellLayers[i])}` : ''}</div>
      ${facts.layers.map((l, k) => html`<div class="bits">layer ${k + 1}: ${l}</div>`)}
      <div>${p.dim === 2 ? 'area' : 'volume'} ${f3(facts.measure)}</div>
      <div>${affineText(facts)}</div>
      <div class="muted">${this.state.selected === i ? 'pinned' : 'Enter pins it'}</div>
    </div>`;
  }

  override render() {
    const s = this.state;
    const p = this.#shown?.packed;
    const cellLayers = this.#shown?.cellLayers;
    const { layers } = this.#shownNet();
    const hiddenCount = s.net.weights.length - 1;
    const line = this.line;
    const counting = this.#partition.view;
    const networkError = this.networkError || (counting.status === 'failed' ? counting.message : '');
    const slice = this.#slice && this.#slice.of === this.#shown && s.sliceOn ? this.#slice : undefined;
    return html`
      <div class="stage">
        <div class="canvas" data-testid="stage" tabindex="0" role="img" @click=${this.#pointer.click} @keydown=${this.#onKey}
          @pointerdown=${{ handleEvent: this.#pointer.down, capture: true }} @pointermove=${this.#pointer.move}
          @pointerup=${this.#pointer.up} @pointercancel=${this.#pointer.up} @pointerleave=${this.#pointer.leave}
          aria-label=${`Linear regions of a ${s.inputs}-input ReLU network${p ? `: ${p.count} regions` : ''}. Click a region to inspect it, or press ] and [ to step through the regions, the arrow keys to move to a neighbour${s.inputs === 3 ? ' (Page Up and Page Down along x₃)' : ''}, Enter to pin it.`}></div>
        <div class="badge" aria-live="polite">
          ${p ? html`<span><b data-testid="region-count" data-dim=${p.dim} data-widths=${this.#shown!.widths.join(',')}>${p.count}</b> linear regions</span>
            <span class="plain">after each layer: ${p.stats.regionsPerLayer.join(' → ')}</span>` : html`<span>Counting…</span>`}
        </div>
        ${s.coloring === 'layer' ? cellLayerLegend(cellLayers, layers) : nothing}
        ${line ? html`<div class="line-label" data-testid="line-label" aria-hidden="true">${line.count} region${line.count === 1 ? '' : 's'}</div>` : nothing}
        ${line && s.inputs === 2 && !s.surface ? html`<div class="hint">Drag the ends of the segment</div>` : nothing}
        ${this.#hoverCard()}
        ${this.#focusCard()}
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
          ${networkError ? html`<div class="error" role="alert" data-testid="network-error">${networkError}</div>` : nothing}
          ${counting.status === 'running' ? html`<div class="row"><progress max="1" .value=${counting.progress} aria-label="Progress"></progress>
            <button @click=${() => this.#partition.cancel()} title="Stop counting">Cancel</button></div>` : nothing}
          <div class="row">
            <button @click=${() => this.#saveJson()} title="Download the network's weights as JSON">Save JSON</button>
            <label><button @click=${(e: Event) => ((e.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement).click()} title="Load a network saved as JSON">Load JSON…</button><input type="file" accept=".json,application/json" hidden data-testid="load-json" @change=${this.#loadJson} /></label>
            <button @click=${() => this.#saveCsv()} title="Download every region's pattern, size and affine map as CSV">Regions CSV</button>
          </div>
          ${this.fileError ? html`<div class="error" role="alert">${this.fileError}</div>` : nothing}
        </section>
        <section>
          <h2>Edit a neuron</h2>
          <hinge-neuron-editor .net=${s.net} .neuron=${s.neuron} .boundaryPieces=${this.#neuronCurrent() ? this.#neuron?.pieces.length : undefined} .pick=${(n: RegionsState['neuron']) => this.store.pickNeuron(n)}
            .apply=${(l: number, i: number, w: number[], b: number) => this.store.setNeuron(l, i, w, b)}></hinge-neuron-editor>
          ${this.#neuronJob.view.status === 'failed' ? html`<div class="error" role="alert" data-testid="neuron-error">Could not trace this neuron's boundary: ${this.#neuronJob.view.message}</div>` : nothing}
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
                @input=${this.#sliceInput} /><span class="plain">${s.sliceAt.toFixed(2)}</span></label>
            ${slice ? html`<div class="note" data-testid="slice-count" data-at=${String(slice.at)}>${slice.packed.count} regions on the slice x₃ = ${slice.at.toFixed(2)}</div>` : nothing}
            ${this.#sliceJob.view.status === 'failed' ? html`<div class="error" role="alert" data-testid="slice-error">${this.#sliceJob.view.message}</div>` : nothing}` : nothing}
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
          <hinge-regions-compare .job=${this.#compareJob.view} .run=${() => void this.#runCompare()}></hinge-regions-compare>
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
