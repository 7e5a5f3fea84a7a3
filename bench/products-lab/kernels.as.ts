// AssemblyScript experiments for issue 18 (bench/products-lab/run.mjs compiles and times them; not
// part of the app). The shipped kernels (src/linalg/wasm/as/products.ts, as `shippedAx` and
// `shippedAt`) against variants with the same per-entry order of sums (so the same bits), plus
// register-only loops that measure this core's f64x2 mul+add peak and its f64 add latency.
// Measured on one Zen 5 core at ≈3.2 GHz (2026-12-06, interleaved rounds, GFlop/s by CPU time,
// 2048×2048, ℓ = 42): shipped A·X (4 rows × 2) 22.0; 4×3 11.5 and 4×2 with j unrolled 13.1 (V8
// spills: 15 usable xmm registers); shipped Wᵀ·A (4 rows into 2, j unrolled) 18.2, the earlier
// one-step tile 16.3, 4 into 3 15.8, 4 into 4 with splat-loaded coefficients and 8 into 2 slower
// still; Wᵀ·A's column block (64 … 2048; it does not change any sum) no better than 512. The non-FMA f64x2 peak is 8 flops/cycle (2 mul + 2 add pipes) ≈ 25.9 GFlop/s; the
// register-only loop reaches 21.3.
import { thinProduct, thinTransposedProduct } from '../../src/linalg/wasm/as/products';

/** The shipped A·X, all rows. */
export function shippedAx(a: usize, m: i32, n: i32, xt: usize, l: i32, yt: usize): void {
  thinProduct(a, m, n, xt, l, yt, 0, m);
}

/** The shipped Xᵀ·A, all columns. */
export function shippedAt(a: usize, m: i32, n: i32, wt: usize, l: i32, zt: usize): void {
  thinTransposedProduct(a, m, n, wt, l, zt, 0, n);
}

const COLUMN_BLOCK = 512;

@inline function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/**
 * Six multiply chains (m ← m·c, latency 3 on Zen 4/5) and six add chains (s ← s + d, latency 2–3),
 * all independent: 12 f64x2 ops (24 flops) per step, no memory — the non-FMA f64x2 peak if the
 * core retires 2 multiplies + 2 adds per cycle (then 3 cycles per step).
 */
export function peakMulAdd(steps: i32, seed: f64): f64 {
  const c = f64x2.splat(0.99999999), d = f64x2.splat(1e-9);
  let m0 = f64x2.splat(seed), m1 = f64x2.splat(seed + 1), m2 = f64x2.splat(seed + 2), m3 = f64x2.splat(seed + 3);
  let m4 = f64x2.splat(seed + 4), m5 = f64x2.splat(seed + 5);
  let s0 = f64x2.splat(0), s1 = f64x2.splat(1), s2 = f64x2.splat(2), s3 = f64x2.splat(3), s4 = f64x2.splat(4), s5 = f64x2.splat(5);
  for (let i = 0; i < steps; i++) {
    m0 = f64x2.mul(m0, c); s0 = f64x2.add(s0, d); m1 = f64x2.mul(m1, c); s1 = f64x2.add(s1, d);
    m2 = f64x2.mul(m2, c); s2 = f64x2.add(s2, d); m3 = f64x2.mul(m3, c); s3 = f64x2.add(s3, d);
    m4 = f64x2.mul(m4, c); s4 = f64x2.add(s4, d); m5 = f64x2.mul(m5, c); s5 = f64x2.add(s5, d);
  }
  return hsum(m0) + hsum(m1) + hsum(m2) + hsum(m3) + hsum(m4) + hsum(m5) + hsum(s0) + hsum(s1) + hsum(s2) + hsum(s3) + hsum(s4) + hsum(s5);
}

/** One dependent chain of f64 adds: 1 add per step, so time per step = the add latency in cycles / clock. */
export function addLatency(steps: i32, seed: f64): f64 {
  let x = seed;
  for (let i = 0; i < steps; i++) { x += 1e-9; x += 1e-9; x += 1e-9; x += 1e-9; }
  return x;
}

// ---------------------------------------------------------------- A·X (dot form)

/** Generic driver: tiles of R rows of A × C rows of xt, with the single-dot tail. */
@inline function addDot(a: usize, n: i32, i: i32, xt: usize, r: i32, j0: i32, j1: i32, yt: usize, m: i32): void {
  const ai = a + (<usize>(i * n) << 3);
  const xr = xt + (<usize>(r * n) << 3);
  let s = f64x2.splat(0);
  let j = j0;
  for (; j + 1 < j1; j += 2) s = f64x2.add(s, f64x2.mul(v128.load(ai + (<usize>j << 3)), v128.load(xr + (<usize>j << 3))));
  let t = hsum(s);
  if (j < j1) t += load<f64>(ai + (<usize>j << 3)) * load<f64>(xr + (<usize>j << 3));
  const y = yt + (<usize>(r * m + i) << 3);
  store<f64>(y, load<f64>(y) + t);
}

