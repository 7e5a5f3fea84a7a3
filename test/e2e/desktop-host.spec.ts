// The page as it runs inside Electron, with the preload's API played by the test: the same
// renderer build, the DesktopHost, and a `window.hinge` whose answers follow the IPC contract.
// Menu commands, files from the command line, saving to a handle, the close prompt and autosave
// restoration are driven here as the main process would drive them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from './fixtures.ts';

/** Installs a fake preload API before the page loads; calls are recorded on window.__calls. */
async function fakeDesktop(page: Page, options: { pending?: { name: string; text: string }[]; autosave?: string } = {}): Promise<void> {
  await page.addInitScript((opts) => {
    const calls: { name: string; request?: unknown }[] = [];
    const listeners: Record<string, ((payload?: unknown) => void)[]> = { menu: [], close: [], files: [] };
    const files = new Map<string, Uint8Array>();
    const pending = (opts.pending ?? []).map((f, i) => {
      const id = (i + 1).toString(16).padStart(32, '0');
      files.set(id, new TextEncoder().encode(f.text));
      return { id, name: f.name, size: files.get(id)!.length };
    });
    let handles = 100;
    const record = (name: string, request?: unknown) => calls.push({ name, request: request instanceof Uint8Array ? undefined : request });
    const api = {
      savePng: async (r: unknown) => (record('savePng', r), { status: 'saved', path: '/tmp/x.png' }),
      copyPng: async () => ({ status: 'copied' }),
      appInfo: async () => ({ version: '0.0.0', platform: 'linux' }),
      autosaveWrite: async (json: string) => (record('autosaveWrite', json.length), ((window as any).__autosave = json), { status: 'saved' }),
      autosaveRead: async () => opts.autosave ?? null,
      autosaveKeepRejected: async (json: string) => (record('autosaveKeepRejected', json.length), '/userData/autosave-rejected-x.json'),
      showOpenDialog: async () => [],
      pendingFiles: async () => pending,
      readPendingFile: async (r: { id: string; offset: number; length: number }) => ({ status: 'read', bytes: files.get(r.id)!.slice(r.offset, r.offset + r.length) }),
      releasePendingFile: async (r: unknown) => (record('releasePendingFile', r), true),
      onFilesPending: (cb: (f: unknown) => void) => (listeners.files!.push(cb), () => undefined),
      onMenuCommand: (cb: (c: unknown) => void) => (listeners.menu!.push(cb), () => undefined),
      saveFile: async (r: { bytes: Uint8Array; suggestedName: string; handle?: string; folder?: string }) => {
        calls.push({ name: 'saveFile', request: { suggestedName: r.suggestedName, handle: r.handle, folder: r.folder, text: new TextDecoder().decode(r.bytes.slice(0, 200)) } });
        return { status: 'saved', name: r.suggestedName, handle: r.handle ?? (handles++).toString(16).padStart(32, '0') };
      },
      chooseFolder: async () => ({ status: 'chosen', name: 'exports', handle: 'f'.repeat(32) }),
      setDocumentState: async (r: unknown) => (record('setDocumentState', r), true),
      setThemeSource: async (r: unknown) => (record('setThemeSource', r), true),
      closeWindow: async () => (record('closeWindow'), true),
      recentFiles: async () => [],
      openRecent: async () => [],
      onCloseRequested: (cb: () => void) => (listeners.close!.push(cb), () => undefined),
    };
    Object.defineProperty(window, 'hinge', { value: api, configurable: false });
    Object.assign(window, {
      __calls: calls,
      __menu: (command: string) => listeners.menu!.forEach((cb) => cb(command)),
      __close: () => listeners.close!.forEach((cb) => cb()),
    });
  }, options);
}

const calls = (page: Page, name: string) =>
  page.evaluate((n) => ((window as any).__calls as { name: string; request?: any }[]).filter((c) => c.name === n).map((c) => c.request), name);
const menu = (page: Page, command: string) => page.evaluate((c) => (window as any).__menu(c), command);

async function openLayer(page: Page): Promise<void> {
  await page.goto('/#/layer');
  await page.waitForFunction(() => ((document.querySelector('hinge-app')?.shadowRoot?.querySelector('hinge-layer-lab') as any)?.framesDrawn ?? 0) > 0);
}

