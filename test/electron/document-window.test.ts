// The unsaved-changes prompt on close: the page asks (closeRequested → closeWindow); a page that
// does not answer gets a native question instead; a quit waits for the answer and then goes on.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { events } from '../../src/ipc/contract.js';
import {
  CLOSE_ANSWER_TIMEOUT_MS,
  documentTitle,
  documentWindowOf,
  FALLBACK_BUTTONS,
  guardDocumentWindow,
  QuitIntent,
  type DocumentWindow,
} from '../../electron/document-window.js';
import { resolveOwnPage } from '../../electron/page.js';
import { fake, FakeBrowserWindow, navigationEvent } from './fake-electron.js';

const page = resolveOwnPage({ rendererRoot: '/opt/hinge/out/renderer', isPackaged: true });

type Answer = { response: number; checkboxChecked: boolean };

let win: FakeBrowserWindow;
let doc: DocumentWindow;
let quitIntent: QuitIntent;
let quit: ReturnType<typeof vi.fn>;

function open(platform: NodeJS.Platform = 'linux'): void {
  win = new FakeBrowserWindow({ title: 'Hinge' });
  win.webContents.mainFrame.url = 'app://hinge/index.html#/svd';
  quitIntent = new QuitIntent();
  quit = vi.fn();
  doc = guardDocumentWindow(win as never, { page, platform, quitIntent, quit });
}

/** The next message box waits until the test answers it, or is withdrawn through its signal. */
function pendingDialog(): { answer(button: (typeof FALLBACK_BUTTONS)[number]): void; withdrawn: () => boolean } {
  let resolve!: (answer: Answer) => void;
  let withdrawn = false;
  fake.dialog.showMessageBox.mockImplementationOnce((...args: unknown[]) => {
    const options = args[1] as { signal?: AbortSignal };
    return new Promise<Answer>((r, reject) => {
      resolve = r;
      options.signal?.addEventListener('abort', () => {
        withdrawn = true;
        reject(new Error('aborted'));
      });
    });
  });
  return { answer: (button) => resolve({ response: FALLBACK_BUTTONS.indexOf(button), checkboxChecked: false }), withdrawn: () => withdrawn };
}

const closeRequests = () => win.webContents.send.mock.calls.filter(([channel]) => channel === events.closeRequested.name);