/** The shipped tile (4 rows × 2), for the variants' leftover pairs. */
@inline function dot42(a: usize, n: i32, i: i32, xt: usize, r: i32, j0: i32, j1: i32, yt: usize, m: i32): void {
  const rowBytes = <usize>n << 3;
  const a0 = a + <usize>i * rowBytes, a1 = a0 + rowBytes, a2 = a1 + rowBytes, a3 = a2 + rowBytes;
  const x0 = xt + <usize>r * rowBytes, x1 = x0 + rowBytes;
  let s00 = f64x2.splat(0), s01 = f64x2.splat(0), s10 = f64x2.splat(0), s11 = f64x2.splat(0);
  let s20 = f64x2.splat(0), s21 = f64x2.splat(0), s30 = f64x2.splat(0), s31 = f64x2.splat(0);
  let j = j0;
  for (; j + 1 < j1; j += 2) {
    const o = <usize>j << 3;
    const u0 = v128.load(x0 + o), u1 = v128.load(x1 + o);
    let p = v128.load(a0 + o);
    s00 = f64x2.add(s00, f64x2.mul(p, u0)); s01 = f64x2.add(s01, f64x2.mul(p, u1));
    p = v128.load(a1 + o);
    s10 = f64x2.add(s10, f64x2.mul(p, u0)); s11 = f64x2.add(s11, f64x2.mul(p, u1));
    p = v128.load(a2 + o);
    s20 = f64x2.add(s20, f64x2.mul(p, u0)); s21 = f64x2.add(s21, f64x2.mul(p, u1));
    p = v128.load(a3 + o);
    s30 = f64x2.add(s30, f64x2.mul(p, u0)); s31 = f64x2.add(s31, f64x2.mul(p, u1));
  }
  let t00 = hsum(s00), t01 = hsum(s01), t10 = hsum(s10), t11 = hsum(s11);
  let t20 = hsum(s20), t21 = hsum(s21), t30 = hsum(s30), t31 = hsum(s31);
  if (j < j1) {
    const o = <usize>j << 3;
    const u0 = load<f64>(x0 + o), u1 = load<f64>(x1 + o);
    let p = load<f64>(a0 + o); t00 += p * u0; t01 += p * u1;
    p = load<f64>(a1 + o); t10 += p * u0; t11 += p * u1;
    p = load<f64>(a2 + o); t20 += p * u0; t21 += p * u1;
    p = load<f64>(a3 + o); t30 += p * u0; t31 += p * u1;
  }
  const y0 = yt + (<usize>(r * m + i) << 3), y1 = y0 + (<usize>m << 3);
  store<f64>(y0, load<f64>(y0) + t00); store<f64>(y0 + 8, load<f64>(y0 + 8) + t10);
  store<f64>(y0 + 16, load<f64>(y0 + 16) + t20); store<f64>(y0 + 24, load<f64>(y0 + 24) + t30);
  store<f64>(y1, load<f64>(y1) + t01); store<f64>(y1 + 8, load<f64>(y1 + 8) + t11);
  store<f64>(y1 + 16, load<f64>(y1 + 16) + t21); store<f64>(y1 + 24, load<f64>(y1 + 24) + t31);
}

/** 4 rows × 3 rows of xt: twelve sums; the x vectors are loaded where used (the engine may fold them). */
export function ax43(a: usize, m: i32, n: i32, xt: usize, l: i32, yt: usize): void {
  memory.fill(yt, 0, <usize>(l * m) << 3);
  for (let j0 = 0; j0 < n; j0 += COLUMN_BLOCK) {
    const j1 = min(n, j0 + COLUMN_BLOCK);
    let i = 0;
    for (; i + 3 < m; i += 4) {
      let r = 0;
      for (; r + 2 < l; r += 3) dot43(a, n, i, xt, r, j0, j1, yt, m);
      for (; r + 1 < l; r += 2) dot42(a, n, i, xt, r, j0, j1, yt, m);
      for (; r < l; r++) for (let t = 0; t < 4; t++) addDot(a, n, i + t, xt, r, j0, j1, yt, m);
    }
    for (; i < m; i++) for (let r = 0; r < l; r++) addDot(a, n, i, xt, r, j0, j1, yt, m);
  }
}

