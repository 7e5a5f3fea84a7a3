/**
 * What a browser's computed style says, as SVG 1.1 attribute values: colours as #rrggbb with their
 * alpha apart (SVG 1.1 has no rgba()), lengths in user units, font lists ending in a generic
 * family. Pure functions, for the SVG export (svg-export.ts).
 */

export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;
}

/**
 * Parses the colour forms a browser's computed style returns: `rgb()`/`rgba()` (comma or space
 * syntax), `color(srgb r g b / a)` (what color-mix computes to), `#rgb[a]`/`#rrggbb[aa]` and
 * `transparent`. Anything else (a named colour, another colour space) gives undefined.
 */
export function parseCssColor(value: string): Rgba | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const hexMatch = /^#([0-9a-f]{3,8})$/.exec(v);
  if (hexMatch) {
    const h = hexMatch[1]!;
    if (h.length === 3 || h.length === 4) {
      const [r, g, b, a = 'ff'] = h.split('').map((c) => c + c);
      return { r: parseInt(r!, 16), g: parseInt(g!, 16), b: parseInt(b!, 16), a: parseInt(a, 16) / 255 };
    }
    if (h.length === 6 || h.length === 8) {
      return { r: parseInt(h.slice(0, 2), 16), g: parseInt(h.slice(2, 4), 16), b: parseInt(h.slice(4, 6), 16), a: h.length === 8 ? parseInt(h.slice(6, 8), 16) / 255 : 1 };
    }
    return undefined;
  }
  const fn = /^(rgba?|color)\((.*)\)$/.exec(v);
  if (!fn) return undefined;
  const [body, alphaPart] = fn[2]!.split('/');
  const items = body!.split(/[\s,]+/).filter(Boolean);
  const alphaText = alphaPart?.trim() ?? (fn[1] !== 'color' ? items[3] : undefined);
  const alpha = alphaText === undefined ? 1 : alphaText.endsWith('%') ? Number(alphaText.slice(0, -1)) / 100 : Number(alphaText);
  if (fn[1] === 'color') {
    if (items[0] !== 'srgb' || items.length < 4) return undefined;
    const [r, g, b] = items.slice(1, 4).map((c) => (c.endsWith('%') ? Number(c.slice(0, -1)) / 100 : Number(c)) * 255);
    return finite({ r: r!, g: g!, b: b!, a: alpha });
  }
  const [r, g, b] = items.slice(0, 3).map((c) => (c.endsWith('%') ? (Number(c.slice(0, -1)) / 100) * 255 : Number(c)));
  return finite({ r: r!, g: g!, b: b!, a: alpha });
}

function finite(c: Rgba): Rgba | undefined {
  return [c.r, c.g, c.b, c.a].every(Number.isFinite) ? { r: clamp255(c.r), g: clamp255(c.g), b: clamp255(c.b), a: Math.min(1, Math.max(0, c.a)) } : undefined;
}

const clamp255 = (v: number) => Math.min(255, Math.max(0, Math.round(v)));

/** `#rrggbb`, the colour form every SVG 1.1 reader takes. */
export function hex(color: Rgba): string {
  return `#${[color.r, color.g, color.b].map((v) => clamp255(v).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A computed fill or stroke as an SVG 1.1 paint and the alpha it carried (which goes into
 * fill-opacity / stroke-opacity: SVG 1.1 has no rgba()). `url(…)` keeps only its fragment;
 * currentColor becomes `color`, the computed colour it stands for.
 */
export function paint(value: string, currentColor = '#000000'): { value: string; alpha: number } {
  const v = value.trim();
  if (v === '' || v === 'none') return { value: 'none', alpha: 1 };
  const url = /^url\(\s*["']?[^"')]*?(#[^"'#)]+)["']?\s*\)(.*)$/.exec(v);
  if (url) return { value: `url(${url[1]})${url[2]?.trim() ? ` ${paint(url[2].trim(), currentColor).value}` : ''}`, alpha: 1 };
  const color = parseCssColor(v.toLowerCase() === 'currentcolor' ? currentColor : v);
  if (!color) return { value: v, alpha: 1 };
  if (color.a === 0) return { value: 'none', alpha: 1 };
  return { value: hex(color), alpha: round(color.a) };
}

/** A computed length (`1.5px`) as SVG user units (`1.5`); other units are kept. */
export function svgLength(value: string): string {
  const v = value.trim();
  const px = /^(-?[\d.]+(?:e-?\d+)?)px$/i.exec(v);
  return px ? String(round(Number(px[1]))) : v;
}

/** A computed stroke-dasharray (`4px, 3px`) as SVG (`4,3`). */
export function svgDashArray(value: string): string {
  const v = value.trim();
  if (v === '' || v === 'none') return 'none';
  return v.split(/[\s,]+/).filter(Boolean).map(svgLength).join(',');
}

const GENERIC_FONTS = ['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy'];

/** A computed font-family in single quotes (readable in an attribute), ending in a generic family other programs know. */
export function svgFontFamily(value: string): string {
  const families = value.split(',').map((f) => f.trim().replace(/^["']|["']$/g, '')).filter(Boolean);
  const generic = families.find((f) => GENERIC_FONTS.includes(f.toLowerCase()));
  const monospace = families.some((f) => /mono|courier|consol/i.test(f));
  const list = families.map((f) => (/^[\w-]+$/.test(f) ? f : `'${f}'`));
  if (!generic) list.push(monospace ? 'monospace' : 'sans-serif');
  return list.join(', ');
}

/** Rewrites the ids in every `url(#id)` of an attribute value. */
export function rewriteUrlRefs(value: string, rename: (id: string) => string): string {
  return value.replace(/url\(\s*["']?#([^"')]+)["']?\s*\)/g, (_, id: string) => `url(#${rename(id)})`);
}

/** Three decimals: enough for SVG coordinates and opacities, short in the file. */
export function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
