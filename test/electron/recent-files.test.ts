import * as fsp from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_RECENT_FILES } from '../../src/ipc/contract.js';
import { HandleRegistry, isProjectPath } from '../../electron/file-handles.js';
import { RecentFiles } from '../../electron/recent-files.js';

let dir: string;
let listFile: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hinge-recent-'));
  listFile = join(dir, 'userData', 'recent-projects.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function project(name: string): Promise<string> {
  const path = join(dir, name);
  await fsp.writeFile(path, '{}');
  return path;
}

describe('RecentFiles', () => {
  it('keeps projects newest first and persists them atomically for the next run', async () => {
    const a = await project('a.hinge');
    const b = await project('b.hinge');
    const recent = new RecentFiles(listFile);
    expect(await recent.list()).toEqual([]);
    expect(await recent.add(a)).toBe(true);
    expect(await recent.add(b)).toBe(true);
    expect(await recent.list()).toEqual([b, a]);
    expect(JSON.parse(await fsp.readFile(listFile, 'utf8'))).toEqual({ version: 1, paths: [b, a] });
    expect(await fsp.readdir(join(dir, 'userData'))).toEqual(['recent-projects.json']); // no temp file
    expect(await new RecentFiles(listFile).list()).toEqual([b, a]);
  });

  it('lists a project once: opening it again moves it to the top', async () => {
    const a = await project('a.hinge');
    const b = await project('b.hinge');
    const recent = new RecentFiles(listFile, { platform: 'linux' });
    await recent.add(a);
    await recent.add(b);
    await recent.add(join(dir, '.', 'a.hinge'));
    expect(await recent.list()).toEqual([a, b]);
  });

  it('compares paths without case on macOS and Windows, with case on Linux', async () => {
    const a = await project('Model.hinge');
    const mac = new RecentFiles(join(dir, 'mac.json'), { platform: 'darwin' });
    await mac.add(a);
    await mac.add(a.replace('Model', 'model'));
    expect(await mac.has(a)).toBe(true);
    expect(JSON.parse(await fsp.readFile(join(dir, 'mac.json'), 'utf8')).paths).toEqual([a.replace('Model', 'model')]);
    const linux = new RecentFiles(join(dir, 'linux.json'), { platform: 'linux' });
    await linux.add(a);
    await linux.add(a.replace('Model', 'model'));
    expect(JSON.parse(await fsp.readFile(join(dir, 'linux.json'), 'utf8')).paths).toHaveLength(2);
  });

  it(`keeps the newest ${MAX_RECENT_FILES}`, async () => {
    const recent = new RecentFiles(listFile);
    const paths: string[] = [];
    for (let i = 0; i < MAX_RECENT_FILES + 3; i++) {
      paths.push(await project(`p${i}.hinge`));
      await recent.add(paths[i]!);
    }
    expect(await recent.list()).toEqual(paths.slice(3).reverse());
  });

  it('takes only .hinge projects', async () => {
    const recent = new RecentFiles(listFile);
    expect(await recent.add(join(dir, 'w.npy'))).toBe(false);
    expect(await recent.add(join(dir, 'figure.png'))).toBe(false);
    expect(await recent.add(await project('UPPER.HINGE'))).toBe(true);
    expect((await recent.list()).map((p) => p.slice(dir.length + 1))).toEqual(['UPPER.HINGE']);
    expect([isProjectPath('a.hinge'), isProjectPath('a.hinge.png'), isProjectPath('hinge')]).toEqual([true, false, false]);
  });

  it('drops projects that no longer exist when listed, and remembers that', async () => {
    const a = await project('a.hinge');
    const b = await project('b.hinge');
    const recent = new RecentFiles(listFile);
    await recent.add(a);
    await recent.add(b);
    const changed = vi.fn();
    recent.onChange(changed);
    await fsp.rm(a);
    expect(await recent.list()).toEqual([b]);
    expect(changed).toHaveBeenCalledTimes(1);
    expect(JSON.parse(await fsp.readFile(listFile, 'utf8')).paths).toEqual([b]);
    await fsp.rm(b);
    await fsp.mkdir(b); // a folder where the project was is no project
    expect(await recent.list()).toEqual([]);
  });

  it.each([
    ['not JSON', '{"version":1,"paths":['],
    ['another version', JSON.stringify({ version: 2, paths: ['/a.hinge'] })],
    ['paths that are not strings', JSON.stringify({ version: 1, paths: [42] })],
    ['relative paths', JSON.stringify({ version: 1, paths: ['a.hinge'] })],
    ['an extra key', JSON.stringify({ version: 1, paths: [], extra: true })],
    ['a bare list', JSON.stringify(['/a.hinge'])],
    ['an oversized file', JSON.stringify({ version: 1, paths: [`/${'x'.repeat(70_000)}.hinge`] })],
  ])('ignores a damaged list (%s): starts empty, and the next change replaces it', async (_label, content) => {
    await fsp.mkdir(join(dir, 'userData'));
    await fsp.writeFile(listFile, content);
    const recent = new RecentFiles(listFile);
    expect(await recent.list()).toEqual([]);
    const a = await project('a.hinge');
    await recent.add(a);
    expect(JSON.parse(await fsp.readFile(listFile, 'utf8'))).toEqual({ version: 1, paths: [a] });
  });

  it('reads a hand-edited list with duplicates, other files and too many entries into a clean one', async () => {
    const paths = await Promise.all(Array.from({ length: MAX_RECENT_FILES + 2 }, (_v, i) => project(`h${i}.hinge`)));
    await fsp.mkdir(join(dir, 'userData'));
    await fsp.writeFile(listFile, JSON.stringify({ version: 1, paths: [paths[0], paths[0], join(dir, 'w.npy'), ...paths.slice(1)] }));
    expect(await new RecentFiles(listFile).list()).toEqual(paths.slice(0, MAX_RECENT_FILES));
  });

  it('clear empties the list and tells the platform; add tells it too', async () => {
    const added = vi.fn();
    const cleared = vi.fn();
    const changed = vi.fn();
    const recent = new RecentFiles(listFile, { added, cleared });
    recent.onChange(changed);
    const a = await project('a.hinge');
    await recent.add(a);
    expect(added).toHaveBeenCalledWith(a);
    await recent.clear();
    expect(cleared).toHaveBeenCalledTimes(1);
    expect(await recent.list()).toEqual([]);
    expect(await new RecentFiles(listFile).list()).toEqual([]);
    expect(changed).toHaveBeenCalledTimes(2);
  });

  it('a list that cannot be written is no error: it still works for this run', async () => {
    await fsp.writeFile(join(dir, 'userData'), 'a file where the folder should be');
    const recent = new RecentFiles(listFile);
    const a = await project('a.hinge');
    expect(await recent.add(a)).toBe(true);
    expect(await recent.list()).toEqual([a]);
  });
});

