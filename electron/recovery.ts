/**
 * Staying up: when the page crashes or hangs, the window stays and asks what to do. Reload starts a
 * new page, which restores the last autosave (autosaveRead), so nothing typed before the last
 * autosave is lost. "Reload without restoring" moves a state that crashes every time out of the
 * way (it is kept beside the autosave, not deleted).
 */
import { dialog, type BrowserWindow, type RenderProcessGoneDetails } from 'electron';

export interface RecoveryActions {
  /** Moves the autosave aside so the reloaded page starts empty. */
  setAutosaveAside(): Promise<unknown>;
}

const REASONS: Partial<Record<RenderProcessGoneDetails['reason'], string>> = {
  crashed: 'The page crashed.',
  oom: 'The page ran out of memory.',
  killed: 'The page was stopped by the system.',
  'abnormal-exit': 'The page stopped unexpectedly.',
  'launch-failed': 'The page could not be started.',
  'integrity-failure': 'The page failed an integrity check.',
  'memory-eviction': 'The page was unloaded to free memory.',
};

/** The dialog's buttons, in order, for a crash and for a hang. */
export const CRASH_BUTTONS = ['Reload', 'Reload without restoring', 'Close Hinge'] as const;
export const HANG_BUTTONS = ['Keep waiting', 'Reload', 'Close Hinge'] as const;

/**
 * Watches `win` for `render-process-gone` and `unresponsive` and offers a reload. One dialog at a
 * time; a hang dialog goes away by itself when the page becomes responsive again.
 */
export function superviseRenderer(win: BrowserWindow, actions: RecoveryActions): void {
  let open: AbortController | undefined;
  let openFor: 'crash' | 'hang' | undefined;
  let isUnresponsive = false;
  // Set while we end a hung page ourselves, so its death does not ask a second time.
  let endingHungPage = false;

  const ask = async (kind: 'crash' | 'hang', detail: string): Promise<void> => {
    if (win.isDestroyed()) return;
    if (open) {
      if (openFor === 'crash' || kind === 'hang') return;
      open.abort(); // a hang turned into a crash: ask the crash question instead
    }
    const controller = new AbortController();
    open = controller;
    openFor = kind;
    const buttons = kind === 'crash' ? CRASH_BUTTONS : HANG_BUTTONS;
    let response: number;
    try {
      ({ response } = await dialog.showMessageBox(win, {
        type: 'warning',
        title: 'Hinge',
        message: kind === 'crash' ? 'Hinge’s page stopped working.' : 'Hinge’s page is not responding.',
        detail,
        buttons: [...buttons],
        defaultId: kind === 'crash' ? 0 : 1,
        cancelId: 0,
        noLink: true,
        signal: controller.signal,
      }));
    } catch {
      return; // the dialog could not be shown, or was withdrawn
    } finally {
      if (open === controller) {
        open = undefined;
        openFor = undefined;
      }
    }
    if (controller.signal.aborted || win.isDestroyed()) return;
    const choice = buttons[response];
    if (choice === 'Close Hinge') win.destroy(); // destroy: a hung page could veto close()
    else if (choice === 'Reload without restoring') await actions.setAutosaveAside().finally(() => reload());
    else if (choice === 'Reload') reload();
  };

  const reload = (): void => {
    if (win.isDestroyed()) return;
    if (isUnresponsive) {
      // A hung renderer never gets to a reload; end it, and reload() then starts a fresh process.
      endingHungPage = true;
      win.webContents.forcefullyCrashRenderer();
    }
    win.webContents.reload();
  };

  win.webContents.on('render-process-gone', (_event, details) => {
    isUnresponsive = false;
    if (endingHungPage) {
      endingHungPage = false;
      return;
    }
    if (details.reason === 'clean-exit') return;
    void ask('crash', `${REASONS[details.reason] ?? 'The page stopped.'} Reload to continue from your last autosaved work.`);
  });
  win.on('unresponsive', () => {
    isUnresponsive = true;
    void ask('hang', 'It may be busy with a large computation. Reload to continue from your last autosaved work.');
  });
  win.on('responsive', () => {
    isUnresponsive = false;
    if (openFor === 'hang') open?.abort();
  });
}
