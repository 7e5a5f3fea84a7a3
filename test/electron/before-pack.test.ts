// scripts/before-pack.cjs: electron-builder.yml packs node_modules/electron/dist (the Electron that
// `npm start` downloaded for this machine); a package for another platform or arch must stop with
// what to pass instead, never ship that binary.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const beforePack = require(join(import.meta.dirname, '../../scripts/before-pack.cjs')) as (
  context: { packager: { config: { electronDist?: string } }; electronPlatformName: string; arch: number },
  env?: Record<string, string>,
) => void;
const ARCH = { ia32: 0, x64: 1, armv7l: 2, arm64: 3, universal: 4 }; // builder-util's Arch enum
const ours = { electronDist: 'node_modules/electron/dist' };

describe('beforePack', () => {
  it("lets a package for Electron's download platform and arch through", () => {
    const env = { ELECTRON_INSTALL_PLATFORM: 'linux', ELECTRON_INSTALL_ARCH: 'x64' };
    expect(() => beforePack({ packager: { config: ours }, electronPlatformName: 'linux', arch: ARCH.x64 }, env)).not.toThrow();
  });

  it.each([
    ['another arch', 'linux', ARCH.arm64, 'linux-arm64'],
    ['another platform', 'win32', ARCH.x64, 'win32-x64'],
    ['a universal macOS build', 'darwin', ARCH.universal, 'darwin-universal'],
  ])('stops a package for %s and says what to pass', (_label, platform, arch, wanted) => {
    const env = { ELECTRON_INSTALL_PLATFORM: 'linux', ELECTRON_INSTALL_ARCH: 'x64' };
    expect(() => beforePack({ packager: { config: ours }, electronPlatformName: platform, arch }, env)).toThrow(
      `node_modules/electron/dist holds Electron for linux-x64, but this package is for ${wanted}. Pass -c.electronDist=`,
    );
  });

  it('follows the platform and arch Electron installed for by default (this machine)', () => {
    const here = { packager: { config: ours }, electronPlatformName: process.platform, arch: ARCH[process.arch as keyof typeof ARCH] };
    expect(() => beforePack(here, {})).not.toThrow();
  });

  it('leaves an electronDist given on the command line alone', () => {
    expect(() => beforePack({ packager: { config: { electronDist: '/opt/electron-win' } }, electronPlatformName: 'win32', arch: ARCH.x64 }, {})).not.toThrow();
  });
});
