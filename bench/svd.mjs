// node bench/svd.mjs — Hinge's SVD beside ml-matrix (the most used JS SVD) and numpy.linalg.svd
// (LAPACK dgesdd over OpenBLAS), on the same seeded square matrices. Measurements, never
// assertions: best-of-N wall-clock times, their ratios, and each one's backward error
// ‖A − UΣVᵀ‖_F / ‖A‖_F. Env: BENCH_SVD_SIZES=64,256 to choose sizes; BENCH_SVD_ML_MAX (default
// 512) is the largest n given to ml-matrix, which needs about a minute at 1024;
// BENCH_SVD_NUMPY_THREADS=1 compares per core (Hinge's kernel is single-threaded; numpy's default
// uses every core).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const SIZES = (process.env.BENCH_SVD_SIZES ?? '64,256,512,1024').split(',').map(Number);
const ML_MAX = Number(process.env.BENCH_SVD_ML_MAX ?? 512);
const runsFor = (n) => (n <= 64 ? 20 : n <= 256 ? 5 : n <= 512 ? 3 : 2);

/** mulberry32, uniform in [−1, 1): the same matrices every run. */
function randomMatrix(n, seed) {
  let s = seed >>> 0;
  return Float64Array.from({ length: n * n }, () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  });
}

function best(runs, f) {
  let min = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    f();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

/** ‖A − U·diag(S)·Vᵀ‖_F / ‖A‖_F, all row-major n×n (rows of U·S against rows of V: contiguous). */
function backwardError(a, U, S, V, n) {
  let err = 0;
  let norm = 0;
  const us = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) us[k] = U[i * n + k] * S[k];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += us[k] * V[j * n + k];
      err += (a[i * n + j] - s) ** 2;
      norm += a[i * n + j] ** 2;
    }
  }
  return Math.sqrt(err / norm);
}

// numpy, timed inside Python. OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE (set on some machines here for
// old OpenBLAS builds) slow a current one down, so they are unset for this command alone.
const NUMPY = String.raw`
import glob, json, os, sys, time, ctypes
import numpy as np
def blas():
    try:
        b = np.show_config(mode='dicts')['Build Dependencies']['blas']
        name = f"{b.get('name')} {b.get('version')}"
    except Exception as e:
        name = f'unknown ({e})'
    try:
        from threadpoolctl import threadpool_info
        return name + '; ' + ', '.join(f"{p.get('internal_api')} {p.get('architecture')} threads={p.get('num_threads')}" for p in threadpool_info())
    except ImportError:
        pass
    for path in glob.glob(os.path.join(os.path.dirname(np.__file__), '..', 'numpy.libs', '*openblas*')):
        lib = ctypes.CDLL(path)
        for prefix, suffix in (('scipy_openblas', '64_'), ('scipy_openblas', ''), ('openblas', '64_'), ('openblas', '')):
            try:
                core = getattr(lib, f'{prefix}_get_corename{suffix}'); core.restype = ctypes.c_char_p
                threads = getattr(lib, f'{prefix}_get_num_threads{suffix}')()
                return f'{name}; kernel {core().decode()}, threads={threads}'
            except AttributeError:
                continue
    return name
def best(runs, f):
    times = []
    for _ in range(runs):
        t = time.perf_counter(); f(); times.append(time.perf_counter() - t)
    return min(times) * 1000
out = []
for spec in sys.argv[1:]:
    path, n, runs = spec.split(':'); n = int(n); runs = int(runs)
    a = np.fromfile(path, dtype='<f8').reshape(n, n)
    full = best(runs, lambda: np.linalg.svd(a))
    values = best(runs, lambda: np.linalg.svd(a, compute_uv=False))
    u, s, vt = np.linalg.svd(a)
    out.append({'n': n, 'full': full, 'values': values, 'error': float(np.linalg.norm(a - (u * s) @ vt) / np.linalg.norm(a))})
print(json.dumps({'blas': blas(), 'results': out}))
`;

