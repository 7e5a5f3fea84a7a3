// AssemblyScript (compiled by `npm run build:wasm`): matrix–vector products on column-major
// matrices, for the panel factorisation of the blocked bidiagonalization (LAPACK's dlabrd, driven
// from src/linalg/bidiagonalizeBlocked.ts). alpha is ±1 and beta 0 or 1 there, so scaling by them
// is exact. Four columns share each sweep; sums run in f64x2 lanes in an order fixed by the sizes.

@inline function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** y[j] = beta·y[j] + alpha·Σ_{i<rows} a[i + j·lda]·x[i] for j < cols: Aᵀ·x, one dot product per column. */
export function gemvT(rows: i32, cols: i32, a: usize, lda: i32, x: usize, y: usize, alpha: f64, beta: f64): void {
  const ld = <usize>lda << 3;
  let j = 0;
  for (; j + 3 < cols; j += 4) {
    const c0 = a + <usize>j * ld, c1 = c0 + ld, c2 = c1 + ld, c3 = c2 + ld;
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
    let i = 0;
    for (; i + 1 < rows; i += 2) {
      const o = <usize>i << 3;
      const v = v128.load(x + o);
      s0 = f64x2.add(s0, f64x2.mul(v128.load(c0 + o), v));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(c1 + o), v));
      s2 = f64x2.add(s2, f64x2.mul(v128.load(c2 + o), v));
      s3 = f64x2.add(s3, f64x2.mul(v128.load(c3 + o), v));
    }
    let t0 = hsum(s0), t1 = hsum(s1), t2 = hsum(s2), t3 = hsum(s3);
    if (i < rows) {
      const o = <usize>i << 3;
      const v = load<f64>(x + o);
      t0 += load<f64>(c0 + o) * v;
      t1 += load<f64>(c1 + o) * v;
      t2 += load<f64>(c2 + o) * v;
      t3 += load<f64>(c3 + o) * v;
    }
    const yj = y + (<usize>j << 3);
    store<f64>(yj, (beta == 0 ? 0 : beta * load<f64>(yj)) + alpha * t0);
    store<f64>(yj, (beta == 0 ? 0 : beta * load<f64>(yj, 8)) + alpha * t1, 8);
    store<f64>(yj, (beta == 0 ? 0 : beta * load<f64>(yj, 16)) + alpha * t2, 16);
    store<f64>(yj, (beta == 0 ? 0 : beta * load<f64>(yj, 24)) + alpha * t3, 24);
  }
  for (; j < cols; j++) {
    const c0 = a + <usize>j * ld;
    let s0 = f64x2.splat(0);
    let i = 0;
    for (; i + 1 < rows; i += 2) s0 = f64x2.add(s0, f64x2.mul(v128.load(c0 + (<usize>i << 3)), v128.load(x + (<usize>i << 3))));
    let t0 = hsum(s0);
    if (i < rows) t0 += load<f64>(c0 + (<usize>i << 3)) * load<f64>(x + (<usize>i << 3));
    const yj = y + (<usize>j << 3);
    store<f64>(yj, (beta == 0 ? 0 : beta * load<f64>(yj)) + alpha * t0);
  }
}

/** y[i] = beta·y[i] + alpha·Σ_{j<cols} a[i + j·lda]·x[j] for i < rows: A·x as axpys of A's columns into y. */
export function gemvN(rows: i32, cols: i32, a: usize, lda: i32, x: usize, y: usize, alpha: f64, beta: f64): void {
  if (beta == 0) memory.fill(y, 0, <usize>rows << 3);
  const ld = <usize>lda << 3;
  let j = 0;
  for (; j + 3 < cols; j += 4) {
    const c0 = a + <usize>j * ld, c1 = c0 + ld, c2 = c1 + ld, c3 = c2 + ld;
    const xj = x + (<usize>j << 3);
    const u0 = alpha * load<f64>(xj), u1 = alpha * load<f64>(xj, 8), u2 = alpha * load<f64>(xj, 16), u3 = alpha * load<f64>(xj, 24);
    const U0 = f64x2.splat(u0), U1 = f64x2.splat(u1), U2 = f64x2.splat(u2), U3 = f64x2.splat(u3);
    let i = 0;
    for (; i + 1 < rows; i += 2) {
      const o = <usize>i << 3;
      const p = f64x2.add(
        f64x2.add(f64x2.mul(v128.load(c0 + o), U0), f64x2.mul(v128.load(c1 + o), U1)),
        f64x2.add(f64x2.mul(v128.load(c2 + o), U2), f64x2.mul(v128.load(c3 + o), U3)),
      );
      v128.store(y + o, f64x2.add(v128.load(y + o), p));
    }
    if (i < rows) {
      const o = <usize>i << 3;
      store<f64>(y + o, load<f64>(y + o) + (load<f64>(c0 + o) * u0 + load<f64>(c1 + o) * u1 + (load<f64>(c2 + o) * u2 + load<f64>(c3 + o) * u3)));
    }
  }
  for (; j < cols; j++) {
    const c0 = a + <usize>j * ld;
    const u0 = alpha * load<f64>(x + (<usize>j << 3));
    const U0 = f64x2.splat(u0);
    let i = 0;
    for (; i + 1 < rows; i += 2) {
      const o = <usize>i << 3;
      v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(v128.load(c0 + o), U0)));
    }
    if (i < rows) store<f64>(y + (<usize>i << 3), load<f64>(y + (<usize>i << 3)) + load<f64>(c0 + (<usize>i << 3)) * u0);
  }
}
