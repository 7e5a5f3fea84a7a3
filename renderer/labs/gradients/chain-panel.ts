import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { MAX_CHAIN_DEPTH, WEIGHT_INITS, criticalScale, type ChainConfig, type ChainResult, type WeightInit } from '../../../src/gradients/index.js';
import { formatNumber } from '../../../src/layer/index.js';
import { katexStyles, tex } from '../../components/tex.js';
import { sectionHeading, focusRing } from '../../components/lab-styles.js';

const WIDTHS = [2, 4, 8, 16, 32, 64, 128, 256];
const INIT_NAMES: Record<WeightInit, string> = {
  gaussian: 'Gaussian, variance σ_w²/n',
  orthogonal: 'Orthogonal, times σ_w',
  identity: 'Identity plus noise, times σ_w',
};
const f3 = (v: number) => formatNumber(v, 3);
const sci = (v: number) => (v === 0 ? '0' : Math.abs(Math.log10(Math.abs(v))) < 3 ? f3(v) : v.toExponential(2).replace('e+', 'e'));

/** What the gradient did, in a word: vanishing below 10⁻³ of where it started, exploding above 10³. */
export function verdict(norm: number): 'vanishing' | 'stable' | 'exploding' {
  return norm < 1e-3 ? 'vanishing' : norm > 1e3 ? 'exploding' : 'stable';
}

/** The run's state as the panel shows it. */
export interface ChainStatus {
  readonly status: 'idle' | 'running' | 'done' | 'failed';
  readonly progress: number;
  readonly phase: string;
  readonly message: string;
}

/**
 * The deep chain's controls and readouts: depth, width, initialisation, the scale σ_w (a log
 * slider from ¼ to 4), ReLU, the identity's noise and the seed; the gradient's size after all L
 * layers with its verdict, the Jacobian's extreme singular values, and — in our own words — why
 * the critical scale is what it is. Fires `chain-change` (a partial config) and `chain-cancel`.
 */
@customElement('hinge-gradient-chain-panel')
export class ChainPanel extends LitElement {
  static override styles = [
    katexStyles,
    sectionHeading,
    focusRing,
    css`
      :host { display: grid; gap: 16px; font-size: 13px; }
      .stack { display: grid; gap: 8px; }
      .row { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
      label.row > span:first-child { min-width: 5.5em; color: var(--muted); }
      input[type='range'] { flex: 1; accent-color: var(--accent); min-width: 110px; }
      input[type='number'] { width: 70px; font: 13px var(--font-mono); background: var(--field); color: var(--text); border: 1px solid var(--border); border-radius: 4px; padding: 4px; }
      select, button { font: inherit; font-size: 13px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 5px 8px; }
      button { cursor: pointer; }
      button:hover { border-color: var(--accent); }
      .value { font-family: var(--font-mono); font-variant-numeric: tabular-nums; min-width: 4.5ch; text-align: right; }
      .plain { font-family: var(--font-mono); font-variant-numeric: tabular-nums; line-height: 1.6; }
      .note { color: var(--muted); font-size: 12.5px; line-height: 1.45; }
      .big { font-size: 19px; font-weight: 650; font-family: var(--font-mono); }
      .vanishing { color: var(--input); }
      .exploding { color: var(--error); }
      .stable { color: var(--basis-i); }
      progress { flex: 1; accent-color: var(--accent); }
      .error { color: var(--error); font-size: 12.5px; }
      .check { display: flex; gap: 8px; align-items: center; cursor: pointer; }
    `,
  ];

  @property({ attribute: false }) config!: ChainConfig;
  @property({ attribute: false }) result: ChainResult | undefined;
  /** The configuration the result belongs to. */
  @property({ attribute: false }) resultConfig: ChainConfig | undefined;
  @property({ attribute: false }) status: ChainStatus = { status: 'idle', progress: 0, phase: '', message: '' };

