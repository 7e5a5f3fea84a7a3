/**
 * Hinge's main process: sandbox everything, harden the session, register the IPC contract, open
 * the window. The main process stores files and shows dialogs; no mathematics happens here.
 */
import { join } from 'node:path';
import { app, session, type BrowserWindow } from 'electron';
import iconPath from '../assets/icon.png?asset';
import { registerIpcHandlers, ownPageSender } from './ipc.js';
import { installMenu } from './menu.js';
import { resolveOwnPage } from './page.js';
import { hardenAllWebContents, hardenSession } from './security.js';
import { createMainWindow } from './window.js';

// Must happen before ready: every renderer, including ones we did not create, is sandboxed.
app.enableSandbox();

const page = resolveOwnPage({
  indexHtmlPath: join(import.meta.dirname, '../renderer/index.html'),
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  isPackaged: app.isPackaged,
});
hardenAllWebContents(page);

let mainWindow: BrowserWindow | null = null;

function openMainWindow(): void {
  const win = createMainWindow({
    page,
    preloadPath: join(import.meta.dirname, '../preload/preload.cjs'),
    iconPath,
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

void app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  installMenu(!app.isPackaged);
  registerIpcHandlers(ownPageSender(() => mainWindow, page));
  openMainWindow();
  app.on('activate', () => {
    if (!mainWindow) openMainWindow();
  });
});
