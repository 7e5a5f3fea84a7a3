// Screenshots of the Regions lab in both themes (for looking at):
//   node scripts/screenshots-regions.mjs [outDir] [webOutDir]   (after a vite web build)
// 2D: colour by layer with its legend, boundaries by layer with one layer hidden, a picked
// neuron's boundary, the segment with its crossings and count, a hover tooltip, the output
// surface with the segment as a graph; 3D: cells coloured by layer, the segment, the slice.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const out = process.argv[2] ?? '/tmp/hinge-shots';
// A build folder relative to the vite root (renderer/), as `vite build --outDir` took it; none: the config's out/web.
const webOut = process.argv[3];
const port = Number(process.env.HINGE_SHOTS_PORT ?? 4192);
await mkdir(out, { recursive: true });
const server = spawn('npx', ['vite', 'preview', '--config', 'vite.web.config.ts', '--port', String(port), '--strictPort', ...(webOut ? ['--outDir', webOut] : [])], { stdio: 'ignore' });
const url = `http://127.0.0.1:${port}/#/regions`;
try {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break; } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  // Each theme starts from the lab's first state: no autosave restored on reload.
  await page.addInitScript(() => localStorage.removeItem('hinge.autosave'));
  const settle = () => page.waitForTimeout(400);
  const shot = async (name) => { await settle(); await page.screenshot({ path: `${out}/regions-${name}.png` }); };
  const counted = () => page.getByText(/after each layer: \d+/).waitFor({ timeout: 60_000 });
  const stage = page.getByTestId('stage');
  for (const theme of ['dark', 'light']) {
    await page.goto(url);
    await page.evaluate((t) => localStorage.setItem('hinge.theme', t), theme);
    await page.reload();
    await counted();
    // 2D, 2→16→16→1: colour by layer with its legend, and the segment.
    await page.getByTestId('coloring').selectOption('layer');
    await page.getByTestId('line-on').check();
    await page.getByTestId('line-count').waitFor();
    await shot(`${theme}-2d-layer-line`);
    // Hover a region in the middle of the view.
    const box = await stage.boundingBox();
    await page.mouse.move(box.x + box.width * 0.42, box.y + box.height * 0.4);
    await page.getByTestId('region-hover').waitFor();
    await shot(`${theme}-2d-hover`);
    await page.mouse.move(box.x + 2, box.y + box.height - 2);
    // A neuron of layer 2 picked: its boundary outlined; boundaries by layer with layer 1 hidden.
    await page.getByTestId('coloring').selectOption('region');
    await page.getByTestId('neuron-layer').selectOption({ label: 'layer 2' });
    await page.getByTestId('neuron-index').selectOption({ label: '3' });
    await page.getByTestId('by-layer').check();
    await shot(`${theme}-2d-neuron-bylayer`);
    await page.getByTestId('boundary-layer-1').click();
    await shot(`${theme}-2d-layer1-hidden`);
    await page.getByTestId('boundary-layer-1').click();
    await page.getByTestId('by-layer').uncheck();
    // A bad bias: the message at the field.
    await page.getByTestId('neuron-bias').fill('1,5');
    await page.getByTestId('neuron-bias').press('Enter');
    await shot(`${theme}-2d-bad-bias`);
    // The output surface with the segment drawn as the graph of f along it.
    await page.getByTestId('neuron-layer').selectOption({ label: 'none' });
    await page.getByTestId('surface').check();
    await shot(`${theme}-2d-surface-line`);
    await page.getByTestId('surface').uncheck();
    // 3D, 3→8→8→1: cells coloured by layer, the segment, then the slice.
    await page.getByTestId('inputs-3').click();
    await page.getByTestId('widths').fill('8, 8');
    await page.getByTestId('widths').press('Enter');
    await page.getByText(/after each layer: \d+ → \d+/).waitFor({ timeout: 60_000 });
    await page.getByTestId('coloring').selectOption('layer');
    await page.getByTestId('line-on').check();
    await shot(`${theme}-3d-layer-line`);
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await page.getByTestId('region-hover').waitFor();
    await shot(`${theme}-3d-hover`);
    await page.mouse.move(box.x + 2, box.y + box.height - 2);
    await page.getByTestId('neuron-layer').selectOption({ label: 'layer 2' });
    await page.getByTestId('neuron-index').selectOption({ label: '2' });
    await shot(`${theme}-3d-neuron`);
    await page.getByTestId('slice-on').check();
    await shot(`${theme}-3d-slice`);
  }
  await browser.close();
} finally {
  server.kill();
}
