import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ReluNet } from '../../../src/regions/index.js';
import {
  MAX_FINE_TUNE_STEPS, deltaEnergy, fineTuneComparison, fineTuneParameterCounts,
  type FineTuneComparison, type FineTuneComparisonOptions, type TrainingSetup,
} from '../../../src/training/index.js';
import '../../components/svg-button.js';
import { serializeSvgFigure, type SvgLook } from '../../components/svg-export.js';
import { startFineTune } from '../../workers/fine-tune-client.js';
import { JobController } from '../job-controller.js';
import { ROUNDING, deltaSpectrumChart, lossByRankChart, spectrumKey } from './fine-tune-charts.js';
import {
  FineTuneFieldError, defaultFineTuneSettings, fineTuneOptions, layerShapes, otherTasks, type FineTuneSettings,
} from './fine-tune-settings.js';
import { DATASET_NAMES } from './training-controls.js';
import { chartSvg, layerName } from './training-charts.js';
import { openDeltaInLora } from './training-handoffs.js';
import { deltaVerdict, lossVerdict } from './fine-tune-text.js';

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const num = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toPrecision(4)) : String(v));

const pointsIds = new WeakMap<object, number>();
let nextPointsId = 0;
/**
 * The lab's settings as a short string: the user's points (up to 20 000) stand in by an id of
 * their object, which the store replaces whenever they change.
 */
function setupKey(setup: TrainingSetup): string {
  const { data } = setup;
  if (data.kind !== 'file') return JSON.stringify(setup);
  if (!pointsIds.has(data.points)) pointsIds.set(data.points, ++nextPointsId);
  return JSON.stringify({ ...setup, data: { ...data, points: pointsIds.get(data.points) } });
}

/** A finished experiment and what it was run with. */
interface Finished {
  readonly options: FineTuneComparisonOptions;
  readonly result: FineTuneComparison;
  /** The lab's step the pretrained network was taken at. */
  readonly pretrainedAt: number;
  /** The lab's settings then (JSON), to tell when they have changed since. */
  readonly setupKey: string;
}

/**
 * The panel's settings and last result for the life of the window: the element is made anew each
 * time the lab opens (after a look at a ΔW in the LoRA lab, say), and a result took a while.
 */
const kept: { settings?: FineTuneSettings; finished?: Finished } = {};

/**
 * LoRA, for real: the lab's current network is the pretrained one; "Run" fine-tunes it on a new
 * task (the data turned and moved, or another dataset) fully and with LoRA of each chosen rank on
 * the chosen layers, in a worker of its own (progress, cancel). Shown: the full fine-tune's ΔW
 * spectrum per layer with the share of ‖ΔW‖² each rank keeps and what that says about its rank,
 * the loss LoRA reached at each rank against the full fine-tune's, the numbers each trained; each
 * layer's ΔW opens in the LoRA lab. The settings and the last result are kept for the window's
 * life, not in the project (the experiment is re-run in seconds from the saved network); a result
 * whose lab settings have changed since says so.
 */
