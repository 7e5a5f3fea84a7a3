/**
 * Hinge's main process: sandbox everything, serve the renderer on app://, harden the session,
 * register the IPC contract, keep one instance and one window, and keep it up when its page crashes.
 * The main process stores files and shows dialogs; no mathematics happens here.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { release } from 'node:os';
import { app, BrowserWindow, clipboard, dialog, screen, session, shell } from 'electron';
import iconPath from '../assets/icon.png?asset';
import { OPENABLE_EXTENSIONS, type PendingFile } from '../src/ipc/contract.js';
import { AutosaveStore } from './autosave.js';
import { guardDocumentWindow, QuitIntent } from './document-window.js';
import { HandleRegistry } from './file-handles.js';
import { registerIpcHandlers, ownPageSender } from './ipc.js';
import { sendToPage } from './send.js';
import { installMenu, type MenuActions } from './menu.js';
import { fileArgumentsOf, launchRequest, OpenFileQueue, type LaunchRequest } from './open-files.js';
import { resolveOwnPage } from './page.js';
import { handleAppProtocol, registerAppScheme } from './protocol.js';
import { RecentFiles } from './recent-files.js';
import { superviseRenderer } from './recovery.js';
import { hardenAllWebContents, hardenSession } from './security.js';
import { CliExport, parseExportArguments } from './cli-export.js';
import { diagnosticsText, LogFile } from './log.js';
import { checkForUpdate, configureUpdater, UpdateSettings, updateFeedUrl } from './updater.js';
import { deliverLink, isLinkArgument, LinkInbox, linkArgumentsOf, registerLinkScheme } from './share-links.js';
import { testOverrides } from './test-mode.js';
import { createMainWindow } from './window.js';
import { placeWindow, readWindowState, rememberWindowState } from './window-state.js';

// Before ready: every renderer, including ones we did not create, is sandboxed, and app: is a
// privileged scheme.
app.enableSandbox();
registerAppScheme();

const overrides = testOverrides(process.env, app.isPackaged);
if (overrides.userData) app.setPath('userData', overrides.userData);

// `hinge --export out.png project.hinge`: render in a hidden window with a throwaway data folder
// (no autosave restored, nothing of the user's written), then exit. It runs beside an open Hinge.
const exportRequest = parseExportArguments(process.argv, { defaultApp: process.defaultApp === true, cwd: process.cwd() });
const exportData = exportRequest && !('error' in exportRequest) ? mkdtempSync(join(tmpdir(), 'hinge-export-')) : undefined;
if (exportData) app.setPath('userData', exportData);

const page = resolveOwnPage({
  rendererRoot: join(import.meta.dirname, '../renderer'),
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  isPackaged: app.isPackaged,
});
hardenAllWebContents(page);

// Files named on our own command line; a second launch hands its own over as additionalData,
// because Chromium may reorder or extend the argv the first instance sees.
// Share links (hinge://open/#…) come as arguments too; they are not files.
const launch: LaunchRequest = {
  files: fileArgumentsOf(process.argv, { defaultApp: process.defaultApp === true }).filter((arg) => !isLinkArgument(arg)),
  cwd: process.cwd(),
};
const launchLinks = linkArgumentsOf(process.argv);

if (exportRequest && 'error' in exportRequest) {
  process.stderr.write(`${exportRequest.error}\n`);
  app.exit(2);
} else if (exportRequest) {
  startHinge({ ...launch, files: [exportRequest.project] });
} else if (!app.requestSingleInstanceLock(launch)) {
  app.quit();
} else {
  startHinge(launch);
}

/** package.json of the app (its optional `hingeUpdateUrl`), or nothing. */
function readPackageJson(): { hingeUpdateUrl?: unknown } {
  try {
    return JSON.parse(readFileSync(join(app.getAppPath(), 'package.json'), 'utf8')) as { hingeUpdateUrl?: unknown };
  } catch {
    return {};
  }
}

