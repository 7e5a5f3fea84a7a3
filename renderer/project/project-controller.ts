/**
 * File and history commands of the app shell: open (projects, Hinge PNGs, weight files), save,
 * save as, recent files, undo/redo, autosave and its restoration, the unsaved-changes prompt and
 * "Export all". It talks to the host for files and to the session for state; the shell gives it
 * the current view, the theme and a way to ask the user.
 */
import { HINGE_PNG_KEYWORD, withPngText } from '../../src/formats/png-text.js';
import { EXPORT_ALL_LAB_IDS, LabStateError, labTitle, PROJECT_FORMAT, PROJECT_VERSION, ProjectError, parseProject, salvageProject, serializeProject, type Project, type ViewId } from '../../src/project/index.js';
import type { Host, IncomingFile } from '../host/host.js';
import { captureDrafts, restoreDrafts, type Drafts } from './drafts.js';
import { session } from './session.js';

/** What the controller needs from the shell. */
export interface ProjectShell {
  readonly view: ViewId;
  readonly theme: 'dark' | 'light';
  setTheme(theme: 'dark' | 'light'): void;
  navigate(view: ViewId): void;
  /** Shows a message (an error stays until dismissed). */
  notify(message: string, kind: 'info' | 'error'): void;
  /** Asks for a file name (Save as… where the host has no dialog of its own); undefined when canceled. */
  askFileName(suggested: string): Promise<string | undefined>;
  /** Asks about unsaved changes: save them first, discard them, or cancel. */
  askUnsaved(question: string): Promise<'save' | 'discard' | 'cancel'>;
  /** Opens the import dialog for a weights file. */
  importWeights(file: IncomingFile): Promise<void>;
  /** Renders the current lab's view as a PNG (undefined when the lab has no picture yet). */
  renderCurrentPng(): Promise<Uint8Array | undefined>;
  /** Waits until the lab `view` is on screen with its first picture drawn. */
  showLab(view: ViewId): Promise<void>;
  /** Progress of Export all (undefined when done). */
  exportProgress(fraction: number | undefined, label: string): void;
  /** The shadow root of the lab element on screen, once it exists. */
  labRoot(): ParentNode | undefined;
  /** Shows (or, with undefined, clears) a quiet line saying the autosave could not be written. */
  autosaveStatus(problem: string | undefined): void;
}

/** The autosave record: the project, its name, and whether it had unsaved changes. */
interface Autosave {
  readonly kind: 'hinge-autosave';
  readonly project: unknown;
  readonly name: string | null;
  /** The host's handle of the project's file, so Save after a restore writes back to it. */
  readonly handle?: string;
  readonly dirty: boolean;
  /** True once the window was closed on purpose: the next start begins afresh. */
  readonly closed: boolean;
  /** Text typed into the current lab's fields, applied or not (see drafts.ts). */
  readonly drafts?: { readonly view: string; readonly fields: Drafts };
  readonly at: string;
}

const AUTOSAVE_DELAY_MS = 1000;
const TENSOR_EXTENSIONS = ['.npy', '.safetensors', '.csv', '.tsv'];
export const EXPORT_ALL_VIEWS: readonly ViewId[] = EXPORT_ALL_LAB_IDS;

const extensionOf = (name: string) => name.slice(name.lastIndexOf('.')).toLowerCase();
const projectBaseName = (name: string | null) => (name ?? 'Untitled').replace(/\.hinge$/i, '');

export class ProjectController {
  #autosaveTimer: ReturnType<typeof setTimeout> | undefined;
  #stops: (() => void)[] = [];
  #closing = false;
  /** True while the autosave is being read and applied: leaving then must not overwrite it. */
  #restoring = false;

  constructor(
    private readonly host: Host,
    private readonly shell: ProjectShell,
  ) {}

