// AssemblyScript (compiled by `npm run build:wasm` into the shared-memory module only): fork and
// join of kernel calls across threads that share one WebAssembly memory. The caller (the leader,
// src/linalg/wasm/threads.ts) writes one call per thread into the control block, then calls
// `fork`; each helper thread sits in `serve`, runs its call when the generation changes, and
// counts itself done. No thread ever adds into another's output: a call's range is fixed by the
// caller, so the results do not depend on which thread finishes first.
//
// Control block (byte offsets from `control`): 0 the generation word (i32: a counter in the high
// 24 bits, the number of threads taking part in the low 8, read together so a helper that wakes
// late never mixes two generations), 4 helpers done (i32), 12 the pool's epoch (i32: bumped when a
// pool stops, so a helper of an old pool that wakes late leaves instead of joining a new one),
// 16 helpers ready (i32);
// from 64, one slot of SLOT_BYTES per thread: f64 kernel id, then up to 15 f64 arguments.

import { bidiagLeft, bidiagRight } from './bidiagonal';
import { gemm, thinProduct, thinTransposedProduct } from './products';
import { applyReflectorBlock } from './reflectors';

const GENERATION = 0;
const DONE = 4;
const EPOCH = 12;
const READY = 16;
const SLOTS = 64;
const SLOT_BYTES = 128;
/** Threads the control block has slots for (MAX_KERNEL_THREADS in src/linalg/wasm/threads.ts). */
const MAX_THREADS = 16;
/** Polls of a flag before a thread goes to sleep on it: long enough to catch the next call of a tight loop, short enough not to burn a loaded machine's cores. */
const SPIN = 4000;

@inline function arg(slot: usize, i: i32): f64 {
  return load<f64>(slot + (<usize>(i + 1) << 3));
}
@inline function int(slot: usize, i: i32): i32 {
  return <i32>arg(slot, i);
}
@inline function ptr(slot: usize, i: i32): usize {
  return <usize>arg(slot, i);
}

/** Runs the call in one slot: kernel ids are those of KERNEL_IDS in src/linalg/wasm/threads.ts. */
function dispatch(slot: usize): void {
  const id = <i32>load<f64>(slot);
  if (id == 0) bidiagRight(ptr(slot, 0), int(slot, 1), int(slot, 2), int(slot, 3), ptr(slot, 4), ptr(slot, 5), int(slot, 6), arg(slot, 7), ptr(slot, 8), int(slot, 9), int(slot, 10));
  else if (id == 1) bidiagLeft(ptr(slot, 0), int(slot, 1), int(slot, 2), int(slot, 3), ptr(slot, 4), ptr(slot, 5), int(slot, 6), arg(slot, 7), ptr(slot, 8), int(slot, 9), int(slot, 10));
  else if (id == 2) thinProduct(ptr(slot, 0), int(slot, 1), int(slot, 2), ptr(slot, 3), int(slot, 4), ptr(slot, 5), int(slot, 6), int(slot, 7));
  else if (id == 3) thinTransposedProduct(ptr(slot, 0), int(slot, 1), int(slot, 2), ptr(slot, 3), int(slot, 4), ptr(slot, 5), int(slot, 6), int(slot, 7));
  else if (id == 4) gemm(int(slot, 0), int(slot, 1), int(slot, 2), ptr(slot, 3), int(slot, 4), ptr(slot, 5), int(slot, 6), int(slot, 7), ptr(slot, 8), int(slot, 9), arg(slot, 10));
  else if (id == 5) applyReflectorBlock(ptr(slot, 0), int(slot, 1), ptr(slot, 2), int(slot, 3), ptr(slot, 4), int(slot, 5), int(slot, 6), int(slot, 7), int(slot, 8));
}

/** Waits until the i32 at p differs from `value`: polls a while, then sleeps on it (helpers only: they are workers). */
function awaitChange(p: usize, value: i32): i32 {
  for (let s = 0; s < SPIN; s++) {
    const now = atomic.load<i32>(p);
    if (now != value) return now;
  }
  let now = value;
  while (now == value) {
    memory.atomic.wait32(p, value, -1);
    now = atomic.load<i32>(p);
  }
  return now;
}

/**
 * The leader: wakes helpers 1 … count−1 to run their slots and runs slot 0 itself. The caller
 * then waits until the done count reaches count − 1 (src/linalg/wasm/threads.ts does, with
 * Atomics.wait in JavaScript: V8 does not wake a WebAssembly wait on node's main thread). The
 * leader's writes before the generation's atomic store are visible to the helpers, and theirs to
 * the leader after their atomic count (WebAssembly atomics are sequentially consistent).
 */
export function fork(control: usize, count: i32): void {
  atomic.store<i32>(control + DONE, 0);
  next(control, count);
  dispatch(control + SLOTS);
}

/** Starts the next generation with `count` threads taking part, and wakes the helpers. */
function next(control: usize, count: i32): void {
  const word = atomic.load<i32>(control + GENERATION);
  atomic.store<i32>(control + GENERATION, ((((word >>> 8) + 1) & 0xffffff) << 8) | count);
  atomic.notify(control + GENERATION, MAX_THREADS);
}

/** Tells every helper of the running pool to return from `serve`. */
export function quit(control: usize): void {
  atomic.add<i32>(control + EPOCH, 1);
  next(control, 0);
}

/** A helper thread's loop (index ≥ 1, of the pool of `epoch`): runs its slot at every new generation until that pool quits. */
export function serve(control: usize, index: i32, epoch: i32): void {
  let word = atomic.load<i32>(control + GENERATION);
  atomic.add<i32>(control + READY, 1);
  atomic.notify(control + READY, MAX_THREADS);
  for (;;) {
    word = awaitChange(control + GENERATION, word);
    if (atomic.load<i32>(control + EPOCH) != epoch) return;
    if (index < (word & 0xff)) {
      dispatch(control + SLOTS + <usize>index * SLOT_BYTES);
      atomic.add<i32>(control + DONE, 1);
      atomic.notify(control + DONE, 1);
    }
  }
}
