import * as fsp from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_PENDING_FILES, pendingFiles } from '../../src/ipc/contract.js';
import { HandleRegistry } from '../../electron/file-handles.js';
import { fileArgumentsOf, launchRequest, localPath, OpenFileQueue } from '../../electron/open-files.js';

describe('fileArgumentsOf', () => {
  it.each([
    ['a packaged launch', ['/opt/Hinge/hinge', 'model.hinge', 'weights.npy'], false, ['model.hinge', 'weights.npy']],
    ['no files', ['/opt/Hinge/hinge'], false, []],
    ['switches Chromium adds', ['/opt/Hinge/hinge', '--no-sandbox', 'a.npy', '--enable-features=X', '-v'], false, ['a.npy']],
    ['a file that looks like a switch after --', ['/opt/Hinge/hinge', '--', '-odd.npy', '--x.hinge'], false, ['-odd.npy', '--x.hinge']],
    ['an unpackaged run (electron <app> …)', ['electron', 'out/main/main.js', 'w.npy'], true, ['w.npy']],
    ['an unpackaged run with switches first', ['electron', '--inspect=0', 'out/main/main.js', 'w.npy'], true, ['w.npy']],
  ])('%s', (_label, argv, defaultApp, files) => {
    expect(fileArgumentsOf(argv, { defaultApp })).toEqual(files);
  });
});

describe('launchRequest (what a second instance hands over)', () => {
  it('accepts files and a folder, nothing else', () => {
    expect(launchRequest.safeParse({ files: ['a.npy'], cwd: '/home/me' }).success).toBe(true);
    for (const bad of [null, 'a.npy', { files: 'a.npy', cwd: '/' }, { files: [], cwd: '' }, { files: [], cwd: '/', run: 'rm' }, { files: Array(100).fill('a.npy'), cwd: '/' }]) {
      expect(launchRequest.safeParse(bad).success, JSON.stringify(bad)?.slice(0, 60)).toBe(false);
    }
  });
});

let dir: string;
let queue: OpenFileQueue;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hinge-open-'));
  queue = new OpenFileQueue();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function file(name: string, content: string | Uint8Array = 'x'): Promise<string> {
  const path = join(dir, name);
  await fsp.writeFile(path, content);
  return path;
}

