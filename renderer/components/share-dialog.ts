import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { LinkScope } from '../../src/project/link.js';

/** Builds the link for a scope; throws when the state cannot be shared (the message is shown). */
export type LinkMaker = (scope: LinkScope) => string;

/**
 * "Share a link": the link to this lab (or the whole project) in a field, copied to the clipboard
 * at once where the page may write it, and a second field where a link someone sent can be pasted
 * and opened (the desktop app has no address bar).
 */
@customElement('hinge-share-dialog')
export class ShareDialog extends LitElement {
  static override styles = css`
    dialog { background: var(--panel); color: var(--text); border: 1px solid var(--border); border-radius: 10px; padding: 20px 22px 16px; width: min(560px, 90vw);
      box-shadow: 0 12px 40px rgb(0 0 0 / 0.35); }
    dialog::backdrop { background: rgb(0 0 0 / 0.45); }
    h2 { margin: 0 0 10px; font-size: 16px; }
    p { margin: 0 0 10px; color: var(--muted); font-size: 13px; line-height: 1.45; }
    fieldset { border: none; padding: 0; margin: 0 0 10px; display: flex; gap: 16px; font-size: 13px; }
    label { display: grid; gap: 6px; font-size: 13px; color: var(--muted); }
    .row { display: flex; gap: 8px; align-items: center; }
    input[type='text'] { flex: 1; min-width: 0; font: 12.5px var(--font-mono); background: var(--field); color: var(--text); border: 1px solid var(--border); border-radius: 5px; padding: 6px 8px; }
    .status { font-size: 12.5px; min-height: 1.4em; margin: 6px 0 12px; }
    .status.error { color: var(--error); }
    .buttons { display: flex; gap: 8px; justify-content: flex-end; margin-top: 14px; }
    button { font: inherit; font-size: 13px; padding: 6px 12px; border-radius: 5px; border: 1px solid var(--border); background: var(--panel-2); color: var(--text); cursor: pointer; white-space: nowrap; }
    button.primary { background: var(--accent); border-color: transparent; color: var(--on-accent); }
    button:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    hr { border: none; border-top: 1px solid var(--border); margin: 12px 0; }
  `;

  @state() private scope: LinkScope = 'lab';
  @state() private link = '';
  @state() private status = '';
  @state() private failed = false;
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('#link') private field!: HTMLInputElement;
  @query('#paste') private pasteField!: HTMLInputElement;
  #make: LinkMaker = () => '';
  #open: (url: string) => void = () => {};

  /** Shows the dialog with the link to the current view, copied to the clipboard when allowed. */
  async show(make: LinkMaker, open: (url: string) => void): Promise<void> {
    this.#make = make;
    this.#open = open;
    this.dialog?.close();
    await this.updateComplete;
    this.dialog.showModal();
    await this.#build(this.scope);
  }

  async #build(scope: LinkScope): Promise<void> {
    this.scope = scope;
    try {
      this.link = this.#make(scope);
      this.failed = false;
      this.status = '';
    } catch (error) {
      this.link = '';
      this.failed = true;
      this.status = `This view cannot be shared yet: ${(error as Error).message}`;
      return;
    }
    await this.#copy();
  }

  async #copy(): Promise<void> {
    await this.updateComplete;
    this.field.focus();
    this.field.select();
    try {
      await navigator.clipboard.writeText(this.link);
      this.status = `Link copied (${this.link.length.toLocaleString('en')} characters).`;
    } catch {
      // The page may not write the clipboard (no permission, not focused): the link is selected for Ctrl+C.
      this.status = 'The link is selected: press Ctrl+C (⌘C) to copy it.';
    }
  }

  #openPasted(): void {
    const url = this.pasteField.value.trim();
    if (!url) return;
    this.dialog.close();
    this.#open(url);
  }

  override render() {
    return html`<dialog data-testid="share-dialog" aria-labelledby="share-title">
      <h2 id="share-title">Share a link</h2>
      <p>The link holds the view itself (compressed into the address, never sent to a server). Imported weights are not in it: the link names their file, as a project does.</p>
      <fieldset>
        <legend class="sr-only">What the link holds</legend>
        <label class="row"><input type="radio" name="scope" data-testid="share-scope-lab" .checked=${this.scope === 'lab'} @change=${() => void this.#build('lab')} />This lab</label>
        <label class="row"><input type="radio" name="scope" data-testid="share-scope-project" .checked=${this.scope === 'project'} @change=${() => void this.#build('project')} />The whole project</label>
      </fieldset>
      <div class="row">
        <input id="link" type="text" readonly aria-label="Link to this view" data-testid="share-link" .value=${this.link} />
        <button class="primary" data-testid="share-copy" ?disabled=${this.failed} @click=${() => void this.#copy()}>Copy link</button>
      </div>
      <div class=${`status ${this.failed ? 'error' : ''}`} role="status" data-testid="share-status">${this.status || nothing}</div>
      <hr />
      <label for="paste">Open a link someone sent you</label>
      <div class="row">
        <input id="paste" type="text" placeholder="https://…#/layer?link=…  or  hinge://open/#/…" data-testid="share-paste" spellcheck="false"
          @keydown=${(e: KeyboardEvent) => { if (e.key === 'Enter') this.#openPasted(); }} />
        <button data-testid="share-open" @click=${() => this.#openPasted()}>Open</button>
      </div>
      <div class="buttons"><button data-testid="share-close" @click=${() => this.dialog.close()}>Close</button></div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-share-dialog': ShareDialog;
  }
}
