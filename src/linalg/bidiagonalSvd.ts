/**
 * Singular values (and optionally vectors) of an upper bidiagonal matrix by implicit-shift QR,
 * a port of LAPACK's dbdsqr (Demmel & Kahan, "Accurate singular values of bidiagonal matrices",
 * 1990). It computes every singular value to high *relative* accuracy — tiny σ are as accurate as
 * large ones — by three devices: convergence tests that bound the error relative to each σ, a
 * zero shift whenever a shift would destroy relative accuracy, and chasing the bulge from the
 * larger end of the matrix towards the smaller.
 */
import { NotConvergedError } from './errors.js';
import { planeRotation, rotationScratch, singularValues2x2, svd2x2, type RotationScratch } from './planeRotations.js';
import type { SvdProgress } from './progress.js';
import { RotationLog, type RotatedVectors } from './rotationLog.js';

const EPS = Number.EPSILON / 2;
const UNFL = 2 ** -1022;
/** LAPACK's MAXITR: at most 6·n² inner steps (bulge moves) in total before giving up. */
const MAXITR = 6;
/** LAPACK's TOLMUL = max(10, min(100, ε^(−1/8))): relative accuracy target is about 99ε. */
const TOL = Math.max(10, Math.min(100, EPS ** -0.125)) * EPS;

/**
 * Diagonalizes the upper bidiagonal B (diagonal d, superdiagonal e, both length ≥ n) in place:
 * on return d holds B's singular values, non-negative and descending. When `u` and `v` are given,
 * their columns 0..n−1 are multiplied on the right by B's left and right singular vectors (so
 * passing Q and P of A = Q·B·Pᵀ yields A's). Throws NotConvergedError after `maxSweeps` QR sweeps or
 * LAPACK's budget of 6n² bulge steps, whichever comes first. `progress` gets a checkpoint per pass
 * of the iteration, measured by how many singular values have split off.
 */
export function bidiagonalSvd(
  d: Float64Array, e: Float64Array, n: number,
  u: RotatedVectors | null, v: RotatedVectors | null, maxSweeps = Infinity, progress: SvdProgress | null = null,
): void {
  const log = u && v ? new RotationLog(n, u, v, progress) : null;
  if (n > 1) iterate(d, e, n, log, maxSweeps, progress);
  log?.flush();
  makePositiveAndSort(d, n, u, v);
}

