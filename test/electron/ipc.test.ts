import * as fsp from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { channels, events, MAX_AUTOSAVE_CHARS, MAX_FILE_CHUNK_BYTES, MAX_IMAGE_BYTES, type PendingFile } from '../../src/ipc/contract.js';
import { AutosaveStore } from '../../electron/autosave.js';
import { HandleRegistry } from '../../electron/file-handles.js';
import { ownPageSender, registerIpcHandlers, type IpcServices } from '../../electron/ipc.js';
import { sendToPage } from '../../electron/send.js';
import { OpenFileQueue } from '../../electron/open-files.js';
import { resolveOwnPage } from '../../electron/page.js';
import { RecentFiles } from '../../electron/recent-files.js';
import { fake, FakeBrowserWindow, FakeClipboardItem, FakeFrame, FakeWebContents } from './fake-electron.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const page = resolveOwnPage({ rendererRoot: '/opt/hinge/out/renderer', isPackaged: true });
const OWN_URL = 'app://hinge/index.html#/svd';

let dir: string;
let win: FakeBrowserWindow;
let showOpenDialog: ReturnType<typeof vi.fn<() => Promise<PendingFile[]>>>;
let services: IpcServices;

function register(extra: Partial<IpcServices> = {}): void {
  fake.reset();
  win = new FakeBrowserWindow({});
  win.webContents.mainFrame.url = OWN_URL;
  fake.app.getPath.mockImplementation((name: string) => join(dir, name));
  showOpenDialog = vi.fn(async (): Promise<PendingFile[]> => []);
  const handles = new HandleRegistry();
  const recent = new RecentFiles(join(dir, 'userData', 'recent-projects.json'));
  const openFiles = new OpenFileQueue({ handles, onQueued: (path) => void recent.add(path) });
  services = {
    autosave: new AutosaveStore(join(dir, 'userData', 'autosave.json')),
    openFiles,
    handles,
    recent,
    showOpenDialog,
    open: vi.fn(async (paths: readonly string[]) => (await openFiles.add(paths, '/')).added),
    ...extra,
  };
  registerIpcHandlers(ownPageSender(() => win as never, page), services);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hinge-ipc-'));
  register();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An invoke event as Electron builds it, from our window's main frame unless overridden. */
function eventFrom(overrides: { sender?: FakeWebContents; senderFrame?: FakeFrame | null } = {}) {
  return { sender: win.webContents, senderFrame: win.webContents.mainFrame, ...overrides };
}

function chooseSavePath(filePath: string): void {
  fake.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath });
}

it('registers exactly the channels of the contract', () => {
  expect([...fake.ipcHandlers.keys()].sort()).toEqual(Object.values(channels).map((c) => c.name).sort());
});

