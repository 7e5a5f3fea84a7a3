// node bench/lora-slider.mjs — the LoRA lab's rank slider at 256×256, before and after issue 18
// item 3. Before: every rank change ran bestRankApproximation (a d×r×k product), the residual,
// W₀ + AB and measuredErrors (an SVD of the residual) on the page's main thread, and a new ΔW its
// full SVD there too. After: a new ΔW is decomposed in a worker (decomposeUpdate), a rank change
// recombines the kept factors on the main thread (rankView) and the residual's spectral norm is
// measured in a worker (measuredSpectral). Prints medians, rank updates per second on the main
// thread and the ratio, and whether every number is the same double as before. No assertions.
// Env: BENCH_LORA_SIZE (default 256), BENCH_LORA_RUNS (default 9).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const N = Number(process.env.BENCH_LORA_SIZE ?? 256);
const RUNS = Number(process.env.BENCH_LORA_RUNS ?? 9);
const RANKS = [1, 4, 15, 16, 31, 64, 100, 128, 200, 255, 256].filter((r) => r <= N);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/**
 * Median CPU milliseconds of f (user + system time of this process, which a loaded shared machine
 * distorts far less than wall-clock time; set BENCH_LORA_WALL=1 for wall-clock).
 */
const WALL = process.env.BENCH_LORA_WALL === '1';
const now = () => (WALL ? performance.now() : (({ user, system }) => (user + system) / 1000)(process.cpuUsage()));
function time(runs, f) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    f();
    ms.push(now() - t);
  }
  return median(ms);
}

const dir = mkdtempSync(join(tmpdir(), 'hinge-lora-bench-'));
try {
  await build({
    root, configFile: false, logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true, minify: false, lib: { entry: { lora: join(root, 'bench/lora-entry.ts') }, formats: ['es'] } },
  });
  const L = await import(join(dir, 'lora.js'));
  const deltaW = L.exampleUpdate(N, N, { rank: 4, noise: 0.05, seed: 2 });
  const W0 = L.gaussianMatrix(N, N, 1).map((row) => row.map((v) => v / Math.sqrt(N)));
  const sum = (P, Q) => P.map((row, i) => row.map((v, j) => v + Q[i][j]));

  // Before: what LoraAnalyzer.analyze did per rank (the SVD of ΔW cached) and per new ΔW.
  const decomposition = L.svd(deltaW);
  const before = (r) => {
    const approximation = L.bestRankApproximation(deltaW, r, { decomposition });
    const residual = L.difference(deltaW, approximation.product);
    return {
      approximation, residual, adapted: sum(W0, approximation.product),
      theory: L.eckartYoungErrors(approximation.sigma, approximation.rank), measured: L.measuredErrors(deltaW, approximation.product),
    };
  };
  const newDeltaBefore = time(Math.min(RUNS, 3), () => {
    const dec = L.svd(deltaW);
    L.errorCurve(dec.S);
    L.frobeniusNorm(deltaW);
    before(4);
  });

  // After.
  const newDeltaAfter = time(Math.min(RUNS, 3), () => L.decomposeUpdate(deltaW));
  const dec = L.decomposeUpdate(deltaW);

  console.log(`LoRA rank slider at ${N}×${N} (example ΔW, rank 4 + noise), median of ${RUNS}, ${WALL ? 'wall-clock' : 'CPU'} ms; load ${loadavg()[0].toFixed(1)}`);
  console.log(`new ΔW: before ${newDeltaBefore.toFixed(1)} ms on the main thread; after ${newDeltaAfter.toFixed(1)} ms in a worker, 0 on the main thread`);
  console.log('rank | before: main thread ms | after: main thread ms (rankView) | worker ms (‖R‖₂) | main-thread updates/s before → after | ratio | same numbers');
  const rates = [];
  for (const r of RANKS) {
    const old = time(RUNS, () => before(r));
    // The slider moves a step at a time: the view of r − 1 is the one before.
    const stepFrom = L.rankView(dec, deltaW, W0, r - 1);
    const main = time(RUNS, () => L.rankView(dec, deltaW, W0, r, stepFrom));
    const view = L.rankView(dec, deltaW, W0, r);
    const worker = time(Math.min(RUNS, 5), () => L.measuredSpectral(view.residualData.slice(), N, N));
    const b = before(r);
    const same = JSON.stringify([b.approximation, b.residual, b.adapted, b.theory, b.measured])
      === JSON.stringify([view.approximation, view.residual, view.adapted, view.theory, { frobenius: view.measuredFrobenius, spectral: L.measuredSpectral(view.residualData, N, N) }]);
    rates.push(1000 / main);
    console.log(`${String(r).padStart(4)} | ${old.toFixed(1).padStart(8)} | ${main.toFixed(2).padStart(8)} | ${worker.toFixed(1).padStart(8)} | ${(1000 / old).toFixed(0).padStart(5)} → ${(1000 / main).toFixed(0).padStart(5)} | ${(old / main).toFixed(1)}× | ${same ? 'yes' : 'NO'}`);
  }
  // A whole drag, 0 → N and back, a step at a time (each update continues from the last one).
  const steps = [];
  let previous;
  for (const r of [...Array.from({ length: N + 1 }, (_, i) => i), ...Array.from({ length: N + 1 }, (_, i) => N - i)]) {
    const t = now();
    previous = L.rankView(dec, deltaW, W0, r, previous);
    steps.push(now() - t);
  }
  console.log(`a drag 0 → ${N} → 0 a step at a time: median ${median(steps).toFixed(2)} ms per update on the main thread = ${(1000 / median(steps)).toFixed(0)} updates/s; slowest ${Math.max(...steps).toFixed(1)} ms`);
  console.log(`slowest rank update after: ${Math.min(...rates).toFixed(0)} per second on the main thread (goal ≥ 60; the page's render comes on top)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
