/**
 * mulberry32 (Tommy Ettinger): a tiny 32-bit generator with a full 2³² period. Returns a function
 * drawing uniform numbers in [0, 1); the same seed (taken as an unsigned 32-bit integer) always
 * gives the same sequence, which is what seeded examples and initialisations need.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
