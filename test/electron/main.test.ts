import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { channels, events } from '../../src/ipc/contract.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp.js';
import { fake, FakeBrowserWindow, FakeWebContents, navigationEvent } from './fake-electron.js';

const dir = mkdtempSync(join(tmpdir(), 'hinge-main-'));
const userData = join(dir, 'userData');
const weights = join(dir, 'weights.npy');
const argv = process.argv;

beforeAll(async () => {
  writeFileSync(weights, 'NUMPY');
  fake.app.getPath.mockImplementation((name: string) => (name === 'userData' ? userData : join(dir, name)));
  // `hinge weights.npy notes.txt`: one file to open, one to refuse.
  process.argv = [process.execPath, weights, join(dir, 'notes.txt'), '--some-chromium-switch'];
  // A remote dev URL must never be loaded; main.ts has to fall back to the bundled page.
  vi.stubEnv('ELECTRON_RENDERER_URL', 'https://evil.example/');
  try {
    await import('../../electron/main.js');
  } finally {
    vi.unstubAllEnvs();
    process.argv = argv;
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mainWindow(): FakeBrowserWindow {
  const win = FakeBrowserWindow.instances.at(-1);
  if (!win) throw new Error('no window');
  return win;
}

/** Our window's main frame showing our page, as IPC sees it. */
function ownEvent() {
  const win = mainWindow();
  win.webContents.mainFrame.url = 'app://hinge/index.html#/layer';
  return { sender: win.webContents, senderFrame: win.webContents.mainFrame };
}

describe('main entry, before ready', () => {
  it('sandboxes every renderer, declares app: privileged and hardens all web contents', () => {
    expect(fake.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(fake.protocol.registerSchemesAsPrivileged.mock.calls[0]?.[0]).toMatchObject([{ scheme: 'app' }]);
    expect(fake.app.listenerCount('web-contents-created')).toBe(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    const stray = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, stray);
    const navigation = navigationEvent('https://evil.example/');
    stray.emit('will-navigate', navigation);
    expect(navigation.defaultPrevented()).toBe(true);
  });

  it('takes the single-instance lock, handing over its file arguments and folder', () => {
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(fake.app.requestSingleInstanceLock.mock.calls[0]?.[0]).toEqual({ files: [weights, join(dir, 'notes.txt')], cwd: process.cwd() });
    expect(fake.app.quit).not.toHaveBeenCalled();
    expect(fake.app.setPath).not.toHaveBeenCalled(); // no HINGE_E2E here
  });
});

describe('main entry, once ready', () => {
  beforeAll(async () => {
    fake.app.becomeReady();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1), { timeout: 60_000 });
  });

  it('hardens the session, serves app://, registers the contract and the menu, opens one window on app://hinge', () => {
    const ses = fake.session.defaultSession;
    expect(ses.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(ses.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    const onHeaders = ses.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (d: object, cb: (r: unknown) => void) => void;
    const callback = vi.fn();
    onHeaders({ responseHeaders: {} }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    expect(fake.protocol.handle.mock.calls.map(([scheme]) => scheme)).toEqual(['app']);
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(Object.values(channels).map((c) => c.name).sort());
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);

    const win = mainWindow();
    expect((win.options.webPreferences as { preload: string }).preload).toMatch(/[/\\]preload[/\\]preload\.cjs$/);
    expect(win.loads).toEqual([{ method: 'loadURL', target: 'app://hinge/index.html' }]);
  });

  it('serves the renderer folder beside out/main on app://', async () => {
    const handler = fake.protocol.handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
    const response = await handler(new Request('app://hinge/../../package.json'));
    expect(response.status).toBe(404);
  });

  it('queues the launch file for the page and explains the refused one', async () => {
    const list = (await fake.invoke(channels.pendingFiles.name, ownEvent())) as { name: string; size: number }[];
    expect(list.map(({ name, size }) => ({ name, size }))).toEqual([{ name: 'weights.npy', size: 5 }]);
    const [options] = fake.dialog.showMessageBox.mock.calls.at(-1) ?? [];
    expect(options).toMatchObject({ type: 'error', message: 'Hinge could not open some files.' });
    expect((options as { detail: string }).detail).toContain('notes.txt: Hinge opens .hinge, .npy, .safetensors, .csv, .tsv, .png files.');
  });

  it('answers IPC only from the window it opened', async () => {
    await expect(fake.invoke(channels.appInfo.name, ownEvent())).resolves.toMatchObject({ version: '0.1.0' });
    const other = new FakeWebContents('app://hinge/index.html');
    await expect(fake.invoke(channels.appInfo.name, { sender: other, senderFrame: other.mainFrame })).rejects.toThrow('refused');
  });

  it('a second launch focuses the window and opens its files, announced to the page', async () => {
    const win = mainWindow();
    ownEvent();
    win.minimized = true;
    const model = join(dir, 'model.hinge');
    writeFileSync(model, '{}');
    fake.app.emit('second-instance', {}, ['hinge', '--reordered', 'ignored.npy'], '/elsewhere', { files: ['model.hinge'], cwd: dir });
    await vi.waitFor(() => expect(win.webContents.send).toHaveBeenCalled(), { timeout: 60_000 });
    expect([win.minimized, win.shown, win.focused]).toEqual([false, true, true]);
    const [channel, payload] = win.webContents.send.mock.calls.at(-1) ?? [];
    expect(channel).toBe(events.filesPending.name);
    expect((payload as { name: string }[]).map((file) => file.name)).toEqual(['weights.npy', 'model.hinge']);
  });

  it('falls back to the argv of a second launch that handed over nothing usable', async () => {
    const win = mainWindow();
    win.webContents.send.mockClear();
    const extra = join(dir, 'extra.safetensors');
    writeFileSync(extra, 'x');
    fake.app.emit('second-instance', {}, ['hinge', 'extra.safetensors'], dir, { files: '/etc/passwd' });
    await vi.waitFor(() => expect(win.webContents.send).toHaveBeenCalled(), { timeout: 60_000 });
    const payload = win.webContents.send.mock.calls.at(-1)?.[1] as { name: string }[];
    expect(payload.map((file) => file.name)).toContain('extra.safetensors');
  });

  it('sends menu commands to the page, and shows the Open… dialog itself', async () => {
    const win = mainWindow();
    ownEvent();
    win.webContents.send.mockClear();
    const template = fake.Menu.buildFromTemplate.mock.calls[0]?.[0] as MenuItemConstructorOptions[];
    const items = template.flatMap((item) => (Array.isArray(item.submenu) ? item.submenu : []));
    const exportItem = items.find((item) => item.label === 'Export PNG…');
    (exportItem?.click as () => void)();
    expect(win.webContents.send.mock.calls).toEqual([[events.menuCommand.name, 'exportPng']]);
    (items.find((item) => item.label === 'Open…')?.click as () => void)();
    await vi.waitFor(() => expect(fake.dialog.showOpenDialog).toHaveBeenCalled(), { timeout: 60_000 });
    expect(fake.dialog.showOpenDialog.mock.calls[0]?.[0]).toBe(win);
  });

  it('offers a reload when the page crashes, and reloads', async () => {
    const win = mainWindow();
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    await vi.waitFor(() => expect(win.webContents.reload).toHaveBeenCalledTimes(1), { timeout: 60_000 });
    expect(fake.dialog.showMessageBox.mock.calls.at(-1)?.[1]).toMatchObject({ buttons: ['Reload', 'Reload without restoring', 'Close Hinge'] });
  });

  it('remembers the window state in userData when the window closes, and reopens there on activate', () => {
    const win = mainWindow();
    win.normalBounds = { x: 40, y: 50, width: 1000, height: 700 };
    win.emit('close');
    win.emit('closed');
    expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toEqual({
      x: 40, y: 50, width: 1000, height: 700, maximized: false, fullScreen: false,
    });
    fake.app.emit('activate');
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    expect(mainWindow().options).toMatchObject({ x: 40, y: 50, width: 1000, height: 700 });
    fake.app.emit('activate');
    expect(FakeBrowserWindow.instances).toHaveLength(2);
  });

  it('a file from the Finder (open-file) opens a window when none is left, and is queued for it', async () => {
    mainWindow().emit('closed');
    const model = join(dir, 'finder.hinge');
    writeFileSync(model, '{}');
    const event = navigationEvent('');
    const windows = FakeBrowserWindow.instances.length;
    fake.app.emit('open-file', event, model);
    expect(event.defaultPrevented()).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(windows + 1);
    const list = (await vi.waitFor(async () => {
      const files = (await fake.invoke(channels.pendingFiles.name, ownEvent())) as { name: string }[];
      expect(files.map((file) => file.name)).toContain('finder.hinge');
      return files;
    }, { timeout: 60_000 })) as { name: string }[];
    expect(list.length).toBeGreaterThan(0);
  });

  it('quits when all windows close, except on macOS', () => {
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });

  it('remembers the projects opened in userData and lists them under File → Open Recent, which can be cleared', async () => {
    const recentFile = join(userData, 'recent-projects.json');
    const expected = [join(dir, 'finder.hinge'), join(dir, 'model.hinge')];
    await vi.waitFor(() => expect(JSON.parse(readFileSync(recentFile, 'utf8'))).toEqual({ version: 1, paths: expected }), { timeout: 60_000 });
    const openRecent = () => {
      const template = fake.Menu.buildFromTemplate.mock.calls.at(-1)?.[0] as MenuItemConstructorOptions[];
      const file = template.find((item) => item.label === 'File')?.submenu as MenuItemConstructorOptions[];
      return file.find((item) => item.label === 'Open Recent')?.submenu as MenuItemConstructorOptions[];
    };
    await vi.waitFor(() => expect(openRecent().map((item) => item.label ?? item.type)).toEqual(['finder.hinge', 'model.hinge', 'separator', 'Clear Recent']), { timeout: 60_000 });
    const platformList = process.platform === 'darwin' || process.platform === 'win32';
    expect(fake.app.addRecentDocument).toHaveBeenCalledTimes(platformList ? 2 : 0);
    const listed = (await fake.invoke(channels.recentFiles.name, ownEvent())) as { name: string }[];
    expect(listed.map((file) => file.name)).toEqual(['finder.hinge', 'model.hinge']);
    expect(JSON.stringify(listed)).not.toContain(dir);

    (openRecent().at(-1)?.click as () => void)();
    await vi.waitFor(() => expect(openRecent()[0]).toMatchObject({ label: 'No Recent Projects', enabled: false }), { timeout: 60_000 });
    expect(JSON.parse(readFileSync(recentFile, 'utf8'))).toEqual({ version: 1, paths: [] });
    expect(fake.app.clearRecentDocuments).toHaveBeenCalledTimes(platformList ? 1 : 0);
  });

  it('titles the window from the page, and a quit with unsaved changes asks the page, then closes and quits', async () => {
    const win = mainWindow();
    expect(await fake.invoke(channels.setDocumentState.name, ownEvent(), { name: 'model.hinge', dirty: true })).toBe(true);
    expect(win.title).toBe('model.hinge • — Hinge');
    win.webContents.send.mockClear();
    const quits = fake.app.quit.mock.calls.length;
    fake.app.emit('before-quit');
    win.close();
    expect(win.destroyed).toBe(false);
    expect(win.webContents.send.mock.calls).toEqual([[events.closeRequested.name, null]]);
    expect(await fake.invoke(channels.closeWindow.name, ownEvent())).toBe(true);
    expect(win.destroyed).toBe(true);
    expect(fake.app.quit).toHaveBeenCalledTimes(quits + 1);
  });
});
