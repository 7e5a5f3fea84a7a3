import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatNumber } from '../../../src/layer/index.js';
import '../../components/svg-button.js';
import { serializeSvgFigure, type SvgLook } from '../../components/svg-export.js';
import { divergingCss, scaleStops, viridisCss } from '../../components/color-scales.js';

/** Explains entry (i, j) in words, for the hover readout. */
export type CellExplainer = (i: number, j: number) => string;

const LABEL_CHAR_PX = 6.6;
const LEGEND_MAX = 150;
const LEGEND_MIN = 72;

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A matrix as a labelled heatmap: rows and columns named (tokens or coordinates), a colour scale
 * with its numbers, the value and its meaning on hover or under a keyboard cursor (focus the map,
 * move with the arrow keys, Enter picks the row). Signed matrices use blue–white–red centred on
 * 0 over ±max|entry|; `sequential` (weights) uses viridis from 0 to the largest entry, so a
 * diffuse matrix still shows its structure — the legend gives the numbers. −Infinity entries are
 * drawn as masked. Fires `row-select` (detail: the row) when a row label or cell is clicked.
 */
@customElement('hinge-attention-heatmap')
export class AttentionHeatmap extends LitElement {
  static override styles = css`
    :host { display: inline-block; position: relative; vertical-align: top; }
    figure { margin: 0; display: grid; gap: 4px; }
    figcaption { font-size: 12.5px; font-weight: 600; line-height: 1.3; }
    /* Under the legend, not in the caption: a narrow map's caption would wrap and push its map down out of line with its neighbours. */
    hinge-svg-button { justify-self: start; }
    figcaption small { color: var(--muted); font-weight: 400; margin-left: 5px; font-family: var(--font-mono); font-size: 11px; }
    svg.map { display: block; font: 10.5px var(--font-mono); outline: none; }
    svg.map:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 2px; }
    .label { fill: var(--muted); cursor: pointer; }
    .label.on { fill: var(--text); font-weight: 700; }
    .cell { cursor: pointer; }
    .masked { fill: var(--panel-2); }
    .hatch { stroke: var(--border); stroke-width: 1; }
    .row-mark { fill: none; stroke: var(--text); stroke-width: 1.6; pointer-events: none; }
    .cursor { fill: none; stroke: var(--accent); stroke-width: 2; pointer-events: none; }
    .legend { display: flex; align-items: center; gap: 6px; font: 10.5px var(--font-mono); color: var(--muted); }
    .legend svg { display: block; }
    .legend text { fill: var(--muted); }
    /* Fixed, so the scrolling panel around the map never clips it. */
    .tip { position: fixed; z-index: 30; pointer-events: none; width: max-content; max-width: 280px; background: var(--panel); color: var(--text);
      border: 1px solid var(--border); border-radius: 4px; padding: 5px 7px; font-size: 12px; line-height: 1.4; box-shadow: 0 2px 8px rgb(0 0 0 / 0.25); }
    .tip b { font-family: var(--font-mono); font-weight: 650; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  `;

  /** Name of the matrix, e.g. `Q`. */
  @property() name = '';
  /** What it is, shown after the name, e.g. `= XW_Q`. */
  @property() note = '';
  @property({ attribute: false }) matrix: readonly (readonly number[])[] = [];
  @property({ attribute: false }) rowLabels: readonly string[] = [];
  @property({ attribute: false }) colLabels: readonly string[] = [];
  /** `diverging` for signed numbers, `sequential` for weights in [0, 1]. */
  @property() scale: 'diverging' | 'sequential' = 'diverging';
  @property({ attribute: false }) explain: CellExplainer | undefined;
  /** Entries to draw as masked although finite (the zero weights of masked keys). */
  @property({ attribute: false }) masked: readonly (readonly boolean[])[] | undefined;
  /** The row outlined (the clicked token), or −1. */
  @property({ type: Number }) selectedRow = -1;
  /** Cell size in CSS pixels. */
  @property({ type: Number }) cell = 18;
  /** Name of the SVG file the heatmap saves as, without `.svg`. */
  @property() fileName = '';

  @state() private hover: [number, number] | undefined;
  @state() private cursor: [number, number] | undefined;
  /** Where the tip goes, in viewport pixels; `flip` opens it to the left of x. */
  @state() private tipAt: { x: number; y: number; flip: boolean } | undefined;
  /** The map's geometry from the last render, to place the tip. */
  #layout = { left: 0, top: 0, cell: 18 };

