import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatNumber } from '../../../src/layer/index.js';
import '../../components/svg-button.js';
import { serializeSvgFigure, type SvgLook } from '../../components/svg-export.js';
import { divergingCss } from '../../components/color-scales.js';

const ROW = 19;
/** Columns: token | score number | score bar (centred on 0) | weight bar (0 to 1) | weight number. */
const LABEL = 78;
const NUMBER = 60;
const BAR = 80;
const GAP = 12;

/**
 * The clicked token's row of attention: for every key its score (a signed bar about 0) and its
 * softmax weight (a bar from 0 to 1, with the number), and below them the sum of the weights —
 * 1, since softmax makes every row a probability distribution. Masked keys say so.
 */
@customElement('hinge-attention-row')
export class AttentionRow extends LitElement {
  static override styles = css`
    :host { display: block; }
    svg { display: block; font: 11.5px var(--font-mono); max-width: 100%; }
    text { fill: var(--text); }
    .muted { fill: var(--muted); }
    .head { fill: var(--muted); font: 600 11.5px var(--font-ui); }
    .axis { stroke: var(--border); }
    /* Orange like the lines in the picture: the weights are what make the output. */
    .weight { fill: var(--output); }
    .on { font-weight: 700; }
    .sum { font: 13px var(--font-mono); font-variant-numeric: tabular-nums; margin-top: 6px; display: flex; gap: 14px; flex-wrap: wrap; }
    .sum b { font-weight: 650; }
    .sum hinge-svg-button { margin-left: auto; }
  `;

  @property({ attribute: false }) labels: readonly string[] = [];
  /** The clicked query's scores (−Infinity where masked). */
  @property({ attribute: false }) scores: readonly number[] = [];
  /** Its weights: softmax of the scores. */
  @property({ attribute: false }) weights: readonly number[] = [];
  @property({ type: Number }) query = 0;
  /** Name of the SVG file the row saves as, without `.svg`. */
  @property() fileName = 'hinge-attention-row';

  readonly #svg = (look: SvgLook): string => {
    const sum = this.weights.reduce((s, w) => s + w, 0);
    const token = this.labels[this.query] ?? '';
    return serializeSvgFigure({ caption: `Attention of ${token}: scores and weights against every key`, parts: [this.renderRoot.querySelector('svg')!], notes: [`Σ weights = ${sum.toFixed(3)}`] }, { look });
  };

  override render() {
    const n = this.weights.length;
    const scoreX0 = LABEL + NUMBER + BAR / 2;
    const weightX0 = LABEL + NUMBER + BAR + GAP;
    const width = weightX0 + BAR + 6 + 40;
    const height = 18 + n * ROW + 4;
    let max = 0;
    for (const s of this.scores) if (Number.isFinite(s)) max = Math.max(max, Math.abs(s));
    const sum = this.weights.reduce((s, w) => s + w, 0);
    return html`
      <svg viewBox="0 0 ${width} ${height}" width=${width} role="img"
        aria-label=${`Scores and weights of ${this.labels[this.query] ?? ''} against every key`}>
        <text class="head" x=${LABEL + NUMBER - 4} y="11" text-anchor="end">score</text>
        <text class="head" x=${weightX0} y="11">weight (softmax)</text>
        <line class="axis" x1=${scoreX0} x2=${scoreX0} y1="15" y2=${height - 2} />
        <line class="axis" x1=${weightX0} x2=${weightX0} y1="15" y2=${height - 2} />
        ${this.weights.map((w, j) => {
          const y = 18 + j * ROW;
          const s = this.scores[j]!;
          const masked = !Number.isFinite(s) && s < 0;
          const half = max > 0 && Number.isFinite(s) ? (Math.abs(s) / max) * (BAR / 2 - 2) : 0;
          return svg`
            <text class=${j === this.query ? 'on' : ''} x=${LABEL - 6} y=${y + 13} text-anchor="end">${this.labels[j]}</text>
            ${masked
              ? svg`<text class="muted" x=${scoreX0} y=${y + 13} text-anchor="middle">masked</text>`
              : svg`<text class="muted" x=${LABEL + NUMBER - 4} y=${y + 13} text-anchor="end" data-testid=${`score-${j}`}
                  data-value=${String(s)}>${formatNumber(s, 3)}</text>
                <rect x=${s < 0 ? scoreX0 - half : scoreX0} y=${y + 3} width=${half} height=${ROW - 6} fill=${divergingCss(s, max)} rx="1.5" />`}
            <rect x=${weightX0} y=${y + 3} width=${Math.max(w > 0 ? 1 : 0, w * BAR)} height=${ROW - 6} class="weight" rx="1.5" />
            <text x=${weightX0 + BAR + 6} y=${y + 13} data-testid=${`weight-${j}`} data-value=${String(w)}>${w === 0 ? '0' : w.toFixed(3)}</text>`;
        })}
      </svg>
      <div class="sum">
        <span data-testid="weight-sum" data-value=${String(sum)}>Σ weights = <b>${sum.toFixed(3)}</b></span>
        ${n ? nothing : html`<span>no keys</span>`}
        <slot></slot>
        ${n ? html`<hinge-svg-button label="scores and weights chart" fileName=${this.fileName} .source=${this.#svg}></hinge-svg-button>` : nothing}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-attention-row': AttentionRow;
  }
}
