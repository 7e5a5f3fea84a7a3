import type { Host, SaveFileResult } from '../host/host.js';
import { captionRuns, compose, katexText, svgElement, type InlinedPart, type SvgFigure } from './svg-figure.js';
import { hex, paint, parseCssColor, rewriteUrlRefs, round, svgDashArray, svgFontFamily, svgLength } from './svg-values.js';

export type { InlinedPart, SvgFigure, SvgKeyEntry } from './svg-figure.js';
export { hex, paint, parseCssColor, rewriteUrlRefs, svgDashArray, svgFontFamily, svgLength, type Rgba } from './svg-values.js';

/**
 * SVG export of Hinge's 2D charts. The charts on screen are SVG already, but they take their
 * colours and fonts from CSS in shadow roots and from the theme's variables (var(--text) …), so
 * their markup alone renders black on nothing anywhere else. The export clones a chart and writes
 * on every element of the clone the presentation attributes the browser computed for it, in
 * plain SVG 1.1: no CSS, no variables, no currentColor, no foreignObject.
 *
 * 'paper' is the light palette on white, whatever the theme: for the time it takes to read the
 * computed styles, the light theme's variable values are set on the chart's own element, so the
 * chart's real CSS is resolved with them (the rest of the page is untouched), then removed again.
 */

export type SvgLook = 'theme' | 'paper';

export interface SvgExportOptions {
  readonly look: SvgLook;
  /** The file's <title>; by default the chart's aria-label or caption. */
  readonly title?: string;
  /** Paint the look's background behind the chart (default true); false leaves it transparent. */
  readonly background?: boolean;
  /** Elements that are interaction, not data (hover cursors, focus rings, tooltips); see OMIT. */
  readonly omit?: string;
}

/** Hover cursors, focus rings and Plot's pointer tips: drawn for the pointer, not part of the data. */
export const OMIT = '.cursor, .focus-ring, [data-svg-omit], g[aria-label="tip"]';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const PAPER_BACKGROUND = '#ffffff';

/** Saves SVG text as a file through the host (a save dialog, or a download). */
export function saveSvgFile(host: Host, text: string, name: string): Promise<SaveFileResult> {
  return host.saveFile(new TextEncoder().encode(text), name);
}

/** One chart <svg> as a standalone SVG 1.1 file (see the module comment). */
export function serializeSvg(svg: SVGSVGElement, options: SvgExportOptions): string {
  return serializeSvgFigure({ parts: [svg] }, options);
}