@inline function dot43(a: usize, n: i32, i: i32, xt: usize, r: i32, j0: i32, j1: i32, yt: usize, m: i32): void {
  const rowBytes = <usize>n << 3;
  const a0 = a + <usize>i * rowBytes, a1 = a0 + rowBytes, a2 = a1 + rowBytes, a3 = a2 + rowBytes;
  const x0 = xt + <usize>r * rowBytes, x1 = x0 + rowBytes, x2 = x1 + rowBytes;
  let s00 = f64x2.splat(0), s01 = f64x2.splat(0), s02 = f64x2.splat(0);
  let s10 = f64x2.splat(0), s11 = f64x2.splat(0), s12 = f64x2.splat(0);
  let s20 = f64x2.splat(0), s21 = f64x2.splat(0), s22 = f64x2.splat(0);
  let s30 = f64x2.splat(0), s31 = f64x2.splat(0), s32 = f64x2.splat(0);
  let j = j0;
  for (; j + 1 < j1; j += 2) {
    const o = <usize>j << 3;
    const p0 = v128.load(a0 + o), p1 = v128.load(a1 + o), p2 = v128.load(a2 + o), p3 = v128.load(a3 + o);
    let u = v128.load(x0 + o);
    s00 = f64x2.add(s00, f64x2.mul(p0, u)); s10 = f64x2.add(s10, f64x2.mul(p1, u));
    s20 = f64x2.add(s20, f64x2.mul(p2, u)); s30 = f64x2.add(s30, f64x2.mul(p3, u));
    u = v128.load(x1 + o);
    s01 = f64x2.add(s01, f64x2.mul(p0, u)); s11 = f64x2.add(s11, f64x2.mul(p1, u));
    s21 = f64x2.add(s21, f64x2.mul(p2, u)); s31 = f64x2.add(s31, f64x2.mul(p3, u));
    u = v128.load(x2 + o);
    s02 = f64x2.add(s02, f64x2.mul(p0, u)); s12 = f64x2.add(s12, f64x2.mul(p1, u));
    s22 = f64x2.add(s22, f64x2.mul(p2, u)); s32 = f64x2.add(s32, f64x2.mul(p3, u));
  }
  let t00 = hsum(s00), t01 = hsum(s01), t02 = hsum(s02);
  let t10 = hsum(s10), t11 = hsum(s11), t12 = hsum(s12);
  let t20 = hsum(s20), t21 = hsum(s21), t22 = hsum(s22);
  let t30 = hsum(s30), t31 = hsum(s31), t32 = hsum(s32);
  if (j < j1) {
    const o = <usize>j << 3;
    const u0 = load<f64>(x0 + o), u1 = load<f64>(x1 + o), u2 = load<f64>(x2 + o);
    let p = load<f64>(a0 + o); t00 += p * u0; t01 += p * u1; t02 += p * u2;
    p = load<f64>(a1 + o); t10 += p * u0; t11 += p * u1; t12 += p * u2;
    p = load<f64>(a2 + o); t20 += p * u0; t21 += p * u1; t22 += p * u2;
    p = load<f64>(a3 + o); t30 += p * u0; t31 += p * u1; t32 += p * u2;
  }
  const y0 = yt + (<usize>(r * m + i) << 3), y1 = y0 + (<usize>m << 3), y2 = y1 + (<usize>m << 3);
  store<f64>(y0, load<f64>(y0) + t00); store<f64>(y0 + 8, load<f64>(y0 + 8) + t10);
  store<f64>(y0 + 16, load<f64>(y0 + 16) + t20); store<f64>(y0 + 24, load<f64>(y0 + 24) + t30);
  store<f64>(y1, load<f64>(y1) + t01); store<f64>(y1 + 8, load<f64>(y1 + 8) + t11);
  store<f64>(y1 + 16, load<f64>(y1 + 16) + t21); store<f64>(y1 + 24, load<f64>(y1 + 24) + t31);
  store<f64>(y2, load<f64>(y2) + t02); store<f64>(y2 + 8, load<f64>(y2 + 8) + t12);
  store<f64>(y2 + 16, load<f64>(y2 + 16) + t22); store<f64>(y2 + 24, load<f64>(y2 + 24) + t32);
}

/** 4 rows × 2, two steps of j per pass (the same order of sums in each lane): half the loop overhead. */
export function ax42u(a: usize, m: i32, n: i32, xt: usize, l: i32, yt: usize): void {
  memory.fill(yt, 0, <usize>(l * m) << 3);
  for (let j0 = 0; j0 < n; j0 += COLUMN_BLOCK) {
    const j1 = min(n, j0 + COLUMN_BLOCK);
    let i = 0;
    for (; i + 3 < m; i += 4) {
      let r = 0;
      for (; r + 1 < l; r += 2) dot42u(a, n, i, xt, r, j0, j1, yt, m);
      for (; r < l; r++) for (let t = 0; t < 4; t++) addDot(a, n, i + t, xt, r, j0, j1, yt, m);
    }
    for (; i < m; i++) for (let r = 0; r < l; r++) addDot(a, n, i, xt, r, j0, j1, yt, m);
  }
}

