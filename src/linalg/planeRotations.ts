/**
 * The 2×2 kernels of the bidiagonal QR iteration, ported from LAPACK (dlartg, dlas2, dlasv2).
 * They are where relative accuracy is won or lost: each avoids the cancellation and the
 * over/underflow a direct formula would suffer. Results go into a caller-owned scratch object so
 * the inner loop allocates nothing.
 */

const EPS = Number.EPSILON / 2; // LAPACK's dlamch('E'): unit roundoff
const SAFMIN = 2 ** -1022;
const SAFMAX = 1 / SAFMIN;
const RTMIN = Math.sqrt(SAFMIN);
const RTMAX = Math.sqrt(SAFMAX / 2);

/** Scratch for results: a rotation (c, s, r) or a 2×2 SVD (ssmin, ssmax, and both rotations). */
export interface RotationScratch {
  c: number;
  s: number;
  r: number;
  ssmin: number;
  ssmax: number;
  csl: number;
  snl: number;
  csr: number;
  snr: number;
}

/** A fresh scratch object, made once per bidiagonal SVD: c = 1, s = 0 is the identity rotation. */
export function rotationScratch(): RotationScratch {
  return { c: 1, s: 0, r: 0, ssmin: 0, ssmax: 0, csl: 1, snl: 0, csr: 1, snr: 0 };
}

/** Fortran's SIGN(a, b): |a| with the sign of b. */
function sign(a: number, b: number): number {
  return b >= 0 ? Math.abs(a) : -Math.abs(a);
}

/**
 * LAPACK's dlartg: the plane rotation [c s; −s c]·[f; g] = [r; 0] with c² + s² = 1, computed
 * as r = ±√(f² + g²), c = |f|/|r|, s = g/r — scaled when f or g is near over/underflow.
 */
export function planeRotation(f: number, g: number, out: RotationScratch): void {
  if (g === 0) {
    out.c = 1;
    out.s = 0;
    out.r = f;
    return;
  }
  if (f === 0) {
    out.c = 0;
    out.s = g >= 0 ? 1 : -1;
    out.r = Math.abs(g);
    return;
  }
  const f1 = Math.abs(f);
  const g1 = Math.abs(g);
  if (f1 > RTMIN && f1 < RTMAX && g1 > RTMIN && g1 < RTMAX) {
    const d = Math.sqrt(f * f + g * g);
    out.c = f1 / d;
    const r = sign(d, f);
    out.s = g / r;
    out.r = r;
    return;
  }
  const u = Math.min(SAFMAX, Math.max(SAFMIN, f1, g1));
  const fs = f / u;
  const gs = g / u;
  const d = Math.sqrt(fs * fs + gs * gs);
  out.c = Math.abs(fs) / d;
  const r = sign(d, f);
  out.s = gs / r;
  out.r = r * u;
}

/**
 * LAPACK's dlas2: the singular values ssmin ≤ ssmax of the upper triangular [f g; 0 h], to high
 * relative accuracy (ssmin = |f·h|/ssmax, never by subtraction). Used to pick the shift.
 */
export function singularValues2x2(f: number, g: number, h: number, out: RotationScratch): void {
  const fa = Math.abs(f);
  const ga = Math.abs(g);
  const ha = Math.abs(h);
  const fhmn = Math.min(fa, ha);
  const fhmx = Math.max(fa, ha);
  if (fhmn === 0) {
    out.ssmin = 0;
    if (fhmx === 0) out.ssmax = ga;
    else {
      const big = Math.max(fhmx, ga);
      const q = Math.min(fhmx, ga) / big;
      out.ssmax = big * Math.sqrt(1 + q * q);
    }
    return;
  }
  if (ga < fhmx) {
    const as = 1 + fhmn / fhmx;
    const at = (fhmx - fhmn) / fhmx;
    const au = (ga / fhmx) ** 2;
    const c = 2 / (Math.sqrt(as * as + au) + Math.sqrt(at * at + au));
    out.ssmin = fhmn * c;
    out.ssmax = fhmx / c;
    return;
  }
  const au = fhmx / ga;
  if (au === 0) {
    // f·h/g is below underflow of the computation above: fhmn·fhmx/ga is still accurate.
    out.ssmin = (fhmn * fhmx) / ga;
    out.ssmax = ga;
    return;
  }
  const as = 1 + fhmn / fhmx;
  const at = (fhmx - fhmn) / fhmx;
  const c = 1 / (Math.sqrt(1 + (as * au) ** 2) + Math.sqrt(1 + (at * au) ** 2));
  out.ssmin = fhmn * c * au * 2;
  out.ssmax = ga / (c + c);
}

