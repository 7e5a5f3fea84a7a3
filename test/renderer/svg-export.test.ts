// The value conversions behind the SVG export: what a browser's computed style says, turned into
// SVG 1.1 attribute values. Reading computed styles needs a real browser (Node has no DOM here),
// so the export itself — cloning, inlining, the paper look — is tested end to end in
// test/e2e/svg-export.spec.ts.
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { hex, paint, parseCssColor, rewriteUrlRefs, svgDashArray, svgFontFamily, svgLength } from '../../renderer/components/svg-export.js';

describe('parseCssColor', () => {
  it.each([
    ['rgb(242, 142, 43)', { r: 242, g: 142, b: 43, a: 1 }],
    ['rgba(0, 0, 0, 0.25)', { r: 0, g: 0, b: 0, a: 0.25 }],
    ['rgb(10 20 30 / 50%)', { r: 10, g: 20, b: 30, a: 0.5 }],
    // What Chromium computes color-mix(in srgb, …) to.
    ['color(srgb 1 0.5 0 / 0.5)', { r: 255, g: 128, b: 0, a: 0.5 }],
    ['color(srgb 0.0863 0.102 0.133)', { r: 22, g: 26, b: 34, a: 1 }],
    ['#abc', { r: 0xaa, g: 0xbb, b: 0xcc, a: 1 }],
    ['#aabbcc80', { r: 0xaa, g: 0xbb, b: 0xcc, a: 0x80 / 255 }],
    ['#1D2130', { r: 0x1d, g: 0x21, b: 0x30, a: 1 }],
    ['transparent', { r: 0, g: 0, b: 0, a: 0 }],
    ['rgb(300, -4, 12)', { r: 255, g: 0, b: 12, a: 1 }],
  ])('%s', (css, expected) => {
    const color = parseCssColor(css)!;
    expect(color.r).toBe(expected.r);
    expect(color.g).toBe(expected.g);
    expect(color.b).toBe(expected.b);
    // Alpha to 3 decimals: 0x80/255 is not a short decimal.
    expect(color.a).toBeCloseTo(expected.a, 3);
  });

  it.each(['red', 'var(--text)', 'color(display-p3 1 0 0)', 'rgb(a, b, c)', '#abcde', ''])('gives undefined for %j', (css) => {
    expect(parseCssColor(css)).toBeUndefined();
  });

  fcTest.prop([fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })])('rgb() of any bytes comes back as the same #rrggbb', (r, g, b) => {
    const expected = `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    expect(hex(parseCssColor(`rgb(${r}, ${g}, ${b})`)!)).toBe(expected);
    expect(hex(parseCssColor(expected)!)).toBe(expected);
  });
});

describe('paint', () => {
  it.each([
    ['none', 'none', 1],
    ['rgb(242, 142, 43)', '#f28e2b', 1],
    // SVG 1.1 has no rgba(): the alpha goes to fill-opacity / stroke-opacity.
    ['rgba(232, 234, 240, 0.1)', '#e8eaf0', 0.1],
    ['rgba(0, 0, 0, 0)', 'none', 1],
    ['url("#hatch")', 'url(#hatch)', 1],
    // Chromium may compute a reference against the document's address; only the fragment is kept.
    ['url("http://127.0.0.1:4173/#/attention#grad-Q")', 'url(#grad-Q)', 1],
    ['url("#grad") rgb(255, 0, 0)', 'url(#grad) #ff0000', 1],
  ])('%s → %s (alpha %d)', (css, value, alpha) => {
    expect(paint(css)).toEqual({ value, alpha });
  });

  it('replaces currentColor by the colour it stands for', () => {
    expect(paint('currentcolor', 'rgb(29, 33, 48)')).toEqual({ value: '#1d2130', alpha: 1 });
    expect(paint('currentColor', 'rgb(29, 33, 48)').value).not.toMatch(/currentcolor/i);
  });

  fcTest.prop([fc.integer({ min: 1, max: 1000 })])('the alpha of rgba() comes back within rounding', (k) => {
    const a = k / 1000;
    const result = paint(`rgba(10, 20, 30, ${a})`);
    expect(result.value).toBe('#0a141e');
    expect(Math.abs(result.alpha - a)).toBeLessThanOrEqual(5e-4);
  });
});

describe('lengths and dashes', () => {
  it.each([
    ['1.5px', '1.5'],
    ['0px', '0'],
    ['11.5px', '11.5'],
    ['10.6667px', '10.667'],
    ['50%', '50%'],
    ['1em', '1em'],
  ])('svgLength(%s) = %s', (css, svg) => expect(svgLength(css)).toBe(svg));

  it.each([
    ['none', 'none'],
    ['4px, 3px', '4,3'],
    ['2px 3px', '2,3'],
    ['5px, 3px, 1px', '5,3,1'],
  ])('svgDashArray(%s) = %s', (css, svg) => expect(svgDashArray(css)).toBe(svg));
});

describe('svgFontFamily', () => {
  it.each([
    ['ui-monospace, SFMono-Regular, "DejaVu Sans Mono", "Liberation Mono", monospace', "ui-monospace, SFMono-Regular, 'DejaVu Sans Mono', 'Liberation Mono', monospace"],
    ['system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif', "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif"],
    // Without a generic family other programs would fall back to whatever they like: one is added.
    ['"DejaVu Sans"', "'DejaVu Sans', sans-serif"],
    ['"DejaVu Sans Mono"', "'DejaVu Sans Mono', monospace"],
    ['system-ui', 'system-ui, sans-serif'],
  ])('%s', (css, svg) => {
    expect(svgFontFamily(css)).toBe(svg);
    expect(svgFontFamily(css)).not.toContain('"');
  });
});

describe('rewriteUrlRefs', () => {
  it('renames every url(#id), quoted or not, and leaves the rest', () => {
    expect(rewriteUrlRefs('url(#hatch)', (id) => `p2-${id}`)).toBe('url(#p2-hatch)');
    expect(rewriteUrlRefs('url("#grad-Q") none', (id) => `p1-${id}`)).toBe('url(#p1-grad-Q) none');
    expect(rewriteUrlRefs('translate(3, 4)', () => 'x')).toBe('translate(3, 4)');
  });
});
