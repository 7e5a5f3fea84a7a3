import { paint, round, svgFontFamily } from './svg-values.js';

/**
 * Lays out an SVG figure: a caption (with sub- and superscripts) and subtitle, a key of coloured
 * marks, the chart's parts stacked, and notes, all as SVG text in the colours of the chart's
 * context. For charts whose caption and key are HTML beside the SVG on screen.
 */

/** One entry of a key drawn in the file, for charts whose key is HTML beside the SVG. */
export interface SvgKeyEntry {
  readonly label: string;
  /** Any CSS colour, var(--…) included: resolved in the chart's context and look. */
  readonly color: string;
  readonly mark: 'line' | 'dash' | 'dot' | 'ring' | 'cross';
}

/** A chart as one file: its SVG parts stacked, with a caption, a key and notes drawn as SVG text. */
export interface SvgFigure {
  /** Plain text, or an element whose text is copied (<sub>/<sup> kept, KaTeX as plain text, <small> left out). */
  readonly caption?: string | Element;
  /** Words after the caption in the muted colour, e.g. what the matrix is and its size. */
  readonly subtitle?: string;
  /** The chart's <svg> elements, live in the page, top to bottom. */
  readonly parts: readonly SVGSVGElement[];
  readonly key?: readonly SvgKeyEntry[];
  /** Lines of plain text under the chart. */
  readonly notes?: readonly string[];
}

