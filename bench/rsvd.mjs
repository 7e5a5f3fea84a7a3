// node bench/rsvd.mjs — Hinge's randomized SVD (top k, Halko–Martinsson–Tropp with power
// iterations chosen by its error check) beside the same algorithm written in numpy (same
// oversampling, same number of power iterations) and beside numpy.linalg.svd (the exact answer).
// Measurements, never assertions: wall-clock times, their ratios, and each method's spectral
// error ‖A − U_k·Σ_k·V_kᵀ‖₂ relative to σ_{k+1}, the best any rank-k matrix can do (Eckart–Young).
//
// Matrices, n×n: "decay" has σⱼ = 1/j exactly (A = H₁H₂·diag(σ)·H₃H₄ with random Householder
// reflectors, dense); "flat" has Gaussian entries (Marchenko–Pastur spectrum, σ₁ ≈ 2√n and the top
// values within a few per cent of each other), its σ_{k+1} taken from numpy's SVD.
// Env: BENCH_RSVD_SIZES=1024,2048,4096 (default) to choose n; BENCH_RSVD_NUMPY_THREADS=1 compares
// per core (Hinge runs on one core; numpy's BLAS uses every core); BENCH_RSVD_FULL_MAX_S (default
// 60): numpy's full SVD is skipped at a size where it is predicted (n³ from a smaller one) to take
// longer.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const SIZES = (process.env.BENCH_RSVD_SIZES ?? '1024,2048,4096').split(',').map(Number);
const KS = [16, 64];
const OVERSAMPLING = 10;
const SEED = 1;
const FULL_MAX_S = Number(process.env.BENCH_RSVD_FULL_MAX_S ?? 60);
const runsFor = (n) => (n <= 1024 ? 3 : 1);

function uniformSource(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(count, seed) {
  const u = uniformSource(seed);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  return out;
}

/** H₁H₂·diag(σ)·H₃H₄ (n×n, row-major) with random reflectors H = I − 2vvᵀ: dense, singular values exactly σ. */
function withSpectrum(n, sigma, seed) {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) a[i * n + i] = sigma[i];
  const unit = (s) => {
    const v = gaussian(n, s);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  for (let r = 0; r < 2; r++) {
    const v = unit(seed + r); // A ← (I − 2vvᵀ)·A
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w[j] += v[i] * a[i * n + j];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] -= 2 * v[i] * w[j];
  }
  for (let r = 2; r < 4; r++) {
    const v = unit(seed + r); // A ← A·(I − 2vvᵀ)
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let j = 0; j < n; j++) d += a[i * n + j] * v[j];
      for (let j = 0; j < n; j++) a[i * n + j] -= 2 * d * v[j];
    }
  }
  return a;
}

function best(runs, f) {
  let min = Infinity;
  let result;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    result = f();
    min = Math.min(min, performance.now() - t);
  }
  return { ms: min, result };
}

