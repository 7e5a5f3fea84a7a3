import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { resolveOwnPage } from '../../electron/page.js';
import { createMainWindow, WINDOW_BACKGROUND, WINDOW_BACKGROUND_LIGHT } from '../../electron/window.js';
import { fake, FakeBrowserWindow, navigationEvent } from './fake-electron.js';

const appPage = resolveOwnPage({ rendererRoot: '/opt/hinge/out/renderer', isPackaged: true });
const devPage = resolveOwnPage({
  rendererRoot: '/opt/hinge/out/renderer',
  devServerUrl: 'http://localhost:5173/',
  isPackaged: false,
});

function openWindow(page = appPage, extra: Partial<Parameters<typeof createMainWindow>[0]> = {}): FakeBrowserWindow {
  createMainWindow({ page, preloadPath: '/opt/hinge/out/preload/preload.cjs', iconPath: '/opt/hinge/icon.png', ...extra });
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
      backgroundThrottling: true, // false only for the hidden window of `hinge --export`
      webviewTag: false,
      spellcheck: false,
    });
    expect((options.webPreferences as { preload: string }).preload).toMatch(/preload\.cjs$/);
  });

  it('starts hidden on a dark background and shows once ready to show', () => {
    const win = openWindow();
    expect(win.options).toMatchObject({ show: false, backgroundColor: '#101218', title: 'Hinge', icon: '/opt/hinge/icon.png' });
    expect(WINDOW_BACKGROUND).toBe('#101218');
  });

  it('opens on the light background when the system is in light mode (the page follows it)', () => {
    fake.nativeTheme.shouldUseDarkColors = false;
    const win = openWindow();
    expect(win.options).toMatchObject({ backgroundColor: WINDOW_BACKGROUND_LIGHT });
    fake.nativeTheme.shouldUseDarkColors = true;
    expect(win.options.minWidth).toBeGreaterThanOrEqual(900);
    expect(win.options.minHeight).toBeGreaterThanOrEqual(600);
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('loads app://hinge/index.html, or the dev server, and never a file:// URL', () => {
    expect(openWindow(appPage).loads).toEqual([{ method: 'loadURL', target: 'app://hinge/index.html' }]);
    expect(openWindow(devPage).loads).toEqual([{ method: 'loadURL', target: 'http://localhost:5173/' }]);
  });

  it('shows the window and explains when the page cannot load', async () => {
    fake.reset();
    const original = FakeBrowserWindow.prototype.loadURL;
    FakeBrowserWindow.prototype.loadURL = () => Promise.reject(new Error('ERR_FILE_NOT_FOUND'));
    try {
      const win = openWindow();
      await vi.waitFor(() => expect(fake.dialog.showErrorBox).toHaveBeenCalled(), { timeout: 60_000 });
      expect(win.shown).toBe(true);
      expect(fake.dialog.showErrorBox.mock.calls[0]?.[1]).toContain('ERR_FILE_NOT_FOUND');
    } finally {
      FakeBrowserWindow.prototype.loadURL = original;
    }
  });

  it('opens at the given bounds, or at the default size centred by the platform', () => {
    expect(openWindow(appPage, { bounds: { x: 10, y: 20, width: 1000, height: 700 } }).options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700 });
    const centred = openWindow(appPage).options;
    expect(centred).toMatchObject({ width: 1280, height: 820 });
    expect(centred).not.toHaveProperty('x');
    expect(centred).not.toHaveProperty('y');
  });

  it('maximizes or goes full screen only when ready to show, then shows', () => {
    const win = openWindow(appPage, { maximized: true, fullScreen: true });
    expect([win.maximized, win.fullScreen, win.shown]).toEqual([false, false, false]);
    win.emit('ready-to-show');
    expect([win.maximized, win.fullScreen, win.shown]).toEqual([true, true, true]);
  });
});

describe('navigation guard', () => {
  const cases: { page: 'app' | 'dev'; url: string; allowed: boolean }[] = [
    { page: 'app', url: 'app://hinge/index.html', allowed: true },
    { page: 'app', url: 'app://hinge/index.html#/svd', allowed: true },
    { page: 'app', url: 'https://example.com/', allowed: false },
    { page: 'app', url: 'file:///etc/passwd', allowed: false },
    { page: 'app', url: 'file:///opt/hinge/out/renderer/index.html', allowed: false },
    { page: 'app', url: 'app://hinge/other.html', allowed: false },
    { page: 'app', url: 'app://evil/index.html', allowed: false },
    { page: 'app', url: 'javascript:alert(1)', allowed: false },
    { page: 'app', url: 'not a url', allowed: false },
    { page: 'dev', url: 'http://localhost:5173/', allowed: true },
    { page: 'dev', url: 'http://localhost:5173/index.html?lab=svd', allowed: true },
    { page: 'dev', url: 'http://localhost:5174/', allowed: false },
    { page: 'dev', url: 'https://localhost:5173/', allowed: false },
    { page: 'dev', url: 'http://evil.example/', allowed: false },
  ];

  for (const { page, url, allowed } of cases) {
    for (const eventName of ['will-navigate', 'will-redirect'] as const) {
      it(`${eventName} to ${url} on the ${page} page is ${allowed ? 'allowed' : 'prevented'}`, () => {
        const win = openWindow(page === 'app' ? appPage : devPage);
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
