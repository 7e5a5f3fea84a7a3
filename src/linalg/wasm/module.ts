/**
 * The WebAssembly dense kernels (AssemblyScript sources in ./as, compiled by `npm run build:wasm`
 * into kernels.generated.ts) and the memory they work in. Loaded lazily and synchronously from
 * bytes bundled in the JS, so the same code runs in node, in the page and in workers; where
 * WebAssembly, its SIMD or a synchronous compile is unavailable (an old engine, a CSP without
 * 'wasm-unsafe-eval'), {@link wasmKernels} returns null and callers run their JavaScript kernels,
 * which stay the reference. {@link kernelStatus} says which ran and why.
 */
import { KERNELS_WASM_BASE64, SHARED_KERNELS_WASM_BASE64, SHARED_MAXIMUM_PAGES } from './kernels.generated.js';

/** The kernels' exports: pointers are byte offsets into {@link WasmKernels.memory}. */
export interface KernelExports {
  bidiagRight(a: number, m: number, n: number, k: number, z: number, ur: number, up: number, tp: number, w: number, j0: number, j1: number): void;
  bidiagLeft(a: number, m: number, n: number, k: number, z: number, ur: number, uo: number, tq: number, w: number, i0: number, i1: number): void;
  thinProduct(a: number, m: number, n: number, xt: number, l: number, yt: number, i0: number, i1: number): void;
  thinTransposedProduct(a: number, m: number, n: number, wt: number, l: number, zt: number, c0: number, c1: number): void;
  gemm(m: number, n: number, k: number, a: number, lda: number, b: number, bRow: number, bCol: number, c: number, ldc: number, alpha: number): void;
  applyReflectorBlock(v: number, rows: number, t: number, transpose: number, c: number, ldc: number, rowStart: number, colStart: number, colEnd: number): void;
  rotateRows(a: number, rows: number, stride: number, cols: number, cs: number, sweeps: number, count: number, scratch: number): void;
  /** Shared-memory module only (as/threads.ts): run the calls in the control block's slots on `count` threads. */
  fork?(control: number, count: number): void;
  /** Shared-memory module only: a helper thread's loop. */
  serve?(control: number, index: number, epoch: number): void;
  /** Shared-memory module only: every helper returns from serve. */
  quit?(control: number): void;
}

/**
 * The loaded module and a stack allocator over its memory: callers {@link WasmKernels.push} a
 * frame, work in it, and {@link WasmKernels.pop} it (in a finally), so nested users (a randomized
 * SVD holding its matrix while a small SVD runs) never overlap.
 */
export interface WasmKernels {
  readonly exports: KernelExports;
  /** Reserves `bytes` (rounded up to 64) on top of the stack, growing the memory if needed; returns its byte offset. */
  push(bytes: number): number;
  /** Frees everything from `offset` (a value push returned) upward. */
  pop(offset: number): void;
  /** A Float64Array over `count` f64 at byte offset `ptr`; valid until the next push grows the memory. */
  view(ptr: number, count: number): Float64Array;
  /** The compiled module and its memory, for helper threads when the memory is shared (else null). */
  readonly shared: { readonly module: object; readonly memory: object } | null;
}

/** The subset of the WebAssembly API used here; declared locally because src/ is typed against ES2022 alone. */
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => { buffer: ArrayBuffer; grow(pages: number): number };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}

const PAGE = 65536;
/**
 * The first page is left to the module's own stack and statics; the threads' control block
 * (as/threads.ts: 64 bytes of flags and a 128-byte slot per thread, at most 16 threads) follows.
 */
export const CONTROL_BLOCK = PAGE;
const HEAP_BASE = PAGE + 4096;

let loaded: WasmKernels | null | undefined;
let status = 'not loaded yet';
let enabled = true;
/** What the status says about threads, set by threads.ts. */
let threadText = '1 thread';

/**
 * The kernels, compiled on first use, or null when they are switched off ({@link useWasmKernels})
 * or cannot run here. Never throws: any failure leaves the JavaScript kernels in charge.
 */