  /** Subscribes to the session, the host's files, menu and close events; restores the autosave. */
  async start(): Promise<void> {
    const onSession = (event: Event) => {
      const change = (event as CustomEvent<string>).detail;
      this.host.setDocumentState(session.name, session.dirty);
      if (change !== 'document' || session.dirty) this.#scheduleAutosave();
    };
    session.addEventListener('changed', onSession);
    this.#stops.push(() => session.removeEventListener('changed', onSession));
    this.#stops.push(this.host.onCloseRequested(() => void this.requestClose()));
    const beforeUnload = (event: BeforeUnloadEvent) => {
      this.#flushOnLeave();
      if (this.host.kind === 'browser' && session.dirty) event.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    this.#stops.push(() => window.removeEventListener('beforeunload', beforeUnload));
    // The last second of edits (the autosave waits a second) goes out before the page does.
    const pageHide = () => this.#flushOnLeave();
    window.addEventListener('pagehide', pageHide);
    this.#stops.push(() => window.removeEventListener('pagehide', pageHide));
    const onRefused = (event: Event) => {
      const error = (event as CustomEvent<LabStateError>).detail;
      this.shell.notify(`Not applied: ${labTitle(error.lab)} lab, ${error.path || 'state'}: ${error.reason}. The previous value stays.`, 'error');
    };
    session.addEventListener('refused', onRefused);
    this.#stops.push(() => session.removeEventListener('refused', onRefused));
    // Typing that is not applied yet is autosaved too (input events cross shadow roots).
    const onInput = () => this.#scheduleAutosave();
    window.addEventListener('input', onInput);
    this.#stops.push(() => window.removeEventListener('input', onInput));
    await this.#restoreAutosave();
    // Files from the command line come after the restored work, which they may then replace
    // (asking first when that work is unsaved).
    this.#stops.push(this.host.onIncomingFiles((files) => void this.openFiles(files)));
    this.host.setDocumentState(session.name, session.dirty);
  }

  stop(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
    clearTimeout(this.#autosaveTimer);
  }

  /** The current project as `.hinge` text. */
  projectText(): string {
    return serializeProject({ ...session.snapshot(this.shell.view, this.shell.theme), app: 'hinge' });
  }

  /** A PNG with the current project in its text chunk, so dropping it back reopens this view. */
  withProject(png: Uint8Array): Uint8Array {
    try {
      return withPngText(png, HINGE_PNG_KEYWORD, this.projectText());
    } catch {
      return png; // a state we cannot serialize must not cost the user the picture
    }
  }

  // ── Save ──────────────────────────────────────────────────────────────────────────────────

  /** Saves the project (to its file when it has one, unless `saveAs`); true when saved. */
  async save(saveAs = false): Promise<boolean> {
    let text: string;
    try {
      text = this.projectText();
    } catch (error) {
      this.shell.notify(`Could not save: ${(error as Error).message}`, 'error');
      return false;
    }
    const bytes = new TextEncoder().encode(text);
    let name = `${projectBaseName(session.name)}.hinge`;
    if (saveAs && this.host.kind === 'browser') {
      // A download has no dialog to name it: ask here.
      const chosen = await this.shell.askFileName(name);
      if (!chosen) return false;
      name = chosen;
    }
    const handle = saveAs || this.host.kind === 'browser' ? undefined : session.handle;
    const result = await this.host.saveFile(bytes, name, handle ? { handle } : {});
    if (result.status === 'saved') {
      session.markSaved(result.name, result.handle);
      this.host.rememberRecent(result.name, text, result.handle);
      this.shell.notify(`Saved ${result.name}.`, 'info');
      return true;
    }
    if (result.status === 'failed') this.shell.notify(`Could not save ${name}: ${result.reason}`, 'error');
    return false;
  }

  // ── Open ──────────────────────────────────────────────────────────────────────────────────

  /** Asks for files (a dialog or a file input) and opens them. */
  async open(): Promise<void> {
    await this.openFiles(await this.host.openFiles());
  }

  /** Opens files that arrived: projects and Hinge PNGs replace the project, weights go to the import dialog. */
  async openFiles(files: readonly IncomingFile[]): Promise<void> {
    for (const file of files) {
      const extension = extensionOf(file.name);
      if (extension === '.hinge') await this.#openProjectText(new TextDecoder().decode(file.bytes), file.name, file.handle);
      else if (extension === '.png') await this.#openPng(file);
      else if (TENSOR_EXTENSIONS.includes(extension)) await this.shell.importWeights(file);
      else this.shell.notify(`Hinge does not open ${extension || 'extensionless'} files (“${file.name}”): it opens .hinge projects, its own PNG exports, .npy, .safetensors, .csv and .tsv.`, 'error');
    }
  }

  async openRecent(id: string): Promise<void> {
    const file = await this.host.openRecent(id);
    if (!file) {
      this.shell.notify('That recent project is no longer there.', 'error');
      return;
    }
    await this.openFiles([file]);
  }

  async #openPng(file: IncomingFile): Promise<void> {
    let text: string | undefined;
    // Read in the formats worker, not on the page (a big picture, a compressed or hostile chunk).
    const { FormatsSession } = await import('../workers/formats-client.js');
    const reader = new FormatsSession();
    try {
      const outcome = await reader.pngText(file.bytes.slice(), HINGE_PNG_KEYWORD).result;
      if (!outcome.ok) throw new Error(outcome.error.message);
      text = outcome.value;
    } catch (error) {
      this.shell.notify(`Could not read “${file.name}”: ${(error as Error).message}`, 'error');
      return;
    } finally {
      reader.close();
    }
    if (text === undefined) {
      this.shell.notify(`“${file.name}” has no Hinge view in it: only PNGs exported by Hinge carry their project.`, 'error');
      return;
    }
    await this.#openProjectText(text, null, undefined, file.name);
  }

  /** Validates first, asks about unsaved changes second, and only then replaces anything. */
  async #openProjectText(text: string, name: string | null, handle: string | undefined, source = name ?? 'the file'): Promise<boolean> {
    let project: Project;
    try {
      project = parseProject(text);
    } catch (error) {
      const detail = error instanceof ProjectError ? error.message : String(error);
      this.shell.notify(`Could not open “${source}”: ${detail}. Your current work is unchanged.`, 'error');
      return false;
    }
    if (!(await this.#confirmDiscard(`Save the changes to “${projectBaseName(session.name)}” before opening “${source}”?`))) return false;
    this.#apply(project, name, handle);
    if (name) this.host.rememberRecent(name, text, handle);
    this.shell.notify(`Opened ${source}.`, 'info');
    return true;
  }

  #apply(project: Project, name: string | null, handle: string | undefined): void {
    session.applyProject(project, name, handle);
    this.shell.setTheme(project.theme);
    this.shell.navigate(project.view);
  }

  /** True when it is fine to drop the current work (saved, discarded, or nothing to lose). */
  async #confirmDiscard(question: string): Promise<boolean> {
    if (!session.dirty) return true;
    const answer = await this.shell.askUnsaved(question);
    if (answer === 'cancel') return false;
    if (answer === 'save') return this.save();
    return true;
  }

