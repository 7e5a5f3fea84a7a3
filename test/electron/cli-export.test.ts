// `hinge --export out.png project.hinge`: the arguments, the export's course (ask the page once
// its project is open, exit when the PNG is written, give up after a timeout), and main.ts in
// export mode with Electron faked: no instance lock, a throwaway data folder, a window never
// shown, the project queued, Export PNG sent once the page reports the project, the PNG written
// where asked without a dialog, and exit code 0.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { channels, events } from '../../src/ipc/contract.js';
import { CliExport, parseExportArguments } from '../../electron/cli-export.js';
import { fake, FakeBrowserWindow } from './fake-electron.js';

const PNG_BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe('parseExportArguments', () => {
  const parse = (...args: string[]) => parseExportArguments(['/opt/Hinge/hinge', ...args], { defaultApp: false, cwd: '/work' });

  it('reads --export out.png project, relative to the working folder', () => {
    expect(parse('--export', 'out.png', 'lesson.hinge')).toEqual({ output: '/work/out.png', project: '/work/lesson.hinge' });
    expect(parse('lesson.hinge', '--export=/tmp/a.PNG')).toEqual({ output: '/tmp/a.PNG', project: '/work/lesson.hinge' });
    expect(parse('--export', 'o.png', 'view.png', '--some-chromium-switch')).toEqual({ output: '/work/o.png', project: '/work/view.png' });
    expect(parseExportArguments(['/x/electron', '/src/out/main/main.js', '--export', 'o.png', 'p.hinge'], { defaultApp: true, cwd: '/w' })).toEqual({ output: '/w/o.png', project: '/w/p.hinge' });
  });

  it('is not asked for without --export', () => {
    expect(parse('lesson.hinge')).toBeUndefined();
  });

  it('says what is wrong with a bad export command', () => {
    expect(parse('--export')).toMatchObject({ error: expect.stringMatching(/needs the PNG/) });
    expect(parse('--export', 'out.jpg', 'p.hinge')).toMatchObject({ error: expect.stringMatching(/\.png file, not “out\.jpg”/) });
    expect(parse('--export', 'out.png')).toMatchObject({ error: expect.stringMatching(/exactly one project to render \(0 given\)/) });
    expect(parse('--export', 'out.png', 'a.hinge', 'b.hinge')).toMatchObject({ error: expect.stringMatching(/2 given/) });
    expect(parse('--export', 'out.png', 'w.npy')).toMatchObject({ error: expect.stringMatching(/not “w\.npy”/) });
  });
});

describe('CliExport', () => {
  const request = { output: '/tmp/out.png', project: '/home/u/lesson.hinge' };

  it('asks once the page reports the project, and exits 0 when the PNG is written', () => {
    const hooks = { exportPng: vi.fn(), exit: vi.fn() };
    const run = new CliExport(request, hooks, 60_000);
    run.documentState({ name: null, dirty: false });
    expect(hooks.exportPng).not.toHaveBeenCalled();
    run.documentState({ name: 'lesson.hinge', dirty: false });
    run.documentState({ name: 'lesson.hinge', dirty: false });
    expect(hooks.exportPng).toHaveBeenCalledTimes(1);
    run.saved({ status: 'saved', path: '/tmp/out.png' });
    expect(hooks.exit).toHaveBeenCalledWith(0, 'Exported /tmp/out.png');
    run.failed('late');
    expect(hooks.exit).toHaveBeenCalledTimes(1);
  });

  it('exits 1 with the reason when the write fails, or after the timeout', () => {
    vi.useFakeTimers();
    try {
      const hooks = { exportPng: vi.fn(), exit: vi.fn() };
      new CliExport(request, hooks, 5_000).saved({ status: 'failed', reason: 'disk full' });
      expect(hooks.exit).toHaveBeenLastCalledWith(1, expect.stringContaining('disk full'));
      const slow = { exportPng: vi.fn(), exit: vi.fn() };
      new CliExport(request, slow, 5_000);
      vi.advanceTimersByTime(5_001);
      expect(slow.exit).toHaveBeenCalledWith(1, expect.stringMatching(/gave up after 5 s: “lesson\.hinge”/));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('main.ts with --export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hinge-cli-'));
  const project = join(dir, 'lesson.hinge');
  const output = join(dir, 'out.png');
  const argv = process.argv;

  beforeAll(async () => {
    writeFileSync(project, '{"format":"hinge-project"}');
    fake.reset();
    process.argv = [process.execPath, '--export', output, project];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await import('../../electron/main.js');
      fake.app.becomeReady();
      await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1), { timeout: 60_000 });
    } finally {
      process.argv = argv;
      stdout.mockRestore();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const win = () => FakeBrowserWindow.instances[0]!;
  const ownEvent = () => {
    win().webContents.mainFrame.url = 'app://hinge/index.html#/layer';
    return { sender: win().webContents, senderFrame: win().webContents.mainFrame };
  };

  it('runs beside an open Hinge in a throwaway data folder, and never shows its window', () => {
    expect(fake.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    const [[name, folder]] = fake.app.setPath.mock.calls as [string, string][];
    expect(name).toBe('userData');
    expect(folder).toContain('hinge-export-');
    expect(fake.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
    expect(win().options).toMatchObject({ show: false, webPreferences: { backgroundThrottling: false } });
    win().emit('ready-to-show');
    expect(win().shown).toBe(false);
  });

  it('queues the project, sends Export PNG once the page has it open, writes the PNG and exits 0', async () => {
    const pending = (await fake.invoke(channels.pendingFiles.name, ownEvent())) as { name: string }[];
    expect(pending.map((f) => f.name)).toEqual(['lesson.hinge']);
    await fake.invoke(channels.setDocumentState.name, ownEvent(), { name: null, dirty: false });
    expect(win().webContents.send).not.toHaveBeenCalledWith(events.menuCommand.name, 'exportPng');
    await fake.invoke(channels.setDocumentState.name, ownEvent(), { name: 'lesson.hinge', dirty: false });
    expect(win().webContents.send).toHaveBeenCalledWith(events.menuCommand.name, 'exportPng');
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const result = await fake.invoke(channels.savePng.name, ownEvent(), { bytes: PNG_BYTES, suggestedName: 'hinge-layer.png' });
      expect(result).toEqual({ status: 'saved', path: output });
      expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
      expect(readFileSync(output)).toEqual(Buffer.from(PNG_BYTES));
      expect(fake.app.exit).toHaveBeenCalledWith(0);
      expect(stdout).toHaveBeenCalledWith(`Exported ${output}\n`);
      const folder = (fake.app.setPath.mock.calls[0] as [string, string])[1];
      expect(existsSync(folder)).toBe(false); // the throwaway data folder is gone
    } finally {
      stdout.mockRestore();
    }
  });
});