@inline function dot42u(a: usize, n: i32, i: i32, xt: usize, r: i32, j0: i32, j1: i32, yt: usize, m: i32): void {
  const rowBytes = <usize>n << 3;
  const a0 = a + <usize>i * rowBytes, a1 = a0 + rowBytes, a2 = a1 + rowBytes, a3 = a2 + rowBytes;
  const x0 = xt + <usize>r * rowBytes, x1 = x0 + rowBytes;
  let s00 = f64x2.splat(0), s01 = f64x2.splat(0), s10 = f64x2.splat(0), s11 = f64x2.splat(0);
  let s20 = f64x2.splat(0), s21 = f64x2.splat(0), s30 = f64x2.splat(0), s31 = f64x2.splat(0);
  let j = j0;
  for (; j + 3 < j1; j += 4) {
    const o = <usize>j << 3;
    let u0 = v128.load(x0 + o), u1 = v128.load(x1 + o);
    let p = v128.load(a0 + o);
    s00 = f64x2.add(s00, f64x2.mul(p, u0)); s01 = f64x2.add(s01, f64x2.mul(p, u1));
    p = v128.load(a1 + o);
    s10 = f64x2.add(s10, f64x2.mul(p, u0)); s11 = f64x2.add(s11, f64x2.mul(p, u1));
    p = v128.load(a2 + o);
    s20 = f64x2.add(s20, f64x2.mul(p, u0)); s21 = f64x2.add(s21, f64x2.mul(p, u1));
    p = v128.load(a3 + o);
    s30 = f64x2.add(s30, f64x2.mul(p, u0)); s31 = f64x2.add(s31, f64x2.mul(p, u1));
    u0 = v128.load(x0 + o, 16); u1 = v128.load(x1 + o, 16);
    p = v128.load(a0 + o, 16);
    s00 = f64x2.add(s00, f64x2.mul(p, u0)); s01 = f64x2.add(s01, f64x2.mul(p, u1));
    p = v128.load(a1 + o, 16);
    s10 = f64x2.add(s10, f64x2.mul(p, u0)); s11 = f64x2.add(s11, f64x2.mul(p, u1));
    p = v128.load(a2 + o, 16);
    s20 = f64x2.add(s20, f64x2.mul(p, u0)); s21 = f64x2.add(s21, f64x2.mul(p, u1));
    p = v128.load(a3 + o, 16);
    s30 = f64x2.add(s30, f64x2.mul(p, u0)); s31 = f64x2.add(s31, f64x2.mul(p, u1));
  }
  for (; j + 1 < j1; j += 2) {
    const o = <usize>j << 3;
    const u0 = v128.load(x0 + o), u1 = v128.load(x1 + o);
    let p = v128.load(a0 + o);
    s00 = f64x2.add(s00, f64x2.mul(p, u0)); s01 = f64x2.add(s01, f64x2.mul(p, u1));
    p = v128.load(a1 + o);
    s10 = f64x2.add(s10, f64x2.mul(p, u0)); s11 = f64x2.add(s11, f64x2.mul(p, u1));
    p = v128.load(a2 + o);
    s20 = f64x2.add(s20, f64x2.mul(p, u0)); s21 = f64x2.add(s21, f64x2.mul(p, u1));
    p = v128.load(a3 + o);
    s30 = f64x2.add(s30, f64x2.mul(p, u0)); s31 = f64x2.add(s31, f64x2.mul(p, u1));
  }
  let t00 = hsum(s00), t01 = hsum(s01), t10 = hsum(s10), t11 = hsum(s11);
  let t20 = hsum(s20), t21 = hsum(s21), t30 = hsum(s30), t31 = hsum(s31);
  if (j < j1) {
    const o = <usize>j << 3;
    const u0 = load<f64>(x0 + o), u1 = load<f64>(x1 + o);
    let p = load<f64>(a0 + o); t00 += p * u0; t01 += p * u1;
    p = load<f64>(a1 + o); t10 += p * u0; t11 += p * u1;
    p = load<f64>(a2 + o); t20 += p * u0; t21 += p * u1;
    p = load<f64>(a3 + o); t30 += p * u0; t31 += p * u1;
  }
  const y0 = yt + (<usize>(r * m + i) << 3), y1 = y0 + (<usize>m << 3);
  store<f64>(y0, load<f64>(y0) + t00); store<f64>(y0 + 8, load<f64>(y0 + 8) + t10);
  store<f64>(y0 + 16, load<f64>(y0 + 16) + t20); store<f64>(y0 + 24, load<f64>(y0 + 24) + t30);
  store<f64>(y1, load<f64>(y1) + t01); store<f64>(y1 + 8, load<f64>(y1 + 8) + t11);
  store<f64>(y1 + 16, load<f64>(y1 + 16) + t21); store<f64>(y1 + 24, load<f64>(y1 + 24) + t31);
}

