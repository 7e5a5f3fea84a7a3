// Save after a restart: the whole main process (electron/main.ts) is started, stopped and started
// again on one userData folder, each run with fresh module instances (vi.resetModules), so nothing
// in memory survives but what is on disk. The page is played by IPC calls made exactly as the
// desktop host makes them; the files are real files in a temp folder; only Electron is a fake.
import * as fsp from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { channels, type ChannelKey, type PendingFile } from '../../src/ipc/contract.js';
import { parseProject, serializeProject } from '../../src/project/project-file.js';
import { fake, FakeBrowserWindow } from './fake-electron.js';

// Bind the 'electron' mock to this fake now: vi.resetModules() below starts main.ts afresh, but a
// mock, once made, is kept, and its getters follow fake.reset().
const electron = (await import('electron')) as unknown as { app: unknown };
if (electron.app !== fake.app) throw new Error('the electron mock is not this fake');

const root = mkdtempSync(join(tmpdir(), 'hinge-restart-'));
afterAll(() => rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 20 }));
const argv = process.argv;

const SAMPLE = await fsp.readFile(join(import.meta.dirname, '../../assets/public/samples/svd.hinge'), 'utf8');
/** The sample with one cell of W changed: the user's unsaved edit. */
function edited(value: number): string {
  const project = parseProject(SAMPLE);
  const { format: _f, version: _v, ...rest } = project;
  const svd = rest.labs.svd as { state: { W: number[][] } };
  svd.state.W[0]![0] = value;
  return serializeProject(rest);
}
const cellOf = (text: string) => (parseProject(text).labs.svd as { state: { W: number[][] } }).state.W[0]![0];

let dir: string;
let userData: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(join(root, 'case-'));
  userData = join(dir, 'userData');
});
// Each run's main.ts adds process-wide error listeners (its log); a run ends with its test.
type Listener = (...args: unknown[]) => void;
const PROCESS_EVENTS = ['uncaughtExceptionMonitor', 'unhandledRejection'];
const listenersOf = (event: string) => process.listeners(event as 'unhandledRejection') as Listener[];
let added: [string, Listener][] = [];
afterEach(() => {
  process.argv = argv;
  for (const [event, listener] of added) process.off(event as 'unhandledRejection', listener);
  added = [];
});

/** One run of Hinge: main.ts imported afresh with `files` on its command line, ready, one window. */
async function startHinge(files: readonly string[] = []) {
  vi.resetModules();
  fake.reset();
  fake.app.getPath.mockImplementation((name: string) => (name === 'userData' ? userData : join(dir, name)));
  process.argv = [process.execPath, ...files];
  const before = new Map(PROCESS_EVENTS.map((event) => [event, listenersOf(event)]));
  try {
    await import('../../electron/main.js');
  } finally {
    process.argv = argv;
    for (const event of PROCESS_EVENTS) {
      for (const listener of listenersOf(event)) if (!before.get(event)?.includes(listener)) added.push([event, listener]);
    }
  }
  fake.app.becomeReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1), { timeout: 10_000 });
  const windowNow = () => FakeBrowserWindow.instances.at(-1)!;
  /** What the page asks over IPC, from the main frame of the current window showing our page. */
  const invoke = (key: ChannelKey, ...args: unknown[]) => {
    const win = windowNow();
    win.webContents.mainFrame.url = 'app://hinge/index.html#/svd';
    return fake.invoke(channels[key].name, { sender: win.webContents, senderFrame: win.webContents.mainFrame }, ...args);
  };
  expect(fake.app.enableSandbox).toHaveBeenCalledTimes(1); // this run's main.ts, not an earlier one's
  return { fake, FakeBrowserWindow, windowNow, invoke };
}
type Run = Awaited<ReturnType<typeof startHinge>>;