describe('OpenFileQueue.add', () => {
  it('queues good files by id, base name and size; relative paths against the given folder', async () => {
    await file('weights.npy', 'NUMPY');
    await file('Model.HINGE', '{}');
    const { added, refused } = await queue.add(['weights.npy', join(dir, 'Model.HINGE')], dir);
    expect(refused).toEqual([]);
    expect(added.map(({ name, size }) => ({ name, size }))).toEqual([{ name: 'weights.npy', size: 5 }, { name: 'Model.HINGE', size: 2 }]);
    expect(pendingFiles.parse(queue.list())).toEqual(added);
    expect(new Set(added.map((f) => f.id)).size).toBe(2);
    for (const { id } of added) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('does not queue the same file twice', async () => {
    await file('w.npy');
    const first = await queue.add(['w.npy'], dir);
    const second = await queue.add([join(dir, 'w.npy')], '/');
    expect(second.added).toEqual(first.added);
    expect(queue.list()).toHaveLength(1);
  });

  it.each([
    ['a missing file', 'gone.npy', 'The file does not exist or cannot be read.'],
    ['a folder', 'folder.npy', 'That is not a file.'],
    ['an unknown type', 'notes.txt', 'Hinge opens .hinge, .npy, .safetensors, .csv, .tsv, .png files.'],
    ['no extension', 'README', 'Hinge opens .hinge, .npy, .safetensors, .csv, .tsv, .png files.'],
  ])('refuses %s and says why', async (_label, name, reason) => {
    await fsp.mkdir(join(dir, 'folder.npy'));
    await file('notes.txt');
    await file('README');
    expect(await queue.add([name], dir)).toEqual({ added: [], refused: [{ path: name, reason }] });
    expect(queue.list()).toEqual([]);
  });

  it('refuses a file over 1 GiB after stat, without reading it', async () => {
    const big = join(dir, 'huge.safetensors');
    const handle = await fsp.open(big, 'w');
    await handle.truncate(1024 ** 3 + 1); // sparse
    await handle.close();
    expect((await queue.add([big], dir)).refused).toEqual([{ path: big, reason: 'The file is larger than 1 GiB.' }]);
    const exact = join(dir, 'exact.safetensors');
    const h2 = await fsp.open(exact, 'w');
    await h2.truncate(1024 ** 3);
    await h2.close();
    expect((await queue.add([exact], dir)).added).toHaveLength(1);
  });

  it(`holds at most ${MAX_PENDING_FILES} files`, async () => {
    const names = await Promise.all(Array.from({ length: MAX_PENDING_FILES + 2 }, (_v, i) => file(`f${i}.npy`)));
    const { added, refused } = await queue.add(names, dir);
    expect(added).toHaveLength(MAX_PENDING_FILES);
    expect(refused.map((r) => r.reason)).toEqual([`Hinge is already opening ${MAX_PENDING_FILES} files.`, `Hinge is already opening ${MAX_PENDING_FILES} files.`]);
  });

  it('follows a symbolic link to a good file, and refuses one to a folder', async () => {
    const target = await file('real.npy', 'abc');
    await fsp.symlink(target, join(dir, 'link.npy'));
    await fsp.mkdir(join(dir, 'd'));
    await fsp.symlink(join(dir, 'd'), join(dir, 'dirlink.npy'));
    const { added, refused } = await queue.add(['link.npy', 'dirlink.npy'], dir);
    expect(added.map((f) => [f.name, f.size])).toEqual([['link.npy', 3]]);
    expect(refused).toEqual([{ path: 'dirlink.npy', reason: 'That is not a file.' }]);
  });
});

describe('OpenFileQueue: files from the desktop, handles and the recent list', () => {
  it('opens a file:// URL (a Linux desktop launches `hinge %U`) as its local path, and refuses a remote one', async () => {
    const path = await file('my model.hinge', '{}');
    const { added, refused } = await queue.add([pathToFileURL(path).href, 'file://server/share/x.hinge'], '/');
    expect(added.map((f) => f.name)).toEqual(['my model.hinge']);
    expect(refused).toEqual(process.platform === 'win32' ? [] : [{ path: 'file://server/share/x.hinge', reason: 'Hinge opens files on this computer only.' }]);
    expect(localPath('a.npy', '/data')).toBe(join('/data', 'a.npy'));
  });

  it('makes each id a handle of its file (it outlives release) and reports each queued path', async () => {
    const handles = new HandleRegistry();
    const onQueued = vi.fn();
    const q = new OpenFileQueue({ handles, onQueued });
    const path = await file('p.hinge', '{}');
    const { added } = await q.add(['p.hinge'], dir);
    const id = added[0]!.id;
    expect(q.release(id)).toBe(true);
    expect(handles.pathOf(id, 'file')).toBe(path);
    expect(onQueued.mock.calls).toEqual([[path]]);
  });

  it('gives a file opened again after release a fresh id; one still queued keeps its id but is measured again', async () => {
    const q = new OpenFileQueue();
    await file('p.hinge', '{}');
    const first = (await q.add(['p.hinge'], dir)).added[0]!;
    await fsp.writeFile(join(dir, 'p.hinge'), '{"saved":true}');
    const again = (await q.add(['p.hinge'], dir)).added[0]!;
    expect(again).toEqual({ id: first.id, name: 'p.hinge', size: 14 });
    expect(await q.read(first.id, 0, 100)).toEqual({ status: 'read', bytes: new TextEncoder().encode('{"saved":true}') });
    q.release(first.id);
    expect((await q.add(['p.hinge'], dir)).added[0]!.id).not.toBe(first.id);
  });

  it(`re-opening a queued file is not refused when ${MAX_PENDING_FILES} are waiting`, async () => {
    const q = new OpenFileQueue();
    const names = await Promise.all(Array.from({ length: MAX_PENDING_FILES }, (_v, i) => file(`g${i}.npy`)));
    await q.add(names, dir);
    expect((await q.add([names[0]!], dir)).refused).toEqual([]);
  });
});

describe('OpenFileQueue.read', () => {
  const content = Uint8Array.from({ length: 1000 }, (_v, i) => i % 251);

  async function queued(): Promise<string> {
    await file('w.npy', content);
    const { added } = await queue.add(['w.npy'], dir);
    return added[0]!.id;
  }

  it('reads the file in chunks that join to the whole', async () => {
    const id = await queued();
    const parts: Uint8Array[] = [];
    for (let offset = 0; offset < 1000; offset += 300) {
      const chunk = await queue.read(id, offset, 300);
      if (chunk.status !== 'read') throw new Error(chunk.reason);
      parts.push(chunk.bytes);
    }
    expect(parts.map((p) => p.length)).toEqual([300, 300, 300, 100]);
    expect(new Uint8Array(Buffer.concat(parts))).toEqual(content);
    expect(await queue.read(id, 1000, 10)).toEqual({ status: 'read', bytes: new Uint8Array(0) });
  });

  it('refuses an unknown id and a range past the end', async () => {
    const id = await queued();
    expect(await queue.read('f'.repeat(32), 0, 1)).toEqual({ status: 'failed', reason: 'Hinge has no such file open.' });
    expect(await queue.read(id, 1001, 1)).toEqual({ status: 'failed', reason: 'That range lies past the end of the file.' });
  });

  it('refuses a file that changed or vanished since it was opened', async () => {
    const id = await queued();
    await fsp.appendFile(join(dir, 'w.npy'), 'more');
    expect(await queue.read(id, 0, 10)).toEqual({ status: 'failed', reason: 'The file changed on disk after Hinge opened it; open it again.' });
    await fsp.rm(join(dir, 'w.npy'));
    expect(await queue.read(id, 0, 10)).toEqual({ status: 'failed', reason: 'The file could not be read (ENOENT).' });
  });

  it('release forgets the file', async () => {
    const id = await queued();
    expect(queue.release(id)).toBe(true);
    expect(queue.release(id)).toBe(false);
    expect(queue.list()).toEqual([]);
  });
});
