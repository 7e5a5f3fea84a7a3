import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { saveFileName } from '../../src/ipc/contract.js';

/**
 * Asks for a file name (Save as… in the browser, where the download has no dialog of its own).
 * The name is checked as the desktop's save channel checks it; a bad one is explained at the field.
 */
@customElement('hinge-name-dialog')
export class NameDialog extends LitElement {
  static override styles = css`
    dialog { background: var(--panel); color: var(--text); border: 1px solid var(--border); border-radius: 10px; padding: 20px 22px 16px; width: 400px;
      box-shadow: 0 12px 40px rgb(0 0 0 / 0.35); }
    dialog::backdrop { background: rgb(0 0 0 / 0.45); }
    h2 { margin: 0 0 10px; font-size: 16px; }
    label { display: grid; gap: 6px; font-size: 13px; color: var(--muted); }
    input { font: 14px var(--font-mono); background: var(--field); color: var(--text); border: 1px solid var(--border); border-radius: 5px; padding: 6px 8px; }
    input[aria-invalid='true'] { border-color: var(--error); background: var(--error-bg); }
    .error { color: var(--error); font-size: 12.5px; margin-top: 6px; }
    .buttons { display: flex; gap: 8px; justify-content: flex-end; margin-top: 16px; }
    button { font: inherit; font-size: 13px; padding: 6px 12px; border-radius: 5px; border: 1px solid var(--border); background: var(--panel-2); color: var(--text); cursor: pointer; }
    button.primary { background: var(--accent); border-color: transparent; color: var(--on-accent); }
    button:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
  `;

  @state() private error = '';
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('input') private input!: HTMLInputElement;
  #resolve: ((name: string | undefined) => void) | undefined;
  #extension = '.hinge';

  /** Asks for a name ending in `extension` (added when left out); undefined when canceled. */
  async ask(suggested: string, extension = '.hinge'): Promise<string | undefined> {
    this.#resolve?.(undefined);
    this.#extension = extension;
    this.error = '';
    await this.updateComplete;
    this.input.value = suggested;
    this.dialog.showModal();
    this.input.focus();
    this.input.setSelectionRange(0, Math.max(0, suggested.length - extension.length));
    return new Promise((resolve) => (this.#resolve = resolve));
  }

  #submit(): void {
    let name = this.input.value.trim();
    if (name && !name.toLowerCase().endsWith(this.#extension)) name += this.#extension;
    const checked = saveFileName.safeParse(name);
    if (!checked.success) {
      this.error = name === this.#extension || !name
        ? 'Give the file a name.'
        : 'Use letters, digits, spaces and - _ . ( ) only, starting with a letter or digit (at most 120 characters).';
      return;
    }
    this.#finish(name);
  }

  #finish(name: string | undefined): void {
    const resolve = this.#resolve;
    this.#resolve = undefined;
    if (this.dialog.open) this.dialog.close();
    resolve?.(name);
  }

  override render() {
    return html`<dialog data-testid="name-dialog" aria-labelledby="name-title" @cancel=${(e: Event) => { e.preventDefault(); this.#finish(undefined); }}>
      <h2 id="name-title">Save as</h2>
      <label>File name
        <input type="text" data-testid="name-input" aria-invalid=${this.error ? 'true' : 'false'} spellcheck="false"
          @input=${() => (this.error = '')} @keydown=${(e: KeyboardEvent) => { if (e.key === 'Enter') this.#submit(); }} /></label>
      ${this.error ? html`<div class="error" role="alert" data-testid="name-error">${this.error}</div>` : nothing}
      <div class="buttons">
        <button data-testid="name-cancel" @click=${() => this.#finish(undefined)}>Cancel</button>
        <button class="primary" data-testid="name-save" @click=${() => this.#submit()}>Save</button>
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-name-dialog': NameDialog;
  }
}
