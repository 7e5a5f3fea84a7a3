// AssemblyScript (compiled by `npm run build:wasm`): the deferred plane rotations of the bidiagonal
// QR iteration (src/linalg/rotationLog.ts has the JavaScript reference and the conventions). Eight
// rows at a time are copied into a column-major scratch block of width 8, so one column of the
// block is four f64x2 lanes, and every recorded sweep runs over the block while it sits in L1.
// Each rotated entry is computed with exactly the operations of the reference (c·x + s·y and
// c·y − s·x, no fused multiply–add), so the results are the same bits.

/**
 * Applies `count` sweeps to columns 0..cols−1 of the rows×cols block of the row-major matrix at a
 * (row stride `stride`, in f64). cs holds (c, s) pairs; sweeps holds four i32 per sweep: first
 * column, rotation count, 1 if backward, index of its first rotation. scratch: 8·cols f64.
 */
export function rotateRows(a: usize, rows: i32, stride: i32, cols: i32, cs: usize, sweeps: usize, count: i32, scratch: usize): void {
  for (let r = 0; r < rows; r += 8) {
    const height = min(8, rows - r);
    gather(a, r, height, stride, cols, scratch);
    for (let q = 0; q < count; q++) {
      const sw = sweeps + (<usize>q << 4);
      const first = load<i32>(sw);
      const n = load<i32>(sw + 4);
      const p = cs + (<usize>load<i32>(sw + 12) << 4);
      if (load<i32>(sw + 8) == 0) forward(scratch + (<usize>first << 6), n, p);
      else backward(scratch + (<usize>first << 6), n, p);
    }
    scatter(a, r, height, stride, cols, scratch);
  }
}

function gather(a: usize, r: i32, height: i32, stride: i32, cols: i32, scratch: usize): void {
  if (height < 8) memory.fill(scratch, 0, <usize>cols << 6);
  for (let t = 0; t < height; t++) {
    const row = a + (<usize>((r + t) * stride) << 3);
    for (let j = 0; j < cols; j++) store<f64>(scratch + (<usize>j << 6) + (<usize>t << 3), load<f64>(row + (<usize>j << 3)));
  }
}

function scatter(a: usize, r: i32, height: i32, stride: i32, cols: i32, scratch: usize): void {
  for (let t = 0; t < height; t++) {
    const row = a + (<usize>((r + t) * stride) << 3);
    for (let j = 0; j < cols; j++) store<f64>(row + (<usize>j << 3), load<f64>(scratch + (<usize>j << 6) + (<usize>t << 3)));
  }
}

/** Columns first..first+n of the block: x carries column t's value into rotation t. */
function forward(col: usize, n: i32, p: usize): void {
  let x0 = v128.load(col), x1 = v128.load(col, 16), x2 = v128.load(col, 32), x3 = v128.load(col, 48);
  for (let t = 0; t < n; t++) {
    const c = v128.load64_splat(p + (<usize>t << 4));
    const s = v128.load64_splat(p + (<usize>t << 4) + 8);
    const here = col + (<usize>t << 6);
    const next = here + 64;
    const y0 = v128.load(next), y1 = v128.load(next, 16), y2 = v128.load(next, 32), y3 = v128.load(next, 48);
    v128.store(here, f64x2.add(f64x2.mul(c, x0), f64x2.mul(s, y0)));
    v128.store(here, f64x2.add(f64x2.mul(c, x1), f64x2.mul(s, y1)), 16);
    v128.store(here, f64x2.add(f64x2.mul(c, x2), f64x2.mul(s, y2)), 32);
    v128.store(here, f64x2.add(f64x2.mul(c, x3), f64x2.mul(s, y3)), 48);
    x0 = f64x2.sub(f64x2.mul(c, y0), f64x2.mul(s, x0));
    x1 = f64x2.sub(f64x2.mul(c, y1), f64x2.mul(s, x1));
    x2 = f64x2.sub(f64x2.mul(c, y2), f64x2.mul(s, x2));
    x3 = f64x2.sub(f64x2.mul(c, y3), f64x2.mul(s, x3));
  }
  const last = col + (<usize>n << 6);
  v128.store(last, x0);
  v128.store(last, x1, 16);
  v128.store(last, x2, 32);
  v128.store(last, x3, 48);
}

/** The same rotations applied last to first: y carries column t+1's value down. */
function backward(col: usize, n: i32, p: usize): void {
  const top = col + (<usize>n << 6);
  let y0 = v128.load(top), y1 = v128.load(top, 16), y2 = v128.load(top, 32), y3 = v128.load(top, 48);
  for (let t = n - 1; t >= 0; t--) {
    const c = v128.load64_splat(p + (<usize>t << 4));
    const s = v128.load64_splat(p + (<usize>t << 4) + 8);
    const here = col + (<usize>t << 6);
    const x0 = v128.load(here), x1 = v128.load(here, 16), x2 = v128.load(here, 32), x3 = v128.load(here, 48);
    const next = here + 64;
    v128.store(next, f64x2.sub(f64x2.mul(c, y0), f64x2.mul(s, x0)));
    v128.store(next, f64x2.sub(f64x2.mul(c, y1), f64x2.mul(s, x1)), 16);
    v128.store(next, f64x2.sub(f64x2.mul(c, y2), f64x2.mul(s, x2)), 32);
    v128.store(next, f64x2.sub(f64x2.mul(c, y3), f64x2.mul(s, x3)), 48);
    y0 = f64x2.add(f64x2.mul(c, x0), f64x2.mul(s, y0));
    y1 = f64x2.add(f64x2.mul(c, x1), f64x2.mul(s, y1));
    y2 = f64x2.add(f64x2.mul(c, x2), f64x2.mul(s, y2));
    y3 = f64x2.add(f64x2.mul(c, x3), f64x2.mul(s, y3));
  }
  v128.store(col, y0);
  v128.store(col, y1, 16);
  v128.store(col, y2, 32);
  v128.store(col, y3, 48);
}
