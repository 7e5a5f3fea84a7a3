/**
 * The Attention lab's categorical colours (DESIGN.md): tokens and heads in Okabe–Ito colours.
 * Orange and vermillion are left out of the token set: orange means "output" in every lab. Its
 * heatmaps use the shared scales of renderer/components/color-scales.ts.
 */

/** Okabe–Ito without orange/vermillion (reserved for outputs); black becomes grey so both themes show it. */
export const TOKEN_COLORS = ['#56b4e9', '#009e73', '#cc79a7', '#f0e442', '#0072b2', '#999999'] as const;
/** Okabe–Ito for heads. */
export const HEAD_COLORS = ['#56b4e9', '#009e73', '#cc79a7', '#e69f00'] as const;

export function tokenColor(i: number): string {
  return TOKEN_COLORS[i % TOKEN_COLORS.length]!;
}