function runNumpy(dir, matrices) {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  if (process.env.BENCH_SVD_NUMPY_THREADS) env.OPENBLAS_NUM_THREADS = process.env.BENCH_SVD_NUMPY_THREADS;
  if (spawnSync('python3', ['-c', 'import numpy'], { env }).status !== 0) return null;
  const args = matrices.map(({ n, a }) => {
    const path = join(dir, `a${n}.bin`);
    writeFileSync(path, new Uint8Array(a.buffer)); // little-endian float64, row-major, as np.fromfile reads it
    return `${path}:${n}:${runsFor(n)}`;
  });
  const r = spawnSync('python3', ['-c', NUMPY, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    console.error(`numpy run failed: ${r.stderr}`);
    return null;
  }
  return JSON.parse(r.stdout);
}

const dir = mkdtempSync(join(tmpdir(), 'hinge-svd-bench-'));
try {
  await build({
    root, configFile: false, logLevel: 'warn',
    build: { outDir: join(dir, 'lib'), emptyOutDir: true, minify: false, lib: { entry: join(root, 'src/linalg/svd.ts'), formats: ['es'], fileName: 'svd' } },
  });
  const { svdFloat64 } = await import(join(dir, 'lib', 'svd.js'));
  const matrices = SIZES.map((n) => ({ n, a: randomMatrix(n, 42 + n) }));
  const numpy = runNumpy(dir, matrices);
  const rows = [];
  for (const { n, a } of matrices) {
    const runs = runsFor(n);
    const full = best(runs, () => svdFloat64(a, n, n, true));
    const values = best(runs, () => svdFloat64(a, n, n, false));
    const h = svdFloat64(a, n, n, true);
    const row = { n, full, values, error: backwardError(a, h.U, h.S, h.V, n) };
    if (n <= ML_MAX) {
      const m = new Matrix(n, n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.set(i, j, a[i * n + j]);
      let d;
      row.ml = best(n <= 64 ? 5 : n <= 256 ? 2 : 1, () => (d = new SingularValueDecomposition(m)));
      row.mlError = backwardError(a, Float64Array.from(d.leftSingularVectors.to1DArray()), d.diagonal, Float64Array.from(d.rightSingularVectors.to1DArray()), n);
    }
    const np = numpy?.results.find((r) => r.n === n);
    if (np) Object.assign(row, { npFull: np.full, npValues: np.values, npError: np.error });
    rows.push(row);
    console.error(`n = ${n} done`);
  }
  print(rows, numpy);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function print(rows, numpy) {
  const ms = (x) => (x === undefined ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(0));
  const ratio = (x, y) => (x === undefined || y === undefined ? '—' : `${(x / y).toFixed(1)}×`);
  const sci = (x) => (x === undefined ? '—' : x.toExponential(1));
  const header = ['n', 'hinge full ms', 'ml-matrix full ms', 'numpy full ms', 'hinge values ms', 'numpy values ms',
    'ml-matrix/hinge', 'hinge/numpy full', 'hinge/numpy values', 'error hinge', 'error ml-matrix', 'error numpy'];
  const table = rows.map((r) => [String(r.n), ms(r.full), ms(r.ml), ms(r.npFull), ms(r.values), ms(r.npValues),
    ratio(r.ml, r.full), ratio(r.full, r.npFull), ratio(r.values, r.npValues), sci(r.error), sci(r.mlError), sci(r.npError)]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
  console.log(`SVD, random n×n uniform in [−1, 1), best of N wall-clock; node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`numpy: ${numpy ? numpy.blas : 'not available (python3 -c "import numpy" failed)'}`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const t of table) console.log(line(t));
  if (rows.some((r) => r.ml === undefined)) console.log(`ml-matrix skipped above n = ${ML_MAX} (about a minute at 1024; BENCH_SVD_ML_MAX=1024 to run it once).`);
  console.log('Goal (issue): full SVD at 512 ≥ 4× faster than ml-matrix and within 10× of numpy; values-only within 4× of numpy; backward error within 10× of numpy\'s.');
}
