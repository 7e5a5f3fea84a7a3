const smoothstep = (u: number) => u * u * (3 - 2 * u);

/** Eases each stage of an animation in and out: time k + u shows k + smoothstep(u). */
export function easedTime(t: number): number {
  const k = Math.floor(t);
  return k + smoothstep(t - k);
}