describe('sender check', () => {
  const foreignSenders: [string, () => ReturnType<typeof eventFrom>][] = [
    ['a frame showing another site', () => eventFrom({ senderFrame: Object.assign(win.webContents.mainFrame, { url: 'https://evil.example/' }) })],
    ['a frame showing a local file', () => eventFrom({ senderFrame: Object.assign(win.webContents.mainFrame, { url: 'file:///tmp/evil.html' }) })],
    ['a frame showing another app:// page', () => eventFrom({ senderFrame: Object.assign(win.webContents.mainFrame, { url: 'app://hinge/other.html' }) })],
    ['a subframe of our page', () => eventFrom({ senderFrame: new FakeFrame(OWN_URL, win.webContents.mainFrame) })],
    ['a top-level frame that is not our main frame', () => eventFrom({ senderFrame: new FakeFrame(OWN_URL) })],
    ['a frame that navigated away or was destroyed', () => eventFrom({ senderFrame: null })],
    ['another web contents', () => eventFrom({ sender: new FakeWebContents(OWN_URL) })],
  ];

  for (const [label, makeEvent] of foreignSenders) {
    it(`refuses ${label} on every channel and does nothing`, async () => {
      chooseSavePath(join(dir, 'x.png'));
      const event = makeEvent();
      await expect(fake.invoke(channels.savePng.name, event, { bytes: PNG, suggestedName: 'x.png' })).rejects.toThrow('refused: unexpected sender');
      await expect(fake.invoke(channels.copyPng.name, event, { bytes: PNG })).rejects.toThrow('refused: unexpected sender');
      await expect(fake.invoke(channels.appInfo.name, event)).rejects.toThrow('refused: unexpected sender');
      await expect(fake.invoke(channels.autosaveWrite.name, event, '{"a":1}')).rejects.toThrow('refused: unexpected sender');
      await expect(fake.invoke(channels.autosaveRead.name, event)).rejects.toThrow('refused: unexpected sender');
      await expect(fake.invoke(channels.showOpenDialog.name, event)).rejects.toThrow('refused: unexpected sender');
      await expect(fake.invoke(channels.pendingFiles.name, event)).rejects.toThrow('refused: unexpected sender');
      const read = { id: 'a'.repeat(32), offset: 0, length: 1 };
      await expect(fake.invoke(channels.readPendingFile.name, event, read)).rejects.toThrow('refused: unexpected sender');
      await expect(fake.invoke(channels.releasePendingFile.name, event, { id: 'a'.repeat(32) })).rejects.toThrow('refused: unexpected sender');
      const save = { bytes: PNG, suggestedName: 'x.png' };
      await expect(fake.invoke(channels.saveFile.name, event, save)).rejects.toThrow('refused: unexpected sender');
      await expect(fake.invoke(channels.chooseFolder.name, event)).rejects.toThrow('refused: unexpected sender');
      await expect(fake.invoke(channels.setDocumentState.name, event, { name: 'a.hinge', dirty: true })).rejects.toThrow('refused: unexpected sender');
      await expect(fake.invoke(channels.closeWindow.name, event)).rejects.toThrow('refused: unexpected sender');
      await expect(fake.invoke(channels.recentFiles.name, event)).rejects.toThrow('refused: unexpected sender');
      await expect(fake.invoke(channels.openRecent.name, event, { id: 'a'.repeat(32) })).rejects.toThrow('refused: unexpected sender');
      expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
      expect(fake.dialog.showOpenDialog).not.toHaveBeenCalled();
      expect(services.open).not.toHaveBeenCalled();
      expect([win.destroyed, win.title]).toEqual([false, '']);
      expect(showOpenDialog).not.toHaveBeenCalled();
      expect(fake.clipboard.write).not.toHaveBeenCalled();
      expect(await fsp.readdir(dir)).toEqual([]);
    });
  }

  it('refuses a frame whose properties throw because it was disposed', async () => {
    const disposed = new FakeFrame(OWN_URL);
    Object.defineProperty(disposed, 'url', { get: () => { throw new Error('Render frame was disposed'); } });
    win.webContents.mainFrame = disposed;
    await expect(fake.invoke(channels.appInfo.name, eventFrom())).rejects.toThrow('refused: unexpected sender');
  });

  it('refuses everything once the window is gone', async () => {
    win.destroyed = true;
    await expect(fake.invoke(channels.appInfo.name, eventFrom())).rejects.toThrow('refused: unexpected sender');
  });
});

describe('savePng payload validation', () => {
  const oversized = new Uint8Array(MAX_IMAGE_BYTES + 1);
  oversized.set(PNG);
  const invalid: [string, unknown[]][] = [
    ['bytes as a plain array', [{ bytes: [...PNG], suggestedName: 'a.png' }]],
    ['bytes as a string', [{ bytes: 'iVBORw0KGgo=', suggestedName: 'a.png' }]],
    ['bytes as an ArrayBuffer', [{ bytes: PNG.buffer, suggestedName: 'a.png' }]],
    ['bytes over the size cap', [{ bytes: oversized, suggestedName: 'a.png' }]],
    ['bytes without the PNG signature', [{ bytes: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]), suggestedName: 'a.png' }]],
    ['empty bytes', [{ bytes: new Uint8Array(0), suggestedName: 'a.png' }]],
    ['a name with ../', [{ bytes: PNG, suggestedName: '../a.png' }]],
    ['a name with a slash', [{ bytes: PNG, suggestedName: 'etc/a.png' }]],
    ['an absolute path', [{ bytes: PNG, suggestedName: '/tmp/a.png' }]],
    ['a name with a backslash', [{ bytes: PNG, suggestedName: 'a\\b.png' }]],
    ['a name without .png', [{ bytes: PNG, suggestedName: 'matrix' }]],
    ['a name with another extension', [{ bytes: PNG, suggestedName: 'matrix.exe' }]],
    ['a hidden file name', [{ bytes: PNG, suggestedName: '.png' }]],
    ['an overlong name', [{ bytes: PNG, suggestedName: `${'a'.repeat(200)}.png` }]],
    ['a missing name', [{ bytes: PNG }]],
    ['an extra key (a path from the page)', [{ bytes: PNG, suggestedName: 'a.png', path: '/tmp/a.png' }]],
    ['no payload', []],
    ['null', [null]],
    ['two arguments', [{ bytes: PNG, suggestedName: 'a.png' }, '/tmp/a.png']],
  ];

  for (const [label, args] of invalid) {
    it(`refuses ${label}; no dialog, nothing written`, async () => {
      chooseSavePath(join(dir, 'a.png'));
      await expect(fake.invoke(channels.savePng.name, eventFrom(), ...args)).rejects.toThrow(/^refused: invalid payload: ./);
      expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
      expect(await fsp.readdir(dir)).toEqual([]);
    });
  }

  it('names the offending field in the refusal', async () => {
    await expect(fake.invoke(channels.savePng.name, eventFrom(), { bytes: PNG, suggestedName: '../a.png' })).rejects.toThrow(
      'refused: invalid payload: suggestedName: not a plain .png file name',
    );
  });
});

