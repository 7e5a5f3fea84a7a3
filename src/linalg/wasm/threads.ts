/**
 * The dense kernels on every core: helper threads that share the kernels' WebAssembly memory and
 * run slices of one kernel call while the calling thread (the leader) runs its own slice
 * (fork/join in as/threads.ts). This file is pure: the caller provides the threads through
 * {@link SpawnKernelHelper} — module workers in the page (renderer/workers/kernel-threads.ts), or
 * node's worker_threads (bench/kernel-threads-node.ts) — and each helper runs
 * {@link serveKernelCalls}.
 *
 * Determinism: a call is split at boundaries fixed by its sizes and the thread count alone, and
 * every kernel computes each output entry by the same operations whatever range it is given (see
 * the kernels' comments), so a pooled result is the same bits as the single-thread one, for
 * every thread count. Where the page is not cross-origin isolated (no SharedArrayBuffer) the
 * kernels run on one thread and {@link kernelThreads} says why.
 *
 * The leader blocks (Atomics.wait) until its helpers finish, so it must be a worker or node's
 * main thread, never a page's main thread.
 */
import { CONTROL_BLOCK, describeThreads, loadSharedKernels, wasmKernels, type KernelExports, type WasmKernels } from './module.js';

/** At most this many threads (the control block has a slot for each). */
export const MAX_KERNEL_THREADS = 16;

/** Kernel ids of the fork/join dispatcher (as/threads.ts), by export name. */
const KERNEL_IDS = {
  bidiagRight: 0, bidiagLeft: 1, thinProduct: 2, thinTransposedProduct: 3, gemm: 4, applyReflectorBlock: 5,
} as const;

/** A kernel that threads can share. */
export type SplittableKernel = keyof typeof KERNEL_IDS;

/** What a helper thread is given: the compiled module, the shared memory, the control block's address, its index (1 …) and its pool's epoch. */
export interface KernelHelperInit {
  readonly module: object;
  readonly memory: object;
  readonly control: number;
  readonly index: number;
  readonly epoch: number;
}

/** A started helper: `ready` resolves once it has instantiated the module (it then runs serveKernelCalls). */
export interface KernelHelper {
  readonly ready: Promise<void>;
  terminate(): void;
}

/** Starts a thread that calls {@link prepareKernelHelper}, reports ready, then runs what it returned. */
export type SpawnKernelHelper = (init: KernelHelperInit) => KernelHelper;

/** How many threads the kernels use, and why not more. */
export interface KernelThreads {
  readonly threads: number;
  /** Why there is one thread ('' when the pool runs): e.g. 'not cross-origin isolated'. */
  readonly reason: string;
}

const SLOTS = 64;
const SLOT_F64 = 16;
const DONE_I32 = 1;
const EPOCH_I32 = 3;
const READY_I32 = 4;
/** The control block's flags as i32, over the memory's current buffer. */
let doneFlags: Int32Array | null = null;
/** How long helpers may take to enter their loop once they said they are ready. */
const READY_TIMEOUT_MS = 10_000;

let pool: { readonly threads: number; readonly helpers: KernelHelper[] } | null = null;
let current: KernelThreads = { threads: 1, reason: 'no worker pool started' };

/** The threads the kernels run on now (1 with the reason until {@link startKernelThreads} succeeds). */
export function kernelThreads(): KernelThreads {
  return current;
}

/**
 * Starts `threads − 1` helper threads (the caller is the first thread) over a shared memory, so
 * the kernels' big products and sweeps are split across `threads` cores, and resolves with what
 * runs. One thread, with the reason, when `threads` is 1, when `isolated` is false (a page that is
 * not cross-origin isolated has no SharedArrayBuffer; the default reads `crossOriginIsolated`,
 * absent in node, which counts as isolated), when shared WebAssembly memory cannot be made, or
 * when a helper fails to start. Call it where no kernel is running (its memory is reloaded);
 * calling it again first stops the running pool. Throws RangeError unless 1 ≤ threads ≤ 16 is whole.
 */
export async function startKernelThreads(
  threads: number, spawn: SpawnKernelHelper, isolated: boolean = defaultIsolation(),
): Promise<KernelThreads> {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_KERNEL_THREADS) {
    throw new RangeError(`The kernels run on 1 to ${MAX_KERNEL_THREADS} threads, not ${threads}.`);
  }
  stopKernelThreads();
  if (threads === 1) return settle({ threads: 1, reason: 'one thread asked for' });
  if (!isolated) return settle({ threads: 1, reason: 'not cross-origin isolated' });
  const failure = loadSharedKernels();
  const wasm = wasmKernels();
  if (failure !== null || wasm === null || wasm.shared === null) return settle({ threads: 1, reason: failure ?? 'no WebAssembly kernels' });
  const { module, memory } = wasm.shared;
  const flags = new Int32Array((memory as { buffer: SharedArrayBuffer }).buffer, CONTROL_BLOCK, SLOTS / 4);
  // The generation word and the epoch go on from the last pool's: a helper of that pool still
  // waking up sees another epoch and leaves.
  Atomics.store(flags, READY_I32, 0);
  const epoch = Atomics.load(flags, EPOCH_I32);
  const helpers: KernelHelper[] = [];
  try {
    for (let index = 1; index < threads; index++) helpers.push(spawn({ module, memory, control: CONTROL_BLOCK, index, epoch }));
    await Promise.all(helpers.map((h) => h.ready));
    awaitReady(flags, threads - 1);
  } catch (error) {
    wasm.exports.quit?.(CONTROL_BLOCK);
    for (const h of helpers) h.terminate();
    return settle({ threads: 1, reason: `the helper threads did not start (${error instanceof Error ? error.message : String(error)})` });
  }
  pool = { threads, helpers };
  return settle({ threads, reason: '' });
}

