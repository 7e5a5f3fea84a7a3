/**
 * The Attention lab's real mode: what it draws of a checkpoint's layer 0 (the picture of one
 * head, its matrices, the clicked token's row) and what it says about the source (architecture,
 * sizes, what was read). Pure functions of the worker's result; the lab owns the state.
 */
import { html, nothing } from 'lit';
import { rowEntropy } from '../../../src/attention/index.js';
import { formatNumber } from '../../../src/layer/index.js';
import { formatBytes } from '../model/model-rows.js';
import type { RealHeads } from '../../workers/real-attention-client.js';
import { subscript, viewGeometry, type ViewGeometry } from './attention-model.js';

const f3 = (v: number) => formatNumber(v, 3);
const vector = (v: readonly number[]) => `(${v.map(f3).join(', ')})`;

/** One head of the real result as the lab's picture: value points, the query's output, labels. */
export interface RealPicture {
  readonly view: ViewGeometry;
  readonly labels: readonly string[];
  readonly head: number;
  readonly query: number;
}

/**
 * The picture of head `head` for query `query` (both clamped to what exists): the head's value
 * vectors (their own coordinates when d_head ≤ 3, else their top `projection` principal
 * directions) and the query's output Σⱼ wⱼvⱼ among them; labels are the readable tokens numbered.
 */
export function realPicture(r: RealHeads, head: number, query: number, projection: 2 | 3): RealPicture {
  const h = Math.max(0, Math.min(head, r.heads - 1));
  const i = Math.max(0, Math.min(query, r.ids.length - 1));
  return {
    view: viewGeometry(r.v[h]!, r.weights[h]![i]!, r.output[h]![i]!, projection),
    labels: realLabels(r),
    head: h,
    query: i,
  };
}

/** The readable tokens with their positions, e.g. '␣the₂'. */
export function realLabels(r: RealHeads): string[] {
  return r.readable.map((t, i) => `${t}${subscript(i + 1)}`);
}

const ARCHITECTURE = { gpt2: 'GPT-2', llama: 'Llama-style' } as const;

/** One line on the model: architecture, d, heads (key/value heads when grouped), d_head, positions. */
export function realModelLine(r: RealHeads): string {
  const kv = r.kvHeads !== r.heads ? ` sharing ${r.kvHeads} key/value heads` : '';
  const positions = r.positions === undefined ? 'rotary positions (RoPE)' : `${r.positions} positions`;
  return `${ARCHITECTURE[r.architecture]}: d = ${r.d}, ${r.heads} heads${kv} of d_head = ${r.headDim}, ${positions}.`;
}

/** What was read to compute the heads, e.g. "wte: 8 of 50257 rows; …; 7.1 MB of 548 MB read". */
export function realReadLine(r: RealHeads): string {
  const parts = r.reads.map((t) => {
    const name = t.name.replace(/^(transformer|model)\./, '');
    return t.rows === undefined ? `${name} [${t.shape.join('×')}]` : `${name}: ${t.rows} of ${t.shape[0]} rows`;
  });
  return `Read ${parts.join('; ')} — ${formatBytes(r.bytesRead)} of ${formatBytes(r.totalBytes)} in the files (with config.json, tokenizer.json and the weights' headers).`;
}

/** The formulas of layer 0 for the architecture, in words beside the lab's KaTeX. */
export function realFormula(r: RealHeads | undefined): string {
  if (r?.architecture === 'llama') {
    return 'x = embed[token]; h = RMSNorm(x); q, k = RoPE(h W_q), RoPE(h W_k); v = h W_v; weights = softmax(q kᵀ/√d_head) with the causal mask.';
  }
  return 'x = wte[token] + wpe[position]; h = LayerNorm(x); [Q K V] = h W_attn + b; weights = softmax(Q Kᵀ/√d_head) with the causal mask.';
}

