// Saving keeps the file what it was (issue 13): write-file-atomic under Hinge's checks, on the real
// file system. Faults are injected by making one call of node's `fs` (the one write-file-atomic
// uses) fail. Tests about permissions mean nothing to root, who ignores modes: when the suite runs
// as root, test/electron/as-non-root.test.ts runs this file again as `nobody`.
import { createRequire } from 'node:module';
import * as fsp from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { READ_ONLY_TARGET_REASON, describeWriteError, writeFileAtomic } from '../../electron/atomic-write.js';

/** node's `fs` as CommonJS sees it: the very object write-file-atomic calls, so a spy on it is seen. */
const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');

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
  vi.restoreAllMocks();
  await fsp.chmod(dir, 0o755).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

type Step = 'open' | 'write' | 'fsync' | 'rename';

/** Makes node's callback `fs.<step>` fail with `code` (a failed write first writes half, for real). */
function failAt(step: Step, code: string): void {
  if (step === 'write') {
    const real = fs.write;
    vi.spyOn(fs, 'write').mockImplementation(((fd: number, data: Uint8Array, offset: number, length: number, position: number, callback: (e: Error | null) => void) => {
      real(fd, data, offset, length >> 1, position, () => callback(errno(code)));
    }) as never);
    return;
  }
  vi.spyOn(fs, step).mockImplementation(((...args: unknown[]) => (args.at(-1) as (e: Error) => void)(errno(code))) as never);
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
    await fsp.writeFile(target, 'x'.repeat(1000));
    expect((await writeFileAtomic(target, PNG)).status).toBe('saved');
    expect(new Uint8Array(await fsp.readFile(target))).toEqual(PNG);
  });

  it('keeps the mode of the file it replaces: a 0600 project stays 0600', async () => {
    const target = join(dir, 'private.hinge');
    await fsp.writeFile(target, 'old');
    await fsp.chmod(target, 0o600);
    expect((await writeFileAtomic(target, PNG)).status).toBe('saved');
    expect((await fsp.stat(target)).mode & 0o777).toBe(0o600);
    await fsp.chmod(target, 0o640);
    expect((await writeFileAtomic(target, PNG)).status).toBe('saved');
    expect((await fsp.stat(target)).mode & 0o777).toBe(0o640);
  });

  it('writes through a symlink to its target, and the link stays a link', async () => {
    await fsp.mkdir(join(dir, 'real'));
    const real = join(dir, 'real', 'project.hinge');
    await fsp.writeFile(real, 'old');
    const link = join(dir, 'link.hinge');
    await fsp.symlink(real, link);
    expect(await writeFileAtomic(link, PNG)).toEqual({ status: 'saved', path: link });
    expect((await fsp.lstat(link)).isSymbolicLink()).toBe(true);
    expect(new Uint8Array(await fsp.readFile(real))).toEqual(PNG);
    expect((await fsp.readdir(dir)).sort()).toEqual(['link.hinge', 'real']);
    expect(await fsp.readdir(join(dir, 'real'))).toEqual(['project.hinge']);
  });

  it('refuses a read-only file with a clear message and leaves it as it was', async () => {
    const target = join(dir, 'locked.hinge');
    await fsp.writeFile(target, 'old');
    await fsp.chmod(target, 0o444);
    expect(await writeFileAtomic(target, PNG)).toEqual({ status: 'failed', reason: READ_ONLY_TARGET_REASON });
    expect(await fsp.readFile(target, 'utf8')).toBe('old');
    expect((await fsp.stat(target)).mode & 0o777).toBe(0o444);
    expect(await fsp.readdir(dir)).toEqual(['locked.hinge']);
  });

  it.each([
    ['255 ASCII characters', `${'n'.repeat(249)}.hinge`],
    ['255 bytes, of 3-byte characters', `${'€'.repeat(83)}.hinge`],
    ['244 characters, the longest the library names itself', `${'m'.repeat(238)}.hinge`],
  ])('works for a name at the file system\'s length limit (%s), new and replaced', async (_label, name) => {
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    const target = join(dir, name);
    expect((await writeFileAtomic(target, PNG)).status).toBe('saved');
    await fsp.chmod(target, 0o600);
    expect((await writeFileAtomic(target, Uint8Array.of(1, 2, 3))).status).toBe('saved');
    expect(new Uint8Array(await fsp.readFile(target))).toEqual(Uint8Array.of(1, 2, 3));
    expect((await fsp.stat(target)).mode & 0o777).toBe(0o600);
    expect(await fsp.readdir(dir)).toEqual([name]);
  });

  it('says so when the name is longer than the file system allows', async () => {
    const result = await writeFileAtomic(join(dir, `${'n'.repeat(256)}.png`), PNG);
    expect(result).toEqual({ status: 'failed', reason: 'That file name is too long for this disk.' });
    expect(await fsp.readdir(dir)).toEqual([]);
  });

  it('fsyncs the file and then its folder before reporting success', async () => {
    const fileSyncs = vi.spyOn(fs, 'fsync');
    const probe = await fsp.open(dir, 'r');
    const proto = Object.getPrototypeOf(probe) as { sync(): Promise<void> };
    await probe.close();
    const synced: boolean[] = [];
    const realSync = proto.sync;
    vi.spyOn(proto, 'sync').mockImplementation(async function (this: fsp.FileHandle) {
      synced.push((await this.stat()).isDirectory());
      return realSync.call(this);
    });
    expect((await writeFileAtomic(join(dir, 'a.png'), PNG)).status).toBe('saved');
    expect(fileSyncs).toHaveBeenCalledTimes(1);
    expect(synced).toEqual([true]);
  });

  it('refuses a target that is a folder and leaves it alone', async () => {
    const target = join(dir, 'folder.png');
    await fsp.mkdir(target);
    expect(await writeFileAtomic(target, PNG)).toEqual({ status: 'failed', reason: FOLDER });
    expect((await fsp.stat(target)).isDirectory()).toBe(true);
  });

  it('says so when the folder does not exist', async () => {
    expect(await writeFileAtomic(join(dir, 'missing', 'a.png'), PNG)).toEqual({ status: 'failed', reason: MISSING });
  });

  it('says so when a parent is a file, not a folder', async () => {
    await fsp.writeFile(join(dir, 'file'), 'x');
    expect(await writeFileAtomic(join(dir, 'file', 'a.png'), PNG)).toEqual({ status: 'failed', reason: MISSING });
  });
});

