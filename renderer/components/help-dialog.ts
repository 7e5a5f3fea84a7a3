import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { LABS } from '../labs/registry.js';
import { SAMPLES, type Sample } from '../app/samples.js';

export type HelpSection = 'keys' | 'labs' | 'samples';

const mod = () => (navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl+');

/** The keyboard shortcuts, by where they work. */
function shortcuts(): [string, string][] {
  const m = mod();
  return [
    ['?', 'This help'],
    [`${m}O`, 'Open a project, a Hinge PNG or weights'],
    [`${m}S / ${m}Shift+S`, 'Save / Save as'],
    [`${m}Z / ${m}Shift+Z (Ctrl+Y)`, 'Undo / redo (in a text field: the typing)'],
    [`${m}E / ${m}Shift+E`, 'Export PNG / export every lab (desktop menu)'],
    [`${m}1 … ${m}7`, 'The concept map and the labs (desktop menu)'],
    ['Tab / Shift+Tab', 'Move between controls'],
    ['Arrow keys, Page Up/Down', 'Layer lab, focus on the picture: move the input point x'],
    ['W A S D (3D views, picture focused)', 'Orbit the camera (also the arrow keys where the lab does not use them)'],
    ['Shift + W A S D', 'Pan the camera'],
    ['+ / − (or = / -)', 'Zoom the camera in / out'],
    ['0', 'Put the camera back where it started'],
    ['Escape', 'Close a dialog'],
  ];
}

/**
 * Help: the keyboard shortcuts, what each lab shows (with its rows on the concept map), and the
 * sample files to open. Opened with `?`, the rail's Help button or the desktop's Help menu.
 */
@customElement('hinge-help-dialog')
export class HelpDialog extends LitElement {
  static override styles = css`
    dialog { background: var(--panel); color: var(--text); border: 1px solid var(--border); border-radius: 10px; padding: 0; width: min(720px, 92vw);
      max-height: 86vh; box-shadow: 0 12px 40px rgb(0 0 0 / 0.35); }
    dialog::backdrop { background: rgb(0 0 0 / 0.45); }
    header { display: flex; align-items: center; gap: 12px; padding: 16px 20px 0; }
    h2 { margin: 0; font-size: 17px; flex: 1; }
    [role='tablist'] { display: flex; gap: 4px; padding: 10px 20px 0; border-bottom: 1px solid var(--border); }
    [role='tab'] { font: inherit; font-size: 13px; background: none; border: none; border-bottom: 2px solid transparent; color: var(--muted); padding: 6px 10px; cursor: pointer; }
    [role='tab'][aria-selected='true'] { color: var(--text); border-bottom-color: var(--accent); }
    .body { padding: 14px 20px 18px; overflow: auto; max-height: calc(86vh - 110px); }
    table { border-collapse: collapse; width: 100%; font-size: 13px; }
    th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--border); vertical-align: top; }
    th { font-family: var(--font-mono); font-weight: 500; white-space: nowrap; color: var(--text); }
    .lab { display: grid; grid-template-columns: 1fr auto; gap: 4px 12px; padding: 10px 0; border-bottom: 1px solid var(--border); }
    .lab h3 { margin: 0; font-size: 14px; }
    .lab .formula { font-family: var(--font-mono); color: var(--muted); font-size: 12px; margin-left: 6px; font-weight: 400; }
    .lab p { margin: 0; grid-column: 1; color: var(--muted); font-size: 13px; line-height: 1.45; }
    .lab .links { grid-row: 1 / span 2; grid-column: 2; display: grid; gap: 4px; align-content: start; }
    a { color: var(--accent); font-size: 13px; }
    .samples { display: grid; gap: 6px; }
    .sample { display: grid; grid-template-columns: 1fr auto; align-items: center; gap: 10px; padding: 6px 0; border-bottom: 1px solid var(--border); font-size: 13px; }
    .sample small { display: block; color: var(--muted); }
    button { font: inherit; font-size: 13px; padding: 5px 10px; border-radius: 5px; border: 1px solid var(--border); background: var(--panel-2); color: var(--text); cursor: pointer; }
    button:focus-visible, a:focus-visible, [role='tab']:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
  `;

  @state() private section: HelpSection = 'keys';
  @query('dialog') private dialog!: HTMLDialogElement;
  #openSample: (sample: Sample) => void = () => {};

  /** Opens the dialog on `section`; `openSample` opens a sample file (the dialog closes first). */
  async show(section: HelpSection, openSample: (sample: Sample) => void): Promise<void> {
    this.#openSample = openSample;
    this.section = section;
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    (this.renderRoot.querySelector('[role="tab"][aria-selected="true"]') as HTMLElement | null)?.focus();
  }

  get open(): boolean {
    return this.dialog?.open ?? false;
  }

  #close(): void {
    this.dialog.close();
  }

  #tabs() {
    const tabs: [HelpSection, string][] = [['keys', 'Keyboard'], ['labs', 'What each lab shows'], ['samples', 'Samples']];
    const move = (e: KeyboardEvent) => {
      const i = tabs.findIndex(([id]) => id === this.section);
      const next = e.key === 'ArrowRight' ? (i + 1) % tabs.length : e.key === 'ArrowLeft' ? (i + tabs.length - 1) % tabs.length : -1;
      if (next < 0) return;
      e.preventDefault();
      this.section = tabs[next]![0];
      void this.updateComplete.then(() => (this.renderRoot.querySelector('[role="tab"][aria-selected="true"]') as HTMLElement | null)?.focus());
    };
    return html`<div role="tablist" aria-label="Help sections" @keydown=${move}>
      ${tabs.map(([id, label]) => html`<button role="tab" id=${`tab-${id}`} data-testid=${`help-tab-${id}`} aria-controls="help-panel"
        aria-selected=${this.section === id ? 'true' : 'false'} tabindex=${this.section === id ? 0 : -1} @click=${() => (this.section = id)}>${label}</button>`)}
    </div>`;
  }

  #body() {
    if (this.section === 'keys') {
      return html`<table aria-label="Keyboard shortcuts"><tbody>${shortcuts().map(([keys, what]) => html`<tr><th scope="row">${keys}</th><td>${what}</td></tr>`)}</tbody></table>`;
    }
    if (this.section === 'labs') {
      return LABS.filter((lab) => lab.id !== 'map').map(
        (lab) => html`<div class="lab" data-testid=${`help-lab-${lab.id}`}>
          <h3>${lab.title}<span class="formula">${lab.formula}</span></h3>
          <p>${lab.summary}</p>
          <div class="links">
            <a href=${`#/${lab.id}`} @click=${() => this.#close()}>Open the lab</a>
            <a href=${`#/map?row=${lab.id}`} data-testid=${`help-map-${lab.id}`} @click=${() => this.#close()}>On the concept map</a>
          </div>
        </div>`,
      );
    }
    return html`<div class="samples">${SAMPLES.map(
      (sample) => html`<div class="sample"><span>${sample.title}<small>${sample.what}</small></span>
        <button data-testid=${`sample-${sample.file}`} @click=${() => { this.#close(); this.#openSample(sample); }}>Open</button></div>`,
    )}</div>`;
  }

  override render() {
    return html`<dialog data-testid="help-dialog" aria-labelledby="help-title">
      <header><h2 id="help-title">Help</h2><button data-testid="help-close" @click=${() => this.#close()}>Close</button></header>
      ${this.#tabs()}
      <div class="body" id="help-panel" role="tabpanel" aria-labelledby=${`tab-${this.section}`}>${this.#body()}</div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-help-dialog': HelpDialog;
  }
}
