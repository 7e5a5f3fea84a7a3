import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { formatNumber, type Matrix } from '../../../src/layer/index.js';
import '../../components/svg-button.js';
import { serializeSvgFigure, type SvgLook } from '../../components/svg-export.js';
import { darkTextOn, divergingCss, fillPixels, maxAbs } from '../../components/color-scales.js';


/** Matrices this small print their numbers in the cells. */
const NUMBERED_MAX = 6;
/** Up to this many entries an SVG export draws one rectangle each; beyond, one embedded image. */
const VECTOR_ENTRIES = 64 * 64;
const SVG_NS = 'http://www.w3.org/2000/svg';

/** A file-name-safe form of a matrix symbol: W₀ → W0, ΔW − AB → dW-minus-AB. */
const slug = (label: string) => label.replace(/Δ/g, 'd').replace(/\s*−\s*/g, '-minus-').normalize('NFKD').replace(/[^\w-]/g, '');

/**
 * A signed matrix as a heatmap: blue below 0, white at 0, red above, on a symmetric scale ±limit
 * shown by a legend with numbers. Small matrices print their entries in the cells; larger ones are
 * drawn one pixel per entry into a canvas scaled up without smoothing, and say the entry under the
 * pointer.
 */
@customElement('hinge-lora-heatmap')
export class LoraHeatmap extends LitElement {
  static override styles = css`
    :host { display: grid; gap: 5px; align-content: start; justify-items: start; min-width: 0; }
    .head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; font-size: 13px; min-height: 1.4em; }
    .head hinge-svg-button { align-self: center; }
    .name { font-weight: 650; font-family: var(--font-mono); }
    .note { color: var(--muted); font-size: 12px; }
    canvas { display: block; border: 1px solid var(--border); }
    canvas.sharp { image-rendering: pixelated; }
    .cells { display: grid; border: 1px solid var(--border); }
    .cells span { display: grid; place-items: center; font: 11.5px var(--font-mono); font-variant-numeric: tabular-nums; }
    .empty { color: var(--muted); font-size: 12.5px; padding: 6px 0; }
    .frame { position: relative; }
    .hover { position: absolute; left: 2px; top: calc(100% + 2px); z-index: 1; white-space: nowrap; pointer-events: none; font: 11.5px var(--font-mono); font-variant-numeric: tabular-nums;
      color: var(--text); background: var(--panel); border: 1px solid var(--border); border-radius: 4px; padding: 1px 5px; }
    svg { display: block; overflow: visible; font: 10.5px var(--font-mono); }
    svg text { fill: var(--muted); }
  `;

  /** The matrix drawn. */
  @property({ attribute: false }) matrix: Matrix = [];
  /** The scale runs from −limit to +limit; by default the largest |entry|. */
  @property({ type: Number }) limit: number | undefined;
  /** CSS pixels per cell. */
  @property({ type: Number }) cell = 6;
  /** The matrix's symbol, e.g. ΔW. */
  @property() label = '';
  /** A short description after the symbol. */
  @property() note = '';
  /** A line under the legend, e.g. which matrices share this scale. */
  @property() scaleNote = '';
  /** Whether to draw the colour legend (off when a neighbour already shows the same scale). */
  @property({ type: Boolean }) legend = true;
  /** Name of the SVG file the heatmap saves as, without `.svg`; by default from the label. */
  @property() fileName = '';

  @state() private hover = '';
  @query('canvas') private canvas!: HTMLCanvasElement | null;
  #drawn: { canvas: HTMLCanvasElement; matrix: Matrix; limit: number } | undefined;

