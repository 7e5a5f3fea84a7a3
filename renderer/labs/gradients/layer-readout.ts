import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { linearLayerGradients } from '../../../src/gradients/index.js';
import { formatNumber, type Matrix } from '../../../src/layer/index.js';
import { rankAndCondition, type Svd } from '../../../src/linalg/index.js';
import { katexStyles, tex, texMatrix } from '../../components/tex.js';


const f3 = (v: number) => formatNumber(v, 3);
const column = (v: readonly number[]) => v.map((x) => [x]);
const norm = (v: readonly number[]) => Math.hypot(...v);
const SUB = ['₁', '₂', '₃'];

/**
 * The numbers of the one-layer view: y = Wx and ∂L/∂x = Wᵀg typeset with the actual entries,
 * the singular values both maps share, by how much this g was stretched (always between σ_min
 * and σ_max), and the weight gradient g xᵀ. Buttons set g to a left singular vector uᵢ, whose
 * image under Wᵀ is exactly σᵢvᵢ.
 */
@customElement('hinge-gradient-readout')
export class GradientReadout extends LitElement {
  static override styles = [
    katexStyles,
    css`
      :host { display: grid; gap: 10px; font-size: 13.5px; line-height: 1.45; }
      .math { overflow-x: auto; overflow-y: hidden; padding: 2px 0; }
      .math:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
      .plain { font-family: var(--font-mono); font-variant-numeric: tabular-nums; font-size: 13px; }
      .note { color: var(--muted); font-size: 12.5px; }
      .row { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
      button { font: inherit; font-size: 12.5px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 4px 9px; cursor: pointer; }
      button:hover { border-color: var(--accent); }
      button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
      .flag { color: var(--error); }
    `,
  ];

  @property({ attribute: false }) W: Matrix = [];
  @property({ attribute: false }) x: readonly number[] = [];
  @property({ attribute: false }) g: readonly number[] = [];
  /** The SVD of W (the lab computes it once for the scenes too). */
  @property({ attribute: false }) decomposition: Svd | undefined;
  /** Which part to show: the forward product, the backward product, or the rest (σ, the u-buttons, ∂L/∂W). */
  @property() show: 'forward' | 'backward' | 'rest' = 'rest';

  #setG(i: number): void {
    const u = this.decomposition!.U.map((row) => row[i]!);
    this.dispatchEvent(new CustomEvent<number[]>('gradient-set', { detail: u, bubbles: true, composed: true }));
  }

  override render() {
    const d = this.decomposition;
    if (!d || this.W.length === 0) return nothing;
    const { y, gradInput, gradWeight } = linearLayerGradients(this.W, this.x, this.g);
    const S = d.S;
    const sMax = S[0] ?? 0;
    // Wᵀ is cols×rows: when rows > cols it has a null space and can send a g to 0.
    const sMin = this.W.length > (this.W[0]?.length ?? 0) ? 0 : (S[S.length - 1] ?? 0);
    const gNorm = norm(this.g);
    const ratio = gNorm > 0 ? norm(gradInput) / gNorm : 0;
    const Wt = this.W[0]!.map((_, j) => this.W.map((row) => row[j]!));
    // ∞ exactly when W's numerical rank is below min(m, n) (the rule every lab shares).
    const { rank: numericalRank, condition: cond } = rankAndCondition(S, this.W.length, this.W[0]!.length);
    const lost = numericalRank < S.length;
    // Input-space vectors (x, ∂L/∂x) in the input colour, output-space ones (y, g) in the output colour.
    const inC = getComputedStyle(this).getPropertyValue('--input').trim() || '#4c9be8';
    const outC = getComputedStyle(this).getPropertyValue('--output').trim() || '#f28e2b';
    const forward = `\\begin{aligned} y &= W x \\\\[2pt] ${texMatrix(column(y), f3, outC)} &= ${texMatrix(this.W, f3)}${texMatrix(column(this.x), f3, inC)} \\end{aligned}`;
    const backward = `\\begin{aligned} \\tfrac{\\partial L}{\\partial x} &= W^{\\top} g \\\\[2pt] ${texMatrix(column(gradInput), f3, inC)} &= ${texMatrix(Wt, f3)}${texMatrix(column(this.g), f3, outC)} \\end{aligned}`;
    // Each typeset product scrolls sideways when the panel is narrower than it (a small window):
    // focusable, so that the keyboard can scroll it too.
    if (this.show === 'forward') return html`<div class="math" tabindex="0" role="group" aria-label="y = W x, with the entries" data-testid="readout-y" data-value=${JSON.stringify(y)}>${tex(forward, true)}</div>`;
    if (this.show === 'backward') return html`<div class="math" tabindex="0" role="group" aria-label="∂L/∂x = Wᵀ g, with the entries" data-testid="readout-grad" data-value=${JSON.stringify(gradInput)}>${tex(backward, true)}</div>`;
    return html`
      <div class="plain" data-testid="readout-sigma">
        <div>σ(W) = σ(Wᵀ) = (${S.map(f3).join(', ')}) · κ = ${Number.isFinite(cond) ? f3(cond) : '∞'}${lost ? html` <span class="flag">singular (rank ${numericalRank}): some gradient directions are lost</span>` : nothing}</div>
        <div data-testid="readout-ratio" data-value=${String(ratio)}>‖Wᵀg‖ / ‖g‖ = ${f3(ratio)}, always between ${f3(sMin)} and ${f3(sMax)}</div>
      </div>
      <div class="note">Send g along a left singular vector and it comes back as exactly σᵢvᵢ: stretched by σᵢ and turned onto the matching input direction.</div>
      <div class="row" role="group" aria-label="Set g to a singular direction">
        ${S.map((s, i) => html`<button data-testid=${`g-u${i + 1}`} title=${`Set g = u${SUB[i]}; then Wᵀg = σ${SUB[i]}v${SUB[i]}, of length ${f3(s)}`} @click=${() => this.#setG(i)}>g = u${SUB[i]}</button>`)}
      </div>
      <div class="math" tabindex="0" role="group" aria-label="∂L/∂W = g xᵀ, with the entries">${tex(`\\frac{\\partial L}{\\partial W} = g\\,x^{\\top} = ${texMatrix(gradWeight, f3)}`, true)}</div>
      <div class="note">The weight gradient is an outer product: rank one, a column per input entry, each a multiple of g.</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-gradient-readout': GradientReadout;
  }
}