// numpy, timed inside Python: the same HMT algorithm, the full SVD, and every method's error
// measured by block Golub–Kahan–Lanczos on the residual operator (16 vectors, 20 rounds, full
// reorthogonalization: a 336-dimensional Krylov space; it matched the exact ‖residual‖₂ to 1e-14
// on Gaussian 512² and 1024² matrices; the residual is never formed). OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE (set on some
// machines here for old OpenBLAS builds) slow a current one down, so they are unset for it.
const NUMPY = String.raw`
import json, sys, time
import numpy as np
def blas():
    try:
        b = np.show_config(mode='dicts')['Build Dependencies']['blas']
        return f"{b.get('name')} {b.get('version')}"
    except Exception as e:
        return f'unknown ({e})'
def best(runs, f):
    times = []
    for _ in range(runs):
        t = time.perf_counter(); out = f(); times.append(time.perf_counter() - t)
    return min(times) * 1000, out
def hmt(a, k, p, q, rng):
    l = min(k + p, *a.shape)
    Q = np.linalg.qr(a @ rng.standard_normal((a.shape[1], l)))[0]
    for _ in range(q):
        W = np.linalg.qr(a.T @ Q)[0]
        Q = np.linalg.qr(a @ W)[0]
    Ub, s, Vt = np.linalg.svd(Q.T @ a, full_matrices=False)
    return Q @ Ub[:, :k], s[:k], Vt[:k].T
def spectral_error(a, U, s, V, seed, block=16, rounds=20):
    E = lambda X: a @ X - U @ (s[:, None] * (V.T @ X))
    Et = lambda Y: a.T @ Y - V @ (s[:, None] * (U.T @ Y))
    rng = np.random.default_rng(seed)
    basis = np.linalg.qr(rng.standard_normal((a.shape[1], block)))[0]
    images = E(basis)
    last = images
    for _ in range(rounds):
        W = Et(np.linalg.qr(last)[0])
        for _ in range(2): W -= basis @ (basis.T @ W)
        W = np.linalg.qr(W)[0]
        last = E(W)
        basis = np.hstack([basis, W]); images = np.hstack([images, last])
    return float(np.linalg.norm(images, 2))
spec = json.loads(sys.argv[1])
n, p = spec['n'], spec['oversampling']
out = {'blas': blas(), 'matrices': []}
full_budget_s = spec['fullMaxS']
full_per_n3 = spec.get('fullPerN3')
if full_per_n3 is None:
    probe = np.random.default_rng(0).standard_normal((512, 512))
    t, _ = best(1, lambda: np.linalg.svd(probe))
    full_per_n3 = t / 512 ** 3
for m in spec['matrices']:
    a = np.fromfile(m['path'], dtype='<f8').reshape(n, n)
    row = {'name': m['name'], 'cases': []}
    predicted = full_per_n3 * n ** 3 / 1000
    full = None
    if predicted <= full_budget_s:
        t, full = best(1, lambda: np.linalg.svd(a))
        row['fullMs'] = t
        full_per_n3 = t / n ** 3
    else:
        row['fullSkippedS'] = predicted
    if m.get('sigma') is not None:
        sigma = np.array(m['sigma'])
    elif full is not None:
        sigma = full[1]
    else:
        t, sigma = best(1, lambda: np.linalg.svd(a, compute_uv=False))
        row['valuesMs'] = t
    for c in m['cases']:
        k, q = c['k'], c['q']
        case = {'k': k, 'sigmaNext': float(sigma[k])}
        t, (U, s, V) = best(c['runs'], lambda: hmt(a, k, p, q, np.random.default_rng(1)))
        case['hmtMs'] = t
        case['hmtError'] = spectral_error(a, U, s, V, 2)
        hU = np.fromfile(c['u'], dtype='<f8').reshape(n, k)
        hV = np.fromfile(c['v'], dtype='<f8').reshape(n, k)
        hs = np.array(c['sigma'])
        case['hingeError'] = spectral_error(a, hU, hs, hV, 3)
        if full is not None:
            u, s_full, vt = full
            case['fullError'] = spectral_error(a, u[:, :k], s_full[:k], vt[:k].T, 4)
        row['cases'].append(case)
    out['matrices'].append(row)
out['fullPerN3'] = full_per_n3
print(json.dumps(out))
`;

