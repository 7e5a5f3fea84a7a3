// scripts/ensure-electron.mjs without a download (first-run.test.ts covers downloads against a
// local mirror): what it hands electron-vite, and what it says when ELECTRON_OVERRIDE_DIST_PATH
// points at nothing. Every case sets ELECTRON_OVERRIDE_DIST_PATH or ELECTRON_EXEC_PATH, so none
// can reach the network.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, '../../scripts/ensure-electron.mjs');
const printExecPath = [process.execPath, '-e', 'console.log(process.env.ELECTRON_EXEC_PATH)'];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hinge-ensure-electron-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function ensure(args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(ELECTRON_|electron_|npm_config_electron)/.test(key)));
  return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env: { ...clean, ...env }, timeout: 30_000 });
}

describe.skipIf(process.platform !== 'linux')('node scripts/ensure-electron.mjs <command>', () => {
  it('runs the command with ELECTRON_EXEC_PATH at the Electron in ELECTRON_OVERRIDE_DIST_PATH, downloading nothing', () => {
    writeFileSync(join(dir, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    const result = ensure(printExecPath, { ELECTRON_OVERRIDE_DIST_PATH: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${join(dir, 'electron')}\n`);
    expect(result.stdout + result.stderr).not.toContain('Downloading');
  });

  it('leaves an ELECTRON_EXEC_PATH chosen by hand as it is', () => {
    const result = ensure(printExecPath, { ELECTRON_EXEC_PATH: '/opt/my-electron/electron' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('/opt/my-electron/electron\n');
  });

  it('passes the command its exit status', () => {
    writeFileSync(join(dir, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    expect(ensure([process.execPath, '-e', 'process.exit(3)'], { ELECTRON_OVERRIDE_DIST_PATH: dir }).status).toBe(3);
  });

  it('stops, without running the command, when ELECTRON_OVERRIDE_DIST_PATH holds no Electron', () => {
    const result = ensure(printExecPath, { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'nothing') });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `ELECTRON_OVERRIDE_DIST_PATH is set, but ${join(dir, 'nothing', 'electron')} does not exist.\n` +
        'Point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron release, or unset it to download one,\n' +
        'or use Hinge without Electron, in a browser: npm run web\n',
    );
  });
});
