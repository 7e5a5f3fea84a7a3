// Screenshots of every Layer lab view and theme, for looking at (not a test):
//   node scripts/screenshots.mjs [outDir]   (after npm run build:web)
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const out = process.argv[2] ?? '/tmp/hinge-shots';
await mkdir(out, { recursive: true });
const server = spawn('npx', ['vite', 'preview', '--config', 'vite.web.config.ts', '--port', '4175', '--strictPort'], { stdio: 'ignore' });
try {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch('http://127.0.0.1:4175/')).ok) break; } catch {}
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
  page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
  const views = (process.env.VIEWS ?? '2x2,3x3,2x3,3x2').split(',');
  for (const theme of ['dark', 'light']) {
    await page.goto('http://127.0.0.1:4175/#/layer');
    await page.evaluate((t) => localStorage.setItem('hinge.theme', t), theme);
    await page.reload();
    await page.getByTestId('stage').locator('canvas').waitFor();
    await page.waitForTimeout(400);
    for (const shape of views) {
      await page.getByTestId(`shape-${shape}`).click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}/${theme}-${shape}.png` });
    }
    // States worth seeing in 2D: a flip, a nonlinearity, stacked layers, mid-animation.
    await page.getByTestId('shape-2x2').click();
    await page.getByTestId('preset-reflection').click();
    await page.screenshot({ path: `${out}/${theme}-reflection.png` });
    await page.getByTestId('preset-rotation').click();
    await page.getByTestId('activation').selectOption('relu');
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${out}/${theme}-relu.png` });
    await page.getByTestId('stack').check();
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${out}/${theme}-stacked-relu.png`, fullPage: true });
    await page.getByTestId('activation').selectOption('none');
    await page.getByTestId('scrubber').fill('1.5');
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${out}/${theme}-mid.png` });
    await page.getByTestId('stack').uncheck();
  }
  await browser.close();
} finally {
  server.kill();
}
console.log('screenshots in', out);
