import { css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { TokenizeError, tokenize } from '../../../src/attention/index.js';
import { formatNumber } from '../../../src/layer/index.js';
import '../../components/export-panel.js';
import { loadParser } from '../../components/expression-parser.js';
import '../../components/matrix-editor.js';
import type { MatrixInputDetail } from '../../components/matrix-editor.js';
import { katexStyles, tex } from '../../components/tex.js';
import { scenePalette, type ExportLook } from '../../theme.js';
import { LabView, type LabChange } from '../lab-view.js';
import { HEAD_COLORS, tokenColor } from './attention-colors.js';
import './attention-controls.js';
import { explainers } from './attention-explain.js';
import './attention-heatmap.js';
import { attentionModel, headColumns, type AttentionModel } from './attention-model.js';
import './attention-row.js';
import { AttentionScene, LEGEND_PX } from './attention-scene.js';
import { AttentionStore, type AttentionChange, type AttentionState, type WeightName } from './attention-store.js';
import { labPanel } from '../../components/lab-styles.js';
import type { RealHeadsOutcome } from '../../workers/real-attention-client.js';
import { realPanel, sourceSwitch } from './attention-real-panel.js';
import { RealAttention } from './attention-real-controller.js';
import { realFormula, realMatrices, realPicture } from './attention-real-view.js';
import { realAttention as real } from './real-source.js';

const f3 = (v: number) => formatNumber(v, 3);
const vector = (v: readonly number[]) => `(${v.map(f3).join(', ')})`;

/** A refusal shown under the field it belongs to; `index` marks the character it points at. */
interface FieldError {
  readonly message: string;
  readonly text?: string;
  readonly index?: number;
}

/**
 * The Attention lab: a typed sentence becomes token vectors X, projected to queries, keys and
 * values; QKᵀ/√d_k scores every query against every key, softmax turns each row into weights
 * summing to 1, and each output is the weighted average of the values — drawn as a point inside
 * their convex hull. Click a token (or pick it with the keyboard) to follow its row.
 */
@customElement('hinge-attention-lab')
export class AttentionLab extends LabView<AttentionState, AttentionChange, AttentionStore> {
  static override styles = [
    katexStyles,
    ...labPanel,
    css`
      :host { display: grid; grid-template-columns: minmax(0, 1fr) 392px; grid-template-rows: auto minmax(220px, 1fr) auto; height: 100%; }
      .tokens { grid-row: 1; grid-column: 1; display: flex; flex-wrap: wrap; gap: 4px; padding: 8px 12px; border-bottom: 1px solid var(--border); background: var(--panel); align-items: center; }
      .tokens .hint { color: var(--muted); font-size: 12px; margin-right: 6px; }
      .token { font: 13px var(--font-mono); color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 3px 7px 3px 6px; cursor: pointer; display: inline-flex; gap: 5px; align-items: center; }
      .token i { width: 8px; height: 8px; border-radius: 50%; display: inline-block; }
      .token sub { color: var(--muted); font-size: 10px; }
      .token[aria-checked='true'] { border-color: var(--output); box-shadow: inset 0 0 0 1px var(--output); font-weight: 700; }
      .token:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
      .stage { position: relative; min-height: 0; grid-row: 2; grid-column: 1; }
      .canvas { position: absolute; inset: 0; outline: none; }
      .canvas:focus-visible { box-shadow: inset 0 0 0 2px var(--accent); }
      .legend { position: absolute; left: 12px; top: 12px; width: min(316px, 60%); box-sizing: border-box; background: color-mix(in srgb, var(--panel) 90%, transparent); border: 1px solid var(--border);
        border-radius: var(--radius); padding: 8px 10px; font-size: 12.5px; display: grid; gap: 3px; pointer-events: none; line-height: 1.35; }
      .legend span { display: flex; align-items: center; gap: 7px; }
      .legend .plain { font-family: var(--font-mono); font-size: 12px; }
      .legend .note { color: var(--muted); font-size: 12px; }
      .dot { width: 9px; height: 9px; border-radius: 50%; display: inline-block; flex: none; }
      .swatch { width: 14px; height: 4px; border-radius: 2px; display: inline-block; flex: none; }
      .fill { width: 12px; height: 10px; display: inline-block; opacity: 0.45; flex: none; }
      .matrices { grid-row: 3; grid-column: 1; max-height: 46vh; overflow: auto; border-top: 1px solid var(--border); background: var(--panel); padding: 10px 12px 12px; }
      .matrices .strip { display: flex; gap: 10px; align-items: flex-start; width: max-content; }
      .matrices .arrow { align-self: center; color: var(--muted); font-size: 11.5px; text-align: center; white-space: nowrap; line-height: 1.3; }
      aside { grid-row: 1 / span 3; grid-column: 2; }
      .math { overflow-x: auto; overflow-y: hidden; }
      .plain { font-family: var(--font-mono); font-size: 12.5px; font-variant-numeric: tabular-nums; line-height: 1.55; overflow-wrap: anywhere; }
      input[type='text'], input[type='number'] { font: 13px var(--font-mono); background: var(--field); color: var(--text); border: 1px solid var(--border); border-radius: 4px; padding: 5px 6px; }
      input[type='text'] { width: 100%; box-sizing: border-box; }
      input[aria-invalid='true'] { border-color: var(--error); background: var(--error-bg); }
      button { font: inherit; font-size: 12.5px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 4px 9px; cursor: pointer; }
      .error { color: var(--error); font-size: 12.5px; margin-top: 6px; line-height: 1.4; }
      .where { font-family: var(--font-mono); white-space: pre-wrap; display: block; margin-top: 3px; overflow-wrap: anywhere; }
      .where mark { background: var(--error); color: var(--bg); border-radius: 2px; padding: 0 1px; }
      details { border: 1px solid var(--border); border-radius: var(--radius); padding: 6px 10px; }
      details + details { margin-top: 8px; }
      summary { cursor: pointer; font-size: 13px; font-family: var(--font-mono); }
      summary small { font-family: var(--font-ui); color: var(--muted); margin-left: 6px; }
      .editor { overflow-x: auto; padding: 8px 0 4px; }
      .head-dot { width: 8px; height: 8px; border-radius: 50%; display: inline-block; margin-right: 5px; }
      .seg { display: flex; gap: 4px; flex-wrap: wrap; align-items: center; }
      button[aria-pressed='true'] { background: var(--accent); color: var(--on-accent); border-color: transparent; }
      button.primary, label.button.primary { background: var(--accent); color: var(--on-accent); border-color: transparent; }
      label.button { position: relative; overflow: hidden; font-size: 12.5px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 4px 9px; cursor: pointer; }
      label.button:focus-within { outline: 2px solid var(--accent); outline-offset: 1px; }
      input[type='file'] { position: absolute; width: 1px; height: 1px; opacity: 0; }
      .empty { position: absolute; inset: 0; display: grid; place-items: center; padding: 24px; background: var(--bg); color: var(--muted); font-size: 13.5px; line-height: 1.5; text-align: center; }
      .empty p { max-width: 460px; margin: 0; }
      .facts { display: grid; gap: 6px; font-size: 12.5px; line-height: 1.45; }
      .facts b { font-weight: 600; }
      .facts .read { color: var(--muted); overflow-wrap: anywhere; }
    `,
  ];

  @state() private sentenceDraft: string | undefined;
  @state() private sentenceError: FieldError | undefined;
  @state() private fieldErrors: Partial<Record<WeightName | 'E', string>> = {};
  @state() private openEditors = new Set<string>();
  @query('.canvas') private canvasBox!: HTMLElement;

  /** Everything attention computes from the state (the shell re-renders on every change). */
  private model: AttentionModel;
  readonly #scenes = this.addScene('.canvas', (look) => this.#buildScene(look));
  /** Real mode's actions; layer 0 of a real checkpoint is computed by its job in a worker. */
  readonly #real = new RealAttention(this.addJob<RealHeadsOutcome>(), () => {
    this.#refreshScene();
    this.requestUpdate();
  });
  /** The topology of the view on screen (AttentionScene.topologyKey): another one needs a new view. */
  #topology = '';
  /** Exports have no HTML legend, so a view built for one frames its points in the whole picture. */
  #exporting = false;
  #pressedAt: { x: number; y: number } | undefined;

  constructor() {
    super('attention', (initial) => new AttentionStore(initial));
    this.model = attentionModel(this.state);
  }

  /** The store's state (the shell's, under the name the template reads). */
  private get attn(): AttentionState {
    return this.state;
  }

  protected stateChanged(_change: LabChange<AttentionChange>): void {
    this.model = attentionModel(this.state);
    // In real mode the picture is the checkpoint's: the toy state changes behind it (undo, a project).
    if (!this.#isReal) this.#refreshScene();
  }

  /** A new query, head, temperature or weights move the same marks; new tokens or axes need a new view. */
  #refreshScene(): void {
    const picture = this.#picture();
    const view = this.#scenes.view;
    if (!view || AttentionScene.topologyKey(picture.view) !== this.#topology) {
      this.#scenes.rebuild();
      return;
    }
    view.update(picture.view, picture.labels, picture.query);
    this.#scenes.requestRender();
  }

  /** Real mode with a checkpoint's heads to show. */
  get #isReal(): boolean {
    return this.#real.isReal;
  }

  /** What the picture shows: the real head when there is one to show, else the toy model. */
  #picture(): { view: AttentionModel['view']; labels: readonly string[]; query: number } {
    if (this.#isReal && real.result) return realPicture(real.result, real.head, real.query, real.projection);
    return this.model;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#real.resume();
  }

  protected override firstUpdated(): void {
    this.addEventListener('first-frame', () => setTimeout(() => void loadParser(), 0), { once: true });
  }

  #buildScene(look: ExportLook): AttentionScene {
    const m = this.#picture();
    const scene = new AttentionScene(m.view, m.labels, m.query, scenePalette(look), this.#scenes.canvas!, () => this.#scenes.requestRender());
    if (this.#exporting) scene.legendPx = 0;
    else this.#topology = AttentionScene.topologyKey(m.view);
    return scene;
  }

  /**
   * The current view as a PNG (the shell's export). The export has no HTML legend, so the points
   * are framed in the whole picture rather than beside it; the view on screen is framed back after.
   */
  override async exportPng(scale: number, look: ExportLook | 'theme' = 'theme', maxTile?: number) {
    const scene = this.#scenes.view;
    this.#exporting = true;
    if (scene) scene.legendPx = 0;
    try {
      return await super.exportPng(scale, look, maxTile);
    } finally {
      this.#exporting = false;
      if (scene) {
        scene.legendPx = LEGEND_PX;
        scene.refit();
        this.#scenes.requestRender();
      }
    }
  }

  readonly #exporter = (scale: number, look: ExportLook | 'theme') => this.exportPng(scale, look);

  // ---- input ------------------------------------------------------------------------------------

  #onSentence(text: string): void {
    if (this.#isReal) {
      this.#real.sentence(text);
      return;
    }
    this.sentenceDraft = text;
    try {
      tokenize(text);
    } catch (error) {
      const e = error as TokenizeError;
      this.sentenceError = { message: e.message, text, index: e.kind === 'too-many' ? e.index : undefined };
      return;
    }
    this.sentenceError = undefined;
    this.store.setSentence(text);
  }

  /** Stores a typed matrix only if attention can be computed with it; otherwise says why at its field. */
  #tryMatrix(name: WeightName | 'E', value: number[][]): void {
    const s = this.store.state;
    const candidate: AttentionState = name === 'E' ? { ...s, embeddings: value } : { ...s, weights: { ...s.weights, [name]: value } };
    try {
      attentionModel(candidate);
    } catch (error) {
      this.fieldErrors = { ...this.fieldErrors, [name]: (error as Error).message };
      return;
    }
    this.fieldErrors = { ...this.fieldErrors, [name]: undefined };
    if (name === 'E') this.store.setEmbeddings(value);
    else this.store.setWeight(name, value);
  }

  #select(i: number): void {
    if (this.#isReal) this.#real.query(i);
    else this.store.selectQuery(i, this.model.tokens.length);
  }

  #tokenCount(): number {
    return this.#picture().labels.length;
  }

  #onTokenKey(event: KeyboardEvent): void {
    const n = this.#tokenCount();
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    let next: number | undefined;
    if (event.key in moves) next = (this.#picture().query + moves[event.key]! + n) % n;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = n - 1;
    if (next === undefined) return;
    event.preventDefault();
    this.#select(next);
    void this.updateComplete.then(() => (this.renderRoot.querySelector(`[data-testid="token-${next}"]`) as HTMLElement | null)?.focus());
  }

  /** A click (not an orbit drag) on a value point picks that token. */
  #onPointerUp(event: PointerEvent): void {
    const at = this.#local(event);
    const pressed = this.#pressedAt;
    this.#pressedAt = undefined;
    const scene = this.#scenes.view;
    if (!pressed || Math.hypot(at.x - pressed.x, at.y - pressed.y) > 4 || !scene) return;
    let best = -1;
    let bestDistance = 16;
    this.#picture().view.points.forEach((p, j) => {
      const s = scene.pointOnScreen(p);
      const distance = Math.hypot(s.x - at.x, s.y - at.y);
      if (distance < bestDistance) [best, bestDistance] = [j, distance];
    });
    if (best >= 0) this.#select(best);
  }

  #local(event: PointerEvent): { x: number; y: number } {
    const rect = this.canvasBox.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  #toggleEditor(name: string, open: boolean): void {
    const next = new Set(this.openEditors);
    if (open) next.add(name);
    else next.delete(name);
    this.openEditors = next;
  }

  // ---- rendering ----------------------------------------------------------------------------------

  #tokenStrip() {
    const r = this.#isReal ? real.result : undefined;
    const tokens = r ? r.readable : this.model.tokens;
    const query = this.#picture().query;
    const ids = r?.ids;
    return html`<div class="tokens" role="radiogroup" aria-label="Query token: click one to follow its row" @keydown=${this.#onTokenKey}
      data-testid="tokens-strip" data-tokens=${r ? JSON.stringify(r.tokens) : nothing}>
      <span class="hint" aria-hidden="true">${r ? 'The model’s tokens (␣ = space), click one:' : 'Click a token:'}</span>
      ${tokens.map((t, i) => html`<button class="token" role="radio" data-testid=${`token-${i}`} aria-checked=${i === query ? 'true' : 'false'}
        tabindex=${i === query ? '0' : '-1'} title=${ids ? `Follow ${t} (token ${i + 1}, id ${ids[i]}, spelled ${r!.tokens[i]}) as the query` : `Follow ${t} (token ${i + 1}) as the query`}
        @click=${() => this.#select(i)}><i style=${`background: ${tokenColor(i)}`}></i>${t}<sub>${i + 1}</sub></button>`)}
    </div>`;
  }

  #legend() {
    const r = this.#isReal ? real.result : undefined;
    const m = this.#picture();
    const v = m.view;
    const dv = r ? r.headDim : this.model.result.dv;
    const headName = r ? `layer 0 head ${realPicture(r, real.head, 0, 2).head + 1}'s` : this.model.result.headCount > 1 ? `head ${this.model.head + 1}'s` : 'the';
    const how = v.kind === 'direct'
      ? `Axes: the ${dv} coordinate${dv === 1 ? '' : 's'} of ${headName} value vectors (d_k = ${dv}${dv === 1 ? ', drawn on a line' : ''}).`
      : `Projected: d_k = ${dv} is too many to draw, so ${headName} values are shown on their top ${v.space} principal directions (${v.kept.map((k, i) => `PC${'₁₂₃'[i]} ${Math.round(k * 100)}%`).join(', ')} of their spread). The projection is affine, so the output stays the same weighted average.`;
    return html`<div class="legend" data-testid="view-legend">
      <span><i class="dot" style=${`background: ${tokenColor(0)}`}></i>value vectors vⱼ (one per token)</span>
      <span><i class="dot" style="background: var(--output)"></i>output of ${m.labels[m.query]} = Σⱼ wⱼ vⱼ</span>
      <span><i class="swatch" style="background: var(--output)"></i>line width = weight wⱼ</span>
      ${v.space === 2 ? html`<span><i class="fill" style="background: var(--input)"></i>convex hull of the values it sees</span>` : nothing}
      <span class="plain" data-testid="output-point" data-value=${JSON.stringify(v.output)} data-points=${JSON.stringify(v.points)}>output at ${vector(v.output)}</span>
      <span class="note">${how}</span>
    </div>`;
  }

  #matrices() {
    const m = this.model;
    const s = this.attn;
    const r = m.result;
    const h = m.head;
    const n = m.tokens.length;
    const cell = Math.max(9, Math.min(16, Math.floor(230 / n)));
    const ex = explainers(m, s);
    const coords = (k: number) => Array.from({ length: k }, (_, c) => String(c + 1));
    const sub = r.headCount > 1 ? `, head ${h + 1}` : '';
    const divisor = `${s.scale ? '/√d_k' : ''}${s.temperature !== 1 ? '/T' : ''}`;
    const select = (e: CustomEvent<number>) => this.#select(e.detail);
    return html`<section class="matrices" aria-label="The matrices of attention" @row-select=${select}>
      <div class="strip">
        <hinge-attention-heatmap name="X" note=${s.positional ? '= E + P' : '= E'} .matrix=${m.X} .rowLabels=${m.labels} .colLabels=${coords(s.d)}
          .explain=${ex.X} .selectedRow=${m.query} .cell=${cell}></hinge-attention-heatmap>
        <div class="arrow" aria-hidden="true">×W<br />→</div>
        <hinge-attention-heatmap name="Q" fileName=${`hinge-attention-Q-head${h + 1}`} note=${`= XW_Q${sub}`} .matrix=${headColumns(r.Q, h, r.dk)} .rowLabels=${m.labels} .colLabels=${coords(r.dk)}
          .explain=${(i: number, c: number) => ex.Q(i, c)} .selectedRow=${m.query} .cell=${cell}></hinge-attention-heatmap>
        <hinge-attention-heatmap name="K" fileName=${`hinge-attention-K-head${h + 1}`} note=${`= XW_K${sub}`} .matrix=${headColumns(r.K, h, r.dk)} .rowLabels=${m.labels} .colLabels=${coords(r.dk)}
          .explain=${ex.K} .cell=${cell}></hinge-attention-heatmap>
        <hinge-attention-heatmap name="V" fileName=${`hinge-attention-V-head${h + 1}`} note=${`= XW_V${sub}`} .matrix=${headColumns(r.V, h, r.dv)} .rowLabels=${m.labels} .colLabels=${coords(r.dv)}
          .explain=${ex.V} .cell=${cell}></hinge-attention-heatmap>
        <div class="arrow" aria-hidden="true">QKᵀ<br />→</div>
        <hinge-attention-heatmap name="scores" fileName=${`hinge-attention-scores-head${h + 1}`} note=${`QKᵀ${divisor}${s.causal ? ', causal' : ''}`} .matrix=${r.scores[h]!} .rowLabels=${m.labels} .colLabels=${m.labels}
          .explain=${ex.scores} .selectedRow=${m.query} .cell=${cell}></hinge-attention-heatmap>
        <div class="arrow" aria-hidden="true">soft-<br />max<br />→</div>
        <hinge-attention-heatmap name="weights" fileName=${`hinge-attention-weights-head${h + 1}`} note="rows sum to 1" scale="sequential" .matrix=${r.weights[h]!}
          .masked=${s.causal ? r.scores[h]!.map((row) => row.map((v) => v === -Infinity)) : undefined} .rowLabels=${m.labels} .colLabels=${m.labels}
          .explain=${ex.weights} .selectedRow=${m.query} .cell=${cell}></hinge-attention-heatmap>
      </div>
    </section>`;
  }

  #queryReadout() {
    const m = this.model;
    const r = m.result;
    const i = m.query;
    const h = m.head;
    const q = r.Q[i]!.slice(h * r.dk, (h + 1) * r.dk);
    const n = m.tokens.length;
    const visible = this.attn.causal ? i + 1 : n;
    const H = m.entropy[i]!;
    return html`<section>
      <h2 aria-live="polite">Token ${i + 1}: ${m.tokens[i]}${r.headCount > 1 ? html` · <i class="head-dot" style=${`background: ${HEAD_COLORS[h]}`}></i>head ${h + 1}` : nothing}</h2>
      <div class="plain" data-testid="query-vector" data-value=${JSON.stringify(q)}>query q${i + 1} = ${vector(q)}</div>
      <p class="note">Its score against key j is the inner product qᵢ·kⱼ${this.attn.scale ? ' divided by √d_k' : ''}${this.attn.temperature !== 1 ? ' and by T' : ''}; softmax turns the scores into weights.</p>
      <hinge-attention-row data-testid="query-row" data-query=${i} data-scores=${JSON.stringify(r.scores[h]![i]!.map((s) => (Number.isFinite(s) ? s : null)))}
        data-weights=${JSON.stringify(r.weights[h]![i]!)} fileName=${`hinge-attention-query${i + 1}-head${h + 1}`} .labels=${m.labels} .scores=${r.scores[h]![i]!} .weights=${r.weights[h]![i]!} .query=${i}></hinge-attention-row>
      <div class="plain" data-testid="entropy" data-value=${String(H)}>
        entropy H = ${f3(H)} nats (even spread over ${visible}: ln ${visible} = ${f3(Math.log(visible))})
      </div>
      <p class="note">${this.attn.scale ? 'Without' : 'With'} √d_k scaling this row's entropy would be ${f3(m.entropyOtherScaling)}${this.attn.scale ? ': larger scores make softmax more peaked.' : ': smaller scores spread the weight.'}</p>
      <div class="plain" data-testid="head-output" data-value=${JSON.stringify(r.headOutputs[h]![i]!)}>
        output = Σⱼ wⱼ vⱼ = ${vector(r.headOutputs[h]![i]!)}
      </div>
      ${r.headCount > 1
        ? html`<div class="plain" data-testid="final-output" data-value=${JSON.stringify(r.output[i]!)}>after W_O: ${vector(r.output[i]!)}</div>
            <p class="note">The ${r.headCount} head outputs are placed side by side (${r.headCount}·${r.dv} = ${r.headCount * r.dv} numbers) and W_O mixes them back into d = ${this.attn.d}.</p>`
        : nothing}
    </section>`;
  }

  #editors() {
    const s = this.attn;
    const m = this.model;
    const n = m.tokens.length;
    const cols = s.heads * s.dk;
    const shapes: Record<WeightName, string> = { W_Q: `${s.d}x${cols}`, W_K: `${s.d}x${cols}`, W_V: `${s.d}x${cols}`, W_O: `${cols}x${s.d}` };
    const names: WeightName[] = s.heads > 1 ? ['W_Q', 'W_K', 'W_V', 'W_O'] : ['W_Q', 'W_K', 'W_V'];
    const editor = (name: WeightName | 'E', value: readonly (readonly number[])[], shape: string, summary: string) => html`
      <details ?open=${this.openEditors.has(name)} @toggle=${(e: Event) => this.#toggleEditor(name, (e.target as HTMLDetailsElement).open)}>
        <summary data-testid=${`open-${name}`}>${name}<small>${summary}</small></summary>
        ${this.openEditors.has(name)
          ? html`<div class="editor"><hinge-matrix-editor label=${name} note=${shape.replace('x', '×')} .value=${value as number[][]} .allowedShapes=${[shape]}
              @matrix-input=${(e: CustomEvent<MatrixInputDetail>) => this.#tryMatrix(name, e.detail.value)}></hinge-matrix-editor></div>`
          : nothing}
        ${this.fieldErrors[name] ? html`<div class="error" role="alert" data-testid=${`model-error-${name}`}>${this.fieldErrors[name]}</div>` : nothing}
      </details>`;
    return html`<section>
      <h2>Projections and embeddings</h2>
      ${names.map((name) => editor(name, s.weights[name], shapes[name], name === 'W_O' ? `${cols}×${s.d}, mixes the heads` : `${s.d}×${cols}${s.heads > 1 ? `, ${s.heads} blocks of ${s.dk}` : ''}`))}
      ${editor('E', m.E, `${n}x${s.d}`, `${n}×${s.d} token vectors${s.embeddings ? ', typed by hand' : ', from the seed'}`)}
      ${s.embeddings ? html`<div class="row" style="margin-top: 6px"><button data-testid="reset-embeddings" title="Use the seeded token vectors again"
        @click=${() => this.store.setEmbeddings(null)}>Back to seeded vectors</button></div>` : nothing}
      <p class="note">Type any matrix as one expression, e.g. <code>randn(${s.d}, ${cols}) / 2</code>, or edit a cell. Changing d, d_k, the heads or the seed draws new projections.</p>
    </section>`;
  }

  #sentenceField() {
    const err = this.sentenceError;
    const n = this.model.tokens.length;
    return html`<section>
      <label for="sentence"><h2>Sentence</h2></label>
      <input id="sentence" type="text" data-testid="sentence" spellcheck="false" autocomplete="off" .value=${this.sentenceDraft ?? this.attn.sentence}
        aria-invalid=${err ? 'true' : 'false'} aria-describedby=${err ? 'sentence-error' : nothing}
        title="Words and punctuation marks become tokens (up to 32)" @input=${(e: Event) => this.#onSentence((e.target as HTMLInputElement).value)} />
      ${err
        ? html`<div class="error" role="alert" id="sentence-error" data-testid="sentence-error">${err.message}
            ${err.index !== undefined && err.text ? html`<span class="where" aria-hidden="true">${err.text.slice(Math.max(0, err.index - 30), err.index)}<mark>${err.text.slice(err.index)}</mark></span>` : nothing}
            <div>Still showing the last sentence that fit.</div></div>`
        : html`<p class="note">${n} token${n === 1 ? '' : 's'}. Each becomes a vector of d numbers from its text and the seed${this.attn.positional ? ', plus a code for its position' : ''}.</p>`}
    </section>`;
  }

  override render() {
    const isReal = this.#isReal;
    const r = isReal ? real.result : undefined;
    const m = this.#picture();
    const title = r ? `layer 0 head ${realPicture(r, real.head, 0, 2).head + 1}` : this.model.result.headCount > 1 ? `head ${this.model.head + 1}` : 'each token';
    return html`
      ${isReal && !r ? nothing : this.#tokenStrip()}
      <div class="stage">
        <div class="canvas" tabindex="0" role="img" data-testid="stage"
          aria-label=${`The values of ${title} as points and the output of ${m.labels[m.query]} among them. ${m.view.space === 3 ? 'Drag to orbit, scroll to zoom. ' : ''}Click a point to follow that token.`}
          @pointerdown=${(e: PointerEvent) => (this.#pressedAt = this.#local(e))} @pointerup=${this.#onPointerUp}></div>
        ${this.#legend()}
        ${isReal && !r ? html`<div class="empty" data-testid="real-empty"><p>${real.files
          ? (this.#real.job.running ? 'Reading layer 0…' : real.sentenceError ? 'Nothing to show yet: see the message under the sentence.' : 'The checkpoint could not be read: see the message on the right.')
          : 'Open a GPT-2 or Llama-style checkpoint (its folder, or config.json, tokenizer.json and the weights) to see its layer 0 heads on your sentence.'}</p></div>` : nothing}
      </div>
      ${isReal ? (r ? realMatrices(r, realPicture(r, real.head, real.query, real.projection)) : nothing) : this.#matrices()}
      <aside aria-label="Attention controls">
        <div>
          <h1>Attention</h1>
          <p class="lede">Each token asks a question (its query) and offers an answer (its value); keys decide who answers. A score is an inner product of a query with a key, softmax turns a row of scores into weights that sum to 1, and the output is the weighted average of the values.</p>
          ${isReal
            ? html`<p class="plain" data-testid="real-formula">${realFormula(r)}</p>`
            : html`<div class="math">${tex('\\begin{gathered} Q = XW_Q,\\quad K = XW_K,\\quad V = XW_V \\\\ \\operatorname{output} = \\operatorname{softmax}\\!\\Big(\\frac{QK^{\\top}}{\\sqrt{d_k}}\\Big) V \\end{gathered}', true)}</div>`}
        </div>
        ${sourceSwitch(this.#isReal, this.#real)}
        ${isReal
          ? realPanel(real, this.#real.job.view, this.#real)
          : html`${this.#sentenceField()}
            ${this.#queryReadout()}
            <hinge-attention-controls .store=${this.store} .state=${this.attn} .head=${this.model.head}></hinge-attention-controls>
            ${this.#editors()}`}
        <section>
          <h2>Export</h2>
          <hinge-export-panel .exporter=${this.#exporter} baseName=${r ? `hinge-attention-layer0-head${real.head + 1}` : `hinge-attention-${this.model.tokens.length}-tokens`}></hinge-export-panel>
        </section>
      </aside>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-attention-lab': AttentionLab;
  }
}
