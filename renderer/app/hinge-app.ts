import { provide } from '@lit/context';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import type { Host } from '../host/host.js';
import type { ThemeName } from '../theme.js';
import { hostContext } from './host-context.js';
import { LABS, labFromHash, type LabEntry } from './labs.js';

const THEME_KEY = 'hinge.theme';

/**
 * The application shell: the left rail of labs, the stage where the chosen lab lives, and the
 * theme switch. Labs are custom elements loaded on first visit.
 */
@customElement('hinge-app')
export class HingeApp extends LitElement {
  static override styles = css`
    :host { display: grid; grid-template-columns: 188px 1fr; height: 100vh; color: var(--text); }
    nav { background: var(--panel); border-right: 1px solid var(--border); display: flex; flex-direction: column; padding: 14px 10px; gap: 4px; }
    .brand { display: flex; align-items: center; gap: 8px; font-weight: 650; font-size: 17px; letter-spacing: 0.02em; padding: 2px 8px 14px; }
    .brand img { width: 26px; height: 26px; }
    .lab { all: unset; cursor: pointer; border-radius: var(--radius); padding: 8px 10px; display: grid; gap: 2px; }
    .lab:hover { background: var(--panel-2); }
    .lab:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
    .lab[aria-current='page'] { background: var(--panel-2); box-shadow: inset 3px 0 0 var(--accent); }
    .lab .title { font-weight: 600; }
    .lab .formula { font-family: var(--font-mono); font-size: 12px; color: var(--muted); }
    .spacer { flex: 1; }
    .theme { all: unset; cursor: pointer; padding: 8px 10px; border-radius: var(--radius); color: var(--muted); font-size: 13px; }
    .theme:hover { background: var(--panel-2); color: var(--text); }
    .theme:focus-visible { outline: 2px solid var(--accent); }
    main { min-width: 0; min-height: 0; position: relative; }
    .loading { padding: 24px; color: var(--muted); }
  `;

  /** Where files and the clipboard go; set by main.ts before the first render. */
  @provide({ context: hostContext })
  @property({ attribute: false })
  host!: Host;

  @state() private lab: LabEntry = labFromHash(location.hash);
  @state() private loaded = new Set<string>();
  @state() private theme: ThemeName = 'dark';

  override connectedCallback(): void {
    super.connectedCallback();
    const saved = localStorage.getItem(THEME_KEY);
    this.theme = saved === 'light' || saved === 'dark' ? saved : 'dark';
    window.addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    super.disconnectedCallback();
  }

  private readonly onHashChange = (): void => {
    this.lab = labFromHash(location.hash);
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('theme' as keyof HingeApp)) {
      document.documentElement.dataset.theme = this.theme;
      window.dispatchEvent(new CustomEvent('hinge-theme-changed', { detail: this.theme }));
    }
    if (!this.loaded.has(this.lab.id)) void this.loadLab(this.lab);
  }

  private async loadLab(lab: LabEntry): Promise<void> {
    await lab.load();
    performance.mark(`hinge:lab-loaded`);
    this.loaded = new Set([...this.loaded, lab.id]);
  }

  private toggleTheme(): void {
    this.theme = this.theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem(THEME_KEY, this.theme);
  }

  override render() {
    const lab = this.lab;
    return html`
      <nav aria-label="Labs">
        <div class="brand"><img src="./icon.svg" alt="" />Hinge</div>
        ${LABS.map(
          (entry) => html`<a
            class="lab"
            href="#/${entry.id}"
            title=${entry.summary}
            aria-current=${entry.id === lab.id ? 'page' : 'false'}
          >
            <span class="title">${entry.title}</span><span class="formula">${entry.formula}</span>
          </a>`,
        )}
        <div class="spacer"></div>
        <button class="theme" @click=${this.toggleTheme} title="Switch between the dark and the light theme">
          ${this.theme === 'dark' ? '☀ Light theme' : '☾ Dark theme'}
        </button>
      </nav>
      <main>
        ${this.loaded.has(lab.id)
          ? staticHtml`<${unsafeStatic(lab.tag)} .theme=${this.theme}></${unsafeStatic(lab.tag)}>`
          : html`<div class="loading" role="status">Loading the ${lab.title} lab…</div>`}
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-app': HingeApp;
  }
}
