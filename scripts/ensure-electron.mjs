#!/usr/bin/env node
// node scripts/ensure-electron.mjs [command args…] — used by `npm start`, `npm run dev`,
// `npm run dist` and `npm run test:electron`.
//
// Electron 45's npm package downloads its binary on first use, not at install time (it has no
// install script), and electron-vite only looks for node_modules/electron/path.txt and stops with
// "Electron uninstall" when it is missing. So before electron-vite runs, this makes sure the binary
// is there, downloading it once through Electron's own installer (node_modules/electron/install.js)
// so that everything Electron documents keeps working: ELECTRON_MIRROR, electron_config_cache,
// electron_use_remote_checksums, ELECTRON_GET_USE_PROXY with HTTPS_PROXY, and
// ELECTRON_OVERRIDE_DIST_PATH (a binary of your own; then nothing is downloaded). Then it runs the
// command, if one is given, with ELECTRON_EXEC_PATH set to that binary (electron-vite reads it, and
// would not look at ELECTRON_OVERRIDE_DIST_PATH). A failed download ends with a short message: what
// failed, the mirror variable, and `npm run web` to use Hinge without Electron — no stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const DEFAULT_NAMES = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };
const RELEASES = 'https://github.com/electron/electron/releases';

/**
 * The Electron executable, without downloading anything: in ELECTRON_OVERRIDE_DIST_PATH when set,
 * else in node_modules/electron/dist under the name in path.txt (what install.js leaves).
 * Returns { binary } or { missing: why }.
 */
export function findElectronBinary({ root, env = process.env, platform = process.platform }) {
  const pathFile = join(root, 'node_modules/electron/path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : (DEFAULT_NAMES[platform] ?? 'electron');
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = join(override, name);
    return existsSync(binary) ? { binary } : { missing: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${binary} does not exist` };
  }
  const binary = join(root, 'node_modules/electron/dist', name);
  if (existsSync(pathFile) && existsSync(binary)) return { binary };
  return { missing: 'node_modules/electron/dist is missing and ELECTRON_OVERRIDE_DIST_PATH is not set' };
}

/** Where @electron/get will fetch from, for messages: the mirror variables it reads, else GitHub. */
function downloadSource(env) {
  const mirror =
    env.npm_config_electron_mirror || env.NPM_CONFIG_ELECTRON_MIRROR || env.npm_package_config_electron_mirror || env.ELECTRON_MIRROR;
  return mirror || RELEASES;
}

/**
 * Makes sure Electron's binary is on this machine. When it is missing (and no
 * ELECTRON_OVERRIDE_DIST_PATH is given) runs Electron's own installer once, with its output on
 * this terminal; `--stack-trace-limit=0` keeps its error to the one line that says what failed, and
 * fetch-reason.cjs puts the network's reason into that line.
 * Returns { binary } or { failure: what went wrong, one sentence without its full stop }.
 */
export function ensureElectron({ root, env = process.env, log = console.log }) {
  const found = findElectronBinary({ root, env });
  if (found.binary || env.ELECTRON_OVERRIDE_DIST_PATH) return found.binary ? found : { failure: found.missing };
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'));
  const source = downloadSource(env);
  log(`Downloading Electron ${version} (about 100 MB, only this once) from ${source} …`);
  const started = Date.now();
  const installer = ['--stack-trace-limit=0', '--require', join(import.meta.dirname, 'fetch-reason.cjs'), join(root, 'node_modules/electron/install.js')];
  const result = spawnSync(process.execPath, installer, {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const after = findElectronBinary({ root, env });
  if (result.status === 0 && after.binary) {
    log(`Electron ${version} is in node_modules/electron/dist (${Math.round((Date.now() - started) / 1000)} s).`);
    return after;
  }
  const how = result.error ? result.error.message : result.status === null ? `stopped by ${result.signal}` : 'see the line above';
  return { failure: `Could not download Electron ${version} from ${source} (${how})` };
}

/** Runs `command args…` with ELECTRON_EXEC_PATH set, passing signals on; exits with its status. */
function run([command, ...args], binary) {
  const child = spawn(command, args, {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_EXEC_PATH: binary },
    shell: process.platform === 'win32', // npm's .cmd shims
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`Could not run ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = join(import.meta.dirname, '..');
  // electron-vite's own variable: a binary chosen by hand wins, and nothing is downloaded.
  const chosen = process.env.ELECTRON_EXEC_PATH;
  const ensured = chosen ? { binary: chosen } : ensureElectron({ root });
  if (!ensured.binary) {
    const remedy = process.env.ELECTRON_OVERRIDE_DIST_PATH
      ? 'Point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron release, or unset it to download one,'
      : "Set ELECTRON_MIRROR to a mirror of Electron's releases (e.g. https://npmmirror.com/mirrors/electron/) and run this again,";
    console.error(`${ensured.failure}.\n${remedy}\nor use Hinge without Electron, in a browser: npm run web`);
    process.exit(1);
  }
  if (process.argv.length > 2) run(process.argv.slice(2), ensured.binary);
}