@customElement('hinge-training-finetune')
export class TrainingFineTune extends LitElement {
  static override styles = css`
    :host { display: grid; gap: 8px; font-size: 13px; min-width: 0; }
    .grid { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 6px 10px; align-items: center; }
    .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    input[type='text'], input[type='number'] { width: 100%; box-sizing: border-box; min-width: 0; font: 13px var(--font-mono); background: var(--field); color: var(--text);
      border: 1px solid var(--border); border-radius: 4px; padding: 4px 6px; }
    input[aria-invalid='true'] { border-color: var(--error); background: var(--error-bg); }
    button, select { font: inherit; font-size: 12.5px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 5px 9px; cursor: pointer; }
    select { width: 100%; min-width: 0; }
    button.primary { background: var(--accent); color: var(--on-accent); border-color: transparent; }
    button.small { padding: 2px 7px; font-size: 11.5px; }
    button:focus-visible, select:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
    fieldset { border: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 12px; }
    legend { padding: 0; }
    .note { color: var(--muted); font-size: 12.5px; margin: 0; line-height: 1.45; }
    .error { color: var(--error); font-size: 12px; grid-column: 1 / -1; }
    progress { width: 120px; }
    .plot svg { max-width: 100%; height: auto; overflow: visible; }
    .head { display: flex; align-items: center; gap: 8px; font-size: 12.5px; color: var(--muted); }
    .head span { flex: 1; }
    table { border-collapse: collapse; font-family: var(--font-mono); font-size: 11.5px; font-variant-numeric: tabular-nums; width: 100%; }
    th, td { padding: 2px 6px 2px 0; text-align: right; vertical-align: top; }
    th { font-family: var(--font-ui); font-weight: 600; color: var(--muted); }
    th:first-child, td:first-child { text-align: left; font-family: var(--font-ui); }
    ul { margin: 0; padding-left: 16px; display: grid; gap: 4px; }
    li { font-size: 12.5px; line-height: 1.4; }
    .scroll { overflow-x: auto; max-width: 100%; }
    figure { margin: 0; }
  `;

  /** The lab's run (data, optimiser, loss, batch size, seed). */
  @property({ attribute: false }) setup: TrainingSetup | undefined;
  /** The lab's current network: the pretrained one. */
  @property({ attribute: false }) net: ReluNet | undefined;
  /** The lab's step that network was reached at. */
  @property({ type: Number }) step = 0;
  @property() fullColor = '#f28e2b';
  @property() loraColor = '#4c9be8';

  @state() private settings: FineTuneSettings | undefined = kept.settings;
  @state() private errors: Partial<Record<keyof FineTuneSettings, string>> = {};
  @state() private finished: Finished | undefined = kept.finished;

  readonly job = new JobController<FineTuneComparison>(this);

  /** The last experiment's options and result (tests recompute it from the options). */
  get last(): Finished | undefined {
    return this.finished;
  }

  /**
   * The last experiment computed again here, on the page's thread, from the options the worker
   * got (tests check the worker's numbers against it bit for bit). Blocks while it runs.
   */
  recompute(): FineTuneComparison | undefined {
    return this.finished && fineTuneComparison(this.finished.options);
  }

