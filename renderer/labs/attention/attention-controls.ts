import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatNumber } from '../../../src/layer/index.js';
import { HEAD_COLORS } from './attention-colors.js';
import { LIMITS, type AttentionState, type AttentionStore } from './attention-store.js';
import { sectionHeading, focusRing } from '../../components/lab-styles.js';

const f3 = (v: number) => formatNumber(v, 3);
const T_MIN = Math.log10(LIMITS.temperatureMin);
const T_MAX = Math.log10(LIMITS.temperatureMax);

/**
 * The Attention lab's settings: how scores are scaled (√d_k, temperature, causal mask), the sizes
 * d, d_k and heads, the head shown, the projection, the positional code and the seed. Every
 * change goes through the store's named actions.
 */
@customElement('hinge-attention-controls')
export class AttentionControls extends LitElement {
  static override styles = [
    sectionHeading,
    focusRing,
    css`
      :host { display: grid; gap: 18px; }
      .grid2 { display: grid; grid-template-columns: auto 1fr; gap: 8px 10px; align-items: center; font-size: 13px; }
      .row { display: flex; gap: 10px; align-items: center; }
      .plain { font-family: var(--font-mono); font-size: 12.5px; font-variant-numeric: tabular-nums; min-width: 3.5ch; }
      label { cursor: pointer; }
      input[type='range'] { flex: 1; min-width: 0; accent-color: var(--accent); }
      input[type='number'] { width: 64px; font: 13px var(--font-mono); background: var(--field); color: var(--text); border: 1px solid var(--border); border-radius: 4px; padding: 5px 6px; }
      input[type='checkbox'] { justify-self: start; accent-color: var(--accent); }
      .seg { display: flex; gap: 4px; flex-wrap: wrap; }
      button { font: inherit; font-size: 12.5px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 4px 9px; cursor: pointer; }
      button[aria-pressed='true'] { background: var(--accent); color: var(--on-accent); border-color: transparent; }
      .head-dot { width: 8px; height: 8px; border-radius: 50%; display: inline-block; margin-right: 5px; }
    `,
  ];

  @property({ attribute: false }) store!: AttentionStore;
  @property({ attribute: false }) state!: AttentionState;
  /** The head shown (clamped to the heads there are). */
  @property({ type: Number }) head = 0;

  override render() {
    const s = this.state;
    const store = this.store;
    const logT = Math.log10(s.temperature);
    const sizeInput = (label: string, key: 'd' | 'dk', min: number, max: number, title: string) => html`<label for=${`size-${key}`} title=${title}>${label}</label>
      <input id=${`size-${key}`} type="number" data-testid=${`size-${key}`} min=${min} max=${max} step="1" .value=${String(s[key])} title=${title}
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          if (input.value.trim() !== '') store.setSizes({ [key]: Number(input.value) });
          // Show what was taken (clamped to its range), even when nothing changed.
          input.value = String(store.state[key]);
        }} />`;
    return html`
      <section>
        <h2>Scores</h2>
        <div class="grid2">
          <label for="scale" title="Divide every score by √d_k so their size does not grow with the key dimension">√d_k scaling</label>
          <input id="scale" type="checkbox" data-testid="scale" .checked=${s.scale} @change=${(e: Event) => store.setScaling((e.target as HTMLInputElement).checked)} />
          <label for="temperature" title="Divide the scores by T: T > 1 flattens the weights, T < 1 sharpens them">temperature T</label>
          <div class="row"><input id="temperature" type="range" data-testid="temperature" min=${T_MIN} max=${T_MAX} step="0.01" .value=${String(logT)}
            aria-valuetext=${`T = ${f3(s.temperature)}`} title="Divide the scores by T: T > 1 flattens the weights, T < 1 sharpens them"
            @input=${(e: Event) => store.setTemperature(Number((10 ** Number((e.target as HTMLInputElement).value)).toPrecision(3)))} />
            <span class="plain">${f3(s.temperature)}</span></div>
          <label for="causal" title="Let each token attend only to itself and earlier tokens (later keys get weight 0)">causal mask</label>
          <input id="causal" type="checkbox" data-testid="causal" .checked=${s.causal} @change=${(e: Event) => store.setCausal((e.target as HTMLInputElement).checked)} />
        </div>
      </section>
      <section>
        <h2>Sizes and embeddings</h2>
        <div class="grid2">
          ${sizeInput('d', 'd', LIMITS.dMin, LIMITS.dMax, 'Length of each token vector (2 to 16)')}
          ${sizeInput('d_k per head', 'dk', LIMITS.dkMin, LIMITS.dkMax, 'Length of each query, key and value in one head (1 to 8); up to 3 is drawn as it is')}
          <span title="Several heads attend independently, each with its own column block of W_Q, W_K, W_V">heads</span>
          <div class="seg" role="group" aria-label="Number of heads">
            ${[1, 2, 3, 4].map((k) => html`<button aria-pressed=${k === s.heads ? 'true' : 'false'} data-testid=${`heads-${k}`}
              title=${`${k} head${k > 1 ? 's, concatenated and mixed by W_O' : ''}`} @click=${() => store.setSizes({ heads: k })}>${k}</button>`)}
          </div>
          ${s.heads > 1 ? html`<span title="Which head the picture and the matrices show">show head</span>
            <div class="seg" role="group" aria-label="Head shown">
              ${Array.from({ length: s.heads }, (_, k) => html`<button aria-pressed=${k === this.head ? 'true' : 'false'} data-testid=${`head-${k}`}
                title=${`Show head ${k + 1}`} @click=${() => store.selectHead(k)}><i class="head-dot" style=${`background: ${HEAD_COLORS[k]}`}></i>${k + 1}</button>`)}
            </div>` : nothing}
          ${s.dk > 3 ? html`<span title="How many principal directions of the values the picture uses">projection</span>
            <div class="seg" role="group" aria-label="Projection">
              ${([2, 3] as const).map((k) => html`<button aria-pressed=${k === s.projection ? 'true' : 'false'} title=${`Project onto the top ${k} principal directions`}
                @click=${() => store.setProjection(k)}>${k}D</button>`)}
            </div>` : nothing}
          <label for="positional" title="Add the sinusoidal position code to each token vector, so equal words at different places differ">positional encoding</label>
          <input id="positional" type="checkbox" data-testid="positional" .checked=${s.positional} @change=${(e: Event) => store.setPositional((e.target as HTMLInputElement).checked)} />
          <label for="seed" title="Seed of the token vectors and of W_Q, W_K, W_V, W_O: the same seed gives the same numbers">seed</label>
          <input id="seed" type="number" data-testid="seed" min="0" step="1" .value=${String(s.seed)} title="Seed of the token vectors and of the projections"
            @change=${(e: Event) => {
              const input = e.target as HTMLInputElement;
              if (input.value.trim() !== '') store.setSeed(Number(input.value));
              input.value = String(store.state.seed);
            }} />
        </div>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-attention-controls': AttentionControls;
  }
}