/**
 * LAPACK's dlasv2: the SVD of the upper triangular [f g; 0 h] =
 * [csl −snl; snl csl]·diag(ssmax, ssmin)·[csr −snr; snr csr]ᵀ, |ssmax| ≥ |ssmin|, with the
 * singular values to high relative accuracy and the vectors to full accuracy (barring underflow).
 */
export function svd2x2(f: number, g: number, h: number, out: RotationScratch): void {
  let ft = f;
  let fa = Math.abs(ft);
  let ht = h;
  let ha = Math.abs(h);
  // pmax says which entry is largest in magnitude (1: f, 2: g, 3: h); it fixes the signs below.
  let pmax = 1;
  const swap = ha > fa;
  if (swap) {
    pmax = 3;
    [ft, ht] = [ht, ft];
    [fa, ha] = [ha, fa];
  }
  const gt = g;
  const ga = Math.abs(gt);
  let clt: number, crt: number, slt: number, srt: number;
  let ssmin: number, ssmax: number;
  if (ga === 0) {
    ssmin = ha;
    ssmax = fa;
    clt = 1;
    crt = 1;
    slt = 0;
    srt = 0;
  } else {
    let gasmal = true;
    clt = crt = slt = srt = ssmin = ssmax = 0;
    if (ga > fa) {
      pmax = 2;
      if (fa / ga < EPS) {
        // g dominates so much that the formulas below would lose it; use the asymptotic values.
        gasmal = false;
        ssmax = ga;
        ssmin = ha > 1 ? fa / (ga / ha) : (fa / ga) * ha;
        clt = 1;
        slt = ht / gt;
        srt = 1;
        crt = ft / gt;
      }
    }
    if (gasmal) {
      const dd = fa - ha;
      let l = dd === fa ? 1 : dd / fa; // copes with infinite f or h
      const mm0 = gt / ft;
      let t = 2 - l;
      const mm = mm0 * mm0;
      const tt = t * t;
      const s = Math.sqrt(tt + mm);
      const r = l === 0 ? Math.abs(mm0) : Math.sqrt(l * l + mm);
      const a = 0.5 * (s + r);
      ssmin = ha / a;
      ssmax = fa * a;
      if (mm === 0) {
        t = l === 0 ? sign(2, ft) * sign(1, gt) : gt / sign(dd, ft) + mm0 / t;
      } else {
        t = (mm0 / (s + t) + mm0 / (r + l)) * (1 + a);
      }
      l = Math.sqrt(t * t + 4);
      crt = 2 / l;
      srt = t / l;
      clt = (crt + srt * mm0) / a;
      slt = ((ht / ft) * srt) / a;
    }
  }
  if (swap) {
    out.csl = srt;
    out.snl = crt;
    out.csr = slt;
    out.snr = clt;
  } else {
    out.csl = clt;
    out.snl = slt;
    out.csr = crt;
    out.snr = srt;
  }
  let tsign: number;
  if (pmax === 1) tsign = sign(1, out.csr) * sign(1, out.csl) * sign(1, f);
  else if (pmax === 2) tsign = sign(1, out.snr) * sign(1, out.csl) * sign(1, g);
  else tsign = sign(1, out.snr) * sign(1, out.snl) * sign(1, h);
  out.ssmax = sign(ssmax, tsign);
  out.ssmin = sign(ssmin, tsign * sign(1, f) * sign(1, h));
}
