// The Model lab as it runs inside Electron, with the preload's API played by the test: the
// checkpoint is chosen in the main process's dialog and read by byte range through readRange
// (the real renderer build, DesktopHost, the model worker reading through a comlink proxy to the
// page). The fake serves the fixture's bytes with the main process's checks and records each range.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from './fixtures.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'checkpoints');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as { llama: { metrics: Record<string, { frobenius: number; spectral: number }> } };
const LLAMA_MATRICES = 15;

/** The fixture folder's files as the main process would hand them out: folder/name and base64 bytes. */
function folderFiles(folder: string): { name: string; base64: string }[] {
  return readdirSync(join(FIXTURES, folder)).sort().map((f) => ({ name: `${folder}/${f}`, base64: readFileSync(join(FIXTURES, folder, f)).toString('base64') }));
}

async function fakeDesktop(page: Page, files: { name: string; base64: string }[]): Promise<void> {
  await page.addInitScript((list) => {
    const calls: { name: string; request?: unknown }[] = [];
    const disk = new Map<string, Uint8Array>();
    let next = 1;
    const open = () => list.map((f) => {
      const handle = (next++).toString(16).padStart(32, '0');
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      disk.set(handle, bytes);
      return { handle, name: f.name, size: bytes.length, modified: 1_700_000_000_000 };
    });
    const api = {
      savePng: async () => ({ status: 'canceled' }),
      copyPng: async () => ({ status: 'copied' }),
      appInfo: async () => ({ version: '0.0.0', platform: 'linux' }),
      autosaveWrite: async () => ({ status: 'saved' }),
      autosaveRead: async () => null,
      autosaveKeepRejected: async () => null,
      showOpenDialog: async () => [],
      pendingFiles: async () => [],
      readPendingFile: async () => ({ status: 'failed', reason: 'none' }),
      releasePendingFile: async () => true,
      onFilesPending: () => () => undefined,
      onMenuCommand: () => () => undefined,
      saveFile: async () => ({ status: 'canceled' }),
      chooseFolder: async () => ({ status: 'canceled' }),
      setDocumentState: async () => true,
      setThemeSource: async () => true,
      closeWindow: async () => true,
      recentFiles: async () => [],
      openRecent: async () => [],
      openCheckpoint: async (r: { folder: boolean }) => (calls.push({ name: 'openCheckpoint', request: r }), { status: 'opened', files: open() }),
      readRange: async (r: { handle: string; offset: number; length: number }) => {
        calls.push({ name: 'readRange', request: r });
        const bytes = disk.get(r.handle);
        if (!bytes) return { status: 'failed', code: 'unknown-handle', reason: 'Hinge has no such checkpoint file open in this window.' };
        if (r.offset + r.length > bytes.length) return { status: 'failed', code: 'out-of-range', reason: 'outside the file' };
        return { status: 'read', bytes: bytes.slice(r.offset, r.offset + r.length) };
      },
      releaseCheckpoint: async (r: { handles: string[] }) => {
        calls.push({ name: 'releaseCheckpoint', request: r });
        for (const h of r.handles) disk.delete(h);
        return r.handles.length;
      },
      onCloseRequested: () => () => undefined,
    };
    Object.defineProperty(window, 'hinge', { value: api, configurable: false });
    Object.assign(window, { __calls: calls });
  }, files);
}

const calls = (page: Page, name: string) =>
  page.evaluate((n) => ((window as any).__calls as { name: string; request?: any }[]).filter((c) => c.name === n).map((c) => c.request), name);

test.describe.configure({ timeout: 240_000 });

test('on the desktop a checkpoint folder opens through the dialog and is read range by range through the main process', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const files = folderFiles('llama');
  await fakeDesktop(page, files);
  await page.goto('/#/model');
  // The desktop shows dialog buttons, not the browser's file inputs.
  await expect(page.getByTestId('model-open-folder')).toBeVisible();
  await expect(page.getByTestId('model-open-input')).toHaveCount(0);
  await page.getByTestId('model-open-folder').click();
  await expect(page.getByTestId('model-summary')).toContainText('safetensors-sharded');
  await expect(page.getByTestId('model-row')).toHaveCount(LLAMA_MATRICES);
  await expect(page.getByTestId('model-progress')).toHaveCount(0);
  expect(await calls(page, 'openCheckpoint')).toEqual([{ folder: true }]);

  for (const [name, facts] of Object.entries(expected.llama.metrics)) {
    const row = page.locator(`[data-testid="model-row"][data-name="${name}"]`);
    const frobenius = Number(await row.locator('[data-metric="frobenius"]').getAttribute('data-value'));
    expect(Math.abs(frobenius - facts.frobenius)).toBeLessThanOrEqual(1e-10 * facts.frobenius);
  }
  // Only ranges: every one lies inside its file, and no read covers a whole shard (the small JSON
  // files are read whole, as they must be).
  const ranges = (await calls(page, 'readRange')) as { handle: string; offset: number; length: number }[];
  const handleOf = (i: number) => (i + 1).toString(16).padStart(32, '0');
  const sizes = new Map(files.map((f, i) => [handleOf(i), Buffer.from(f.base64, 'base64').length]));
  const shards = new Set(files.flatMap((f, i) => (f.name.endsWith('.safetensors') ? [handleOf(i)] : [])));
  expect(shards.size).toBe(3);
  expect(ranges.length).toBeGreaterThan(LLAMA_MATRICES);
  for (const r of ranges) {
    expect(r.offset + r.length).toBeLessThanOrEqual(sizes.get(r.handle)!);
    if (shards.has(r.handle)) expect(r.length).toBeLessThan(sizes.get(r.handle)!);
  }

  // Opening another checkpoint lets go of the first one's files.
  await page.getByTestId('model-open-files').click();
  await expect.poll(() => calls(page, 'releaseCheckpoint')).toEqual([{ handles: [...sizes.keys()] }]);
  await expect(page.getByTestId('model-row')).toHaveCount(LLAMA_MATRICES);
  expect(errors).toEqual([]);
});
