#!/usr/bin/env node
// npm run test:electron: the desktop smoke test. Makes sure Electron's binary is here (downloading
// it once, as `npm start` does: scripts/ensure-electron.mjs), builds the app (electron-vite) and
// drives it with Playwright's _electron.launch (desktop.spec.ts). When there is no binary and it
// cannot be downloaded, says so, explains how to get one, and exits 0. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureElectron } from '../../scripts/ensure-electron.mjs';

const root = join(import.meta.dirname, '../..');
const found = ensureElectron({ root });

if (!found.binary) {
  const version = (await import(join(root, 'node_modules/electron/package.json'), { with: { type: 'json' } })).default.version;
  console.log(
    `Skipped: no Electron binary on this machine (${found.failure}).\n` +
      `To run the desktop smoke test, set ELECTRON_MIRROR to a mirror of Electron's releases, or unpack\n` +
      `an Electron ${version} release for this platform (electron-v${version}-<platform>-<arch>.zip) and\n` +
      'point ELECTRON_OVERRIDE_DIST_PATH at that folder, then run `npm run test:electron` again.',
  );
  process.exit(0);
}

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (process.env.HINGE_SMOKE_SKIP_BUILD !== '1') {
  const status = run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
  if (status !== 0) process.exit(status);
}

const playwright = [join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--config', join(root, 'test/electron-smoke/playwright.config.ts')];
const env = { ...process.env, HINGE_ELECTRON_BINARY: found.binary };
// Electron needs a display; on a headless Linux machine run it inside a virtual one when we can.
const headlessLinux = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (headlessLinux) {
  if (spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' }).error) {
    console.log('Skipped: no display for Electron (DISPLAY is not set) and no xvfb-run to make one (apt-get install xvfb).');
    process.exit(0);
  }
  process.exit(run('xvfb-run', ['--auto-servernum', '--server-args=-screen 0 1600x1000x24', process.execPath, ...playwright], env));
}
process.exit(run(process.execPath, playwright, env));
