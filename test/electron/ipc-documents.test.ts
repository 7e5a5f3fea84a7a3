// The IPC channels for project files: saveFile (dialog, handle, folder), chooseFolder,
// setDocumentState, closeWindow, recentFiles and openRecent. Real files in a temp folder; only the
// native dialogs are fakes.
import * as fsp from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { channels, MAX_SAVE_BYTES, SAVE_EXTENSIONS, type PendingFile } from '../../src/ipc/contract.js';
import { AutosaveStore } from '../../electron/autosave.js';
import { guardDocumentWindow } from '../../electron/document-window.js';
import { HandleRegistry } from '../../electron/file-handles.js';
import { SAVE_FILTER_NAMES } from '../../electron/save-dialog.js';
import { isDirectlyInside, ownPageSender, registerIpcHandlers, type IpcServices } from '../../electron/ipc.js';
import { OpenFileQueue } from '../../electron/open-files.js';
import { resolveOwnPage } from '../../electron/page.js';
import { RecentFiles } from '../../electron/recent-files.js';
import { fake, FakeBrowserWindow, FakeFrame, FakeWebContents } from './fake-electron.js';

const page = resolveOwnPage({ rendererRoot: '/opt/hinge/out/renderer', isPackaged: true });
const OWN_URL = 'app://hinge/index.html#/svd';
const PROJECT = new TextEncoder().encode('{"version":1,"labs":{}}');
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const HANDLE = 'a'.repeat(32);

let dir: string;
let work: string;
let win: FakeBrowserWindow;
let services: IpcServices & { open: ReturnType<typeof vi.fn> };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hinge-ipc-docs-'));
  work = join(dir, 'work');
  await fsp.mkdir(work);
  fake.reset();
  win = new FakeBrowserWindow({ title: 'Hinge' });
  win.webContents.mainFrame.url = OWN_URL;
  fake.app.getPath.mockImplementation((name: string) => join(dir, name));
  const handles = new HandleRegistry();
  const recent = new RecentFiles(join(dir, 'userData', 'recent-projects.json'));
  const openFiles = new OpenFileQueue({ handles, onQueued: (path) => void recent.add(path) });
  services = {
    autosave: new AutosaveStore(join(dir, 'userData', 'autosave.json')),
    openFiles,
    handles,
    recent,
    showOpenDialog: vi.fn(async (): Promise<PendingFile[]> => []),
    open: vi.fn(async (paths: readonly string[]) => (await openFiles.add(paths, '/')).added),
  };
  registerIpcHandlers(ownPageSender(() => win as never, page), services);
});
// The recent list is written after a save returns (not awaited), so the folder may still be filling: retry.
afterEach(() => fsp.rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 20 }));

function eventFrom(overrides: { sender?: FakeWebContents; senderFrame?: FakeFrame | null } = {}) {
  return { sender: win.webContents, senderFrame: win.webContents.mainFrame, ...overrides };
}
const invoke = (key: keyof typeof channels, ...args: unknown[]) => fake.invoke(channels[key].name, eventFrom(), ...args);

