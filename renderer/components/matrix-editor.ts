import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ExpressionError } from '../../src/errors.js';
import { formatNumber } from '../../src/layer/index.js';
import { loadParser } from './expression-parser.js';

export interface MatrixInputDetail {
  readonly value: number[][];
}

interface CellDraft {
  readonly text: string;
  readonly error?: string;
}

/** Prints a matrix as an expression that parses back to the same numbers. */
export function matrixToText(value: readonly (readonly number[])[], vector: boolean): string {
  const num = (v: number) => String(Number(v.toPrecision(12)));
  return vector ? `[${value.map((row) => num(row[0]!)).join(', ')}]` : `[${value.map((row) => `[${row.map(num).join(', ')}]`).join(', ')}]`;
}

/**
 * A matrix (or column vector) edited cell by cell or as one expression. A cell or expression that
 * does not parse keeps its text, is marked invalid and says why right there; the last valid value
 * stays in effect. Valid edits fire `matrix-input` with the whole new value.
 */
@customElement('hinge-matrix-editor')
export class MatrixEditor extends LitElement {
  static override styles = css`
    :host { display: block; }
    .head { display: flex; align-items: baseline; justify-content: space-between; gap: 8px; margin-bottom: 6px; }
    .name { font-weight: 650; font-family: var(--font-mono); }
    .name small { font-weight: 400; color: var(--muted); font-family: var(--font-ui); margin-left: 6px; }
    .matrix { display: inline-grid; gap: 4px; padding: 4px 8px; position: relative; }
    .matrix::before, .matrix::after { content: ''; position: absolute; top: 0; bottom: 0; width: 6px; border: 1.5px solid var(--muted); }
    .matrix::before { left: 0; border-right: none; }
    .matrix::after { right: 0; border-left: none; }
    input {
      font: 13px var(--font-mono); font-variant-numeric: tabular-nums; color: var(--text); background: var(--field);
      border: 1px solid var(--border); border-radius: 4px; padding: 5px 6px; width: 100%; box-sizing: border-box;
    }
    .cell { width: 66px; text-align: right; }
    input:focus-visible { outline: 2px solid var(--accent); outline-offset: 0; border-color: transparent; }
    input[aria-invalid='true'] { border-color: var(--error); background: var(--error-bg); }
    .expr { display: flex; gap: 6px; margin-top: 8px; }
    .expr input { flex: 1; }
    button { font: inherit; font-size: 12px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 4px 10px; cursor: pointer; }
    button:hover { border-color: var(--accent); }
    button:focus-visible { outline: 2px solid var(--accent); }
    .error { color: var(--error); font-size: 12.5px; margin-top: 6px; line-height: 1.4; }
    .where { font-family: var(--font-mono); white-space: pre; display: block; margin-top: 3px; overflow-x: auto; }
    .where mark { background: var(--error); color: var(--bg); border-radius: 2px; padding: 0 1px; }
  `;

  /** The current value; rows × cols (a column vector is n × 1). */
  @property({ attribute: false }) value: number[][] = [[0]];
  /** The symbol shown above the grid, e.g. `W`. */
  @property() label = 'W';
  /** A short note after the label, e.g. the shape. */
  @property() note = '';
  /** Edit a vector: cells in one column, expressions like `[1, 2]`. */
  @property({ type: Boolean }) vector = false;
  /** Shapes an expression may switch to, as `rows x cols` strings; by default only the current one. */
  @property({ attribute: false }) allowedShapes: readonly string[] | undefined;

  @state() private drafts = new Map<string, CellDraft>();
  #lastEmitted = '';
  /**
   * Counts values from outside (a preset, a shape change, undo). An edit whose parse was still
   * loading when one arrived is dropped: the later action wins, as it does on screen.
   */
  #outsideValues = 0;
  @state() private exprText: string | undefined;
  @state() private exprError: ExpressionError | undefined;
  @state() private exprErrorText = '';

  override willUpdate(changed: Map<string, unknown>): void {
    // A new value from outside (a preset, a shape change) replaces drafts of the old one; the
    // echo of our own edit keeps them, so typing "1." is not rewritten to "1" under the caret.
    if (changed.has('value') && changed.get('value') !== undefined && JSON.stringify(this.value) !== this.#lastEmitted) {
      this.#outsideValues++;
      const fresh = new Map<string, CellDraft>();
      for (const [key, draft] of this.drafts) if (draft.error && this.#inRange(key)) fresh.set(key, draft);
      this.drafts = fresh;
    }
  }

  #inRange(key: string): boolean {
    const [r, c] = key.split(',').map(Number) as [number, number];
    return r < this.value.length && c < (this.value[0]?.length ?? 0);
  }

