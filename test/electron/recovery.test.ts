import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { CRASH_BUTTONS, HANG_BUTTONS, superviseRenderer } from '../../electron/recovery.js';
import { fake, FakeBrowserWindow } from './fake-electron.js';

type Answer = { response: number; checkboxChecked: boolean };

let win: FakeBrowserWindow;
let setAutosaveAside: ReturnType<typeof vi.fn<() => Promise<string | null>>>;

/** The next dialog waits until the test answers it (or it is withdrawn through its signal). */
function pendingDialog(): { answer(button: string, buttons: readonly string[]): void; options(): Record<string, unknown> } {
  let resolve!: (answer: Answer) => void;
  fake.dialog.showMessageBox.mockImplementationOnce((...args: unknown[]) => {
    const options = args[1] as { signal?: AbortSignal };
    return new Promise<Answer>((r, reject) => {
      resolve = r;
      options.signal?.addEventListener('abort', () => reject(new Error('aborted')));
    });
  });
  return {
    answer: (button, buttons) => resolve({ response: buttons.indexOf(button), checkboxChecked: false }),
    options: () => fake.dialog.showMessageBox.mock.calls.at(-1)?.[1] as Record<string, unknown>,
  };
}

const crash = (reason = 'crashed') => win.webContents.emit('render-process-gone', {}, { reason, exitCode: 1 });

beforeEach(() => {
  fake.reset();
  win = new FakeBrowserWindow({});
  setAutosaveAside = vi.fn(async () => '/u/autosave-aside.json');
  superviseRenderer(win as never, { setAutosaveAside });
});

describe('after a renderer crash', () => {
  it('offers Reload over the window, and reloads the page (which restores the autosave)', async () => {
    const dialog = pendingDialog();
    crash('oom');
    expect(fake.dialog.showMessageBox.mock.calls[0]?.[0]).toBe(win);
    expect(dialog.options()).toMatchObject({ type: 'warning', buttons: [...CRASH_BUTTONS], defaultId: 0, message: 'Hinge’s page stopped working.' });
    expect(String(dialog.options().detail)).toContain('ran out of memory');
    dialog.answer('Reload', CRASH_BUTTONS);
    await vi.waitFor(() => expect(win.webContents.reload).toHaveBeenCalledTimes(1), { timeout: 60_000 });
    expect(win.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    expect(setAutosaveAside).not.toHaveBeenCalled();
  });

  it('"Reload without restoring" sets the autosave aside first', async () => {
    const dialog = pendingDialog();
    crash();
    dialog.answer('Reload without restoring', CRASH_BUTTONS);
    await vi.waitFor(() => expect(win.webContents.reload).toHaveBeenCalledTimes(1), { timeout: 60_000 });
    expect(setAutosaveAside.mock.invocationCallOrder[0]).toBeLessThan(win.webContents.reload.mock.invocationCallOrder[0]!);
  });

  it('"Close Hinge" destroys the window', async () => {
    const dialog = pendingDialog();
    crash();
    dialog.answer('Close Hinge', CRASH_BUTTONS);
    await vi.waitFor(() => expect(win.destroyed).toBe(true), { timeout: 60_000 });
    expect(win.webContents.reload).not.toHaveBeenCalled();
  });

  it('asks once however often the renderer reports its death, and not for a clean exit', async () => {
    const dialog = pendingDialog();
    crash();
    crash('killed');
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    dialog.answer('Reload', CRASH_BUTTONS);
    await vi.waitFor(() => expect(win.webContents.reload).toHaveBeenCalled(), { timeout: 60_000 });
    crash('clean-exit');
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1);
  });
});

describe('when the renderer hangs', () => {
  it('offers to wait or reload; Reload ends the hung renderer and starts a fresh page, without a second dialog', async () => {
    const dialog = pendingDialog();
    win.emit('unresponsive');
    expect(dialog.options()).toMatchObject({ buttons: [...HANG_BUTTONS], defaultId: 1, cancelId: 0, message: 'Hinge’s page is not responding.' });
    dialog.answer('Reload', HANG_BUTTONS);
    await vi.waitFor(() => expect(win.webContents.reload).toHaveBeenCalledTimes(1), { timeout: 60_000 });
    expect(win.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(win.webContents.forcefullyCrashRenderer.mock.invocationCallOrder[0]).toBeLessThan(win.webContents.reload.mock.invocationCallOrder[0]!);
    crash('killed'); // the renderer we ended
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1);
  });

  it('"Keep waiting" changes nothing', async () => {
    const dialog = pendingDialog();
    win.emit('unresponsive');
    dialog.answer('Keep waiting', HANG_BUTTONS);
    await new Promise((resolve) => setImmediate(resolve));
    expect(win.webContents.reload).not.toHaveBeenCalled();
    expect(win.destroyed).toBe(false);
  });

  it('withdraws the question when the page responds again', async () => {
    pendingDialog();
    win.emit('unresponsive');
    const signal = (fake.dialog.showMessageBox.mock.calls[0]?.[1] as { signal: AbortSignal }).signal;
    win.emit('responsive');
    expect(signal.aborted).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(win.webContents.reload).not.toHaveBeenCalled();
  });

  it('a hang that becomes a crash asks the crash question', async () => {
    pendingDialog();
    win.emit('unresponsive');
    const crashDialog = pendingDialog();
    crash();
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(2);
    expect(crashDialog.options()).toMatchObject({ buttons: [...CRASH_BUTTONS] });
    crashDialog.answer('Reload', CRASH_BUTTONS);
    await vi.waitFor(() => expect(win.webContents.reload).toHaveBeenCalledTimes(1), { timeout: 60_000 });
    expect(win.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
  });
});
