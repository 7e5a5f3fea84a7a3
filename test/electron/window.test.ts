import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { resolveOwnPage } from '../../electron/page.js';
import { createMainWindow, WINDOW_BACKGROUND } from '../../electron/window.js';
import { fake, FakeBrowserWindow, navigationEvent } from './fake-electron.js';

const filePage = resolveOwnPage({ indexHtmlPath: '/opt/hinge/out/renderer/index.html', isPackaged: true });
const devPage = resolveOwnPage({
  indexHtmlPath: '/opt/hinge/out/renderer/index.html',
  devServerUrl: 'http://localhost:5173/',
  isPackaged: false,
});

function openWindow(page = filePage): FakeBrowserWindow {
  createMainWindow({ page, preloadPath: '/opt/hinge/out/preload/preload.cjs', iconPath: '/opt/hinge/icon.png' });
  const win = FakeBrowserWindow.instances.at(-1);
  if (!win) throw new Error('no window created');
  return win;
}

beforeEach(() => fake.reset());

describe('createMainWindow', () => {
  it('locks down web preferences exactly', () => {
    const { options } = openWindow();
    expect(options.webPreferences).toEqual({
      preload: '/opt/hinge/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect((options.webPreferences as { preload: string }).preload).toMatch(/preload\.cjs$/);
  });

  it('starts hidden on a dark background and shows once ready to show', () => {
    const win = openWindow();
    expect(win.options).toMatchObject({ show: false, backgroundColor: '#101218', title: 'Hinge', icon: '/opt/hinge/icon.png' });
    expect(WINDOW_BACKGROUND).toBe('#101218');
    expect(win.options.minWidth).toBeGreaterThanOrEqual(900);
    expect(win.options.minHeight).toBeGreaterThanOrEqual(600);
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('loads the bundled index.html with loadFile, or the dev server with loadURL', () => {
    expect(openWindow(filePage).loads).toEqual([{ method: 'loadFile', target: '/opt/hinge/out/renderer/index.html' }]);
    expect(openWindow(devPage).loads).toEqual([{ method: 'loadURL', target: 'http://localhost:5173/' }]);
  });

  it('shows the window and explains when the page cannot load', async () => {
    fake.reset();
    const original = FakeBrowserWindow.prototype.loadFile;
    FakeBrowserWindow.prototype.loadFile = () => Promise.reject(new Error('ERR_FILE_NOT_FOUND'));
    try {
      const win = openWindow();
      await vi.waitFor(() => expect(fake.dialog.showErrorBox).toHaveBeenCalled());
      expect(win.shown).toBe(true);
      expect(fake.dialog.showErrorBox.mock.calls[0]?.[1]).toContain('ERR_FILE_NOT_FOUND');
    } finally {
      FakeBrowserWindow.prototype.loadFile = original;
    }
  });
});

describe('navigation guard', () => {
  const cases: { page: 'file' | 'dev'; url: string; allowed: boolean }[] = [
    { page: 'file', url: 'file:///opt/hinge/out/renderer/index.html', allowed: true },
    { page: 'file', url: 'file:///opt/hinge/out/renderer/index.html#/svd', allowed: true },
    { page: 'file', url: 'https://example.com/', allowed: false },
    { page: 'file', url: 'file:///etc/passwd', allowed: false },
    { page: 'file', url: 'file:///opt/hinge/out/renderer/other.html', allowed: false },
    { page: 'file', url: 'javascript:alert(1)', allowed: false },
    { page: 'file', url: 'not a url', allowed: false },
    { page: 'dev', url: 'http://localhost:5173/', allowed: true },
    { page: 'dev', url: 'http://localhost:5173/index.html?lab=svd', allowed: true },
    { page: 'dev', url: 'http://localhost:5174/', allowed: false },
    { page: 'dev', url: 'https://localhost:5173/', allowed: false },
    { page: 'dev', url: 'http://evil.example/', allowed: false },
  ];

  for (const { page, url, allowed } of cases) {
    for (const eventName of ['will-navigate', 'will-redirect'] as const) {
      it(`${eventName} to ${url} on the ${page} page is ${allowed ? 'allowed' : 'prevented'}`, () => {
        const win = openWindow(page === 'file' ? filePage : devPage);
        const event = navigationEvent(url);
        win.webContents.emit(eventName, event);
        expect(event.defaultPrevented()).toBe(!allowed);
      });
    }
  }
});

describe('window.open and webview', () => {
  it('denies every window.open and sends only https links to the system browser', () => {
    const win = openWindow();
    const handler = win.webContents.windowOpenHandler;
    if (!handler) throw new Error('no window open handler');
    for (const url of ['https://example.com/docs', 'http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@example.com/']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.shell.openExternal.mock.calls).toEqual([['https://example.com/docs']]);
  });

  it('refuses to attach a webview', () => {
    const win = openWindow();
    const event = navigationEvent('');
    win.webContents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented()).toBe(true);
  });
});
