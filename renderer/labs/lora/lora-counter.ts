import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { MAX_LORA_DIMENSION, loraParameterCount } from '../../../src/lora/index.js';
import { katexStyles, tex } from '../../components/tex.js';
import type { LoraCounter } from './lora-store.js';

const group = (n: number) => n.toLocaleString('en-US').replace(/,/g, '\u2009');

/** The ratio as people say it: "128×", "3.2×". */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '∞×';
  return `${ratio >= 100 ? Math.round(ratio) : Number(ratio.toPrecision(3))}×`;
}

/**
 * The parameter counter: for any d, k and r, the d·k numbers of a full update against the r(d + k)
 * of LoRA's factors, and how many times fewer that is. A field that is not a whole number in range
 * says so beside itself; the last valid count stays. Fires `counter-change` with valid values.
 */
@customElement('hinge-lora-counter')
export class LoraCounterElement extends LitElement {
  static override styles = [
    katexStyles,
    css`
      :host { display: grid; gap: 8px; font-size: 13px; }
      .fields { display: flex; gap: 10px; flex-wrap: wrap; }
      label { display: grid; gap: 3px; color: var(--muted); font-size: 12px; }
      input { width: 78px; font: 13px var(--font-mono); background: var(--field); color: var(--text); border: 1px solid var(--border); border-radius: 4px; padding: 4px 6px; }
      input[aria-invalid='true'] { border-color: var(--error); background: var(--error-bg); }
      input:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
      .error { color: var(--error); font-size: 12.5px; }
      .plain { font-family: var(--font-mono); font-variant-numeric: tabular-nums; line-height: 1.7; }
      .big { font-size: 20px; font-weight: 650; color: var(--output); }
      .muted { color: var(--muted); }
    `,
  ];

  @property({ attribute: false }) value: LoraCounter = { d: 4096, k: 4096, r: 16 };
  @state() private drafts: Partial<Record<keyof LoraCounter, string>> = {};

  #onInput(key: keyof LoraCounter, event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    const drafts = { ...this.drafts, [key]: text };
    const number = Number(text.trim());
    const min = key === 'r' ? 0 : 1;
    if (text.trim() === '' || !Number.isInteger(number) || number < min || number > MAX_LORA_DIMENSION) {
      this.drafts = drafts;
      return;
    }
    delete drafts[key];
    this.drafts = drafts;
    this.dispatchEvent(new CustomEvent<LoraCounter>('counter-change', { detail: { ...this.value, [key]: number }, bubbles: true, composed: true }));
  }

  #field(key: keyof LoraCounter, title: string) {
    const draft = this.drafts[key];
    const min = key === 'r' ? 0 : 1;
    return html`<label title=${title}>${key}
      <input type="text" inputmode="numeric" data-testid=${`counter-${key}`} aria-label=${`Counter ${key}`} .value=${draft ?? String(this.value[key])}
        aria-invalid=${draft !== undefined ? 'true' : 'false'} aria-describedby=${draft !== undefined ? `err-${key}` : nothing}
        @input=${(e: Event) => this.#onInput(key, e)} />
      ${draft !== undefined ? html`<span class="error" id=${`err-${key}`} role="alert">a whole number from ${min} to ${group(MAX_LORA_DIMENSION)}</span>` : nothing}
    </label>`;
  }

  override render() {
    const { d, k, r } = this.value;
    const c = loraParameterCount(d, k, r);
    return html`
      <div class="fields">
        ${this.#field('d', 'Rows of the weight (its output size)')}
        ${this.#field('k', 'Columns of the weight (its input size)')}
        ${this.#field('r', 'The rank of the update: the inner size of A (d×r) and B (r×k)')}
      </div>
      <div class="plain" data-testid="counter-readout">
        <div>full ΔW: d·k = <span data-testid="count-full" data-value=${c.full}>${group(c.full)}</span></div>
        <div>LoRA A, B: r(d + k) = <span data-testid="count-lora" data-value=${c.lora}>${group(c.lora)}</span></div>
      </div>
      <div><span class="big" data-testid="param-ratio" data-value=${String(c.ratio)}>${formatRatio(c.ratio)}</span>
        <span class="muted">${c.noSaving ? 'no saving: at this rank the factors hold at least as many numbers as ΔW' : `fewer numbers to train (${(c.fraction * 100).toPrecision(2)}% of the full update)`}</span></div>
      <div class="muted">${tex('\\text{ratio} = \\dfrac{dk}{r(d+k)}')} ${r > 0 && d === k ? html`— for a square weight this is d/(2r).` : nothing}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-lora-counter': LoraCounterElement;
  }
}
