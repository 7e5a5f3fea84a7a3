/** The main window: locked-down web preferences, no white flash, our page and nothing else. */
import { BrowserWindow, dialog, type BrowserWindowConstructorOptions } from 'electron';
import type { OwnPage } from './page.js';
import { hardenWebContents } from './security.js';

/** The app's dark background, shown before the first paint so the window never flashes white. */
export const WINDOW_BACKGROUND = '#101218';

export interface MainWindowOptions {
  readonly page: OwnPage;
  /** Absolute path of the built, sandbox-compatible preload (`out/preload/preload.cjs`). */
  readonly preloadPath: string;
  /** Absolute path of the window icon; platforms that take the icon from the bundle ignore it. */
  readonly iconPath?: string | undefined;
}

/** The BrowserWindow options, separate from construction so tests can read them in one place. */
export function mainWindowOptions({ preloadPath, iconPath }: MainWindowOptions): BrowserWindowConstructorOptions {
  return {
    title: 'Hinge',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** Creates the hardened main window, loads our page, and shows it once it has painted. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(options));
  hardenWebContents(win.webContents, options.page);
  win.once('ready-to-show', () => win.show());
  loadOwnPage(win, options.page).catch((error: unknown) => {
    // Without a page ready-to-show never fires; show the window and say why it is empty.
    if (!win.isDestroyed()) win.show();
    dialog.showErrorBox('Hinge could not load its interface', error instanceof Error ? error.message : String(error));
  });
  return win;
}

function loadOwnPage(win: BrowserWindow, page: OwnPage): Promise<void> {
  return page.kind === 'dev' ? win.loadURL(page.url) : win.loadFile(page.path);
}
