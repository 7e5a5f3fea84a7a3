import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { activate, applyLayer, formatNumber, formatScaled, volumeFactor, type Activation } from '../../../src/layer/index.js';
import { katexStyles, tex, texMatrix } from '../../components/tex.js';
import { collapsedLayer } from './layer-maps.js';
import { shapeDims, type LayerState } from './layer-store.js';

const ACTIVATION_TEX: Record<Activation, string> = {
  none: '',
  relu: '\\operatorname{ReLU}',
  'leaky-relu': '\\operatorname{LeakyReLU}',
  gelu: '\\operatorname{GELU}',
  swish: '\\operatorname{Swish}',
  tanh: '\\tanh',
};

const f3 = (v: number) => formatNumber(v, 3);
/** A readout number inside TeX: "1.5e-7" as 1.5×10^{-7}, "−2 × 10³²⁰ (beyond …)" as its words. */
const texNumber = (text: string) => text.includes('beyond') ? `\\text{${text}}` : text.replace(/^(-?[0-9.]+)e(-?[0-9]+)$/, '$1 \\times 10^{$2}');

/** The layer's output for the state's x: z = Wx + b, y = σ(z), and y₂ after a stacked layer. */
export function layerOutput(state: LayerState): { z: number[]; y: number[]; y2: number[] | undefined } {
  const z = applyLayer(state.W, state.b, state.x);
  const y = z.map((v) => activate(state.activation, v, state.leak));
  const y2 = state.stacked ? applyLayer(state.W2, state.b2, y) : undefined;
  return { z, y, y2 };
}

/** The largest gap, over a grid of inputs, between two stacked layers and their collapsed single layer. */
export function collapseGap(state: LayerState): number {
  const single = collapsedLayer(state);
  const { cols } = shapeDims(state.shape);
  let gap = 0;
  const steps = [-3, -1.5, -0.5, 0, 0.5, 1.5, 3];
  const visit = (x: number[]) => {
    const y = applyLayer(state.W, state.b, x).map((v) => activate(state.activation, v, state.leak));
    const two = applyLayer(state.W2, state.b2, y);
    const one = applyLayer(single.W, single.b, x);
    for (let i = 0; i < two.length; i++) gap = Math.max(gap, Math.abs(two[i]! - one[i]!));
  };
  for (const a of steps) for (const b of steps) {
    if (cols === 2) visit([a, b]);
    else for (const c of steps) visit([a, b, c]);
  }
  return gap;
}

/**
 * The numbers behind the picture: y = σ(Wx + b) typeset with the actual entries, what det W says
 * about areas and orientation, and, for stacked layers, the product they collapse to.
 */
@customElement('hinge-layer-readout')
export class LayerReadout extends LitElement {
  static override styles = [
    katexStyles,
    css`
      :host { display: grid; gap: 10px; font-size: 13.5px; line-height: 1.45; }
      .math { overflow-x: auto; overflow-y: hidden; padding: 2px 0; }
      .plain { font-family: var(--font-mono); font-variant-numeric: tabular-nums; font-size: 13px; }
      .x { color: var(--input); }
      .y { color: var(--output); }
      .note { color: var(--muted); font-size: 12.5px; }
      .flag { color: var(--error); }
      b { font-weight: 650; }
    `,
  ];

