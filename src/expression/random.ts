/**
 * Deterministic random matrices for typed expressions: `random(m, n)` (uniform in [0, 1)) and
 * `randn(m, n)` (standard normal). Hinge implements them itself rather than calling mathjs's
 * `random`, which draws from Math.random (or a seed shared by the whole mathjs instance) and reads
 * `random(a, b)` as one number between a and b; mathjs has no `randn` at all. Here every parse gets
 * its own generator from `options.seed ?? 1`, so the same text with the same seed always gives
 * the same matrix — a project file that stores `randn(256, 256)` reopens with the same weights,
 * and undo/redo never changes them.
 */

/** One parse call's stream of random numbers: uniform and normal draws share it, in call order. */
export interface RandomSource {
  /** Uniform in [0, 1), with 53 random bits. */
  uniform(): number;
  /** Standard normal (mean 0, variance 1). */
  normal(): number;
}

const TWO_POW_53 = 9007199254740992;

/**
 * xoshiro128** (Blackman & Vigna), 2¹²⁸ − 1 period, its state filled from the seed (taken
 * modulo 2³²) by a Weyl counter hashed with MurmurHash3's finalizer, so nearby seeds give unrelated
 * streams. A uniform double takes the top 53 bits of two 32-bit outputs,
 * k/2⁵³ with k uniform in [0, 2⁵³): never 1. A normal pair comes from Box–Muller on two uniforms,
 * √(−2 ln(1 − u₁))·(cos 2πu₂, sin 2πu₂) — 1 − u₁ ∈ (0, 1], so the log is always finite; the
 * second value of each pair is kept for the next call.
 */
export function randomSource(seed: number): RandomSource {
  let mix = seed >>> 0;
  const hashNext = (): number => {
    mix = (mix + 0x9e3779b9) >>> 0;
    let z = mix;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = hashNext();
  let b = hashNext();
  let c = hashNext();
  let d = hashNext();
  if ((a | b | c | d) === 0) a = 1; // the one state xoshiro cannot leave
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  let spare: number | undefined;
  const uniform = (): number => ((next() >>> 5) * 67108864 + (next() >>> 6)) / TWO_POW_53;
  return {
    uniform,
    normal(): number {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
      const angle = 2 * Math.PI * uniform();
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Nested arrays of the given dimensions filled by `draw` in row-major order: [] dims give one
 * number, [n] a list, [m, n] rows. The caller has already checked the entry count.
 */
export function randomArray(dims: readonly number[], draw: () => number): number | unknown[] {
  if (dims.length === 0) return draw();
  const fill = (level: number): unknown[] => {
    const size = dims[level];
    const out = new Array<unknown>(size);
    if (level === dims.length - 1) for (let i = 0; i < size; i++) out[i] = draw();
    else for (let i = 0; i < size; i++) out[i] = fill(level + 1);
    return out;
  };
  return fill(0);
}
