// node bench/products-lab/run.mjs — compiles kernels.as.ts (AssemblyScript, -O3, SIMD) and times
// each variant of the randomized SVD's products on 2048×2048 × ℓ = 42 (and ℓ = 4), one thread:
// best-of-N CPU (process.cpuUsage) and wall milliseconds, GFlop/s, and whether each variant's
// output is the same bits as the shipped kernel's (shippedAx / shippedAt). Also the register-only f64x2
// mul+add loop (this core's measured peak). Not part of npm test or npm run bench.
// With `node --experimental-wasm-relaxed-simd bench/products-lab/run.mjs --relaxed` it also builds
// relaxed.as.ts (f64x2.relaxed_madd twins) and reports their speed and how far their bits differ.
// Env: LAB_RUNS (rounds, default 15), LAB_N (default 2048).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import asc from 'assemblyscript/asc';
import { best, randomMatrix } from '../measure.mjs';

const here = new URL('.', import.meta.url).pathname;
const RUNS = Number(process.env.LAB_RUNS ?? 15);
const N = Number(process.env.LAB_N ?? 2048);
const RELAXED = process.argv.includes('--relaxed');

async function compile(file, features) {
  const dir = mkdtempSync(join(tmpdir(), 'hinge-products-lab-'));
  try {
    const out = join(dir, 'k.wasm');
    const { error, stderr } = await asc.main([join(here, file), '--outFile', out, '-O3', '--noAssert', '--runtime', 'stub', '--importMemory', '--noExportMemory', '--initialMemory', '1', '--memoryBase', '0', '--enable', features]);
    if (error) throw new Error(stderr.toString());
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const n = N;
const lMax = 42;
const bytes = 8 * (n * n + 4 * lMax * n) + 65536;
const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) + 1 });
const f64 = new Float64Array(memory.buffer);
const pa = 65536;
const px = pa + 8 * n * n;
const py = px + 8 * lMax * n;
const pref = py + 8 * lMax * n;
f64.set(randomMatrix(n * n, 1000 + n), pa / 8);
f64.set(randomMatrix(lMax * n, 5), px / 8);

const modules = [['', new WebAssembly.Instance(new WebAssembly.Module(await compile('kernels.as.ts', 'simd')), { env: { memory } }).exports]];
if (RELAXED) modules.push(['relaxed ', new WebAssembly.Instance(new WebAssembly.Module(await compile('relaxed.as.ts', 'simd,relaxed-simd')), { env: { memory } }).exports]);

console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; ${n}×${n}, best of ${RUNS}`);
for (const [tag, k] of modules) {
  for (const name of Object.keys(k).filter((x) => x.startsWith('peak'))) {
    const steps = 5e7;
    k[name](1000, 1);
    const t = best(RUNS, () => k[name](steps, 1));
    const flops = name === 'peakFma' ? 32 : 24; // 8 FMAs or 12 mul/add f64x2 ops per step
    console.log(`${tag}${name}: ${(flops * steps / t.cpu / 1e6).toFixed(2)} GFlop/s by CPU (${(t.cpu * 1e6 / steps).toFixed(3)} ns per step), ${(flops * steps / t.wall / 1e6).toFixed(2)} by wall`);
  }
  if (k.addLatency) {
    const steps = 5e7;
    k.addLatency(1000, 1);
    const t = best(RUNS, () => k.addLatency(steps, 1));
    const ns = (t.cpu * 1e6) / (4 * steps);
    console.log(`${tag}dependent f64 add: ${ns.toFixed(3)} ns (by CPU) ⇒ ${(2 / ns).toFixed(2)} GHz if 2 cycles (Zen 5), ${(3 / ns).toFixed(2)} GHz if 3 (Zen 4)`);
  }
}
const reference = modules[0][1];
// Variants are timed in interleaved rounds (each once per round, best over the rounds), so that a
// burst of other work on the machine does not land on one variant alone.
for (const l of [lMax, 4]) {
  const flops = 2 * n * n * l;
  for (const [form, ref] of [['ax', 'shippedAx'], ['at', 'shippedAt']]) {
    reference[ref](pa, n, n, px, l, pref);
    const want = f64.slice(pref / 8, pref / 8 + l * n);
    const entries = [];
    for (const [tag, k] of modules) {
      for (const name of Object.keys(k).filter((x) => x === ref || x.startsWith(form))) {
        k[name](pa, n, n, px, l, py);
        const got = f64.subarray(py / 8, py / 8 + l * n);
        let diff = 0;
        let scale = 0;
        for (let i = 0; i < got.length; i++) {
          diff = Math.max(diff, Math.abs(got[i] - want[i]));
          scale = Math.max(scale, Math.abs(want[i]));
        }
        entries.push({ label: `${tag}${name}`, f: () => k[name](pa, n, n, px, l, py), same: diff === 0 ? 'same bits' : `differs by ${(diff / scale).toExponential(1)} of max`, t: { wall: Infinity, cpu: Infinity } });
      }
    }
    for (let round = 0; round < RUNS; round++) {
      for (const e of entries) {
        const t = best(1, e.f);
        e.t.cpu = Math.min(e.t.cpu, t.cpu);
        e.t.wall = Math.min(e.t.wall, t.wall);
      }
    }
    for (const { label, t, same } of entries) {
      console.log(`ℓ=${String(l).padStart(2)} ${label.padEnd(9)} ${t.cpu.toFixed(1).padStart(6)} ms CPU ${t.wall.toFixed(1).padStart(6)} wall  ${(flops / t.cpu / 1e6).toFixed(2).padStart(6)} GFlop/s (CPU) ${(flops / t.wall / 1e6).toFixed(2).padStart(6)} (wall)  ${same}`);
    }
  }
}
console.log(`load average after ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
