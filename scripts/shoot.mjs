// Screenshots whole app views from the built web bundle (out/web), in both themes, for a person to look at.
// Run: node scripts/shoot.mjs <png folder> <port> <route> [route...]   e.g. node scripts/shoot.mjs /tmp/shots 4710 svd training
// Options by environment: SHOOT_SIZE=1280x800 (viewport).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const [dest, port, ...routes] = process.argv.slice(2);
const [width, height] = (process.env.SHOOT_SIZE ?? '1280x800').split('x').map(Number);
mkdirSync(dest, { recursive: true });
const server = spawn('npx', ['vite', 'preview', '--config', 'vite.web.config.ts', '--port', port, '--strictPort'], { stdio: 'ignore', detached: true });
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    try { if ((await fetch(base)).ok) break; } catch { /* not yet */ }
    if (i > 300) throw new Error('preview server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  for (const scheme of ['dark', 'light']) {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
    await context.addInitScript(() => localStorage.setItem('hinge.tour', 'done'));
    const page = await context.newPage();
    for (const route of routes) {
      await page.goto(`${base}/#/${route}`);
      await page.waitForLoadState('networkidle');
      await page.evaluate(async () => {
        const lab = document.querySelector('hinge-app')?.shadowRoot?.querySelector('main > *');
        if (lab && typeof lab.settled === 'function') await lab.settled();
      });
      const file = `${dest}/${route.replace(/\W+/g, '-')}-${scheme}.png`;
      await page.screenshot({ path: file });
      console.log(file);
    }
    await context.close();
  }
  await browser.close();
} finally {
  process.kill(-server.pid);
}
