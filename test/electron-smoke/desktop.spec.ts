// The desktop smoke test: the built app (out/main/main.js) in a real Electron, driven by
// Playwright's _electron.launch. Run through `npm run test:electron` (run.mjs), which skips it
// when there is no Electron binary. HINGE_E2E=1 with HINGE_TEST_SAVE_PATH and HINGE_TEST_USER_DATA
// are honoured only because this is an unpackaged run (electron/test-mode.ts); the packaged app
// cannot be driven this way at all, since its EnableNodeCliInspectArguments fuse is off.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp.ts';
import { desktopApiKeys, LAB_IDS, type HingeDesktopApi } from '../../src/ipc/contract.ts';

const root = join(import.meta.dirname, '../..');
const binary = process.env.HINGE_ELECTRON_BINARY;
let dir: string;
let savePath: string;
let userData: string;
/** A real .npy file (version 1.0, little-endian float64, C order) holding [[1, 2], [3, 4]]. */
function npyBytes(): Buffer {
  let header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }";
  header += ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
  const prefix = Buffer.from([0x93, ...Buffer.from('NUMPY'), 1, 0, header.length & 0xff, header.length >> 8]);
  const data = Buffer.from(new Float64Array([1, 2, 3, 4]).buffer);
  return Buffer.concat([prefix, Buffer.from(header, 'latin1'), data]);
}
const weightBytes = npyBytes();

type HingeWindow = Window & { hinge: HingeDesktopApi; require?: unknown; process?: unknown };

let app: ElectronApplication;
let page: Page;
let closed = false;
const pageErrors: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.skip(!binary, 'run through `npm run test:electron`, which finds the Electron binary');
  dir = mkdtempSync(join(tmpdir(), 'hinge-smoke-'));
  savePath = join(dir, 'export.png');
  userData = join(dir, 'user-data');
  const weights = join(dir, 'weights.npy');
  writeFileSync(weights, weightBytes);
  app = await electron.launch({
    executablePath: binary,
    // `electron <switches> <project> weights.npy`: the project's package.json points at
    // out/main/main.js. Software WebGL (as in test/e2e) so a machine without a GPU draws too;
    // Chromium refuses its sandbox to root, so CI containers running as root go without it.
    args: [
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      root,
      weights,
    ],
    cwd: root,
    env: { ...process.env, HINGE_E2E: '1', HINGE_TEST_SAVE_PATH: savePath, HINGE_TEST_USER_DATA: userData } as Record<string, string>,
  });
  page = await app.firstWindow();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await expect(page.locator('hinge-app')).toBeAttached();
});

test.afterAll(async () => {
  if (app && !closed) await app.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the page comes from app://hinge with the agreed API and no Node', async () => {
  expect(page.url()).toMatch(/^app:\/\/hinge\/index\.html/);
  const seen = await page.evaluate(() => {
    const w = window as unknown as HingeWindow;
    return {
      keys: Object.keys(w.hinge),
      kinds: Object.values(w.hinge).map((value) => typeof value),
      require: typeof w.require,
      process: typeof w.process,
    };
  });
  expect(seen.keys).toEqual([...desktopApiKeys]);
  expect(new Set(seen.kinds)).toEqual(new Set(['function']));
  expect(seen.require).toBe('undefined');
  expect(seen.process).toBe('undefined');
});

test('app:// answers with our CSP and refuses to leave the renderer folder', async () => {
  const answers = await page.evaluate(async () => {
    const index = await fetch('app://hinge/index.html');
    const outside = await fetch('app://hinge/%2e%2e%2f%2e%2e%2fpackage.json');
    return { csp: index.headers.get('content-security-policy'), type: index.headers.get('content-type'), outside: outside.status };
  });
  expect(answers).toEqual({ csp: CONTENT_SECURITY_POLICY, type: 'text/html; charset=utf-8', outside: 404 });
});

test('an injected inline script is refused by the CSP', async () => {
  const result = await page.evaluate(async () => {
    const violations: string[] = [];
    const reported = new Promise<void>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => {
        violations.push(e.violatedDirective);
        resolve();
      }),
    );
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
    // An allowed inline script runs during append; a refused one is reported as a violation
    // (asynchronously): wait for that report, not for a fixed time.
    if (!(window as unknown as { __injected?: boolean }).__injected) await reported;
    return { injected: (window as unknown as { __injected?: boolean }).__injected ?? false, violations };
  });
  expect(result.injected).toBe(false);
  expect(result.violations.some((d) => d.startsWith('script-src'))).toBe(true);
});