function numpyEnv() {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  if (process.env.BENCH_RSVD_NUMPY_THREADS) {
    for (const name of ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS']) env[name] = process.env.BENCH_RSVD_NUMPY_THREADS;
  }
  return env;
}

const HAVE_NUMPY = spawnSync('python3', ['-c', 'import numpy'], { env: numpyEnv() }).status === 0;

function runNumpy(spec) {
  const r = spawnSync('python3', ['-c', NUMPY, JSON.stringify(spec)], { env: numpyEnv(), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    console.error(`numpy run failed: ${r.stderr}`);
    return null;
  }
  return JSON.parse(r.stdout);
}

const dir = mkdtempSync(join(tmpdir(), 'hinge-rsvd-bench-'));
const rows = [];
let blasName;
let fullPerN3;
const skippedFull = [];
try {
  await build({
    root, configFile: false, logLevel: 'warn',
    build: { outDir: join(dir, 'lib'), emptyOutDir: true, minify: false, lib: { entry: join(root, 'src/linalg/randomized-svd.ts'), formats: ['es'], fileName: 'rsvd' } },
  });
  const { randomizedSvd } = await import(join(dir, 'lib', 'rsvd.js'));
  for (const n of SIZES) {
    const decaySigma = Array.from({ length: n }, (_, j) => 1 / (j + 1));
    const matrices = [
      { name: 'decay σⱼ = 1/j', a: withSpectrum(n, decaySigma, 100 + n), sigma: decaySigma },
      { name: 'flat (Gaussian)', a: gaussian(n * n, 200 + n), sigma: null },
    ];
    const sizeDir = join(dir, String(n));
    mkdirSync(sizeDir);
    const spec = { n, oversampling: OVERSAMPLING, fullMaxS: FULL_MAX_S, fullPerN3, matrices: [] };
    const measured = [];
    for (const m of matrices) {
      const path = join(sizeDir, `a${measured.length}.bin`);
      writeFileSync(path, new Uint8Array(m.a.buffer)); // little-endian float64, row-major, as np.fromfile reads it
      const cases = [];
      for (const k of KS) {
        const { ms, result } = best(runsFor(n), () => randomizedSvd(m.a, n, n, k, { oversampling: OVERSAMPLING, seed: SEED }));
        const u = join(sizeDir, `u${measured.length}-${k}.bin`);
        const v = join(sizeDir, `v${measured.length}-${k}.bin`);
        writeFileSync(u, new Uint8Array(result.U.buffer));
        writeFileSync(v, new Uint8Array(result.V.buffer));
        cases.push({ k, q: result.powerIterations, runs: runsFor(n), u, v, sigma: Array.from(result.sigma), hingeMs: ms, estimate: result.errorEstimate, sigmaNextEstimate: result.sigmaNextEstimate });
        console.error(`n = ${n}, ${m.name}, k = ${k}: Hinge ${ms.toFixed(0)} ms, q = ${result.powerIterations}`);
      }
      // Only σ₁ … σ₆₅ are needed as a reference.
      spec.matrices.push({ name: m.name, path, sigma: m.sigma?.slice(0, Math.max(...KS) + 1) ?? null, cases });
      measured.push({ name: m.name, cases, sigma: m.sigma });
    }
    const np = HAVE_NUMPY ? runNumpy(spec) : null;
    if (np) {
      blasName = np.blas;
      fullPerN3 = np.fullPerN3;
    }
    measured.forEach((m, index) => {
      const npRow = np?.matrices[index];
      if (npRow?.fullSkippedS !== undefined) skippedFull.push(`${n} (${m.name}: predicted ${npRow.fullSkippedS.toFixed(0)} s)`);
      m.cases.forEach((c, i) => {
        const npCase = npRow?.cases[i];
        const sigmaNext = npCase?.sigmaNext ?? m.sigma?.[c.k];
        rows.push({
          n, name: m.name, k: c.k, q: c.q, hinge: c.hingeMs, hmt: npCase?.hmtMs, full: npRow?.fullMs,
          hingeError: npCase && npCase.hingeError / sigmaNext, hmtError: npCase && npCase.hmtError / sigmaNext,
          fullError: npCase?.fullError !== undefined ? npCase.fullError / sigmaNext : undefined,
          estimate: sigmaNext !== undefined ? c.estimate / sigmaNext : undefined,
        });
      });
    });
    console.error(`n = ${n} done`);
    rmSync(sizeDir, { recursive: true, force: true }); // 128 MB per matrix at 4096
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
print();

function print() {
  const ms = (x) => (x === undefined ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(0));
  const ratio = (x, y) => (x === undefined || y === undefined ? '—' : `${(x / y).toFixed(1)}×`);
  const err = (x) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(4));
  const header = ['n', 'matrix', 'k', 'q', 'hinge ms', 'numpy HMT ms', 'numpy full SVD ms', 'hinge/numpy HMT', 'hinge/numpy full',
    'err/σk+1 hinge', 'err/σk+1 numpy HMT', 'err/σk+1 full', 'hinge estimate/σk+1'];
  const table = rows.map((r) => [String(r.n), r.name, String(r.k), String(r.q), ms(r.hinge), ms(r.hmt), ms(r.full),
    ratio(r.hinge, r.hmt), ratio(r.hinge, r.full), err(r.hingeError), err(r.hmtError), err(r.fullError), err(r.estimate)]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(`Randomized SVD, top k of n×n, oversampling ${OVERSAMPLING}; Hinge best of ${runsFor(1024)} at n ≤ 1024, else 1 run; node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`numpy: ${HAVE_NUMPY ? blasName ?? 'run failed' : 'not available (python3 -c "import numpy" failed): Hinge alone, errors as its own estimate'}`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const t of table) console.log(line(t));
  console.log('q: power iterations Hinge\'s error check chose; numpy HMT runs the same q without any check (Hinge\'s time includes its checks: 9 sweeps with 4 columns per iteration).');
  console.log('err: ‖A − U_k·Σ_k·V_kᵀ‖₂ by block Lanczos in numpy, over the exact σ_{k+1} (σⱼ = 1/j, or numpy\'s SVD of the Gaussian matrix); estimate: Hinge\'s own errorEstimate (a lower bound).');
  if (skippedFull.length) console.log(`numpy full SVD skipped at n = ${skippedFull.join(', ')}: over BENCH_RSVD_FULL_MAX_S = ${FULL_MAX_S} s.`);
  console.log('Goal (issue 7): spectral error within 1.05·σ_{k+1} for k ≤ 64, with progress and cancel, for 4096×4096 in a worker.');
}