/** The page opens its pending project as the desktop host does; returns its handle (the file's id). */
async function openPendingProject(run: Run): Promise<{ handle: string; text: string }> {
  const [file] = (await vi.waitFor(async () => {
    const list = (await run.invoke('pendingFiles')) as PendingFile[];
    expect(list).toHaveLength(1);
    return list;
  }, { timeout: 60_000 })) as PendingFile[];
  const chunk = (await run.invoke('readPendingFile', { id: file!.id, offset: 0, length: file!.size })) as { status: string; bytes: Uint8Array };
  expect(chunk.status).toBe('read');
  await run.invoke('releasePendingFile', { id: file!.id });
  return { handle: file!.id, text: new TextDecoder().decode(chunk.bytes) };
}

/** The page's autosave record, as project-controller.ts writes it. */
function autosaveRecord(projectText: string, name: string, handle: string | undefined): string {
  const project = JSON.parse(projectText) as unknown;
  return JSON.stringify({ kind: 'hinge-autosave', project, name, ...(handle ? { handle } : {}), dirty: true, closed: false, at: '2026-12-05T22:00:00.000Z' });
}

/** The page restores the autosave: the record as the main process hands it over. */
async function restore(run: Run): Promise<{ text: string; record: { handle?: string; project: unknown; name: string } }> {
  const text = (await run.invoke('autosaveRead')) as string;
  expect(channels.autosaveRead.response.parse(text)).toBe(text);
  return { text, record: JSON.parse(text) as { handle?: string; project: unknown; name: string } };
}

const save = (run: Run, text: string, name: string, handle?: string) =>
  run.invoke('saveFile', { bytes: new TextEncoder().encode(text), suggestedName: name, ...(handle ? { handle } : {}) });