function iterate(d: Float64Array, e: Float64Array, n: number, log: RotationLog | null, maxSweeps: number, progress: SvdProgress | null): void {
  const rot = rotationScratch();
  // Threshold below which an e counts as zero: relative to a lower bound of σ_min (the running
  // recurrence μ is Demmel–Kahan's estimate), floored so that it cannot underflow.
  let sminoa = Math.abs(d[0]);
  if (sminoa !== 0) {
    let mu = sminoa;
    for (let i = 1; i < n && sminoa !== 0; i++) {
      mu = Math.abs(d[i]) * (mu / (mu + Math.abs(e[i - 1])));
      sminoa = Math.min(sminoa, mu);
    }
  }
  sminoa /= Math.sqrt(n);
  const thresh = Math.max(TOL * sminoa, MAXITR * (n * (n * UNFL)));
  const maxSteps = MAXITR * n * n;
  let steps = 0;
  let sweeps = 0;
  let oldll = -1;
  let oldm = -1;
  let idir = 0;
  let m = n - 1; // last index of the part that has not converged
  // A pass without a sweep shrinks m or zeroes a nonzero e, so at most 2n of them come between two
  // sweeps; more means a NaN has crept in, and counting them guarantees termination regardless.
  let idle = 0;
  outer: while (m > 0) {
    if (steps > maxSteps || ++idle > 2 * n + 2) throw notConverged(sweeps, m);
    progress?.at(1 - m / (n - 1));
    // Find the bottom unreduced block ll..m: e[ll−1] is negligible, e[ll..m−1] are not.
    let smax = Math.abs(d[m]);
    let ll = -1;
    for (let i = m - 1; i >= 0; i--) {
      const abss = Math.abs(d[i]);
      const abse = Math.abs(e[i]);
      if (abse <= thresh) {
        e[i] = 0;
        ll = i;
        break;
      }
      smax = Math.max(smax, abss, abse);
    }
    if (ll === m - 1) {
      m--; // the bottom value has split off
      continue;
    }
    ll++;
    if (ll === m - 1) {
      // A 2×2 block is diagonalized directly.
      svd2x2(d[m - 1], e[m - 1], d[m], rot);
      d[m - 1] = rot.ssmax;
      e[m - 1] = 0;
      d[m] = rot.ssmin;
      if (log) {
        const p = 2 * log.begin(m - 1, 1, false);
        log.csV[p] = rot.csr;
        log.csV[p + 1] = rot.snr;
        log.csU[p] = rot.csl;
        log.csU[p + 1] = rot.snl;
      }
      m -= 2;
      continue;
    }
    // On a new block, chase from the larger end towards the smaller: it converges from there.
    if (ll > oldm || m < oldll) idir = Math.abs(d[ll]) >= Math.abs(d[m]) ? 1 : 2;
    // Convergence tests with the Demmel–Kahan recurrence: e[i] is negligible when small relative
    // to a lower bound μ of the singular values of the part it couples.
    let sminl = 0;
    if (idir === 1) {
      if (Math.abs(e[m - 1]) <= TOL * Math.abs(d[m])) {
        e[m - 1] = 0;
        continue;
      }
      let mu = Math.abs(d[ll]);
      sminl = mu;
      for (let i = ll; i < m; i++) {
        if (Math.abs(e[i]) <= TOL * mu) {
          e[i] = 0;
          continue outer;
        }
        mu = Math.abs(d[i + 1]) * (mu / (mu + Math.abs(e[i])));
        sminl = Math.min(sminl, mu);
      }
    } else {
      if (Math.abs(e[ll]) <= TOL * Math.abs(d[ll])) {
        e[ll] = 0;
        continue;
      }
      let mu = Math.abs(d[m]);
      sminl = mu;
      for (let i = m - 1; i >= ll; i--) {
        if (Math.abs(e[i]) <= TOL * mu) {
          e[i] = 0;
          continue outer;
        }
        mu = Math.abs(d[i]) * (mu / (mu + Math.abs(e[i])));
        sminl = Math.min(sminl, mu);
      }
    }
    oldll = ll;
    oldm = m;
    // A shift that is tiny against σ_min's estimate would wreck relative accuracy: use zero.
    let shift = 0;
    if (!(n * TOL * (sminl / smax) <= Math.max(EPS, 0.01 * TOL))) {
      let sll: number;
      if (idir === 1) {
        sll = Math.abs(d[ll]);
        singularValues2x2(d[m - 1], e[m - 1], d[m], rot);
      } else {
        sll = Math.abs(d[m]);
        singularValues2x2(d[ll], e[ll], d[ll + 1], rot);
      }
      shift = rot.ssmin;
      if (sll > 0 && (shift / sll) ** 2 < EPS) shift = 0;
    }
    if (sweeps >= maxSweeps) throw notConverged(sweeps, m);
    steps += m - ll;
    sweeps++;
    idle = 0;
    if (shift === 0) {
      if (idir === 1) zeroShiftDown(d, e, ll, m, rot, log, thresh);
      else zeroShiftUp(d, e, ll, m, rot, log, thresh);
    } else if (idir === 1) shiftedDown(d, e, ll, m, shift, rot, log, thresh);
    else shiftedUp(d, e, ll, m, shift, rot, log, thresh);
  }
}

function notConverged(sweeps: number, m: number): NotConvergedError {
  const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  return new NotConvergedError(
    `The SVD did not converge after ${plural(sweeps, 'QR sweep')} (${plural(m + 1, 'singular value')} left).`,
    sweeps,
  );
}

/** Demmel–Kahan zero-shift QR sweep, top to bottom: exact in the sense of relative accuracy. */
function zeroShiftDown(d: Float64Array, e: Float64Array, ll: number, m: number, rot: RotationScratch, log: RotationLog | null, thresh: number): void {
  const p = log ? 2 * log.begin(ll, m - ll, false) : 0;
  let cs = 1;
  let oldcs = 1;
  let oldsn = 0;
  for (let i = ll; i < m; i++) {
    planeRotation(d[i] * cs, e[i], rot);
    cs = rot.c;
    const sn = rot.s;
    const r = rot.r;
    if (i > ll) e[i - 1] = oldsn * r;
    planeRotation(oldcs * r, d[i + 1] * sn, rot);
    oldcs = rot.c;
    oldsn = rot.s;
    d[i] = rot.r;
    if (log) {
      const q = p + 2 * (i - ll);
      log.csV[q] = cs;
      log.csV[q + 1] = sn;
      log.csU[q] = oldcs;
      log.csU[q + 1] = oldsn;
    }
  }
  const h = d[m] * cs;
  d[m] = h * oldcs;
  e[m - 1] = h * oldsn;
  if (Math.abs(e[m - 1]) <= thresh) e[m - 1] = 0;
}

function zeroShiftUp(d: Float64Array, e: Float64Array, ll: number, m: number, rot: RotationScratch, log: RotationLog | null, thresh: number): void {
  const p = log ? 2 * log.begin(ll, m - ll, true) : 0;
  let cs = 1;
  let oldcs = 1;
  let oldsn = 0;
  for (let i = m; i > ll; i--) {
    planeRotation(d[i] * cs, e[i - 1], rot);
    cs = rot.c;
    const sn = rot.s;
    const r = rot.r;
    if (i < m) e[i] = oldsn * r;
    planeRotation(oldcs * r, d[i - 1] * sn, rot);
    oldcs = rot.c;
    oldsn = rot.s;
    d[i] = rot.r;
    if (log) {
      const q = p + 2 * (i - ll - 1);
      log.csU[q] = cs;
      log.csU[q + 1] = -sn;
      log.csV[q] = oldcs;
      log.csV[q + 1] = -oldsn;
    }
  }
  const h = d[ll] * cs;
  d[ll] = h * oldcs;
  e[ll] = h * oldsn;
  if (Math.abs(e[ll]) <= thresh) e[ll] = 0;
}

