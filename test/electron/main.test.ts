import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { channels } from '../../src/ipc/contract.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp.js';
import { fake, FakeBrowserWindow, FakeWebContents, navigationEvent } from './fake-electron.js';

beforeAll(async () => {
  // A remote dev URL must never be loaded; main.ts has to fall back to the bundled page.
  vi.stubEnv('ELECTRON_RENDERER_URL', 'https://evil.example/');
  try {
    await import('../../electron/main.js');
  } finally {
    vi.unstubAllEnvs();
  }
});

describe('main entry', () => {
  it('sandboxes every renderer and hardens all web contents before the app is ready', () => {
    expect(fake.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(fake.app.listenerCount('web-contents-created')).toBe(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    const stray = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, stray);
    const navigation = navigationEvent('https://evil.example/');
    stray.emit('will-navigate', navigation);
    expect(navigation.defaultPrevented()).toBe(true);
  });

  it('once ready: hardens the session, registers the contract, opens one window on the bundled page', async () => {
    fake.app.becomeReady();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    const ses = fake.session.defaultSession;
    expect(ses.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(ses.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    const onHeaders = ses.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (d: object, cb: (r: unknown) => void) => void;
    const callback = vi.fn();
    onHeaders({ responseHeaders: {} }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(Object.values(channels).map((c) => c.name).sort());
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);

    const win = FakeBrowserWindow.instances[0];
    expect((win?.options.webPreferences as { preload: string }).preload).toMatch(/[/\\]preload[/\\]preload\.cjs$/);
    expect(win?.loads).toHaveLength(1);
    expect(win?.loads[0]?.method).toBe('loadFile');
    expect(win?.loads[0]?.target).toMatch(/[/\\]renderer[/\\]index\.html$/);
  });

  it('answers IPC only from the window it opened', async () => {
    const win = FakeBrowserWindow.instances[0];
    if (!win) throw new Error('no window');
    win.webContents.mainFrame.url = pathToFileURL(win.loads[0]?.target ?? '').href;
    const own = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    await expect(fake.invoke(channels.appInfo.name, own)).resolves.toMatchObject({ version: '0.1.0' });
    const other = new FakeWebContents(win.webContents.mainFrame.url);
    await expect(fake.invoke(channels.appInfo.name, { sender: other, senderFrame: other.mainFrame })).rejects.toThrow('refused');
  });

  it('reopens the window on activate after it was closed, and quits when all windows close off macOS', () => {
    FakeBrowserWindow.instances[0]?.emit('closed');
    fake.app.emit('activate');
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    fake.app.emit('activate');
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });
});
