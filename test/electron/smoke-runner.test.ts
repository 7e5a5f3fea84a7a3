// findElectronBinary finds an Electron binary without ever downloading one (`npm run bench` relies on
// that); `npm run test:electron` (test/electron-smoke/run.mjs) says clearly that it skipped when there
// is none it can use. Its download path is checked with a local mirror in first-run.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper without type declarations
import { findElectronBinary } from '../electron-smoke/electron-binary.mjs';

const find = findElectronBinary as (options: { root: string; env?: Record<string, string | undefined>; platform?: string }) => { binary?: string; missing?: string };
const repo = join(import.meta.dirname, '../..');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hinge-smoke-runner-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function touch(path: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '');
}

describe('findElectronBinary', () => {
  it('uses node_modules/electron/dist with the name in path.txt', () => {
    touch(join(dir, 'node_modules/electron/path.txt'));
    writeFileSync(join(dir, 'node_modules/electron/path.txt'), 'electron');
    expect(find({ root: dir, env: {} }).missing).toMatch(/node_modules\/electron\/dist is missing/);
    touch(join(dir, 'node_modules/electron/dist/electron'));
    expect(find({ root: dir, env: {} })).toEqual({ binary: join(dir, 'node_modules/electron/dist/electron') });
  });

  it('prefers ELECTRON_OVERRIDE_DIST_PATH, and says so when it points at nothing', () => {
    touch(join(dir, 'node_modules/electron/dist/electron'));
    const override = join(dir, 'my-electron');
    expect(find({ root: dir, env: { ELECTRON_OVERRIDE_DIST_PATH: override }, platform: 'linux' }).missing).toContain('ELECTRON_OVERRIDE_DIST_PATH is set');
    touch(join(override, 'electron'));
    expect(find({ root: dir, env: { ELECTRON_OVERRIDE_DIST_PATH: override }, platform: 'linux' })).toEqual({ binary: join(override, 'electron') });
  });

  it('knows the binary name on each platform when path.txt is absent', () => {
    const override = join(dir, 'dist');
    touch(join(override, 'electron.exe'));
    touch(join(override, 'Electron.app/Contents/MacOS/Electron'));
    expect(find({ root: dir, env: { ELECTRON_OVERRIDE_DIST_PATH: override }, platform: 'win32' }).binary).toBe(join(override, 'electron.exe'));
    expect(find({ root: dir, env: { ELECTRON_OVERRIDE_DIST_PATH: override }, platform: 'darwin' }).binary).toBe(join(override, 'Electron.app/Contents/MacOS/Electron'));
  });
});

describe('npm run test:electron without a binary', () => {
  it('prints that it skipped and how to get Electron, and exits 0', () => {
    const result = spawnSync(process.execPath, [join(repo, 'test/electron-smoke/run.mjs')], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-electron-here') },
      timeout: 30_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Skipped: no Electron binary on this machine \(ELECTRON_OVERRIDE_DIST_PATH is set, but .* does not exist\)/);
    expect(result.stdout).toContain('ELECTRON_MIRROR');
    expect(result.stdout).toContain('ELECTRON_OVERRIDE_DIST_PATH');
  });
});