  /** The settings, fitted to the network: layers it no longer has are dropped. */
  #settings(): FineTuneSettings | undefined {
    const net = this.net;
    if (!net) return undefined;
    const s = this.settings;
    if (!s) return defaultFineTuneSettings(net);
    const layers = s.layers.filter((l) => l < net.weights.length);
    return layers.length === s.layers.length ? s : { ...s, layers };
  }

  #edit(patch: Partial<FineTuneSettings>): void {
    const s = this.#settings();
    if (!s) return;
    this.settings = kept.settings = { ...s, ...patch };
    const cleared = { ...this.errors };
    for (const key of Object.keys(patch) as (keyof FineTuneSettings)[]) delete cleared[key];
    if (patch.task !== undefined) for (const key of ['angle', 'offsetX', 'offsetY'] as const) delete cleared[key];
    this.errors = cleared;
  }

  async #run(): Promise<void> {
    const s = this.#settings();
    const { setup, net } = this;
    if (!s || !setup || !net) return;
    let options: FineTuneComparisonOptions;
    try {
      options = fineTuneOptions(setup, net, s);
    } catch (error) {
      if (error instanceof FineTuneFieldError) this.errors = { [error.field]: error.message };
      else this.errors = { task: (error as Error).message };
      return;
    }
    this.errors = {};
    const pretrainedAt = this.step;
    const result = await this.job.run((report) => startFineTune(options, report));
    if (result) this.finished = kept.finished = { options, result, pretrainedAt, setupKey: setupKey(setup) };
  }

  /** The chart's SVG file, with a key (the on-screen legend is HTML and not in the file). */
  #svg(id: string, caption: string) {
    return (look: SvgLook) => {
      const layers = this.finished?.result.full.deltas.length ?? 0;
      const key = id === 'ft-spectrum' ? spectrumKey(layers) : [
        { label: 'LoRA at rank r', color: this.loraColor, mark: 'dot' as const },
        { label: 'full fine-tune', color: this.fullColor, mark: 'dash' as const },
      ];
      return serializeSvgFigure({ caption, key, parts: [chartSvg(this.renderRoot.querySelector(`[data-plot="${id}"]`)!)] }, { look });
    };
  }

  protected override updated(changed: PropertyValues<this>): void {
    const f = this.finished;
    if (!f || !(changed.has('finished' as keyof TrainingFineTune) || changed.has('fullColor') || changed.has('loraColor'))) return;
    this.renderRoot.querySelector('[data-plot="ft-spectrum"]')?.replaceChildren(deltaSpectrumChart(f.result));
    this.renderRoot.querySelector('[data-plot="ft-loss"]')?.replaceChildren(lossByRankChart(f.result, { full: this.fullColor, lora: this.loraColor }));
  }

  #field(field: keyof FineTuneSettings, label: string, title: string, value: string, input: (v: string) => Partial<FineTuneSettings>): TemplateResult {
    const error = this.errors[field];
    return html`<label for=${`ft-${field}`} title=${title}>${label}</label>
      <input id=${`ft-${field}`} type="text" inputmode="decimal" data-testid=${`ft-${field}`} title=${title} .value=${value}
        aria-invalid=${error ? 'true' : 'false'} @change=${(e: Event) => this.#edit(input((e.target as HTMLInputElement).value))} />
      ${error ? html`<span class="error" role="alert" data-testid=${`ft-error-${field}`}>${error}</span>` : nothing}`;
  }

  #form(s: FineTuneSettings, setup: TrainingSetup, net: ReluNet): TemplateResult {
    const shapes = layerShapes(net);
    const others = otherTasks(setup);
    const e = this.errors;
    return html`<div class="grid">
      <label for="ft-task" title="The new task the pretrained network is fine-tuned on">new task</label>
      <select id="ft-task" data-testid="ft-task" title="The new task the pretrained network is fine-tuned on" @change=${(ev: Event) => this.#edit({ task: (ev.target as HTMLSelectElement).value as FineTuneSettings['task'] })}>
        <option value="shift" ?selected=${s.task === 'shift'}>this data, moved</option>
        ${others.map((k) => html`<option value=${k} ?selected=${s.task === k}>${DATASET_NAMES[k]}</option>`)}
      </select>
      ${e.task ? html`<span class="error" role="alert" data-testid="ft-error-task">${e.task}</span>` : nothing}
      ${s.task === 'shift' ? html`
        ${this.#field('angle', 'turn (°)', 'Every point turned by this angle about the origin in the (x₁, x₂) plane', s.angle, (angle) => ({ angle }))}
        ${this.#field('offsetX', 'shift x₁', 'Every point moved by this much along x₁ (−2 to 2)', s.offsetX, (offsetX) => ({ offsetX }))}
        ${this.#field('offsetY', 'shift x₂', 'Every point moved by this much along x₂ (−2 to 2)', s.offsetY, (offsetY) => ({ offsetY }))}` : nothing}
    </div>
    <fieldset data-testid="ft-layers" title="The layers whose W LoRA adapts (W = W₀ + AB); the rest stay frozen">
      <legend class="note">LoRA adapts</legend>
      ${shapes.map(([n, m], l) => html`<label><input type="checkbox" data-testid=${`ft-layer-${l}`} .checked=${s.layers.includes(l)}
        @change=${(ev: Event) => this.#edit({ layers: (ev.target as HTMLInputElement).checked ? [...s.layers, l] : s.layers.filter((x) => x !== l) })} />
        ${layerName(l, shapes.length)} <span class="note">${n}×${m}</span></label>`)}
    </fieldset>
    ${e.layers ? html`<span class="error" role="alert" data-testid="ft-error-layers">${e.layers}</span>` : nothing}
    <div class="grid">
      ${this.#field('ranks', 'ranks r', 'LoRA ranks to compare, e.g. 1, 2, 4, 8 (each from 1 to the smaller side of the smallest adapted W)', s.ranks, (ranks) => ({ ranks }))}
      ${this.#field('steps', 'steps', `Steps of every run, 1 to ${MAX_FINE_TUNE_STEPS} (the lab's optimiser, batch size and seed)`, s.steps, (steps) => ({ steps }))}
    </div>`;
  }

  #results(f: Finished): TemplateResult {
    const { result, options } = f;
    const shapes = result.full.deltas.map((d) => [d.delta.length, d.delta[0]!.length] as const);
    const layers = shapes.length;
    const widths = [shapes[0]![1], ...shapes.map(([n]) => n)];
    const counts = (rank: number) => fineTuneParameterCounts(widths, options.layers, rank);
    const adapted = options.layers.map((l) => layerName(l, layers)).join(', ');
    const diverged = [result.full, ...result.lora].filter((r) => r.divergedAt !== undefined);
    return html`
      <p class="note" data-testid="ft-about">Pretrained: the lab's network at step ${f.pretrainedAt}. Each run: ${options.steps} steps on the new task, same batches; LoRA on ${adapted}.</p>
      ${this.setup && setupKey(this.setup) !== f.setupKey ? html`<p class="note" data-testid="ft-stale"><b>The lab's settings have changed since:</b> these results are of the earlier network; Run again for the current one.</p>` : nothing}
      ${diverged.length ? html`<p class="error" role="alert">${diverged.map((r) => `${'rank' in r ? `LoRA r = ${(r as { rank: number }).rank}` : 'The full fine-tune'} diverged at step ${r.divergedAt}.`).join(' ')}</p>` : nothing}
      <div class="head"><span>Is the full update low-rank? σᵢ(ΔW) per layer</span><hinge-svg-button label="ΔW singular values chart" fileName="hinge-finetune-delta-spectrum" .source=${this.#svg('ft-spectrum', 'Singular values of the full fine-tune’s ΔW')}></hinge-svg-button></div>
      <div class="plot" data-plot="ft-spectrum" data-testid="ft-spectrum-chart"></div>
      ${this.#zeroNote(result)}
      <div class="scroll"><table data-testid="ft-delta-table">
        <tr><th>ΔW</th><th>‖ΔW‖_F</th><th title="The smallest rank keeping 90% of ‖ΔW‖²_F, of all its directions">90% at r</th><th title="Open this ΔW in the LoRA lab">open</th></tr>
        ${result.full.deltas.map((d, l) => {
          const e = deltaEnergy(d.singularValues);
          return html`<tr data-testid=${`ft-delta-${l}`}><td title=${`${shapes[l]![0]}×${shapes[l]![1]}`}>${layerName(l, layers)}</td>
            <td data-value=${d.frobenius}>${num(d.frobenius)}</td><td>${e.rankForShare} of ${e.directions}</td>
            <td><button class="small" data-testid=${`ft-open-lora-${l}`} title=${`This ΔW (${shapes[l]![0]}×${shapes[l]![1]}) in the LoRA lab: its compression curve`} @click=${() => void openDeltaInLora(d.delta, l, layers, options.steps)}>LoRA lab</button></td></tr>`;
        })}
      </table></div>
      <div class="scroll"><table data-testid="ft-kept-table" aria-label="The share of ‖ΔW‖²_F the best rank-r matrix keeps, per layer">
        <tr><th title="The share of ‖ΔW‖²_F the best rank-r matrix keeps">kept at</th>${shapes.map((_, l) => html`<th>${layerName(l, layers).replace(' (output)', '')}</th>`)}</tr>
        ${options.ranks.map((r) => html`<tr data-testid=${`ft-kept-r${r}`}><td>r = ${r}</td>${result.full.deltas.map((d) => {
          const e = deltaEnergy(d.singularValues);
          const kept = e.kept[Math.min(r, e.directions)]!;
          return html`<td data-value=${String(kept)}>${pct(kept)}</td>`;
        })}</tr>`)}
      </table></div>
      <ul data-testid="ft-verdicts">${result.full.deltas.map((d, l) => html`<li>${deltaVerdict(layerName(l, layers), shapes[l]!, deltaEnergy(d.singularValues))}</li>`)}</ul>
      <div class="head"><span>Loss on the new task: LoRA by rank, full dashed</span><hinge-svg-button label="loss against rank chart" fileName="hinge-finetune-loss-by-rank" .source=${this.#svg('ft-loss', 'Training loss after fine-tuning: LoRA by rank against the full fine-tune')}></hinge-svg-button></div>
      <div class="plot" data-plot="ft-loss" data-testid="ft-loss-chart"></div>
      <div class="scroll"><table data-testid="ft-runs-table">
        <tr><th>run</th><th title="Numbers the run trained">trained</th><th>train loss</th><th>test loss</th></tr>
        <tr data-testid="ft-run-full"><td>full</td><td>${result.full.trainedParameters}</td><td data-value=${result.full.trainLoss}>${num(result.full.trainLoss)}</td><td data-value=${result.full.testLoss}>${num(result.full.testLoss)}</td></tr>
        <tr data-testid="ft-run-full-layers"><td title=${`Every weight of ${adapted}, no biases: what a full update of the adapted layers would train`}>full ${adapted}</td><td>${counts(options.ranks[0]!).fullLayers}</td><td>—</td><td>—</td></tr>
        ${result.lora.map((r) => html`<tr data-testid=${`ft-run-r${r.rank}`}><td>LoRA r = ${r.rank}</td><td>${r.trainedParameters}</td><td data-value=${r.trainLoss}>${num(r.trainLoss)}</td><td data-value=${r.testLoss}>${num(r.testLoss)}</td></tr>`)}
      </table></div>
      <p class="note" data-testid="ft-loss-verdict">${lossVerdict(result)}</p>`;
  }

  /** How many σᵢ the spectrum chart leaves out as zero to rounding. */
  #zeroNote(result: FineTuneComparison) {
    const zeros = result.full.deltas.reduce((n, d) => n + d.singularValues.filter((v) => !(v > ROUNDING * d.singularValues[0]!)).length, 0);
    return zeros ? html`<p class="note" data-testid="ft-zero-note">${zeros} singular value${zeros === 1 ? ' is' : 's are'} zero to rounding (≤ 10⁻¹² σ₁ of the layer: a unit that never fired leaves ΔW a zero row or column) and not drawn.</p>` : nothing;
  }

  override render() {
    const s = this.#settings();
    const { setup, net } = this;
    if (!s || !setup || !net) return nothing;
    const view = this.job.view;
    const running = view.status === 'running';
    return html`
      <p class="note">The network as trained so far is the pretrained one. Fine-tune it on a new task fully, and with LoRA (W = W₀ + AB, W₀ frozen, A random, B = 0 at the start) at each rank: how much of the full update does each rank catch?</p>
      ${this.#form(s, setup, net)}
      <div class="row">
        <button class="primary" data-testid="ft-run" ?disabled=${running} title="Fine-tune fully and with LoRA of each rank, in a worker" @click=${() => void this.#run()}>Run</button>
        ${running ? html`<button data-testid="ft-cancel" title="Stop the experiment" @click=${() => this.job.cancel()}>Cancel</button>
          <progress data-testid="ft-progress" max="1" .value=${view.progress} aria-label="Fine-tuning progress"></progress><span class="note">${view.phase}</span>` : nothing}
      </div>
      ${view.status === 'failed' ? html`<p class="error" role="alert" data-testid="ft-failed">${view.message}</p>` : nothing}
      ${this.finished ? this.#results(this.finished) : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-training-finetune': TrainingFineTune;
  }
}
