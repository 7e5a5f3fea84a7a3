// Where the Electron binary is, without ever downloading one (for `npm run bench`, which must not
// download). `npm run test:electron` downloads it when missing: scripts/ensure-electron.mjs.
export { findElectronBinary } from '../../scripts/ensure-electron.mjs';
