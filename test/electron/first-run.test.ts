// README's first command on a fresh machine, without the internet. In a copy of the working tree
// (what a fresh clone holds, with node_modules hard-linked in as `npm install` leaves it, but
// without Electron's binary: no node_modules/electron/path.txt, no dist/, no out/), a local HTTP
// server plays Electron's release mirror (ELECTRON_MIRROR) and serves a stand-in Electron for
// linux-x64 whose `electron` is a shell script that only writes how it was launched to a file.
// README's first command, read from README.md, is run as written, and so are the other first-run
// paths: ELECTRON_OVERRIDE_DIST_PATH, a failed download, a second start, `npm run dist` (what the
// package holds and that its fuses are flipped),
// `npm run test:electron`, npm's strict install-script approval, and an install with
// --ignore-scripts followed by `npm run dev`.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asarFiles, productionDependencies, topLevelPackages } from './asar-files.js';

const repo = join(import.meta.dirname, '../..');
const VERSION = JSON.parse(readFileSync(join(repo, 'node_modules/electron/package.json'), 'utf8')).version as string;
const ZIP = `electron-v${VERSION}-linux-x64.zip`;
// The fuse wire as Electron ships it (all defaults), after the script's `exit`, so that
// electron-builder's afterPack hook (scripts/after-pack.cjs) finds fuses to flip in the package.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const STAND_IN = `#!/bin/sh\nprintf 'launched: %s\\ncwd: %s\\nbinary: %s\\n' "$*" "$PWD" "$0" >> "$HINGE_STANDIN_LOG"\nexit 0\n# ${FUSE_SENTINEL}\x01\x09101110011\n`;
const STEP = 300_000; // each step builds the app at most once; two cores shared with other work

/** README's first command: the first line of its first ```sh block. */
function readmeFirstCommand(): string {
  const block = /```sh\n([^\n]+)\n/.exec(readFileSync(join(repo, 'README.md'), 'utf8'));
  if (!block) throw new Error('README.md has no ```sh block');
  return block[1];
}

/** Electron's release mirror on 127.0.0.1: /v<version>/<zip> and SHASUMS256.txt; /broken/ answers 404. */
function startMirror(): Promise<{ server: Server; url: string; requests: string[] }> {
  const exe = { os: 3, attrs: (0o100755 << 16) >>> 0 }; // Unix, -rwxr-xr-x
  const zip = zipSync({ electron: [strToU8(STAND_IN, true), exe], version: strToU8(VERSION), LICENSE: strToU8('MIT'), 'resources/': new Uint8Array() });
  const shasums = `${createHash('sha256').update(zip).digest('hex')} *${ZIP}\n`;
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url === `/v${VERSION}/${ZIP}`) response.end(zip);
    else if (request.url === `/v${VERSION}/SHASUMS256.txt`) response.end(shasums);
    else response.writeHead(404).end('not here');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, requests, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })));
}

/** A copy of the working tree as a fresh clone plus `npm install` would leave it, without Electron's binary. */
function freshCopy(into: string): string {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repo, encoding: 'utf8' });
  expect(listed.status, `git ls-files: ${listed.stderr}`).toBe(0);
  const files = listed.stdout.split('\0').filter(Boolean);
  expect(files).toContain('README.md');
  for (const file of files) {
    if (!existsSync(join(repo, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(into, file)), { recursive: true });
    cpSync(join(repo, file), join(into, file));
  }
  // Hard links: no registry, and no 540 MB copy. Nothing below writes into an existing file of it
  // except npm's hidden lockfile, which gets a copy of its own; tools' caches are left behind.
  expect(spawnSync('cp', ['-al', join(repo, 'node_modules'), join(into, 'node_modules')]).status).toBe(0);
  for (const cache of ['.vite', '.vite-temp', '.cache']) rmSync(join(into, 'node_modules', cache), { recursive: true, force: true });
  rmSync(join(into, 'node_modules/.package-lock.json'));
  cpSync(join(repo, 'node_modules/.package-lock.json'), join(into, 'node_modules/.package-lock.json'));
  for (const electronFile of ['path.txt', 'dist']) rmSync(join(into, 'node_modules/electron', electronFile), { recursive: true, force: true });
  return into;
}

/** A port on 127.0.0.1 that nothing listens on (one the system just handed out and took back). */
function closedPort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    }),
  );
}

type Run = { status: number | null; output: string };