beforeEach(() => {
  fake.reset();
  vi.useFakeTimers();
  open();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('document state', () => {
  it('titles the window "<name> • — Hinge" while unsaved, "Untitled" without a name', () => {
    doc.setState({ name: 'model.hinge', dirty: true });
    expect(win.title).toBe('model.hinge • — Hinge');
    doc.setState({ name: 'model.hinge', dirty: false });
    expect(win.title).toBe('model.hinge — Hinge');
    doc.setState({ name: null, dirty: true });
    expect(win.title).toBe('Untitled • — Hinge');
    expect(doc.state).toEqual({ name: null, dirty: true });
    expect(documentWindowOf(win as never)).toBe(doc);
  });

  it('keeps control characters out of the title', () => {
    expect(documentTitle({ name: 'a\nb\u0007.hinge', dirty: false })).toBe('a b .hinge — Hinge');
  });

  it('marks the window edited on macOS only', () => {
    doc.setState({ name: 'a.hinge', dirty: true });
    expect(win.documentEdited).toBe(false);
    open('darwin');
    doc.setState({ name: 'a.hinge', dirty: true });
    expect(win.documentEdited).toBe(true);
    doc.setState({ name: 'a.hinge', dirty: false });
    expect(win.documentEdited).toBe(false);
  });

  it("keeps its title once the page reported a state, not the page's <title>", () => {
    const before = navigationEvent('');
    win.emit('page-title-updated', before, 'Hinge');
    expect(before.defaultPrevented()).toBe(false);
    doc.setState({ name: 'a.hinge', dirty: false });
    const after = navigationEvent('');
    win.emit('page-title-updated', after, 'Hinge');
    expect(after.defaultPrevented()).toBe(true);
  });
});

describe('closing', () => {
  it('closes at once without unsaved changes, and asks the page nothing', () => {
    doc.setState({ name: 'a.hinge', dirty: false });
    win.close();
    expect(win.destroyed).toBe(true);
    expect(closeRequests()).toEqual([]);
  });

  it('with unsaved changes: holds the close, asks the page, and closes when the page says so', () => {
    doc.setState({ name: 'a.hinge', dirty: true });
    win.close();
    expect(win.destroyed).toBe(false);
    expect(closeRequests()).toEqual([[events.closeRequested.name, null]]);
    doc.closeConfirmed();
    expect(win.destroyed).toBe(true);
    vi.advanceTimersByTime(CLOSE_ANSWER_TIMEOUT_MS * 2);
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled();
    expect(quit).not.toHaveBeenCalled();
  });

  it('a page that acknowledges (reports its state) and lets the user cancel gets no native question; the next close asks again', () => {
    doc.setState({ name: 'a.hinge', dirty: true });
    win.close();
    vi.advanceTimersByTime(CLOSE_ANSWER_TIMEOUT_MS / 2);
    doc.setState({ name: 'a.hinge', dirty: true }); // the page shows its prompt
    vi.advanceTimersByTime(CLOSE_ANSWER_TIMEOUT_MS * 3); // the user thinks, then cancels
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled();
    expect(win.destroyed).toBe(false);
    win.close();
    expect(closeRequests()).toHaveLength(2);
    expect(win.destroyed).toBe(false);
  });

  it('a second close while the page is asking repeats the request but does not restart the clock', () => {
    doc.setState({ name: 'a.hinge', dirty: true });
    pendingDialog();
    win.close();
    vi.advanceTimersByTime(CLOSE_ANSWER_TIMEOUT_MS - 1000);
    win.close();
    expect(closeRequests()).toHaveLength(2);
    vi.advanceTimersByTime(1000);
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1);
  });

  it('a silent page: after the timeout a native question offers only to close without saving, or cancel', async () => {
    doc.setState({ name: 'a.hinge', dirty: true });
    const dialog = pendingDialog();
    win.close();
    vi.advanceTimersByTime(CLOSE_ANSWER_TIMEOUT_MS - 1);
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    const [window, options] = fake.dialog.showMessageBox.mock.calls[0] ?? [];
    expect(window).toBe(win);
    expect(options).toMatchObject({ type: 'warning', message: 'Close without saving?', buttons: ['Close without saving', 'Cancel'], defaultId: 1, cancelId: 1 });
    win.close(); // clicking close again while the question is up changes nothing
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    dialog.answer('Close without saving');
    await vi.waitFor(() => expect(win.destroyed).toBe(true), { timeout: 60_000 });
  });

  it('"Cancel" in the native question keeps the window; the next close asks the page again', async () => {
    doc.setState({ name: 'a.hinge', dirty: true });
    const dialog = pendingDialog();
    win.close();
    vi.advanceTimersByTime(CLOSE_ANSWER_TIMEOUT_MS);
    dialog.answer('Cancel');
    await vi.advanceTimersByTimeAsync(0);
    expect(win.destroyed).toBe(false);
    win.close();
    expect(closeRequests()).toHaveLength(2);
    expect(win.destroyed).toBe(false);
  });

  it('withdraws the native question when the page answers after all', async () => {
    doc.setState({ name: 'a.hinge', dirty: true });
    const dialog = pendingDialog();
    win.close();
    vi.advanceTimersByTime(CLOSE_ANSWER_TIMEOUT_MS);
    doc.closeConfirmed();
    expect(dialog.withdrawn()).toBe(true);
    expect(win.destroyed).toBe(true);
  });

  it('a crashed page, or a window that no longer shows our page, gets the native question at once', async () => {
    doc.setState({ name: 'a.hinge', dirty: true });
    win.webContents.crashed = true;
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    win.close();
    expect(closeRequests()).toEqual([]);
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(win.destroyed).toBe(true), { timeout: 60_000 });

    open();
    doc.setState({ name: 'a.hinge', dirty: true });
    win.webContents.mainFrame.url = 'https://evil.example/';
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    win.close();
    expect(closeRequests()).toEqual([]);
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(2);
  });

  it('ends a hung page rather than waiting for it to let the window close', async () => {
    doc.setState({ name: 'a.hinge', dirty: true });
    win.emit('unresponsive');
    const closes = vi.fn();
    win.on('close', closes);
    const dialog = pendingDialog();
    win.close();
    vi.advanceTimersByTime(CLOSE_ANSWER_TIMEOUT_MS);
    dialog.answer('Close without saving');
    await vi.waitFor(() => expect(win.destroyed).toBe(true), { timeout: 60_000 });
    expect(closes).toHaveBeenCalledTimes(1); // destroyed, not closed a second time
  });
});

describe('quitting (Cmd+Q, File → Quit)', () => {
  it('a quit with unsaved changes waits for the page, then closes and quits', () => {
    doc.setState({ name: 'a.hinge', dirty: true });
    quitIntent.request(); // before-quit
    win.close(); // Electron closes every window
    expect(win.destroyed).toBe(false);
    expect(closeRequests()).toHaveLength(1);
    doc.closeConfirmed();
    expect(win.destroyed).toBe(true);
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('a quit confirmed in the native question quits too', async () => {
    doc.setState({ name: 'a.hinge', dirty: true });
    const dialog = pendingDialog();
    quitIntent.request();
    win.close();
    vi.advanceTimersByTime(CLOSE_ANSWER_TIMEOUT_MS);
    dialog.answer('Close without saving');
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1), { timeout: 60_000 });
  });

  it('a quit the user cancelled does not make a later plain close quit', () => {
    doc.setState({ name: 'a.hinge', dirty: true });
    quitIntent.request();
    win.close(); // the page asks; the user cancels: nothing comes back
    win.close(); // later: the close button
    doc.closeConfirmed();
    expect(win.destroyed).toBe(true);
    expect(quit).not.toHaveBeenCalled();
  });

  it('a quit without unsaved changes goes straight through', () => {
    quitIntent.request();
    win.close();
    expect(win.destroyed).toBe(true);
    expect(closeRequests()).toEqual([]);
    expect(quitIntent.take()).toBe(false); // the close took the mark
  });
});
