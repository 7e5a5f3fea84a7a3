import * as fsp from 'node:fs/promises';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { channels, MAX_RANGE_BYTES, type CheckpointFile, type OpenCheckpointResult, type RangeResult } from '../../src/ipc/contract.js';
import { AutosaveStore } from '../../electron/autosave.js';
import { CheckpointFiles } from '../../electron/checkpoint-files.js';
import { HandleRegistry } from '../../electron/file-handles.js';
import { ownPageSender, registerIpcHandlers } from '../../electron/ipc.js';
import { OpenFileQueue } from '../../electron/open-files.js';
import { resolveOwnPage } from '../../electron/page.js';
import { RecentFiles } from '../../electron/recent-files.js';
import { fake, FakeBrowserWindow } from './fake-electron.js';

/**
 * The Model lab's byte-range reads on the desktop: files chosen in the main process's dialog stay
 * open there behind handles; the page reads ranges of them, checked against the window that was
 * given the handle and the size at opening; the handles close on release, reload and window close.
 * Real temporary files, real FileHandles; only Electron is a stand-in.
 */
const page = resolveOwnPage({ rendererRoot: '/opt/hinge/out/renderer', isPackaged: true });
const OWN_URL = 'app://hinge/index.html#/model';

let dir: string;
let win: FakeBrowserWindow;
let opened: fsp.FileHandle[];
let checkpoints: CheckpointFiles;
/** 300 000 bytes whose value at i is (i·7 + 3) mod 256: any misplaced range shows. */
const CONTENT = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7 + 3) & 255);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hinge-ckpt-'));
  writeFileSync(join(dir, 'model.safetensors'), CONTENT);
  writeFileSync(join(dir, 'config.json'), '{"a":1}');
  fake.reset();
  win = new FakeBrowserWindow({});
  win.webContents.mainFrame.url = OWN_URL;
  opened = [];
  checkpoints = new CheckpointFiles(async (path) => {
    const handle = await fsp.open(path, 'r');
    opened.push(handle);
    return handle;
  });
  const handles = new HandleRegistry();
  registerIpcHandlers(ownPageSender(() => win as never, page), {
    autosave: new AutosaveStore(join(dir, 'userData', 'autosave.json')),
    openFiles: new OpenFileQueue({ handles }),
    handles,
    recent: new RecentFiles(join(dir, 'userData', 'recent.json')),
    showOpenDialog: vi.fn(async () => []),
    open: vi.fn(async () => []),
    checkpoints,
  });
});
afterEach(async () => {
  await Promise.all(opened.map((h) => h.close().catch(() => undefined)));
  rmSync(dir, { recursive: true, force: true });
});

const event = () => ({ sender: win.webContents, senderFrame: win.webContents.mainFrame });

async function openThroughDialog(paths: string[], folder = false): Promise<OpenCheckpointResult> {
  fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: paths });
  return channels.openCheckpoint.response.parse(await fake.invoke(channels.openCheckpoint.name, event(), { folder }));
}

async function readRange(handle: string, offset: number, length: number): Promise<RangeResult> {
  return channels.readRange.response.parse(await fake.invoke(channels.readRange.name, event(), { handle, offset, length }));
}

function filesOf(result: OpenCheckpointResult): CheckpointFile[] {
  if (result.status !== 'opened') throw new Error(`not opened: ${JSON.stringify(result)}`);
  return result.files;
}

/** True once Node has closed the FileHandle (its fd reads -1). */
const isClosed = (handle: fsp.FileHandle) => handle.fd === -1;

describe('opening a checkpoint through the dialog', () => {
  it('opens the chosen files and hands out handles, names, sizes and times — never a path', async () => {
    const result = await openThroughDialog([join(dir, 'model.safetensors'), join(dir, 'config.json')]);
    const files = filesOf(result);
    expect(files.map((f) => [f.name, f.size])).toEqual([['model.safetensors', CONTENT.length], ['config.json', 7]]);
    for (const f of files) expect(f.handle).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(result)).not.toContain(dir);
    expect(fake.dialog.showOpenDialog.mock.calls[0]?.[1]).toMatchObject({ properties: ['openFile', 'multiSelections'] });
    expect(checkpoints.openCount).toBe(2);
  });

  it('opens a folder’s own files as folder/name (hidden files and subfolders left out, symlinks followed)', async () => {
    const folder = join(dir, 'tiny-llama');
    mkdirSync(join(folder, 'nested'), { recursive: true });
    writeFileSync(join(folder, 'model.safetensors.index.json'), '{}');
    writeFileSync(join(folder, '.DS_Store'), 'x');
    writeFileSync(join(folder, 'nested', 'deep.bin'), 'x');
    symlinkSync(join(dir, 'model.safetensors'), join(folder, 'model-00001-of-00001.safetensors'));
    const files = filesOf(await openThroughDialog([folder], true));
    expect(fake.dialog.showOpenDialog.mock.calls[0]?.[1]).toMatchObject({ properties: ['openDirectory'] });
    expect(files.map((f) => [f.name, f.size])).toEqual([
      ['tiny-llama/model-00001-of-00001.safetensors', CONTENT.length],
      ['tiny-llama/model.safetensors.index.json', 2],
    ]);
  });

  it('a cancelled dialog opens nothing; a file that vanished is named and nothing stays open', async () => {
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await fake.invoke(channels.openCheckpoint.name, event(), { folder: false })).toEqual({ status: 'canceled' });
    const result = await openThroughDialog([join(dir, 'model.safetensors'), join(dir, 'gone.safetensors')]);
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining('gone.safetensors') });
    expect(checkpoints.openCount).toBe(0);
    expect(opened.every(isClosed)).toBe(true);
  });
});