/** Runs a command line with sh, as a person would type it (async: the mirror answers from this process). */
function sh(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, { cwd, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

/**
 * A new user's shell: PATH, HOME and the locale from this one (not vitest's, npm's or Electron's own
 * variables: electron-builder goes quiet under VITEST), plus the mirror and private caches.
 */
function cleanEnv(work: string, mirror: string): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'TMPDIR', 'SHELL'];
  const env = Object.fromEntries(keep.filter((key) => process.env[key] !== undefined).map((key) => [key, process.env[key]]));
  // Without the node_modules/.bin folders that `npm test` put in front of PATH.
  env.PATH = (env.PATH ?? '').split(delimiter).filter((folder) => !folder.includes('node_modules')).join(delimiter);
  return {
    ...env,
    ELECTRON_MIRROR: mirror,
    electron_use_remote_checksums: '1',
    electron_config_cache: join(work, 'electron-cache'),
    XDG_CACHE_HOME: join(work, 'xdg-cache'), // electron-builder's tool cache
    HINGE_STANDIN_LOG: join(work, 'launches.log'),
    npm_config_offline: 'true', // node_modules is complete: npm must not need the registry
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    NO_COLOR: '1',
  };
}

const launches = (work: string) => (existsSync(join(work, 'launches.log')) ? readFileSync(join(work, 'launches.log'), 'utf8') : '');
/** What the stand-in writes when launched on the app in `project` from `binary`. */
const launch = (project: string, binary = join(project, 'node_modules/electron/dist/electron')) => `launched: .\ncwd: ${project}\nbinary: ${binary}\n`;
const STACK_FRAME = /^\s+at \S/m;

