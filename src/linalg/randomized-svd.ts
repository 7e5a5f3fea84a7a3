/**
 * The top k singular values and vectors of a large matrix by the randomized SVD of Halko,
 * Martinsson & Tropp ("Finding structure with randomness", SIAM Review 53(2), 2011, Algorithms
 * 4.4 and 5.1): a few sweeps over A instead of the O(mn·min(m, n)) work of a full SVD.
 *
 * 1. Sketch: Y = A·Ω with Ω an n×ℓ Gaussian matrix, ℓ = k + oversampling. With probability 1
 *    the columns of Y are independent mixtures of A's columns, so range(Y) holds mostly A's
 *    dominant left singular directions; Q = orth(Y).
 * 2. Power (subspace) iterations: W = orth(AᵀQ), Q = orth(A·W), repeated q times. Each round
 *    multiplies the weight of direction i by σᵢ², so directions beyond k fade like
 *    (σ_{ℓ+1}/σ_k)^{2q}. The re-orthonormalization after *every* product is what keeps this
 *    exact: forming (AAᵀ)^q·A·Ω directly would bury every σ below ε^{1/(2q+1)}·σ₁ in rounding.
 * 3. Project and factor: B = QᵀA (ℓ×n), its small SVD B = Ũ·Σ·Ṽᵀ with the existing kernel (after
 *    a QR of Bᵀ, so the kernel sees an ℓ×ℓ matrix), and U = Q·Ũ. A ≈ U_k·Σ_k·V_kᵀ.
 *
 * The AᵀQ of a power step is Bᵀ, and the QR of Bᵀ that the small SVD needs is the
 * orthonormalization that step needs, so each power iteration costs exactly two sweeps over A.
 */
import { ShapeError } from '../errors.js';
import { mulberry32 } from '../random.js';
import { CancelledError, NonFiniteError } from './errors.js';
import { qrFactor, tailNorm, thinQ } from './householder.js';
import { gemmInWasm } from './productChain.js';
import { svdFloat64 } from './svd.js';
import { binaryExponent, timesPowerOfTwo } from './power-of-two.js';
import { thinOperator, type SweepTick, type ThinOperator } from './thinProducts.js';

/** The largest k the randomized SVD is meant for (and tested at); larger k is refused. */
export const MAX_RANDOMIZED_RANK = 64;

/** What the randomized SVD is doing: sketching, a power iteration, projecting, or checking its error. */
export type RandomizedSvdPhase = 'sketch' | 'power' | 'project' | 'check';

/** Options of {@link randomizedSvd}. */
export interface RandomizedSvdOptions {
  /** p: the sketch has ℓ = min(k + p, rows, cols) columns. An integer ≥ 2 (HMT's bounds need p ≥ 2); default 10. */
  readonly oversampling?: number;
  /**
   * Power iterations q: a whole number 0…100, or 'auto' (the default): iterate until the error
   * check described at {@link randomizedSvd} passes, at most 12 times.
   */
  readonly powerIterations?: number | 'auto';
  /** Seed of every random draw (taken as an unsigned 32-bit integer); default 1. Same seed, same bits. */
  readonly seed?: number;
  /** The 'auto' target: stop once errorEstimate ≤ tolerance·sigmaNextEstimate. At least 1; default 1.05. */
  readonly tolerance?: number;
  /**
   * Called as the work advances with the fraction done (non-decreasing, in [0, 1], ending with
   * exactly 1) and the current phase; about 100 calls in all.
   */
  readonly onProgress?: (fraction: number, phase: RandomizedSvdPhase) => void;
  /** Checked every 64 rows of each sweep over A; once `aborted`, the call throws CancelledError. An AbortSignal fits. */
  readonly signal?: { readonly aborted: boolean };
}

/** A rank-k approximation A ≈ U·diag(sigma)·Vᵀ and what is known about its error. */
export interface RandomizedSvd {
  /** rows×k, row-major: column i is the left singular vector uᵢ (orthonormal columns). */
  readonly U: Float64Array;
  /** k singular values, descending, non-negative; each is ≤ the true σᵢ (see randomizedSvd). */
  readonly sigma: Float64Array;
  /** cols×k, row-major: column i is the right singular vector vᵢ (orthonormal columns). */
  readonly V: Float64Array;
  /** Power iterations done (the one asked for, or where 'auto' stopped). */
  readonly powerIterations: number;
  /** An estimate from below of the spectral error ‖A − U·diag(sigma)·Vᵀ‖₂ (see randomizedSvd). */
  readonly errorEstimate: number;
  /** σ̂_{k+1}, the (k+1)-th singular value of the sketch: a lower bound of σ_{k+1}; 0 when k = min(rows, cols). */
  readonly sigmaNextEstimate: number;
}

