#!/usr/bin/env node
// npm run test:electron: the desktop smoke test. Builds the app (electron-vite) and drives it with
// Playwright's _electron.launch (desktop.spec.ts) when an Electron binary is on this machine; when
// none is, says so, explains how to get one, and exits 0. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findElectronBinary } from './electron-binary.mjs';

const root = join(import.meta.dirname, '../..');
const found = findElectronBinary({ root });

if (!found.binary) {
  const version = (await import(join(root, 'node_modules/electron/package.json'), { with: { type: 'json' } })).default.version;
  console.log(
    `Skipped: no Electron binary on this machine (${found.missing}).\n` +
      `To run the desktop smoke test, either download Electron ${version} with\n` +
      '    node node_modules/electron/install.js\n' +
      `or unpack an Electron ${version} release for this platform (electron-v${version}-<platform>-<arch>.zip)\n` +
      'and point ELECTRON_OVERRIDE_DIST_PATH at that folder, then run `npm run test:electron` again.',
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
