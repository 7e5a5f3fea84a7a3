// Screenshots of the SVD lab's stages and the spectrum view, in both themes (for looking at):
//   node scripts/screenshots-svd.mjs [outDir]   (after npm run build:web)
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const out = process.argv[2] ?? '/tmp/hinge-shots';
await mkdir(out, { recursive: true });
const server = spawn('npx', ['vite', 'preview', '--config', 'vite.web.config.ts', '--port', '4177', '--strictPort'], { stdio: 'ignore' });
try {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch('http://127.0.0.1:4177/')).ok) break; } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  // Each visit starts from the lab's first state: no autosave restored on reload.
  await page.addInitScript(() => localStorage.removeItem('hinge.autosave'));
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  for (const theme of ['dark', 'light']) {
    await page.goto('http://127.0.0.1:4177/#/svd');
    await page.evaluate((t) => localStorage.setItem('hinge.theme', t), theme);
    await page.reload();
    await page.getByTestId('stage').locator('canvas').waitFor();
    await page.waitForTimeout(300);
    for (const t of ['0', '0.5', '1', '1.5', '2', '2.5', '3']) {
      await page.getByTestId('scrubber').fill(t);
      await page.waitForTimeout(120);
      await page.screenshot({ path: `${out}/svd-${theme}-t${t}.png` });
    }
    await page.getByTestId('shape-3x3').click();
    await page.getByTestId('preset-random').click();
    await page.getByTestId('scrubber').fill('1.5');
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${out}/svd-${theme}-3x3.png` });
    await page.getByTestId('shape-3x2').click();
    await page.getByTestId('scrubber').fill('3');
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${out}/svd-${theme}-3x2.png` });
    await page.getByTestId('spectrum-input').fill('randn(300, 200)');
    await page.getByTestId('spectrum-run').click();
    await page.getByTestId('spectrum-summary').waitFor({ timeout: 30000 }).catch(() => {});
    await page.screenshot({ path: `${out}/svd-${theme}-spectrum.png`, fullPage: true });
  }
  await browser.close();
} finally {
  server.kill();
}
console.log('screenshots in', out);