/** The clicked token's readout for the shown head: its query, its row of scores and weights, entropy, output. */
export function realQueryReadout(r: RealHeads, p: RealPicture) {
  const { head: h, query: i } = p;
  const weights = r.weights[h]![i]!;
  const H = rowEntropy(weights);
  return html`<section>
    <h2 aria-live="polite">Token ${i + 1}: ${r.readable[i]} · head ${h + 1}</h2>
    <div class="plain" data-testid="query-vector" data-value=${JSON.stringify(r.q[h]![i]!)}>query q${i + 1} = ${vector(r.q[h]![i]!)}</div>
    <p class="note">Its score against key j is qᵢ·kⱼ/√${r.headDim}; the causal mask hides the later tokens; softmax turns the scores into weights.</p>
    <hinge-attention-row data-testid="query-row" data-query=${i} data-scores=${JSON.stringify(r.scores[h]![i]!.map((s) => (Number.isFinite(s) ? s : null)))}
      data-weights=${JSON.stringify(weights)} fileName=${`hinge-attention-layer0-query${i + 1}-head${h + 1}`} .labels=${p.labels} .scores=${r.scores[h]![i]!}
      .weights=${weights} .query=${i}></hinge-attention-row>
    <div class="plain" data-testid="entropy" data-value=${String(H)}>entropy H = ${f3(H)} nats (even spread over ${i + 1}: ln ${i + 1} = ${f3(Math.log(i + 1))})</div>
    <div class="plain" data-testid="head-output" data-value=${JSON.stringify(r.output[h]![i]!)}>output = Σⱼ wⱼ vⱼ = ${vector(r.output[h]![i]!)}</div>
  </section>`;
}

/** Q, K, V of the shown head, its scores and its (causal) weights, as heatmaps. */
export function realMatrices(r: RealHeads, p: RealPicture) {
  const h = p.head;
  const n = r.ids.length;
  const cell = Math.max(7, Math.min(16, Math.floor(230 / n)));
  const coordCell = Math.max(5, Math.min(cell, Math.floor(360 / r.headDim)));
  const coords = Array.from({ length: r.headDim }, (_, c) => String(c + 1));
  const grouped = r.kvHeads !== r.heads ? ` (key/value head ${Math.floor(h / (r.heads / r.kvHeads)) + 1})` : '';
  const name = (m: string) => `hinge-attention-layer0-${m}-head${h + 1}`;
  return html`<section class="matrices" aria-label="Layer 0's matrices for the shown head">
    <div class="strip">
      ${(['Q', 'K', 'V'] as const).map((m) => html`<hinge-attention-heatmap name=${m} fileName=${name(m)} note=${`head ${h + 1}${m === 'Q' ? '' : grouped}`}
        .matrix=${(m === 'Q' ? r.q : m === 'K' ? r.k : r.v)[h]!} .rowLabels=${p.labels} .colLabels=${coords} .selectedRow=${m === 'K' ? -1 : p.query} .cell=${coordCell}></hinge-attention-heatmap>`)}
      <div class="arrow" aria-hidden="true">QKᵀ<br />→</div>
      <hinge-attention-heatmap name="scores" fileName=${name('scores')} note=${`QKᵀ/√${r.headDim}, causal`} .matrix=${r.scores[h]!} .rowLabels=${p.labels} .colLabels=${p.labels}
        .selectedRow=${p.query} .cell=${cell}></hinge-attention-heatmap>
      <div class="arrow" aria-hidden="true">soft-<br />max<br />→</div>
      <hinge-attention-heatmap name="weights" fileName=${name('weights')} note="rows sum to 1" scale="sequential" .matrix=${r.weights[h]!}
        .masked=${r.scores[h]!.map((row) => row.map((v) => v === -Infinity))} .rowLabels=${p.labels} .colLabels=${p.labels} .selectedRow=${p.query} .cell=${cell}></hinge-attention-heatmap>
    </div>
  </section>`;
}

/** The head buttons (and the projection when d_head > 3). */
export function realHeadControls(r: RealHeads, p: RealPicture, projection: 2 | 3, selectHead: (h: number) => void, setProjection: (k: 2 | 3) => void) {
  return html`<section>
    <h2>Head</h2>
    <div class="seg" role="group" aria-label="Head shown">
      ${Array.from({ length: r.heads }, (_, k) => html`<button aria-pressed=${k === p.head ? 'true' : 'false'} data-testid=${`real-head-${k}`}
        title=${`Show head ${k + 1} of layer 0`} @click=${() => selectHead(k)}>${k + 1}</button>`)}
    </div>
    ${r.headDim > 3 ? html`<div class="seg" role="group" aria-label="Projection" style="margin-top: 8px">
      <span class="note">picture:</span>
      ${([2, 3] as const).map((k) => html`<button aria-pressed=${k === projection ? 'true' : 'false'} data-testid=${`real-projection-${k}`}
        title=${`Draw the values on their top ${k} principal directions`} @click=${() => setProjection(k)}>${k}D</button>`)}
    </div>` : nothing}
  </section>`;
}
