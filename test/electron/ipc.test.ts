import * as fsp from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { channels, MAX_IMAGE_BYTES } from '../../src/ipc/contract.js';
import { ownPageSender, registerIpcHandlers } from '../../electron/ipc.js';
import { resolveOwnPage } from '../../electron/page.js';
import { fake, FakeBrowserWindow, FakeClipboardItem, FakeFrame, FakeWebContents } from './fake-electron.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const page = resolveOwnPage({ indexHtmlPath: '/opt/hinge/out/renderer/index.html', isPackaged: true });
const OWN_URL = 'file:///opt/hinge/out/renderer/index.html#/svd';

let dir: string;
let win: FakeBrowserWindow;

beforeEach(() => {
  fake.reset();
  dir = mkdtempSync(join(tmpdir(), 'hinge-ipc-'));
  fake.app.getPath.mockImplementation((name: string) => join(dir, name));
  win = new FakeBrowserWindow({});
  win.webContents.mainFrame.url = OWN_URL;
  registerIpcHandlers(ownPageSender(() => win as never, page));
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
    ['a frame showing another local file', () => eventFrom({ senderFrame: Object.assign(win.webContents.mainFrame, { url: 'file:///tmp/evil.html' }) })],
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
      expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
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
