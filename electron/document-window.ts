/**
 * The open project's name and unsaved changes, as the page reports them (setDocumentState), and the
 * unsaved-changes prompt when the window closes.
 *
 * Closing a window whose page said it has unsaved changes (the close button, Ctrl/Cmd+W, or a quit
 * with Ctrl/Cmd+Q or the menu, which closes every window) is held back, and the page is asked
 * (`closeRequested`): it offers Save / Don't save / Cancel and calls closeWindow unless the user
 * cancels. The page acknowledges the request by reporting its document state again; a page that
 * neither acknowledges nor closes within CLOSE_ANSWER_TIMEOUT_MS (hung, crashed, or broken) gets a
 * native question instead, which can only offer to close without saving, so a dead page never
 * keeps the user from closing Hinge.
 */
import { dialog, type BrowserWindow, type Event } from 'electron';
import type { RequestOf } from '../src/ipc/contract.js';
import { sendToPage } from './send.js';
import type { OwnPage } from './page.js';

export type DocumentState = RequestOf<'setDocumentState'>;

/** How long the page has to answer a close request before Hinge asks natively. */
export const CLOSE_ANSWER_TIMEOUT_MS = 10_000;

/** The native fallback's buttons, in order. */
export const FALLBACK_BUTTONS = ['Close without saving', 'Cancel'] as const;

/** The window title for a document state: `name` (or Untitled), a dot when unsaved, then the app. */
export function documentTitle({ name, dirty }: DocumentState): string {
  // Display only, but keep control characters (a newline from a file name) out of the title bar.
  const shown = (name ?? 'Untitled').replace(/[\u0000-\u001f\u007f]/g, ' ');
  return `${shown}${dirty ? ' •' : ''} — Hinge`;
}

/**
 * Whether the app is quitting: `before-quit` marks it, and the next window close takes the mark,
 * so a close that was part of a quit finishes the quit once the page has said yes.
 */
export class QuitIntent {
  // TypeScript `private`, not `#private`: see autosave.ts.
  private requested = false;

  /** Call from `app.on('before-quit')`. */
  request(): void {
    this.requested = true;
  }

  /** Whether a quit was requested since the last take. */
  take(): boolean {
    const requested = this.requested;
    this.requested = false;
    return requested;
  }
}

export interface DocumentWindowOptions {
  readonly page: OwnPage;
  /** macOS also marks the window's close button for unsaved changes. */
  readonly platform?: NodeJS.Platform;
  readonly answerTimeoutMs?: number;
  readonly quitIntent?: QuitIntent;
  /** Quits the app (a quit that waited for the page's answer goes on once the window closes). */
  readonly quit?: () => void;
}

const documentWindows = new WeakMap<BrowserWindow, DocumentWindow>();

/** The document state and close guard of `win`, if it has one. */
export function documentWindowOf(win: BrowserWindow): DocumentWindow | undefined {
  return documentWindows.get(win);
}

export class DocumentWindow {
  // TypeScript `private`, not `#private`: see autosave.ts.
  private current: DocumentState = { name: null, dirty: false };
  /** Set once the page reports a state: from then on the title is ours, not the page's <title>. */
  private titled = false;
  /** The page (or the user, natively) said the window may close. */
  private confirmed = false;
  /** Running while a close request waits for the page's first sign of life. */
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The native fallback question, while it is shown. */
  private fallback: AbortController | undefined;
  private closeIsQuit = false;
  private unresponsive = false;

  constructor(
    private readonly win: BrowserWindow,
    private readonly options: DocumentWindowOptions,
  ) {
    documentWindows.set(win, this);
    win.on('close', (event) => this.onClose(event));
    win.on('closed', () => this.stopWaiting());
    win.on('page-title-updated', (event) => {
      if (this.titled) event.preventDefault();
    });
    win.on('unresponsive', () => {
      this.unresponsive = true;
    });
    win.on('responsive', () => {
      this.unresponsive = false;
    });
  }

  /** What the page last reported. */
  get state(): DocumentState {
    return { ...this.current };
  }

  /**
   * The page reports its project's name and unsaved changes: title, macOS's edited mark. Also the
   * page's acknowledgement of a close request: it is alive and asking the user, so no fallback.
   */
  setState(state: DocumentState): void {
    this.current = { name: state.name, dirty: state.dirty };
    this.titled = true;
    this.stopWaiting();
    if (this.win.isDestroyed()) return;
    this.win.setTitle(documentTitle(this.current));
    if ((this.options.platform ?? process.platform) === 'darwin') this.win.setDocumentEdited(this.current.dirty);
  }

  /** The page asked the user (or saved) and says: close now. Finishes a quit it held up. */
  closeConfirmed(): void {
    this.stopWaiting();
    this.closeForReal();
  }

  private onClose(event: Event | undefined): void {
    const quit = this.options.quitIntent?.take() ?? false;
    if (this.confirmed || !this.current.dirty) return;
    event?.preventDefault();
    this.closeIsQuit = quit;
    if (this.fallback) return; // the native question is already up
    const crashed = this.win.webContents.isCrashed();
    if (crashed || !sendToPage(this.win, this.options.page, 'closeRequested', null)) {
      void this.askNatively();
      return;
    }
    // A second close while the page is asking only repeats the request; the clock keeps running.
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.askNatively();
    }, this.options.answerTimeoutMs ?? CLOSE_ANSWER_TIMEOUT_MS);
  }

  /** The page did not answer: ask here. Saving needs the page, so only closing without it is offered. */
  private async askNatively(): Promise<void> {
    if (this.fallback || this.win.isDestroyed()) return;
    const controller = new AbortController();
    this.fallback = controller;
    let response: number;
    try {
      ({ response } = await dialog.showMessageBox(this.win, {
        type: 'warning',
        title: 'Hinge',
        message: 'Close without saving?',
        detail: 'Hinge’s page is not answering, so it cannot save your changes now. If you close the window, the changes since your last save are lost.',
        buttons: [...FALLBACK_BUTTONS],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
        signal: controller.signal,
      }));
    } catch {
      return; // withdrawn (the page answered after all) or impossible to show
    } finally {
      if (this.fallback === controller) this.fallback = undefined;
    }
    if (controller.signal.aborted || this.win.isDestroyed()) return;
    if (FALLBACK_BUTTONS[response] === 'Close without saving') this.closeForReal();
  }

  private closeForReal(): void {
    this.confirmed = true;
    const quit = this.closeIsQuit;
    if (!this.win.isDestroyed()) {
      // close() lets the window save its position; a hung page could hold close() up, so end it.
      if (this.unresponsive) this.win.destroy();
      else this.win.close();
    }
    if (quit) this.options.quit?.();
  }

  private stopWaiting(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.fallback?.abort();
    this.fallback = undefined;
  }
}

/** Gives `win` a document state and the unsaved-changes guard; ipc.ts finds it with documentWindowOf. */
export function guardDocumentWindow(win: BrowserWindow, options: DocumentWindowOptions): DocumentWindow {
  return new DocumentWindow(win, options);
}
