// npm run bench — measurements, never assertions. Prints a table of numbers and ratios.
//
// 1. Start-up: time from navigation to the first WebGL frame of the browser build
//    (performance.mark 'hinge:first-frame'), in a fresh headless Chromium context each run,
//    against the target of 1 s; also browser-launch-to-first-frame ("spawn to first frame").
// 2. The same for the desktop app when an Electron binary is on the machine (see
//    test/electron-smoke/electron-binary.mjs): Electron spawn → the page's first WebGL frame;
//    otherwise it says why it was skipped.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../scripts/free-port.mjs';
import { _electron as electron, chromium } from '@playwright/test';
import { findElectronBinary } from '../test/electron-smoke/electron-binary.mjs';

const root = new URL('..', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function run(command, args) {
  await new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))));
  });
}

let baseUrl = '';

async function startPreview() {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  // vite itself, not npx: killing npx would leave its vite child serving the port.
  const child = spawn(join(root, 'node_modules/.bin/vite'), ['preview', '--config', 'vite.web.config.ts', '--port', String(port), '--strictPort'], { cwd: root, stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${baseUrl}/`)).ok) return child;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('vite preview did not start');
}

async function bundleSizes() {
  const dir = join(root, 'out/web/assets');
  const files = await readdir(dir);
  const sizes = await Promise.all(files.filter((f) => f.endsWith('.js')).map(async (f) => ({ f, size: (await stat(join(dir, f))).size })));
  return sizes.sort((a, b) => b.size - a.size);
}

async function startup() {
  if (!existsSync(join(root, 'out/web/index.html')) || process.env.BENCH_REBUILD !== '0') await run('npx', ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn']);
  const server = await startPreview();
  const navToFrame = [];
  const phases = {};
  const spawnToFrame = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${baseUrl}/#/layer`);
      const mark = await page.waitForFunction(() => performance.getEntriesByName('hinge:first-frame')[0]?.startTime, null, { timeout: 30_000 });
      const t1 = performance.now();
      navToFrame.push(await mark.jsonValue());
      const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
      for (const [name, at] of Object.entries(marks)) (phases[name] ??= []).push(at);
      spawnToFrame.push(t1 - t0);
      await browser.close();
    }
  } finally {
    server.kill();
  }
  return { navToFrame, spawnToFrame, phases };
}

const { navToFrame, spawnToFrame, phases } = await startup();
const sizes = await bundleSizes();
const first = median(navToFrame);
console.log('\nStart-up of the browser build (headless Chromium, SwiftShader WebGL, %d runs)', RUNS);
console.log('  navigation → first frame   median %s ms   (min %s, max %s)   target 1000 ms   ratio %s',
  first.toFixed(0), Math.min(...navToFrame).toFixed(0), Math.max(...navToFrame).toFixed(0), (first / 1000).toFixed(2));
console.log('  browser spawn → first frame median %s ms', median(spawnToFrame).toFixed(0));
console.log('  phases (median ms after navigation): %s', Object.entries(phases).map(([k, v]) => `${k.replace('hinge:', '')} ${median(v).toFixed(0)}`).join(' · '));
console.log('\nJavaScript chunks (largest first):');
for (const { f, size } of sizes.slice(0, 8)) console.log(`  ${(size / 1024).toFixed(0).padStart(6)} KiB  ${f}`);

async function electronStartup() {
  const found = findElectronBinary({ root });
  if (!found.binary) return { skipped: found.missing };
  await run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
  const spawnToFrame = [];
  const navToFrame = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const app = await electron.launch({
      executablePath: found.binary,
      args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), root],
      cwd: root,
      env: { ...process.env, HINGE_E2E: '1' },
    });
    try {
      const page = await app.firstWindow();
      const mark = await page.waitForFunction(() => performance.getEntriesByName('hinge:first-frame')[0]?.startTime, null, { timeout: 60_000 });
      spawnToFrame.push(performance.now() - t0);
      navToFrame.push(await mark.jsonValue());
    } finally {
      await app.close();
    }
  }
  return { spawnToFrame, navToFrame };
}

const desktop = await electronStartup().catch((error) => ({ skipped: error.message }));
if ('skipped' in desktop) console.log('\nStart-up of the desktop app: skipped (%s)', desktop.skipped);
else {
  console.log('\nStart-up of the desktop app (Electron, %d runs)', RUNS);
  console.log('  Electron spawn → first frame median %s ms   (min %s, max %s)   target 1000 ms   ratio %s', median(desktop.spawnToFrame).toFixed(0),
    Math.min(...desktop.spawnToFrame).toFixed(0), Math.max(...desktop.spawnToFrame).toFixed(0), (median(desktop.spawnToFrame) / 1000).toFixed(2));
  console.log('  page navigation → first frame median %s ms', median(desktop.navToFrame).toFixed(0));
}
