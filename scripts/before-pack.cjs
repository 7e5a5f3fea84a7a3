// electron-builder beforePack hook (electron-builder.yml: beforePack). electron-builder.yml packs the
// Electron that `npm start` already downloaded (electronDist: node_modules/electron/dist), so
// `npm run dist` does not fetch it a second time. That binary is for the platform and arch Electron's
// installer chose (this machine's, unless ELECTRON_INSTALL_PLATFORM / ELECTRON_INSTALL_ARCH said
// otherwise); packing it into a package for another one would ship the wrong binary without a word,
// so this stops the build and says what to pass instead.
'use strict';

const OUR_DIST = 'node_modules/electron/dist';
// builder-util's Arch enum, by value.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** The platform and arch node_modules/electron/install.js downloads for (its own rule). */
function downloadedFor(env = process.env) {
  return {
    platform: env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || process.platform,
    arch: env.ELECTRON_INSTALL_ARCH || env.npm_config_arch || process.arch,
  };
}

/** Throws when the package being built is not for the platform and arch of node_modules/electron/dist. */
function beforePack(context, env = process.env) {
  if (context.packager.config.electronDist !== OUR_DIST) return; // -c.electronDist=…: the caller's choice
  const have = downloadedFor(env);
  const want = { platform: context.electronPlatformName, arch: ARCH_NAMES[context.arch] ?? String(context.arch) };
  if (have.platform === want.platform && have.arch === want.arch) return;
  throw new Error(
    `${OUR_DIST} holds Electron for ${have.platform}-${have.arch}, but this package is for ${want.platform}-${want.arch}. ` +
      `Pass -c.electronDist=<an unpacked Electron of the same version for ${want.platform}-${want.arch}, or its zip>.`,
  );
}

module.exports = beforePack;
module.exports.default = beforePack;
module.exports.beforePack = beforePack;
