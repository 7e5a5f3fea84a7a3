import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';

/**
 * "Import weights…": opens the import dialog at its file chooser. A stand-alone button for the
 * app shell to place (in the rail, say); the dialog's code loads only when it is pressed.
 */
@customElement('hinge-import-button')
export class ImportButton extends LitElement {
  static override styles = css`
    button { all: unset; cursor: pointer; padding: 6px 10px; border-radius: var(--radius); font-size: 13px; color: var(--text); border: 1px solid var(--border); background: var(--panel-2); }
    button:hover { border-color: var(--accent); }
    button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
  `;

  override render() {
    return html`<button data-testid="import-weights" title="Open a .npy, .safetensors or .csv file and look at one of its matrices in a lab"
      @click=${() => void import('./import-flow.js').then((m) => m.openImportPicker())}>Import weights…</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-import-button': ImportButton;
  }
}