describe('savePng', () => {
  it('suggests the name in the pictures folder, writes exactly the bytes, and leaves no temp file', async () => {
    await fsp.mkdir(join(dir, 'pictures'));
    const target = join(dir, 'pictures', 'svd 3×3.png');
    chooseSavePath(target);
    const result = await fake.invoke(channels.savePng.name, eventFrom(), { bytes: PNG, suggestedName: 'svd 3×3.png' });
    expect(result).toEqual({ status: 'saved', path: target });
    expect(channels.savePng.response.parse(result)).toEqual(result);
    const [window, options] = fake.dialog.showSaveDialog.mock.calls[0] ?? [];
    expect(window).toBe(win);
    expect(options).toMatchObject({ defaultPath: target, filters: [{ name: 'PNG image', extensions: ['png'] }] });
    expect(new Uint8Array(await fsp.readFile(target))).toEqual(PNG);
    expect(await fsp.readdir(join(dir, 'pictures'))).toEqual(['svd 3×3.png']);
  });

  it('suggests the last folder used next time', async () => {
    chooseSavePath(join(dir, 'first.png'));
    await fake.invoke(channels.savePng.name, eventFrom(), { bytes: PNG, suggestedName: 'first.png' });
    await fake.invoke(channels.savePng.name, eventFrom(), { bytes: PNG, suggestedName: 'second.png' });
    expect(fake.dialog.showSaveDialog.mock.calls[1]?.[1]).toMatchObject({ defaultPath: join(dir, 'second.png') });
  });

  it('reports a cancelled dialog and writes nothing', async () => {
    fake.dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await fake.invoke(channels.savePng.name, eventFrom(), { bytes: PNG, suggestedName: 'a.png' })).toEqual({ status: 'canceled' });
    expect(await fsp.readdir(dir)).toEqual([]);
  });

  it('refuses a chosen path that is a folder, shows the reason, and changes nothing', async () => {
    const target = join(dir, 'folder.png');
    await fsp.mkdir(target);
    chooseSavePath(target);
    const result = await fake.invoke(channels.savePng.name, eventFrom(), { bytes: PNG, suggestedName: 'a.png' });
    expect(result).toEqual({ status: 'failed', reason: 'That path is a folder, not a file.' });
    expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(win, expect.objectContaining({ type: 'error', detail: 'That path is a folder, not a file.' }));
    expect(await fsp.readdir(dir)).toEqual(['folder.png']);
    expect(await fsp.readdir(target)).toEqual([]);
  });

  it('reports a missing folder with a plain reason', async () => {
    chooseSavePath(join(dir, 'gone', 'a.png'));
    const result = await fake.invoke(channels.savePng.name, eventFrom(), { bytes: PNG, suggestedName: 'a.png' });
    expect(result).toEqual({ status: 'failed', reason: 'That folder does not exist.' });
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1);
  });
});

