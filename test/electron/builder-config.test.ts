import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OPENABLE_EXTENSIONS } from '../../src/ipc/contract.js';

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

  it('associates .hinge (Editor, its own MIME type) and .npy / .safetensors (Viewer) with Hinge', () => {
    expect(config.fileAssociations).toEqual([
      { ext: 'hinge', name: 'Hinge project', description: 'Hinge project', mimeType: 'application/x-hinge-project', role: 'Editor', rank: 'Owner' },
      { ext: 'npy', name: 'NumPy array', description: 'NumPy array', mimeType: 'application/x-npy', role: 'Viewer', rank: 'Alternate' },
      { ext: 'safetensors', name: 'Safetensors weights', description: 'Safetensors weights', mimeType: 'application/x-safetensors', role: 'Viewer', rank: 'Alternate' },
    ]);
    // Only types Hinge opens; no per-type icon, so the documents get the app icon from assets/icon.png.
    for (const association of config.fileAssociations as { ext: string; icon?: string }[]) {
      expect(OPENABLE_EXTENSIONS).toContain(`.${association.ext}`);
      expect(association.icon).toBeUndefined();
    }
  });

  it("makes the deb's .desktop entry take those MIME types, and installs their shared-mime-info globs", async () => {
    // electron-builder's own Linux helper, fed our configuration: what the deb (fpm) installs as
    // /usr/share/applications/hinge.desktop and /usr/share/mime/packages/hinge.xml.
    const require = createRequire(import.meta.url);
    const { LinuxTargetHelper } = require(join(root, 'node_modules/app-builder-lib/out/targets/LinuxTargetHelper.js'));
    const tmp = mkdtempSync(join(tmpdir(), 'hinge-mime-'));
    try {
      const helper = new LinuxTargetHelper({
        fileAssociations: config.fileAssociations,
        getTempFile: async (suffix: string) => join(tmp, `file${suffix}`),
        appInfo: { productName: 'Hinge', sanitizedProductName: 'Hinge', description: config.linux.description },
        info: { metadata: { desktopName: 'hinge.desktop' } },
        executableName: 'hinge',
        config,
        platformSpecificBuildOptions: config.linux,
      });
      const desktop = (await helper.computeDesktopEntry(config.linux)) as string;
      expect(desktop).toContain('\nMimeType=application/x-hinge-project;application/x-npy;application/x-safetensors;x-scheme-handler/hinge;\n');
      expect(desktop, 'hinge:// share links open Hinge').toContain('x-scheme-handler/hinge;');
      // The desktop hands over the files (as file:// URLs with %U; open-files.ts takes both).
      expect(desktop).toMatch(/\nExec=\S+ %[UF]\n/);
      const xml = readFileSync((await helper.computeMimeTypeFiles()) as string, 'utf8');
      expect(xml).toMatch(/<mime-type type="application\/x-hinge-project">\s*<glob pattern="\*\.hinge"\/>\s*<comment>Hinge project<\/comment>/);
      expect(xml).toContain('<glob pattern="*.npy"/>');
      expect(xml).toContain('<glob pattern="*.safetensors"/>');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('the schema checks file associations too', () => {
    expect(validate({ ...config, fileAssociations: [{ ext: 'hinge', mimeType: 42 }] })).toBe(false);
    expect(validate({ ...config, fileAssociations: [{ ext: 'hinge', extension: 'x' }] })).toBe(false);
  });
});