// ---------------------------------------------------------------- Wᵀ·A (axpy form)

@inline function axpy42(a: usize, n: i32, i: i32, wt: usize, m: i32, r: i32, j0: i32, j1: i32, zt: usize): void {
  const rowBytes = <usize>n << 3;
  const a0 = a + <usize>i * rowBytes, a1 = a0 + rowBytes, a2 = a1 + rowBytes, a3 = a2 + rowBytes;
  const w0 = wt + (<usize>(r * m + i) << 3), w1 = w0 + (<usize>m << 3);
  const c00 = load<f64>(w0), c01 = load<f64>(w0 + 8), c02 = load<f64>(w0 + 16), c03 = load<f64>(w0 + 24);
  const c10 = load<f64>(w1), c11 = load<f64>(w1 + 8), c12 = load<f64>(w1 + 16), c13 = load<f64>(w1 + 24);
  const C00 = f64x2.splat(c00), C01 = f64x2.splat(c01), C02 = f64x2.splat(c02), C03 = f64x2.splat(c03);
  const C10 = f64x2.splat(c10), C11 = f64x2.splat(c11), C12 = f64x2.splat(c12), C13 = f64x2.splat(c13);
  const z0 = zt + <usize>r * rowBytes, z1 = z0 + rowBytes;
  let j = j0;
  for (; j + 1 < j1; j += 2) {
    const o = <usize>j << 3;
    const p = v128.load(a0 + o), q = v128.load(a1 + o), s = v128.load(a2 + o), t = v128.load(a3 + o);
    const d0 = f64x2.add(f64x2.add(f64x2.add(f64x2.mul(C00, p), f64x2.mul(C01, q)), f64x2.mul(C02, s)), f64x2.mul(C03, t));
    const d1 = f64x2.add(f64x2.add(f64x2.add(f64x2.mul(C10, p), f64x2.mul(C11, q)), f64x2.mul(C12, s)), f64x2.mul(C13, t));
    v128.store(z0 + o, f64x2.add(v128.load(z0 + o), d0));
    v128.store(z1 + o, f64x2.add(v128.load(z1 + o), d1));
  }
  if (j < j1) {
    const o = <usize>j << 3;
    const p = load<f64>(a0 + o), q = load<f64>(a1 + o), s = load<f64>(a2 + o), t = load<f64>(a3 + o);
    store<f64>(z0 + o, load<f64>(z0 + o) + (c00 * p + c01 * q + c02 * s + c03 * t));
    store<f64>(z1 + o, load<f64>(z1 + o) + (c10 * p + c11 * q + c12 * s + c13 * t));
  }
}

function axpy41(a: usize, n: i32, i: i32, wt: usize, m: i32, r: i32, j0: i32, j1: i32, zt: usize): void {
  const rowBytes = <usize>n << 3;
  const a0 = a + <usize>i * rowBytes, a1 = a0 + rowBytes, a2 = a1 + rowBytes, a3 = a2 + rowBytes;
  const w0 = wt + (<usize>(r * m + i) << 3);
  const c0 = load<f64>(w0), c1 = load<f64>(w0 + 8), c2 = load<f64>(w0 + 16), c3 = load<f64>(w0 + 24);
  const z0 = zt + <usize>r * rowBytes;
  for (let j = j0; j < j1; j++) {
    const o = <usize>j << 3;
    store<f64>(z0 + o, load<f64>(z0 + o) + (c0 * load<f64>(a0 + o) + c1 * load<f64>(a1 + o) + c2 * load<f64>(a2 + o) + c3 * load<f64>(a3 + o)));
  }
}

function axpy1(a: usize, n: i32, i: i32, wt: usize, m: i32, r: i32, j0: i32, j1: i32, zt: usize): void {
  const c = load<f64>(wt + (<usize>(r * m + i) << 3));
  const ai = a + (<usize>(i * n) << 3);
  const z = zt + (<usize>(r * n) << 3);
  for (let j = j0; j < j1; j++) {
    const o = <usize>j << 3;
    store<f64>(z + o, load<f64>(z + o) + c * load<f64>(ai + o));
  }
}

