import { provide } from '@lit/context';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import type { MenuCommand, RecentFile } from '../../src/ipc/contract.js';
import type { ViewId } from '../../src/project/index.js';
import type { ExportPanel } from '../components/export-panel.js';
import type { Host, IncomingFile } from '../host/host.js';
import { ProjectController, type ProjectShell } from '../project/project-controller.js';
import { session } from '../project/session.js';
import { COLOR_VISIONS, setColorVision, type ColorVision, type ThemeName } from '../theme.js';
import { keyed } from 'lit/directives/keyed.js';
import './confirm-dialog.js';
import './name-dialog.js';
import '../components/share-dialog.js';
import '../components/help-dialog.js';
import '../components/first-run-tour.js';
import type { HelpDialog, HelpSection } from '../components/help-dialog.js';
import { fetchSample, type Sample } from './samples.js';
import { followingSystemTheme, systemTheme, type ThemePreference } from './system-theme.js';
import type { ShareDialog } from '../components/share-dialog.js';
import { currentLink, openLink, type LinkOpener } from './share-link.js';
import type { NameDialog } from './name-dialog.js';
import type { ConfirmDialog } from './confirm-dialog.js';
import { hostContext, pngDecorationContext, type PngDecoration } from './host-context.js';
import { LABS, labFromHash, type LabEntry } from '../labs/registry.js';

interface Toast {
  readonly id: number;
  readonly message: string;
  readonly kind: 'info' | 'error';
}

/** Whether keyboard focus is in a field where Ctrl+Z belongs to the text, not to Hinge's history. */
function editingText(): boolean {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (!active) return false;
  if (active instanceof HTMLTextAreaElement) return true;
  if (active instanceof HTMLInputElement) return !['checkbox', 'radio', 'range', 'button', 'submit', 'color', 'file'].includes(active.type);
  return (active as HTMLElement).isContentEditable === true;
}

const THEME_KEY = 'hinge.theme';
const PALETTE_KEY = 'hinge.palette';
/**
 * The application shell: the left rail of labs, the stage where the chosen lab lives, and the
 * theme switch. Labs are custom elements loaded on first visit.
 */