/** A chart's <svg> cloned with its computed presentation inlined, and its size in CSS pixels. */
export interface InlinedPart {
  readonly element: SVGSVGElement;
  readonly width: number;
  readonly height: number;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const PAD = 10;
const GAP = 8;

export interface TextRun {
  readonly text: string;
  readonly shift?: 'sub' | 'super';
}

/** The figure's root <svg>, sized to hold everything, with the parts placed in it as nested <svg>s. */
export function compose(context: SVGSVGElement, figure: SvgFigure, parts: readonly InlinedPart[]): SVGSVGElement {
  const host = context.getRootNode() instanceof ShadowRoot ? ((context.getRootNode() as ShadowRoot).host as Element) : context;
  const ui = getComputedStyle(host);
  const family = svgFontFamily(ui.fontFamily);
  const text = paint(resolveColor(context, 'var(--text)'));
  const muted = paint(resolveColor(context, 'var(--muted)'));
  const measure = textMeasurer(family);
  const chartWidth = Math.max(...parts.map((p) => p.width));
  const root = svgElement('svg', { 'font-family': family, 'font-size': 12, fill: text.value, stroke: 'none' });
  let y = PAD;
  let width = chartWidth;
  if (figure.caption || figure.subtitle) {
    const runs = figure.caption ? captionRuns(figure.caption) : [];
    const caption = svgElement('text', { x: PAD, y: y + 13, 'font-size': 13, 'font-weight': 600, fill: text.value, 'fill-opacity': text.alpha });
    for (const run of runs) {
      const span = svgElement('tspan', run.shift ? { 'baseline-shift': run.shift, 'font-size': '75%' } : {});
      span.textContent = run.text;
      caption.append(span);
    }
    let captionWidth = measure(runs.map((r) => r.text).join(''), 13, 600);
    if (figure.subtitle) {
      const subtitle = svgElement('tspan', { dx: 6, 'font-size': 11.5, 'font-weight': 400, fill: muted.value, 'fill-opacity': muted.alpha });
      subtitle.textContent = figure.subtitle;
      caption.append(subtitle);
      captionWidth += 6 + measure(figure.subtitle, 11.5, 400);
    }
    root.append(caption);
    width = Math.max(width, captionWidth);
    y += 22;
  }
  if (figure.key?.length) {
    let x = 0;
    for (const entry of figure.key) {
      const labelWidth = measure(entry.label, 12, 400);
      if (x > 0 && x + 22 + labelWidth > Math.max(chartWidth, 240)) {
        x = 0;
        y += 18;
      }
      const color = paint(resolveColor(context, entry.color));
      root.append(keyMark(entry.mark, PAD + x, y + 8, color));
      const label = svgElement('text', { x: PAD + x + 22, y: y + 12, fill: muted.value, 'fill-opacity': muted.alpha });
      label.textContent = entry.label;
      root.append(label);
      x += 22 + labelWidth + 16;
      width = Math.max(width, x);
    }
    y += 24;
  }
  parts.forEach((part, k) => {
    if (k > 0) y += GAP;
    part.element.setAttribute('x', String(PAD));
    part.element.setAttribute('y', String(round(y)));
    root.append(part.element);
    y += part.height;
  });
  for (const note of figure.notes ?? []) {
    const line = svgElement('text', { x: PAD, y: y + 16, fill: muted.value, 'fill-opacity': muted.alpha });
    line.textContent = note;
    root.append(line);
    width = Math.max(width, measure(note, 12, 400));
    y += 18;
  }
  const w = Math.ceil(width + 2 * PAD);
  const h = Math.ceil(y + PAD);
  root.setAttribute('width', String(w));
  root.setAttribute('height', String(h));
  root.setAttribute('viewBox', `0 0 ${w} ${h}`);
  return root;
}

function keyMark(mark: SvgKeyEntry['mark'], x: number, y: number, color: { value: string; alpha: number }): SVGElement {
  const stroke = { stroke: color.value, 'stroke-opacity': color.alpha, fill: 'none' };
  switch (mark) {
    case 'line':
    case 'dash':
      return svgElement('line', { x1: x, x2: x + 16, y1: y, y2: y, 'stroke-width': 2.5, ...stroke, ...(mark === 'dash' ? { 'stroke-dasharray': '5,3' } : {}) });
    case 'dot':
      return svgElement('circle', { cx: x + 8, cy: y, r: 4, fill: color.value, 'fill-opacity': color.alpha, stroke: 'none' });
    case 'ring':
      return svgElement('circle', { cx: x + 8, cy: y, r: 4, 'stroke-width': 2, ...stroke });
    case 'cross':
      return svgElement('path', { d: `M${x + 4},${y - 4}L${x + 12},${y + 4}M${x + 4},${y + 4}L${x + 12},${y - 4}`, 'stroke-width': 1.5, ...stroke });
  }
}

/** A colour as the chart's CSS resolves it here (var(--…) included), read from a probe element. */
function resolveColor(context: SVGSVGElement, color: string): string {
  const probe = document.createElementNS(SVG_NS, 'rect');
  probe.style.fill = color;
  context.append(probe);
  try {
    return getComputedStyle(probe).fill;
  } finally {
    probe.remove();
  }
}

/** A caption's text in runs: an element's <sub>/<sup> become shifted runs, KaTeX its plain text; <small> (the explanation) is left out. */
export function captionRuns(caption: string | Element): TextRun[] {
  if (typeof caption === 'string') return [{ text: caption }];
  const runs: TextRun[] = [];
  for (const node of Array.from(caption.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) runs.push({ text: node.textContent ?? '' });
    else if (node instanceof Element && node.matches('.katex')) runs.push({ text: katexText(node) });
    else if (node instanceof Element && node.localName !== 'small' && !node.matches('hinge-svg-button, button')) {
      const shift = node.localName === 'sub' ? 'sub' : node.localName === 'sup' ? 'super' : undefined;
      runs.push({ text: node.textContent ?? '', ...(shift ? { shift } : {}) });
    }
  }
  // Whitespace as HTML shows it: runs collapsed to one space, none at the ends.
  const joined = runs.map((r) => ({ ...r, text: r.text.replace(/\s+/g, ' ') }));
  if (joined[0]) joined[0] = { ...joined[0], text: joined[0].text.trimStart() };
  const last = joined[joined.length - 1];
  if (last) joined[joined.length - 1] = { ...last, text: last.text.trimEnd() };
  return joined.filter((r) => r.text);
}

/** The visible text of KaTeX output (or any HTML), its hidden MathML copy left out: SVG 1.1 cannot hold the typeset form. */
export function katexText(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('.katex-mathml, annotation').forEach((e) => e.remove());
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function textMeasurer(family: string): (text: string, size: number, weight: number) => number {
  const ctx = new OffscreenCanvas(1, 1).getContext('2d');
  return (text, size, weight) => {
    if (!ctx) return text.length * size * 0.6;
    ctx.font = `${weight} ${size}px ${family}`;
    return ctx.measureText(text).width;
  };
}

export function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}