function chooseSavePath(filePath: string): void {
  fake.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath });
}
function chooseFolderPath(path: string): void {
  fake.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [path] });
}
/** Every file under `root`, relative, sorted: proves nothing else (no temp file) was written. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await fsp.readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}
const read = async (path: string) => new Uint8Array(await fsp.readFile(path));

describe('payload validation of the new channels', () => {
  const huge = Object.defineProperty(new Uint8Array(1), 'byteLength', { get: () => MAX_SAVE_BYTES + 1 });
  const invalid: [string, keyof typeof channels, unknown[]][] = [
    ['saveFile: bytes as a plain array', 'saveFile', [{ bytes: [1, 2], suggestedName: 'a.hinge' }]],
    ['saveFile: bytes as a string', 'saveFile', [{ bytes: '{}', suggestedName: 'a.hinge' }]],
    ['saveFile: bytes over the size cap', 'saveFile', [{ bytes: huge, suggestedName: 'a.hinge' }]],
    ['saveFile: a name with ../', 'saveFile', [{ bytes: PROJECT, suggestedName: '../a.hinge' }]],
    ['saveFile: a name with a folder', 'saveFile', [{ bytes: PROJECT, suggestedName: 'x/a.hinge' }]],
    ['saveFile: a name with a backslash', 'saveFile', [{ bytes: PROJECT, suggestedName: 'x\\a.hinge' }]],
    ['saveFile: an absolute path', 'saveFile', [{ bytes: PROJECT, suggestedName: '/tmp/a.hinge' }]],
    ['saveFile: a hidden name', 'saveFile', [{ bytes: PROJECT, suggestedName: '.hinge' }]],
    ['saveFile: a type Hinge does not save', 'saveFile', [{ bytes: PROJECT, suggestedName: 'a.exe' }]],
    ['saveFile: no extension', 'saveFile', [{ bytes: PROJECT, suggestedName: 'model' }]],
    ['saveFile: an overlong name', 'saveFile', [{ bytes: PROJECT, suggestedName: `${'a'.repeat(120)}.hinge` }]],
    ['saveFile: a path as the handle', 'saveFile', [{ bytes: PROJECT, suggestedName: 'a.hinge', handle: '/home/me/a.hinge' }]],
    ['saveFile: a path as the folder', 'saveFile', [{ bytes: PROJECT, suggestedName: 'a.hinge', folder: '/tmp' }]],
    ['saveFile: both a handle and a folder', 'saveFile', [{ bytes: PROJECT, suggestedName: 'a.hinge', handle: HANDLE, folder: HANDLE }]],
    ['saveFile: an extra path key', 'saveFile', [{ bytes: PROJECT, suggestedName: 'a.hinge', path: '/tmp/a.hinge' }]],
    ['saveFile: no payload', 'saveFile', []],
    ['saveFile: two arguments', 'saveFile', [{ bytes: PROJECT, suggestedName: 'a.hinge' }, '/tmp/a.hinge']],
    ['chooseFolder: a payload', 'chooseFolder', ['/tmp']],
    ['setDocumentState: no payload', 'setDocumentState', []],
    ['setDocumentState: dirty as a string', 'setDocumentState', [{ name: 'a', dirty: 'yes' }]],
    ['setDocumentState: no dirty', 'setDocumentState', [{ name: 'a' }]],
    ['setDocumentState: an empty name', 'setDocumentState', [{ name: '', dirty: false }]],
    ['setDocumentState: an overlong name', 'setDocumentState', [{ name: 'a'.repeat(256), dirty: false }]],
    ['setDocumentState: an extra key', 'setDocumentState', [{ name: 'a', dirty: false, title: 'x' }]],
    ['closeWindow: a payload', 'closeWindow', [{ force: true }]],
    ['recentFiles: a payload', 'recentFiles', ['/home']],
    ['openRecent: a path as the id', 'openRecent', [{ id: '/home/me/a.hinge' }]],
    ['openRecent: an extra key', 'openRecent', [{ id: HANDLE, path: '/home/me/a.hinge' }]],
    ['openRecent: no payload', 'openRecent', []],
  ];

  for (const [label, key, args] of invalid) {
    it(`refuses ${label}; no dialog, no file, no change to the window`, async () => {
      chooseSavePath(join(work, 'a.hinge'));
      chooseFolderPath(work);
      await expect(invoke(key, ...args)).rejects.toThrow(/^refused: invalid payload: ./);
      expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
      expect(fake.dialog.showOpenDialog).not.toHaveBeenCalled();
      expect(fake.dialog.showMessageBox).not.toHaveBeenCalled();
      expect(services.open).not.toHaveBeenCalled();
      expect(await filesUnder(dir)).toEqual([]);
      expect([win.title, win.destroyed]).toEqual(['Hinge', false]);
    });
  }

  it('refuses a foreign sender on the new channels before anything happens', async () => {
    const foreign = { sender: new FakeWebContents(OWN_URL), senderFrame: new FakeFrame(OWN_URL) };
    chooseSavePath(join(work, 'a.hinge'));
    await expect(fake.invoke(channels.saveFile.name, foreign, { bytes: PROJECT, suggestedName: 'a.hinge' })).rejects.toThrow('refused: unexpected sender');
    await expect(fake.invoke(channels.closeWindow.name, foreign)).rejects.toThrow('refused: unexpected sender');
    expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(await filesUnder(dir)).toEqual([]);
    expect(win.destroyed).toBe(false);
  });
});

describe('saveFile through the save dialog', () => {
  it('suggests the name in Documents, writes the bytes atomically, and hands back a handle that saves there again', async () => {
    const target = join(work, 'model.hinge');
    chooseSavePath(target);
    const first = (await invoke('saveFile', { bytes: PROJECT, suggestedName: 'model.hinge' })) as { status: string; name: string; handle: string };
    expect(first).toEqual({ status: 'saved', name: 'model.hinge', handle: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(channels.saveFile.response.parse(first)).toEqual(first);
    expect(JSON.stringify(first)).not.toContain(dir);
    const [window, options] = fake.dialog.showSaveDialog.mock.calls[0] ?? [];
    expect(window).toBe(win);
    expect(options).toMatchObject({
      title: 'Save project',
      defaultPath: join(dir, 'documents', 'model.hinge'),
      filters: [{ name: 'Hinge project', extensions: ['hinge'] }],
    });
    expect(await read(target)).toEqual(PROJECT);

    // Save (not Save As): the handle, no dialog, the same file.
    const next = new TextEncoder().encode('{"version":1,"labs":{"svd":{}}}');
    const second = await invoke('saveFile', { bytes: next, suggestedName: 'model.hinge', handle: first.handle });
    expect(second).toEqual({ status: 'saved', name: 'model.hinge', handle: first.handle });
    expect(fake.dialog.showSaveDialog).toHaveBeenCalledTimes(1);
    expect(await read(target)).toEqual(next);
    expect(await filesUnder(work)).toEqual(['model.hinge']);
  });

  it.each([
    ['.hinge', 'Hinge project'],
    ['.png', 'PNG image'],
    ['.svg', 'SVG image'],
    ['.csv', 'CSV table'],
    ['.json', 'JSON'],
    ['.webm', 'WebM video'],
    ['.mp4', 'MP4 video'],
  ])('filters the dialog for %s as "%s"', async (extension, name) => {
    fake.dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    await invoke('saveFile', { bytes: PNG, suggestedName: `chart${extension}` });
    expect(fake.dialog.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({ filters: [{ name, extensions: [extension.slice(1)] }] });
  });

  it('has a filter name for every extension of the contract, and no other', () => {
    expect(Object.keys(SAVE_FILTER_NAMES).sort()).toEqual([...SAVE_EXTENSIONS].sort());
  });

  it('suggests the folder used last next time', async () => {
    chooseSavePath(join(work, 'a.svg'));
    await invoke('saveFile', { bytes: PNG, suggestedName: 'a.svg' });
    fake.dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    await invoke('saveFile', { bytes: PNG, suggestedName: 'b.csv' });
    expect(fake.dialog.showSaveDialog.mock.calls[1]?.[1]).toMatchObject({ defaultPath: join(work, 'b.csv') });
  });

  it('reports a cancelled dialog and writes nothing', async () => {
    expect(await invoke('saveFile', { bytes: PROJECT, suggestedName: 'a.hinge' })).toEqual({ status: 'canceled' });
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('adds the extension to a name chosen without it', async () => {
    chooseSavePath(join(work, 'model'));
    expect(await invoke('saveFile', { bytes: PROJECT, suggestedName: 'a.hinge' })).toMatchObject({ status: 'saved', name: 'model.hinge' });
    expect(await filesUnder(work)).toEqual(['model.hinge']);
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('asks before the added extension would replace an existing file, and keeps it on Cancel', async () => {
    await fsp.writeFile(join(work, 'model.hinge'), 'old');
    chooseSavePath(join(work, 'model'));
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    expect(await invoke('saveFile', { bytes: PROJECT, suggestedName: 'a.hinge' })).toEqual({ status: 'canceled' });
    expect(fake.dialog.showMessageBox.mock.calls[0]?.[1]).toMatchObject({ message: '“model.hinge” already exists. Replace it?', buttons: ['Replace', 'Cancel'] });
    expect(await fsp.readFile(join(work, 'model.hinge'), 'utf8')).toBe('old');
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    expect(await invoke('saveFile', { bytes: PROJECT, suggestedName: 'a.hinge' })).toMatchObject({ status: 'saved' });
    expect(await read(join(work, 'model.hinge'))).toEqual(PROJECT);
  });

  it("fails with writeFileAtomic's reason and leaves nothing behind", async () => {
    await fsp.mkdir(join(work, 'folder.hinge'));
    chooseSavePath(join(work, 'folder.hinge'));
    expect(await invoke('saveFile', { bytes: PROJECT, suggestedName: 'a.hinge' })).toEqual({ status: 'failed', reason: 'That path is a folder, not a file.' });
    chooseSavePath(join(work, 'gone', 'a.hinge'));
    expect(await invoke('saveFile', { bytes: PROJECT, suggestedName: 'a.hinge' })).toEqual({ status: 'failed', reason: 'That folder does not exist.' });
    expect(await filesUnder(dir)).toEqual([]);
  });
});

describe('saveFile with a handle', () => {
  it('refuses a handle Hinge never gave out, and writes nothing', async () => {
    expect(await invoke('saveFile', { bytes: PROJECT, suggestedName: 'a.hinge', handle: HANDLE })).toEqual({
      status: 'failed',
      reason: 'Hinge no longer knows where that file is; use Save As….',
    });
    expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('saves back to a file the page opened, after it was read and released: its id is the handle', async () => {
    const path = join(work, 'opened.hinge');
    await fsp.writeFile(path, '{"version":1}');
    const { added } = await services.openFiles.add([path], '/');
    const id = added[0]!.id;
    await invoke('readPendingFile', { id, offset: 0, length: 100 });
    expect(await invoke('releasePendingFile', { id })).toBe(true);
    expect(await invoke('saveFile', { bytes: PROJECT, suggestedName: 'opened.hinge', handle: id })).toEqual({ status: 'saved', name: 'opened.hinge', handle: id });
    expect(await read(path)).toEqual(PROJECT);
    expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(await filesUnder(work)).toEqual(['opened.hinge']);
  });

  it('a file deleted while Hinge runs: Save says so and asks where instead of writing a stray copy', async () => {
    chooseSavePath(join(work, 'a.hinge'));
    const saved = (await invoke('saveFile', { bytes: PROJECT, suggestedName: 'a.hinge' })) as { handle: string };
    await fsp.rm(join(work, 'a.hinge'));
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    expect(await invoke('saveFile', { bytes: PROJECT, suggestedName: 'a.hinge', handle: saved.handle })).toEqual({ status: 'canceled' });
    expect(fake.dialog.showMessageBox.mock.calls[0]?.[1]).toMatchObject({ message: '“a.hinge” is no longer where Hinge saved it.', buttons: ['Save As…', 'Cancel'] });
    expect(fake.dialog.showSaveDialog).toHaveBeenCalledTimes(1); // only the first Save As
    expect(await filesUnder(work)).toEqual([]); // no stray copy where the file was
    // A link to the file that now leads nowhere counts as gone too.
    await fsp.writeFile(join(work, 'target.hinge'), 'x');
    await fsp.symlink(join(work, 'target.hinge'), join(work, 'a.hinge'));
    await fsp.rm(join(work, 'target.hinge'));
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    expect(await invoke('saveFile', { bytes: PROJECT, suggestedName: 'a.hinge', handle: saved.handle })).toEqual({ status: 'canceled' });
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(2);
  });

  it('never writes another kind of file over an opened one (a project over the weights it came from)', async () => {
    const weights = join(work, 'w.npy');
    await fsp.writeFile(weights, 'NUMPY');
    const { added } = await services.openFiles.add([weights], '/');
    expect(await invoke('saveFile', { bytes: PROJECT, suggestedName: 'w.hinge', handle: added[0]!.id })).toMatchObject({ status: 'failed' });
    expect(await fsp.readFile(weights, 'utf8')).toBe('NUMPY');
  });

  it('never writes to the handle of an opened weights file, even the same kind of file (a CSV over a CSV)', async () => {
    const table = join(work, 'weights.csv');
    await fsp.writeFile(table, '1,2\n3,4\n');
    const { added } = await services.openFiles.add([table], '/');
    expect(await invoke('saveFile', { bytes: new TextEncoder().encode('x\n'), suggestedName: 'weights.csv', handle: added[0]!.id })).toEqual({
      status: 'failed',
      reason: 'Hinge no longer knows where that file is; use Save As….',
    });
    expect(await fsp.readFile(table, 'utf8')).toBe('1,2\n3,4\n');
  });

  it('does not take a folder handle as a file handle, nor a file handle as a folder', async () => {
    chooseFolderPath(work);
    const folder = (await invoke('chooseFolder')) as { handle: string };
    expect(await invoke('saveFile', { bytes: PROJECT, suggestedName: 'a.hinge', handle: folder.handle })).toMatchObject({ status: 'failed' });
    chooseSavePath(join(work, 'm.hinge'));
    const file = (await invoke('saveFile', { bytes: PROJECT, suggestedName: 'm.hinge' })) as { handle: string };
    expect(await invoke('saveFile', { bytes: PNG, suggestedName: 'a.png', folder: file.handle })).toEqual({
      status: 'failed',
      reason: 'Hinge no longer knows that folder; choose it again.',
    });
    expect(await filesUnder(work)).toEqual(['m.hinge']);
  });
});

describe('chooseFolder and saveFile into it (Export all)', () => {
  it('asks for a folder (may create one) and writes each file into it without a dialog', async () => {
    const target = join(work, 'figures');
    await fsp.mkdir(target);
    chooseFolderPath(target);
    const chosen = (await invoke('chooseFolder')) as { status: string; name: string; handle: string };
    expect(chosen).toEqual({ status: 'chosen', name: 'figures', handle: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(channels.chooseFolder.response.parse(chosen)).toEqual(chosen);
    const [window, options] = fake.dialog.showOpenDialog.mock.calls[0] ?? [];
    expect(window).toBe(win);
    expect(options).toMatchObject({ properties: ['openDirectory', 'createDirectory'], defaultPath: join(dir, 'documents') });

    const svg = new TextEncoder().encode('<svg/>');
    expect(await invoke('saveFile', { bytes: PNG, suggestedName: 'svd spectrum.png', folder: chosen.handle })).toMatchObject({ status: 'saved', name: 'svd spectrum.png' });
    expect(await invoke('saveFile', { bytes: svg, suggestedName: 'lora (rank 4).svg', folder: chosen.handle })).toMatchObject({ status: 'saved', name: 'lora (rank 4).svg' });
    expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(await filesUnder(target)).toEqual(['lora (rank 4).svg', 'svd spectrum.png']);
    expect(await read(join(target, 'lora (rank 4).svg'))).toEqual(svg);
    // The same folder chosen again keeps its handle.
    chooseFolderPath(target);
    expect(await invoke('chooseFolder')).toEqual(chosen);
  });

  it('reports a cancelled folder dialog', async () => {
    expect(await invoke('chooseFolder')).toEqual({ status: 'canceled' });
  });

  it('fails plainly when the chosen folder has gone', async () => {
    const target = join(work, 'gone');
    await fsp.mkdir(target);
    chooseFolderPath(target);
    const chosen = (await invoke('chooseFolder')) as { handle: string };
    await fsp.rmdir(target);
    expect(await invoke('saveFile', { bytes: PNG, suggestedName: 'a.png', folder: chosen.handle })).toEqual({ status: 'failed', reason: 'That folder does not exist.' });
  });

  it('writes only directly into the folder: no traversal, not the folder itself', () => {
    expect(isDirectlyInside('/exports', '/exports/a.png')).toBe(true);
    expect(isDirectlyInside('/exports/', '/exports/a b (1).png')).toBe(true);
    expect(isDirectlyInside('/exports', '/exports')).toBe(false);
    expect(isDirectlyInside('/exports', '/')).toBe(false);
    expect(isDirectlyInside('/exports', '/exports/sub/a.png')).toBe(false);
    expect(isDirectlyInside('/exports', '/exports-2/a.png')).toBe(false);
    expect(isDirectlyInside('/exports', '/etc/passwd')).toBe(false);
  });
});

describe('recent projects', () => {
  it('a project saved through the dialog joins the list (by handle and name, no path); an image does not', async () => {
    chooseSavePath(join(work, 'b.png'));
    await invoke('saveFile', { bytes: PNG, suggestedName: 'b.png' });
    chooseSavePath(join(work, 'a.hinge'));
    const saved = (await invoke('saveFile', { bytes: PROJECT, suggestedName: 'a.hinge' })) as { handle: string };
    await vi.waitFor(async () => expect(await invoke('recentFiles')).toEqual([{ id: saved.handle, name: 'a.hinge' }]), { timeout: 60_000 });
    const list = await invoke('recentFiles');
    expect(channels.recentFiles.response.parse(list)).toEqual(list);
    expect(JSON.stringify(list)).not.toContain(dir);
  });

  it('a project opened from disk joins the list; one that has gone is dropped', async () => {
    const kept = join(work, 'kept.hinge');
    const gone = join(work, 'gone.hinge');
    await fsp.writeFile(kept, '{}');
    await fsp.writeFile(gone, '{}');
    await services.openFiles.add([kept, gone], '/');
    await vi.waitFor(async () => expect(((await invoke('recentFiles')) as { name: string }[]).map((f) => f.name)).toEqual(['gone.hinge', 'kept.hinge']), { timeout: 60_000 });
    await fsp.rm(gone);
    expect(((await invoke('recentFiles')) as { name: string }[]).map((f) => f.name)).toEqual(['kept.hinge']);
  });

  it('openRecent queues the project for the page and returns it; an id not on the list opens nothing', async () => {
    const path = join(work, 'recent.hinge');
    await fsp.writeFile(path, '{"version":1}');
    await services.recent.add(path);
    const [entry] = (await invoke('recentFiles')) as { id: string }[];
    const opened = (await invoke('openRecent', { id: entry!.id })) as PendingFile[];
    expect(services.open).toHaveBeenCalledWith([path]);
    expect(opened.map(({ name, size }) => ({ name, size }))).toEqual([{ name: 'recent.hinge', size: 13 }]);
    expect(channels.openRecent.response.parse(opened)).toEqual(opened);

    services.open.mockClear();
    expect(await invoke('openRecent', { id: HANDLE })).toEqual([]);
    chooseSavePath(join(work, 'c.png'));
    const image = (await invoke('saveFile', { bytes: PNG, suggestedName: 'c.png' })) as { handle: string };
    expect(await invoke('openRecent', { id: image.handle })).toEqual([]);
    expect(services.open).not.toHaveBeenCalled();
  });
});

describe('setDocumentState and closeWindow', () => {
  it('sets the title of a guarded window; a window without a document state answers false', async () => {
    expect(await invoke('setDocumentState', { name: 'model.hinge', dirty: true })).toBe(false);
    guardDocumentWindow(win as never, { page, platform: 'linux' });
    expect(await invoke('setDocumentState', { name: 'model.hinge', dirty: true })).toBe(true);
    expect(win.title).toBe('model.hinge • — Hinge');
    expect(await invoke('setDocumentState', { name: null, dirty: false })).toBe(true);
    expect(win.title).toBe('Untitled — Hinge');
  });

  it('closeWindow closes the window even with unsaved changes: the page has asked', async () => {
    guardDocumentWindow(win as never, { page, platform: 'linux' });
    await invoke('setDocumentState', { name: 'model.hinge', dirty: true });
    expect(await invoke('closeWindow')).toBe(true);
    expect(win.destroyed).toBe(true);
  });
});