  // ── Close ─────────────────────────────────────────────────────────────────────────────────

  /** The window is closing with unsaved changes (desktop): ask, then close unless canceled. */
  async requestClose(): Promise<void> {
    // Answer at once, so the main process knows the page is alive and asking (not hung).
    this.host.setDocumentState(session.name, session.dirty);
    if (this.#closing) return;
    this.#closing = true;
    try {
      if (!(await this.#confirmDiscard(`Save the changes to “${projectBaseName(session.name)}” before closing?`))) return;
      clearTimeout(this.#autosaveTimer);
      await this.#writeAutosave(true);
      await this.host.closeWindow();
    } finally {
      this.#closing = false;
    }
  }

  /**
   * View → Reload (desktop): asks about unsaved changes as closing does. Saved or kept, the work is
   * in the autosave the new page restores; "Don't save" marks it closed, so the new page starts afresh.
   */
  async requestReload(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    try {
      const dirty = session.dirty;
      const answer = dirty ? await this.shell.askUnsaved(`Save the changes to “${projectBaseName(session.name)}” before reloading?`) : 'save';
      if (answer === 'cancel') return;
      if (dirty && answer === 'save' && !(await this.save())) return;
      clearTimeout(this.#autosaveTimer);
      await this.#writeAutosave(dirty && answer === 'discard');
      this.#restoring = true; // nothing more is written on the way out
      location.reload();
    } finally {
      this.#closing = false;
    }
  }

  // ── Undo ──────────────────────────────────────────────────────────────────────────────────

  undo(): void {
    const lab = session.undo();
    if (lab && lab !== this.shell.view) this.shell.navigate(lab);
  }

  redo(): void {
    const lab = session.redo();
    if (lab && lab !== this.shell.view) this.shell.navigate(lab);
  }

  // ── Autosave ──────────────────────────────────────────────────────────────────────────────

  #scheduleAutosave(): void {
    clearTimeout(this.#autosaveTimer);
    this.#autosaveTimer = setTimeout(() => void this.#writeAutosave(false), AUTOSAVE_DELAY_MS);
  }

  /** Writes the autosave now (tests and the close path call this). */
  async flushAutosave(): Promise<void> {
    clearTimeout(this.#autosaveTimer);
    await this.#writeAutosave(false);
  }

  /** The autosave record of the session now. */
  #autosaveText(closed: boolean): string {
    // The plain snapshot, not the validated file text: this runs a second after every keystroke,
    // and the stores only ever hold states the schema accepts (lab-store.ts).
    const project = { format: PROJECT_FORMAT, version: PROJECT_VERSION, ...session.snapshot(this.shell.view, this.shell.theme) };
    const root = this.shell.labRoot();
    const drafts = root ? { view: this.shell.view, fields: captureDrafts(root) } : undefined;
    const record: Autosave = {
      kind: 'hinge-autosave', project, name: session.name, ...(session.handle ? { handle: session.handle } : {}),
      dirty: session.dirty, closed, at: new Date().toISOString(), ...(drafts ? { drafts } : {}),
    };
    return JSON.stringify(record);
  }

  async #writeAutosave(closed: boolean): Promise<void> {
    let ok: boolean;
    let reason = 'the storage refused it';
    try {
      ok = await this.host.autosaveWrite(this.#autosaveText(closed));
    } catch (error) {
      ok = false;
      reason = (error as Error).message;
    }
    this.shell.autosaveStatus(ok ? undefined : `Autosave failed (${reason}): save your work to a file to keep it.`);
  }

  /**
   * The page is going (reload, close, navigation): write the autosave now. The browser host's
   * write is synchronous; the desktop's leaves in an IPC message before the page goes.
   */
  #flushOnLeave(): void {
    if (this.#restoring) return; // nothing to lose yet, and the old record must not be replaced
    clearTimeout(this.#autosaveTimer);
    void this.#writeAutosave(false);
  }

  async #restoreAutosave(): Promise<void> {
    this.#restoring = true;
    try {
      await this.#restoreAutosaveRecord();
    } finally {
      this.#restoring = false;
    }
  }

  async #restoreAutosaveRecord(): Promise<void> {
    let text: string | null;
    try {
      text = await this.host.autosaveRead();
    } catch {
      return;
    }
    if (!text) return;
    let record: Partial<Autosave>;
    try {
      record = JSON.parse(text) as Partial<Autosave>;
      if (typeof record !== 'object' || record === null) throw new Error('not a record');
    } catch {
      await this.#setAside(text, [], 'it is not readable');
      return;
    }
    if (record.kind !== 'hinge-autosave' || record.closed) return;
    let salvaged: ReturnType<typeof salvageProject>;
    try {
      salvaged = salvageProject(record.project);
    } catch (error) {
      await this.#setAside(text, [], (error as Error).message);
      return;
    }
    const name = typeof record.name === 'string' ? record.name : null;
    const handle = typeof record.handle === 'string' && record.handle.length <= 64 ? record.handle : undefined;
    // Set aside before anything is applied: applying starts the autosave clock.
    if (salvaged.rejected.length > 0) await this.#setAside(text, salvaged.rejected.map((r) => `${labTitle(r.lab)} (${r.error.message})`));
    this.#apply(salvaged.project, name, handle);
    void this.#restoreDrafts(record.drafts);
    if (salvaged.rejected.length > 0) {
      session.markUnsaved();
      return;
    }
    // Hinge reopens where it was left; it says so when that includes work not saved in a file.
    if (record.dirty) {
      session.markUnsaved();
      this.shell.notify(`Restored your work from ${record.at ? new Date(record.at).toLocaleTimeString() : 'the last autosave'}: it is not saved in a file yet.`, 'info');
    }
  }

  /**
   * Keeps an autosave record that did not restore (whole or in part) under its own name, where the
   * next autosave never writes, and tells the user which labs were left out and where it is.
   */
  async #setAside(text: string, labs: readonly string[], why?: string): Promise<void> {
    const where = await this.host.autosaveKeepRejected(text).catch(() => null);
    const kept = where ? `The whole autosaved record is kept in ${where}.` : 'It could not be kept aside either.';
    const message = labs.length > 0
      ? `Restored your work except the ${labs.length === 1 ? 'lab' : 'labs'} ${labs.join('; ')}, which could not be restored. ${kept}`
      : `The autosaved work could not be restored (${why}). ${kept}`;
    this.shell.notify(message, 'error');
  }

  /**
   * Puts typed text back into the restored lab's fields once they exist (labs load lazily), only
   * while that lab is still the one shown: drafts are found by their fields' test ids, which other
   * labs share (every W editor has `expr-W` and `cell-W-0-0`), so a user who moved to another lab
   * meanwhile would have that lab's matrix overwritten by these texts. Marks `hinge:drafts` with
   * how many fields it filled (0 when it gave up).
   */
  async #restoreDrafts(drafts: Autosave['drafts']): Promise<void> {
    let restored = 0;
    try {
      if (!drafts || typeof drafts !== 'object' || typeof drafts.fields !== 'object' || drafts.view !== this.shell.view) return;
      const view = drafts.view;
      const fields: Drafts = Object.fromEntries(Object.entries(drafts.fields).filter(([, v]) => typeof v === 'string'));
      if (Object.keys(fields).length === 0) return;
      for (let waited = 0; waited < 15_000 && this.shell.view === view; waited += 100) {
        const root = this.shell.labRoot();
        if (root && Object.keys(captureDrafts(root)).some((id) => id in fields)) {
          // Let the lab finish its first renders (nested editors), then fill the fields.
          await new Promise((resolve) => setTimeout(resolve, 300));
          if (this.shell.view !== view || this.shell.labRoot() !== root) return;
          restored = restoreDrafts(root, fields);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      performance.mark('hinge:drafts', { detail: { restored } });
    }
  }

  // ── Export all ────────────────────────────────────────────────────────────────────────────

  /** Every lab's current view as a PNG (with its project inside) into one chosen folder. */
  async exportAll(scale = 2): Promise<void> {
    const folder = await this.host.chooseFolder();
    if (folder.status !== 'chosen') return;
    const start = this.shell.view;
    const saved: string[] = [];
    const failed: string[] = [];
    try {
      for (const [index, view] of EXPORT_ALL_VIEWS.entries()) {
        this.shell.exportProgress(index / EXPORT_ALL_VIEWS.length, `Rendering ${view}…`);
        await this.shell.showLab(view);
        const png = await this.shell.renderCurrentPng().catch(() => undefined);
        if (!png) {
          failed.push(view);
          continue;
        }
        const name = `hinge-${view}-${scale}x.png`;
        const result = await this.host.saveFile(this.withProject(png), name, { folder: folder.handle });
        if (result.status === 'saved') saved.push(name);
        else failed.push(`${view} (${result.status === 'failed' ? result.reason : 'canceled'})`);
      }
    } finally {
      this.shell.exportProgress(undefined, '');
      this.shell.navigate(start);
    }
    if (failed.length === 0) this.shell.notify(`Exported ${saved.length} views to ${folder.name}.`, 'info');
    else this.shell.notify(`Exported ${saved.length} views to ${folder.name}; could not export ${failed.join(', ')}.`, 'error');
  }
}