// Root ignores modes; as-non-root.test.ts runs these as `nobody` when the suite runs as root.
describe.skipIf(isRoot)('writeFileAtomic and permissions (as a non-root user)', () => {
  it('refuses a read-only folder and leaves nothing behind', async () => {
    await fsp.chmod(dir, 0o555);
    expect(await writeFileAtomic(join(dir, 'matrix.png'), PNG)).toEqual({ status: 'failed', reason: NO_PERMISSION });
    await fsp.chmod(dir, 0o755);
    expect(await fsp.readdir(dir)).toEqual([]);
  });

  it('refuses a file this user may not write (0644 but not ours, simulated by 0466)', async () => {
    const target = join(dir, 'theirs.hinge');
    await fsp.writeFile(target, 'old');
    await fsp.chmod(target, 0o466); // others may write, the owner (us) may not
    expect(await writeFileAtomic(target, PNG)).toEqual({ status: 'failed', reason: READ_ONLY_TARGET_REASON });
    expect(await fsp.readFile(target, 'utf8')).toBe('old');
  });

  it('in a read-only folder, an existing writable file is not replaced and keeps its content', async () => {
    const target = join(dir, 'p.hinge');
    await fsp.writeFile(target, 'old');
    await fsp.chmod(dir, 0o555);
    expect(await writeFileAtomic(target, PNG)).toEqual({ status: 'failed', reason: NO_PERMISSION });
    await fsp.chmod(dir, 0o755);
    expect(await fsp.readFile(target, 'utf8')).toBe('old');
    expect(await fsp.readdir(dir)).toEqual(['p.hinge']);
  });
});

describe('writeFileAtomic when a step fails', () => {
  const cases: { step: Step; code: string; reason: string }[] = [
    { step: 'write', code: 'ENOSPC', reason: FULL },
    { step: 'write', code: 'EDQUOT', reason: FULL },
    { step: 'fsync', code: 'ENOSPC', reason: FULL },
    { step: 'open', code: 'EACCES', reason: NO_PERMISSION },
    { step: 'open', code: 'EROFS', reason: NO_PERMISSION },
    { step: 'rename', code: 'EPERM', reason: NO_PERMISSION },
    { step: 'rename', code: 'EISDIR', reason: FOLDER },
    { step: 'write', code: 'EIO', reason: 'EIO: EIO: simulated' },
  ];

  for (const { step, code, reason } of cases) {
    it(`${code} at ${step}: "${reason}", no file at the target, no temp file`, async () => {
      failAt(step, code);
      expect(await writeFileAtomic(join(dir, 'matrix.png'), PNG)).toEqual({ status: 'failed', reason });
      vi.restoreAllMocks();
      expect(await fsp.readdir(dir)).toEqual([]);
    });

    it(`${code} at ${step}: an existing file keeps its old content`, async () => {
      const target = join(dir, 'matrix.png');
      await fsp.writeFile(target, 'old');
      failAt(step, code);
      expect((await writeFileAtomic(target, PNG)).status).toBe('failed');
      vi.restoreAllMocks();
      expect(await fsp.readFile(target, 'utf8')).toBe('old');
      expect(await fsp.readdir(dir)).toEqual(['matrix.png']);
    });
  }
});

describe('describeWriteError', () => {
  it('names unknown errors by code and message', () => {
    expect(describeWriteError(errno('EMFILE'))).toBe('EMFILE: EMFILE: simulated');
    expect(describeWriteError(new Error('plain'))).toBe('plain');
    expect(describeWriteError('text')).toBe('text');
  });
});
