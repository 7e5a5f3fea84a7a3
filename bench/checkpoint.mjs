// node bench/checkpoint.mjs — Hinge's checkpoint readers and per-matrix metrics, measured, never
// asserted. Prints times, bytes read and ratios against the issue's bounds and against numpy, and
// the load average when it ran (the machine may be shared).
//
// 1. Listing a 5 GB safetensors shard (a sparse file written here: the header of 150 Llama-7B-like
//    4096×4096 BF16 tensors, one of them filled, the rest holes) through a ByteSource over a
//    node file handle: time and bytes read (bounds: ≤ 100 ms, ≤ 1 MiB).
// 2. Reading the filled 4096×4096 BF16 tensor into Float64 (bound: ≤ 500 ms) with
//    Checkpoint.readFloat64 (chunks decoded straight into the float64 output), beside the older
//    way (read() into float32, then widened) and the machine's floor in the same run: allocating
//    and first filling a fresh 128 MiB Float64Array (the output alone; on a VM page faults make
//    this most of the time). Wall and CPU time (process.cpuUsage, user + system) of each.
// 3. The Model lab's overview of a GPT-2-small-shaped checkpoint: a safetensors file written here
//    with GPT-2's tensor names and Conv1D shapes — per block ln_1/ln_2 weights and biases, c_attn
//    768×2304, attn.c_proj 768×768, mlp.c_fc 768×3072, mlp.c_proj 3072×768 — 48 matrices over 12
//    blocks (BENCH_CKPT_BLOCKS to run fewer; wte/wpe left out, as the issue's 48 matrices are),
//    Gaussian float32 entries (σ = 0.02, GPT-2's init). Two worker threads (two cores) each open
//    the checkpoint from its file and run the overview's steps on every other matrix — read the
//    tensor by range straight into float64, full σ by Hinge's SVD, the metrics — timing the α fit apart. Printed:
//    every metric but α on two cores (bound 30 s), the first row (bound 2 s), α's own cost, and
//    beside it numpy (np.linalg.svd(compute_uv=False) on the same float32 values from the same
//    file, BLAS on BENCH_CKPT_NUMPY_THREADS threads, default 1) with the same metrics and α, and
//    the largest relative difference between the two.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const BLOCKS = Number(process.env.BENCH_CKPT_BLOCKS ?? 12);
// numpy's BLAS threads, default 1: Hinge computes each matrix on one core (one worker per core).
const NUMPY_THREADS = Number(process.env.BENCH_CKPT_NUMPY_THREADS ?? 1);
// A collection between timed runs, so that each starts with the last one's memory given back.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function uniformSource(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian32(count, seed, scale) {
  const u = uniformSource(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = scale * Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  return out;
}

/** A ByteSource over a file handle that counts what it reads; readInto fills the reader's own buffer. */
async function fileSource(path, name) {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  const source = {
    name, size, bytesRead: 0,
    async read(offset, length) {
      const buffer = new Uint8Array(length);
      await source.readInto(offset, buffer);
      return buffer;
    },
    async readInto(offset, target) {
      let done = 0;
      while (done < target.length) {
        const { bytesRead } = await handle.read(target, done, target.length - done, offset + done);
        if (bytesRead === 0) throw new Error('unexpected end of file');
        done += bytesRead;
      }
      source.bytesRead += done;
      return done;
    },
    close: () => handle.close(),
  };
  return source;
}

/** Wall and CPU (user + system) milliseconds of `work`. */
async function timed(work) {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = await work();
  const wallMs = performance.now() - t;
  const { user, system } = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (user + system) / 1000 };
}

/** Median wall and CPU of `runs` runs of `work`, a collection between runs so each starts alike. */
async function medianOf(runs, work) {
  const walls = [];
  const cpus = [];
  for (let run = 0; run < runs; run++) {
    gc();
    const { wallMs, cpuMs } = await timed(work);
    walls.push(wallMs);
    cpus.push(cpuMs);
  }
  return { wallMs: median(walls), cpuMs: median(cpus) };
}