export function wasmKernels(): WasmKernels | null {
  if (!enabled) return null;
  if (loaded === undefined) loaded = load();
  return loaded;
}

/**
 * Switches the WebAssembly kernels on (the default) or off, for tests that check both against
 * each other and for benchmarks that show the JavaScript reference. Returns the previous setting.
 */
export function useWasmKernels(on: boolean): boolean {
  const previous = enabled;
  enabled = on;
  return previous;
}

/**
 * Which kernels run and why: 'wasm-simd (1 thread)', 'wasm-simd (4 threads)', 'wasm-simd (1
 * thread: not cross-origin isolated)' when a pool was asked for but cannot run, or 'javascript (reason)'.
 */
export function kernelStatus(): string {
  if (!enabled) return 'javascript (WebAssembly kernels switched off)';
  wasmKernels();
  return status.startsWith('wasm-simd') ? `wasm-simd (${threadText})` : status;
}

/** Sets the threads part of {@link kernelStatus} (threads.ts calls it). */
export function describeThreads(text: string): void {
  threadText = text;
}

/**
 * Reloads the kernels over a shared memory (the module with as/threads.ts), so helper threads can
 * work in the same memory; returns null when done, or why it cannot be (no SharedArrayBuffer, an
 * engine without WebAssembly threads, memory in use by a running computation). On failure the
 * kernels loaded before stay as they were.
 */
export function loadSharedKernels(): string | null {
  if (!enabled) return 'WebAssembly kernels switched off';
  if (loaded?.shared) return null;
  const current = wasmKernels();
  if (current !== null && current.push(0) !== HEAP_BASE) return 'the kernels\' memory is in use';
  if (typeof SharedArrayBuffer !== 'function') return 'no SharedArrayBuffer here';
  const previous = { loaded, status };
  const next = load(true);
  if (next === null) {
    const reason = status.replace(/^javascript \((.*)\)$/, '$1');
    ({ loaded, status } = previous);
    return reason;
  }
  loaded = next;
  return null;
}

function load(shared = false): WasmKernels | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) {
    status = 'javascript (no WebAssembly here)';
    return null;
  }
  try {
    const bytes = decodeBase64(shared ? SHARED_KERNELS_WASM_BASE64 : KERNELS_WASM_BASE64);
    if (!api.validate(bytes)) {
      status = `javascript (this engine lacks WebAssembly SIMD${shared ? ' or threads' : ''})`;
      return null;
    }
    const memory = shared ? new api.Memory({ initial: 3, maximum: SHARED_MAXIMUM_PAGES, shared: true }) : new api.Memory({ initial: 3 });
    const module = new api.Module(bytes);
    const instance = new api.Instance(module, { env: { memory } });
    let top = HEAP_BASE;
    let f64 = new Float64Array(memory.buffer);
    const kernels: WasmKernels = {
      exports: instance.exports as unknown as KernelExports,
      push(bytes: number): number {
        const at = top;
        const end = at + align(bytes);
        if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
        top = end;
        return at;
      },
      pop(offset: number): void {
        top = offset;
      },
      view(ptr: number, count: number): Float64Array {
        if (f64.buffer !== memory.buffer) f64 = new Float64Array(memory.buffer);
        return f64.subarray(ptr / 8, ptr / 8 + count);
      },
      shared: shared ? { module, memory } : null,
    };
    status = 'wasm-simd (1 thread)';
    return kernels;
  } catch (error) {
    status = `javascript (WebAssembly failed to load: ${error instanceof Error ? error.message : String(error)})`;
    return null;
  }
}

function align(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (with '=' padding) to bytes; atob is not part of ES2022. */
export function decodeBase64(text: string): Uint8Array {
  const lookup = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) lookup[ALPHABET.charCodeAt(i)] = i;
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const d = lookup[clean.charCodeAt(i)];
    if (d < 0) throw new RangeError(`Invalid base64 character at ${i}.`);
    value = (value << 6) | d;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}
