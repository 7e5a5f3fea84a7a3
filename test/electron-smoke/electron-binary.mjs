// Where the Electron binary for the desktop smoke test is, without ever downloading one:
// `require('electron')` would try to download it when it is missing, so this looks on its own.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DEFAULT_NAMES = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };

/**
 * The Electron executable: in ELECTRON_OVERRIDE_DIST_PATH when set, else in node_modules/electron/dist
 * (what `node node_modules/electron/install.js` downloads). Returns { binary } or { missing: why }.
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
  if (existsSync(binary)) return { binary };
  return { missing: 'node_modules/electron/dist is missing and ELECTRON_OVERRIDE_DIST_PATH is not set' };
}