describe('readRange', () => {
  it('reads exactly the asked bytes of a real file, at any offset, up to its last byte', async () => {
    const [model] = filesOf(await openThroughDialog([join(dir, 'model.safetensors')]));
    for (const [offset, length] of [[0, 8], [12_345, 54_321], [CONTENT.length - 1, 1], [CONTENT.length, 0], [0, CONTENT.length]] as const) {
      const result = await readRange(model!.handle, offset, length);
      expect(result.status).toBe('read');
      // Buffer.equals: vitest's deep equality walks 300 000 elements slowly.
      if (result.status === 'read') expect(Buffer.from(result.bytes).equals(CONTENT.subarray(offset, offset + length)), `${offset}+${length}`).toBe(true);
    }
  });

  it('refuses a range past the size the file had when opened, with a typed code', async () => {
    const [model] = filesOf(await openThroughDialog([join(dir, 'model.safetensors')]));
    expect(await readRange(model!.handle, CONTENT.length - 4, 5)).toMatchObject({ status: 'failed', code: 'out-of-range' });
    expect(await readRange(model!.handle, CONTENT.length + 1, 0)).toMatchObject({ status: 'failed', code: 'out-of-range' });
    // Grown since: the page was told the old size, and nothing beyond it is read.
    await fsp.appendFile(join(dir, 'model.safetensors'), new Uint8Array(10));
    expect(await readRange(model!.handle, CONTENT.length, 10)).toMatchObject({ status: 'failed', code: 'out-of-range' });
  });

  it('says the file changed when it shrank under its handle', async () => {
    const [model] = filesOf(await openThroughDialog([join(dir, 'model.safetensors')]));
    await fsp.truncate(join(dir, 'model.safetensors'), 1000);
    expect(await readRange(model!.handle, 900, 200)).toMatchObject({ status: 'failed', code: 'changed', reason: expect.stringContaining('byte 1000') });
  });

  it('refuses malformed requests before reading: fractions, negatives, over 64 MiB, a path for a handle', async () => {
    const [model] = filesOf(await openThroughDialog([join(dir, 'model.safetensors')]));
    const bad: unknown[] = [
      { handle: model!.handle, offset: 0.5, length: 1 },
      { handle: model!.handle, offset: -1, length: 1 },
      { handle: model!.handle, offset: 0, length: 1.5 },
      { handle: model!.handle, offset: 0, length: MAX_RANGE_BYTES + 1 },
      { handle: model!.handle, offset: Number.NaN, length: 1 },
      { handle: join(dir, 'model.safetensors'), offset: 0, length: 1 },
      { handle: model!.handle, offset: 0, length: 1, path: '/etc/passwd' },
    ];
    for (const request of bad) {
      await expect(fake.invoke(channels.readRange.name, event(), request)).rejects.toThrow('refused: invalid payload');
    }
    // The class itself refuses too, whoever calls it.
    expect(await checkpoints.read(win, model!.handle, 0, MAX_RANGE_BYTES + 1)).toMatchObject({ status: 'failed', code: 'too-long' });
    expect(await checkpoints.read(win, model!.handle, 0.5, 1)).toMatchObject({ status: 'failed', code: 'out-of-range' });
  });

  it('refuses a handle issued to another window, and one never issued', async () => {
    const [model] = filesOf(await openThroughDialog([join(dir, 'model.safetensors')]));
    const other = new FakeBrowserWindow({});
    expect(await checkpoints.read(other, model!.handle, 0, 8)).toMatchObject({ status: 'failed', code: 'unknown-handle' });
    expect(await checkpoints.release(other, [model!.handle])).toBe(0);
    expect(await readRange('f'.repeat(32), 0, 8)).toMatchObject({ status: 'failed', code: 'unknown-handle' });
    // Still the owner's.
    expect((await readRange(model!.handle, 0, 8)).status).toBe('read');
  });
});

describe('closing the handles', () => {
  it('closes the files the page releases, and only those', async () => {
    const [model, config] = filesOf(await openThroughDialog([join(dir, 'model.safetensors'), join(dir, 'config.json')]));
    expect(await fake.invoke(channels.releaseCheckpoint.name, event(), { handles: [model!.handle] })).toBe(1);
    expect(await readRange(model!.handle, 0, 8)).toMatchObject({ status: 'failed', code: 'unknown-handle' });
    expect((await readRange(config!.handle, 0, 7)).status).toBe('read');
    expect(opened.map(isClosed)).toEqual([true, false]);
  });

  it('closes every file of a window when its page reloads, and when it closes', async () => {
    filesOf(await openThroughDialog([join(dir, 'model.safetensors')]));
    win.webContents.emit('did-navigate');
    await vi.waitFor(() => expect(opened.every(isClosed)).toBe(true), { timeout: 60_000 });
    const [again] = filesOf(await openThroughDialog([join(dir, 'config.json')]));
    expect(checkpoints.openCount).toBe(1);
    win.destroy(); // emits 'closed'
    await vi.waitFor(() => expect(checkpoints.openCount).toBe(0), { timeout: 60_000 });
    expect(opened.every(isClosed)).toBe(true);
    expect(await checkpoints.read(win, again!.handle, 0, 1)).toMatchObject({ code: 'unknown-handle' });
  });

  it('another window’s close leaves this window’s files open', async () => {
    const other = new FakeBrowserWindow({});
    await checkpoints.openPaths(other, [join(dir, 'config.json')], false);
    const [model] = filesOf(await openThroughDialog([join(dir, 'model.safetensors')]));
    other.destroy();
    await vi.waitFor(() => expect(checkpoints.openCount).toBe(1), { timeout: 60_000 });
    expect((await readRange(model!.handle, 0, 8)).status).toBe('read');
  });
});