@customElement('hinge-app')
export class HingeApp extends LitElement {
  static override styles = css`
    :host { display: grid; grid-template-columns: 188px 1fr; height: 100vh; color: var(--text); }
    nav { background: var(--panel); border-right: 1px solid var(--border); display: flex; flex-direction: column; padding: 12px 10px 8px; gap: 2px; overflow-y: auto; min-height: 0; }
    .brand { display: flex; align-items: center; gap: 8px; font-weight: 650; font-size: 17px; letter-spacing: 0.02em; padding: 2px 8px 10px; }
    .brand img { width: 26px; height: 26px; }
    .lab { all: unset; cursor: pointer; border-radius: var(--radius); padding: 5px 10px; display: grid; gap: 1px; }
    .lab:hover { background: var(--panel-2); }
    .lab:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
    .lab[aria-current='page'] { background: var(--panel-2); box-shadow: inset 3px 0 0 var(--accent); }
    .lab .title { font-weight: 600; }
    .lab .formula { font-family: var(--font-mono); font-size: 12px; color: var(--muted); }
    .spacer { flex: 1; }
    .settings { display: grid; gap: 6px; padding: 6px 6px 2px; border-top: 1px solid var(--border); }
    .settings label { display: grid; grid-template-columns: 58px 1fr; align-items: center; gap: 4px; font-size: 12.5px; color: var(--muted); }
    .settings select { font: inherit; font-size: 12px; background: var(--panel-2); color: var(--text); border: 1px solid var(--border); border-radius: 4px; padding: 2px 2px; min-width: 0; width: 100%; }
    .settings select:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
    main { min-width: 0; min-height: 0; position: relative; }
    .loading { padding: 24px; color: var(--muted); }
    .project { border-top: 1px solid var(--border); border-bottom: 1px solid var(--border); margin: 2px 0 10px; padding: 8px 0 10px; display: grid; gap: 6px; }
    .doc { display: flex; align-items: center; gap: 6px; padding: 0 8px; font-size: 12.5px; min-width: 0; }
    .doc .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 600; }
    .doc .dirty { width: 8px; height: 8px; border-radius: 50%; background: var(--output); flex: none; }
    .tools { display: grid; grid-template-columns: 1fr 1fr; gap: 4px; padding: 0 4px; }
    .tools button { all: unset; cursor: pointer; font-size: 12.5px; padding: 5px 6px; border-radius: 4px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); text-align: center; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .tools button:hover:not(:disabled) { border-color: var(--accent); }
    .tools button:disabled { opacity: 0.45; cursor: default; }
    .tools button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
    .tools .wide { grid-column: 1 / -1; }
    .recent { display: grid; gap: 2px; padding: 4px; background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; margin: 0 4px; }
    .recent button { all: unset; cursor: pointer; font-size: 12.5px; padding: 4px 6px; border-radius: 3px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .recent button:hover, .recent button:focus-visible { background: var(--panel); outline: 1px solid var(--accent); }
    .recent .none { color: var(--muted); font-size: 12px; padding: 4px 6px; }
    .toasts { position: fixed; right: 16px; bottom: 16px; display: grid; gap: 8px; z-index: 20; max-width: min(520px, 60vw); }
    .toast { background: var(--panel); border: 1px solid var(--border); border-left: 4px solid var(--accent); border-radius: var(--radius); padding: 10px 12px; font-size: 13px;
      box-shadow: 0 6px 24px rgb(0 0 0 / 0.25); display: flex; gap: 10px; align-items: start; overflow-wrap: anywhere; line-height: 1.4; }
    .toast.error { border-left-color: var(--error); }
    .autosave-status { font-size: 12px; color: var(--muted); border-left: 2px solid var(--error); padding: 2px 0 2px 8px; margin-top: 6px; }
    .toast button { all: unset; cursor: pointer; color: var(--muted); font-size: 15px; line-height: 1; }
    .toast button:focus-visible { outline: 2px solid var(--accent); }
    .drop { position: fixed; inset: 0; z-index: 30; display: grid; place-items: center; pointer-events: none;
      background: color-mix(in srgb, var(--bg) 70%, transparent); border: 3px dashed var(--accent); font-size: 18px; font-weight: 600; }
    .drop small { display: block; font-weight: 400; color: var(--muted); font-size: 13px; margin-top: 6px; text-align: center; }
    .progress { position: fixed; left: 50%; top: 16px; transform: translateX(-50%); z-index: 25; background: var(--panel); border: 1px solid var(--border);
      border-radius: var(--radius); padding: 10px 14px; display: grid; gap: 6px; font-size: 13px; min-width: 280px; box-shadow: 0 6px 24px rgb(0 0 0 / 0.25); }
    .progress progress { width: 100%; accent-color: var(--accent); }
  `;

  /** Where files and the clipboard go; set by main.ts before the first render. */
  @provide({ context: hostContext })
  @property({ attribute: false })
  host!: Host;

  /** Exported PNGs carry the project (the controller's; identity until it starts). */
  @provide({ context: pngDecorationContext })
  readonly decoratePng: PngDecoration = (png) => this.#controller?.withProject(png) ?? png;

  @state() private lab: LabEntry = labFromHash(location.hash);
  @state() private loaded = new Set<string>();
  @state() private theme: ThemeName = 'dark';
  /** The user's pick, or 'system' until they make one (then the OS's light or dark is followed). */
  @state() private themePreference: ThemePreference = 'system';
  @state() private palette: ColorVision = 'standard';
  @state() private toasts: readonly Toast[] = [];
  @state() private dropping = false;
  @state() private recent: readonly RecentFile[] | undefined;
  @state() private exporting: { fraction: number; label: string } | undefined;
  /** Why the last autosave could not be written (a quiet line under the project bar), if it failed. */
  @state() private autosaveProblem: string | undefined;
  /** Bumped when the session's history or document changes, to redraw the project bar. */
  @state() private sessionTick = 0;

  #controller: ProjectController | undefined;
  #toastId = 0;
  #dragDepth = 0;
  #stops: (() => void)[] = [];
  #linksReady = false;

