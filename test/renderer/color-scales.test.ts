import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { darkTextOn, divergingCss, divergingRgb, fillPixels, maxAbs, scaleStops, viridisCss, viridisRgb } from '../../renderer/components/color-scales.js';
import { logAxis, logAxisOf, powerOfTen } from '../../renderer/components/log-ticks.js';

// Independent reference: the published ColorBrewer RdBu 11-class colours, which d3 joins by a
// uniform cubic B-spline: its ends are the end classes and its middle is (P₄ + 4P₅ + P₆)/6 of
// #fddbc7, #f7f7f7, #d1e5f0; and the matplotlib viridis ends (#440154, #fde725).
const RDBU_BLUE = [5, 48, 97];
const RDBU_RED = [103, 0, 31];
const RDBU_CENTRE = [0, 1, 2].map((c) => Math.round(([253, 219, 199][c]! + 4 * 247 + [209, 229, 240][c]!) / 6));

describe('color-scales', () => {
  it('puts −limit on RdBu’s blue end, 0 on its white centre and +limit on its red end', () => {
    expect(divergingRgb(-3, 3)).toEqual(RDBU_BLUE);
    expect(divergingRgb(0, 3)).toEqual(RDBU_CENTRE);
    expect(divergingRgb(3, 3)).toEqual(RDBU_RED);
    expect(divergingCss(3, 3)).toBe('rgb(103, 0, 31)');
  });

  it('clamps beyond ±limit and reads a bad value or limit as the centre', () => {
    expect(divergingRgb(-1e9, 1)).toEqual(RDBU_BLUE);
    expect(divergingRgb(1e9, 1)).toEqual(RDBU_RED);
    for (const [v, l] of [[NaN, 1], [Infinity, 1], [1, 0], [1, -2], [1, NaN]] as const) expect(divergingRgb(v, l)).toEqual(RDBU_CENTRE);
  });

  it('depends only on value/limit, and a negative value is bluer than red', () => {
    fc.assert(fc.property(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (t, limit) => {
      expect(divergingRgb(t * limit, limit)).toEqual(divergingRgb(t, 1));
      const [r, , b] = divergingRgb(t, 1);
      if (t < -0.05) expect(b).toBeGreaterThan(r);
      if (t > 0.05) expect(r).toBeGreaterThan(b);
    }));
  });

  it('runs viridis from #440154 at 0 to #fde725 at 1, clamped', () => {
    expect(viridisRgb(0)).toEqual([68, 1, 84]);
    expect(viridisRgb(1)).toEqual([253, 231, 37]);
    expect(viridisRgb(-5)).toEqual([68, 1, 84]);
    expect(viridisRgb(NaN)).toEqual([68, 1, 84]);
    expect(viridisCss(7)).toBe('rgb(253, 231, 37)');
  });

  it('gives legend stops from the low end to the high end', () => {
    const d = scaleStops('diverging', 5);
    expect(d).toHaveLength(5);
    expect([d[0], d[2], d[4]]).toEqual(['rgb(5, 48, 97)', `rgb(${RDBU_CENTRE.join(', ')})`, 'rgb(103, 0, 31)']);
    const s = scaleStops('sequential', 3);
    expect([s[0], s[2]]).toEqual(['rgb(68, 1, 84)', 'rgb(253, 231, 37)']);
  });

  it('picks dark text on the pale centre and white text on the dark ends', () => {
    expect(darkTextOn(0, 1)).toBe(true);
    expect(darkTextOn(1, 1)).toBe(false);
    expect(darkTextOn(-1, 1)).toBe(false);
  });

  it('fills one opaque pixel per entry, row by row', () => {
    const pixels = new Uint8ClampedArray(2 * 3 * 4);
    fillPixels([[-2, 0, 2], [0, 2, -2]], 2, pixels);
    expect([...pixels.slice(0, 4)]).toEqual([...RDBU_BLUE, 255]);
    expect([...pixels.slice(8, 12)]).toEqual([...RDBU_RED, 255]);
    expect([...pixels.slice(20, 24)]).toEqual([...RDBU_BLUE, 255]);
  });

  it('finds the largest |entry| over several matrices', () => {
    expect(maxAbs([[1, -7]], [[3], [6.5]])).toBe(7);
    expect(maxAbs([], [[]])).toBe(0);
  });
});

describe('log-ticks', () => {
  it('writes powers of ten plainly near 1 and with superscripts beyond', () => {
    expect([-2, 0, 3].map(powerOfTen)).toEqual(['0.01', '1', '1000']);
    expect(powerOfTen(-15)).toBe('10⁻¹⁵');
    expect(powerOfTen(20)).toBe('10²⁰');
  });

  it('ticks every power of ten in range, thinned to about six', () => {
    expect(logAxis(0.005, 200).ticks).toEqual([0.01, 0.1, 1, 10, 100]);
    const wide = logAxis(1e-40, 1e40).ticks!;
    expect(wide.length).toBeLessThanOrEqual(7);
    expect(wide.at(-1)).toBe(1e40);
    expect(logAxis(0, 5).tickFormat(0.123456)).toBe('0.12');
  });

  it('gives a log axis narrower than a decade round, labelled, distinct ticks inside it', () => {
    expect(logAxis(2, 5).ticks).toEqual([2, 3, 4, 5]);
    const sigma = logAxis(1.21, 1.35);
    expect(sigma.ticks).toEqual([1.25, 1.3, 1.35]);
    expect(sigma.ticks!.map(sigma.tickFormat)).toEqual(['1.25', '1.3', '1.35']);
    expect(logAxis(1.1, 15).ticks).toEqual([2, 5, 10]);
    expect(logAxis(0.0118, 0.69).ticks).toEqual([0.02, 0.05, 0.1, 0.2, 0.5]);
    for (const [min, max] of [[0.6931, 0.6934], [3.1e-7, 8.9e-7], [12.5, 97], [0.05, 0.099], [1.5, 30]] as const) {
      const axis = logAxis(min, max);
      expect(axis.ticks!.length).toBeGreaterThanOrEqual(2);
      for (const t of axis.ticks!) expect(t >= min && t <= max).toBe(true);
      const labels = axis.ticks!.map(axis.tickFormat);
      expect(new Set(labels).size).toBe(labels.length);
    }
    expect(logAxis(0.7, 0.7).ticks).toEqual([0.7]);
    expect(logAxisOf([0, NaN, 1.3, -2, 1.21, Infinity, 1.35]).ticks).toEqual([1.25, 1.3, 1.35]);
  });
});
