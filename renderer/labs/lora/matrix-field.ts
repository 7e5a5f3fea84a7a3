import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ExpressionError } from '../../../src/errors.js';
import { loadParser } from '../../components/expression-parser.js';
import { MAX_LORA_SIZE } from './lora-store.js';
import { focusRing } from '../../components/lab-styles.js';

export interface MatrixFieldDetail {
  readonly text: string;
  readonly value: number[][];
}

/**
 * A matrix typed as one expression (up to 256×256, e.g. `randn(64, 64) / 8`), for matrices too
 * big for a grid of cells. It parses on Enter or Apply; a refusal appears under the field with
 * the place it points at, and the previous matrix stays in effect. `check` may refuse a parsed
 * matrix (a wrong size, say) with a message. Fires `matrix-apply` with the text and the matrix.
 */
@customElement('hinge-lora-matrix-field')
export class LoraMatrixField extends LitElement {
  static override styles = [
    focusRing,
    css`
      :host { display: grid; gap: 6px; }
      .row { display: flex; gap: 6px; }
      input { flex: 1; min-width: 0; font: 13px var(--font-mono); background: var(--field); color: var(--text); border: 1px solid var(--border); border-radius: 4px; padding: 5px 6px; }
      input[aria-invalid='true'] { border-color: var(--error); background: var(--error-bg); }
      button { font: inherit; font-size: 12.5px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 4px 10px; cursor: pointer; }
      button:hover { border-color: var(--accent); }
      .error { color: var(--error); font-size: 12.5px; line-height: 1.4; }
      .where { font-family: var(--font-mono); white-space: pre; display: block; margin-top: 3px; overflow-x: auto; }
      .where mark { background: var(--error); color: var(--bg); border-radius: 2px; padding: 0 1px; }
    `,
  ];

  /** The symbol, e.g. W₀; also names the test ids (`expr-<name>`, `error-<name>`). */
  @property() label = 'W';
  /** A plain name for test ids and labels, e.g. `W0`. */
  @property() name = 'W';
  /** The expression currently in effect. */
  @property() text = '';
  @property({ type: Number }) seed = 1;
  /** Returns a message when a parsed matrix is not acceptable here. */
  @property({ attribute: false }) check: ((value: number[][]) => string | undefined) | undefined;

  @state() private draft: string | undefined;
  @state() private error: { message: string; index?: number; text: string } | undefined;

  protected override willUpdate(changed: Map<string, unknown>): void {
    // A new matrix from elsewhere (the size menu, a seed) replaces whatever was being typed.
    if (changed.has('text') && changed.get('text') !== undefined) {
      this.#outsideTexts++;
      this.draft = undefined;
      this.error = undefined;
    }
  }

  /** Counts matrices from elsewhere: one arriving while the parser loads supersedes the Enter that asked for it. */
  #outsideTexts = 0;

  async #apply(): Promise<void> {
    const text = this.draft ?? this.text;
    const outside = this.#outsideTexts;
    const { parseMatrix } = await loadParser();
    if (this.#outsideTexts !== outside) return;
    try {
      const value = parseMatrix(text, { maxRows: MAX_LORA_SIZE, maxCols: MAX_LORA_SIZE, maxEntries: MAX_LORA_SIZE * MAX_LORA_SIZE, seed: this.seed });
      const refusal = this.check?.(value);
      if (refusal) throw new ExpressionError(refusal, 'shape');
      this.error = undefined;
      this.draft = undefined;
      this.dispatchEvent(new CustomEvent<MatrixFieldDetail>('matrix-apply', { detail: { text, value }, bubbles: true, composed: true }));
    } catch (error) {
      const e = error instanceof ExpressionError ? error : new ExpressionError(String((error as Error).message ?? error), 'syntax');
      this.error = { message: e.message, index: e.where.index, text };
    }
  }

  #where() {
    const e = this.error;
    if (!e || e.index === undefined || e.index < 0 || e.index > e.text.length) return nothing;
    const at = Math.min(e.index, Math.max(0, e.text.length - 1));
    return html`<span class="where" aria-hidden="true">${e.text.slice(0, at)}<mark>${e.text[at] ?? ' '}</mark>${e.text.slice(at + 1)}</span>`;
  }

  override render() {
    const id = `error-${this.name}`;
    return html`
      <div class="row">
        <input data-testid=${`expr-${this.name}`} aria-label=${`${this.label} as an expression`} spellcheck="false" autocomplete="off"
          title=${`Type ${this.label} as one expression, e.g. randn(32, 32) / 8 or [[1, 0], [0, 1]], then press Enter`}
          .value=${this.draft ?? this.text} aria-invalid=${this.error ? 'true' : 'false'} aria-describedby=${this.error ? id : nothing}
          @input=${(e: Event) => (this.draft = (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.#apply()} />
        <button @click=${() => this.#apply()} title=${`Use this expression as ${this.label}`}>Apply</button>
      </div>
      ${this.error ? html`<div class="error" role="alert" id=${id} data-testid=${id}>${this.error.message} ${this.#where()}</div>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-lora-matrix-field': LoraMatrixField;
  }
}