describe('copyPng', () => {
  it('puts the PNG on the clipboard as image/png', async () => {
    expect(await fake.invoke(channels.copyPng.name, eventFrom(), { bytes: PNG })).toEqual({ status: 'copied' });
    const items = fake.clipboard.write.mock.calls[0]?.[0] ?? [];
    expect(items).toHaveLength(1);
    const item = items[0] as FakeClipboardItem;
    expect(item.types).toEqual(['image/png']);
    const blob = item.items['image/png'] as Blob;
    expect(blob.type).toBe('image/png');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(PNG);
  });

  it('fails without touching the clipboard when the image does not decode', async () => {
    fake.nativeImage.createFromBuffer.mockReturnValue({ isEmpty: () => true });
    expect(await fake.invoke(channels.copyPng.name, eventFrom(), { bytes: PNG })).toEqual({
      status: 'failed',
      reason: 'The image could not be decoded.',
    });
    expect(fake.clipboard.write).not.toHaveBeenCalled();
  });

  it('reports a clipboard error as a failure, not a crash', async () => {
    fake.clipboard.write.mockRejectedValue(new Error('clipboard busy'));
    expect(await fake.invoke(channels.copyPng.name, eventFrom(), { bytes: PNG })).toEqual({ status: 'failed', reason: 'clipboard busy' });
  });

  it('refuses bytes that are not a PNG', async () => {
    await expect(fake.invoke(channels.copyPng.name, eventFrom(), { bytes: new Uint8Array(16) })).rejects.toThrow(/^refused: invalid payload/);
    expect(fake.nativeImage.createFromBuffer).not.toHaveBeenCalled();
  });
});

describe('appInfo', () => {
  it('answers with version and platform', async () => {
    expect(await fake.invoke(channels.appInfo.name, eventFrom())).toEqual({ version: '0.1.0', platform: process.platform });
  });

  it('refuses a payload it does not take', async () => {
    await expect(fake.invoke(channels.appInfo.name, eventFrom(), { version: 'x' })).rejects.toThrow(/^refused: invalid payload/);
  });
});

describe('savePng in the desktop smoke test', () => {
  it('writes to the test path without a dialog when one is configured', async () => {
    const target = join(dir, 'smoke.png');
    register({ testSavePath: target });
    expect(await fake.invoke(channels.savePng.name, eventFrom(), { bytes: PNG, suggestedName: 'a.png' })).toEqual({ status: 'saved', path: target });
    expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(new Uint8Array(await fsp.readFile(target))).toEqual(PNG);
  });
});

describe('autosave', () => {
  it('writes the JSON atomically to userData/autosave.json and reads it back', async () => {
    expect(await fake.invoke(channels.autosaveRead.name, eventFrom())).toBeNull();
    const json = JSON.stringify({ lab: 'svd', matrix: [[1, 2], [3, 4]] });
    expect(await fake.invoke(channels.autosaveWrite.name, eventFrom(), json)).toEqual({ status: 'saved' });
    expect(await fsp.readFile(join(dir, 'userData', 'autosave.json'), 'utf8')).toBe(json);
    expect(await fsp.readdir(join(dir, 'userData'))).toEqual(['autosave.json']);
    expect(await fake.invoke(channels.autosaveRead.name, eventFrom())).toBe(json);
  });

  const oversized = `"${'x'.repeat(MAX_AUTOSAVE_CHARS - 1)}"`;
  it.each([
    ['text that is not JSON', ['{"a":']],
    ['an object instead of JSON text', [{ a: 1 }]],
    ['a number', [42]],
    ['JSON over the size cap', [oversized]],
    ['no payload', []],
    ['two arguments', ['{}', '/tmp/elsewhere.json']],
  ])('refuses %s and writes nothing', async (_label, args) => {
    await expect(fake.invoke(channels.autosaveWrite.name, eventFrom(), ...args)).rejects.toThrow(/^refused: invalid payload/);
    await expect(fsp.readdir(join(dir, 'userData'))).rejects.toThrow();
  });

  it('reports a failed write with its reason', async () => {
    await fsp.writeFile(join(dir, 'userData'), 'a file where the folder should be');
    const result = await fake.invoke(channels.autosaveWrite.name, eventFrom(), '{}');
    expect(result).toEqual({ status: 'failed', reason: 'That folder does not exist.' });
  });
});