describe('Save after a restart that restored the autosave', () => {
  it('writes the edit back to the project opened before the restart, atomically, without asking', async () => {
    const project = join(dir, 'work', 'model.hinge');
    await fsp.mkdir(join(dir, 'work'));
    await fsp.writeFile(project, SAMPLE, { mode: 0o600 });

    const first = await startHinge([project]);
    const opened = await openPendingProject(first);
    expect(opened.text).toBe(SAMPLE);
    const edit = edited(7.25);
    expect(await first.invoke('autosaveWrite', autosaveRecord(edit, 'model.hinge', opened.handle))).toEqual({ status: 'saved' });
    // Hinge quits without saving (or crashes): the file still has the old text.
    expect(await fsp.readFile(project, 'utf8')).toBe(SAMPLE);

    const second = await startHinge();
    const { text, record } = await restore(second);
    // A handle of this run for the same file; no path ever reaches the page.
    expect(record.handle).toMatch(/^[0-9a-f]{32}$/);
    expect(record.handle).not.toBe(opened.handle);
    expect(text).not.toContain(dir);
    expect(record).toEqual({ ...(JSON.parse(autosaveRecord(edit, 'model.hinge', opened.handle)) as object), handle: record.handle });
    expect(await save(second, serializeProject(parseProject(JSON.stringify(record.project))), 'model.hinge', record.handle)).toEqual({
      status: 'saved',
      name: 'model.hinge',
      handle: record.handle,
    });
    expect(cellOf(await fsp.readFile(project, 'utf8'))).toBe(7.25);
    expect((await fsp.stat(project)).mode & 0o777).toBe(0o600); // replaced as atomic-write does: mode kept
    expect(await fsp.readdir(join(dir, 'work'))).toEqual(['model.hinge']); // no temp file left
    expect(second.fake.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(second.fake.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('writes back to a project first saved through the dialog, across two restarts', async () => {
    const project = join(dir, 'saved.hinge');
    const first = await startHinge();
    first.fake.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: project });
    const saved = (await save(first, SAMPLE, 'Untitled.hinge')) as { handle: string };
    await first.invoke('autosaveWrite', autosaveRecord(edited(1), 'saved.hinge', saved.handle));

    const second = await startHinge();
    const restored = (await restore(second)).record;
    // The page autosaves again with this run's handle; the link follows it.
    await second.invoke('autosaveWrite', autosaveRecord(edited(2), 'saved.hinge', restored.handle));

    const third = await startHinge();
    const again = (await restore(third)).record;
    expect(again.handle).not.toBe(restored.handle);
    expect(await save(third, edited(3), 'saved.hinge', again.handle)).toMatchObject({ status: 'saved', name: 'saved.hinge' });
    expect(cellOf(await fsp.readFile(project, 'utf8'))).toBe(3);
    expect(third.fake.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('a second window of the same run restores the same file and saves to it', async () => {
    const project = join(dir, 'model.hinge');
    await fsp.writeFile(project, SAMPLE);
    const run = await startHinge([project]);
    const opened = await openPendingProject(run);
    await run.invoke('autosaveWrite', autosaveRecord(edited(4), 'model.hinge', opened.handle));
    // The window closes (its page was not dirty as far as main knows); macOS keeps the app and
    // opens a new window on activate, whose page restores the autosave.
    run.windowNow().close();
    run.fake.app.emit('activate');
    expect(run.FakeBrowserWindow.instances).toHaveLength(2);
    const { record } = await restore(run);
    expect(await save(run, edited(5), 'model.hinge', record.handle)).toMatchObject({ status: 'saved', name: 'model.hinge' });
    expect(cellOf(await fsp.readFile(project, 'utf8'))).toBe(5);
    expect(run.fake.dialog.showSaveDialog).not.toHaveBeenCalled();
  });
});

describe('when the file is gone or its path was never kept', () => {
  async function autosavedThenRestarted(): Promise<{ project: string; run: Run; handle: string }> {
    const project = join(dir, 'work', 'model.hinge');
    await fsp.mkdir(join(dir, 'work'));
    await fsp.writeFile(project, SAMPLE);
    const first = await startHinge([project]);
    const opened = await openPendingProject(first);
    await first.invoke('autosaveWrite', autosaveRecord(edited(6), 'model.hinge', opened.handle));
    return { project, run: first, handle: opened.handle };
  }

  it('moved since: Save says so and asks where (Save As…), in the old folder, and writes there', async () => {
    const { project } = await autosavedThenRestarted();
    const moved = join(dir, 'work', 'renamed.hinge');
    await fsp.rename(project, moved);
    const run = await startHinge();
    const { record } = await restore(run);
    const chosen = join(dir, 'work', 'chosen.hinge');
    run.fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    run.fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: chosen });
    const result = (await save(run, edited(6), 'model.hinge', record.handle)) as { status: string; name: string; handle: string };
    expect(result).toMatchObject({ status: 'saved', name: 'chosen.hinge' });
    expect(result.handle).not.toBe(record.handle);
    const [window, question] = run.fake.dialog.showMessageBox.mock.calls[0] ?? [];
    expect(window).toBe(run.windowNow());
    expect(question).toMatchObject({
      type: 'warning',
      message: '“model.hinge” is no longer where Hinge saved it.',
      detail: `It was moved, renamed or deleted since (it was in ${join(dir, 'work')}). Choose where to save it now.`,
      buttons: ['Save As…', 'Cancel'],
    });
    expect(run.fake.dialog.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({ title: 'Save project', defaultPath: project });
    expect(cellOf(await fsp.readFile(chosen, 'utf8'))).toBe(6);
    expect(await fsp.readFile(moved, 'utf8')).toBe(SAMPLE); // the moved file is left alone
    expect(await fsp.readdir(join(dir, 'work'))).toEqual(['chosen.hinge', 'renamed.hinge']); // no stray model.hinge
    // From then on Save goes to the chosen file without asking.
    expect(await save(run, edited(8), 'chosen.hinge', result.handle)).toMatchObject({ status: 'saved', name: 'chosen.hinge' });
    expect(cellOf(await fsp.readFile(chosen, 'utf8'))).toBe(8);
    expect(run.fake.dialog.showSaveDialog).toHaveBeenCalledTimes(1);
  });

  it('deleted with its folder: Cancel writes nothing; Save As… opens in Documents', async () => {
    const { project } = await autosavedThenRestarted();
    await fsp.rm(join(dir, 'work'), { recursive: true });
    const run = await startHinge();
    const { record } = await restore(run);
    run.fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    expect(await save(run, edited(6), 'model.hinge', record.handle)).toEqual({ status: 'canceled' });
    expect(run.fake.dialog.showSaveDialog).not.toHaveBeenCalled();
    run.fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    run.fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await save(run, edited(6), 'model.hinge', record.handle)).toEqual({ status: 'canceled' });
    expect(run.fake.dialog.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({ defaultPath: join(dir, 'documents', basename(project)) });
    expect(await fsp.readdir(dir)).toEqual(['userData']);
  });

  it('an autosave of an older Hinge (a handle, no kept path) still restores, without the dead handle: Save asks where', async () => {
    const deadHandle = 'c'.repeat(32);
    const old = autosaveRecord(edited(9), 'model.hinge', deadHandle);
    await fsp.mkdir(userData);
    await fsp.writeFile(join(userData, 'autosave.json'), old);
    const run = await startHinge();
    const { record } = await restore(run);
    const { handle: _dead, ...withoutHandle } = JSON.parse(old) as Record<string, unknown>;
    expect(record).toEqual(withoutHandle);
    // The page saves without a handle, which is Save As.
    const chosen = join(dir, 'model.hinge');
    run.fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: chosen });
    expect(await save(run, edited(9), 'model.hinge', record.handle)).toMatchObject({ status: 'saved', name: 'model.hinge' });
    expect(cellOf(await fsp.readFile(chosen, 'utf8'))).toBe(9);
  });

  it('a link kept for another handle (a crash between its write and the autosave) is not used', async () => {
    await autosavedThenRestarted();
    const kept = join(userData, 'autosave-project.json');
    const link = JSON.parse(await fsp.readFile(kept, 'utf8')) as { handle: string };
    await fsp.writeFile(kept, JSON.stringify({ ...link, handle: 'd'.repeat(32) }));
    const run = await startHinge();
    expect((await restore(run)).record.handle).toBeUndefined();
  });

  it('a damaged or foreign link file is ignored, and the record restores without a handle', async () => {
    const { handle } = await autosavedThenRestarted();
    const kept = join(userData, 'autosave-project.json');
    for (const content of ['{"version":1,"handle":"', JSON.stringify({ version: 1, handle, path: 'relative/model.hinge' }), JSON.stringify({ version: 1, handle, path: join(dir, 'w.npy') })]) {
      await fsp.writeFile(kept, content);
      const run = await startHinge();
      expect((await restore(run)).record.handle).toBeUndefined();
    }
  });
});

describe('only the main process names the path', () => {
  it('keeps no path for a handle of an opened weights file or of an exported image', async () => {
    const weights = join(dir, 'w.npy');
    await fsp.writeFile(weights, 'NUMPY');
    const run = await startHinge([weights]);
    const [file] = (await vi.waitFor(async () => {
      const list = (await run.invoke('pendingFiles')) as PendingFile[];
      expect(list).toHaveLength(1);
      return list;
    }, { timeout: 60_000 })) as PendingFile[];
    await run.invoke('autosaveWrite', autosaveRecord(edited(1), 'w', file!.id));
    run.fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(dir, 'figure.png') });
    const png = (await run.invoke('saveFile', { bytes: Uint8Array.of(1), suggestedName: 'figure.png' })) as { handle: string };
    await run.invoke('autosaveWrite', autosaveRecord(edited(1), 'figure', png.handle));
    await expect(fsp.stat(join(userData, 'autosave-project.json'))).rejects.toThrow(/ENOENT/);
    const next = await startHinge();
    expect((await restore(next)).record.handle).toBeUndefined();
  });

  it('a record without a handle is handed back exactly as written', async () => {
    const run = await startHinge();
    const record = autosaveRecord(edited(2), 'untitled', undefined);
    await run.invoke('autosaveWrite', record);
    const next = await startHinge();
    expect((await restore(next)).text).toBe(record);
  });
});