  #change(patch: Partial<ChainConfig>): void {
    this.dispatchEvent(new CustomEvent<Partial<ChainConfig>>('chain-change', { detail: patch, bubbles: true, composed: true }));
  }

  #why(c: ChainConfig) {
    if (c.init === 'orthogonal') {
      return html`An orthogonal matrix keeps every length, so σ_w is exactly the factor per layer: at 1 the gradient's norm stays 1 through any depth.
        ${c.relu ? html`ReLU passes back only the coordinates of units that were on, about half, so it takes about √2 to balance that.` : nothing}`;
    }
    if (c.init === 'identity') {
      return html`The identity passes a gradient through unchanged; the noise adds about noise² to its squared length per layer, so the balance point sits
        just below 1 (here ${f3(criticalScale('identity', c.relu, c.noise))}). ReLU barely matters: the identity keeps activations positive, so few units switch off.`;
    }
    return html`With entries of variance σ_w²/n, each Wₗᵀ multiplies a gradient's squared length by σ_w² on average. ${c.relu
      ? html`ReLU then zeroes the coordinates of the units that were off — about half of them — halving it again. So the balance point is σ_w = √2 ≈ 1.414 (He initialisation).`
      : html`Without a nonlinearity the balance point is σ_w = 1.`} Below it the norm shrinks by a fixed factor per layer and vanishes; above it, it explodes.`;
  }

  #readout() {
    const r = this.result;
    const c = this.resultConfig;
    if (!r || !c) return nothing;
    const last = r.gradientNorms[r.gradientNorms.length - 1] ?? 0;
    const word = verdict(last);
    const perLayer = last > 0 ? last ** (1 / c.depth) : 0;
    const sigma = r.jacobianSigma;
    // Below σ₁·n·ε a computed singular value of J is rounding noise, not a direction that survives.
    const kept = sigma.filter((s) => s > r.jacobianTolerance).length;
    const active = r.activeFraction.reduce((s, v) => s + v, 0) / Math.max(1, r.activeFraction.length);
    const finite = r.conditions.filter(Number.isFinite);
    const meanLogCond = finite.length ? Math.exp(finite.reduce((s, v) => s + Math.log(v), 0) / finite.length) : Infinity;
    return html`<section class="stack" aria-live="polite">
      <h2>What reached the input</h2>
      <div>${tex('\\lVert \\partial L / \\partial x \\rVert')} after all ${c.depth} layers back (‖g‖ = 1):</div>
      <div><span class=${`big ${word}`} data-testid="last-gradient-norm" data-value=${String(last)}>${sci(last)}</span>
        <span class=${word} data-testid="chain-verdict">${word}</span></div>
      <div class="plain">
        <div>≈ ${last > 0 ? f3(perLayer) : '0'}× per layer</div>
        <div>σ₁(J) = ${sci(sigma[0] ?? 0)} · ${kept === sigma.length
          ? html`σₙ(J) = ${sci(sigma[sigma.length - 1] ?? 0)}`
          : html`<span title="Singular values below σ₁·n·ε are rounding noise">${kept} of ${sigma.length} σᵢ(J) above rounding</span>`}</div>
        <div>typical κ(Wₗ) = ${Number.isFinite(meanLogCond) ? f3(meanLogCond) : '∞'}${c.relu ? html` · ${Math.round(active * 100)}% of units on` : nothing}</div>
      </div>
      ${last === 0 ? html`<div class="note">The gradient is exactly 0: every unit of some layer was off, so nothing flows back.</div>` : nothing}
    </section>`;
  }

  override render() {
    const c = this.config;
    const critical = criticalScale(c.init, c.relu, c.noise);
    const st = this.status;
    return html`
      <section class="stack">
        <h2>The chain</h2>
        <label class="row" title="How many layers the gradient passes through"><span>depth L</span>
          <input type="range" min="1" max=${MAX_CHAIN_DEPTH} step="1" .value=${String(c.depth)} aria-label="Depth L" data-testid="depth"
            @change=${(e: Event) => this.#change({ depth: Number((e.target as HTMLInputElement).value) })} />
          <span class="value">${c.depth}</span></label>
        <label class="row" title="How many units each layer has (each W is n×n)"><span>width n</span>
          <select aria-label="Width n" data-testid="width" .value=${String(c.width)} @change=${(e: Event) => this.#change({ width: Number((e.target as HTMLSelectElement).value) })}>
            ${WIDTHS.map((w) => html`<option value=${w} ?selected=${w === c.width}>${w}</option>`)}
          </select></label>
        <label class="row" title="How the weights are drawn"><span>weights</span>
          <select aria-label="Initialisation" data-testid="init" .value=${c.init} @change=${(e: Event) => this.#change({ init: (e.target as HTMLSelectElement).value as WeightInit })}>
            ${WEIGHT_INITS.map((i) => html`<option value=${i} ?selected=${i === c.init}>${INIT_NAMES[i]}</option>`)}
          </select></label>
        <label class="row" title="The gain σ_w of every weight, from ¼ to 4 on a log scale: below the critical value gradients vanish, above it they explode"><span>scale σ_w</span>
          <input type="range" min="-2" max="2" step="0.01" .value=${String(Math.log2(Math.max(c.scale, 0.25)))} aria-label="Weight scale" data-testid="scale"
            @input=${(e: Event) => this.#change({ scale: Number((2 ** Number((e.target as HTMLInputElement).value)).toPrecision(4)) })} />
          <span class="value" data-testid="scale-value">${c.scale.toFixed(2)}</span></label>
        <div class="row">
          <button data-testid="use-critical" title="Set σ_w to the balance point for these weights" @click=${() => this.#change({ scale: critical })}>Use the critical scale ${c.init === 'identity' ? f3(critical) : c.relu ? '√2' : '1'}</button>
        </div>
        <label class="check" title="Apply ReLU after every layer (its derivative, 0 or 1, multiplies the gradient on the way back)">
          <input type="checkbox" data-testid="relu" .checked=${c.relu} @change=${(e: Event) => this.#change({ relu: (e.target as HTMLInputElement).checked })} /> ReLU after every layer</label>
        ${c.init === 'identity' ? html`<label class="row" title="The size of the noise added to the identity"><span>noise</span>
          <input type="range" min="0" max="1" step="0.01" .value=${String(c.noise)} aria-label="Noise" @change=${(e: Event) => this.#change({ noise: Number((e.target as HTMLInputElement).value) })} />
          <span class="value">${c.noise.toFixed(2)}</span></label>` : nothing}
        <label class="row" title="The seed of the input, the gradient and the weights"><span>seed</span>
          <input type="number" min="0" step="1" aria-label="Chain seed" .value=${String(c.seed)} @change=${(e: Event) => this.#change({ seed: Math.max(0, Math.floor(Number((e.target as HTMLInputElement).value) || 0)) })} /></label>
        <div class="note">${this.#why(c)}</div>
      </section>
      ${st.status === 'running'
        ? html`<div class="row"><progress data-testid="chain-progress" max="1" .value=${st.progress} aria-label="Progress of the chain"></progress>
            <span class="value">${Math.round(st.progress * 100)}%</span>
            <button data-testid="chain-cancel" title="Stop this computation; the previous result stays" @click=${() => this.dispatchEvent(new CustomEvent('chain-cancel', { bubbles: true, composed: true }))}>Cancel</button></div>
          <div class="note">${st.phase}</div>`
        : nothing}
      ${st.message ? html`<div class=${st.status === 'failed' ? 'error' : 'note'} role=${st.status === 'failed' ? 'alert' : 'status'} data-testid="chain-message">${st.message}</div>` : nothing}
      ${this.#readout()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-gradient-chain-panel': ChainPanel;
  }
}