/** Several SVG parts with a caption, a key and notes as one standalone SVG 1.1 file. */
export function serializeSvgFigure(figure: SvgFigure, options: SvgExportOptions): string {
  const first = figure.parts[0];
  if (!first) throw new Error('There is no chart to export yet.');
  const caption = [figure.caption ? captionRuns(figure.caption).map((r) => r.text).join('') : '', figure.subtitle ?? ''].filter(Boolean).join(' ');
  const title = options.title ?? (caption || first.getAttribute('aria-label') || 'Hinge chart');
  const root = inLook(first, options.look, () => {
    const parts = figure.parts.map((svg, k) => inlinedClone(svg, options.omit ?? OMIT, figure.parts.length > 1 ? `p${k + 1}-` : ''));
    const simple = parts.length === 1 && !figure.caption && !figure.subtitle && !figure.key?.length && !figure.notes?.length;
    const svg = simple ? parts[0]!.element : compose(first, figure, parts);
    const background = options.look === 'paper' ? PAPER_BACKGROUND : backdropOf(first);
    if (options.background !== false) svg.insertBefore(backgroundRect(svg, background), svg.firstChild);
    return svg;
  });
  const titleElement = document.createElementNS(SVG_NS, 'title');
  titleElement.textContent = title;
  root.insertBefore(titleElement, root.firstChild);
  root.setAttribute('version', '1.1');
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${new XMLSerializer().serializeToString(root)}\n`;
}

// ---- the look --------------------------------------------------------------------------------

/** Runs `read` with the chart resolved in `look`: for paper, the light palette on the chart's host. */
function inLook<T>(svg: SVGSVGElement, look: SvgLook, read: () => T): T {
  if (look === 'theme') return read();
  const root = svg.getRootNode();
  const host = root instanceof ShadowRoot ? (root.host as HTMLElement) : svg.parentElement;
  if (!host) return read();
  const saved = new Map<string, [string, string]>();
  const set = (name: string, value: string) => {
    saved.set(name, [host.style.getPropertyValue(name), host.style.getPropertyPriority(name)]);
    host.style.setProperty(name, value, 'important');
  };
  const palette = lightPalette();
  const inheritsText = getComputedStyle(host).color === getComputedStyle(document.documentElement).color;
  for (const [name, value] of palette) set(name, value);
  // Colour inherited from the page (currentColor) follows the palette's text too.
  if (inheritsText && palette.has('--text')) set('color', palette.get('--text')!);
  try {
    return read();
  } finally {
    for (const [name, [value, priority]] of saved) {
      if (value) host.style.setProperty(name, value, priority);
      else host.style.removeProperty(name);
    }
    if (!host.getAttribute('style')) host.removeAttribute('style');
  }
}

let lightCache: Map<string, string> | undefined;

/** The light theme's custom properties (styles.css: `:root` overridden by `html[data-theme='light']`). */
function lightPalette(): Map<string, string> {
  if (lightCache) return lightCache;
  const palette = new Map<string, string>();
  const rootRules: CSSStyleRule[] = [];
  const lightRules: CSSStyleRule[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue;
    }
    for (const rule of Array.from(rules)) {
      if (!(rule instanceof CSSStyleRule)) continue;
      if (/data-theme\s*=\s*["']?light/.test(rule.selectorText)) lightRules.push(rule);
      else if (rule.selectorText === ':root') rootRules.push(rule);
    }
  }
  if (!lightRules.length) throw new Error('The light palette is missing from the page, so the paper look cannot be drawn.');
  for (const rule of [...rootRules, ...lightRules]) {
    for (const name of Array.from(rule.style)) if (name.startsWith('--')) palette.set(name, rule.style.getPropertyValue(name).trim());
  }
  lightCache = palette;
  return palette;
}

/** The colour the chart sits on: the first opaque background above it, across shadow roots. */
function backdropOf(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const color = parseCssColor(getComputedStyle(node).backgroundColor);
    if (color && color.a > 0.99) return hex(color);
    const parent: Element | null = node.parentElement;
    const root = node.getRootNode();
    node = parent ?? (root instanceof ShadowRoot ? root.host : null);
  }
  return hex(parseCssColor(getComputedStyle(document.body).backgroundColor) ?? { r: 255, g: 255, b: 255, a: 1 });
}

function backgroundRect(svg: SVGSVGElement, fill: string): SVGRectElement {
  const [x, y, width, height] = (svg.getAttribute('viewBox') ?? '0 0 0 0').split(/[\s,]+/).map(Number);
  return svgElement('rect', { x: x!, y: y!, width: width!, height: height!, fill, 'fill-opacity': 1, stroke: 'none', opacity: 1 });
}

// ---- inlining --------------------------------------------------------------------------------

/** Properties SVG inherits, with the value a standalone file starts from. */
const INHERITED: readonly (readonly [string, string])[] = [
  ['fill', '#000000'], ['fill-opacity', '1'], ['stroke', 'none'], ['stroke-opacity', '1'], ['stroke-width', '1'],
  ['stroke-dasharray', 'none'], ['stroke-dashoffset', '0'], ['stroke-linecap', 'butt'], ['stroke-linejoin', 'miter'],
  ['font-family', ''], ['font-size', ''], ['font-weight', '400'], ['font-style', 'normal'], ['text-anchor', 'start'], ['visibility', 'visible'],
];
/** Attributes that are interaction or CSS only, or that the inlined values replace. */
const DROPPED = /^(style|tabindex|font-variant|role|focusable|cursor|pointer-events|paint-order|data-.*|aria-.*|on.*|opacity|display|dominant-baseline|stop-color|stop-opacity|color)$/;

type Values = Map<string, string>;

function inlinedClone(svg: SVGSVGElement, omit: string, idPrefix: string): InlinedPart {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const removed: Element[] = [];
  const haloTexts: Element[] = [];
  const walk = (src: Element, dst: Element, parent: Values | undefined) => {
    if ((parent && src.matches(omit)) || src.localName === 'style' || src.localName === 'script') {
      removed.push(dst);
      return;
    }
    if (src.localName === 'foreignObject') {
      dst.replaceWith(plainText(src));
      return;
    }
    const style = getComputedStyle(src);
    const values = computedValues(style);
    for (const name of Array.from(dst.attributes).map((a) => a.name)) {
      if (DROPPED.test(name) || INHERITED.some(([p]) => p === name)) dst.removeAttribute(name);
    }
    for (const [name] of INHERITED) {
      const value = values.get(name)!;
      if (!parent || parent.get(name) !== value) dst.setAttribute(name, value);
    }
    if (style.opacity !== '1') dst.setAttribute('opacity', style.opacity);
    if (style.display === 'none') dst.setAttribute('display', 'none');
    if (style.dominantBaseline && style.dominantBaseline !== 'auto') dst.setAttribute('dominant-baseline', style.dominantBaseline);
    if (src.localName === 'stop') {
      const stop = paint(style.stopColor);
      dst.setAttribute('stop-color', stop.value);
      dst.setAttribute('stop-opacity', String(round(Number(style.stopOpacity || 1) * stop.alpha)));
    }
    // A big heatmap is one image of a pixel per entry: it must stay sharp when scaled up.
    if (src.localName === 'image' && /pixelated|crisp-edges|optimizespeed/i.test(style.imageRendering)) {
      dst.setAttribute('image-rendering', 'optimizeSpeed');
      dst.setAttribute('style', 'image-rendering:pixelated');
    }
    if (src.localName === 'text' && style.paintOrder.startsWith('stroke') && values.get('stroke') !== 'none' && Number(values.get('stroke-width')) > 0) haloTexts.push(dst);
    const sources = Array.from(src.children);
    const targets = Array.from(dst.children);
    sources.forEach((child, i) => walk(child, targets[i]!, values));
  };
  walk(svg, clone, undefined);
  for (const element of removed) element.remove();
  for (const text of haloTexts) splitHalo(text);
  removeComments(clone);
  prefixIds(clone, idPrefix);
  const box = viewBoxOf(svg);
  clone.setAttribute('viewBox', box.map(round).join(' '));
  clone.setAttribute('width', String(round(box[2])));
  clone.setAttribute('height', String(round(box[3])));
  clone.removeAttribute('x');
  clone.removeAttribute('y');
  return { element: clone, width: box[2], height: box[3] };
}

/** The computed values of the inherited properties, in SVG 1.1 syntax; colours' alpha folded into the opacities. */
function computedValues(style: CSSStyleDeclaration): Values {
  const color = style.color;
  const fill = paint(style.fill, color);
  const stroke = paint(style.stroke, color);
  return new Map([
    ['fill', fill.value],
    ['fill-opacity', String(round(Number(style.fillOpacity || 1) * fill.alpha))],
    ['stroke', stroke.value],
    ['stroke-opacity', String(round(Number(style.strokeOpacity || 1) * stroke.alpha))],
    ['stroke-width', svgLength(style.strokeWidth)],
    ['stroke-dasharray', svgDashArray(style.strokeDasharray)],
    ['stroke-dashoffset', svgLength(style.strokeDashoffset)],
    ['stroke-linecap', style.strokeLinecap],
    ['stroke-linejoin', style.strokeLinejoin === 'miter-clip' || style.strokeLinejoin === 'arcs' ? 'miter' : style.strokeLinejoin],
    ['font-family', svgFontFamily(style.fontFamily)],
    ['font-size', svgLength(style.fontSize)],
    ['font-weight', style.fontWeight],
    ['font-style', style.fontStyle],
    ['text-anchor', style.textAnchor],
    ['visibility', style.visibility],
  ]);
}

/**
 * A text drawn with its stroke under the fill (`paint-order: stroke`, a halo that keeps labels
 * readable over lines) is SVG 2; in SVG 1.1 it becomes two texts, the stroke one first.
 */
function splitHalo(text: Element): void {
  const halo = text.cloneNode(true) as Element;
  halo.setAttribute('fill', 'none');
  for (const [name] of INHERITED.filter(([p]) => p.startsWith('stroke'))) {
    const value = effectiveValue(text, name);
    if (value !== null) halo.setAttribute(name, value);
  }
  halo.removeAttribute('id');
  text.setAttribute('stroke', 'none');
  text.before(halo);
}

function effectiveValue(element: Element, name: string): string | null {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const value = node.getAttribute(name);
    if (value !== null) return value;
  }
  return null;
}

/** KaTeX and other HTML cannot go into SVG 1.1: its text, as plain SVG text where it stood. */
function plainText(foreign: Element): SVGTextElement {
  const x = Number(foreign.getAttribute('x') ?? 0);
  const y = Number(foreign.getAttribute('y') ?? 0);
  const height = Number(foreign.getAttribute('height') ?? 0);
  const style = getComputedStyle(foreign.firstElementChild ?? foreign);
  const fill = paint(style.color);
  const text = svgElement('text', {
    x, y: y + height / 2, 'dominant-baseline': 'central', fill: fill.value, 'fill-opacity': fill.alpha,
    'font-family': svgFontFamily(style.fontFamily), 'font-size': svgLength(style.fontSize),
  });
  text.textContent = katexText(foreign);
  return text;
}

function removeComments(root: Node): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.parentNode?.removeChild(c));
}

/** Makes ids unique within the file (several parts may each have a `#hatch`) and uses xlink:href, as SVG 1.1 does. */
function prefixIds(root: Element, prefix: string): void {
  const elements = [root, ...Array.from(root.querySelectorAll('*'))];
  const ids = new Set(elements.map((e) => e.id).filter(Boolean));
  for (const element of elements) {
    if (element.id && prefix) element.id = prefix + element.id;
    for (const attribute of Array.from(element.attributes)) {
      if (attribute.name === 'href' || attribute.name === 'xlink:href') {
        const value = ids.has(attribute.value.slice(1)) && attribute.value.startsWith('#') ? `#${prefix}${attribute.value.slice(1)}` : attribute.value;
        element.removeAttribute(attribute.name);
        element.setAttributeNS(XLINK_NS, 'xlink:href', value);
      } else if (attribute.value.includes('url(')) {
        element.setAttribute(attribute.name, rewriteUrlRefs(attribute.value, (id) => (ids.has(id) ? prefix + id : id)));
      }
    }
  }
}

/** The part's box in its own units: its viewBox (or width × height), grown to take in anything drawn outside it. */
function viewBoxOf(svg: SVGSVGElement): [number, number, number, number] {
  const vb = svg.viewBox.baseVal;
  let box: [number, number, number, number];
  if (vb && vb.width > 0 && vb.height > 0) box = [vb.x, vb.y, vb.width, vb.height];
  else {
    const rect = svg.getBoundingClientRect();
    const width = svg.width.baseVal.unitType === SVGLength.SVG_LENGTHTYPE_PERCENTAGE ? rect.width : svg.width.baseVal.value || rect.width;
    const height = svg.height.baseVal.unitType === SVGLength.SVG_LENGTHTYPE_PERCENTAGE ? rect.height : svg.height.baseVal.value || rect.height;
    box = [0, 0, width, height];
  }
  let content: DOMRect | undefined;
  try {
    content = svg.getBBox();
  } catch {
    content = undefined;
  }
  // More than a unit outside: charts with `overflow: visible` draw there, and a file would clip it.
  if (content && content.width > 0 && content.height > 0) {
    const [x, y, w, h] = box;
    const x0 = content.x < x - 1 ? Math.floor(content.x) - 1 : x;
    const y0 = content.y < y - 1 ? Math.floor(content.y) - 1 : y;
    const x1 = content.x + content.width > x + w + 1 ? Math.ceil(content.x + content.width) + 1 : x + w;
    const y1 = content.y + content.height > y + h + 1 ? Math.ceil(content.y + content.height) + 1 : y + h;
    box = [x0, y0, x1 - x0, y1 - y0];
  }
  return box;
}