const DEFAULT_OVERSAMPLING = 10;
const DEFAULT_TOLERANCE = 1.05;
const MAX_AUTO_ITERATIONS = 12;
const MAX_POWER_ITERATIONS = 100;
/** The error check: a block of this many Gaussian vectors … */
const CHECK_VECTORS = 4;
/** … through this many rounds of EᵀE (2·4 + 1 = 9 products with E or Eᵀ). */
const CHECK_ROUNDS = 4;
/** A candidate Krylov vector keeping less than this fraction of its length after orthogonalization is already in the span. */
const DEPENDENT = 1e-10;
/** Matrices with max|aᵢⱼ| inside [2⁻⁴⁰⁰, 2⁴⁰⁰] are used as they are: no sum of squares met on the way can overflow or underflow. */
const SAFE_EXPONENT = 400;
/**
 * 'auto' also stops once the estimated error is below ROUNDING·ε·σ̂₁·(rows + cols): the
 * rounding errors of forming A·Ω, Q and U·Σ·Vᵀ in double precision are of that order, so no
 * further iteration can lower the error, whatever σ_{k+1} is (for instance 0, for a matrix of
 * rank ≤ k).
 */
const ROUNDING = 4;

/**
 * The best rank-k approximation of the rows×cols matrix `a` (row-major: entry (i, j) at
 * a[i·cols + j]; not modified), computed by randomized subspace iteration; see the file comment
 * for the algorithm. Returns U (rows×k), sigma (k) and V (cols×k) with A ≈ U·diag(sigma)·Vᵀ, signs
 * as {@link svd}'s (the largest-|·| entry of each uᵢ is positive).
 *
 * What is guaranteed (in exact arithmetic; rounding adds about ε·‖A‖):
 * - U and V have orthonormal columns, and sigmaᵢ ≤ σᵢ(A) for every i ≤ k, because they are the
 *   singular values of QᵀA with ‖Q‖ = 1; likewise sigmaNextEstimate = σ̂_{k+1} ≤ σ_{k+1}.
 * - The error err = ‖A − U·Σ·Vᵀ‖₂ is at least σ_{k+1} (Eckart–Young), hence ≥ sigmaNextEstimate.
 * - sigmaᵢ² ≥ σᵢ² − err² (Weyl's inequality on AᵀA = AᵀQQᵀA + Aᵀ(I − QQᵀ)A): values well above
 *   σ_{k+1} are accurate, those near it may be a few per cent low even when err ≤ 1.05·σ_{k+1}.
 * - errorEstimate ≤ err: it is ‖E·K‖₂ for E = A − U·Σ·Vᵀ and K with orthonormal columns (a block
 *   Krylov basis grown from 4 Gaussian vectors by 4 rounds of EᵀE; see estimateError).
 *
 * What is estimated: how close errorEstimate comes to err. Since span(K) holds (EᵀE)⁴·g for each
 * start vector g, Dixon's bound for the power method from a random start (BIT 23, 1983) gives
 * P(err > c·errorEstimate) ≤ (0.8·√cols·c⁻⁹)⁴ — at most 10⁻⁴ for c = 2 at cols = 4096; in practice
 * it is within 1–3% (Krylov methods converge fast on the clustered top of a residual's spectrum).
 * So when 'auto' stops because errorEstimate ≤ tolerance·sigmaNextEstimate, the issue's
 * err ≤ tolerance·σ_{k+1} holds as far as the estimate is right; the tests measure err exactly.
 * The check measures the rank-k result itself, not the projection error ‖A − QQᵀA‖₂ of HMT's
 * a-posteriori test: err² can be as large as ‖A − QQᵀA‖₂² + σ̂²_{k+1}, so a projection within
 * 1.05·σ_{k+1} would still allow err ≈ 1.45·σ_{k+1}. 'auto' also stops when the sketch spans
 * A's whole range (ℓ = min(rows, cols): nothing is left to find), when errorEstimate is at the
 * rounding level 4·ε·σ̂₁·(rows + cols) (nothing more can be gained in double precision, e.g. for
 * rank ≤ k), and after 12 iterations; compare errorEstimate with tolerance·sigmaNextEstimate to
 * see whether the target was met.
 *
 * Cost: 2q + 2 sweeps over A with ℓ columns, plus 9 with ≤ 4 columns for each check (one per
 * iteration with 'auto', one at the end otherwise); memory O((rows + cols)·ℓ), and no copy of A
 * unless its entries lie outside [2⁻⁴⁰⁰, 2⁴⁰⁰], when one copy scaled by a power of two is made
 * (exact, and undone on sigma and the estimates); the WebAssembly kernels, when they run, hold one
 * more copy of A in their memory for the whole call.
 *
 * Throws ShapeError if a.length ≠ rows·cols, RangeError for k outside 1…min(rows, cols), for
 * k > 64 and for bad options, NonFiniteError for a NaN or ±Infinity entry, CancelledError once
 * `options.signal` is aborted.
 * @example randomizedSvd(a, 4096, 4096, 16) // σ₁…σ₁₆ of a 4096×4096 matrix in a few seconds
 */