test('window.open and navigation to another site are denied', async () => {
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents;
    const seen: { url: string; prevented: boolean }[] = [];
    (globalThis as { hingeNavigations?: typeof seen }).hingeNavigations = seen;
    contents.on('will-navigate', (event) => seen.push({ url: event.url, prevented: event.defaultPrevented }));
  });
  await page.evaluate(() => {
    location.href = 'https://example.com/';
  });
  await expect
    .poll(() => app.evaluate(() => (globalThis as { hingeNavigations?: unknown[] }).hingeNavigations))
    .toEqual([{ url: 'https://example.com/', prevented: true }]);
  expect(page.url()).toMatch(/^app:\/\/hinge\/index\.html/);
  expect(app.windows()).toHaveLength(1);
});

test('the weights file on the command line opens in the import dialog', async () => {
  // The page reads the launch file through the pending-file channels, releases it, and offers it for import.
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('import-file-name')).toHaveText('weights.npy');
  await expect(page.getByTestId('import-shape')).toHaveText('2 × 2');
  expect(await page.evaluate(() => (window as unknown as HingeWindow).hinge.pendingFiles())).toEqual([]);
  await page.getByTestId('import-cancel').click();
  await expect(dialog).not.toBeVisible();
});

test('visits every lab in the rail and every lab route', async () => {
  const links = page.locator('nav[aria-label="Labs"] a');
  const count = await links.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    await link.click();
    await expect(link).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('hinge-app main .loading')).toHaveCount(0);
    await expect(page.locator('hinge-app main > *').first()).toBeVisible();
  }
  for (const id of LAB_IDS) {
    await page.evaluate((hash) => (location.hash = hash), `#/${id}`);
    await expect(page.locator('hinge-app main .loading')).toHaveCount(0);
    await expect(page.locator('hinge-app main > *').first()).toBeVisible();
  }
  expect(pageErrors).toEqual([]);
});

test('exports a PNG through the real save path (IPC, validation, atomic write)', async () => {
  await page.evaluate(() => (location.hash = '#/layer'));
  await page.getByTestId('export-png').click();
  await expect(page.getByTestId('export-status')).toContainText('Saved');
  const image = PNG.sync.read(readFileSync(savePath));
  expect(image.width).toBeGreaterThan(100);
  expect(image.height).toBeGreaterThan(100);
});

test('after a renderer crash and the reload, the autosave brings the work back', async () => {
  await page.evaluate(() => (location.hash = '#/layer'));
  await page.getByTestId('activation').selectOption('tanh');
  // The page autosaves about a second after the edit, through IPC, into the user data folder.
  await expect.poll(() => (existsSync(join(userData, 'autosave.json')) ? readFileSync(join(userData, 'autosave.json'), 'utf8') : '')).toContain('"tanh"');
  // Answer the crash dialog with "Reload" (a native dialog is outside Playwright's reach).
  await app.evaluate(({ dialog }) => {
    dialog.showMessageBox = (async () => ({ response: 0, checkboxChecked: false })) as typeof dialog.showMessageBox;
  });
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
  // Crashed, asked, reloaded in a fresh renderer, and done loading our page again.
  await expect
    .poll(() =>
      app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]!.webContents;
        return contents.isCrashed() || contents.isLoading() ? 'not yet' : contents.getURL();
      }),
    )
    .toMatch(/^app:\/\/hinge\/index\.html/);
  page = app.windows()[0]!;
  await expect(page.getByTestId('activation')).toHaveValue('tanh');
  await expect(page.getByTestId('dirty')).toBeVisible();
});

test('closing with unsaved work asks in the page; "Don\'t save" closes the window', async () => {
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
  await expect(page.getByTestId('unsaved-dialog')).toBeVisible();
  const exited = new Promise<void>((resolve) => app.process().once('exit', () => resolve()));
  await page.getByTestId('unsaved-discard').click();
  await exited;
  closed = true;
  // The last autosave says the window was closed on purpose: the next start begins afresh.
  expect(JSON.parse(readFileSync(join(userData, 'autosave.json'), 'utf8')).closed).toBe(true);
});

test('remembers where the window was', async () => {
  await expect.poll(() => existsSync(join(userData, 'window-state.json'))).toBe(true);
  const saved = JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8')) as { width: number; height: number };
  expect(saved.width).toBeGreaterThanOrEqual(900);
  expect(saved.height).toBeGreaterThanOrEqual(600);
});
