import * as Plot from '@observablehq/plot';
import { logAxisOf } from '../../components/log-ticks.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { depthWidthPair, type DepthWidthPair, type TrainingSetup } from '../../../src/training/index.js';
import '../../components/svg-button.js';
import { chartSvg, labelChart } from './training-charts.js';
import { serializeSvgFigure, type SvgLook } from '../../components/svg-export.js';
import { startTrainingWorker, type RunSnapshot, type TrainingWorkerClient } from '../../workers/training-client.js';

/** One measurement of one of the two networks. */
interface Measured {
  readonly net: 'deep' | 'wide';
  readonly step: number;
  readonly loss: number;
  readonly testAccuracy?: number;
  readonly regions?: number;
}

/** Steps between two measurements. */
const CHUNK = 100;

/**
 * Depth against width, trained: the lab's settings with two networks of (nearly) the same number
 * of parameters — `layers` hidden layers of `width`, against one wide layer (depthWidthPair) —
 * each trained in a worker of its own on the same data and seeds for the same number of steps,
 * their training loss and exact region count measured every 100 steps. The text reports what was
 * measured, whichever network it favours.
 */
@customElement('hinge-depth-width')
export class DepthWidth extends LitElement {
  static override styles = css`
    :host { display: grid; gap: 8px; font-size: 13px; }
    .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    input { width: 64px; font: 13px var(--font-mono); background: var(--field); color: var(--text); border: 1px solid var(--border); border-radius: 4px; padding: 4px 6px; }
    button { font: inherit; font-size: 12.5px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 5px 9px; cursor: pointer; }
    button:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
    .note { color: var(--muted); font-size: 12.5px; margin: 0; line-height: 1.45; }
    .error { color: var(--error); font-size: 12px; }
    .plot svg { max-width: 100%; height: auto; overflow: visible; }
    .head { display: flex; align-items: center; gap: 8px; font-size: 12.5px; color: var(--muted); }
    .head span { flex: 1; }
    table { border-collapse: collapse; font-family: var(--font-mono); font-size: 12px; font-variant-numeric: tabular-nums; }
    th, td { padding: 2px 8px 2px 0; text-align: right; }
    th:first-child, td:first-child { text-align: left; font-family: var(--font-ui); }
  `;

  /** The lab's run; the pair replaces its hidden widths. */
  @property({ attribute: false }) setup: TrainingSetup | undefined;
  @property({ type: Boolean }) regions = true;
  @property() deepColor = '#f28e2b';
  @property() wideColor = '#4c9be8';

  @state() private layers = 4;
  @state() private width = 8;
  @state() private steps = 2000;
  @state() private running = false;
  @state() private error = '';
  @state() private measured: Measured[] = [];
  @state() private pair: DepthWidthPair | undefined;
  #clients: TrainingWorkerClient[] = [];
  #generation = 0;

  override disconnectedCallback(): void {
    this.#stop();
    super.disconnectedCallback();
  }

  #stop(): void {
    this.#generation += 1;
    for (const client of this.#clients) client.dispose();
    this.#clients = [];
    this.running = false;
  }

