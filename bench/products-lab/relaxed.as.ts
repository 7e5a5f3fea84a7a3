// The relaxed-SIMD experiment of issue 18 (bench/products-lab/run.mjs --relaxed, under
// `node --experimental-wasm-relaxed-simd`; Chromium has relaxed SIMD on by default): the shipped
// A·X tile (4 rows × 2, src/linalg/wasm/as/products.ts) with f64x2.relaxed_madd in place of mul
// then add. relaxed_madd may be fused (one rounding) or not (two) depending on the CPU, so its
// results are NOT the same bits on every machine: measured here only, never shipped.

const COLUMN_BLOCK = 512;

@inline function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** Eight independent FMA chains (s ← s·c + d): 8 f64x2 FMAs (32 flops) per step, no memory. */
export function peakFma(steps: i32, seed: f64): f64 {
  const c = f64x2.splat(0.99999999), d = f64x2.splat(1e-9);
  let s0 = f64x2.splat(seed), s1 = f64x2.splat(seed + 1), s2 = f64x2.splat(seed + 2), s3 = f64x2.splat(seed + 3);
  let s4 = f64x2.splat(seed + 4), s5 = f64x2.splat(seed + 5), s6 = f64x2.splat(seed + 6), s7 = f64x2.splat(seed + 7);
  for (let i = 0; i < steps; i++) {
    s0 = f64x2.relaxed_madd(s0, c, d); s1 = f64x2.relaxed_madd(s1, c, d); s2 = f64x2.relaxed_madd(s2, c, d); s3 = f64x2.relaxed_madd(s3, c, d);
    s4 = f64x2.relaxed_madd(s4, c, d); s5 = f64x2.relaxed_madd(s5, c, d); s6 = f64x2.relaxed_madd(s6, c, d); s7 = f64x2.relaxed_madd(s7, c, d);
  }
  return hsum(s0) + hsum(s1) + hsum(s2) + hsum(s3) + hsum(s4) + hsum(s5) + hsum(s6) + hsum(s7);
}

/** A·X as the shipped thinProduct (rows with a multiple of 4, pairs of xt rows; enough for 2048 × 42 and 4), with relaxed_madd. */
export function axFma(a: usize, m: i32, n: i32, xt: usize, l: i32, yt: usize): void {
  memory.fill(yt, 0, <usize>(l * m) << 3);
  const rowBytes = <usize>n << 3;
  for (let j0 = 0; j0 < n; j0 += COLUMN_BLOCK) {
    const j1 = min(n, j0 + COLUMN_BLOCK);
    for (let i = 0; i + 3 < m; i += 4) {
      for (let r = 0; r + 1 < l; r += 2) {
        const a0 = a + <usize>i * rowBytes, a1 = a0 + rowBytes, a2 = a1 + rowBytes, a3 = a2 + rowBytes;
        const x0 = xt + <usize>r * rowBytes, x1 = x0 + rowBytes;
        let s00 = f64x2.splat(0), s01 = f64x2.splat(0), s10 = f64x2.splat(0), s11 = f64x2.splat(0);
        let s20 = f64x2.splat(0), s21 = f64x2.splat(0), s30 = f64x2.splat(0), s31 = f64x2.splat(0);
        for (let j = j0; j + 1 < j1; j += 2) {
          const o = <usize>j << 3;
          const u0 = v128.load(x0 + o), u1 = v128.load(x1 + o);
          let p = v128.load(a0 + o);
          s00 = f64x2.relaxed_madd(p, u0, s00); s01 = f64x2.relaxed_madd(p, u1, s01);
          p = v128.load(a1 + o);
          s10 = f64x2.relaxed_madd(p, u0, s10); s11 = f64x2.relaxed_madd(p, u1, s11);
          p = v128.load(a2 + o);
          s20 = f64x2.relaxed_madd(p, u0, s20); s21 = f64x2.relaxed_madd(p, u1, s21);
          p = v128.load(a3 + o);
          s30 = f64x2.relaxed_madd(p, u0, s30); s31 = f64x2.relaxed_madd(p, u1, s31);
        }
        const y0 = yt + (<usize>(r * m + i) << 3), y1 = y0 + (<usize>m << 3);
        store<f64>(y0, load<f64>(y0) + hsum(s00)); store<f64>(y0 + 8, load<f64>(y0 + 8) + hsum(s10));
        store<f64>(y0 + 16, load<f64>(y0 + 16) + hsum(s20)); store<f64>(y0 + 24, load<f64>(y0 + 24) + hsum(s30));
        store<f64>(y1, load<f64>(y1) + hsum(s01)); store<f64>(y1 + 8, load<f64>(y1 + 8) + hsum(s11));
        store<f64>(y1 + 16, load<f64>(y1 + 16) + hsum(s21)); store<f64>(y1 + 24, load<f64>(y1 + 24) + hsum(s31));
      }
    }
  }
}