/** Writes the header of a ~5 GB safetensors shard and one filled tensor; the rest stays a hole. */
async function sparseShard(path) {
  const side = 4096;
  const bytesPer = side * side * 2;
  const count = 150;
  const header = {};
  for (let k = 0; k < count; k++) {
    const layer = Math.floor(k / 5);
    const proj = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'up_proj'][k % 5];
    header[`model.layers.${layer}.self_attn.${proj}.weight`] = { dtype: 'BF16', shape: [side, side], data_offsets: [k * bytesPer, (k + 1) * bytesPer] };
  }
  header.__metadata__ = { format: 'pt' };
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + json.length) % 8)) % 8);
  const prefix = new Uint8Array(8 + json.length);
  new DataView(prefix.buffer).setBigUint64(0, BigInt(json.length), true);
  prefix.set(new TextEncoder().encode(json), 8);
  const handle = await open(path, 'w');
  await handle.write(prefix, 0, prefix.length, 0);
  // Fill tensor 0 with BF16 values (the top halves of float32 Gaussians).
  const values = gaussian32(side * side, 7, 0.02);
  const bf16 = new Uint16Array(values.buffer).filter((_, i) => i % 2 === 1);
  await handle.write(new Uint8Array(bf16.buffer), 0, bytesPer, prefix.length);
  await handle.truncate(prefix.length + count * bytesPer);
  await handle.close();
  return { size: prefix.length + count * bytesPer, headerBytes: prefix.length, first: 'model.layers.0.self_attn.q_proj.weight' };
}

function numpyMetrics(dir, specs) {
  const script = `
import json, sys, time
import numpy as np
specs = json.loads(sys.argv[1])
def alpha(s):
    lam = np.sort(s[s > 0] ** 2); best = None
    for xmin in np.unique(lam)[:-1]:
        t = lam[lam >= xmin]; n = len(t); a = 1 + n / np.sum(np.log(t / xmin))
        d = np.max(np.abs(1 - (t / xmin) ** (1 - a) - np.arange(n) / n))
        if best is None or d < best[0]: best = (d, a)
    return best[1]
out = []; total = 0.0; total_alpha = 0.0
for spec in specs:
    w = np.fromfile(spec["path"], dtype=np.float32, count=spec["rows"] * spec["cols"], offset=spec["offset"]).astype(np.float64).reshape(spec["rows"], spec["cols"])
    t0 = time.perf_counter()
    s = np.linalg.svd(w, compute_uv=False)
    fro = np.sqrt(np.sum(s ** 2)); q = s / np.sum(s)
    rank = int(np.sum(s > s[0] * max(w.shape) * np.finfo(float).eps))
    e = np.cumsum(s ** 2) / np.sum(s ** 2)
    m = [fro, s[0], fro ** 2 / s[0] ** 2, float(np.exp(-np.sum(q * np.log(q)))), rank, s[0] / s[-1], e[7], e[15], e[63]]
    t1 = time.perf_counter()
    a = alpha(s)
    t2 = time.perf_counter()
    total += t1 - t0; total_alpha += t2 - t1
    out.append([float(x) for x in m] + [float(a)])
print(json.dumps({"seconds": total, "alphaSeconds": total_alpha, "metrics": out, "blas": np.show_config.__module__}))
`;
  const threads = String(NUMPY_THREADS);
  const env = { ...process.env, OPENBLAS_NUM_THREADS: threads, OMP_NUM_THREADS: threads, MKL_NUM_THREADS: threads };
  const r = spawnSync('python3', ['-c', script, JSON.stringify(specs)], { encoding: 'utf8', maxBuffer: 1 << 26, env });
  if (r.status !== 0) {
    console.log(`numpy: skipped (${(r.stderr || r.error?.message || 'python3 failed').trim().split('\n').pop()})`);
    return null;
  }
  return JSON.parse(r.stdout);
}

/**
 * Writes a GPT-2-small-shaped safetensors file (float32, Conv1D shapes [in, out]) of `blocks`
 * blocks: the layer norms (1-D, not analysed) and the four matrices of each block.
 */
