// AssemblyScript (compiled by `npm run build:wasm`): the products of the randomized SVD and of
// the Gradients chain, in f64x2 lanes. The JavaScript references are src/linalg/thinProducts.ts
// (same blocking, same order of the sums over row groups) and the chain's Jacobian product.
// Every output entry is summed in an order fixed by the sizes alone (never by a thread count
// or a row or column range), so results are the same bits however the work is split.

/** Columns of A per block, as in thinProducts.ts: the thin operand's slice stays in L2. */
const COLUMN_BLOCK = 512;

@inline function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/**
 * yt[r][i] += Σⱼ A[i][j]·xt[r][j] for rows i0 ≤ i < i1 of A (m×n row-major), all r < ℓ; xt is
 * ℓ×n and yt ℓ×m, row-major (yt is A·X column-major). yt's rows i0..i1 are zeroed first. Four
 * rows of A × two of xt per sweep: eight f64x2 sums.
 */
export function thinProduct(a: usize, m: i32, n: i32, xt: usize, l: i32, yt: usize, i0: i32, i1: i32): void {
  for (let r = 0; r < l; r++) memory.fill(yt + (<usize>(r * m + i0) << 3), 0, <usize>(i1 - i0) << 3);
  for (let j0 = 0; j0 < n; j0 += COLUMN_BLOCK) {
    const j1 = min(n, j0 + COLUMN_BLOCK);
    let i = i0;
    for (; i + 3 < i1; i += 4) {
      let r = 0;
      for (; r + 1 < l; r += 2) dotFourByTwo(a, n, i, xt, r, j0, j1, yt, m);
      for (; r < l; r++) for (let t = 0; t < 4; t++) addDot(a, n, i + t, xt, r, j0, j1, yt, m);
    }
    for (; i < i1; i++) for (let r = 0; r < l; r++) addDot(a, n, i, xt, r, j0, j1, yt, m);
  }
}

@inline function dotFourByTwo(a: usize, n: i32, i: i32, xt: usize, r: i32, j0: i32, j1: i32, yt: usize, m: i32): void {
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
    let p = load<f64>(a0 + o);
    t00 += p * u0; t01 += p * u1;
    p = load<f64>(a1 + o);
    t10 += p * u0; t11 += p * u1;
    p = load<f64>(a2 + o);
    t20 += p * u0; t21 += p * u1;
    p = load<f64>(a3 + o);
    t30 += p * u0; t31 += p * u1;
  }
  const y0 = yt + (<usize>(r * m + i) << 3), y1 = y0 + (<usize>m << 3);
  store<f64>(y0, load<f64>(y0) + t00); store<f64>(y0 + 8, load<f64>(y0 + 8) + t10);
  store<f64>(y0 + 16, load<f64>(y0 + 16) + t20); store<f64>(y0 + 24, load<f64>(y0 + 24) + t30);
  store<f64>(y1, load<f64>(y1) + t01); store<f64>(y1 + 8, load<f64>(y1 + 8) + t11);
  store<f64>(y1 + 16, load<f64>(y1 + 16) + t21); store<f64>(y1 + 24, load<f64>(y1 + 24) + t31);
}

