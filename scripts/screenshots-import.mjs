// Screenshots of the import dialog (each step) and of each lab's imported-matrix panel, in both
// themes (for looking at):
//   node scripts/screenshots-import.mjs [outDir] [bigNpy]   (after building to renderer/out/web-import)
// bigNpy: an optional large .npy (e.g. 3000×2500, made with numpy) to show the top-k path.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const out = process.argv[2] ?? '/tmp/hinge-import-shots';
const big = process.argv[3];
const port = Number(process.env.HINGE_SHOTS_PORT ?? 4194);
const webOut = process.env.HINGE_WEB_OUT ?? 'out/web-import';
const fixtures = join(import.meta.dirname, '../test/fixtures/import');
await mkdir(out, { recursive: true });
// vite itself, not through npx, so that killing it stops the server.
const server = spawn(join(import.meta.dirname, '../node_modules/.bin/vite'), ['preview', '--config', 'vite.web.config.ts', '--port', String(port), '--strictPort', '--outDir', webOut], { stdio: 'ignore' });
try {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break; } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--no-first-run'],
  });
  let page;
  const shot = (name) => page.screenshot({ path: `${out}/${name}.png` });
  const choose = (file) => page.getByTestId('import-file-input').setInputFiles(file);
    // The dialog element exists once a file has been dropped; showEmpty is what openImportPicker calls.
  const picker = () => page.evaluate(() => { void document.querySelector('hinge-import-dialog').showEmpty(); });
  const drop = async (file) => {
    const data = await page.evaluateHandle(({ name, b64 }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
      return transfer;
    }, { name: file.split('/').pop(), b64: readFileSync(file).toString('base64') });
    await page.dispatchEvent('hinge-app', 'drop', { dataTransfer: data });
  };
  for (const theme of ['dark', 'light']) {
    // A fresh context per theme: no autosave from the other run is restored.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript((t) => localStorage.setItem('hinge.theme', t), theme);
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
    await page.goto(`http://127.0.0.1:${port}/#/map`);
    await page.getByTestId('open').waitFor();
    await drop(join(fixtures, 'model.safetensors'));
    await page.getByTestId('import-summary').waitFor();
    await page.getByTestId('import-close').click();
    await picker();
    await page.getByTestId('import-dialog').waitFor();
    await shot(`${theme}-1-empty`);
    await choose(join(fixtures, 'model.safetensors'));
    await page.getByTestId('import-summary').waitFor();
    await shot(`${theme}-2-safetensors`);
    await page.getByTestId('import-tensors').getByRole('radio', { name: 'attn.qkv' }).check();
    await page.getByTestId('import-index-0').fill('1');
    await page.getByTestId('import-index-0').press('Enter');
    await page.waitForTimeout(300);
    await shot(`${theme}-3-slice`);
    await page.getByTestId('target-svd-block').check();
    await page.getByTestId('block-size').selectOption('3');
    await page.getByTestId('block-row').fill('4');
    await page.getByTestId('block-row').press('Enter');
    await page.waitForTimeout(200);
    await shot(`${theme}-4-block`);
    await choose(join(fixtures, 'truncated_8x8.npy'));
    await page.getByTestId('import-error').waitFor();
    await shot(`${theme}-5-error-npy`);
    await choose(join(fixtures, 'bad_cell.csv'));
    await page.getByTestId('import-error-place').getByText('line').waitFor();
    await shot(`${theme}-6-error-csv`);
    await choose(join(fixtures, 'stack_4x24x20.npy'));
    await page.getByTestId('import-summary').waitFor();
    await page.getByTestId('target-gradients').check();
    await page.getByTestId('import-apply').click();
    await page.getByTestId('imported-condition').waitFor();
    await page.waitForTimeout(300);
    await shot(`${theme}-7-gradients`);
    await picker();
    await choose(join(fixtures, 'model.safetensors'));
    await page.getByTestId('import-tensors').getByRole('radio', { name: 'decoder.weight' }).check();
    await page.getByTestId('import-shape').getByText('40 × 96').waitFor();
    await page.getByTestId('target-lora').check();
    await page.getByTestId('import-apply').click();
    await page.getByTestId('compression-at-r').waitFor();
    await page.waitForTimeout(400);
    await shot(`${theme}-8-lora`);
    await picker();
    await choose(join(fixtures, 'low_rank_64x48.npy'));
    await page.getByTestId('import-summary').waitFor();
    await page.getByTestId('target-svd-spectrum').check();
    await page.getByTestId('import-apply').click();
    await page.getByTestId('imported-spectrum-summary').waitFor();
    await page.waitForTimeout(400);
    await shot(`${theme}-9-svd`);
    if (big && existsSync(big)) {
      await picker();
      await choose(big);
      await page.getByTestId('import-summary').waitFor({ timeout: 60_000 });
      await page.getByTestId('target-svd-spectrum').check();
      await shot(`${theme}-10-big-dialog`);
      await page.getByTestId('import-apply').click();
      await page.getByTestId('imported-progress').waitFor({ timeout: 60_000 }).catch(() => {});
      await shot(`${theme}-11-big-progress`);
      await page.getByTestId('imported-error-estimate').waitFor({ timeout: 300_000 });
      await page.waitForTimeout(400);
      await shot(`${theme}-12-big-svd`);
      for (const [target, ready, name] of [['lora', 'compression-at-r', '12b-big-lora'], ['gradients', 'imported-condition-pending', '12c-big-gradients']]) {
        await picker();
        await choose(big);
        await page.getByTestId('import-summary').waitFor({ timeout: 60_000 });
        await page.getByTestId(`target-${target}`).check();
        await page.getByTestId('import-apply').click();
        await page.getByTestId(ready).waitFor({ timeout: 300_000 });
        await page.waitForTimeout(400);
        await shot(`${theme}-${name}`);
      }
    }
    // The autosave keeps which matrix was imported, not its values: after a reload the lab asks for the file.
    await page.waitForTimeout(1500);
    await page.reload();
    await page.getByTestId('imported-missing').waitFor();
    await page.waitForTimeout(300);
    await shot(`${theme}-13-missing`);
    await context.close();
  }
  await browser.close();
} finally {
  server.kill();
}
console.log('screenshots in', out);
