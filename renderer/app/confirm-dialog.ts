import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';

export type UnsavedAnswer = 'save' | 'discard' | 'cancel';

/**
 * The unsaved-changes question: save first, discard, or cancel. A modal <dialog> (focus stays in
 * it, Escape cancels); one question at a time.
 */
@customElement('hinge-confirm-dialog')
export class ConfirmDialog extends LitElement {
  static override styles = css`
    dialog { background: var(--panel); color: var(--text); border: 1px solid var(--border); border-radius: 10px; padding: 20px 22px 16px; max-width: 440px;
      box-shadow: 0 12px 40px rgb(0 0 0 / 0.35); }
    dialog::backdrop { background: rgb(0 0 0 / 0.45); }
    h2 { margin: 0 0 8px; font-size: 16px; }
    p { margin: 0 0 16px; color: var(--muted); font-size: 13.5px; line-height: 1.45; }
    .buttons { display: flex; gap: 8px; justify-content: flex-end; }
    button { font: inherit; font-size: 13px; padding: 6px 12px; border-radius: 5px; border: 1px solid var(--border); background: var(--panel-2); color: var(--text); cursor: pointer; }
    button.primary { background: var(--accent); border-color: transparent; color: var(--on-accent); }
    button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
  `;

  @state() private question = '';
  @query('dialog') private dialog!: HTMLDialogElement;
  #resolve: ((answer: UnsavedAnswer) => void) | undefined;

  /** Shows `question` and resolves with the user's answer. */
  async ask(question: string): Promise<UnsavedAnswer> {
    this.#resolve?.('cancel');
    this.question = question;
    await this.updateComplete;
    this.dialog.showModal();
    (this.renderRoot.querySelector('button.primary') as HTMLButtonElement | null)?.focus();
    return new Promise((resolve) => (this.#resolve = resolve));
  }

  #answer(answer: UnsavedAnswer): void {
    const resolve = this.#resolve;
    this.#resolve = undefined;
    if (this.dialog.open) this.dialog.close();
    resolve?.(answer);
  }

  override render() {
    return html`<dialog data-testid="unsaved-dialog" aria-labelledby="unsaved-title" @cancel=${(e: Event) => { e.preventDefault(); this.#answer('cancel'); }}>
      <h2 id="unsaved-title">Unsaved changes</h2>
      <p>${this.question} Your changes are lost if you don't save them.</p>
      <div class="buttons">
        <button data-testid="unsaved-cancel" @click=${() => this.#answer('cancel')}>Cancel</button>
        <button data-testid="unsaved-discard" @click=${() => this.#answer('discard')}>Don't save</button>
        <button class="primary" data-testid="unsaved-save" @click=${() => this.#answer('save')}>Save</button>
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-confirm-dialog': ConfirmDialog;
  }
}