export function randomizedSvd(
  a: Float64Array, rows: number, cols: number, k: number, options: RandomizedSvdOptions = {},
): RandomizedSvd {
  checkShape(a, rows, cols, k);
  const { oversampling, powerIterations, seed, tolerance } = readOptions(options);
  const m = rows;
  const n = cols;
  const l = Math.min(k + oversampling, m, n);
  const auto = powerIterations === 'auto';
  const progress = new Progress(options, planned(m, n, l, k, auto ? 2 : powerIterations, auto));
  const maxAbs = largestEntry(a, m, n);
  // Far-off magnitudes are brought near 1 by an exact power of two, on a copy (the only one).
  const e = maxAbs > 0 && Math.abs(binaryExponent(maxAbs)) > SAFE_EXPONENT ? binaryExponent(maxAbs) : 0;
  const data = e === 0 ? a : a.map((x) => timesPowerOfTwo(x, -e));
  const random = normalSource(seed);
  const op = thinOperator(data, m, n);
  try {
    return iterate({ a: data, op, m, n, l, progress, random }, k, powerIterations, tolerance, e);
  } finally {
    op.release();
  }
}

/** Sketch, power iterations and checks (see randomizedSvd); e: the power of two A was scaled by. */
function iterate(work: Work, k: number, powerIterations: number | 'auto', tolerance: number, e: number): RandomizedSvd {
  const { m, n, l, progress, random } = work;
  const auto = powerIterations === 'auto';
  progress.enter('sketch');
  const omega = gaussian(random, l * n);
  const yt = new Float64Array(l * m);
  sweep(work, () => work.op.multiply(omega, l, yt, progress.tick), 2 * m * n * l);
  let qt = orthonormalize(work, yt, m, l);
  for (let q = 0; ; q++) {
    progress.enter('project');
    const small = projectAndFactor(work, qt);
    const last = !auto && q === powerIterations;
    if (auto || last) {
      const U = leadingProduct(qt, m, l, small.ur, k);
      const V = leadingProduct(small.w, n, l, small.vr, k);
      const sigma = small.s.slice(0, k);
      const sigmaNext = l > k ? small.s[k] : 0;
      progress.enter('check');
      const estimate = estimateError(work, U, sigma, V, k);
      const floor = ROUNDING * Number.EPSILON * small.s[0] * (m + n);
      const done = last || l === Math.min(m, n) || estimate <= tolerance * sigmaNext || estimate <= floor || q === MAX_AUTO_ITERATIONS;
      if (done) {
        fixSigns(U, m, V, n, k);
        progress.finish();
        return {
          U, sigma: sigma.map((s) => timesPowerOfTwo(s, e)), V, powerIterations: q,
          errorEstimate: timesPowerOfTwo(estimate, e), sigmaNextEstimate: timesPowerOfTwo(sigmaNext, e),
        };
      }
      progress.expect(powerStepCost(m, n, l) + checkCost(m, n, l));
    }
    // One power iteration: W = orth(AᵀQ) is small.w already; now Q = orth(A·W).
    progress.enter('power');
    sweep(work, () => work.op.multiply(small.w, l, yt, progress.tick), 2 * m * n * l);
    qt = orthonormalize(work, yt, m, l);
  }
}

