// node bench/rsvd-phases.mjs — where the per-core randomized top-32 (q = 2, oversampling 10,
// ℓ = 42) of 2048×2048 spends its time (issue 18), one thread: the whole call split by phase
// (from its progress reports), and its pieces timed apart — the product kernels A·X and Xᵀ·A
// with ℓ = 42 and with the check's 4 columns (GFlop/s), the QR + explicit Q of a 2048×42
// panel, the 42×42 SVD. Not part of npm test or npm run bench: a measurement aid. Prints wall and
// CPU (process.cpuUsage) milliseconds, best of N, and the load average.
// Env: RSVD_PHASES_RUNS (default 5), RSVD_PHASES_N (default 2048).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { best, randomMatrix } from './measure.mjs';

const root = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.RSVD_PHASES_RUNS ?? 5);
const N = Number(process.env.RSVD_PHASES_N ?? 2048);

const dir = mkdtempSync(join(tmpdir(), 'hinge-rsvd-phases-'));
try {
  await build({
    root, configFile: false, logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true, minify: false, lib: { entry: { e: join(root, 'bench/rsvd-phases-entry.ts') }, formats: ['es'] }, rolldownOptions: { external: [/^node:/] } },
  });
  const L = await import(join(dir, 'e.js'));
  const load0 = loadavg();
  const n = N;
  const l = 42;
  const a = randomMatrix(n * n, 1000 + n);
  const fmt = (t) => `${t.wall.toFixed(1)} ms (CPU ${t.cpu.toFixed(1)})`;
  const gflops = (flops, t) => `${(flops / t.cpu / 1e6).toFixed(2)} GFlop/s by CPU, ${(flops / t.wall / 1e6).toFixed(2)} by wall`;
  console.log(`${L.kernelStatus()}, ${n}×${n}, ℓ = ${l}, best of ${RUNS}; load average ${load0.map((x) => x.toFixed(1)).join(' ')}`);

  // The whole call, split by phase from its progress reports (a phase's time runs until the next report of another phase).
  const phases = {};
  let whole = { wall: Infinity, cpu: Infinity };
  for (let r = 0; r <= RUNS; r++) {
    const marks = [];
    const mark = (phase) => marks.push({ phase, t: performance.now(), c: process.cpuUsage() });
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    L.randomizedSvd(a, n, n, 32, { powerIterations: 2, oversampling: 10, seed: 1, onProgress: (_, phase) => { if (marks.at(-1)?.phase !== phase) mark(phase); } });
    mark('end');
    const u = process.cpuUsage(c0);
    if (r === 0) continue; // warm-up
    const t = { wall: performance.now() - t0, cpu: (u.user + u.system) / 1000 };
    if (t.cpu < whole.cpu) {
      whole = t;
      for (const k of Object.keys(phases)) delete phases[k];
      for (let i = 0; i + 1 < marks.length; i++) {
        const p = (phases[marks[i].phase] ??= { wall: 0, cpu: 0 });
        p.wall += marks[i + 1].t - marks[i].t;
        const cu = process.cpuUsage(marks[i].c);
        const cn = process.cpuUsage(marks[i + 1].c);
        p.cpu += ((cu.user + cu.system) - (cn.user + cn.system)) / 1000;
      }
    }
  }
  console.log(`randomizedSvd top-32 q=2: ${fmt(whole)}`);
  for (const [k, v] of Object.entries(phases)) console.log(`  phase ${k.padEnd(8)} ${fmt(v)}`);

  // The product kernels alone.
  const op = L.thinOperator(a, n, n);
  try {
    for (const width of [l, 4]) {
      const xt = randomMatrix(width * n, 5);
      const yt = new Float64Array(width * n);
      op.multiply(xt, width, yt, null);
      const f = 2 * n * n * width;
      const ax = best(RUNS, () => op.multiply(xt, width, yt, null));
      const at = best(RUNS, () => op.multiplyTransposed(xt, width, yt, null));
      console.log(`A·X   ℓ=${String(width).padStart(2)}: ${fmt(ax)}  ${gflops(f, ax)}`);
      console.log(`XᵀA   ℓ=${String(width).padStart(2)}: ${fmt(at)}  ${gflops(f, at)}`);
    }
  } finally {
    op.release();
  }
  // QR + explicit Q of an n×ℓ panel (column-major), as orthonormalize does; the ℓ×ℓ SVD with vectors.
  const panel = randomMatrix(n * l, 9);
  for (const width of [l, 4]) {
    const qr = best(RUNS, () => L.orthonormalize(panel.slice(0, n * width), n, width));
    console.log(`QR + thin Q of ${n}×${width}: ${fmt(qr)}`);
  }
  const small = randomMatrix(l * l, 11);
  const s = best(RUNS, () => L.svdFloat64(small, l, l, true));
  console.log(`SVD of ${l}×${l} with vectors: ${fmt(s)}`);
  console.log(`load average after: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