  async #run(): Promise<void> {
    const base = this.setup;
    if (!base) return;
    this.#stop();
    const generation = this.#generation;
    let pair: DepthWidthPair;
    try {
      pair = depthWidthPair({ inputs: this.#inputs(base), layers: this.layers, width: this.width });
    } catch (error) {
      this.error = (error as Error).message;
      return;
    }
    if (!Number.isInteger(this.steps) || this.steps < CHUNK || this.steps > 20_000) {
      this.error = `Steps must be a whole number from ${CHUNK} to 20000.`;
      return;
    }
    this.error = '';
    this.pair = pair;
    this.measured = [];
    this.running = true;
    const d = this.#inputs(base);
    const box = { min: Array(d).fill(-1.2), max: Array(d).fill(1.2) };
    const train = async (name: 'deep' | 'wide', hidden: number[]) => {
      const client = startTrainingWorker((s: RunSnapshot) => {
        if (generation !== this.#generation) return;
        this.measured = [...this.measured, { net: name, step: s.step, loss: s.trainLoss, testAccuracy: s.testAccuracy, regions: s.regionCount }];
      });
      this.#clients.push(client);
      await client.setSnapshotOptions({ regions: this.regions ? 'count' : 'none', box });
      await client.configure({ ...base, hidden });
      for (let taken = 0; taken < this.steps && generation === this.#generation; taken += CHUNK) await client.step(CHUNK);
    };
    try {
      await Promise.all([train('deep', pair.deep), train('wide', pair.wide)]);
    } catch (error) {
      if (generation === this.#generation) this.error = (error as Error).message;
    }
    if (generation === this.#generation) this.running = false;
  }

  #inputs(setup: TrainingSetup): 2 | 3 {
    const data = setup.data;
    if (data.kind === 'file') return data.points.inputs;
    return ['shells', 'xor-cube', 'helix'].includes(data.kind) ? 3 : (data.inputs ?? 2);
  }

  #last(net: 'deep' | 'wide'): Measured | undefined {
    return this.measured.filter((m) => m.net === net).sort((a, b) => a.step - b.step).at(-1);
  }

  /** What was measured, in words: who had the lower loss and the more regions at the last common step. */
  #verdict(): string {
    const deep = this.#last('deep');
    const wide = this.#last('wide');
    if (!deep || !wide || !this.pair) return '';
    const step = Math.min(deep.step, wide.step);
    const at = (net: 'deep' | 'wide') => this.measured.find((m) => m.net === net && m.step === step)!;
    const [a, b] = [at('deep'), at('wide')];
    const loss = a.loss === b.loss ? 'the same training loss' : `a lower training loss with the ${a.loss < b.loss ? 'deep' : 'wide'} network (${a.loss.toPrecision(3)} against ${b.loss.toPrecision(3)})`;
    const regions = a.regions === undefined || b.regions === undefined ? '' : a.regions === b.regions ? `; both have ${a.regions} regions` : `; the ${a.regions > b.regions ? 'deep' : 'wide'} network has more regions (${a.regions} against ${b.regions})`;
    return `Measured at step ${step} on this data and seed: ${loss}${regions}. Another seed, width or learning rate may turn it round.`;
  }

  #svg(id: string, caption: string) {
    return (look: SvgLook) => serializeSvgFigure({ caption, parts: [chartSvg(this.renderRoot.querySelector(`[data-plot="${id}"]`)!)] }, { look });
  }

  protected override updated(): void {
    for (const [id, key, label, log] of [['dw-loss', 'loss', 'training loss', true], ['dw-regions', 'regions', 'regions', false]] as const) {
      const box = this.renderRoot.querySelector(`[data-plot="${id}"]`);
      if (!box) continue;
      const data = this.measured.filter((m) => m[key] !== undefined && (!log || (m[key] as number) > 0));
      const chart = Plot.plot({
        width: 300, height: 130, marginLeft: 50, style: { background: 'transparent', color: 'currentColor', fontSize: '11px' },
        x: { label: 'step' }, y: { label, grid: true, ...(log ? { type: 'log', ...logAxisOf(data.map((m) => m[key] as number)) } : { zero: true }) },
        color: { domain: ['deep', 'wide'], range: [this.deepColor, this.wideColor], legend: true },
        marks: (['deep', 'wide'] as const).map((net) =>
          Plot.line(data.filter((m) => m.net === net), { x: 'step', y: key, stroke: 'net', strokeWidth: 1.6, strokeDasharray: net === 'wide' ? '5,3' : undefined })),
      });
      labelChart(chart, `${label} of the deep and the wide network over the steps`);
      box.replaceChildren(chart);
    }
  }

  override render() {
    const p = this.pair;
    const deep = this.#last('deep');
    const wide = this.#last('wide');
    const num = (label: string, value: number, set: (v: number) => void, testid: string, title: string) => html`<label title=${title}>${label}
      <input type="number" data-testid=${testid} .value=${String(value)} @change=${(e: Event) => set(Number((e.target as HTMLInputElement).value))} /></label>`;
    return html`
      <p class="note">Two networks with (nearly) the same number of parameters, trained on the same data from the same seeds for the same steps.</p>
      <div class="row">
        ${num('layers', this.layers, (v) => (this.layers = v), 'dw-layers', 'Hidden layers of the deep network (2–8)')}
        ${num('× width', this.width, (v) => (this.width = v), 'dw-width', 'Neurons per hidden layer of the deep network (1–64)')}
        ${num('steps', this.steps, (v) => (this.steps = v), 'dw-steps', 'Steps each network trains (100–20000)')}
      </div>
      <div class="row">
        <button data-testid="dw-run" ?disabled=${this.running} @click=${() => void this.#run()}>Train both</button>
        ${this.running ? html`<button data-testid="dw-stop" @click=${() => this.#stop()}>Stop</button>` : nothing}
        ${this.running ? html`<span class="note">training… step ${Math.min(deep?.step ?? 0, wide?.step ?? 0)}</span>` : nothing}
      </div>
      ${this.error ? html`<span class="error" role="alert">${this.error}</span>` : nothing}
      ${p ? html`<table data-testid="dw-table">
        <tr><th></th><th>hidden</th><th>params</th><th>loss</th><th>regions</th></tr>
        <tr><td>deep</td><td>${p.deep.join('·')}</td><td>${p.deepParameters}</td><td>${deep ? deep.loss.toPrecision(3) : '—'}</td><td>${deep?.regions ?? '—'}</td></tr>
        <tr><td>wide</td><td>${p.wide.join('·')}</td><td>${p.wideParameters}</td><td>${wide ? wide.loss.toPrecision(3) : '—'}</td><td>${wide?.regions ?? '—'}</td></tr>
      </table>
      ${this.running ? nothing : html`<p class="note" data-testid="dw-verdict">${this.#verdict()}</p>`}
      <div class="head"><span>Training loss (deep solid, wide dashed)</span><hinge-svg-button label="depth against width loss chart" fileName="hinge-depth-width-loss" .source=${this.#svg('dw-loss', 'Training loss: deep against wide')}></hinge-svg-button></div>
      <div class="plot" data-plot="dw-loss"></div>
      ${this.regions ? html`<div class="head"><span>Exact regions (deep solid, wide dashed)</span><hinge-svg-button label="depth against width regions chart" fileName="hinge-depth-width-regions" .source=${this.#svg('dw-regions', 'Exact regions: deep against wide')}></hinge-svg-button></div>
      <div class="plot" data-plot="dw-regions"></div>` : nothing}` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-depth-width': DepthWidth;
  }
}