/** Four rows of A into three rows of zt (twelve coefficients: the engine may spill some); with at43's tails from the shipped tile. */
export function at43(a: usize, m: i32, n: i32, wt: usize, l: i32, zt: usize): void {
  memory.fill(zt, 0, <usize>(l * n) << 3);
  for (let j0 = 0; j0 < n; j0 += COLUMN_BLOCK) {
    const j1 = min(n, j0 + COLUMN_BLOCK);
    let i = 0;
    for (; i + 3 < m; i += 4) {
      let r = 0;
      for (; r + 2 < l; r += 3) axpy43(a, n, i, wt, m, r, j0, j1, zt);
      for (; r + 1 < l; r += 2) axpy42(a, n, i, wt, m, r, j0, j1, zt);
      for (; r < l; r++) axpy41(a, n, i, wt, m, r, j0, j1, zt);
    }
    for (; i < m; i++) for (let r = 0; r < l; r++) axpy1(a, n, i, wt, m, r, j0, j1, zt);
  }
}

@inline function axpy43(a: usize, n: i32, i: i32, wt: usize, m: i32, r: i32, j0: i32, j1: i32, zt: usize): void {
  const rowBytes = <usize>n << 3;
  const a0 = a + <usize>i * rowBytes, a1 = a0 + rowBytes, a2 = a1 + rowBytes, a3 = a2 + rowBytes;
  const w0 = wt + (<usize>(r * m + i) << 3), w1 = w0 + (<usize>m << 3), w2 = w1 + (<usize>m << 3);
  const c00 = load<f64>(w0), c01 = load<f64>(w0 + 8), c02 = load<f64>(w0 + 16), c03 = load<f64>(w0 + 24);
  const c10 = load<f64>(w1), c11 = load<f64>(w1 + 8), c12 = load<f64>(w1 + 16), c13 = load<f64>(w1 + 24);
  const c20 = load<f64>(w2), c21 = load<f64>(w2 + 8), c22 = load<f64>(w2 + 16), c23 = load<f64>(w2 + 24);
  const C00 = f64x2.splat(c00), C01 = f64x2.splat(c01), C02 = f64x2.splat(c02), C03 = f64x2.splat(c03);
  const C10 = f64x2.splat(c10), C11 = f64x2.splat(c11), C12 = f64x2.splat(c12), C13 = f64x2.splat(c13);
  const C20 = f64x2.splat(c20), C21 = f64x2.splat(c21), C22 = f64x2.splat(c22), C23 = f64x2.splat(c23);
  const z0 = zt + <usize>r * rowBytes, z1 = z0 + rowBytes, z2 = z1 + rowBytes;
  let j = j0;
  for (; j + 1 < j1; j += 2) {
    const o = <usize>j << 3;
    let p = v128.load(a0 + o);
    let d0 = f64x2.mul(C00, p), d1 = f64x2.mul(C10, p), d2 = f64x2.mul(C20, p);
    p = v128.load(a1 + o);
    d0 = f64x2.add(d0, f64x2.mul(C01, p)); d1 = f64x2.add(d1, f64x2.mul(C11, p)); d2 = f64x2.add(d2, f64x2.mul(C21, p));
    p = v128.load(a2 + o);
    d0 = f64x2.add(d0, f64x2.mul(C02, p)); d1 = f64x2.add(d1, f64x2.mul(C12, p)); d2 = f64x2.add(d2, f64x2.mul(C22, p));
    p = v128.load(a3 + o);
    d0 = f64x2.add(d0, f64x2.mul(C03, p)); d1 = f64x2.add(d1, f64x2.mul(C13, p)); d2 = f64x2.add(d2, f64x2.mul(C23, p));
    v128.store(z0 + o, f64x2.add(v128.load(z0 + o), d0));
    v128.store(z1 + o, f64x2.add(v128.load(z1 + o), d1));
    v128.store(z2 + o, f64x2.add(v128.load(z2 + o), d2));
  }
  if (j < j1) {
    const o = <usize>j << 3;
    const p = load<f64>(a0 + o), q = load<f64>(a1 + o), s = load<f64>(a2 + o), t = load<f64>(a3 + o);
    store<f64>(z0 + o, load<f64>(z0 + o) + (c00 * p + c01 * q + c02 * s + c03 * t));
    store<f64>(z1 + o, load<f64>(z1 + o) + (c10 * p + c11 * q + c12 * s + c13 * t));
    store<f64>(z2 + o, load<f64>(z2 + o) + (c20 * p + c21 * q + c22 * s + c23 * t));
  }
}

