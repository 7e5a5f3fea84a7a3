// node bench/regions.mjs — Hinge's exact linear-region partition (src/regions: certified signs,
// exact fallback) beside the kernel it replaced (bench/legacy-regions: a 1e-10 tolerance and a 1e-6
// sliver floor, so its counts can be short), in the same run, on the networks with seeded
// initialisation in [−1, 1]^d. Measurements, never assertions: median of N wall-clock times after
// a warm-up of at least 0.5 s, for linearRegionsPacked (flat typed arrays: what a worker sends) of
// both kernels and for linearRegions (one object per region) of the new one; the ratio new/old; both
// counts; and how often the exact fallback ran (stats.exactSigns of stats.signTests).
// Then the same for regions along a segment (lineCrossings beside bench/legacy-regions/line.ts).
// Env: BENCH_REGIONS_RUNS (default 21) for N.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_REGIONS_RUNS ?? 21);

// The three networks (He, as asked, with the default bias σ 0.1), and the same shapes with
// PyTorch's default initialisation, whose 3→32→32→1 gives the "about 10 000 polyhedra".
const CASES = [
  { inputs: 2, hidden: [16, 16], init: 'he', goal: 2 },
  { inputs: 2, hidden: [64, 64, 64], init: 'he', goal: 100 },
  { inputs: 3, hidden: [32, 32], init: 'he', goal: 150 },
  { inputs: 2, hidden: [16, 16], init: 'pytorch', goal: 2 },
  { inputs: 2, hidden: [64, 64, 64], init: 'pytorch', goal: 100 },
  { inputs: 3, hidden: [32, 32], init: 'pytorch', goal: 150 },
];
const SEED = 1;

function median(runs, f) {
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const dir = mkdtempSync(join(tmpdir(), 'hinge-regions-bench-'));
try {
  await build({
    root, configFile: false, logLevel: 'warn',
    build: {
      outDir: dir, emptyOutDir: true, minify: false,
      lib: { entry: { regions: join(root, 'src/regions/index.ts'), legacy: join(root, 'bench/legacy-regions/partition.ts'), legacyLine: join(root, 'bench/legacy-regions/line.ts') }, formats: ['es'] },
    },
  });
  const { linearRegions, linearRegionsPacked, initNetwork } = await import(join(dir, 'regions.js'));
  const legacy = await import(join(dir, 'legacy.js'));
  const rows = [];
  for (const c of CASES) {
    const net = initNetwork({ inputs: c.inputs, hidden: c.hidden, init: c.init, seed: SEED });
    const box = { min: Array(c.inputs).fill(-1), max: Array(c.inputs).fill(1) };
    const result = linearRegionsPacked(net, box);
    const old = legacy.linearRegionsPacked(net, box);
    // Warm-up: let the JIT settle (a drag recomputes the same network shape every frame).
    for (let t = performance.now(), i = 0; i < 3 || performance.now() - t < 500; i++) {
      linearRegionsPacked(net, box);
      legacy.linearRegionsPacked(net, box);
      linearRegions(net, box);
    }
    const hinge = median(RUNS, () => linearRegionsPacked(net, box));
    const before = median(RUNS, () => legacy.linearRegionsPacked(net, box));
    const objects = median(RUNS, () => linearRegions(net, box));
    rows.push({ ...c, regions: result.count, oldRegions: old.count, hinge, before, objects, tests: result.stats.signTests, exact: result.stats.exactSigns });
    console.error(`${name(c)} done`);
  }
  print(rows);
  lineBench(await import(join(dir, 'regions.js')), await import(join(dir, 'legacyLine.js')));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function name(c) {
  return `${[c.inputs, ...c.hidden, 1].join('→')} ${c.init}`;
}

function print(rows) {
  const ms = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
  const header = ['network', 'regions (exact)', 'regions (old)', 'exact ms (packed)', 'old ms (packed)', 'exact/old', 'exact ms (Region[])', 'goal ms', 'sign tests', 'exact fallbacks'];
  const table = rows.map((r) => [name(r), String(r.regions), String(r.oldRegions), ms(r.hinge), ms(r.before), `${(r.hinge / r.before).toFixed(2)}×`, ms(r.objects), String(r.goal),
    String(r.tests), `${r.exact} (${((100 * r.exact) / Math.max(1, r.tests)).toFixed(4)}%)`]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(`Linear regions in [−1, 1]^d, seed ${SEED}; median of ${RUNS} after warm-up; old = bench/legacy-regions (tolerance + sliver floor).`);
  console.log(`node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (other work on the machine inflates every time)`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const t of table) console.log(line(t));
  console.log('Goals (issue): 2→16→16→1 ≤ 2 ms (every drag frame); 2→64→64→64→1 ≤ 100 ms; 3→32→32→1 ≤ 150 ms.');
}

// The segment (the Regions lab's draggable segment, recounted on every drag frame): lineCrossings
// of the exact version beside the tolerance version, on segments across the networks in
// [−1, 1]² and one of radius 1000, each timed as the median of RUNS·10 calls of 20 segments.
function lineBench({ lineCrossings, initNetwork }, legacyLine) {
  const LINE_CASES = [
    { hidden: [16, 16], r: 1 },
    { hidden: [64, 64, 64], r: 1 },
    { hidden: [64], r: 1000 },
  ];
  const out = [];
  for (const c of LINE_CASES) {
    const net = initNetwork({ inputs: 2, hidden: c.hidden, init: 'he', seed: SEED });
    const segs = Array.from({ length: 20 }, (_, s) => {
      const u = (2 * Math.PI * s) / 20;
      return [[c.r * Math.cos(u), c.r * Math.sin(u) * 0.7], [-c.r * Math.cos(u + 0.3), -c.r * Math.sin(u + 0.3)]];
    });
    const stats = { signTests: 0, exactSigns: 0, rootComparisons: 0, exactComparisons: 0, exactRoots: 0 };
    let pieces = 0;
    let oldPieces = 0;
    for (const [a, b] of segs) {
      const r = lineCrossings(net, a, b);
      pieces += r.breakpoints.length + 1;
      oldPieces += legacyLine.lineBreakpoints(net, a, b).length + 1;
      for (const k of Object.keys(stats)) stats[k] += r.stats[k];
    }
    const all = (f) => () => { for (const [a, b] of segs) f(net, a, b); };
    for (let t = performance.now(); performance.now() - t < 500; ) {
      all(lineCrossings)();
      all(legacyLine.lineBreakpoints)();
    }
    const now = median(RUNS * 10, all(lineCrossings)) / segs.length;
    const before = median(RUNS * 10, all(legacyLine.lineBreakpoints)) / segs.length;
    out.push({ c, now, before, pieces, oldPieces, stats });
  }
  const us = (x) => (1000 * x).toFixed(1);
  console.log('');
  console.log(`Regions along a segment (20 segments per network, He, seed ${SEED}; per segment, median of ${RUNS * 10}); old = bench/legacy-regions/line.ts (1e-10 tolerance).`);
  console.log('| network | segment radius | pieces (exact) | pieces (old) | exact µs | old µs | exact/old | sign tests | exact signs | root comparisons | exact comparisons | exact roots |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const { c, now, before, pieces, oldPieces, stats } of out) {
    console.log(`| ${[2, ...c.hidden, 1].join('→')} | ${c.r} | ${pieces} | ${oldPieces} | ${us(now)} | ${us(before)} | ${(now / before).toFixed(2)}× | ${stats.signTests} | ${stats.exactSigns} | ${stats.rootComparisons} | ${stats.exactComparisons} | ${stats.exactRoots} |`);
  }
}
