/** The main window: locked-down web preferences, no white flash, our page and nothing else. */
import { BrowserWindow, dialog, nativeTheme, type Rectangle } from 'electron';
import type { OwnPage } from './page.js';
import { hardenWebContents } from './security.js';

/** The app's dark background, shown before the first paint so the window never flashes white. */
export const WINDOW_BACKGROUND = '#101218';
/** The light theme's background, for a system in light mode (the page follows the system's theme). */
export const WINDOW_BACKGROUND_LIGHT = '#f7f6f2';
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
export const MIN_WINDOW_SIZE = { width: 900, height: 600 } as const;

export interface MainWindowOptions {
  readonly page: OwnPage;
  /** Absolute path of the built, sandbox-compatible preload (`out/preload/preload.cjs`). */
  readonly preloadPath: string;
  /** Absolute path of the window icon; platforms that take the icon from the bundle ignore it. */
  readonly iconPath?: string | undefined;
  /** Where the window opens; without x and y the platform centres it. */
  readonly bounds?: Partial<Rectangle> | undefined;
  /** Open maximized (the bounds are then what "restore" returns to). */
  readonly maximized?: boolean | undefined;
  /** Open in full screen. */
  readonly fullScreen?: boolean | undefined;
  /** Never show the window (`hinge --export` renders in it unseen). */
  readonly hidden?: boolean | undefined;
}

/** Creates the hardened main window, loads our page, and shows it once it has painted. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const bounds = options.bounds ?? {};
  // The web preferences stay a literal here, at the constructor, so static checkers
  // (electronegativity in `npm run security`) see exactly what the window gets.
  const win = new BrowserWindow({
    title: 'Hinge',
    width: bounds.width ?? DEFAULT_WINDOW_SIZE.width,
    height: bounds.height ?? DEFAULT_WINDOW_SIZE.height,
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    // The page starts in the system's theme (prefers-color-scheme follows nativeTheme), so does the window.
    backgroundColor: nativeTheme.shouldUseDarkColors ? WINDOW_BACKGROUND : WINDOW_BACKGROUND_LIGHT,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // A hidden export window must still draw its frames.
      backgroundThrottling: !options.hidden,
    },
  });
  hardenWebContents(win.webContents, options.page);
  win.once('ready-to-show', () => {
    if (options.hidden) return;
    // Maximizing shows the window too; doing it here, not before the first paint, avoids a flash.
    if (options.fullScreen) win.setFullScreen(true);
    if (options.maximized) win.maximize();
    win.show();
  });
  win.loadURL(options.page.url).catch((error: unknown) => {
    // Without a page ready-to-show never fires; show the window and say why it is empty.
    if (!win.isDestroyed() && !options.hidden) win.show();
    dialog.showErrorBox('Hinge could not load its interface', error instanceof Error ? error.message : String(error));
  });
  return win;
}
