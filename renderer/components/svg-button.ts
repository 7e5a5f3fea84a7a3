import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { hostContext } from '../app/host-context.js';
import type { Host } from '../host/host.js';
import { saveSvgFile, type SvgLook } from './svg-export.js';

/** Builds a chart's SVG file in a look (see serializeSvg). */
export type SvgSource = (look: SvgLook) => string;

const LOOKS: readonly { look: SvgLook; label: string; title: string }[] = [
  { look: 'theme', label: 'Current theme', title: 'Colours of the theme on screen, on its background' },
  { look: 'paper', label: 'Paper (white)', title: 'Dark lines and text on white, for print' },
];

/**
 * The small "SVG" button beside a 2D chart: a two-item menu (current theme, or paper) that saves
 * the chart as a standalone SVG file. The chart supplies `source`; the button only asks and saves.
 */
@customElement('hinge-svg-button')
export class SvgButton extends LitElement {
  static override styles = css`
    :host { display: inline-block; vertical-align: middle; }
    .open { font: 600 10.5px var(--font-ui); letter-spacing: 0.04em; color: var(--muted); background: transparent; border: 1px solid var(--border);
      border-radius: 4px; padding: 1px 6px; line-height: 1.5; cursor: pointer; }
    .open:hover, .open[aria-expanded='true'] { color: var(--text); border-color: var(--accent); }
    .open:focus-visible, [role='menuitem']:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
    [popover] { margin: 0; inset: auto; padding: 4px; background: var(--panel); color: var(--text); border: 1px solid var(--border); border-radius: 6px;
      box-shadow: 0 4px 14px rgb(0 0 0 / 0.28); display: none; }
    [popover]:popover-open { display: grid; gap: 2px; }
    [role='menuitem'] { all: unset; font: 12.5px var(--font-ui); padding: 4px 10px; border-radius: 4px; cursor: pointer; white-space: nowrap; }
    [role='menuitem']:hover, [role='menuitem']:focus { background: var(--panel-2); }
    .error { color: var(--error); font-size: 11.5px; margin-left: 6px; }
  `;

  @consume({ context: hostContext }) host!: Host;

  /** What the file holds, in the button's name and tooltip ("Save the {label} as SVG"). */
  @property() label = 'chart';
  /** The file's name, without `.svg`. */
  @property() fileName = 'hinge-chart';
  /** Builds the file; the chart sets it. */
  @property({ attribute: false }) source: SvgSource | undefined;

  @state() private open = false;
  @state() private error = '';
  @query('.open') private opener!: HTMLButtonElement;
  @query('[popover]') private menu!: HTMLElement;

  override disconnectedCallback(): void {
    window.removeEventListener('scroll', this.#close, true);
    super.disconnectedCallback();
  }

  readonly #close = (): void => {
    if (this.menu?.matches(':popover-open')) this.menu.hidePopover();
  };

  /** Places the menu before it opens: under the button, right-aligned with it; above it when the window has no room below. */
  #onBeforeToggle(event: ToggleEvent): void {
    if (event.newState !== 'open') return;
    const button = this.opener.getBoundingClientRect();
    const below = button.bottom + 80 <= window.innerHeight;
    Object.assign(this.menu.style, {
      right: `${Math.max(4, window.innerWidth - button.right)}px`,
      top: below ? `${button.bottom + 4}px` : 'auto',
      bottom: below ? 'auto' : `${window.innerHeight - button.top + 4}px`,
    });
  }

  #items(): HTMLElement[] {
    return Array.from(this.menu.querySelectorAll<HTMLElement>('[role="menuitem"]'));
  }

  #onToggle(event: ToggleEvent): void {
    this.open = event.newState === 'open';
    if (this.open) {
      window.addEventListener('scroll', this.#close, true);
      this.#items()[0]?.focus();
    } else {
      window.removeEventListener('scroll', this.#close, true);
      if (this.menu.contains(this.shadowRoot?.activeElement ?? null)) this.opener.focus();
    }
  }

  #onMenuKey(event: KeyboardEvent): void {
    const items = this.#items();
    const at = items.indexOf(this.shadowRoot?.activeElement as HTMLElement);
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step) {
      event.preventDefault();
      items[(at + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Tab') {
      this.#close();
    }
  }

  async #save(look: SvgLook): Promise<void> {
    this.#close();
    if (!this.source) return;
    try {
      const result = await saveSvgFile(this.host, this.source(look), `${this.fileName}.svg`);
      this.error = result.status === 'failed' ? `Could not save: ${result.reason}` : '';
    } catch (error) {
      this.error = `Could not export: ${(error as Error).message}`;
    }
  }

  override render() {
    return html`<button class="open" popovertarget="looks" aria-haspopup="menu" aria-expanded=${this.open ? 'true' : 'false'} ?disabled=${!this.source}
        aria-label=${`Save the ${this.label} as SVG`} title=${`Save the ${this.label} as an SVG file (vector, for papers and slides)`}
        @keydown=${(e: KeyboardEvent) => { if (e.key === 'ArrowDown' && !this.open) { e.preventDefault(); this.menu.showPopover(); } }}>SVG</button><div
        id="looks" popover="auto" role="menu" aria-label=${`Look of the ${this.label} SVG`} @beforetoggle=${this.#onBeforeToggle} @toggle=${this.#onToggle} @keydown=${this.#onMenuKey}>
        ${LOOKS.map((l) => html`<button role="menuitem" tabindex="-1" title=${l.title} @click=${() => void this.#save(l.look)}>${l.label}</button>`)}
      </div>${this.error ? html`<span class="error" role="alert">${this.error}</span>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-svg-button': SvgButton;
  }
}