describe('opened files', () => {
  async function queued(name: string, content: string): Promise<PendingFile> {
    await fsp.writeFile(join(dir, name), content);
    const { added } = await services.openFiles.add([name], dir);
    if (!added[0]) throw new Error('not queued');
    return added[0];
  }

  it('lists pending files by id, base name and size: no paths', async () => {
    const file = await queued('weights.npy', 'NUMPY');
    const list = await fake.invoke(channels.pendingFiles.name, eventFrom());
    expect(list).toEqual([{ id: file.id, name: 'weights.npy', size: 5 }]);
    expect(JSON.stringify(list)).not.toContain(dir);
  });

  it('reads a pending file in chunks and forgets it on release', async () => {
    const file = await queued('model.hinge', '{"version":1}');
    const first = (await fake.invoke(channels.readPendingFile.name, eventFrom(), { id: file.id, offset: 0, length: 5 })) as { bytes: Uint8Array };
    const rest = (await fake.invoke(channels.readPendingFile.name, eventFrom(), { id: file.id, offset: 5, length: 100 })) as { bytes: Uint8Array };
    expect(Buffer.concat([first.bytes, rest.bytes]).toString()).toBe('{"version":1}');
    expect(await fake.invoke(channels.releasePendingFile.name, eventFrom(), { id: file.id })).toBe(true);
    expect(await fake.invoke(channels.releasePendingFile.name, eventFrom(), { id: file.id })).toBe(false);
    expect(await fake.invoke(channels.readPendingFile.name, eventFrom(), { id: file.id, offset: 0, length: 5 })).toEqual({
      status: 'failed',
      reason: 'Hinge has no such file open.',
    });
  });

  it.each([
    ['a path instead of an id', { id: '/etc/passwd', offset: 0, length: 1 }],
    ['an id of the wrong shape', { id: 'ABC', offset: 0, length: 1 }],
    ['a negative offset', { id: 'a'.repeat(32), offset: -1, length: 1 }],
    ['a fractional length', { id: 'a'.repeat(32), offset: 0, length: 1.5 }],
    ['a chunk over the cap', { id: 'a'.repeat(32), offset: 0, length: MAX_FILE_CHUNK_BYTES + 1 }],
    ['an empty chunk', { id: 'a'.repeat(32), offset: 0, length: 0 }],
    ['an extra path key', { id: 'a'.repeat(32), offset: 0, length: 1, path: '/etc/passwd' }],
  ])('refuses to read with %s', async (_label, request) => {
    await expect(fake.invoke(channels.readPendingFile.name, eventFrom(), request)).rejects.toThrow(/^refused: invalid payload/);
  });

  it('shows the Open… dialog over the asking window and returns what it queued', async () => {
    const file = { id: 'b'.repeat(32), name: 'a.npy', size: 1 };
    showOpenDialog.mockResolvedValue([file]);
    expect(await fake.invoke(channels.showOpenDialog.name, eventFrom())).toEqual([file]);
    expect(showOpenDialog).toHaveBeenCalledWith(win);
    await expect(fake.invoke(channels.showOpenDialog.name, eventFrom(), '/etc/passwd')).rejects.toThrow(/^refused: invalid payload/);
  });
});

describe('sendToPage', () => {
  it('sends a valid payload on the event channel to our page', () => {
    expect(sendToPage(win as never, page, 'menuCommand', 'exportPng')).toBe(true);
    expect(win.webContents.send.mock.calls).toEqual([[events.menuCommand.name, 'exportPng']]);
  });

  it('refuses a payload outside the contract', () => {
    expect(sendToPage(win as never, page, 'menuCommand', 'rm -rf' as never)).toBe(false);
    expect(sendToPage(win as never, page, 'filesPending', [{ id: 'x', name: '/etc/passwd', size: 1 }] as never)).toBe(false);
    expect(win.webContents.send).not.toHaveBeenCalled();
  });

  it('sends nothing to a window that shows another page, or to no window', () => {
    win.webContents.mainFrame.url = 'https://evil.example/';
    expect(sendToPage(win as never, page, 'menuCommand', 'save')).toBe(false);
    expect(sendToPage(null, page, 'menuCommand', 'save')).toBe(false);
    win.webContents.mainFrame.url = OWN_URL;
    win.destroyed = true;
    expect(sendToPage(win as never, page, 'menuCommand', 'save')).toBe(false);
    expect(win.webContents.send).not.toHaveBeenCalled();
  });
});

describe('setThemeSource', () => {
  it("sets Electron's nativeTheme.themeSource to the user's pick, and back to the system", async () => {
    expect(await fake.invoke(channels.setThemeSource.name, eventFrom(), 'light')).toBe(true);
    expect(fake.nativeTheme.themeSource).toBe('light');
    expect(await fake.invoke(channels.setThemeSource.name, eventFrom(), 'dark')).toBe(true);
    expect(fake.nativeTheme.themeSource).toBe('dark');
    expect(await fake.invoke(channels.setThemeSource.name, eventFrom(), 'system')).toBe(true);
    expect(fake.nativeTheme.themeSource).toBe('system');
  });

  it('refuses anything but system, light or dark, and leaves the theme alone', async () => {
    fake.nativeTheme.themeSource = 'system';
    for (const bad of ['sepia', '', null, 1, { source: 'dark' }]) {
      await expect(fake.invoke(channels.setThemeSource.name, eventFrom(), bad)).rejects.toThrow();
    }
    expect(fake.nativeTheme.themeSource).toBe('system');
  });
});
