import * as fsp from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeWriteError, writeFileAtomic, type AtomicWriteFs } from '../../electron/export.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8]);
const FULL = 'The disk is full.';
const NO_PERMISSION = 'Hinge may not write to that folder (read-only or no permission).';
const FOLDER = 'That path is a folder, not a file.';
const MISSING = 'That folder does not exist.';
const isRoot = process.getuid?.() === 0;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hinge-export-'));
});
afterEach(async () => {
  await fsp.chmod(dir, 0o755).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

type Step = 'stat' | 'open' | 'write' | 'sync' | 'close' | 'rename';

/** The real file system, except that `step` fails with `code` (a failed write first writes half). */
function failingFs(step: Step, code: string): AtomicWriteFs {
  return {
    stat: (path) => (step === 'stat' ? Promise.reject(errno(code)) : fsp.stat(path)),
    async open(path, flags, mode) {
      if (step === 'open') throw errno(code);
      const handle = await fsp.open(path, flags, mode);
      return {
        async writeFile(data) {
          if (step !== 'write') return handle.writeFile(data);
          await handle.writeFile(data.subarray(0, data.length >> 1)); // a real partial temp file
          throw errno(code);
        },
        sync: () => (step === 'sync' ? Promise.reject(errno(code)) : handle.sync()),
        async close() {
          await handle.close();
          if (step === 'close') throw errno(code);
        },
      };
    },
    rename: (from, to) => (step === 'rename' ? Promise.reject(errno(code)) : fsp.rename(from, to)),
    rm: (path, options) => fsp.rm(path, options),
  };
}

describe('writeFileAtomic on the real file system', () => {
  it('writes exactly the bytes and leaves no temp file', async () => {
    const target = join(dir, 'matrix.png');
    expect(await writeFileAtomic(target, PNG)).toEqual({ status: 'saved', path: target });
    expect(new Uint8Array(await fsp.readFile(target))).toEqual(PNG);
    expect(await fsp.readdir(dir)).toEqual(['matrix.png']);
  });

  it('replaces an existing file completely', async () => {
    const target = join(dir, 'matrix.png');
    await fsp.writeFile(target, new Uint8Array(1000).fill(7));
    expect((await writeFileAtomic(target, PNG)).status).toBe('saved');
    expect(new Uint8Array(await fsp.readFile(target))).toEqual(PNG);
    expect(await fsp.readdir(dir)).toEqual(['matrix.png']);
  });

  it('refuses a target that is a folder and leaves it alone', async () => {
    const target = join(dir, 'looks-like-a-file.png');
    await fsp.mkdir(target);
    await fsp.writeFile(join(target, 'inside.txt'), 'keep');
    expect(await writeFileAtomic(target, PNG)).toEqual({ status: 'failed', reason: FOLDER });
    expect(await fsp.readdir(dir)).toEqual(['looks-like-a-file.png']);
    expect(await fsp.readFile(join(target, 'inside.txt'), 'utf8')).toBe('keep');
  });

  it('says so when the folder does not exist', async () => {
    const target = join(dir, 'gone', 'matrix.png');
    expect(await writeFileAtomic(target, PNG)).toEqual({ status: 'failed', reason: MISSING });
    expect(await fsp.readdir(dir)).toEqual([]);
  });

  it('says so when a parent is a file, not a folder', async () => {
    await fsp.writeFile(join(dir, 'plain'), 'x');
    expect(await writeFileAtomic(join(dir, 'plain', 'matrix.png'), PNG)).toEqual({ status: 'failed', reason: MISSING });
  });

  // chmod cannot stop root from writing; the simulated EACCES/EROFS cases below cover root runs.
  it.skipIf(isRoot)('refuses a read-only folder and leaves nothing behind', async () => {
    await fsp.chmod(dir, 0o555);
    const target = join(dir, 'matrix.png');
    expect(await writeFileAtomic(target, PNG)).toEqual({ status: 'failed', reason: NO_PERMISSION });
    await fsp.chmod(dir, 0o755);
    expect(await fsp.readdir(dir)).toEqual([]);
  });
});

describe('writeFileAtomic when a step fails', () => {
  const cases: { step: Step; code: string; reason: string }[] = [
    { step: 'write', code: 'ENOSPC', reason: FULL },
    { step: 'write', code: 'EDQUOT', reason: FULL },
    { step: 'sync', code: 'ENOSPC', reason: FULL },
    { step: 'close', code: 'ENOSPC', reason: FULL },
    { step: 'open', code: 'EACCES', reason: NO_PERMISSION },
    { step: 'open', code: 'EROFS', reason: NO_PERMISSION },
    { step: 'open', code: 'EPERM', reason: NO_PERMISSION },
    { step: 'rename', code: 'EPERM', reason: NO_PERMISSION },
    { step: 'rename', code: 'EISDIR', reason: FOLDER },
    { step: 'stat', code: 'EACCES', reason: NO_PERMISSION },
    { step: 'write', code: 'EIO', reason: 'EIO: EIO: simulated' },
  ];

  for (const { step, code, reason } of cases) {
    it(`${code} at ${step}: "${reason}", no file at the target, no temp file`, async () => {
      const target = join(dir, 'matrix.png');
      expect(await writeFileAtomic(target, PNG, failingFs(step, code))).toEqual({ status: 'failed', reason });
      expect(await fsp.readdir(dir)).toEqual([]);
    });

    it(`${code} at ${step}: an existing file keeps its old content`, async () => {
      const target = join(dir, 'matrix.png');
      await fsp.writeFile(target, 'old');
      expect((await writeFileAtomic(target, PNG, failingFs(step, code))).status).toBe('failed');
      expect(await fsp.readFile(target, 'utf8')).toBe('old');
      expect(await fsp.readdir(dir)).toEqual(['matrix.png']);
    });
  }

  it('never reuses an existing temp name (exclusive create)', async () => {
    const opened: string[] = [];
    const spy: AtomicWriteFs = { ...failingFs('stat', 'none'), stat: fsp.stat, open: (p, f, m) => (opened.push(f), fsp.open(p, f, m)) };
    expect((await writeFileAtomic(join(dir, 'a.png'), PNG, spy)).status).toBe('saved');
    expect(opened).toEqual(['wx']);
  });
});

describe('describeWriteError', () => {
  it('names unknown errors by code and message', () => {
    expect(describeWriteError(errno('EMFILE'))).toBe('EMFILE: EMFILE: simulated');
    expect(describeWriteError(new Error('plain'))).toBe('plain');
    expect(describeWriteError('text')).toBe('text');
  });
});
