// Screenshots of the Attention lab in both themes (for looking at):
//   node scripts/screenshots-attention.mjs [outDir]   (after npm run build:web)
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const out = process.argv[2] ?? '/tmp/hinge-shots';
const port = 4178;
await mkdir(out, { recursive: true });
const server = spawn('npx', ['vite', 'preview', '--config', 'vite.web.config.ts', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
const url = `http://127.0.0.1:${port}/#/attention`;
try {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break; } catch {}
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
  const settle = () => page.waitForTimeout(250);
  const shot = async (name) => { await settle(); await page.screenshot({ path: `${out}/attention-${name}.png` }); };
  for (const theme of ['dark', 'light']) {
    await page.setViewportSize({ width: 1400, height: 860 });
    await page.goto(url);
    await page.evaluate((t) => localStorage.setItem('hinge.theme', t), theme);
    await page.reload();
    await page.getByTestId('stage').locator('canvas').waitFor();
    await shot(`${theme}-default`);
    // The PNG export of the view (what hinge-export-panel saves), in the theme and on paper.
    for (const look of ['theme', 'paper']) {
      const bytes = await page.evaluate(async (look) => {
        const lab = document.querySelector('hinge-app').shadowRoot.querySelector('hinge-attention-lab');
        return Array.from((await lab.exportPng(1, look)).bytes);
      }, look);
      await writeFile(`${out}/attention-${theme}-export-${look}.png`, Buffer.from(bytes));
    }
    // Hover a score: the tooltip says "query i · key j = …".
    const scores = page.getByTestId('heatmap-scores').locator('rect.cell');
    await scores.nth(3).hover();
    await shot(`${theme}-hover-score`);
    await page.getByTestId('heatmap-X').locator('rect.cell').nth(2).hover();
    await shot(`${theme}-hover-x`);
    // Causal, two heads, the second shown.
    await page.getByTestId('causal').check();
    await page.getByTestId('heads-2').click();
    await page.getByTestId('head-1').click();
    await page.getByTestId('token-4').click();
    await shot(`${theme}-causal-2heads`);
    // d_k = 3: the values in space.
    await page.getByTestId('heads-1').click();
    await page.getByTestId('causal').uncheck();
    await page.getByTestId('size-dk').fill('3');
    await page.getByTestId('size-dk').press('Enter');
    await shot(`${theme}-3d`);
    // d_k = 6, d = 12: a projection onto the top two principal directions; no scaling.
    await page.getByTestId('size-d').fill('12');
    await page.getByTestId('size-d').press('Enter');
    await page.getByTestId('size-dk').fill('6');
    await page.getByTestId('size-dk').press('Enter');
    await page.getByTestId('scale').uncheck();
    await shot(`${theme}-projection`);
    // A long sentence (32 tokens).
    await page.getByTestId('scale').check();
    await page.getByTestId('size-dk').fill('2');
    await page.getByTestId('size-dk').press('Enter');
    const long = 'When the quick brown fox jumped over the lazy dog , the dog woke up , barked twice and chased it all the way home across the cold field .';
    await page.getByTestId('sentence').fill(long);
    await shot(`${theme}-long`);
    // Errors: 33 tokens, and a bad W_Q.
    await page.getByTestId("sentence").fill(`${long} and again and`);
    await page.getByTestId('open-W_Q').click();
    await page.getByTestId('expr-W_Q').fill('[1, 2; 3');
    await page.getByTestId('expr-W_Q').press('Enter');
    await page.getByTestId('error-W_Q').scrollIntoViewIfNeeded();
    await shot(`${theme}-error-w`);
    await page.getByTestId('sentence').scrollIntoViewIfNeeded();
    await shot(`${theme}-error-sentence`);
    // The whole inspector, on a tall page.
    await page.getByTestId('sentence').fill('the cat sat on the mat .');
    await page.setViewportSize({ width: 1400, height: 2300 });
    await shot(`${theme}-tall`);
  }
  await browser.close();
} finally {
  server.kill();
}
console.log('screenshots in', out);
