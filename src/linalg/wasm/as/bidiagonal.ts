// AssemblyScript (compiled by `npm run build:wasm`, not by tsc): the two sweeps over the trailing
// matrix of each step of the fused Householder bidiagonalization (src/linalg/bidiagonalize.ts has
// the JavaScript reference and the math). Pointers are byte offsets into the module's memory;
// matrices are column-major f64. Rows go two at a time in f64x2 lanes; the dot products keep one
// partial sum per lane, added lane 0 + lane 1 at the end, so the result is the same on every run.
// Each sweep takes a range (columns for the right sweep, rows for the left one) so threads can
// share it (threads.ts): every entry is computed by the same operations whatever the range, as
// long as column ranges start at k+1 plus a multiple of four (the four-column groups stay).

@inline function at(p: usize, i: i32): usize {
  return p + (<usize>i << 3);
}

/**
 * For columns j0 ≤ j < j1 (k < j0; the whole step is j0 = k+1, j1 = n), rows k..m−1:
 * aⱼ −= tp·ur[up + j]·z, then w[j] = vᵀ·aⱼ with v column k (v[k] = 1 implicitly). Four columns
 * per sweep share the loads of z and v.
 */
export function bidiagRight(a: usize, m: i32, n: i32, k: i32, z: usize, ur: usize, up: i32, tp: f64, w: usize, j0: i32, j1: i32): void {
  const kb = a + (<usize>(k * m) << 3);
  const zk = load<f64>(at(z, k));
  let j = j0;
  for (; j + 3 < j1; j += 4) {
    const g1 = tp * load<f64>(at(ur, up + j));
    const g2 = tp * load<f64>(at(ur, up + j + 1));
    const g3 = tp * load<f64>(at(ur, up + j + 2));
    const g4 = tp * load<f64>(at(ur, up + j + 3));
    const b1 = a + (<usize>(j * m) << 3);
    const b2 = b1 + (<usize>m << 3);
    const b3 = b2 + (<usize>m << 3);
    const b4 = b3 + (<usize>m << 3);
    const x1 = load<f64>(at(b1, k)) - g1 * zk;
    const x2 = load<f64>(at(b2, k)) - g2 * zk;
    const x3 = load<f64>(at(b3, k)) - g3 * zk;
    const x4 = load<f64>(at(b4, k)) - g4 * zk;
    store<f64>(at(b1, k), x1);
    store<f64>(at(b2, k), x2);
    store<f64>(at(b3, k), x3);
    store<f64>(at(b4, k), x4);
    const v1 = f64x2.splat(g1);
    const v2 = f64x2.splat(g2);
    const v3 = f64x2.splat(g3);
    const v4 = f64x2.splat(g4);
    let s1 = f64x2.splat(0);
    let s2 = f64x2.splat(0);
    let s3 = f64x2.splat(0);
    let s4 = f64x2.splat(0);
    let i = k + 1;
    for (; i + 1 < m; i += 2) {
      const o = <usize>i << 3;
      const zi = v128.load(z + o);
      const vi = v128.load(kb + o);
      const y1 = f64x2.sub(v128.load(b1 + o), f64x2.mul(v1, zi));
      const y2 = f64x2.sub(v128.load(b2 + o), f64x2.mul(v2, zi));
      const y3 = f64x2.sub(v128.load(b3 + o), f64x2.mul(v3, zi));
      const y4 = f64x2.sub(v128.load(b4 + o), f64x2.mul(v4, zi));
      v128.store(b1 + o, y1);
      v128.store(b2 + o, y2);
      v128.store(b3 + o, y3);
      v128.store(b4 + o, y4);
      s1 = f64x2.add(s1, f64x2.mul(vi, y1));
      s2 = f64x2.add(s2, f64x2.mul(vi, y2));
      s3 = f64x2.add(s3, f64x2.mul(vi, y3));
      s4 = f64x2.add(s4, f64x2.mul(vi, y4));
    }
    let t1 = x1 + (f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1));
    let t2 = x2 + (f64x2.extract_lane(s2, 0) + f64x2.extract_lane(s2, 1));
    let t3 = x3 + (f64x2.extract_lane(s3, 0) + f64x2.extract_lane(s3, 1));
    let t4 = x4 + (f64x2.extract_lane(s4, 0) + f64x2.extract_lane(s4, 1));
    if (i < m) {
      const zi = load<f64>(at(z, i));
      const vi = load<f64>(at(kb, i));
      const y1 = load<f64>(at(b1, i)) - g1 * zi;
      const y2 = load<f64>(at(b2, i)) - g2 * zi;
      const y3 = load<f64>(at(b3, i)) - g3 * zi;
      const y4 = load<f64>(at(b4, i)) - g4 * zi;
      store<f64>(at(b1, i), y1);
      store<f64>(at(b2, i), y2);
      store<f64>(at(b3, i), y3);
      store<f64>(at(b4, i), y4);
      t1 += vi * y1;
      t2 += vi * y2;
      t3 += vi * y3;
      t4 += vi * y4;
    }
    store<f64>(at(w, j), t1);
    store<f64>(at(w, j + 1), t2);
    store<f64>(at(w, j + 2), t3);
    store<f64>(at(w, j + 3), t4);
  }
  for (; j < j1; j++) {
    const g = tp * load<f64>(at(ur, up + j));
    const b = a + (<usize>(j * m) << 3);
    let s: f64 = 0;
    for (let i = k; i < m; i++) {
      const y = load<f64>(at(b, i)) - g * load<f64>(at(z, i));
      store<f64>(at(b, i), y);
      s += (i == k ? 1.0 : load<f64>(at(kb, i))) * y;
    }
    store<f64>(at(w, j), s);
  }
}

