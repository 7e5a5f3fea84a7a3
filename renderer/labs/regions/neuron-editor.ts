import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatNumber } from '../../../src/layer/index.js';
import { parseNumber, parseNumberRow, type ReluNet, type ShownNumbers } from '../../../src/regions/index.js';
import { LAYER_COLORS } from './boundary-layers.js';
import type { NeuronRef } from './regions-store.js';
import { focusRing } from '../../components/lab-styles.js';

const shown = (v: number) => formatNumber(v, 4);

/** Applies an edit; throws (with a message for the person) when it does not fit the network. */
export type NeuronApply = (layer: number, index: number, weights: number[], bias: number) => void;

/**
 * Picks one neuron of the network (a layer and an index) and edits its weights row and bias.
 * Fields show the numbers rounded; an entry left as shown keeps its exact value. A bad entry is
 * refused at its field, in words, and the network stays as it was.
 */
@customElement('hinge-neuron-editor')
export class NeuronEditor extends LitElement {
  static override styles = [
    focusRing,
    css`
      :host { display: grid; gap: 6px; font-size: 13px; }
      .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
      label.field { display: grid; gap: 3px; }
      select { font: inherit; font-size: 12.5px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 4px 6px; }
      textarea, input { font: 12.5px var(--font-mono); background: var(--field); color: var(--text); border: 1px solid var(--border); border-radius: 4px; padding: 4px 6px; resize: vertical; }
      textarea { width: 100%; box-sizing: border-box; min-height: 3.2em; }
      input { width: 110px; }
      [aria-invalid='true'] { border-color: var(--error); background: var(--error-bg); }
      .error { color: var(--error); font-size: 12.5px; }
      .note { color: var(--muted); font-size: 12.5px; line-height: 1.45; }
      .swatch { display: inline-block; width: 14px; height: 4px; border-radius: 2px; vertical-align: middle; margin-right: 4px; }
    `,
  ];

