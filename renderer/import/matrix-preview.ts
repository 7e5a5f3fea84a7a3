import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { MatrixPreview } from '../../src/formats/index.js';
import { divergingRgb, viridisRgb } from '../components/color-scales.js';
import { sig } from './format.js';

/**
 * A small picture of an imported matrix: one pixel per sampled entry, scaled up without
 * smoothing. Signed matrices on the diverging blue–white–red scale centred on 0, non-negative
 * ones on viridis, both with a legend of the numbers.
 */
@customElement('hinge-matrix-preview')
export class MatrixPreviewElement extends LitElement {
  static override styles = css`
    :host { display: grid; gap: 6px; justify-items: start; }
    .frame { width: var(--side); height: var(--side); display: grid; place-items: center; background: var(--panel-2); border-radius: 4px; }
    canvas { image-rendering: pixelated; border: 1px solid var(--border); display: block; }
    .pic { position: relative; }
    .mark { position: absolute; border: 2px solid var(--text); box-shadow: 0 0 0 1px var(--bg); pointer-events: none; box-sizing: border-box; min-width: 6px; min-height: 6px; }
    .legend { display: grid; grid-template-columns: auto 1fr auto; gap: 6px; align-items: center; width: var(--side); font: 11.5px var(--font-mono); color: var(--muted); }
    .bar { height: 8px; border-radius: 2px; border: 1px solid var(--border); }
    .note { font-size: 12px; color: var(--muted); max-width: var(--side); line-height: 1.4; }
  `;

  @property({ attribute: false }) preview: MatrixPreview | undefined;
  /** The full matrix's size (the preview may be sampled). */
  @property({ type: Number }) rows = 0;
  @property({ type: Number }) cols = 0;
  @property({ type: Number }) min = 0;
  @property({ type: Number }) max = 0;
  /** Side of the square box the picture is fitted into, in CSS pixels. */
  @property({ type: Number }) side = 220;
  /** A square block to outline (in the full matrix's rows and columns), or undefined. */
  @property({ attribute: false }) highlight: { row: number; col: number; size: number } | undefined;
  @query('canvas') private canvas!: HTMLCanvasElement | null;

  get #signed(): boolean {
    return this.min < 0;
  }

  #rgb(v: number): [number, number, number] {
    const limit = Math.max(Math.abs(this.min), Math.abs(this.max));
    return this.#signed ? divergingRgb(v, limit) : viridisRgb(this.max > 0 ? v / this.max : 0);
  }

  /** CSS pixels per preview pixel, and the canvas's CSS size (at least 3 px across, so a 1×n row shows). */
  #fit(p: MatrixPreview): { scale: number; width: number; height: number } {
    const scale = Math.max(1, Math.min(this.side / p.cols, this.side / p.rows));
    return { scale, width: Math.max(3, Math.round(p.cols * scale)), height: Math.max(3, Math.round(p.rows * scale)) };
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const p = this.preview;
    const canvas = this.canvas;
    if (!p || !canvas || !(changed.has('preview') || changed.has('min') || changed.has('max'))) return;
    canvas.width = p.cols;
    canvas.height = p.rows;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(p.cols, p.rows);
    for (let i = 0, o = 0; i < p.values.length; i++, o += 4) {
      const [r, g, b] = this.#rgb(p.values[i]!);
      image.data[o] = r;
      image.data[o + 1] = g;
      image.data[o + 2] = b;
      image.data[o + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }

  #gradient(): string {
    const stops = Array.from({ length: 11 }, (_, i) => {
      const t = i / 10;
      const limit = Math.max(Math.abs(this.min), Math.abs(this.max));
      const [r, g, b] = this.#signed ? divergingRgb(-limit + 2 * limit * t, limit) : viridisRgb(t);
      return `rgb(${r}, ${g}, ${b}) ${t * 100}%`;
    });
    return `linear-gradient(90deg, ${stops.join(', ')})`;
  }

  override render() {
    const p = this.preview;
    if (!p) return nothing;
    const limit = Math.max(Math.abs(this.min), Math.abs(this.max));
    const fit = this.#fit(p);
    const h = this.highlight;
    return html`
      <div class="frame" style=${`--side: ${this.side}px`}>
        <div class="pic">
          <canvas data-testid="import-preview" role="img" style=${`width: ${fit.width}px; height: ${fit.height}px`}
            aria-label=${`Heatmap of the ${this.rows}×${this.cols} matrix${p.step > 1 ? `, every ${p.step}th row and column` : ''}`}></canvas>
          ${h
            ? html`<div class="mark" data-testid="import-preview-block" style=${`left: ${1 + (h.col / p.step) * fit.scale}px; top: ${1 + (h.row / p.step) * fit.scale}px;
                width: ${(h.size / p.step) * fit.scale}px; height: ${(h.size / p.step) * fit.scale}px`}></div>`
            : nothing}
        </div>
      </div>
      <div class="legend" style=${`--side: ${this.side}px`} aria-label="Colour scale">
        <span>${sig(this.#signed ? -limit : 0, 3)}</span><span class="bar" style=${`background: ${this.#gradient()}`}></span><span>${sig(this.#signed ? limit : this.max, 3)}</span>
      </div>
      <div class="note" style=${`--side: ${this.side}px`}>
        ${this.#signed ? 'Blue negative, white 0, red positive.' : 'All entries ≥ 0: dark small, yellow large.'}
        ${p.step > 1 ? ` Every ${p.step}th row and column is shown (${p.rows}×${p.cols} of ${this.rows}×${this.cols}).` : ''}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-matrix-preview': MatrixPreviewElement;
  }
}
