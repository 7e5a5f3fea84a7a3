// Screenshots of the LoRA and Gradients labs, every view, in both themes (for looking at):
//   node scripts/screenshots-lora-gradients.mjs [outDir]   (after npm run build:web)
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const out = process.argv[2] ?? '/tmp/hinge-shots';
const port = 4178;
await mkdir(out, { recursive: true });
const server = spawn('npx', ['vite', 'preview', '--config', 'vite.web.config.ts', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
const base = `http://127.0.0.1:${port}`;

/** Waits until the lab's element reports a drawn frame (or the condition holds). */
async function settle(page, ms = 250) {
  await page.waitForTimeout(ms);
}

try {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${base}/`)).ok) break; } catch {}
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
  const shot = (name) => page.screenshot({ path: `${out}/${name}.png` });
  for (const theme of ['dark', 'light']) {
    // ---- LoRA ----
    await page.setViewportSize({ width: 1400, height: 860 });
    await page.goto(`${base}/#/lora`);
    await page.evaluate((t) => localStorage.setItem('hinge.theme', t), theme);
    await page.reload();
    await page.getByTestId('lora-heatmaps').waitFor();
    await settle(page, 500);
    await shot(`lora-${theme}-32`);
    await page.getByTestId('rank').fill('1');
    await settle(page);
    await shot(`lora-${theme}-32-r1`);
    await page.getByTestId('residual-scale').check();
    await settle(page);
    await shot(`lora-${theme}-32-r1-own`);
    await page.getByTestId('residual-scale').uncheck();
    await page.setViewportSize({ width: 1400, height: 2000 });
    await settle(page, 400);
    await shot(`lora-${theme}-tall`);
    await page.setViewportSize({ width: 1400, height: 860 });
    await page.getByTestId('size').selectOption('2');
    await page.getByTestId('stage').locator('canvas').waitFor();
    await settle(page, 500);
    await shot(`lora-${theme}-2x2`);
    await page.getByTestId('rank').fill('0');
    await settle(page);
    await shot(`lora-${theme}-2x2-r0`);
    await page.getByTestId('view-heatmaps').click();
    await settle(page);
    await shot(`lora-${theme}-2x2-heatmaps`);
    await page.getByTestId('size').selectOption('3');
    await settle(page, 600);
    await shot(`lora-${theme}-3x3`);
    await page.getByTestId('size').selectOption('256');
    await settle(page, 1200);
    await shot(`lora-${theme}-256`);
    await page.getByTestId('size').selectOption('16');
    await page.getByTestId('source-typed').check();
    await page.getByTestId('expr-dW').fill('randn(3, 3)');
    await page.getByTestId('expr-dW').press('Enter');
    await page.getByTestId('error-dW').waitFor();
    await page.getByTestId('expr-W0').fill('[1, 2; 3');
    await page.getByTestId('expr-W0').press('Enter');
    await page.getByTestId('error-W0').waitFor();
    await settle(page);
    await shot(`lora-${theme}-errors`);

    // ---- Gradients ----
    await page.goto(`${base}/#/gradients`);
    await page.getByTestId('stage-forward').locator('canvas').waitFor();
    await settle(page, 600);
    await shot(`gradients-${theme}-layer`);
    await page.getByTestId('g-u2').click();
    await settle(page, 300);
    await shot(`gradients-${theme}-layer-u2`);
    await page.getByTestId('shape-3x3').click();
    await page.getByTestId('preset-random').click();
    await settle(page, 600);
    await shot(`gradients-${theme}-3x3`);
    await page.getByTestId('shape-2x3').click();
    await settle(page, 600);
    await shot(`gradients-${theme}-2x3`);
    await page.getByTestId('view-chain').click();
    await page.getByTestId('gradient-norm-chart').waitFor();
    await settle(page, 600);
    await shot(`gradients-${theme}-chain`);
    await page.getByTestId('scale').fill('-2');
    await settle(page, 400);
    await shot(`gradients-${theme}-chain-small`);
    await page.getByTestId('scale').fill('2');
    await settle(page, 400);
    await shot(`gradients-${theme}-chain-large`);
    await page.getByTestId('relu').check();
    await page.getByTestId('use-critical').click();
    await settle(page, 400);
    await shot(`gradients-${theme}-chain-relu`);
    await page.getByTestId('init').selectOption('orthogonal');
    await page.getByTestId('width').selectOption('256');
    await page.getByTestId('depth').fill('100');
    await page.getByTestId('depth').dispatchEvent('change');
    await page.getByTestId('chain-progress').waitFor({ timeout: 10_000 }).catch(() => {});
    await settle(page, 800);
    await shot(`gradients-${theme}-chain-running`);
    await page.getByTestId('chain-progress').waitFor({ state: 'detached', timeout: 120_000 });
    await settle(page, 400);
    await shot(`gradients-${theme}-chain-heavy`);
  }
  await browser.close();
} finally {
  server.kill();
}
console.log('screenshots in', out);