/** Four rows of A into four rows of zt, the sixteen coefficients splat-loaded from wt inside the loop (load ports, not registers). */
export function at44s(a: usize, m: i32, n: i32, wt: usize, l: i32, zt: usize): void {
  memory.fill(zt, 0, <usize>(l * n) << 3);
  for (let j0 = 0; j0 < n; j0 += COLUMN_BLOCK) {
    const j1 = min(n, j0 + COLUMN_BLOCK);
    let i = 0;
    for (; i + 3 < m; i += 4) {
      let r = 0;
      for (; r + 3 < l; r += 4) axpy44s(a, n, i, wt, m, r, j0, j1, zt);
      for (; r + 1 < l; r += 2) axpy42(a, n, i, wt, m, r, j0, j1, zt);
      for (; r < l; r++) axpy41(a, n, i, wt, m, r, j0, j1, zt);
    }
    for (; i < m; i++) for (let r = 0; r < l; r++) axpy1(a, n, i, wt, m, r, j0, j1, zt);
  }
}

@inline function axpy44s(a: usize, n: i32, i: i32, wt: usize, m: i32, r: i32, j0: i32, j1: i32, zt: usize): void {
  const rowBytes = <usize>n << 3;
  const mBytes = <usize>m << 3;
  const a0 = a + <usize>i * rowBytes, a1 = a0 + rowBytes, a2 = a1 + rowBytes, a3 = a2 + rowBytes;
  const w0 = wt + (<usize>(r * m + i) << 3), w1 = w0 + mBytes, w2 = w1 + mBytes, w3 = w2 + mBytes;
  const z0 = zt + <usize>r * rowBytes, z1 = z0 + rowBytes, z2 = z1 + rowBytes, z3 = z2 + rowBytes;
  let j = j0;
  for (; j + 1 < j1; j += 2) {
    const o = <usize>j << 3;
    const p = v128.load(a0 + o), q = v128.load(a1 + o), s = v128.load(a2 + o), t = v128.load(a3 + o);
    let d = f64x2.add(f64x2.add(f64x2.add(f64x2.mul(v128.load64_splat(w0), p), f64x2.mul(v128.load64_splat(w0, 8), q)), f64x2.mul(v128.load64_splat(w0, 16), s)), f64x2.mul(v128.load64_splat(w0, 24), t));
    v128.store(z0 + o, f64x2.add(v128.load(z0 + o), d));
    d = f64x2.add(f64x2.add(f64x2.add(f64x2.mul(v128.load64_splat(w1), p), f64x2.mul(v128.load64_splat(w1, 8), q)), f64x2.mul(v128.load64_splat(w1, 16), s)), f64x2.mul(v128.load64_splat(w1, 24), t));
    v128.store(z1 + o, f64x2.add(v128.load(z1 + o), d));
    d = f64x2.add(f64x2.add(f64x2.add(f64x2.mul(v128.load64_splat(w2), p), f64x2.mul(v128.load64_splat(w2, 8), q)), f64x2.mul(v128.load64_splat(w2, 16), s)), f64x2.mul(v128.load64_splat(w2, 24), t));
    v128.store(z2 + o, f64x2.add(v128.load(z2 + o), d));
    d = f64x2.add(f64x2.add(f64x2.add(f64x2.mul(v128.load64_splat(w3), p), f64x2.mul(v128.load64_splat(w3, 8), q)), f64x2.mul(v128.load64_splat(w3, 16), s)), f64x2.mul(v128.load64_splat(w3, 24), t));
    v128.store(z3 + o, f64x2.add(v128.load(z3 + o), d));
  }
  if (j < j1) {
    const o = <usize>j << 3;
    const p = load<f64>(a0 + o), q = load<f64>(a1 + o), s = load<f64>(a2 + o), t = load<f64>(a3 + o);
    store<f64>(z0 + o, load<f64>(z0 + o) + (load<f64>(w0) * p + load<f64>(w0 + 8) * q + load<f64>(w0 + 16) * s + load<f64>(w0 + 24) * t));
    store<f64>(z1 + o, load<f64>(z1 + o) + (load<f64>(w1) * p + load<f64>(w1 + 8) * q + load<f64>(w1 + 16) * s + load<f64>(w1 + 24) * t));
    store<f64>(z2 + o, load<f64>(z2 + o) + (load<f64>(w2) * p + load<f64>(w2 + 8) * q + load<f64>(w2 + 16) * s + load<f64>(w2 + 24) * t));
    store<f64>(z3 + o, load<f64>(z3 + o) + (load<f64>(w3) * p + load<f64>(w3 + 8) * q + load<f64>(w3 + 16) * s + load<f64>(w3 + 24) * t));
  }
}