  @property({ attribute: false }) state!: LayerState;

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const { z, y, y2 } = layerOutput(s);
    const act = ACTIVATION_TEX[s.activation];
    const col = (v: readonly number[]) => v.map((e) => [e]);
    const inputColor = getComputedStyle(this).getPropertyValue('--input').trim() || '#4c9be8';
    const outputColor = getComputedStyle(this).getPropertyValue('--output').trim() || '#f28e2b';
    const affine = `${texMatrix(s.W, f3)}${texMatrix(col(s.x), f3, inputColor)} + ${texMatrix(col(s.b), f3)}`;
    const formula = act ? `\\mathbf{y} = ${act}(\\mathbf{z}),\\quad \\mathbf{z} = W\\mathbf{x} + \\mathbf{b}` : `\\mathbf{y} = W\\mathbf{x} + \\mathbf{b}`;
    // One equation per line, so a 3×3 layer still fits the inspector.
    const numbers = act
      ? `\\begin{aligned} ${texMatrix(col(z), f3)} &= ${affine} \\\\[4pt] ${texMatrix(col(y), f3, outputColor)} &= ${act}\\left(${texMatrix(col(z), f3)}\\right) \\end{aligned}`
      : `${texMatrix(col(y), f3, outputColor)} = ${affine}`;
    const fmt = (v: readonly number[]) => `(${v.map(f3).join(', ')})`;
    return html`
      <div class="math">${tex(formula, true)}</div>
      <div class="math" data-testid="readout-equation">${tex(numbers, true)}</div>
      <div class="plain">
        <div class="x" data-testid="readout-x" data-value=${JSON.stringify(s.x)}>x = ${fmt(s.x)}</div>
        <div class="y" data-testid="readout-y" data-value=${JSON.stringify(y)}>y = ${fmt(y)}</div>
        ${y2 ? html`<div class="y" data-testid="readout-y2" data-value=${JSON.stringify(y2)}>y₂ = W₂y + b₂ = ${fmt(y2)}</div>` : nothing}
      </div>
      ${this.#volume(s)} ${s.stacked ? this.#collapse(s) : nothing}
    `;
  }

  #volume(s: LayerState) {
    const v = volumeFactor(s.W);
    const { rows, cols } = shapeDims(s.shape);
    const measure = cols === 2 ? 'area' : 'volume';
    // Singular exactly when the numerical rank (from the singular values) is short; the
    // determinant is printed from its scaled form, so 1e-7·I shows 1e-14 and 1e160·W its true size.
    const det = formatScaled(v.scaled);
    const abs = formatScaled({ mantissa: Math.abs(v.scaled.mantissa), exponent: v.scaled.exponent });
    if (v.kind === 'determinant') {
      const text = v.singular
        ? html`<span class="flag">W is singular (rank ${v.rank}): it flattens the ${cols === 2 ? 'plane onto a line' : 'space onto a plane or line'}, so ${measure}s collapse to 0.</span>`
        : html`W is invertible (rank ${v.rank}). Every ${measure} is multiplied by |det W| = ${abs}${v.orientationFlipped
            ? html`; <span class="flag">the sign is negative, so W flips orientation</span> (a mirror image — the shaded square turns purple).`
            : html`; orientation is kept.`}`;
      return html`<div data-testid="readout-det" data-singular=${String(v.singular)} data-rank=${v.rank} data-det=${det}>${tex(`\\det W = ${texNumber(det)}`)} <span class="note">${text}</span></div>`;
    }
    if (v.kind === 'gram') {
      return v.singular
        ? html`<div data-testid="readout-det" data-singular="true" data-rank=${v.rank}>${tex(`\\sqrt{\\det W^{\\top}W} = 0`)}
            <span class="note"><span class="flag">W is ${rows}×${cols} of rank ${v.rank}: it flattens the plane onto ${v.rank === 1 ? 'a line' : 'a point'} in space</span>, so areas collapse to 0. det W is not defined for a non-square matrix.</span></div>`
        : html`<div data-testid="readout-det" data-singular="false" data-rank=${v.rank}>${tex(`\\sqrt{\\det W^{\\top}W} = ${texNumber(det)}`)}
            <span class="note">W is ${rows}×${cols}: it embeds the plane in space (rank ${v.rank}), and the unit square becomes a parallelogram of area ${det}. det W is not defined for a non-square matrix.</span></div>`;
    }
    return html`<div data-testid="readout-det"><span class="note">W is ${rows}×${cols}: it projects space onto ${v.rank === 2 ? 'a plane' : v.rank === 1 ? 'a line' : 'a point'} (rank ${v.rank}), so every volume becomes 0 and the information along the null space of W is lost. det W is not defined for a non-square matrix.</span></div>`;
  }

  #collapse(s: LayerState) {
    const single = collapsedLayer(s);
    const gap = collapseGap(s);
    const eq = `\\begin{aligned} W_2(W\\mathbf{x} + \\mathbf{b}) + \\mathbf{b}_2 &= (W_2W)\\,\\mathbf{x} + (W_2\\mathbf{b} + \\mathbf{b}_2) \\\\[4pt] W_2W &= ${texMatrix(single.W, f3)} \\\\[4pt] W_2\\mathbf{b} + \\mathbf{b}_2 &= ${texMatrix(single.b.map((v) => [v]), f3)} \\end{aligned}`;
    const collapses = gap <= 1e-9 * Math.max(1, ...single.W.flat().map(Math.abs), ...single.b.map(Math.abs));
    return html`
      <div class="math">${tex(eq, true)}</div>
      <div class="note" data-testid="readout-collapse" data-gap=${String(gap)}>
        ${collapses
          ? html`<b>Composition collapses:</b> with no nonlinearity between them, the two layers are exactly one layer with matrix W₂W — the dashed grid of that single layer lies on top of the two-layer grid.`
          : html`<b>No collapse:</b> the nonlinearity between the layers bends space, so no single matrix reproduces them — the two-layer grid and the dashed grid of W₂W differ by up to ${f3(gap)}.`}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-layer-readout': LayerReadout;
  }
}
