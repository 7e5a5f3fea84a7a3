// Packaging as a test, without Electron's real binary: electron-builder packs a throwaway copy of
// the project (our electron-builder.yml and afterPack hook, stand-ins for the build output) around
// a stand-in Electron distribution (`electronDist`) whose "binary" carries a real fuse wire. It
// checks what the archive holds and that the packaged binary's fuses are flipped. Linux only
// (electron-builder builds Linux targets on Linux); `npm run test:electron` covers the real app.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asarFiles } from './asar-files.js';

const root = join(import.meta.dirname, '../..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

function write(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

let dir: string;
let result: ReturnType<typeof spawnSync>;

describe.skipIf(process.platform !== 'linux')('npm run dist, with a stand-in Electron', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hinge-package-'));
    const project = join(dir, 'project');
    const dist = join(dir, 'electron-dist');
    // A stand-in Electron: a "binary" with the fuse wire as Electron 45 ships it (all defaults).
    write(join(dist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n'), Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from('101110011')]));
    chmodSync(join(dist, 'electron'), 0o755);
    write(join(dist, 'LICENSE'), 'MIT');
    write(join(dist, 'version'), '45.5.0');
    mkdirSync(join(dist, 'resources'));
    // The project: real configuration and hook; build output as the build leaves it, plus what must not ship.
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    write(join(project, 'package.json'), JSON.stringify({ ...pkg, scripts: {}, devDependencies: { electron: '45.5.0' } }));
    copyFileSync(join(root, 'electron-builder.yml'), join(project, 'electron-builder.yml'));
    for (const hook of ['scripts/before-pack.cjs', 'scripts/after-pack.cjs']) write(join(project, hook), readFileSync(join(root, hook)));
    write(join(project, 'assets/icon.png'), readFileSync(join(root, 'assets/icon.png')));
    for (const file of ['out/main/main.js', 'out/main/chunks/x.js', 'out/preload/preload.cjs', 'out/renderer/index.html', 'out/renderer/assets/index.js']) {
      write(join(project, file), '// built');
    }
    for (const file of ['out/main/main.js.map', 'out/web/index.html', 'src/index.ts', 'electron/main.ts', 'renderer/main.ts', 'test/x.test.ts', 'bench/run.mjs']) {
      write(join(project, file), '// must not ship');
    }
    symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'));
    result = spawnSync(
      process.execPath,
      [join(root, 'node_modules/electron-builder/cli.js'), '--config', 'electron-builder.yml', '--dir', '--linux', `-c.electronDist=${dist}`, '-c.electronVersion=45.5.0'],
      { cwd: project, encoding: 'utf8', timeout: 120_000, env: { ...process.env, CI: '1' } },
    );
  }, 150_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const unpacked = () => join(dir, 'project/release/linux-unpacked');

  it('packs without an error', () => {
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain('fuses set in hinge');
  });

  it('flips the fuses in the packaged binary', () => {
    const binary = readFileSync(join(unpacked(), 'hinge'));
    const at = binary.indexOf(SENTINEL) + SENTINEL.length + 2;
    // RunAsNode off, cookie encryption on, NODE_OPTIONS off, --inspect off, asar integrity on,
    // asar only on, (V8 snapshot untouched), file:// privileges off, (a ninth fuse untouched).
    expect(binary.subarray(at, at + 9).toString('latin1')).toBe('010011001');
  });

  it('ships the desktop build, package.json and the production dependencies, and nothing else', () => {
    const files = asarFiles(join(unpacked(), 'resources/app.asar'));
    // zod, write-file-atomic, electron-updater and what they need (npm's own list), no dev dependency.
    const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' }).stdout;
    // By package name: electron-builder may hoist a package npm nested (semver under electron-updater).
    const lastPackage = (path: string) => /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
    const production = new Set(listed.split('\n').filter((line) => line.includes('/node_modules/')).map((line) => lastPackage(`${line}/`)));
    expect(production.has('zod')).toBe(true);
    const outside = files.filter((file) => !file.startsWith('node_modules/') || !production.has(lastPackage(file)));
    expect(files.some((file) => file.startsWith('node_modules/electron/') || file.startsWith('node_modules/three/'))).toBe(false);
    expect(outside.sort()).toEqual(['out/main/chunks/x.js', 'out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/assets/index.js', 'out/renderer/index.html', 'package.json']);
    for (const name of ['zod', 'write-file-atomic', 'imurmurhash', 'signal-exit', 'electron-updater']) expect(files).toContain(`node_modules/${name}/package.json`);
    // Loose app files next to the archive would be loaded without OnlyLoadAppFromAsar.
    expect(spawnSync('ls', [join(unpacked(), 'resources')], { encoding: 'utf8' }).stdout.trim()).toBe('app.asar');
  });
});
