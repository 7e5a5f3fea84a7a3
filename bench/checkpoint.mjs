// node bench/checkpoint.mjs — Hinge's checkpoint readers and per-matrix metrics, measured, never
// asserted. Prints times, bytes read and ratios against the bounds and against numpy.
//
// 1. Listing a 5 GB safetensors shard (a sparse file written here: the header of 150 Llama-7B-like
//    4096×4096 BF16 tensors, one of them filled, the rest holes) through a ByteSource over a
//    node file handle: time and bytes read (bounds: ≤ 100 ms, ≤ 1 MiB).
// 2. Reading the filled 4096×4096 BF16 tensor and widening it to Float64 (bound: ≤ 500 ms).
// 3. Metrics (full σ by Hinge's SVD, stable/effective/numerical rank, condition, energy, α) of a
//    GPT-2-small-shaped set: per block c_attn 768×2304, attn.c_proj 768×768, mlp.c_fc 768×3072,
//    mlp.c_proj 3072×768 — 48 matrices over 12 blocks (BENCH_CKPT_BLOCKS to run fewer), Gaussian
//    entries (float32, σ = 0.02 as GPT-2's init), beside numpy computing the same metrics with
//    np.linalg.svd(compute_uv=False) per matrix on the same float32 values (BLAS on
//    BENCH_CKPT_NUMPY_THREADS threads, default 1), and the largest relative difference between the two.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const BLOCKS = Number(process.env.BENCH_CKPT_BLOCKS ?? 12);
// numpy's BLAS threads, default 1: Hinge computes each matrix on one core (one worker per core).
const NUMPY_THREADS = Number(process.env.BENCH_CKPT_NUMPY_THREADS ?? 1);
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

/** A ByteSource over a file handle that counts what it reads. */
async function fileSource(path, name) {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  const source = {
    name, size, bytesRead: 0,
    async read(offset, length) {
      const buffer = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
        if (bytesRead === 0) throw new Error('unexpected end of file');
        done += bytesRead;
      }
      source.bytesRead += length;
      return buffer;
    },
    close: () => handle.close(),
  };
  return source;
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
    w = np.fromfile(spec["path"], dtype=np.float32).astype(np.float64).reshape(spec["rows"], spec["cols"])
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

const dir = mkdtempSync(join(tmpdir(), 'hinge-checkpoint-bench-'));
try {
  await build({
    root, configFile: false, logLevel: 'warn',
    build: { outDir: join(dir, 'lib'), emptyOutDir: true, minify: false, lib: { entry: join(root, 'src/checkpoint/index.ts'), formats: ['es'], fileName: 'checkpoint' } },
  });
  const { openCheckpoint, matrixMetrics } = await import(join(dir, 'lib', 'checkpoint.js'));
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
  const readTimes = [];
  for (let run = 0; run < 5; run++) {
    const source = await fileSource(shardPath, 'model-00001-of-00002.safetensors');
    const ckpt = await openCheckpoint([source]);
    const t = performance.now();
    const { data } = await ckpt.read(shard.first);
    const wide = new Float64Array(data);
    readTimes.push(performance.now() - t);
    if (wide.length !== 4096 * 4096) throw new Error('wrong length');
    await source.close();
  }
  const readMs = median(readTimes);
  // The machine's speed in this run, for reading the numbers above on a busy machine: one copy of
  // 4096² float32 values into a Float64Array (half of what the read does after the bytes arrive).
  const copyTimes = [];
  const probe = new Float32Array(4096 * 4096);
  for (let run = 0; run < 5; run++) {
    const t = performance.now();
    new Float64Array(probe);
    copyTimes.push(performance.now() - t);
  }
  console.log(`read one 4096×4096 BF16 tensor into Float64: ${readMs.toFixed(0)} ms (bound 500 ms, ratio ${(readMs / 500).toFixed(2)}); ` +
    `a bare Float32→Float64 copy of it takes ${median(copyTimes).toFixed(0)} ms in this run`);
  rmSync(shardPath);

  // 3. GPT-2-small-shaped metrics (BENCH_CKPT_BLOCKS=0 skips them).
  if (BLOCKS > 0) {
    const shapes = [['attn.c_attn', 768, 2304], ['attn.c_proj', 768, 768], ['mlp.c_fc', 768, 3072], ['mlp.c_proj', 3072, 768]];
    const specs = [];
    for (let block = 0; block < BLOCKS; block++) {
      for (const [module, rows, cols] of shapes) {
        const path = join(dir, `h${block}.${module}.f32`);
        writeFileSync(path, new Uint8Array(gaussian32(rows * cols, 1000 + specs.length, 0.02).buffer));
        specs.push({ name: `h.${block}.${module}.weight`, path, rows, cols });
      }
    }
    const ours = [];
    let firstMs;
    const byKind = new Map();
    const t0 = performance.now();
    for (const spec of specs) {
      const raw = readFileSync(spec.path);
      const data = new Float32Array(raw.buffer, raw.byteOffset, spec.rows * spec.cols);
      const t = performance.now();
      const m = matrixMetrics(data, spec.rows, spec.cols);
      const ms = performance.now() - t;
      firstMs ??= performance.now() - t0;
      const kind = spec.name.replace(/^h\.\d+\./, '');
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
      ours.push([m.frobenius, m.spectral, m.stableRank, m.effectiveRank, m.numericalRank, m.condition, m.energy8, m.energy16, m.energy64, m.powerLaw?.alpha ?? NaN]);
    }
    const oursS = (performance.now() - t0) / 1000;
    const allS = (oursS * 12) / BLOCKS; // the 48 matrices of GPT-2 small, extrapolated when fewer blocks ran
    console.log(`metrics of ${specs.length} GPT-2-small matrices (${BLOCKS} of 12 blocks), one thread: ${oursS.toFixed(1)} s; ` +
      `all 48 ${BLOCKS === 12 ? '' : '(extrapolated) '}${allS.toFixed(1)} s, over two workers ≈ ${(allS / 2).toFixed(1)} s (bound 30 s, ratio ${(allS / 2 / 30).toFixed(2)}); ` +
      `first row ${(firstMs / 1000).toFixed(2)} s (bound 2 s, ratio ${(firstMs / 2000).toFixed(2)})`);
    for (const [kind, times] of byKind) console.log(`  ${kind.padEnd(16)} median ${median(times).toFixed(0)} ms per matrix`);
    const np = numpyMetrics(dir, specs);
    if (np !== null) {
      let worst = 0;
      let worstAlpha = 0;
      np.metrics.forEach((row, i) => {
        row.forEach((v, k) => {
          const d = Math.abs(ours[i][k] - v) / Math.abs(v);
          if (k === 9) worstAlpha = Math.max(worstAlpha, d);
          else worst = Math.max(worst, d);
        });
      });
      console.log(`numpy (LAPACK, ${NUMPY_THREADS} thread${NUMPY_THREADS === 1 ? '' : 's'}): ${np.seconds.toFixed(1)} s for the σ and metrics, ${np.alphaSeconds.toFixed(1)} s for α; ` +
        `Hinge/numpy ${(oursS / (np.seconds + np.alphaSeconds)).toFixed(1)}×; largest relative difference ${worst.toExponential(1)} (metrics), ${worstAlpha.toExponential(1)} (α)`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
