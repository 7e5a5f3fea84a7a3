// The path behind the autosave's project handle, kept by the main process beside the autosave
// (electron/autosave-project.ts through AutosaveStore). Real files in a temp folder.
import * as fsp from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_AUTOSAVE_CHARS } from '../../src/ipc/contract.js';
import { AutosaveStore } from '../../electron/autosave.js';
import { readProjectLink, recordHandleOf, withRecordHandle } from '../../electron/autosave-project.js';
import { HandleRegistry } from '../../electron/file-handles.js';

const H = 'ab'.repeat(16);

describe('recordHandleOf', () => {
  it.each([
    ['a top-level handle', `{"kind":"hinge-autosave","handle":"${H}"}`, H],
    ['no handle', '{"kind":"hinge-autosave"}', undefined],
    ['a handle that is not 32 hex digits', '{"handle":"/home/me/a.hinge"}', undefined],
    ['upper-case hex', `{"handle":"${H.toUpperCase()}"}`, undefined],
    ['a handle deeper in the record', `{"project":{"handle":"${H}"}}`, undefined],
    ['an array', `[{"handle":"${H}"}]`, undefined],
    ['null', 'null', undefined],
    ['not JSON', '{"handle":', undefined],
  ])('%s', (_label, json, expected) => {
    expect(recordHandleOf(json)).toBe(expected);
  });
});

describe('withRecordHandle', () => {
  const record = `{"kind":"hinge-autosave","project":{"labs":{"svd":{"W":[[1,2]]}}},"name":"m.hinge","handle":"${H}","dirty":true}`;

  it('replaces the handle and keeps every other field', () => {
    const next = 'cd'.repeat(16);
    expect(JSON.parse(withRecordHandle(record, next))).toEqual({ ...JSON.parse(record), handle: next });
  });

  it('removes the handle when given none', () => {
    const { handle: _h, ...rest } = JSON.parse(record) as Record<string, unknown>;
    expect(JSON.parse(withRecordHandle(record, undefined))).toEqual(rest);
  });

  it('leaves what is not an object record, or would grow past the autosave limit, as it was', () => {
    expect(withRecordHandle('[1,2]', H)).toBe('[1,2]');
    expect(withRecordHandle('not json', H)).toBe('not json');
    // A record so near the limit that the handle would push it over.
    const padded = `{"pad":"${'\\u0001'.repeat(Math.floor(MAX_AUTOSAVE_CHARS / 6) - 2)}"}`;
    expect(padded.length).toBeLessThanOrEqual(MAX_AUTOSAVE_CHARS);
    expect(withRecordHandle(padded, H)).toBe(padded);
  });
});

describe('AutosaveStore with file handles', () => {
  let dir: string;
  let project: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hinge-autosave-project-'));
    project = join(dir, 'm.hinge');
    await fsp.writeFile(project, '{}');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const store = (handles: HandleRegistry) => new AutosaveStore(join(dir, 'userData', 'autosave.json'), handles);
  const record = (handle: string | undefined) => JSON.stringify({ kind: 'hinge-autosave', project: { labs: {} }, name: 'm.hinge', ...(handle ? { handle } : {}), dirty: true });

  it('writes the page text as it is, and the path behind a project handle beside it', async () => {
    const handles = new HandleRegistry();
    const handle = handles.handleFor('file', project);
    const autosave = store(handles);
    expect(await autosave.write(record(handle))).toEqual({ status: 'saved' });
    expect(await fsp.readFile(autosave.file, 'utf8')).toBe(record(handle));
    expect(autosave.projectLinkFile).toBe(join(dir, 'userData', 'autosave-project.json'));
    expect(JSON.parse(await fsp.readFile(autosave.projectLinkFile, 'utf8'))).toEqual({ version: 1, handle, path: project });
    expect(await readProjectLink(autosave.projectLinkFile)).toEqual({ handle, path: project });
  });

  it('writes the link only when it changes, not with every autosave', async () => {
    const handles = new HandleRegistry();
    const handle = handles.handleFor('file', project);
    const autosave = store(handles);
    await autosave.write(record(handle));
    const first = await fsp.stat(autosave.projectLinkFile);
    for (let i = 0; i < 3; i++) await autosave.write(record(handle));
    expect((await fsp.stat(autosave.projectLinkFile)).ino).toBe(first.ino); // an atomic rewrite makes a new inode
    const other = handles.handleFor('file', join(dir, 'other.hinge'));
    await autosave.write(record(other));
    expect(await readProjectLink(autosave.projectLinkFile)).toEqual({ handle: other, path: join(dir, 'other.hinge') });
  });

  it('a new run (new registry, new store) gets a handle of its own for the same path', async () => {
    const before = new HandleRegistry();
    const old = before.handleFor('file', project);
    await store(before).write(record(old));
    const after = new HandleRegistry();
    const restored = JSON.parse((await store(after).read())!) as { handle: string };
    expect(restored.handle).toMatch(/^[0-9a-f]{32}$/);
    expect(restored.handle).not.toBe(old);
    expect(after.pathOf(restored.handle, 'file')).toBe(project);
    expect(after.pathOf(old, 'file')).toBeUndefined();
  });

  it('keeps no path for a folder, a non-project file or an unknown handle; those handles do not survive a restart', async () => {
    const handles = new HandleRegistry();
    const autosave = store(handles);
    for (const handle of [handles.handleFor('folder', dir), handles.handleFor('file', join(dir, 'w.npy')), 'ef'.repeat(16)]) {
      await autosave.write(record(handle));
      await expect(fsp.stat(autosave.projectLinkFile)).rejects.toThrow(/ENOENT/);
      expect(JSON.parse((await store(new HandleRegistry()).read())!)).not.toHaveProperty('handle');
    }
  });

  it('without handles, it neither keeps a link nor touches the record (as before)', async () => {
    const plain = new AutosaveStore(join(dir, 'userData', 'autosave.json'));
    const text = record(H);
    await plain.write(text);
    expect(await plain.read()).toBe(text);
    await expect(fsp.stat(plain.projectLinkFile)).rejects.toThrow(/ENOENT/);
  });
});
