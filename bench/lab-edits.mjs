// npm run bench — the JavaScript time of one edit in each lab, before the lab shell (issue 15) and
// now, side by side in one run. Measurements, never assertions.
//
// For each lab, 20 edits are made through the lab's store (the same action a field or slider
// calls) in headless Chromium, alternating values so none is a no-op. The JS time of an edit is
//   (store action → the element's update finished, all synchronous and microtask work)
// + (the start of the next animation frame → the end of the lab's frame callback, where the scene
//    is updated and drawn),
// i.e. the work the edit costs the main thread, without the idle wait for the frame. The median
// of the 20 is printed. "Before" is the web build of BEFORE_COMMIT (the last commit before the
// shell), built once into bench/.before-web from a temporary git worktree; "now" is this tree.
// Usage: node bench/lab-edits.mjs   (after npm run build:web; BENCH_EDITS=20)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../scripts/free-port.mjs';
import { chromium } from '@playwright/test';

const root = new URL('..', import.meta.url).pathname;
const BEFORE_COMMIT = '0dc1b72';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const EDITS = Number(process.env.BENCH_EDITS ?? 20);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))));
  });
}


/** The web build of BEFORE_COMMIT, made once. */
async function beforeBuild() {
  const out = join(root, 'bench/.before-web');
  if (existsSync(join(out, 'index.html'))) return out;
  const tree = await mkdtemp(join(tmpdir(), 'hinge-before-'));
  await run('git', ['worktree', 'add', '--detach', tree, BEFORE_COMMIT], root);
  try {
    await symlink(join(root, 'node_modules'), join(tree, 'node_modules'));
    await run('npm', ['run', 'build:web', '--', '--outDir', out, '--emptyOutDir'], tree);
  } finally {
    await run('git', ['worktree', 'remove', '--force', tree], root);
    await rm(tree, { recursive: true, force: true });
  }
  return out;
}

async function preview(outDir) {
  const port = await freePort();
  // vite itself, not npx: killing npx would leave its vite child serving the port.
  const child = spawn(join(root, 'node_modules/.bin/vite'), ['preview', '--config', 'vite.web.config.ts', '--port', String(port), '--strictPort', '--outDir', outDir], { cwd: root, stdio: 'ignore' });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return { child, url: `http://127.0.0.1:${port}` };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('vite preview did not start');
}

/** Per lab: its element, and an edit `i` made through its store (a string evaluated in the page). */
const LABS = [
  { id: 'layer', tag: 'hinge-layer-lab', what: 'move x (drag)', edit: 's.setPoint([0.5 + 0.01 * (i % 7), -0.3])' },
  { id: 'layer', tag: 'hinge-layer-lab', what: 'edit a cell of W', edit: 's.setMatrix([[1 + 0.01 * (i % 7), 0.5], [-0.4, 1.2]])' },
  { id: 'svd', tag: 'hinge-svd-lab', what: 'edit a cell of W (3×3)', edit: 's.setMatrix([[1 + 0.01 * (i % 7), 2, 0], [0, 1, 1], [1, 0, 1]])' },
  { id: 'regions', tag: 'hinge-regions-lab', what: 'opacity slider', edit: 's.setView({ opacity: 0.5 + 0.05 * (i % 7) })' },
  { id: 'attention', tag: 'hinge-attention-lab', what: 'temperature slider', edit: 's.setTemperature(1 + 0.1 * (i % 7))' },
  // The LoRA lab's default example has no 2D/3D picture (ΔW is 256×256), so it may never draw a frame.
  { id: 'lora', tag: 'hinge-lora-lab', what: 'rank slider', edit: 's.setRank(1 + (i % 2))', noScene: true },
  { id: 'gradients', tag: 'hinge-gradients-lab', what: 'edit the input x', edit: 's.setInput([0.5 + 0.01 * (i % 7), -0.3])' },
];

async function measure(browser, url, lab) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(() => localStorage.setItem('hinge.tour', 'done'));
  await page.goto(`${url}/#/${lab.id}`);
  await page.waitForFunction(({ tag, noScene }) => {
    const el = document.querySelector('hinge-app')?.shadowRoot?.querySelector(tag);
    return el?.store && (noScene || (el.framesDrawn ?? 0) > 0);
  }, { tag: lab.tag, noScene: lab.noScene === true }, { timeout: 60_000 });
  const times = await page.evaluate(
    async ({ tag, edit, edits }) => {
      const el = document.querySelector('hinge-app').shadowRoot.querySelector(tag);
      const s = el.store;
      const act = new Function('s', 'i', edit);
      const out = [];
      for (let i = 0; i < edits + 3; i++) {
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const t0 = performance.now();
        act(s, i);
        await el.updateComplete;
        const sync = performance.now() - t0;
        // Registered after the lab's own frame callback: runs right after it in the same frame.
        const frame = await new Promise((r) => requestAnimationFrame((start) => r(performance.now() - start)));
        if (i >= 3) out.push(sync + frame);
      }
      return out;
    },
    { tag: lab.tag, edit: lab.edit, edits: EDITS },
  );
  await page.close();
  return median(times);
}

const now = join(root, 'out/web');
if (!existsSync(join(now, 'index.html'))) throw new Error('Run npm run build:web first.');
const before = await beforeBuild();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const servers = { before: await preview(before), now: await preview(now) };
console.log(`\nJS time per edit (median of ${EDITS}; ms) — before the lab shell (${BEFORE_COMMIT}) and now`);
console.log('lab        edit                        before      now   now/before');
try {
  for (const lab of LABS) {
    const b = await measure(browser, servers.before.url, lab);
    const n = await measure(browser, servers.now.url, lab);
    console.log(`${lab.id.padEnd(10)} ${lab.what.padEnd(26)} ${b.toFixed(2).padStart(8)} ${n.toFixed(2).padStart(8)}   ${(n / b).toFixed(2)}×`);
  }
} finally {
  await browser.close();
  servers.before.child.kill();
  servers.now.child.kill();
}