describe('HandleRegistry', () => {
  it('gives one opaque handle per path and kind, and the path back only for that kind', () => {
    const handles = new HandleRegistry();
    const file = handles.handleFor('file', '/home/me/a.hinge');
    expect(file).toMatch(/^[0-9a-f]{32}$/);
    expect(handles.handleFor('file', '/home/me/x/../a.hinge')).toBe(file);
    const folder = handles.handleFor('folder', '/home/me/a.hinge');
    expect(folder).not.toBe(file);
    expect(handles.pathOf(file, 'file')).toBe('/home/me/a.hinge');
    expect(handles.pathOf(file, 'folder')).toBeUndefined();
    expect(handles.pathOf(folder, 'folder')).toBe('/home/me/a.hinge');
    expect(handles.pathOf('b'.repeat(32), 'file')).toBeUndefined();
  });

  it('adopts a pending project id as a file handle, but never re-points one in use', () => {
    const handles = new HandleRegistry();
    const id = 'c'.repeat(32);
    handles.adopt(id, '/data/p.hinge');
    handles.adopt(id, '/etc/passwd.hinge');
    handles.adopt('not-hex', '/data/x.hinge');
    expect(handles.pathOf(id, 'file')).toBe('/data/p.hinge');
    expect(handles.pathOf('not-hex', 'file')).toBeUndefined();
    const other = handles.handleFor('file', '/data/y.hinge');
    handles.adopt(other, '/etc/passwd');
    expect(handles.pathOf(other, 'file')).toBe('/data/y.hinge');
  });

  it('never makes the handle of an opened weights file or image writable (issue 13)', () => {
    const handles = new HandleRegistry();
    for (const [i, path] of ['/data/w.npy', '/data/m.safetensors', '/data/t.csv', '/data/t.tsv', '/data/view.png', '/etc/passwd'].entries()) {
      const id = String(i).repeat(32);
      handles.adopt(id, path);
      expect(handles.pathOf(id, 'file'), path).toBeUndefined();
    }
  });

  it('handles differ between runs: nothing is derived from the path', () => {
    expect(new HandleRegistry().handleFor('file', '/a.hinge')).not.toBe(new HandleRegistry().handleFor('file', '/a.hinge'));
  });
});
