// The fuses Hinge's packages get (scripts/after-pack.cjs), checked without an Electron binary:
// the list itself, and the hook run on a stand-in binary that carries a real fuse wire.
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const hook = require(join(root, 'scripts/after-pack.cjs')) as {
  (context: object): Promise<void>;
  afterPack: (context: object) => Promise<void>;
  HINGE_FUSES: Record<string, boolean>;
  fuseConfig(options?: { resetAdHocDarwinSignature?: boolean }): Record<string, unknown>;
  electronBinaryPath(context: object): string;
};
const { FuseV1Options, FuseVersion } = require('@electron/fuses') as typeof import('@electron/fuses');

// @electron/fuses finds the wire after this sentinel: version byte, length byte, one byte per fuse.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_45_DEFAULTS = '10111001'; // the wire as Electron ships it: RunAsNode on, … GrantFileProtocolExtraPrivileges on

function standInBinary(wire = ELECTRON_45_DEFAULTS): Buffer {
  return Buffer.concat([
    Buffer.from('\x7fELF…code before the wire…'),
    Buffer.from(SENTINEL),
    Buffer.from([1, wire.length]),
    Buffer.from(wire),
    Buffer.from('…code after the wire…'),
  ]);
}

function wireOf(binary: Buffer): string {
  const at = binary.indexOf(SENTINEL) + SENTINEL.length;
  return binary.subarray(at + 2, at + 2 + binary[at + 1]!).toString('latin1');
}

describe('the fuse list', () => {
  it('is exactly the agreed one', () => {
    expect(hook.HINGE_FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
    expect(Object.isFrozen(hook.HINGE_FUSES)).toBe(true);
  });

  it('names only fuses that @electron/fuses knows, as a V1 config with nothing else set', () => {
    for (const name of Object.keys(hook.HINGE_FUSES)) expect(FuseV1Options, name).toHaveProperty(name);
    expect(hook.fuseConfig()).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: false,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('is what electron-builder.yml runs after packing', () => {
    const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
    expect(config.afterPack).toBe('./scripts/after-pack.cjs');
    expect(require.resolve(join(root, String(config.afterPack)))).toBe(join(root, 'scripts/after-pack.cjs'));
    // electron-builder's own fuse option would flip them a second time, after our check.
    expect(config).not.toHaveProperty('electronFuses');
    // electron-builder looks for the named export first.
    expect(hook.afterPack).toBe(hook);
  });
});

describe('the afterPack hook on a stand-in binary', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hinge-fuses-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const linux = (appOutDir: string) => ({ appOutDir, electronPlatformName: 'linux', arch: 1, packager: { executableName: 'hinge', appInfo: { productFilename: 'Hinge' } } });

  it('flips exactly our fuses and leaves the others and the rest of the binary alone', async () => {
    const binary = join(dir, 'hinge');
    const before = standInBinary('101110011'); // a ninth fuse we do not set stays '1'
    writeFileSync(binary, before);
    await hook(linux(dir));
    const after = readFileSync(binary);
    // RunAsNode 0, CookieEncryption 1, NODE_OPTIONS 0, inspect 0, asar integrity 1, asar only 1,
    // V8 snapshot untouched (0), file privileges 0, the ninth untouched (1).
    expect(wireOf(after)).toBe('010011001');
    expect(after.length).toBe(before.length);
    const at = before.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(Buffer.concat([after.subarray(0, at), after.subarray(at + 9)])).toEqual(Buffer.concat([before.subarray(0, at), before.subarray(at + 9)]));
  });

  it('fails the packaging when the binary has no fuse wire', async () => {
    writeFileSync(join(dir, 'hinge'), 'not electron');
    await expect(hook(linux(dir))).rejects.toThrow(/sentinel/);
  });

  it('fails the packaging when the Electron is too old to have all our fuses', async () => {
    writeFileSync(join(dir, 'hinge'), standInBinary('1011'));
    await expect(hook(linux(dir))).rejects.toThrow(/not long enough/);
  });

  it('finds the binary electron-builder made on each platform', () => {
    const packager = { executableName: 'hinge', appInfo: { productFilename: 'Hinge' } };
    expect(hook.electronBinaryPath({ appOutDir: '/r/linux-unpacked', electronPlatformName: 'linux', packager })).toBe('/r/linux-unpacked/hinge');
    expect(hook.electronBinaryPath({ appOutDir: '/r/win-unpacked', electronPlatformName: 'win32', packager })).toBe(join('/r/win-unpacked', 'Hinge.exe'));
    expect(hook.electronBinaryPath({ appOutDir: '/r/mac-arm64', electronPlatformName: 'darwin', packager })).toBe(join('/r/mac-arm64', 'Hinge.app'));
  });
});
