// electron-builder afterPack hook (electron-builder.yml: afterPack): sets Hinge's Electron fuses
// in the packaged binary with @electron/fuses, then reads them back, so a package is never built
// with the defaults. It runs after the app is copied in and before signing: a fuse flip changes the
// binary, so it has to come before the signature.
//
// What the fuses do (https://www.electronjs.org/docs/latest/tutorial/fuses):
// - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn Hinge into a plain Node.js interpreter.
// - EnableNodeOptionsEnvironmentVariable off: NODE_OPTIONS cannot inject code or flags.
// - EnableNodeCliInspectArguments off: --inspect and friends cannot attach a debugger to the main
//   process (this is also why Playwright can only drive the unpackaged build; see README).
// - GrantFileProtocolExtraPrivileges off: file:// pages lose Chromium's extra powers; Hinge serves
//   its page from app:// (electron/protocol.ts) and needs none of them.
// - EnableEmbeddedAsarIntegrityValidation on: the app.asar must match the hash electron-builder
//   embeds (enforced on macOS and Windows; Electron does not check it on Linux yet).
// - OnlyLoadAppFromAsar on: the app is loaded from app.asar only, never from a loose app/ folder.
// - EnableCookieEncryption on: cookies on disk are encrypted with the OS keychain key.
'use strict';

const path = require('node:path');
const { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } = require('@electron/fuses');

/** Hinge's fuses, by @electron/fuses option name. A test keeps this list exact. */
const HINGE_FUSES = Object.freeze({
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
});

// The fuse wire's byte values ('0' and '1'), as @electron/fuses writes them.
const DISABLED = 0x30;
const ENABLED = 0x31;
// builder-util's Arch enum.
const ARCH_ARM64 = 3;
const ARCH_UNIVERSAL = 4;

/** The @electron/fuses configuration for HINGE_FUSES. */
function fuseConfig({ resetAdHocDarwinSignature = false } = {}) {
  const config = { version: FuseVersion.V1, resetAdHocDarwinSignature };
  for (const [name, value] of Object.entries(HINGE_FUSES)) config[FuseV1Options[name]] = value;
  return config;
}

/** Where electron-builder put the Electron binary for this platform (what flipFuses expects). */
function electronBinaryPath({ appOutDir, electronPlatformName, packager }) {
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

async function afterPack(context) {
  const binary = electronBinaryPath(context);
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // Apple-silicon binaries carry an ad-hoc signature that a flipped fuse invalidates; renew it.
  const resetAdHocDarwinSignature = isMac && (context.arch === ARCH_ARM64 || context.arch === ARCH_UNIVERSAL);
  await flipFuses(binary, fuseConfig({ resetAdHocDarwinSignature }));

  const wire = await getCurrentFuseWire(binary);
  const wrong = Object.entries(HINGE_FUSES).filter(([name, on]) => wire[FuseV1Options[name]] !== (on ? ENABLED : DISABLED));
  if (wrong.length > 0) {
    throw new Error(`Electron fuses not set in ${binary}: ${wrong.map(([name, on]) => `${name} should be ${on ? 'on' : 'off'}`).join(', ')}`);
  }
  console.log(`  • fuses set in ${path.basename(binary)}: ${Object.entries(HINGE_FUSES).map(([n, on]) => `${n}=${on ? 'on' : 'off'}`).join(' ')}`);
}

module.exports = afterPack;
module.exports.afterPack = afterPack;
module.exports.default = afterPack;
module.exports.HINGE_FUSES = HINGE_FUSES;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinaryPath = electronBinaryPath;