function startHinge(launch: LaunchRequest): void {
  const userData = app.getPath('userData');
  // Main and renderer errors go to logs/hinge.log (rotated); Help ▸ Copy Diagnostics shows the last ones.
  const log = new LogFile(join(userData, 'logs'));
  process.on('uncaughtExceptionMonitor', (error) => log.write('error', 'main', error.stack ?? String(error)));
  process.on('unhandledRejection', (reason) => log.write('error', 'main', reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)));
  const feedUrl = exportData ? undefined : updateFeedUrl(process.env, readPackageJson());
  const updateSettings = new UpdateSettings(join(userData, 'updates.json'));
  // Paths of the files the user chose or opened, behind opaque handles for the page.
  const handles = new HandleRegistry();
  // The autosave keeps the path behind its project's handle, so Save after a restart writes there.
  const autosave = new AutosaveStore(join(userData, 'autosave.json'), handles);
  const windowStateFile = join(userData, 'window-state.json');
  // The platform keeps its own list too (the Dock menu, the Windows jump list).
  const platformKeepsRecent = process.platform === 'darwin' || process.platform === 'win32';
  const recent = new RecentFiles(join(userData, 'recent-projects.json'), {
    added: (path) => {
      if (platformKeepsRecent) app.addRecentDocument(path);
    },
    cleared: () => {
      if (platformKeepsRecent) app.clearRecentDocuments();
    },
  });
  // Every opened file's id is also a handle of its path (Save writes back); projects join the recent list.
  const openFiles = new OpenFileQueue({ handles, onQueued: (path) => void recent.add(path).catch(() => false) });
  // Cmd+Q and File → Quit close the window through the unsaved-changes prompt, then quit.
  const quitIntent = new QuitIntent();
  app.on('before-quit', () => quitIntent.request());
  let mainWindow: BrowserWindow | null = null;
  let ready = false;
  const links = new LinkInbox((url) => deliverLink(mainWindow, page, url));
  for (const url of launchLinks) links.receive(url);
  if (!exportData) registerLinkScheme(app, { defaultApp: process.defaultApp === true, execPath: process.execPath, appPath: process.argv[1] });
  const cliExport =
    exportRequest && !('error' in exportRequest)
      ? new CliExport(exportRequest, {
          exportPng: () => sendToPage(mainWindow, page, 'menuCommand', 'exportPng'),
          exit: (code, message) => {
            (code === 0 ? process.stdout : process.stderr).write(`${message}\n`);
            if (exportData) rmSync(exportData, { recursive: true, force: true });
            app.exit(code);
          },
        })
      : undefined;
  const early: LaunchRequest[] = [launch];

  /** Checks and queues files, tells the page, and says which were refused and why. */
  async function open(request: LaunchRequest): Promise<PendingFile[]> {
    const { added, refused } = await openFiles.add(request.files, request.cwd);
    if (added.length > 0) sendToPage(mainWindow, page, 'filesPending', openFiles.list());
    if (refused.length > 0) {
      const detail = refused.map(({ path, reason }) => `${path}: ${reason}`).join('\n');
      const options = { type: 'error' as const, title: 'Hinge', message: 'Hinge could not open some files.', detail };
      void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options)).catch(() => undefined);
    }
    return added;
  }

  async function showOpenDialog(window: BrowserWindow | null): Promise<PendingFile[]> {
    const options = {
      title: 'Open',
      properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
      filters: [{ name: 'Hinge projects and weights', extensions: OPENABLE_EXTENSIONS.map((extension) => extension.slice(1)) }],
    };
    const { canceled, filePaths } = await (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options));
    return canceled ? [] : open({ files: filePaths, cwd: process.cwd() });
  }

  function focusMainWindow(): void {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  }

  /** Files from outside (a second launch, the Finder): queue them and show a window to open them in. */
  function receive(request: LaunchRequest): void {
    if (!ready) {
      early.push(request);
      return;
    }
    void open(request);
    if (mainWindow) focusMainWindow();
    else openMainWindow(); // macOS keeps running without windows
  }

  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const parsed = launchRequest.safeParse(additionalData);
    const request = parsed.success ? parsed.data : { files: fileArgumentsOf(argv, { defaultApp: process.defaultApp === true }), cwd: workingDirectory };
    for (const url of linkArgumentsOf(argv)) links.receive(url);
    if (request.files.some((file) => !isLinkArgument(file)) || linkArgumentsOf(argv).length === 0) {
      receive({ ...request, files: request.files.filter((file) => !isLinkArgument(file)) });
    } else if (mainWindow) focusMainWindow();
  });

  // macOS hands hinge:// links to the running app this way, possibly before ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    links.receive(url);
    if (mainWindow) focusMainWindow();
  });

  // macOS hands files opened from the Finder to the running app this way, possibly before ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    receive({ files: [path], cwd: process.cwd() });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  function openMainWindow(): void {
    const placement = placeWindow(readWindowState(windowStateFile), screen);
    const win = createMainWindow({
      page,
      preloadPath: join(import.meta.dirname, '../preload/preload.cjs'),
      iconPath,
      bounds: placement.bounds,
      maximized: placement.maximized,
      fullScreen: placement.fullScreen,
      hidden: cliExport !== undefined,
    });
    if (cliExport) {
      win.webContents.on('render-process-gone', () => cliExport.failed('the page stopped while rendering.'));
      win.on('closed', () => cliExport.failed('the window closed before the export finished.'));
    }
    rememberWindowState(win, windowStateFile);
    win.webContents.on('console-message', (...args: unknown[]) => {
      // Electron 45 passes one details object; older versions passed (event, level, message, line, source).
      const details = args[0] as { level?: unknown; message?: unknown; sourceId?: unknown; lineNumber?: unknown };
      const level = details.level ?? args[1];
      if (level !== 'error' && level !== 3) return;
      const message = typeof details.message === 'string' ? details.message : String(args[2]);
      const where = typeof details.sourceId === 'string' ? details.sourceId : String(args[4] ?? '');
      log.write('error', 'renderer', `${message} (${where}:${String(details.lineNumber ?? args[3] ?? '')})`);
    });
    win.webContents.on('render-process-gone', (_event, details: { reason?: string; exitCode?: number }) => log.write('error', 'renderer', `the page stopped: ${details?.reason ?? 'unknown'} (exit code ${details?.exitCode ?? '?'})`));
    superviseRenderer(win, { setAutosaveAside: () => autosave.setAside() });
    guardDocumentWindow(win, { page, quitIntent, quit: () => app.quit() });
    win.webContents.on('did-finish-load', () => links.flush());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
      links.close();
    });
    mainWindow = win;
  }

  /** Asks the feed; says the result when asked from the menu, or only news when checking at start. */
  async function runUpdateCheck(interactive: boolean): Promise<void> {
    if (!feedUrl) return;
    const { autoUpdater } = await import('electron-updater');
    configureUpdater(autoUpdater, feedUrl, { info: () => undefined, warn: (m) => log.write('warn', 'main', String(m)), error: (m) => log.write('error', 'main', String(m)) });
    const result = await checkForUpdate(autoUpdater, app.getVersion());
    const show = (options: Electron.MessageBoxOptions) => (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
    if (result.status === 'available') {
      const { response, checkboxChecked } = await show({
        type: 'info', title: 'Hinge', message: `Hinge ${result.version} is out (you have ${result.current}).`, detail: 'Download it now? It installs when you quit Hinge.',
        buttons: ['Download', 'Later'], defaultId: 0, cancelId: 1, checkboxLabel: 'Check for updates when Hinge starts', checkboxChecked: await updateSettings.checkAtStart(),
      });
      await updateSettings.setCheckAtStart(checkboxChecked).catch(() => undefined);
      if (response === 0) void autoUpdater.downloadUpdate().catch((error: unknown) => log.write('error', 'main', `update download failed: ${String(error)}`));
    } else if (interactive) {
      const { checkboxChecked } = await show({
        type: result.status === 'failed' ? 'warning' : 'info', title: 'Hinge',
        message: result.status === 'failed' ? 'Hinge could not check for updates.' : `Hinge ${result.version} is the newest version.`,
        detail: result.status === 'failed' ? result.reason : undefined, checkboxLabel: 'Check for updates when Hinge starts', checkboxChecked: await updateSettings.checkAtStart(),
      });
      await updateSettings.setCheckAtStart(checkboxChecked).catch(() => undefined);
    }
  }

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession);
    if (page.kind === 'app') handleAppProtocol(page.root);
    const menuActions: MenuActions = {
      open: () => void showOpenDialog(mainWindow),
      openRecent: (path) => receive({ files: [path], cwd: process.cwd() }),
      clearRecent: () => void recent.clear(),
      command: (command) => sendToPage(mainWindow, page, 'menuCommand', command),
      checkForUpdates: feedUrl ? () => void runUpdateCheck(true) : undefined,
      copyDiagnostics: () => {
        void app
          .getGPUInfo('basic')
          .catch(() => 'unavailable')
          .then((gpu) => {
            clipboard.writeText(
              diagnosticsText({ app: app.getVersion(), versions: process.versions, os: `${process.platform} ${release()} ${process.arch}`, gpu: { features: app.getGPUFeatureStatus(), info: gpu }, logFile: log.file, errors: log.lastErrors() }),
            );
          });
      },
      showLogs: () => void shell.openPath(log.folder),
    };
    installMenu(!app.isPackaged, menuActions, await recent.list());
    // Open Recent follows the list (a project saved or opened, one gone missing, Clear Recent).
    recent.onChange(() => {
      void recent.list().then((paths) => installMenu(!app.isPackaged, menuActions, paths));
    });
    registerIpcHandlers(ownPageSender(() => mainWindow, page), {
      autosave,
      openFiles,
      handles,
      recent,
      showOpenDialog,
      open: (paths) => open({ files: [...paths], cwd: process.cwd() }),
      testSavePath: cliExport?.request.output ?? overrides.savePath,
      onPngSaved: cliExport && ((result) => cliExport.saved(result)),
      onDocumentState: cliExport && ((state) => cliExport.documentState(state)),
    });
    if (feedUrl && (await updateSettings.checkAtStart())) void runUpdateCheck(false);
    // Queue the launch files before the page exists; it asks for them (pendingFiles) once it runs.
    ready = true;
    for (const request of early.splice(0)) await open(request);
    openMainWindow();
    app.on('activate', () => {
      if (!mainWindow) openMainWindow();
    });
  });
}