  override connectedCallback(): void {
    super.connectedCallback();
    const saved = localStorage.getItem(THEME_KEY);
    this.themePreference = saved === 'light' || saved === 'dark' ? saved : 'system';
    this.theme = this.themePreference === 'system' ? systemTheme() : this.themePreference;
    this.#colorScheme.addEventListener('change', this.#onSystemTheme);
    const palette = localStorage.getItem(PALETTE_KEY) as ColorVision | null;
    this.palette = palette && COLOR_VISIONS.includes(palette) ? palette : 'standard';
    setColorVision(this.palette);
    window.addEventListener('hashchange', this.onHashChange);
    window.addEventListener('keydown', this.#onKey);
    window.addEventListener('dragenter', this.#onDragEnter);
    window.addEventListener('dragover', this.#onDragOver);
    window.addEventListener('dragleave', this.#onDragLeave);
    window.addEventListener('drop', this.#onDrop);
    const onSession = () => this.sessionTick++;
    session.addEventListener('changed', onSession);
    this.#stops.push(() => session.removeEventListener('changed', onSession));
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    this.#colorScheme.removeEventListener('change', this.#onSystemTheme);
    window.removeEventListener('keydown', this.#onKey);
    window.removeEventListener('dragenter', this.#onDragEnter);
    window.removeEventListener('dragover', this.#onDragOver);
    window.removeEventListener('dragleave', this.#onDragLeave);
    window.removeEventListener('drop', this.#onDrop);
    for (const stop of this.#stops) stop();
    this.#stops = [];
    this.#controller?.stop();
    super.disconnectedCallback();
  }

  protected override firstUpdated(): void {
    // The window's chrome follows the user's pick from the start (the OS's while it is 'system').
    this.host.setThemeSource(this.themePreference);
    const controller = new ProjectController(followingSystemTheme(this.host, () => this.themePreference === 'system'), this.#shell);
    this.#controller = controller;
    this.#stops.push(this.host.onMenuCommand((command) => this.#onMenuCommand(command)));
    void controller
      .start()
      .then(() => openLink(location.href, this.#linkOpener))
      .then(() => (this.#linksReady = true))
      .then(() => this.dispatchEvent(new CustomEvent('project-ready')));
  }

  /** For end-to-end tests: the controller, once started. */
  get project(): ProjectController | undefined {
    return this.#controller;
  }

  readonly #shell: ProjectShell = {
    get view() {
      return labFromHash(location.hash).id as ViewId;
    },
    theme: 'dark',
    setTheme: (theme) => this.#setTheme(theme),
    navigate: (view) => {
      if (labFromHash(location.hash).id !== view) location.hash = `#/${view}`;
    },
    notify: (message, kind) => this.#notify(message, kind),
    askFileName: (suggested) => (this.renderRoot.querySelector('hinge-name-dialog') as NameDialog).ask(suggested),
    askUnsaved: (question) => (this.renderRoot.querySelector('hinge-confirm-dialog') as ConfirmDialog).ask(question),
    importWeights: async (file) => {
      const { showImportDialog } = await import('../import/import-flow.js');
      await showImportDialog(file);
    },
    renderCurrentPng: async () => this.#exportPanel()?.renderPng(2),
    showLab: (view) => this.#showLab(view),
    exportProgress: (fraction, label) => (this.exporting = fraction === undefined ? undefined : { fraction, label }),
    labRoot: () => this.renderRoot.querySelector('main > *')?.shadowRoot ?? undefined,
    autosaveStatus: (problem) => (this.autosaveProblem = problem),
  };

  #exportPanel(): ExportPanel | null {
    const lab = this.renderRoot.querySelector('main > *');
    return (lab?.shadowRoot?.querySelector('hinge-export-panel') as ExportPanel | null) ?? null;
  }

  /** Navigates to `view` and waits for its element, its export panel and its first frame. */
  async #showLab(view: ViewId): Promise<void> {
    this.#shell.navigate(view);
    const entry = LABS.find((lab) => lab.id === view)!;
    if (!this.loaded.has(view)) await this.loadLab(entry);
    await this.updateComplete;
    const lab = this.renderRoot.querySelector(entry.tag) as (HTMLElement & { framesDrawn?: number; settled?: () => Promise<void> }) | null;
    // A lab on the shell says when its jobs have landed and its view is drawn.
    if (lab?.settled) {
      await lab.settled();
      return;
    }
    const deadline = performance.now() + 20_000;
    while (performance.now() < deadline) {
      const lab = this.renderRoot.querySelector(entry.tag) as (HTMLElement & { framesDrawn?: number }) | null;
      if (lab && this.#exportPanel() && (lab.framesDrawn ?? 1) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Give asynchronous work (workers, the parser) a moment to land in the picture.
    await new Promise((resolve) => setTimeout(resolve, 400));
  }

  #notify(message: string, kind: 'info' | 'error'): void {
    const toast = { id: ++this.#toastId, message, kind };
    this.toasts = [...this.toasts.slice(-3), toast];
    if (kind === 'info') setTimeout(() => this.#dismiss(toast.id), 6000);
  }

  #dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  readonly #colorScheme = matchMedia('(prefers-color-scheme: light)');
  readonly #onSystemTheme = (): void => {
    if (this.themePreference === 'system') this.theme = systemTheme();
  };

  /** A project's theme (an opened file): shown, without changing the user's preference. */
  #setTheme(theme: ThemeName): void {
    this.theme = theme;
  }

  /** The user's choice in the rail: 'system' follows the OS from now on. */
  #chooseTheme(preference: ThemePreference): void {
    this.themePreference = preference;
    this.host.setThemeSource(preference);
    if (preference === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, preference);
    this.theme = preference === 'system' ? systemTheme() : preference;
  }

  #choosePalette(palette: ColorVision): void {
    this.palette = palette;
    localStorage.setItem(PALETTE_KEY, palette);
    setColorVision(palette);
  }

  #onMenuCommand(command: MenuCommand): void {
    const controller = this.#controller;
    if (!controller) return;
    if (command.startsWith('lab.')) this.#shell.navigate(command.slice(4) as ViewId);
    else if (command === 'help') this.#showHelp('keys');
    else if (command === 'samples') this.#showHelp('samples');
    else if (command === 'save') void controller.save();
    else if (command === 'saveAs') void controller.save(true);
    // The lab may still be loading (a project just opened, `hinge --export`): wait for its picture.
    else if (command === 'exportPng') void this.#showLab(this.#shell.view).then(() => this.#exportPanel()?.savePng());
    else if (command === 'exportAll') void controller.exportAll();
    else if (command === 'reload') void controller.requestReload();
    else if (command === 'undo' || command === 'redo') {
      // The menu's shortcut wins over the page: inside a text field it is the field's own undo.
      if (editingText()) document.execCommand(command);
      else if (command === 'undo') controller.undo();
      else controller.redo();
    }
  }

  /** Keyboard shortcuts in the browser; in the desktop app the menu's accelerators send these as commands. */
  readonly #onKey = (event: KeyboardEvent): void => {
    if (event.key === '?' && !event.ctrlKey && !event.metaKey && !event.altKey && !editingText() && !event.defaultPrevented) {
      event.preventDefault();
      this.#showHelp('keys');
      return;
    }
    if (this.host.kind !== 'browser' || !(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    let command: MenuCommand | 'open' | undefined;
    if (key === 'z') command = event.shiftKey ? 'redo' : 'undo';
    else if (key === 'y' && !event.shiftKey) command = 'redo';
    else if (key === 's') command = event.shiftKey ? 'saveAs' : 'save';
    else if (key === 'o' && !event.shiftKey) command = 'open';
    if (!command) return;
    if ((command === 'undo' || command === 'redo') && editingText()) return; // the field's own undo
    event.preventDefault();
    if (command === 'open') void this.#controller?.open();
    else this.#onMenuCommand(command);
  };

  readonly #onDragEnter = (event: DragEvent): void => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    this.#dragDepth++;
    this.dropping = true;
  };

  readonly #onDragOver = (event: DragEvent): void => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };

  readonly #onDragLeave = (): void => {
    this.#dragDepth = Math.max(0, this.#dragDepth - 1);
    if (this.#dragDepth === 0) this.dropping = false;
  };

  readonly #onDrop = async (event: DragEvent): Promise<void> => {
    if (!event.dataTransfer?.files.length) return;
    this.#dragDepth = 0;
    this.dropping = false;
    // A lab that takes the drop itself (the Model lab's checkpoint drop zone) has handled it.
    if (event.defaultPrevented) return;
    event.preventDefault();
    const files: IncomingFile[] = await Promise.all(
      [...event.dataTransfer.files].map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })),
    );
    await this.#controller?.openFiles(files);
  };

  async #toggleRecent(): Promise<void> {
    this.recent = this.recent ? undefined : await this.host.recentFiles();
  }

  private readonly onHashChange = (): void => {
    this.lab = labFromHash(location.hash);
    // Before the start-up has restored the autosave, the start-up opens the link itself.
    if (this.#linksReady) void openLink(location.href, this.#linkOpener);
  };

  readonly #linkOpener: LinkOpener = {
    confirmDiscard: async (question) => {
      const answer = await this.#shell.askUnsaved(question);
      return answer === 'discard' || (answer === 'save' && (await this.#controller!.save()));
    },
    navigate: (view) => this.#shell.navigate(view),
    notify: (message, kind) => this.#notify(message, kind),
  };

  /** Opens a shared link (a pasted URL, or one the desktop app was asked to open). */
  openLink(url: string): Promise<boolean> {
    return openLink(url, this.#linkOpener);
  }

  #showHelp(section: HelpSection): void {
    void (this.renderRoot.querySelector('hinge-help-dialog') as HelpDialog).show(section, (sample) => void this.#openSample(sample));
  }

  async #openSample(sample: Sample): Promise<void> {
    try {
      await this.#controller?.openFiles([await fetchSample(sample)]);
    } catch (error) {
      this.#notify(`Could not open the sample: ${(error as Error).message}`, 'error');
    }
  }

  #showShare(): void {
    const dialog = this.renderRoot.querySelector('hinge-share-dialog') as ShareDialog;
    void dialog.show(
      (scope) => currentLink(this.host.kind, this.#shell.view, this.theme, scope),
      (url) => void this.openLink(url),
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    (this.#shell as { theme: ThemeName }).theme = this.theme;
    if (changed.has('palette' as keyof HingeApp)) document.documentElement.dataset.palette = this.palette;
    if (changed.has('theme' as keyof HingeApp)) {
      document.documentElement.dataset.theme = this.theme;
      document.documentElement.dataset.palette = this.palette;
      window.dispatchEvent(new CustomEvent('hinge-theme-changed', { detail: this.theme }));
    }
    if (!this.loaded.has(this.lab.id)) void this.loadLab(this.lab);
  }

  private async loadLab(lab: LabEntry): Promise<void> {
    await lab.load();
    performance.mark(`hinge:lab-loaded`);
    this.loaded = new Set([...this.loaded, lab.id]);
  }

  #renderProject() {
    const c = this.#controller;
    void this.sessionTick;
    const mod = navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl+';
    return html`<section class="project" aria-label="Project">
      <div class="doc" data-testid="doc-name" title=${session.dirty ? 'Unsaved changes' : 'All changes saved'}>
        <span class="name">${(session.name ?? 'Untitled').replace(/\.hinge$/i, '')}</span>
        ${session.dirty ? html`<span class="dirty" data-testid="dirty" aria-label="unsaved changes"></span>` : nothing}
      </div>
      <div class="tools">
        <button data-testid="open" title=${`Open a project, a Hinge PNG, or weights (.npy, .safetensors, .csv) (${mod}O)`} @click=${() => void c?.open()}>Open…</button>
        <button data-testid="recent" aria-expanded=${this.recent ? 'true' : 'false'} title="Projects opened or saved recently" @click=${() => void this.#toggleRecent()}>Recent ▾</button>
        <button data-testid="save" title=${`Save the project (${mod}S)`} @click=${() => void c?.save()}>Save</button>
        <button data-testid="save-as" title=${`Save the project under a new name (${mod}Shift+S)`} @click=${() => void c?.save(true)}>Save as…</button>
        <button data-testid="undo" ?disabled=${!session.canUndo} title=${session.canUndo ? `Undo ${session.undoLabel} (${mod}Z)` : 'Nothing to undo'} @click=${() => c?.undo()}>↶ Undo</button>
        <button data-testid="redo" ?disabled=${!session.canRedo} title=${session.canRedo ? `Redo ${session.redoLabel} (${mod}Shift+Z)` : 'Nothing to redo'} @click=${() => c?.redo()}>↷ Redo</button>
 <button data-testid="help" title="Keyboard shortcuts, what each lab shows, and sample files (?)" @click=${() => this.#showHelp('keys')}>Help</button>
        <button data-testid="samples" title="Open a sample project or weights file" @click=${() => this.#showHelp('samples')}>Samples</button>
        <button class="wide" data-testid="share" title="A link that opens this view (or the whole project) in Hinge" @click=${() => this.#showShare()}>Share link…</button>
        <button class="wide" data-testid="export-all" ?disabled=${this.exporting !== undefined} title="Every lab's current view as a PNG, into one folder" @click=${() => void c?.exportAll()}>Export all views…</button>
      </div>
      ${this.recent
        ? html`<div class="recent" role="menu" data-testid="recent-list">
            ${this.recent.length === 0
              ? html`<span class="none">No recent projects yet.</span>`
              : this.recent.map((r) => html`<button role="menuitem" title=${`Open ${r.name}`} @click=${() => { this.recent = undefined; void c?.openRecent(r.id); }}>${r.name}</button>`)}
          </div>`
        : nothing}
      ${this.autosaveProblem ? html`<div class="autosave-status" role="status" data-testid="autosave-status">${this.autosaveProblem}</div>` : nothing}
    </section>`;
  }

  override render() {
    const lab = this.lab;
    return html`
      <nav aria-label="Labs">
        <div class="brand"><img src="./icon.svg" alt="" />Hinge</div>
        ${this.#renderProject()}
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
        <div class="settings">
          <label title="Light or dark; System follows your computer's setting until you pick one">Theme
            <select data-testid="theme" .value=${this.themePreference} @change=${(e: Event) => this.#chooseTheme((e.target as HTMLSelectElement).value as ThemePreference)}>
              <option value="system">System</option><option value="dark">Dark</option><option value="light">Light</option>
            </select></label>
          <label title="Colours of the vectors and spaces: the standard green, red and blue, or a palette safe for colour-blind readers">Colours
            <select data-testid="palette" .value=${this.palette} @change=${(e: Event) => this.#choosePalette((e.target as HTMLSelectElement).value as ColorVision)}>
              <option value="standard">Standard</option><option value="colorblind">Colour-blind</option>
            </select></label>
        </div>
      </nav>
      <main>
        ${this.loaded.has(lab.id)
          ? keyed(this.palette, staticHtml`<${unsafeStatic(lab.tag)} .theme=${this.theme}></${unsafeStatic(lab.tag)}>`)
          : html`<div class="loading" role="status">Loading the ${lab.title} lab…</div>`}
      </main>
      <hinge-confirm-dialog></hinge-confirm-dialog>
      <hinge-name-dialog></hinge-name-dialog>
      <hinge-share-dialog></hinge-share-dialog>
      <hinge-help-dialog></hinge-help-dialog>
      <hinge-first-run-tour></hinge-first-run-tour>
      ${this.dropping ? html`<div class="drop" data-testid="drop-overlay"><div>Drop to open<small>.hinge projects, Hinge PNGs, .npy, .safetensors, .csv, .tsv</small></div></div>` : nothing}
      ${this.exporting
        ? html`<div class="progress" role="status" data-testid="export-all-progress"><span>${this.exporting.label}</span><progress max="1" .value=${this.exporting.fraction}></progress></div>`
        : nothing}
      <div class="toasts" aria-live="polite">
        ${this.toasts.map((t) => html`<div class=${`toast ${t.kind}`} role=${t.kind === 'error' ? 'alert' : 'status'} data-testid="toast">
          <span>${t.message}</span><button title="Dismiss" aria-label="Dismiss" @click=${() => this.#dismiss(t.id)}>×</button></div>`)}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-app': HingeApp;
  }
}