/** Eight rows of A (two groups of four) into two rows of zt per pass: z ← (z + d₁) + d₂ in registers, the same order as two passes. */
export function at82(a: usize, m: i32, n: i32, wt: usize, l: i32, zt: usize): void {
  memory.fill(zt, 0, <usize>(l * n) << 3);
  for (let j0 = 0; j0 < n; j0 += COLUMN_BLOCK) {
    const j1 = min(n, j0 + COLUMN_BLOCK);
    let i = 0;
    for (; i + 7 < m; i += 8) {
      let r = 0;
      for (; r + 1 < l; r += 2) axpy82(a, n, i, wt, m, r, j0, j1, zt);
      for (; r < l; r++) { axpy41(a, n, i, wt, m, r, j0, j1, zt); axpy41(a, n, i + 4, wt, m, r, j0, j1, zt); }
    }
    for (; i + 3 < m; i += 4) {
      let r = 0;
      for (; r + 1 < l; r += 2) axpy42(a, n, i, wt, m, r, j0, j1, zt);
      for (; r < l; r++) axpy41(a, n, i, wt, m, r, j0, j1, zt);
    }
    for (; i < m; i++) for (let r = 0; r < l; r++) axpy1(a, n, i, wt, m, r, j0, j1, zt);
  }
}

@inline function axpy82(a: usize, n: i32, i: i32, wt: usize, m: i32, r: i32, j0: i32, j1: i32, zt: usize): void {
  const rowBytes = <usize>n << 3;
  const a0 = a + <usize>i * rowBytes, a1 = a0 + rowBytes, a2 = a1 + rowBytes, a3 = a2 + rowBytes;
  const a4 = a3 + rowBytes, a5 = a4 + rowBytes, a6 = a5 + rowBytes, a7 = a6 + rowBytes;
  const w0 = wt + (<usize>(r * m + i) << 3), w1 = w0 + (<usize>m << 3);
  const z0 = zt + <usize>r * rowBytes, z1 = z0 + rowBytes;
  let j = j0;
  for (; j + 1 < j1; j += 2) {
    const o = <usize>j << 3;
    let p = v128.load(a0 + o);
    let d0 = f64x2.mul(v128.load64_splat(w0), p), d1 = f64x2.mul(v128.load64_splat(w1), p);
    p = v128.load(a1 + o);
    d0 = f64x2.add(d0, f64x2.mul(v128.load64_splat(w0, 8), p)); d1 = f64x2.add(d1, f64x2.mul(v128.load64_splat(w1, 8), p));
    p = v128.load(a2 + o);
    d0 = f64x2.add(d0, f64x2.mul(v128.load64_splat(w0, 16), p)); d1 = f64x2.add(d1, f64x2.mul(v128.load64_splat(w1, 16), p));
    p = v128.load(a3 + o);
    d0 = f64x2.add(d0, f64x2.mul(v128.load64_splat(w0, 24), p)); d1 = f64x2.add(d1, f64x2.mul(v128.load64_splat(w1, 24), p));
    let y0 = f64x2.add(v128.load(z0 + o), d0), y1 = f64x2.add(v128.load(z1 + o), d1);
    p = v128.load(a4 + o);
    d0 = f64x2.mul(v128.load64_splat(w0, 32), p); d1 = f64x2.mul(v128.load64_splat(w1, 32), p);
    p = v128.load(a5 + o);
    d0 = f64x2.add(d0, f64x2.mul(v128.load64_splat(w0, 40), p)); d1 = f64x2.add(d1, f64x2.mul(v128.load64_splat(w1, 40), p));
    p = v128.load(a6 + o);
    d0 = f64x2.add(d0, f64x2.mul(v128.load64_splat(w0, 48), p)); d1 = f64x2.add(d1, f64x2.mul(v128.load64_splat(w1, 48), p));
    p = v128.load(a7 + o);
    d0 = f64x2.add(d0, f64x2.mul(v128.load64_splat(w0, 56), p)); d1 = f64x2.add(d1, f64x2.mul(v128.load64_splat(w1, 56), p));
    v128.store(z0 + o, f64x2.add(y0, d0));
    v128.store(z1 + o, f64x2.add(y1, d1));
  }
  if (j < j1) {
    axpy41(a, n, i, wt, m, r, j, j1, zt); axpy41(a, n, i, wt, m, r + 1, j, j1, zt);
    axpy41(a, n, i + 4, wt, m, r, j, j1, zt); axpy41(a, n, i + 4, wt, m, r + 1, j, j1, zt);
  }
}