  #focusCell(i: number, j: number, by: 'hover' | 'cursor'): void {
    if (by === 'hover') this.hover = [i, j];
    else this.cursor = [i, j];
    const map = this.renderRoot.querySelector('svg.map');
    if (!map) return;
    const rect = map.getBoundingClientRect();
    const { left, top, cell } = this.#layout;
    const right = rect.left + left + (j + 1) * cell + 6;
    const flip = right + 290 > window.innerWidth;
    this.tipAt = { x: flip ? rect.left + left + j * cell - 6 : right, y: rect.top + top + (i + 1) * cell + 4, flip };
  }

  readonly #onLeave = (): void => {
    this.hover = undefined;
    if (this.cursor) this.#focusCell(this.cursor[0], this.cursor[1], 'cursor');
  };

  /** The map and its colour scale as one SVG file, captioned like the figure (hover cursor left out). */
  readonly #svg = (look: SvgLook): string => {
    const rows = this.matrix.length;
    const cols = this.matrix[0]?.length ?? 0;
    const parts = [this.renderRoot.querySelector<SVGSVGElement>('svg.map')!, this.renderRoot.querySelector<SVGSVGElement>('.legend svg')!];
    return serializeSvgFigure({ caption: this.name, subtitle: `${this.note} · ${rows}×${cols}`, parts }, { look });
  };

  #select(i: number): void {
    this.dispatchEvent(new CustomEvent<number>('row-select', { detail: i, bubbles: true, composed: true }));
  }

  #onKey(event: KeyboardEvent): void {
    const rows = this.matrix.length;
    const cols = this.matrix[0]?.length ?? 0;
    if (!rows || !cols) return;
    const [i, j] = this.cursor ?? [Math.max(0, this.selectedRow), 0];
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      const next: [number, number] = this.cursor ? [Math.min(rows - 1, Math.max(0, i + move[0])), Math.min(cols - 1, Math.max(0, j + move[1]))] : [i, j];
      this.#focusCell(next[0], next[1], 'cursor');
    } else if ((event.key === 'Enter' || event.key === ' ') && this.cursor) {
      event.preventDefault();
      this.#select(i);
    } else if (event.key === 'Escape') {
      this.cursor = undefined;
    }
  }

  #describe(i: number, j: number): string {
    const v = this.matrix[i]?.[j];
    if (v === undefined) return '';
    return this.explain?.(i, j) ?? `${this.name}[${this.rowLabels[i] ?? i + 1}, ${this.colLabels[j] ?? j + 1}] = ${formatNumber(v, 4)}`;
  }

  #legend(max: number, mapWidth: number) {
    const LEGEND_WIDTH = Math.max(LEGEND_MIN, Math.min(LEGEND_MAX, mapWidth - 4));
    const stops = scaleStops(this.scale);
    const id = `grad-${this.name.replace(/\W/g, '')}`;
    const lo = this.scale === 'diverging' ? -max : 0;
    const hi = max;
    // A narrow legend names its ends only; the middle keeps a tick mark.
    const ticks = LEGEND_WIDTH < 110 ? [lo, hi] : [lo, (lo + hi) / 2, hi];
    const x = (v: number) => 4 + ((v - lo) / (hi - lo || 1)) * (LEGEND_WIDTH - 8);
    return html`<div class="legend" data-testid=${`legend-${this.name}`} data-min=${lo} data-max=${hi}>
      <svg width=${LEGEND_WIDTH} height="26" role="img" aria-label=${`Colour scale from ${formatNumber(lo, 3)} to ${formatNumber(hi, 3)}`}>
        <defs><linearGradient id=${id}>${stops.map((c, k) => svg`<stop offset=${k / (stops.length - 1)} stop-color=${c} />`)}</linearGradient></defs>
        <rect x="4" y="1" width=${LEGEND_WIDTH - 8} height="9" fill=${`url(#${id})`} rx="2" />
        <line x1=${LEGEND_WIDTH / 2} x2=${LEGEND_WIDTH / 2} y1="10" y2="13" stroke="currentColor" />
        ${ticks.map((t, k) => svg`<text x=${x(t)} y="22" text-anchor=${k === 0 ? 'start' : k === ticks.length - 1 ? 'end' : 'middle'}>${formatNumber(t, 3)}</text>`)}
      </svg>
    </div>`;
  }

  override render() {
    const M = this.matrix;
    const rows = M.length;
    const cols = M[0]?.length ?? 0;
    const c = this.cell;
    const rowChars = Math.min(10, Math.max(1, ...this.rowLabels.map((l) => l.length)));
    const colChars = Math.min(10, Math.max(1, ...this.colLabels.map((l) => l.length)));
    const font = Math.min(10.5, c + 0.5);
    const left = Math.ceil((rowChars * LABEL_CHAR_PX * font) / 10.5) + 8;
    // Numbered columns closer than 12 px: label every other (or every third) one.
    const every = this.colLabels.every((l) => /^\d+$/.test(l)) ? Math.ceil(12 / c) : 1;
    const rotate = colChars > 2 || (c < 14 && every === 1);
    const top = rotate ? Math.ceil(colChars * LABEL_CHAR_PX * 0.75) + 12 : 16;
    const width = left + cols * c + 4;
    const height = top + rows * c + 2;
    let max = 0;
    for (const row of M) for (const v of row) if (Number.isFinite(v)) max = Math.max(max, Math.abs(v));
    const color = (v: number) => (this.scale === 'sequential' ? viridisCss(max > 0 ? v / max : 0) : divergingCss(v, max));
    const focus = this.hover ?? this.cursor;
    const exact = JSON.stringify(M.map((row) => row.map((v) => (Number.isFinite(v) ? v : null))));
    this.#layout = { left, top, cell: c };
    const tip = this.tipAt;
    return html`
      <figure style=${`width: ${Math.max(width, Math.max(LEGEND_MIN, Math.min(LEGEND_MAX, width - 4)))}px`} data-testid=${`heatmap-${this.name}`} data-value=${exact} data-rows=${rows} data-cols=${cols}>
        <figcaption>${this.name}<small>${this.note} · ${rows}×${cols}</small></figcaption>
        <svg class="map" width=${width} height=${height} tabindex="0" role="img" style=${`font-size: ${font}px`}
          aria-label=${`${this.name}, ${rows} by ${cols}. Arrow keys read the entries; Enter picks the row's token.`}
          @keydown=${this.#onKey} @blur=${() => (this.cursor = undefined)} @pointerleave=${this.#onLeave}>
          <defs><pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line class="hatch" x1="0" y1="0" x2="0" y2="4" /></pattern></defs>
          ${this.colLabels.map((l, j) => j % every !== 0 ? nothing : rotate
            ? svg`<text class="label" transform=${`translate(${left + j * c + c / 2 + 3}, ${top - 4}) rotate(-50)`}>${truncate(l, 10)}</text>`
            : svg`<text class="label" x=${left + j * c + c / 2} y=${top - 4} text-anchor="middle">${truncate(l, 10)}</text>`)}
          ${this.rowLabels.map((l, i) => svg`<text class=${i === this.selectedRow ? 'label on' : 'label'} x=${left - 5} y=${top + i * c + c / 2 + 3.5}
            text-anchor="end" @click=${() => this.#select(i)}>${truncate(l, 10)}</text>`)}
          ${M.map((row, i) => row.map((v, j) => Number.isFinite(v) && !this.masked?.[i]?.[j]
            ? svg`<rect class="cell" x=${left + j * c} y=${top + i * c} width=${c - 1} height=${c - 1} fill=${color(v)}
                @pointerenter=${() => this.#focusCell(i, j, 'hover')} @click=${() => this.#select(i)} />`
            : svg`<rect class="cell masked" x=${left + j * c} y=${top + i * c} width=${c - 1} height=${c - 1}
                @pointerenter=${() => this.#focusCell(i, j, 'hover')} @click=${() => this.#select(i)} /><rect x=${left + j * c} y=${top + i * c}
                width=${c - 1} height=${c - 1} fill="url(#hatch)" pointer-events="none" />`))}
          ${this.selectedRow >= 0 && this.selectedRow < rows
            ? svg`<rect class="row-mark" x=${left - 1} y=${top + this.selectedRow * c - 1} width=${cols * c + 1} height=${c + 1} rx="2" />` : nothing}
          ${focus ? svg`<rect class="cursor" x=${left + focus[1] * c - 0.5} y=${top + focus[0] * c - 0.5} width=${c} height=${c} />` : nothing}
        </svg>
        ${this.#legend(max, width)}
        <hinge-svg-button label=${`${this.name} heatmap`} fileName=${this.fileName || `hinge-attention-${this.name}`} .source=${this.#svg}></hinge-svg-button>
      </figure>
      ${focus && tip
        ? html`<div class="tip" role="tooltip" data-testid=${`tip-${this.name}`} style=${`left: ${tip.x}px; top: ${tip.y}px; ${tip.flip ? 'transform: translateX(-100%)' : ''}`}>${this.#describe(focus[0], focus[1])}</div>`
        : nothing}
      <div class="sr" aria-live="polite">${this.cursor ? this.#describe(this.cursor[0], this.cursor[1]) : ''}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-attention-heatmap': AttentionHeatmap;
  }
}