function gpt2Checkpoint(path, blocks) {
  const shapes = [['attn.c_attn.weight', 768, 2304], ['attn.c_proj.weight', 768, 768], ['mlp.c_fc.weight', 768, 3072], ['mlp.c_proj.weight', 3072, 768]];
  const tensors = [];
  for (let b = 0; b < blocks; b++) {
    tensors.push({ name: `h.${b}.ln_1.weight`, shape: [768] }, { name: `h.${b}.ln_1.bias`, shape: [768] });
    for (const [module, rows, cols] of shapes) tensors.push({ name: `h.${b}.${module}`, shape: [rows, cols] });
    tensors.push({ name: `h.${b}.ln_2.weight`, shape: [768] }, { name: `h.${b}.ln_2.bias`, shape: [768] });
  }
  const header = {};
  let at = 0;
  for (const t of tensors) {
    const bytes = t.shape.reduce((a, b) => a * b, 1) * 4;
    header[t.name] = { dtype: 'F32', shape: t.shape, data_offsets: [at, at + bytes] };
    at += bytes;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + json.length) % 8)) % 8);
  const base = 8 + json.length;
  const prefix = new Uint8Array(base);
  new DataView(prefix.buffer).setBigUint64(0, BigInt(json.length), true);
  prefix.set(new TextEncoder().encode(json), 8);
  const fd = openSync(path, 'w');
  writeSync(fd, prefix);
  const specs = [];
  for (const [k, t] of tensors.entries()) {
    const count = t.shape.reduce((a, b) => a * b, 1);
    const values = t.shape.length === 1 ? new Float32Array(count).fill(1) : gaussian32(count, 1000 + k, 0.02);
    writeSync(fd, new Uint8Array(values.buffer));
    if (t.shape.length === 2) specs.push({ name: t.name, path, offset: base + header[t.name].data_offsets[0], rows: t.shape[0], cols: t.shape[1] });
  }
  closeSync(fd);
  return { path, specs };
}

/**
 * Runs the overview's steps on `workers` worker threads, each opening the checkpoint itself and
 * taking every `workers`-th matrix; each row comes back with its times (ms since the common start).
 */
async function overviewOnWorkers(lib, path, workers) {
  const code = `
    import { workerData, parentPort } from 'node:worker_threads';
    import { open } from 'node:fs/promises';
    const { openCheckpoint, asMatrix, matrixMetrics, powerLawFit } = await import(workerData.libUrl);
    const handle = await open(workerData.path, 'r');
    const { size } = await handle.stat();
    const readInto = async (offset, target) => {
      let done = 0;
      while (done < target.length) done += (await handle.read(target, done, target.length - done, offset + done)).bytesRead || (() => { throw new Error('short read'); })();
      return done;
    };
    const source = { name: 'model.safetensors', size, readInto, async read(offset, length) {
      const buffer = new Uint8Array(length);
      await readInto(offset, buffer);
      return buffer;
    } };
    const ckpt = await openCheckpoint([source]);
    const readyAt = performance.timeOrigin + performance.now() - workerData.start;
    const matrices = ckpt.tensors.filter((t) => asMatrix(t.shape) !== undefined);
    for (const [k, t] of matrices.entries()) {
      if (k % workerData.workers !== workerData.index) continue;
      const t0 = performance.now();
      const { data } = await ckpt.readFloat64(t.name);
      const t1 = performance.now();
      const [rows, cols] = asMatrix(t.shape);
      const m = matrixMetrics(data, rows, cols);
      const t2 = performance.now();
      powerLawFit(m.sigma); // α alone, timed: the same fit matrixMetrics made
      const alphaMs = performance.now() - t2;
      const values = [m.frobenius, m.spectral, m.stableRank, m.effectiveRank, m.numericalRank, m.condition, m.energy8, m.energy16, m.energy64, m.powerLaw?.alpha ?? NaN];
      parentPort.postMessage({ name: t.name, worker: workerData.index, readMs: t1 - t0, metricsMs: t2 - t1, alphaMs, values, readyAt });
    }
    await handle.close();
  `;
  const start = performance.timeOrigin + performance.now();
  const rows = [];
  await Promise.all(Array.from({ length: workers }, (_, index) => new Promise((resolve, reject) => {
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData: { libUrl: pathToFileURL(lib).href, path, workers, index, start } });
    worker.on('message', (row) => rows.push(row));
    worker.on('error', reject);
    worker.on('exit', (exitCode) => (exitCode === 0 ? resolve() : reject(new Error(`worker exited with ${exitCode}`))));
  })));
  return rows;
}

