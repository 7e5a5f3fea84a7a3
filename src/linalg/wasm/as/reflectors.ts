// AssemblyScript (compiled by `npm run build:wasm`): a block of four Householder reflectors
// I − V·T·Vᵀ applied to columns of a column-major matrix, LAPACK's dlarfb. The JavaScript
// reference is applyBlock in src/linalg/householder.ts (layouts and math there); this kernel
// does the same operations in the same order, two at a time in f64x2 lanes, so the results are
// the same bits: the dot products keep vₜ·c in lane t, and the update computes
// (v₀y₀ + v₁y₁) + (v₂y₂ + v₃y₃) for two rows at once.

/**
 * c ← (I − V·T·Vᵀ)·c, or with Tᵀ when `transpose` ≠ 0, on rows rowStart..rowStart+rows of
 * columns colStart..colEnd−1 (leading dimension ldc). v: rows×4 interleaved (v[4i + t] is row i
 * of vₜ); t: 4×4 upper triangular, row-major.
 */
export function applyReflectorBlock(v: usize, rows: i32, t: usize, transpose: i32, c: usize, ldc: i32, rowStart: i32, colStart: i32, colEnd: i32): void {
  const t00 = load<f64>(t), t01 = load<f64>(t, 8), t02 = load<f64>(t, 16), t03 = load<f64>(t, 24);
  const t11 = load<f64>(t, 40), t12 = load<f64>(t, 48), t13 = load<f64>(t, 56);
  const t22 = load<f64>(t, 80), t23 = load<f64>(t, 88), t33 = load<f64>(t, 120);
  for (let j = colStart; j < colEnd; j++) {
    const base = c + (<usize>(j * ldc + rowStart) << 3);
    let w01 = f64x2.splat(0), w23 = f64x2.splat(0);
    for (let i = 0; i < rows; i++) {
      const x = v128.load64_splat(base + (<usize>i << 3));
      const p = v + (<usize>i << 5);
      w01 = f64x2.add(w01, f64x2.mul(v128.load(p), x));
      w23 = f64x2.add(w23, f64x2.mul(v128.load(p, 16), x));
    }
    const w0 = f64x2.extract_lane(w01, 0), w1 = f64x2.extract_lane(w01, 1);
    const w2 = f64x2.extract_lane(w23, 0), w3 = f64x2.extract_lane(w23, 1);
    let y0: f64, y1: f64, y2: f64, y3: f64;
    if (transpose != 0) {
      y0 = t00 * w0;
      y1 = t01 * w0 + t11 * w1;
      y2 = t02 * w0 + t12 * w1 + t22 * w2;
      y3 = t03 * w0 + t13 * w1 + t23 * w2 + t33 * w3;
    } else {
      y0 = t00 * w0 + t01 * w1 + t02 * w2 + t03 * w3;
      y1 = t11 * w1 + t12 * w2 + t13 * w3;
      y2 = t22 * w2 + t23 * w3;
      y3 = t33 * w3;
    }
    const Y0 = f64x2.splat(y0), Y1 = f64x2.splat(y1), Y2 = f64x2.splat(y2), Y3 = f64x2.splat(y3);
    let i = 0;
    for (; i + 1 < rows; i += 2) {
      const p = v + (<usize>i << 5);
      const a = v128.load(p), b = v128.load(p, 16), a2 = v128.load(p, 32), b2 = v128.load(p, 48);
      // Lanes (row i, row i+1) of v₀, v₁, v₂, v₃.
      const v0 = v128.shuffle<f64>(a, a2, 0, 2), v1 = v128.shuffle<f64>(a, a2, 1, 3);
      const v2 = v128.shuffle<f64>(b, b2, 0, 2), v3 = v128.shuffle<f64>(b, b2, 1, 3);
      const s = f64x2.add(f64x2.add(f64x2.mul(v0, Y0), f64x2.mul(v1, Y1)), f64x2.add(f64x2.mul(v2, Y2), f64x2.mul(v3, Y3)));
      const at = base + (<usize>i << 3);
      v128.store(at, f64x2.sub(v128.load(at), s));
    }
    if (i < rows) {
      const p = v + (<usize>i << 5);
      const at = base + (<usize>i << 3);
      store<f64>(at, load<f64>(at) - (load<f64>(p) * y0 + load<f64>(p, 8) * y1 + (load<f64>(p, 16) * y2 + load<f64>(p, 24) * y3)));
    }
  }
}