  #emit(value: number[][]): void {
    this.#lastEmitted = JSON.stringify(value);
    this.dispatchEvent(new CustomEvent<MatrixInputDetail>('matrix-input', { detail: { value }, bubbles: true, composed: true }));
  }

  async #onCellInput(row: number, col: number, event: Event): Promise<void> {
    const text = (event.target as HTMLInputElement).value;
    const key = `${row},${col}`;
    const pending = new Map(this.drafts);
    pending.set(key, { text, error: this.drafts.get(key)?.error });
    this.drafts = pending;
    const outside = this.#outsideValues;
    const { parseScalar } = await loadParser();
    // A later keystroke in this cell, or a value from outside, supersedes this one.
    if (this.drafts.get(key)?.text !== text || this.#outsideValues !== outside) return;
    const next = new Map(this.drafts);
    try {
      const number = parseScalar(text);
      next.set(key, { text });
      this.drafts = next;
      const value = this.value.map((r) => [...r]);
      value[row]![col] = number;
      this.#emit(value);
    } catch (error) {
      next.set(key, { text, error: error instanceof ExpressionError ? error.message : String(error) });
      this.drafts = next;
    }
  }

  #onCellBlur(row: number, col: number): void {
    const key = `${row},${col}`;
    const draft = this.drafts.get(key);
    if (draft && !draft.error) {
      const next = new Map(this.drafts);
      next.delete(key);
      this.drafts = next;
    }
  }

  #cellKey(event: KeyboardEvent, row: number, col: number): void {
    if (event.key === 'Enter') (event.target as HTMLInputElement).blur();
    if (event.key === 'Escape') {
      const next = new Map(this.drafts);
      next.delete(`${row},${col}`);
      this.drafts = next;
    }
  }

  async #applyExpression(): Promise<void> {
    const text = this.exprText ?? matrixToText(this.value, this.vector);
    const outside = this.#outsideValues;
    const { parseMatrix, parseVector } = await loadParser();
    if (this.#outsideValues !== outside) {
      // A preset (or undo) came while the parser loaded: it is the later action, and the field shows it.
      if (this.exprText === text) this.exprText = undefined;
      return;
    }
    const rows = this.value.length;
    const cols = this.value[0]?.length ?? 0;
    try {
      let value: number[][];
      if (this.vector) {
        value = parseVector(text, { length: rows }).map((v) => [v]);
      } else {
        value = parseMatrix(text, { maxRows: 64, maxCols: 64 });
        const shape = `${value.length}x${value[0]?.length ?? 0}`;
        const allowed = this.allowedShapes ?? [`${rows}x${cols}`];
        if (!allowed.includes(shape)) {
          const list = allowed.map((s) => s.replace('x', '×')).join(', ');
          throw new ExpressionError(
            `${this.label} is ${shape.replace('x', '×')} here, but this lab takes ${list}.`,
            'shape',
          );
        }
      }
      this.exprError = undefined;
      this.exprText = undefined;
      this.#emit(value);
    } catch (error) {
      this.exprError =
        error instanceof ExpressionError ? error : new ExpressionError(String((error as Error).message ?? error), 'syntax');
      this.exprErrorText = text;
    }
  }

  #errorLocation(error: ExpressionError, text: string) {
    const index = error.where.index;
    if (index === undefined || index < 0 || index > text.length) return nothing;
    const at = Math.min(index, Math.max(0, text.length - 1));
    return html`<span class="where" aria-hidden="true">${text.slice(0, at)}<mark>${text[at] ?? ' '}</mark>${text.slice(at + 1)}</span>`;
  }

  override render() {
    const cols = this.value[0]?.length ?? 0;
    const errors = [...this.drafts.entries()].filter(([, d]) => d.error);
    const exprValue = this.exprText ?? matrixToText(this.value, this.vector);
    const id = `${this.label}-errors`;
    return html`
      <div class="head">
        <span class="name">${this.label}<small>${this.note}</small></span>
      </div>
      <div class="matrix" role="group" aria-label=${`${this.label} entries`} style=${`grid-template-columns: repeat(${cols}, auto)`}>
        ${this.value.map((row, r) =>
          row.map((v, c) => {
            const draft = this.drafts.get(`${r},${c}`);
            const name = this.vector ? `${this.label}${r + 1}` : `${this.label}${r + 1}${c + 1}`;
            return html`<input
              class="cell"
              data-testid=${`cell-${this.label}-${r}-${c}`}
              aria-label=${this.vector ? `${this.label} entry ${r + 1}` : `${this.label} row ${r + 1} column ${c + 1}`}
              title=${`${name}: a number or an expression such as cos(pi/6)`}
              aria-invalid=${draft?.error ? 'true' : 'false'}
              aria-describedby=${draft?.error ? id : nothing}
              .value=${draft?.text ?? formatNumber(v, 4)}
              @input=${(e: Event) => this.#onCellInput(r, c, e)}
              @blur=${() => this.#onCellBlur(r, c)}
              @keydown=${(e: KeyboardEvent) => this.#cellKey(e, r, c)}
              spellcheck="false"
              autocomplete="off"
            />`;
          }),
        )}
      </div>
      ${errors.length
        ? html`<div class="error" id=${id} role="alert">
            ${errors.map(([key, d]) => {
              const [r, c] = key.split(',').map(Number) as [number, number];
              const where = this.vector ? `Entry ${r + 1}` : `Row ${r + 1}, column ${c + 1}`;
              return html`<div>${where}: ${d.error}</div>`;
            })}
          </div>`
        : nothing}
      <div class="expr">
        <input
          data-testid=${`expr-${this.label}`}
          aria-label=${`${this.label} as one expression`}
          title=${`Type ${this.label} as one expression, e.g. ${this.vector ? '[1, -0.5]' : '[[cos(pi/6), -sin(pi/6)], [sin(pi/6), cos(pi/6)]]'}, then press Enter`}
          aria-invalid=${this.exprError ? 'true' : 'false'}
          .value=${exprValue}
          @input=${(e: Event) => (this.exprText = (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.#applyExpression()}
          spellcheck="false"
          autocomplete="off"
        />
        <button @click=${() => this.#applyExpression()} title=${`Use this expression as ${this.label}`}>Apply</button>
      </div>
      ${this.exprError
        ? html`<div class="error" role="alert" data-testid=${`error-${this.label}`}>
            ${this.exprError.message} ${this.#errorLocation(this.exprError, this.exprErrorText)}
          </div>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-matrix-editor': MatrixEditor;
  }
}