// One app load for four steps instead of four (≈ 2 CPU-s each); the calls the fake preload records add up across steps, so each step asserts the state it starts from and counts its own calls.
test('the desktop window on one page: the theme reaches nativeTheme, menu commands, the menu\'s undo in a text field, and the close prompt', async ({ page }) => {
  await fakeDesktop(page);
  await openLayer(page);
  await test.step('the theme the user picks reaches Electron\'s nativeTheme, so the window\'s chrome follows it', async () => {
    // At start the window follows the stored pick: none yet, so the system.
    await expect.poll(async () => (await calls(page, 'setThemeSource')).at(-1)).toBe('system');
    await page.getByTestId('theme').selectOption('light');
    await expect.poll(async () => (await calls(page, 'setThemeSource')).at(-1)).toBe('light');
    await page.getByTestId('theme').selectOption('dark');
    await expect.poll(async () => (await calls(page, 'setThemeSource')).at(-1)).toBe('dark');
    await page.getByTestId('theme').selectOption('system');
    await expect.poll(async () => (await calls(page, 'setThemeSource')).at(-1)).toBe('system');
  });
  await test.step('menu commands: undo, redo, labs, save to the same file, save as', async () => {
    // The default example, never saved: the first Save is this step's.
    await expect(page.getByTestId('activation')).toHaveValue('none');
    expect(await calls(page, 'saveFile')).toHaveLength(0);
    await page.getByTestId('activation').selectOption('relu');
    await menu(page, 'undo');
    await expect(page.getByTestId('activation')).toHaveValue('none');
    await menu(page, 'redo');
    await expect(page.getByTestId('activation')).toHaveValue('relu');
    await menu(page, 'lab.svd');
    await expect(page).toHaveURL(/#\/svd$/);

    await menu(page, 'save');
    await expect(page.getByTestId('dirty')).toHaveCount(0);
    const [first] = await calls(page, 'saveFile');
    expect(first).toMatchObject({ suggestedName: 'Untitled.hinge', handle: undefined });
    expect(first.text).toContain('"format": "hinge-project"');
    // The title bar follows: saved, under the name the dialog gave.
    expect((await calls(page, 'setDocumentState')).at(-1)).toEqual({ name: 'Untitled.hinge', dirty: false });

    await menu(page, 'lab.layer');
    await page.getByTestId('activation').selectOption('tanh');
    expect((await calls(page, 'setDocumentState')).at(-1)).toEqual({ name: 'Untitled.hinge', dirty: true });
    await menu(page, 'save');
    await expect(page.getByTestId('dirty')).toHaveCount(0);
    const second = (await calls(page, 'saveFile'))[1];
    expect(second.handle).toBe((100).toString(16).padStart(32, '0')); // Save writes back to the same file
    await menu(page, 'saveAs');
    await expect.poll(async () => (await calls(page, 'saveFile')).length).toBe(3);
    expect((await calls(page, 'saveFile'))[2].handle).toBeUndefined(); // Save As asks again
  });
  await test.step('Ctrl+Z from the menu inside a text field undoes the typing, not the lab', async () => {
    // On the Layer lab, not at ReLU, so choosing it is an edit.
    await expect(page).toHaveURL(/#\/layer$/);
    await expect(page.getByTestId('activation')).not.toHaveValue('relu');
    await page.getByTestId('activation').selectOption('relu');
    const field = page.getByTestId('expr-W');
    await field.fill('[[7, 7], [7, 7]]');
    await field.focus();
    await menu(page, 'undo');
    await expect(page.getByTestId('activation')).toHaveValue('relu');
  });
  await test.step('closing with unsaved changes asks: Save saves and closes, Cancel keeps the window', async () => {
    // Nothing has closed the window yet; the saves of the steps before are counted out.
    expect(await calls(page, 'closeWindow')).toHaveLength(0);
    await expect(page.getByTestId('activation')).not.toHaveValue('swish');
    const saves = (await calls(page, 'saveFile')).length;
    await page.getByTestId('activation').selectOption('swish');
    await page.evaluate(() => (window as any).__close());
    await expect(page.getByTestId('unsaved-dialog')).toBeVisible();
    await page.getByTestId('unsaved-cancel').click();
    expect(await calls(page, 'closeWindow')).toHaveLength(0);
    await page.evaluate(() => (window as any).__close());
    await page.getByTestId('unsaved-save').click();
    await expect.poll(async () => (await calls(page, 'closeWindow')).length).toBe(1);
    expect(await calls(page, 'saveFile')).toHaveLength(saves + 1); // one Save, this step's
    // The last autosave says the window was closed on purpose, so the next start begins afresh.
    expect(JSON.parse(await page.evaluate(() => (window as any).__autosave)).closed).toBe(true);
  });
});

test('a project given on the command line opens at start, and its handle is kept for Save', async ({ page }) => {
  const project = {
    format: 'hinge-project', version: 2, view: 'layer', theme: 'light',
    labs: { layer: { state: { shape: '2x2', W: [[0, 1], [1, 0]], b: [0, 0], x: [1, 0.5], activation: 'gelu', leak: 0.1, time: 3, playing: false, speed: 1, stacked: false, W2: [[1, 0], [0, 1]], b2: [0, 0], seed: 1 } } },
  };
  await fakeDesktop(page, { pending: [{ name: 'swap.hinge', text: JSON.stringify(project) }] });
  await openLayer(page);
  await expect(page.getByTestId('activation')).toHaveValue('gelu');
  await expect(page.getByTestId('doc-name')).toContainText('swap');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  expect(await calls(page, 'releasePendingFile')).toEqual([{ id: '1'.padStart(32, '0') }]);
  await page.getByTestId('activation').selectOption('none');
  await menu(page, 'save');
  await expect.poll(async () => (await calls(page, 'saveFile'))[0]?.handle).toBe('1'.padStart(32, '0'));
});

test('after a crash the reloaded page restores the autosave, unsaved', async ({ page }) => {
  await fakeDesktop(page);
  await openLayer(page);
  await page.getByTestId('activation').selectOption('leaky-relu');
  await page.waitForFunction(() => ((window as any).__autosave ?? '').includes('leaky-relu'));
  const autosave = await page.evaluate(() => (window as any).__autosave as string);
  const next = await page.context().newPage();
  await fakeDesktop(next, { autosave });
  // The restore says so in an info toast that leaves after 6 s: look for it as soon as the page
  // starts, not after the first frame (which can take longer than that on a busy machine).
  await next.goto('/#/layer');
  await expect(next.getByTestId('toast').filter({ hasText: 'Restored your work' })).toBeVisible();
  await expect(next.getByTestId('activation')).toHaveValue('leaky-relu');
  await expect(next.getByTestId('dirty')).toBeVisible();
});

test('a command-line project opens after the autosave is restored, asking about the unsaved work first', async ({ page }) => {
  // An autosave with unsaved work (tanh), and a project file (gelu) given on the command line.
  await fakeDesktop(page);
  await openLayer(page);
  await page.getByTestId('activation').selectOption('tanh');
  await page.waitForFunction(() => ((window as any).__autosave ?? '').includes('tanh'));
  const autosave = await page.evaluate(() => (window as any).__autosave as string);
  const project = JSON.parse(autosave).project;
  project.labs.layer.state.activation = 'gelu';
  const next = await page.context().newPage();
  await fakeDesktop(next, { autosave, pending: [{ name: 'mine.hinge', text: JSON.stringify(project) }] });
  await openLayer(next);
  await expect(next.getByTestId('unsaved-dialog')).toBeVisible();
  await expect(next.getByTestId('activation')).toHaveValue('tanh');
  await next.getByTestId('unsaved-discard').click();
  await expect(next.getByTestId('activation')).toHaveValue('gelu');
  await expect(next.getByTestId('doc-name')).toContainText('mine');
});

test('after a restart, Save goes to the file the main process re-issued a handle for; with none kept, Save asks', async ({ page }) => {
  test.slow(); // three pages, each a full start of the app
  // The main process's real autosave store between two runs (two registries, one userData folder).
  const { AutosaveStore } = await import('../../electron/autosave.ts');
  const { HandleRegistry } = await import('../../electron/file-handles.ts');
  const userData = mkdtempSync(join(tmpdir(), 'hinge-e2e-restart-'));
  try {
    const projectPath = join(userData, 'swap.hinge');
    const project = { format: 'hinge-project', version: 2, view: 'layer', theme: 'dark', labs: {} };
    writeFileSync(projectPath, JSON.stringify(project));
    const firstRun = new HandleRegistry();
    const openedId = '1'.padStart(32, '0'); // the id fakeDesktop gives the first pending file
    firstRun.adopt(openedId, projectPath); // as OpenFileQueue does for an opened project
    await fakeDesktop(page, { pending: [{ name: 'swap.hinge', text: JSON.stringify(project) }] });
    await openLayer(page);
    await expect(page.getByTestId('doc-name')).toContainText('swap');
    await page.getByTestId('activation').selectOption('tanh');
    await page.waitForFunction(() => ((window as any).__autosave ?? '').includes('tanh'));
    const record = await page.evaluate(() => (window as any).__autosave as string);
    expect(JSON.parse(record).handle).toBe(openedId);
    expect(await new AutosaveStore(join(userData, 'autosave.json'), firstRun).write(record)).toEqual({ status: 'saved' });

    // Hinge restarts: a new registry; the page gets what the store gives it.
    const secondRun = new HandleRegistry();
    const restored = (await new AutosaveStore(join(userData, 'autosave.json'), secondRun).read())!;
    expect(restored).not.toContain(userData); // no path reaches the page
    const handle = JSON.parse(restored).handle as string;
    expect(secondRun.pathOf(handle, 'file')).toBe(projectPath);
    const next = await page.context().newPage();
    await fakeDesktop(next, { autosave: restored });
    await openLayer(next);
    await expect(next.getByTestId('activation')).toHaveValue('tanh');
    await menu(next, 'save');
    await expect.poll(async () => (await calls(next, 'saveFile'))[0]?.handle).toBe(handle);

    // An autosave an older Hinge wrote (no path kept): restored without the dead handle, Save asks.
    rmSync(join(userData, 'autosave-project.json'));
    const older = (await new AutosaveStore(join(userData, 'autosave.json'), new HandleRegistry()).read())!;
    expect(JSON.parse(older)).not.toHaveProperty('handle');
    const third = await page.context().newPage();
    await fakeDesktop(third, { autosave: older });
    await openLayer(third);
    await expect(third.getByTestId('activation')).toHaveValue('tanh');
    await menu(third, 'save');
    await expect.poll(async () => (await calls(third, 'saveFile')).length).toBe(1);
    expect((await calls(third, 'saveFile'))[0]).toMatchObject({ suggestedName: 'swap.hinge', handle: undefined });
  } finally {
    rmSync(userData, { recursive: true, force: true });
  }
});