/** The matrix, its sizes, the sketch width ℓ, and the run's progress and random stream. */
interface Work {
  readonly a: Float64Array;
  /** A·X and Wᵀ·A, in WebAssembly when it runs here. */
  readonly op: ThinOperator;
  readonly m: number;
  readonly n: number;
  readonly l: number;
  readonly progress: Progress;
  readonly random: () => number;
}

/** The small SVD B = QᵀA = Ũ·diag(s)·Ṽᵀ, with Ṽ = W·vr: W = orth(Bᵀ) (n×ℓ, column-major), ur and vr ℓ×ℓ row-major. */
interface SmallSvd {
  readonly ur: Float64Array;
  readonly s: Float64Array;
  readonly vr: Float64Array;
  readonly w: Float64Array;
}

/**
 * B = QᵀA (one sweep), then Bᵀ = W·R by Householder QR and the ℓ×ℓ SVD Rᵀ = Ũ·Σ·V_Rᵀ, so that
 * B = Rᵀ·Wᵀ = Ũ·Σ·(W·V_R)ᵀ. Bᵀ column-major is B row-major: the QR runs on the product in place.
 */
function projectAndFactor(work: Work, qt: Float64Array): SmallSvd {
  const { a, m, n, l, progress } = work;
  const b = new Float64Array(l * n);
  sweep(work, () => work.op.multiplyTransposed(qt, l, b, progress.tick), 2 * m * n * l);
  const tau = new Float64Array(l);
  qrFactor(b, n, l, tau);
  // Rᵀ row-major: (Rᵀ)ᵢⱼ = R_ji, stored column-major (leading dimension n) at b[i·n + j], j ≤ i.
  const rt = new Float64Array(l * l);
  for (let i = 0; i < l; i++) for (let j = 0; j <= i; j++) rt[i * l + j] = b[i * n + j];
  const small = svdFloat64(rt, l, l, true, work.progress.signal ? { signal: work.progress.signal } : {});
  const w = thinQ(b, n, l, tau);
  progress.add(orthonormalizeCost(n, l));
  return { ur: small.U!, s: small.S, vr: small.V!, w };
}

/** An orthonormal basis of the columns of the column-major rows×cols matrix y (destroyed), by Householder QR. */
function orthonormalize(work: Work, y: Float64Array, rows: number, cols: number): Float64Array {
  const tau = new Float64Array(cols);
  qrFactor(y, rows, cols, tau);
  const q = thinQ(y, rows, cols, tau);
  work.progress.add(orthonormalizeCost(rows, cols));
  return q;
}

/** rows×k row-major: the column-major rows×ℓ matrix x times the first k columns of the row-major ℓ×ℓ matrix small. */
function leadingProduct(x: Float64Array, rows: number, l: number, small: Float64Array, k: number): Float64Array {
  const out = new Float64Array(rows * k);
  // Column-major, out is the k×rows matrix (first k columns of small)ᵀ·xᵀ: the same sums in the same order.
  if (gemmInWasm(k, rows, l, small, l, x, rows, 1, out, k)) return out;
  for (let r = 0; r < l; r++) {
    const sr = r * l;
    const xr = r * rows;
    for (let i = 0; i < rows; i++) {
      const c = x[xr + i];
      const oi = i * k;
      for (let p = 0; p < k; p++) out[oi + p] += c * small[sr + p];
    }
  }
  return out;
}

/**
 * A lower estimate of ‖E‖₂, E = A − U·diag(σ)·Vᵀ, never forming E: block Golub–Kahan–Lanczos. An
 * orthonormal basis K of the block Krylov space span{G, (EᵀE)·G, …, (EᵀE)⁴·G} (G: 4 Gaussian
 * vectors) is grown one block at a time, keeping E·K; the estimate is ‖E·K‖₂. Since K has
 * orthonormal columns, ‖E·K‖₂ ≤ ‖E‖₂ exactly. The space contains (EᵀE)⁴·g for each start vector
 * g, so the estimate is at least the power method's, and Dixon's bound applies (see
 * randomizedSvd); on clustered spectra it is much closer than the power method (Chebyshev-like
 * convergence of Krylov methods).
 */
