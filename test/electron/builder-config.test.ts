import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '../..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
const validate = new Ajv({ allowUnionTypes: true, strict: false }).compile(schema);

describe('electron-builder.yml', () => {
  it("satisfies app-builder-lib's own schema", () => {
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it.each([
    ['an unknown top-level key', { ...config, appID: 'org.hinge.app' }],
    ['a wrong type', { ...config, asar: 'yes' }],
    ['a wrong nested type', { ...config, linux: { ...config.linux, category: 42 } }],
  ])('the schema really rejects %s', (_label, bad) => {
    expect(validate(bad)).toBe(false);
  });

  it('names the app and keeps output out of the tree', () => {
    expect(config).toMatchObject({
      appId: 'org.hinge.app',
      productName: 'Hinge',
      directories: { output: 'release' },
      asar: true,
      npmRebuild: false,
      icon: 'assets/icon.png',
    });
  });

  it('builds AppImage and deb on Linux, dmg on macOS, nsis on Windows', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Education' });
    expect(config.linux.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/); // Debian needs an address
    expect(config.linux.synopsis).toEqual(expect.any(String));
    expect(config.mac).toMatchObject({ target: 'dmg', category: 'public.app-category.education' });
    expect(config.win).toMatchObject({ target: 'nsis' });
  });

  it('ships only the desktop build output and package.json, no sources, source maps or browser build', () => {
    expect(config.files).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json', '!**/*.map']);
    const included = (config.files as string[]).filter((pattern) => !pattern.startsWith('!'));
    for (const source of ['src', 'electron', 'renderer', 'test', 'assets', 'bench']) {
      expect(included.some((pattern) => pattern.startsWith(source))).toBe(false);
    }
    expect(included.some((pattern) => pattern === '**/*' || pattern.startsWith('**'))).toBe(false);
  });

  it('points at a 512×512 PNG icon', () => {
    const icon = PNG.sync.read(readFileSync(join(root, config.icon)));
    expect([icon.width, icon.height]).toEqual([512, 512]);
  });
});