/**
 * For columns j > k, rows i0 ≤ i < i1 (k < i0; the whole step is i0 = k+1, i1 = m):
 * aⱼ −= tq·w[j]·v (v column k), accumulating those rows of z = A·u, u row uo of ur (entries
 * j > k), from the updated columns in the same sweep.
 */
export function bidiagLeft(a: usize, m: i32, n: i32, k: i32, z: usize, ur: usize, uo: i32, tq: f64, w: usize, i0: i32, i1: i32): void {
  const kb = a + (<usize>(k * m) << 3);
  memory.fill(at(z, i0), 0, <usize>(i1 - i0) << 3);
  let j = k + 1;
  for (; j + 3 < n; j += 4) {
    const h1 = tq * load<f64>(at(w, j));
    const h2 = tq * load<f64>(at(w, j + 1));
    const h3 = tq * load<f64>(at(w, j + 2));
    const h4 = tq * load<f64>(at(w, j + 3));
    const u1 = load<f64>(at(ur, uo + j));
    const u2 = load<f64>(at(ur, uo + j + 1));
    const u3 = load<f64>(at(ur, uo + j + 2));
    const u4 = load<f64>(at(ur, uo + j + 3));
    const b1 = a + (<usize>(j * m) << 3);
    const b2 = b1 + (<usize>m << 3);
    const b3 = b2 + (<usize>m << 3);
    const b4 = b3 + (<usize>m << 3);
    const H1 = f64x2.splat(h1), H2 = f64x2.splat(h2), H3 = f64x2.splat(h3), H4 = f64x2.splat(h4);
    const U1 = f64x2.splat(u1), U2 = f64x2.splat(u2), U3 = f64x2.splat(u3), U4 = f64x2.splat(u4);
    let i = i0;
    for (; i + 1 < i1; i += 2) {
      const o = <usize>i << 3;
      const vi = v128.load(kb + o);
      const y1 = f64x2.sub(v128.load(b1 + o), f64x2.mul(H1, vi));
      const y2 = f64x2.sub(v128.load(b2 + o), f64x2.mul(H2, vi));
      const y3 = f64x2.sub(v128.load(b3 + o), f64x2.mul(H3, vi));
      const y4 = f64x2.sub(v128.load(b4 + o), f64x2.mul(H4, vi));
      v128.store(b1 + o, y1);
      v128.store(b2 + o, y2);
      v128.store(b3 + o, y3);
      v128.store(b4 + o, y4);
      const p = f64x2.add(f64x2.add(f64x2.mul(y1, U1), f64x2.mul(y2, U2)), f64x2.add(f64x2.mul(y3, U3), f64x2.mul(y4, U4)));
      v128.store(z + o, f64x2.add(v128.load(z + o), p));
    }
    if (i < i1) {
      const vi = load<f64>(at(kb, i));
      const y1 = load<f64>(at(b1, i)) - h1 * vi;
      const y2 = load<f64>(at(b2, i)) - h2 * vi;
      const y3 = load<f64>(at(b3, i)) - h3 * vi;
      const y4 = load<f64>(at(b4, i)) - h4 * vi;
      store<f64>(at(b1, i), y1);
      store<f64>(at(b2, i), y2);
      store<f64>(at(b3, i), y3);
      store<f64>(at(b4, i), y4);
      store<f64>(at(z, i), load<f64>(at(z, i)) + (y1 * u1 + y2 * u2 + (y3 * u3 + y4 * u4)));
    }
  }
  for (; j < n; j++) {
    const h = tq * load<f64>(at(w, j));
    const u = load<f64>(at(ur, uo + j));
    const b = a + (<usize>(j * m) << 3);
    for (let i = i0; i < i1; i++) {
      const y = load<f64>(at(b, i)) - h * load<f64>(at(kb, i));
      store<f64>(at(b, i), y);
      store<f64>(at(z, i), load<f64>(at(z, i)) + y * u);
    }
  }
}