function estimateError(work: Work, U: Float64Array, sigma: Float64Array, V: Float64Array, k: number): number {
  const { a, m, n, progress } = work;
  const r = Math.min(CHECK_VECTORS, m, n);
  const capacity = Math.min(r * (CHECK_ROUNDS + 1), n);
  const basis = new Float64Array(n * capacity); // K, column-major
  const images = new Float64Array(m * capacity); // E·K, column-major
  let size = 0;
  let next = gaussian(work.random, r * n); // the next block's raw columns, column-major n×r
  const product = new Float64Array(r * n);
  for (let round = 0; round <= CHECK_ROUNDS && size < capacity; round++) {
    const first = size;
    size = extendBasis(basis, size, capacity, next, n, r);
    const added = size - first;
    if (added === 0) break; // the Krylov space is exhausted: E·K already holds all of E's action on it
    const block = basis.subarray(first * n, size * n);
    const image = images.subarray(first * m, size * m);
    sweep(work, () => work.op.multiply(block, added, image, progress.tick), 2 * m * n * added);
    subtractLowRank(image, m, U, sigma, V, n, k, block, added);
    if (round === CHECK_ROUNDS) break;
    // Eᵀ of an orthonormal basis of E·(new block): the same span as Eᵀ·E·(new block), of size ~1.
    const z = orthonormalize(work, image.slice(), m, added);
    const raw = product.subarray(0, added * n);
    sweep(work, () => work.op.multiplyTransposed(z, added, raw, progress.tick), 2 * m * n * added);
    subtractLowRank(raw, n, V, sigma, U, m, k, z, added);
    next = raw.slice();
  }
  // ‖E·K‖₂: the largest singular value of (E·K)ᵀ, which `images` holds row-major (size×m).
  return size === 0 ? 0 : svdFloat64(images.subarray(0, size * m), size, m, false).S[0];
}

/**
 * Appends to the orthonormal columns basis[0..size) (column-major, length-n columns) the parts of
 * the candidate columns orthogonal to them, each by Gram–Schmidt run twice ("twice is enough":
 * orthonormal to working precision), dropping any candidate that is (numerically) already in the
 * span. Returns the new number of columns.
 */
function extendBasis(basis: Float64Array, size: number, capacity: number, candidates: Float64Array, n: number, count: number): number {
  for (let c = 0; c < count && size < capacity; c++) {
    const w = candidates.subarray(c * n, (c + 1) * n);
    const before = tailNorm(w, 0, n);
    if (before === 0) continue;
    for (let pass = 0; pass < 2; pass++) {
      for (let b = 0; b < size; b++) {
        const col = b * n;
        let d = 0;
        for (let j = 0; j < n; j++) d += basis[col + j] * w[j];
        for (let j = 0; j < n; j++) w[j] -= d * basis[col + j];
      }
    }
    const after = tailNorm(w, 0, n);
    if (!(after > DEPENDENT * before)) continue;
    const col = size * n;
    for (let j = 0; j < n; j++) basis[col + j] = w[j] / after;
    size++;
  }
  return size;
}

/**
 * out ← out − (X·diag(σ)·Yᵀ·G)ᵀ with out r×p row-major, X p×k and Y q×k row-major, G given as gt
 * (r×q row-major): the low-rank part of E·G (X = U, Y = V) or of Eᵀ·Z (X = V, Y = U).
 */
function subtractLowRank(
  out: Float64Array, p: number, X: Float64Array, sigma: Float64Array, Y: Float64Array, q: number, k: number,
  gt: Float64Array, r: number,
): void {
  // c = diag(σ)·Yᵀ·G, kept as cᵀ (r×k row-major) so every inner loop runs over contiguous memory.
  const ct = new Float64Array(r * k);
  for (let s = 0; s < r; s++) {
    const cs = s * k;
    for (let j = 0; j < q; j++) {
      const g = gt[s * q + j];
      const yj = j * k;
      for (let t = 0; t < k; t++) ct[cs + t] += Y[yj + t] * g;
    }
    for (let t = 0; t < k; t++) ct[cs + t] *= sigma[t];
  }
  for (let s = 0; s < r; s++) {
    const base = s * p;
    const cs = s * k;
    let i = 0;
    // Four rows at once: four independent chains of adds (each sum still runs over t in order).
    for (; i + 3 < p; i += 4) {
      const x0 = i * k, x1 = x0 + k, x2 = x1 + k, x3 = x2 + k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let t = 0; t < k; t++) {
        const c = ct[cs + t];
        s0 += X[x0 + t] * c;
        s1 += X[x1 + t] * c;
        s2 += X[x2 + t] * c;
        s3 += X[x3 + t] * c;
      }
      out[base + i] -= s0;
      out[base + i + 1] -= s1;
      out[base + i + 2] -= s2;
      out[base + i + 3] -= s3;
    }
    for (; i < p; i++) {
      const xi = i * k;
      let sum = 0;
      for (let t = 0; t < k; t++) sum += X[xi + t] * ct[cs + t];
      out[base + i] -= sum;
    }
  }
}

