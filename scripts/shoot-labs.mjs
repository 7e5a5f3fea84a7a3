// Screenshots every lab's controls panel (the <aside>) in both themes from a built web bundle,
// to compare a CSS refactor before/after pixel by pixel.
// Run: node scripts/shoot-labs.mjs <outDir relative to renderer/> <png folder> <port>
//      node scripts/shoot-labs.mjs --diff <folder a> <folder b>
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { PNG } from 'pngjs';

const LABS = ['layer', 'svd', 'regions', 'attention', 'lora', 'gradients'];

if (process.argv[2] === '--diff') {
  const [a, b] = process.argv.slice(3);
  let bad = 0;
  for (const f of readdirSync(a).filter((n) => n.endsWith('.png'))) {
    const pa = PNG.sync.read(readFileSync(`${a}/${f}`));
    const pb = PNG.sync.read(readFileSync(`${b}/${f}`));
    if (pa.width !== pb.width || pa.height !== pb.height) { console.log(`${f}: size ${pa.width}x${pa.height} vs ${pb.width}x${pb.height}`); bad++; continue; }
    let n = 0;
    for (let i = 0; i < pa.data.length; i += 4) if (pa.data[i] !== pb.data[i] || pa.data[i + 1] !== pb.data[i + 1] || pa.data[i + 2] !== pb.data[i + 2]) n++;
    console.log(`${f}: ${pa.width}x${pa.height}, ${n} pixels differ`);
    if (n) bad++;
  }
  process.exit(bad ? 1 : 0);
}

const [outDir, dest, port] = process.argv.slice(2);
mkdirSync(dest, { recursive: true });
const server = spawn('npx', ['vite', 'preview', '--config', 'vite.web.config.ts', '--port', port, '--strictPort', '--outDir', outDir], { stdio: 'ignore', detached: true });
try {
  for (let i = 0; ; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break; } catch {}
    if (i > 200) throw new Error('preview did not start');
    await new Promise((r) => setTimeout(r, 150));
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
  for (const scheme of ['dark', 'light']) {
    for (const lab of LABS) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 1400 }, colorScheme: scheme,
        storageState: { cookies: [], origins: [{ origin: `http://127.0.0.1:${port}`, localStorage: [{ name: 'hinge.tour', value: 'done' }] }] } });
      const page = await ctx.newPage();
      await page.goto(`http://127.0.0.1:${port}/#/${lab}`);
      const aside = page.locator(`hinge-${lab}-lab aside`).first();
      await aside.waitFor();
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => document.fonts.ready);
      // Let workers' results land: wait until the aside's text stops changing across frames.
      let last = '';
      for (let k = 0; k < 40; k++) {
        const t = await aside.evaluate((e) => e.innerText);
        if (t === last && !t.includes('Counting')) break;
        last = t;
        await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
      }
      await aside.screenshot({ path: `${dest}/${lab}-${scheme}.png`, animations: 'disabled', caret: 'hide' });
      await ctx.close();
    }
  }
  await browser.close();
} finally {
  process.kill(-server.pid);
}
