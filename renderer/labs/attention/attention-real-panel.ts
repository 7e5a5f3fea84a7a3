/**
 * The Attention lab's controls for its real source: the toy/real switch, opening a checkpoint
 * (files or a folder), what the lab understands and what it read, the sentence with its refusal
 * in place, the head, the clicked token's readout, and the way back to the toy model.
 */
import { html, nothing } from 'lit';
import type { JobView } from '../job-controller.js';
import { realHeadControls, realModelLine, realPicture, realQueryReadout, realReadLine } from './attention-real-view.js';
import type { RealAttentionSession } from './real-source.js';

/** What the panel's controls do (the lab's methods). */
export interface RealPanelActions {
  setMode(mode: 'toy' | 'real'): void;
  /** A file input's change: the chosen files become the real source. */
  open(event: Event): void;
  sentence(text: string): void;
  head(head: number): void;
  projection(projection: 2 | 3): void;
}

/** The switch between the toy model and a real checkpoint's layer 0. */
export function sourceSwitch(isReal: boolean, act: RealPanelActions) {
  return html`<section>
    <h2>Model</h2>
    <div class="seg" role="group" aria-label="Which model">
      <button aria-pressed=${isReal ? 'false' : 'true'} data-testid="source-toy" title="A made-up model: seeded token vectors and projections you can edit"
        @click=${() => act.setMode('toy')}>Toy model</button>
      <button aria-pressed=${isReal ? 'true' : 'false'} data-testid="source-real" title="Layer 0 of a real GPT-2 or Llama-style checkpoint on your sentence"
        @click=${() => act.setMode('real')}>Real checkpoint, layer 0</button>
    </div>
  </section>`;
}

function sourceSection(real: RealAttentionSession, job: JobView<unknown>, act: RealPanelActions) {
  const r = real.result;
  const failure = real.sourceError ?? (job.status === 'failed' ? job.message : undefined);
  return html`<section>
    <h2>Checkpoint</h2>
    <div class="seg">
      <label class="button primary" title="Choose a checkpoint's files: config.json, tokenizer.json and the weights (one .safetensors or .bin, or an index with its shards)">
        Open files…<input type="file" multiple data-testid="real-open-input" @change=${(e: Event) => act.open(e)} /></label>
      <label class="button" title="Choose a checkpoint folder (a Hugging Face model folder)">Open folder…<input type="file" webkitdirectory data-testid="real-folder-input" @change=${(e: Event) => act.open(e)} /></label>
    </div>
    <div class="facts" style="margin-top: 8px">
      ${real.files ? html`<div data-testid="real-summary"><b>${real.label}</b>${r ? html` — ${realModelLine(r)}` : nothing}</div>` : nothing}
      ${job.status === 'running' ? html`<div class="note" data-testid="real-progress">Reading layer 0 and computing its heads…</div>` : nothing}
      ${failure ? html`<div class="error" role="alert" data-testid="real-source-error">${failure}</div>` : nothing}
      ${r ? html`<div class="read" data-testid="real-read">${realReadLine(r)}</div>` : nothing}
      <p class="note">Hinge understands GPT-2 (LayerNorm, the fused c_attn, learned positions) and Llama-style models (RMSNorm, RoPE, grouped-query heads): it needs
        config.json, tokenizer.json and the weights. Only layer 0 is exact without running the model: every later layer's input is what the layers before it computed.</p>
      <p class="note">Not saved with the project: the weights stay in your files; a saved project keeps the toy model and its sentence.</p>
    </div>
  </section>`;
}

function sentenceSection(real: RealAttentionSession, act: RealPanelActions) {
  const err = real.sentenceError;
  const r = real.result;
  return html`<section>
    <label for="sentence"><h2>Sentence</h2></label>
    <input id="sentence" type="text" data-testid="sentence" spellcheck="false" autocomplete="off" .value=${real.sentence}
      aria-invalid=${err ? 'true' : 'false'} aria-describedby=${err ? 'sentence-error' : nothing}
      title="Split into tokens by the checkpoint's own tokenizer" @input=${(e: Event) => act.sentence((e.target as HTMLInputElement).value)} />
    ${err
      ? html`<div class="error" role="alert" id="sentence-error" data-testid="sentence-error">${err}${r ? html`<div>Still showing the last sentence that fit.</div>` : nothing}</div>`
      : r ? html`<p class="note">${r.ids.length} token${r.ids.length === 1 ? '' : 's'} from the checkpoint's tokenizer.json (at most ${r.maxTokens} here).</p>` : nothing}
  </section>`;
}

/** Everything the aside shows in real mode. */
export function realPanel(real: RealAttentionSession, job: JobView<unknown>, act: RealPanelActions) {
  const r = real.result;
  const p = r ? realPicture(r, real.head, real.query, real.projection) : undefined;
  return html`
    ${sourceSection(real, job, act)}
    ${real.files ? sentenceSection(real, act) : nothing}
    ${r && p ? html`${realHeadControls(r, p, real.projection, (h) => act.head(h), (k) => act.projection(k))}${realQueryReadout(r, p)}` : nothing}
    <section>
      <p class="note" data-testid="toy-only-note">d, d_k, the seed, √d_k scaling, the temperature, the causal mask, the position code and the weight editors belong to the toy
        model; a real head's are fixed by its checkpoint${r ? ` (d = ${r.d}, d_head = ${r.headDim}, causal, scores divided by √${r.headDim})` : ''}.</p>
      <button data-testid="back-to-toy" title="Show the toy model again (its state was kept)" @click=${() => act.setMode('toy')}>Back to the toy model</button>
    </section>`;
}