  get #limit(): number {
    return this.limit ?? maxAbs(this.matrix);
  }

  get #rows(): number {
    return this.matrix.length;
  }

  get #cols(): number {
    return this.matrix[0]?.length ?? 0;
  }

  get #numbered(): boolean {
    return this.#rows <= NUMBERED_MAX && this.#cols <= NUMBERED_MAX && this.cell >= 30;
  }

  protected override updated(): void {
    const canvas = this.canvas;
    if (!canvas) return;
    const limit = this.#limit;
    if (this.#drawn?.canvas === canvas && this.#drawn.matrix === this.matrix && this.#drawn.limit === limit) return;
    const rows = this.#rows;
    const cols = this.#cols;
    canvas.width = cols;
    canvas.height = rows;
    const ctx = canvas.getContext('2d')!;
    const image = ctx.createImageData(cols, rows);
    fillPixels(this.matrix, limit, image.data);
    ctx.putImageData(image, 0, 0);
    this.#drawn = { canvas, matrix: this.matrix, limit };
  }

  #onMove(event: MouseEvent): void {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const i = Math.floor(((event.clientY - rect.top) / rect.height) * this.#rows);
    const j = Math.floor(((event.clientX - rect.left) / rect.width) * this.#cols);
    const v = this.matrix[i]?.[j];
    this.hover = v === undefined ? '' : `(${i + 1}, ${j + 1}) = ${formatNumber(v, 4)}`;
  }

  /**
   * The heatmap as SVG, at its size on screen: a rectangle per entry (numbered like the screen
   * when the matrix is that small), or for big matrices one image of a pixel per entry, as
   * plotting libraries save big heatmaps. Built on request; attached to the shadow root only
   * while its styles are read.
   */
  #mapSvg(): SVGSVGElement {
    const rows = this.#rows;
    const cols = this.#cols;
    const vector = rows * cols <= VECTOR_ENTRIES;
    // An image is never shrunk below a pixel per entry: that would drop entries.
    const size = vector ? this.cell : Math.max(1, this.cell);
    const limit = this.#limit;
    const el = <K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>) => {
      const e = document.createElementNS(SVG_NS, name);
      for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, String(v));
      return e;
    };
    const width = cols * size;
    const height = rows * size;
    const map = el('svg', { width: width + 2, height: height + 2, viewBox: `-1 -1 ${width + 2} ${height + 2}`, 'aria-label': `${this.label}, a ${rows}×${cols} heatmap` });
    map.style.position = 'absolute';
    if (vector) {
      const cells = el('g', { 'shape-rendering': 'crispEdges', stroke: 'none' });
      this.matrix.forEach((row, i) => row.forEach((v, j) => cells.append(el('rect', { x: j * size, y: i * size, width: size, height: size, fill: divergingCss(v, limit) }))));
      map.append(cells);
      if (this.#numbered) {
        this.matrix.forEach((row, i) => row.forEach((v, j) => {
          const text = el('text', { x: (j + 0.5) * size, y: (i + 0.5) * size + 4, 'text-anchor': 'middle' });
          // Inline, so the shadow root's `svg text` colour does not win over the cell's contrast colour.
          text.style.fill = darkTextOn(v, limit) ? '#1d2130' : '#ffffff';
          text.style.font = '11.5px var(--font-mono)';
          text.textContent = formatNumber(v, 2);
          map.append(text);
        }));
      }
    } else {
      const canvas = document.createElement('canvas');
      canvas.width = cols;
      canvas.height = rows;
      const ctx = canvas.getContext('2d')!;
      const image = ctx.createImageData(cols, rows);
      fillPixels(this.matrix, limit, image.data);
      ctx.putImageData(image, 0, 0);
      const picture = el('image', { x: 0, y: 0, width, height, preserveAspectRatio: 'none', href: canvas.toDataURL('image/png') });
      picture.style.imageRendering = 'pixelated';
      map.append(picture);
    }
    map.append(el('rect', { x: -0.5, y: -0.5, width: width + 1, height: height + 1, fill: 'none', stroke: 'var(--border)' }));
    return map;
  }

  readonly #svg = (look: SvgLook): string => {
    const map = this.#mapSvg();
    this.renderRoot.append(map);
    try {
      const legend = this.renderRoot.querySelector<SVGSVGElement>('svg.legend');
      return serializeSvgFigure({ caption: this.label, subtitle: this.note, parts: legend ? [map, legend] : [map], notes: this.scaleNote ? [this.scaleNote] : [] }, { look });
    } finally {
      map.remove();
    }
  };

  #legend(width: number) {
    const limit = this.#limit;
    const stops = Array.from({ length: 11 }, (_, i) => -1 + i / 5);
    const id = `ramp-${this.label.replace(/\W/g, '') || 'm'}`;
    const at = (t: number) => ((t + 1) / 2) * width;
    // Five labelled ticks when their labels fit side by side (10.5px monospace: ~6.4px a
    // character, 8px apart); else −limit, 0 and +limit.
    const label = (t: number) => formatNumber(t * limit, 2);
    const five = [-1, -0.5, 0, 0.5, 1];
    const half = (t: number) => (label(t).length * 6.4) / 2;
    const fits = at(-0.5) - half(-0.5) >= label(-1).length * 6.4 + 8 && at(0) - half(0) >= at(-0.5) + half(-0.5) + 8;
    const ticks = fits ? five : [-1, 0, 1];
    return html`<svg class="legend" width=${width} height="28" role="img" aria-label=${`Colour scale from ${formatNumber(-limit, 3)} (blue) through 0 (white) to ${formatNumber(limit, 3)} (red)`}>
      ${svg`<defs><linearGradient id=${id}>${stops.map((t, i) => svg`<stop offset=${i / 10} stop-color=${divergingCss(t, 1)} />`)}</linearGradient></defs>
      <rect x="0" y="0" width=${width} height="9" fill=${`url(#${id})`} stroke="var(--border)" />
      ${ticks.map((t) => svg`<line x1=${at(t)} x2=${at(t)} y1="9" y2="13" stroke="var(--muted)" />
        <text x=${at(t)} y="24" text-anchor=${t === -1 ? 'start' : t === 1 ? 'end' : 'middle'}>${label(t)}</text>`)}`}
    </svg>`;
  }

  #cells() {
    const limit = this.#limit;
    const size = this.cell;
    return html`<div class="cells" role="img" aria-label=${`${this.label}: ${this.matrix.map((r) => r.map((v) => formatNumber(v, 3)).join(', ')).join('; ')}`}
      style=${`grid-template-columns: repeat(${this.#cols}, ${size}px); grid-auto-rows: ${size}px`}>
      ${this.matrix.flatMap((row) => row.map((v) => html`<span style=${`background: ${divergingCss(v, limit)}; color: ${darkTextOn(v, limit) ? '#1d2130' : '#fff'}`}>${formatNumber(v, 2)}</span>`))}
    </div>`;
  }

  override render() {
    const rows = this.#rows;
    const cols = this.#cols;
    const width = cols * this.cell;
    const height = rows * this.cell;
    const empty = rows === 0 || cols === 0;
    return html`
      <div class="head"><span class="name">${this.label}</span><span class="note">${this.note}</span>${empty ? nothing : html`<hinge-svg-button
        label=${`${this.label} heatmap`} fileName=${this.fileName || `hinge-lora-${slug(this.label)}`} .source=${this.#svg}></hinge-svg-button>`}</div>
      ${empty
        ? html`<div class="empty">empty: r = 0</div>`
        : this.#numbered
          ? this.#cells()
          : html`<div class="frame"><canvas class=${this.cell >= 1 ? 'sharp' : ''} role="img" aria-label=${`${this.label}, a ${rows}×${cols} heatmap`} style=${`width: ${width}px; height: ${height}px`}
              @mousemove=${this.#onMove} @mouseleave=${() => (this.hover = '')}></canvas>${this.hover ? html`<span class="hover">${this.hover}</span>` : nothing}</div>`}
      ${empty || !this.legend ? nothing : this.#legend(Math.max(150, Math.min(width, 220)))}
      ${this.scaleNote && !empty ? html`<div class="note">${this.scaleNote}</div>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-lora-heatmap': LoraHeatmap;
  }
}