const dir = mkdtempSync(join(tmpdir(), 'hinge-checkpoint-bench-'));
try {
  await build({
    root, configFile: false, logLevel: 'warn',
    build: { outDir: join(dir, 'lib'), emptyOutDir: true, minify: false, lib: { entry: join(root, 'src/checkpoint/index.ts'), formats: ['es'], fileName: 'checkpoint' } },
  });
  const { openCheckpoint } = await import(join(dir, 'lib', 'checkpoint.js'));
  console.log(`checkpoint bench — load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

  // 1–2. The 5 GB shard.
  const shardPath = join(dir, 'model-00001-of-00002.safetensors');
  const shard = await sparseShard(shardPath);
  const listTimes = [];
  let listBytes = 0;
  let tensors = 0;
  for (let run = 0; run < 7; run++) {
    const source = await fileSource(shardPath, 'model-00001-of-00002.safetensors');
    const t = performance.now();
    const ckpt = await openCheckpoint([source]);
    listTimes.push(performance.now() - t);
    listBytes = source.bytesRead;
    tensors = ckpt.tensors.length;
    await source.close();
  }
  const listMs = median(listTimes);
  console.log(`list a ${(shard.size / 1e9).toFixed(2)} GB shard (${tensors} tensors, header ${shard.headerBytes} B): ` +
    `${listMs.toFixed(1)} ms (bound 100 ms, ratio ${(listMs / 100).toFixed(2)}), ${listBytes} B read (bound 1 MiB, ratio ${(listBytes / 2 ** 20).toFixed(3)})`);
  // Each run opens the shard afresh (headers only, untimed), collects garbage, then times one read.
  const side = 4096 * 4096;
  let last;
  const timedReads = async (runs, readWith) => {
    const results = [];
    for (let run = 0; run < runs; run++) {
      const source = await fileSource(shardPath, 'model-00001-of-00002.safetensors');
      const ckpt = await openCheckpoint([source]);
      gc();
      const r = await timed(() => readWith(ckpt));
      if (!(r.value instanceof Float64Array) || r.value.length !== side) throw new Error('wrong values');
      last = r.value; // only the last run's values are kept, for the comparison below
      results.push({ wallMs: r.wallMs, cpuMs: r.cpuMs });
      await source.close();
    }
    return { wallMs: median(results.map((r) => r.wallMs)), cpuMs: median(results.map((r) => r.cpuMs)) };
  };
  const read = await timedReads(5, async (ckpt) => (await ckpt.readFloat64(shard.first)).data);
  const viaFloat64 = last;
  const before = await timedReads(3, async (ckpt) => new Float64Array((await ckpt.read(shard.first)).data));
  for (let i = 0; i < side; i++) if (!Object.is(viaFloat64[i], last[i])) throw new Error(`readFloat64 and read() differ at ${i}`);
  last = undefined;
  const floor = await medianOf(5, () => new Float64Array(side).fill(1));
  const show = (m) => `${m.wallMs.toFixed(0)} ms (CPU ${m.cpuMs.toFixed(0)} ms)`;
  console.log(`read one 4096×4096 BF16 tensor into Float64 (readFloat64): ${show(read)} (bound 500 ms, ratio ${(read.wallMs / 500).toFixed(2)}); ` +
    `the machine's floor, a fresh 128 MiB Float64Array first filled: ${show(floor)}, so the read's own share is ${(read.wallMs - floor.wallMs).toFixed(0)} ms; ` +
    `read() into float32 then widened: ${show(before)} — load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  rmSync(shardPath);

  // 3. The GPT-2-small-shaped overview (BENCH_CKPT_BLOCKS=0 skips it).
  if (BLOCKS > 0) {
    const gpt2 = gpt2Checkpoint(join(dir, 'model.safetensors'), BLOCKS);
    const rows = await overviewOnWorkers(join(dir, 'lib', 'checkpoint.js'), gpt2.path, 2);
    const byName = new Map(rows.map((r) => [r.name, r]));
    const ours = gpt2.specs.map((spec) => byName.get(spec.name));
    const alphaS = rows.reduce((a, r) => a + r.alphaMs, 0) / 1000;
    // Each worker's timeline: opened at readyAt (from the common start, worker start-up included),
    // then its rows one after another; α (fitted inside matrixMetrics, and timed again alone) taken out.
    const perWorker = [0, 1].map((w) => rows.filter((r) => r.worker === w)).filter((list) => list.length > 0);
    const finish = (list, withAlpha) => list[0].readyAt + list.reduce((a, r) => a + r.readMs + r.metricsMs - (withAlpha ? 0 : r.alphaMs), 0);
    const butAlphaS = Math.max(...perWorker.map((list) => finish(list, false))) / 1000;
    const wallS = Math.max(...perWorker.map((list) => finish(list, true))) / 1000;
    const firstS = Math.min(...perWorker.map(([r]) => r.readyAt + r.readMs + r.metricsMs - r.alphaMs)) / 1000;
    const scale = 12 / BLOCKS;
    console.log(`GPT-2-small overview, ${gpt2.specs.length} matrices (${BLOCKS} of 12 blocks), two worker threads: every metric but α ${butAlphaS.toFixed(1)} s` +
      `${BLOCKS === 12 ? '' : ` (all 48 ≈ ${(butAlphaS * scale).toFixed(1)} s)`} (bound 30 s, ratio ${((butAlphaS * scale) / 30).toFixed(2)}); ` +
      `first row ${firstS.toFixed(2)} s (bound 2 s, ratio ${(firstS / 2).toFixed(2)}); with α ${wallS.toFixed(1)} s (α fits ${alphaS.toFixed(1)} s of CPU)`);
    const kinds = new Map();
    for (const r of rows) kinds.set(r.name.replace(/^h\.\d+\./, ''), [...(kinds.get(r.name.replace(/^h\.\d+\./, '')) ?? []), r]);
    for (const [kind, list] of kinds) {
      console.log(`  ${kind.padEnd(18)} median read ${median(list.map((r) => r.readMs)).toFixed(0)} ms, σ + metrics ${median(list.map((r) => r.metricsMs - r.alphaMs)).toFixed(0)} ms, α ${median(list.map((r) => r.alphaMs)).toFixed(0)} ms per matrix`);
    }
    const oneThreadS = rows.reduce((a, r) => a + r.metricsMs - r.alphaMs, 0) / 1000;
    const np = numpyMetrics(dir, gpt2.specs);
    if (np !== null) {
      let worst = 0;
      let worstAlpha = 0;
      np.metrics.forEach((row, i) => {
        row.forEach((v, k) => {
          const d = Math.abs(ours[i].values[k] - v) / Math.abs(v);
          if (k === 9) worstAlpha = Math.max(worstAlpha, d);
          else worst = Math.max(worst, d);
        });
      });
      console.log(`numpy (LAPACK, ${NUMPY_THREADS} thread${NUMPY_THREADS === 1 ? '' : 's'}): ${np.seconds.toFixed(1)} s for σ and the metrics, ${np.alphaSeconds.toFixed(1)} s for α; ` +
        `Hinge's σ + metrics summed over matrices ${oneThreadS.toFixed(1)} s (one thread's worth): Hinge/numpy ${(oneThreadS / np.seconds).toFixed(1)}×, ` +
        `α Hinge/numpy ${(alphaS / Math.max(np.alphaSeconds, 1e-9)).toFixed(1)}×; largest relative difference ${worst.toExponential(1)} (metrics), ${worstAlpha.toExponential(1)} (α)`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