describe.skipIf(process.platform !== 'linux' || process.arch !== 'x64')('the first run on a fresh machine, against a local Electron mirror', () => {
  let mirror: Awaited<ReturnType<typeof startMirror>>;
  let tmp: string;
  let clone: string;
  let env: NodeJS.ProcessEnv;
  // A second machine: ELECTRON_OVERRIDE_DIST_PATH, then an install with scripts skipped.
  let work: string;
  let copy: string;
  let ownEnv: NodeJS.ProcessEnv;
  const zipRequests = () => mirror.requests.filter((url) => url.endsWith(`/${ZIP}`));

  beforeAll(async () => {
    mirror = await startMirror();
    tmp = mkdtempSync(join(tmpdir(), 'hinge-first-run-'));
    clone = freshCopy(join(tmp, 'hinge'));
    env = cleanEnv(tmp, mirror.url);
    work = join(tmp, 'second-machine');
    copy = freshCopy(join(work, 'hinge'));
    ownEnv = cleanEnv(work, mirror.url); // its own Electron cache: a real download again
  }, 120_000);
  // Two hard-linked node_modules trees (about 29,000 links each) take a while to unlink.
  afterAll(() => {
    mirror?.server.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }, 120_000);

  // `npm run dev` (the same ensure step as npm start, without bundling the renderer: one build fewer).
  it('with ELECTRON_OVERRIDE_DIST_PATH, npm run dev downloads nothing and opens the app with that Electron', async () => {
    const own = join(work, 'my-electron');
    mkdirSync(own, { recursive: true });
    writeFileSync(join(own, 'electron'), STAND_IN, { mode: 0o755 });
    const requests = mirror.requests.length;
    const run = await sh('npm run dev', copy, { ...ownEnv, ELECTRON_OVERRIDE_DIST_PATH: own });
    expect(run.status, run.output).toBe(0);
    expect(mirror.requests.length).toBe(requests);
    expect(existsSync(join(copy, 'node_modules/electron/path.txt'))).toBe(false);
    expect(launches(work)).toBe(launch(copy, join(own, 'electron')));
    rmSync(join(work, 'launches.log'));
  }, STEP);

  it('a failed download stops npm start before the build, with a short message and no stack trace', async () => {
    const broken = `${mirror.url}broken/`;
    const run = await sh(readmeFirstCommand(), clone, { ...env, ELECTRON_MIRROR: broken });
    expect(run.status, run.output).not.toBe(0);
    expect(mirror.requests).toContain(`/broken/v${VERSION}/${ZIP}`);
    expect(run.output).toContain(`HTTPError: Response code 404 (Not Found) for ${broken}v${VERSION}/${ZIP}`);
    expect(run.output).toContain(`Could not download Electron ${VERSION} from ${broken}`);
    expect(run.output).toContain('Set ELECTRON_MIRROR');
    expect(run.output).toContain('npm run web');
    expect(run.output).not.toMatch(STACK_FRAME);
    expect(existsSync(join(clone, 'out'))).toBe(false);
    expect(existsSync(join(clone, 'node_modules/electron/path.txt'))).toBe(false);
    expect(launches(tmp)).toBe('');
  }, STEP);

  it('npm run test:electron, when the mirror cannot be reached, says why, that it skipped, and exits 0', async () => {
    const closed = await closedPort();
    const run = await sh('npm run test:electron', clone, { ...env, ELECTRON_MIRROR: `http://127.0.0.1:${closed}/` });
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain(`TypeError: fetch failed for http://127.0.0.1:${closed}/v${VERSION}/${ZIP}: connect ECONNREFUSED 127.0.0.1:${closed}`);
    expect(run.output).toContain(`Skipped: no Electron binary on this machine (Could not download Electron ${VERSION} from http://127.0.0.1:${closed}/`);
    expect(run.output).not.toMatch(STACK_FRAME);
    expect(existsSync(join(clone, 'out'))).toBe(false);
  }, STEP);

  it("README's first command downloads Electron through its installer, builds, and opens the app", async () => {
    const before = zipRequests().length;
    const run = await sh(readmeFirstCommand(), clone, env);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain(`Downloading Electron ${VERSION}`);
    // Downloaded once, checked against the mirror's SHASUMS256.txt, unpacked where Electron keeps it.
    expect(zipRequests().length - before).toBe(1);
    expect(mirror.requests).toContain(`/v${VERSION}/SHASUMS256.txt`);
    const cached = readdirSync(join(tmp, 'electron-cache'), { recursive: true }).map(String);
    expect(cached.some((file) => file.endsWith(`/${ZIP}`))).toBe(true); // in electron_config_cache
    expect(readFileSync(join(clone, 'node_modules/electron/path.txt'), 'utf8')).toBe('electron');
    expect(readFileSync(join(clone, 'node_modules/electron/dist/electron'), 'latin1')).toBe(STAND_IN);
    // Launched once, on the built app, from the project folder.
    expect(existsSync(join(clone, 'out/main/main.js'))).toBe(true);
    expect(existsSync(join(clone, 'out/renderer/index.html'))).toBe(true);
    expect(launches(tmp)).toBe(launch(clone));
  }, STEP);

  it('the second npm start opens the app without downloading again', async () => {
    const requests = mirror.requests.length;
    const run = await sh('npm start', clone, env);
    expect(run.status, run.output).toBe(0);
    expect(run.output).not.toContain('Downloading Electron');
    expect(mirror.requests.length).toBe(requests);
    expect(launches(tmp)).toBe(launch(clone).repeat(2));
  }, STEP);

  it('npm run dist packs the Electron already downloaded, fetching nothing', async () => {
    const requests = mirror.requests.length;
    // --dir: the unpacked app only; AppImage and deb need electron-builder's own tools from GitHub.
    const run = await sh('npm run dist -- --dir', clone, env);
    expect(run.status, run.output).toBe(0);
    expect(mirror.requests.length).toBe(requests);
    expect(run.output).toContain('using custom unpacked Electron distribution');
    const packaged = readFileSync(join(clone, 'release/linux-unpacked/hinge'), 'latin1');
    expect(packaged.slice(0, packaged.indexOf(FUSE_SENTINEL))).toBe(STAND_IN.slice(0, STAND_IN.indexOf(FUSE_SENTINEL)));
    expect(run.output).toContain('fuses set in hinge');
    // The fuses flipped (scripts/after-pack.cjs): RunAsNode off, cookie encryption on, NODE_OPTIONS
    // off, --inspect off, asar integrity on, asar only on, (V8 snapshot untouched), file://
    // privileges off, (a ninth fuse untouched).
    const wire = packaged.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length + 2;
    expect(packaged.slice(wire, wire + 9)).toBe('010011001');
    // Loose app files next to the archive would be loaded without OnlyLoadAppFromAsar.
    expect(readdirSync(join(clone, 'release/linux-unpacked/resources'))).toEqual(['app.asar']);
    // The app's archive: the build, package.json, and exactly the production dependencies.
    const files = asarFiles(join(clone, 'release/linux-unpacked/resources/app.asar'));
    expect(files.filter((file) => !file.startsWith('node_modules/'))).toContain('out/main/main.js');
    expect(files.some((file) => /^(src|electron|renderer|test)\//.test(file) || file.endsWith('.map'))).toBe(false);
    expect(topLevelPackages(files)).toEqual(productionDependencies(clone));
    expect(files.some((file) => file.startsWith('node_modules/electron/') || file.startsWith('node_modules/three/'))).toBe(false);
    for (const name of ['zod', 'write-file-atomic', 'electron-updater']) expect(files).toContain(`node_modules/${name}/package.json`);
  }, STEP);

  it("npm's strict install-script approval accepts the project's allowScripts", async () => {
    const run = await sh('npm install --strict-allow-scripts', clone, env);
    expect(run.status, run.output).toBe(0);
    expect(run.output).not.toContain('not yet covered by allowScripts');
  }, STEP);

  it('with install scripts skipped, npm run dev still downloads Electron and opens the app', async () => {
    const before = zipRequests().length;
    const run = await sh('npm install --ignore-scripts && npm run dev', copy, ownEnv);
    expect(run.status, run.output).toBe(0);
    expect(zipRequests().length - before).toBe(1);
    expect(readFileSync(join(copy, 'node_modules/electron/dist/electron'), 'latin1')).toBe(STAND_IN);
    expect(launches(work)).toBe(launch(copy));
  }, STEP);
});
