// Shared by the kernel benchmarks (bench/kernels.mjs, bench/rsvd-phases.mjs, bench/products-lab/run.mjs):
// the seeded test matrices and best-of-N timing.

/** mulberry32, uniform in [−1, 1): the same matrices every run. */
export function randomMatrix(count, seed) {
  let s = seed >>> 0;
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

/** Best-of-runs wall-clock and CPU (user + system of this process) milliseconds. */
export function best(runs, f) {
  let wall = Infinity;
  let cpu = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const c = process.cpuUsage();
    f();
    const u = process.cpuUsage(c);
    wall = Math.min(wall, performance.now() - t);
    cpu = Math.min(cpu, (u.user + u.system) / 1000);
  }
  return { wall, cpu };
}