  /** The network whose neuron is edited. */
  @property({ attribute: false }) net!: ReluNet;
  /** The picked neuron, or none. */
  @property({ attribute: false }) neuron: NeuronRef | undefined;
  /** Picks a neuron (or none). */
  @property({ attribute: false }) pick: (neuron: NeuronRef | undefined) => void = () => {};
  /** Applies an edit to the picked neuron. */
  @property({ attribute: false }) apply: NeuronApply = () => {};
  /** How many flat pieces the picked hidden neuron's boundary has in the box (undefined: not known yet). */
  @property({ attribute: false }) boundaryPieces: number | undefined;
  @state() private weightsError = '';
  @state() private biasError = '';

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('neuron')) {
      const before = changed.get('neuron') as NeuronRef | undefined;
      if (before?.layer !== this.neuron?.layer || before?.index !== this.neuron?.index) {
        this.weightsError = '';
        this.biasError = '';
      }
    }
  }

  #current(): { weights: readonly number[]; bias: number; layer: number; index: number } | undefined {
    const n = this.neuron;
    const row = n && this.net.weights[n.layer]?.[n.index];
    return n && row ? { weights: row, bias: this.net.biases[n.layer]![n.index]!, ...n } : undefined;
  }

  /** Reads both fields and applies them, or shows what is wrong where it was typed. */
  #commit(): void {
    const n = this.#current();
    if (!n) return;
    const root = this.renderRoot;
    const weightsText = (root.querySelector('[data-testid="neuron-weights"]') as HTMLTextAreaElement).value;
    const biasText = (root.querySelector('[data-testid="neuron-bias"]') as HTMLInputElement).value;
    const keptWeights: ShownNumbers = { shown: n.weights.map(shown), values: n.weights };
    let weights: number[] | undefined;
    let bias: number | undefined;
    try {
      weights = parseNumberRow(weightsText, n.weights.length, keptWeights);
      this.weightsError = '';
    } catch (error) {
      this.weightsError = (error as Error).message;
    }
    try {
      bias = parseNumber(biasText, { shown: [shown(n.bias)], values: [n.bias] });
      this.biasError = '';
    } catch (error) {
      this.biasError = (error as Error).message;
    }
    if (!weights || bias === undefined) return;
    if (weights.every((w, k) => w === n.weights[k]) && bias === n.bias) return;
    try {
      this.apply(n.layer, n.index, weights, bias);
    } catch (error) {
      this.weightsError = (error as Error).message;
    }
  }

  #onKey(event: KeyboardEvent): void {
    // Enter applies (Shift+Enter still breaks a line in the weights).
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      this.#commit();
    }
  }

  #boundaryText(): string {
    const pieces = this.boundaryPieces;
    if (pieces === undefined) return 'Finding where this neuron switches…';
    if (pieces === 0) return 'This neuron never switches inside the box: it is on everywhere or off everywhere, so it cuts nothing.';
    const layer = this.neuron!.layer;
    return `Outlined in the view: where its pre-activation is 0 and it switches on or off — ${pieces === 1 ? 'one flat piece' : `${pieces} flat pieces`}${layer > 0 ? `, one per piece of space the layers before it made that it crosses` : ''}.`;
  }

  override render() {
    const net = this.net;
    if (!net) return nothing;
    const layers = net.weights.length;
    const n = this.#current();
    const layerName = (l: number) => (l === layers - 1 ? 'output' : `layer ${l + 1}`);
    const fanIn = n ? net.weights[n.layer]![0]!.length : 0;
    const inputsName = n && n.layer === 0 ? 'input' : 'neuron of the layer before';
    return html`
      <div class="row">
        <label>layer <select data-testid="neuron-layer" aria-label="Layer of the neuron to edit" title="Pick the layer of the neuron to edit"
          @change=${(e: Event) => { const v = (e.target as HTMLSelectElement).value; this.pick(v === '' ? undefined : { layer: Number(v), index: 0 }); }}>
          <option value="" ?selected=${!n}>none</option>
          ${net.weights.map((_, l) => html`<option value=${l} ?selected=${n?.layer === l}>${layerName(l)}</option>`)}
        </select></label>
        ${n ? html`<label>neuron <select data-testid="neuron-index" aria-label="Neuron to edit" title="Pick the neuron within the layer"
          @change=${(e: Event) => this.pick({ layer: n.layer, index: Number((e.target as HTMLSelectElement).value) })}>
          ${net.weights[n.layer]!.map((_, i) => html`<option value=${i} ?selected=${n.index === i}>${i + 1}</option>`)}
        </select></label>` : nothing}
      </div>
      ${n ? html`
        <label class="field" title="The neuron's weights, one per ${inputsName}; Enter applies">
          <span>weights (${fanIn}, one per ${inputsName})</span>
          <textarea data-testid="neuron-weights" rows=${Math.min(6, Math.max(1, Math.ceil(fanIn / 5)))} spellcheck="false" aria-invalid=${this.weightsError ? 'true' : 'false'}
            aria-describedby="weights-error" .value=${n.weights.map(shown).join(', ')} @change=${() => this.#commit()} @keydown=${this.#onKey}></textarea>
        </label>
        ${this.weightsError ? html`<div class="error" id="weights-error" role="alert" data-testid="neuron-weights-error">${this.weightsError}</div>` : nothing}
        <label class="row" title="The neuron's bias; Enter applies">bias
          <input type="text" data-testid="neuron-bias" spellcheck="false" aria-invalid=${this.biasError ? 'true' : 'false'} aria-describedby="bias-error"
            .value=${shown(n.bias)} @change=${() => this.#commit()} @keydown=${this.#onKey} /></label>
        ${this.biasError ? html`<div class="error" id="bias-error" role="alert" data-testid="neuron-bias-error">${this.biasError}</div>` : nothing}
        <div class="note">${n.layer === layers - 1
          ? 'The output has no ReLU: changing it changes the affine map on each region, never the regions themselves.'
          : html`<span class="swatch" style=${`background: ${LAYER_COLORS[n.layer % LAYER_COLORS.length]}`}></span>${this.#boundaryText()}`}
          Enter or leaving a field applies; entries left as shown keep their exact values.</div>
      ` : html`<div class="note">Pick a neuron to edit its weights and bias and to outline where it switches.</div>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-neuron-editor': NeuronEditor;
  }
}