/** Stops the helper threads (the kernels go on, on one thread). */
export function stopKernelThreads(): void {
  if (pool === null) return;
  wasmKernels()?.exports.quit?.(CONTROL_BLOCK);
  for (const h of pool.helpers) h.terminate();
  pool = null;
  settle({ threads: 1, reason: 'the worker pool was stopped' });
}

/**
 * In a helper thread: instantiates the kernels over the shared memory and returns the loop that
 * serves the leader's calls (it returns only when the pool stops). Call the loop after telling
 * the leader the thread is ready.
 */
export function prepareKernelHelper(init: KernelHelperInit): () => void {
  const api = (globalThis as { WebAssembly?: { Instance: new (module: object, imports: object) => { exports: Record<string, unknown> } } }).WebAssembly;
  if (api === undefined) throw new Error('No WebAssembly in this thread.');
  const exports = new api.Instance(init.module, { env: { memory: init.memory } }).exports as unknown as KernelExports;
  if (exports.serve === undefined) throw new Error('The kernels given to a helper thread are not the shared-memory module.');
  const serve = exports.serve;
  return () => serve(init.control, init.index, init.epoch);
}

/**
 * Runs `kernel` over the index range [start, end) (its columns or rows, as the kernel's comment
 * says a range may be split), in contiguous parts, one per thread: at most as many parts as
 * threads, each of at least `minPart` indices, with inner boundaries at start + multiples of
 * `align`. `args(lo, hi)` gives the kernel's arguments for one part. With one part this is one
 * plain call, so the single-thread path is the same code.
 */
export function runSplit(
  kernel: SplittableKernel, start: number, end: number, align: number, minPart: number,
  args: (lo: number, hi: number) => readonly number[],
): void {
  const wasm = wasmKernels();
  if (wasm === null) throw new Error('runSplit needs the WebAssembly kernels.');
  const parts = pool === null ? 1 : Math.max(1, Math.min(pool.threads, Math.floor((end - start) / Math.max(1, minPart))));
  if (parts === 1) {
    (wasm.exports[kernel] as (...a: number[]) => void)(...args(start, end));
    return;
  }
  const slots = wasm.view(CONTROL_BLOCK + SLOTS, parts * SLOT_F64);
  let lo = start;
  for (let t = 0; t < parts; t++) {
    const hi = t === parts - 1 ? end : start + Math.floor(((end - start) * (t + 1)) / parts / align) * align;
    const a = args(lo, Math.max(lo, hi));
    slots[t * SLOT_F64] = KERNEL_IDS[kernel];
    for (let i = 0; i < a.length; i++) slots[t * SLOT_F64 + 1 + i] = a[i];
    lo = Math.max(lo, hi);
  }
  wasm.exports.fork!(CONTROL_BLOCK, parts);
  awaitHelpers(wasm, parts - 1);
  forks++;
}

let forks = 0;

/** How many kernel calls {@link runSplit} has run across several threads so far (for tests and benchmarks). */
export function splitCalls(): number {
  return forks;
}

/** Polls of the done count before the leader sleeps on it: a helper often finishes within that. */
const SPIN = 2000;

/** Blocks until `count` helpers have counted themselves done in this generation. */
function awaitHelpers(wasm: WasmKernels, count: number): void {
  const buffer = (wasm.shared!.memory as { buffer: SharedArrayBuffer }).buffer;
  if (doneFlags?.buffer !== buffer) doneFlags = new Int32Array(buffer, CONTROL_BLOCK, SLOTS / 4);
  for (let spins = 0; ; spins++) {
    const done = Atomics.load(doneFlags, DONE_I32);
    if (done >= count) return;
    if (spins > SPIN) Atomics.wait(doneFlags, DONE_I32, done);
  }
}

/**
 * Work below this many matrix entries per thread runs on fewer threads: a fork and join costs
 * tens of microseconds (more when the threads sleep), about the time of that many entries.
 */
const MIN_ENTRIES_PER_THREAD = 32768;

/** The least part of a range worth a thread, when each index of it touches `entriesPerIndex` matrix entries. */
export function minPart(entriesPerIndex: number): number {
  return Math.ceil(MIN_ENTRIES_PER_THREAD / Math.max(1, entriesPerIndex));
}

/** Reasons for one thread that are no shortcoming, so the status says just '1 thread'. */
const CHOSEN = new Set(['no worker pool started', 'one thread asked for', 'the worker pool was stopped']);

function settle(next: KernelThreads): KernelThreads {
  current = next;
  describeThreads(next.threads > 1 ? `${next.threads} threads` : CHOSEN.has(next.reason) ? '1 thread' : `1 thread: ${next.reason}`);
  return next;
}

function defaultIsolation(): boolean {
  return (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
}

/** Blocks until `count` helpers have entered their loop (they count themselves in the flags). */
function awaitReady(flags: Int32Array, count: number): void {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (let seen = Atomics.load(flags, READY_I32); seen < count; seen = Atomics.load(flags, READY_I32)) {
    if (Date.now() > deadline) throw new Error(`${seen} of ${count} helper threads ready after ${READY_TIMEOUT_MS / 1000} s`);
    Atomics.wait(flags, READY_I32, seen, 100);
  }
}