/** Implicit-shift QR sweep (Golub–Kahan), chasing the bulge from top to bottom. */
function shiftedDown(d: Float64Array, e: Float64Array, ll: number, m: number, shift: number, rot: RotationScratch, log: RotationLog | null, thresh: number): void {
  const p = log ? 2 * log.begin(ll, m - ll, false) : 0;
  let f = (Math.abs(d[ll]) - shift) * ((d[ll] >= 0 ? 1 : -1) + shift / d[ll]);
  let g = e[ll];
  for (let i = ll; i < m; i++) {
    planeRotation(f, g, rot);
    const cosr = rot.c;
    const sinr = rot.s;
    if (i > ll) e[i - 1] = rot.r;
    f = cosr * d[i] + sinr * e[i];
    e[i] = cosr * e[i] - sinr * d[i];
    g = sinr * d[i + 1];
    d[i + 1] = cosr * d[i + 1];
    planeRotation(f, g, rot);
    const cosl = rot.c;
    const sinl = rot.s;
    d[i] = rot.r;
    f = cosl * e[i] + sinl * d[i + 1];
    d[i + 1] = cosl * d[i + 1] - sinl * e[i];
    if (i < m - 1) {
      g = sinl * e[i + 1];
      e[i + 1] = cosl * e[i + 1];
    }
    if (log) {
      const q = p + 2 * (i - ll);
      log.csV[q] = cosr;
      log.csV[q + 1] = sinr;
      log.csU[q] = cosl;
      log.csU[q + 1] = sinl;
    }
  }
  e[m - 1] = f;
  if (Math.abs(e[m - 1]) <= thresh) e[m - 1] = 0;
}

function shiftedUp(d: Float64Array, e: Float64Array, ll: number, m: number, shift: number, rot: RotationScratch, log: RotationLog | null, thresh: number): void {
  const p = log ? 2 * log.begin(ll, m - ll, true) : 0;
  let f = (Math.abs(d[m]) - shift) * ((d[m] >= 0 ? 1 : -1) + shift / d[m]);
  let g = e[m - 1];
  for (let i = m; i > ll; i--) {
    planeRotation(f, g, rot);
    const cosr = rot.c;
    const sinr = rot.s;
    if (i < m) e[i] = rot.r;
    f = cosr * d[i] + sinr * e[i - 1];
    e[i - 1] = cosr * e[i - 1] - sinr * d[i];
    g = sinr * d[i - 1];
    d[i - 1] = cosr * d[i - 1];
    planeRotation(f, g, rot);
    const cosl = rot.c;
    const sinl = rot.s;
    d[i] = rot.r;
    f = cosl * e[i - 1] + sinl * d[i - 1];
    d[i - 1] = cosl * d[i - 1] - sinl * e[i - 1];
    if (i > ll + 1) {
      g = sinl * e[i - 2];
      e[i - 2] = cosl * e[i - 2];
    }
    if (log) {
      const q = p + 2 * (i - ll - 1);
      log.csU[q] = cosr;
      log.csU[q + 1] = -sinr;
      log.csV[q] = cosl;
      log.csV[q + 1] = -sinl;
    }
  }
  e[ll] = f;
  if (Math.abs(e[ll]) <= thresh) e[ll] = 0;
}

/** σ ← |σ| (flipping the matching column of V), then descending order, swapping vector columns too. */
function makePositiveAndSort(d: Float64Array, n: number, u: RotatedVectors | null, v: RotatedVectors | null): void {
  for (let i = 0; i < n; i++) {
    if (d[i] < 0) {
      d[i] = -d[i];
      if (v) for (let r = 0; r < v.rows; r++) v.data[r * v.stride + i] = -v.data[r * v.stride + i];
    } else if (d[i] === 0) d[i] = 0; // −0 → +0
  }
  // Selection sort: at most n − 1 swaps, each moving whole vector columns once (LAPACK's choice).
  for (let i = 0; i < n - 1; i++) {
    let best = i;
    for (let j = i + 1; j < n; j++) if (d[j] > d[best]) best = j;
    if (best === i) continue;
    [d[i], d[best]] = [d[best], d[i]];
    if (u) swapColumns(u, i, best);
    if (v) swapColumns(v, i, best);
  }
}

function swapColumns(m: RotatedVectors, i: number, j: number): void {
  for (let r = 0; r < m.rows; r++) {
    const b = r * m.stride;
    const t = m.data[b + i];
    m.data[b + i] = m.data[b + j];
    m.data[b + j] = t;
  }
}