/** One sweep over A, with its flop count for the progress plan. */
function sweep(work: Work, product: () => void, cost: number): void {
  work.progress.startSweep(cost);
  product();
  work.progress.add(cost);
}

function orthonormalizeCost(rows: number, cols: number): number {
  return 4 * rows * cols * cols;
}

function powerStepCost(m: number, n: number, l: number): number {
  return 4 * m * n * l + orthonormalizeCost(m, l) + orthonormalizeCost(n, l);
}

function checkCost(m: number, n: number, l: number): number {
  const r = Math.min(CHECK_VECTORS, m, n);
  return (2 * CHECK_ROUNDS + 1) * 2 * m * n * r + 2 * (m + n) * l * l;
}

/** Flops of the whole run with q power iterations: sketch, q·(project + power), project, check(s). */
function planned(m: number, n: number, l: number, k: number, q: number, auto: boolean): number {
  const sketch = 2 * m * n * l + orthonormalizeCost(m, l);
  const project = 2 * m * n * l + orthonormalizeCost(n, l);
  return sketch + q * powerStepCost(m, n, l) + project + (auto ? q + 1 : 1) * checkCost(m, n, l) + 2 * (m + n) * l * k;
}

/** The documented sign convention: the largest-|·| entry of each uᵢ (first on ties) is positive, vᵢ flips along. */
function fixSigns(U: Float64Array, m: number, V: Float64Array, n: number, k: number): void {
  for (let c = 0; c < k; c++) {
    let best = 0;
    let value = 0;
    for (let i = 0; i < m; i++) {
      const x = U[i * k + c];
      if (Math.abs(x) > best) {
        best = Math.abs(x);
        value = x;
      }
    }
    if (value >= 0) continue;
    for (let i = 0; i < m; i++) U[i * k + c] = -U[i * k + c];
    for (let j = 0; j < n; j++) V[j * k + c] = -V[j * k + c];
  }
}

/** Standard normal draws by Box–Muller on the seeded mulberry32 stream: √(−2 ln(1 − u₁))·(cos 2πu₂, sin 2πu₂). */
function normalSource(seed: number): () => number {
  const uniform = mulberry32(seed);
  let spare = Number.NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const value = spare;
      spare = Number.NaN;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

function gaussian(random: () => number, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = random();
  return out;
}

function checkShape(a: Float64Array, m: number, n: number, k: number): void {
  if (!(a instanceof Float64Array)) throw new TypeError('The matrix must be a Float64Array (row-major).');
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || n < 0) {
    throw new ShapeError(`A matrix size must be two non-negative integers, got ${m}×${n}.`);
  }
  if (a.length !== m * n) throw new ShapeError(`A ${m}×${n} matrix has ${m * n} entries, but ${a.length} were given.`);
  const most = Math.min(m, n);
  if (!Number.isInteger(k) || k < 1 || k > most) {
    throw new RangeError(`k must be a whole number from 1 to min(rows, cols) = ${most} for a ${m}×${n} matrix, got ${k}.`);
  }
  if (k > MAX_RANDOMIZED_RANK) {
    throw new RangeError(`k = ${k} is above the supported ${MAX_RANDOMIZED_RANK} for the randomized SVD of a ${m}×${n} matrix; use the full SVD for more singular values.`);
  }
}