/** yt[r][i] += A[i][j0..j1) · xt[r][j0..j1), with the same lane split as dotFourByTwo. */
function addDot(a: usize, n: i32, i: i32, xt: usize, r: i32, j0: i32, j1: i32, yt: usize, m: i32): void {
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

/**
 * zt[r][j] = Σᵢ wt[r][i]·A[i][j] for columns c0 ≤ j < c1 and all r < ℓ (zt ℓ×n row-major is
 * Aᵀ·W column-major; wt is ℓ×m row-major). Those columns of zt are zeroed first. Four rows of
 * A into two rows of zt per sweep, each entry summing its four terms before adding them.
 */
export function thinTransposedProduct(a: usize, m: i32, n: i32, wt: usize, l: i32, zt: usize, c0: i32, c1: i32): void {
  for (let r = 0; r < l; r++) memory.fill(zt + (<usize>(r * n + c0) << 3), 0, <usize>(c1 - c0) << 3);
  for (let j0 = c0; j0 < c1; j0 += COLUMN_BLOCK) {
    const j1 = min(c1, j0 + COLUMN_BLOCK);
    let i = 0;
    for (; i + 3 < m; i += 4) {
      let r = 0;
      for (; r + 1 < l; r += 2) axpyFourIntoTwo(a, n, i, wt, m, r, j0, j1, zt);
      for (; r < l; r++) axpyFourIntoOne(a, n, i, wt, m, r, j0, j1, zt);
    }
    for (; i < m; i++) for (let r = 0; r < l; r++) axpyOne(a, n, i, wt, m, r, j0, j1, zt);
  }
}

@inline function axpyFourIntoTwo(a: usize, n: i32, i: i32, wt: usize, m: i32, r: i32, j0: i32, j1: i32, zt: usize): void {
  const rowBytes = <usize>n << 3;
  const a0 = a + <usize>i * rowBytes, a1 = a0 + rowBytes, a2 = a1 + rowBytes, a3 = a2 + rowBytes;
  const w0 = wt + (<usize>(r * m + i) << 3), w1 = w0 + (<usize>m << 3);
  const c00 = load<f64>(w0), c01 = load<f64>(w0 + 8), c02 = load<f64>(w0 + 16), c03 = load<f64>(w0 + 24);
  const c10 = load<f64>(w1), c11 = load<f64>(w1 + 8), c12 = load<f64>(w1 + 16), c13 = load<f64>(w1 + 24);
  const C00 = f64x2.splat(c00), C01 = f64x2.splat(c01), C02 = f64x2.splat(c02), C03 = f64x2.splat(c03);
  const C10 = f64x2.splat(c10), C11 = f64x2.splat(c11), C12 = f64x2.splat(c12), C13 = f64x2.splat(c13);
  const z0 = zt + <usize>r * rowBytes, z1 = z0 + rowBytes;
  let j = j0;
  // Two steps of j per pass, each of A's four vectors used at once by both rows of zt: the same
  // sums in the same order as one step at a time (((c₀p + c₁q) + c₂s) + c₃t, then added to z),
  // with fewer vectors live at once — 18 GFlop/s against 16 on one Zen 5 core (bench/products-lab).
  for (; j + 3 < j1; j += 4) {
    const o = <usize>j << 3;
    let p = v128.load(a0 + o);
    let d0 = f64x2.mul(C00, p), d1 = f64x2.mul(C10, p);
    p = v128.load(a1 + o);
    d0 = f64x2.add(d0, f64x2.mul(C01, p)); d1 = f64x2.add(d1, f64x2.mul(C11, p));
    p = v128.load(a2 + o);
    d0 = f64x2.add(d0, f64x2.mul(C02, p)); d1 = f64x2.add(d1, f64x2.mul(C12, p));
    p = v128.load(a3 + o);
    d0 = f64x2.add(d0, f64x2.mul(C03, p)); d1 = f64x2.add(d1, f64x2.mul(C13, p));
    p = v128.load(a0 + o, 16);
    let e0 = f64x2.mul(C00, p), e1 = f64x2.mul(C10, p);
    p = v128.load(a1 + o, 16);
    e0 = f64x2.add(e0, f64x2.mul(C01, p)); e1 = f64x2.add(e1, f64x2.mul(C11, p));
    p = v128.load(a2 + o, 16);
    e0 = f64x2.add(e0, f64x2.mul(C02, p)); e1 = f64x2.add(e1, f64x2.mul(C12, p));
    p = v128.load(a3 + o, 16);
    e0 = f64x2.add(e0, f64x2.mul(C03, p)); e1 = f64x2.add(e1, f64x2.mul(C13, p));
    v128.store(z0 + o, f64x2.add(v128.load(z0 + o), d0));
    v128.store(z1 + o, f64x2.add(v128.load(z1 + o), d1));
    v128.store(z0 + o, f64x2.add(v128.load(z0 + o, 16), e0), 16);
    v128.store(z1 + o, f64x2.add(v128.load(z1 + o, 16), e1), 16);
  }
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

function axpyFourIntoOne(a: usize, n: i32, i: i32, wt: usize, m: i32, r: i32, j0: i32, j1: i32, zt: usize): void {
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

function axpyOne(a: usize, n: i32, i: i32, wt: usize, m: i32, r: i32, j0: i32, j1: i32, zt: usize): void {
  const c = load<f64>(wt + (<usize>(r * m + i) << 3));
  const ai = a + (<usize>(i * n) << 3);
  const z = zt + (<usize>(r * n) << 3);
  for (let j = j0; j < j1; j++) {
    const o = <usize>j << 3;
    store<f64>(z + o, load<f64>(z + o) + c * load<f64>(ai + o));
  }
}

/** Depth of one pass of the GEMM: A's block (rows × GEMM_DEPTH) then stays in L2. */
const GEMM_DEPTH = 256;
/** Rows of A per block inside one depth pass. */
const GEMM_ROWS = 32;

/**
 * C += alpha·(A·B) (alpha ±1, so exact): C m×n column-major (leading dimension ldc), A m×k column-major (lda), and B k×n with
 * entry (p, j) at b + 8·(p·bRow + j·bCol), so B or Bᵀ in either layout. Four rows × four
 * columns of C per inner sweep (eight f64x2 sums); each entry adds its sum over one depth block
 * of 256 at a time, in order.
 */
export function gemm(m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, bRow: i32, bCol: i32, c: usize, ldc: i32, alpha: f64): void {
  for (let p0 = 0; p0 < k; p0 += GEMM_DEPTH) {
    const p1 = min(k, p0 + GEMM_DEPTH);
    // Blocks of B's columns small enough for L2 (depth × width ≤ 32768 entries) …
    const width = max(16, 32768 / (p1 - p0)) & ~3;
    for (let j0 = 0; j0 < n; j0 += width) {
      const j1 = min(n, j0 + width);
      // … and of A's rows for L1, while every column of that block of B passes.
      for (let i0 = 0; i0 < m; i0 += GEMM_ROWS) {
        const i1 = min(m, i0 + GEMM_ROWS);
        let j = j0;
        for (; j + 3 < j1; j += 4) {
          let i = i0;
          for (; i + 3 < i1; i += 4) gemmFourByFour(i, j, p0, p1, a, lda, b, bRow, bCol, c, ldc, alpha);
          for (; i < i1; i++) for (let t = 0; t < 4; t++) gemmOne(i, j + t, p0, p1, a, lda, b, bRow, bCol, c, ldc, alpha);
        }
        for (; j < j1; j++) for (let i = i0; i < i1; i++) gemmOne(i, j, p0, p1, a, lda, b, bRow, bCol, c, ldc, alpha);
      }
    }
  }
}

@inline function gemmFourByFour(i: i32, j: i32, p0: i32, p1: i32, a: usize, lda: i32, b: usize, bRow: i32, bCol: i32, c: usize, ldc: i32, alpha: f64): void {
  let s00 = f64x2.splat(0), s01 = f64x2.splat(0), s10 = f64x2.splat(0), s11 = f64x2.splat(0);
  let s20 = f64x2.splat(0), s21 = f64x2.splat(0), s30 = f64x2.splat(0), s31 = f64x2.splat(0);
  const colBytes = <usize>bCol << 3;
  for (let p = p0; p < p1; p++) {
    const ap = a + (<usize>(p * lda + i) << 3);
    const x0 = v128.load(ap), x1 = v128.load(ap + 16);
    const bp = b + (<usize>(p * bRow + j * bCol) << 3);
    let y = f64x2.splat(load<f64>(bp));
    s00 = f64x2.add(s00, f64x2.mul(x0, y)); s01 = f64x2.add(s01, f64x2.mul(x1, y));
    y = f64x2.splat(load<f64>(bp + colBytes));
    s10 = f64x2.add(s10, f64x2.mul(x0, y)); s11 = f64x2.add(s11, f64x2.mul(x1, y));
    y = f64x2.splat(load<f64>(bp + 2 * colBytes));
    s20 = f64x2.add(s20, f64x2.mul(x0, y)); s21 = f64x2.add(s21, f64x2.mul(x1, y));
    y = f64x2.splat(load<f64>(bp + 3 * colBytes));
    s30 = f64x2.add(s30, f64x2.mul(x0, y)); s31 = f64x2.add(s31, f64x2.mul(x1, y));
  }
  const al = f64x2.splat(alpha);
  s00 = f64x2.mul(s00, al); s01 = f64x2.mul(s01, al); s10 = f64x2.mul(s10, al); s11 = f64x2.mul(s11, al);
  s20 = f64x2.mul(s20, al); s21 = f64x2.mul(s21, al); s30 = f64x2.mul(s30, al); s31 = f64x2.mul(s31, al);
  const ldcBytes = <usize>ldc << 3;
  const c0 = c + (<usize>(j * ldc + i) << 3), c1 = c0 + ldcBytes, c2 = c1 + ldcBytes, c3 = c2 + ldcBytes;
  v128.store(c0, f64x2.add(v128.load(c0), s00)); v128.store(c0 + 16, f64x2.add(v128.load(c0 + 16), s01));
  v128.store(c1, f64x2.add(v128.load(c1), s10)); v128.store(c1 + 16, f64x2.add(v128.load(c1 + 16), s11));
  v128.store(c2, f64x2.add(v128.load(c2), s20)); v128.store(c2 + 16, f64x2.add(v128.load(c2 + 16), s21));
  v128.store(c3, f64x2.add(v128.load(c3), s30)); v128.store(c3 + 16, f64x2.add(v128.load(c3 + 16), s31));
}

function gemmOne(i: i32, j: i32, p0: i32, p1: i32, a: usize, lda: i32, b: usize, bRow: i32, bCol: i32, c: usize, ldc: i32, alpha: f64): void {
  let s: f64 = 0;
  for (let p = p0; p < p1; p++) s += load<f64>(a + (<usize>(p * lda + i) << 3)) * load<f64>(b + (<usize>(p * bRow + j * bCol) << 3));
  const at = c + (<usize>(j * ldc + i) << 3);
  store<f64>(at, load<f64>(at) + alpha * s);
}