function readOptions(options: RandomizedSvdOptions): { oversampling: number; powerIterations: number | 'auto'; seed: number; tolerance: number } {
  const oversampling = options.oversampling ?? DEFAULT_OVERSAMPLING;
  if (!Number.isInteger(oversampling) || oversampling < 2) throw new RangeError(`oversampling must be a whole number ≥ 2, got ${oversampling}.`);
  const powerIterations = options.powerIterations ?? 'auto';
  if (powerIterations !== 'auto' && !(Number.isInteger(powerIterations) && powerIterations >= 0 && powerIterations <= MAX_POWER_ITERATIONS)) {
    throw new RangeError(`powerIterations must be 'auto' or a whole number from 0 to ${MAX_POWER_ITERATIONS}, got ${String(powerIterations)}.`);
  }
  const seed = options.seed ?? 1;
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}.`);
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  // Eckart–Young: no rank-k approximation beats σ_{k+1}, so a tolerance below 1 could never be met.
  if (!(tolerance >= 1 && Number.isFinite(tolerance))) throw new RangeError(`tolerance must be a finite number ≥ 1, got ${tolerance}.`);
  return { oversampling, powerIterations, seed, tolerance };
}

/** max |aᵢⱼ|, refusing NaN and ±Infinity with the place of the first one. */
function largestEntry(a: Float64Array, m: number, n: number): number {
  let big = 0;
  for (let i = 0; i < m * n; i++) {
    const ax = Math.abs(a[i]);
    if (!(ax <= big)) {
      if (!(ax < Infinity)) throw new NonFiniteError(Math.floor(i / n), i % n, a[i]); // NaN fails both tests
      big = ax;
    }
  }
  return big;
}


const DOING: Readonly<Record<RandomizedSvdPhase, string>> = {
  sketch: 'while sketching the range of the matrix',
  power: 'during a power iteration',
  project: 'while projecting onto the sketch',
  check: 'while estimating the error',
};

/** Report at most this often, as a fraction of the whole: about 100 reports per call. */
const REPORT_STEP = 0.01;

/**
 * Progress in flops done against flops planned. With 'auto' the number of iterations is not known
 * in advance: {@link expect} stretches the plan when more work turns out to be needed, mapping the
 * rest of the work onto the rest of the bar, so the fraction never goes backwards nor stalls.
 */
class Progress {
  readonly signal: { readonly aborted: boolean } | undefined;
  private readonly onProgress: ((fraction: number, phase: RandomizedSvdPhase) => void) | undefined;
  private phase: RandomizedSvdPhase = 'sketch';
  private done = 0;
  private total: number;
  private base = 0;
  private baseDone = 0;
  private sweepCost = 0;
  private reported = -1;
  /** The checkpoint passed to the products: reports within the current sweep and checks the signal. */
  readonly tick: SweepTick;

  constructor(options: RandomizedSvdOptions, total: number) {
    const { onProgress, signal } = options;
    if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError('onProgress must be a function (fraction, phase) => void.');
    if (signal !== undefined && (signal === null || typeof signal !== 'object')) {
      throw new TypeError('signal must be an object with an `aborted` property, such as an AbortSignal.');
    }
    this.onProgress = onProgress;
    this.signal = signal;
    this.total = Math.max(total, 1);
    this.tick = (fraction) => {
      this.emit(this.done + fraction * this.sweepCost, false);
      this.check();
    };
    this.check();
  }

  enter(phase: RandomizedSvdPhase): void {
    const changed = phase !== this.phase || this.reported < 0;
    this.phase = phase;
    this.emit(this.done, changed);
    this.check();
  }

  startSweep(cost: number): void {
    this.sweepCost = cost;
  }

  add(cost: number): void {
    this.done += cost;
    this.emit(this.done, false);
    this.check();
  }

  /** At least `remaining` flops are still to come: stretch the plan if it did not foresee them. */
  expect(remaining: number): void {
    if (this.total - this.done >= remaining) return;
    this.base = this.fraction(this.done);
    this.baseDone = this.done;
    this.total = this.done + remaining;
  }

  finish(): void {
    this.onProgress?.(1, this.phase);
    this.check();
  }

  private fraction(done: number): number {
    const f = this.base + ((1 - this.base) * (done - this.baseDone)) / (this.total - this.baseDone);
    return Math.min(Math.max(f, 0), 1 - REPORT_STEP / 2);
  }

  private emit(done: number, force: boolean): void {
    if (this.onProgress === undefined) return;
    const x = Math.max(this.fraction(done), this.reported);
    if (!force && x < this.reported + REPORT_STEP) return;
    this.reported = x;
    this.onProgress(x, this.phase);
  }

  private check(): void {
    if (this.signal?.aborted === true) throw new CancelledError(`The randomized SVD was cancelled ${DOING[this.phase]}.`);
  }
}
