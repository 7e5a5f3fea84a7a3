/**
 * What the Attention lab shows, computed from its state: the tokens, X, attention itself, and
 * the geometry of the picture (value points, the clicked token's output, its weights).
 */
import {
  attention, embedTokens, positionalEncoding, principalProjection, projectPoint, rowEntropy, softmax, tokenize,
  type AttentionResult,
} from '../../../src/attention/index.js';
import type { AttentionState } from './attention-store.js';

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';

/** A number as subscript digits: 12 → ₁₂. */
export function subscript(n: number): string {
  return String(n).replace(/\d/g, (c) => SUBSCRIPT[Number(c)]!);
}

/** The picture of one head: its value vectors and the clicked token's output among them. */
export interface ViewGeometry {
  readonly space: 2 | 3;
  /** 'direct' draws the values' own coordinates (d_k ≤ 3); 'projection' their top principal directions. */
  readonly kind: 'direct' | 'projection';
  readonly axisNames: readonly string[];
  /** One point per token, in drawing coordinates (length `space`). */
  readonly points: readonly (readonly number[])[];
  /** The clicked token's head output Σⱼ wⱼvⱼ, in the same coordinates. */
  readonly output: readonly number[];
  /** The clicked token's weights over the keys (this head). */
  readonly weights: readonly number[];
  /** For a projection, the share of the values' spread each drawn direction keeps. */
  readonly kept: readonly number[];
}

export interface AttentionModel {
  readonly tokens: readonly string[];
  /** Token labels with their position, e.g. "the₁", "the₅". */
  readonly labels: readonly string[];
  /** Embeddings before the position code (n×d). */
  readonly E: number[][];
  /** The position codes added (n×d; zeros when off). */
  readonly P: number[][];
  /** The attention input X = E (+ P). */
  readonly X: number[][];
  readonly result: AttentionResult;
  /** The head shown and the query clicked, both clamped to what exists. */
  readonly head: number;
  readonly query: number;
  /** Per row, the entropy (nats) of the shown head's weights. */
  readonly entropy: number[];
  /** The clicked row's entropy had √d_k scaling been the other way round (same temperature). */
  readonly entropyOtherScaling: number;
  readonly view: ViewGeometry;
}

/** One head's columns of a projected matrix (Q, K or V). */
export function headColumns(M: readonly (readonly number[])[], head: number, width: number): number[][] {
  return M.map((row) => row.slice(head * width, (head + 1) * width));
}

/**
 * Everything the lab shows for `state`. Throws what `attention` throws (an overflowing inner
 * product); the lab checks a candidate state with this before storing it.
 */
export function attentionModel(state: AttentionState): AttentionModel {
  const tokens = tokenize(state.sentence).map((t) => t.text);
  const n = tokens.length;
  const E = embedTokens(tokens, state.d, state.seed, false, state.embeddings ?? undefined);
  const P = state.positional ? positionalEncoding(n, state.d) : E.map((row) => row.map(() => 0));
  const X = E.map((row, i) => row.map((v, k) => v + P[i]![k]!));
  const { W_Q, W_K, W_V, W_O } = state.weights;
  const result = attention(X, W_Q, W_K, W_V, {
    scale: state.scale,
    temperature: state.temperature,
    causal: state.causal,
    heads: state.heads,
    Wo: state.heads > 1 ? W_O : undefined,
  });
  const head = Math.min(state.head, state.heads - 1);
  const query = Math.min(state.query, n - 1);
  const weights = result.weights[head]!;
  const entropy = weights.map(rowEntropy);
  const dk = result.dk;
  const factor = state.scale ? Math.sqrt(dk) : 1 / Math.sqrt(dk);
  const other = softmax(result.scores[head]![query]!.map((s) => s * factor), query);
  return {
    tokens,
    labels: tokens.map((t, i) => `${t}${subscript(i + 1)}`),
    E, P, X, result, head, query, entropy,
    entropyOtherScaling: rowEntropy(other),
    view: viewGeometry(headColumns(result.V, head, result.dv), weights[query]!, result.headOutputs[head]![query]!, state.projection),
  };
}

/**
 * Value vectors of d_v ≤ 3 are drawn as they are (d_v = 1 on the x axis); longer ones are
 * projected onto their top principal directions (centred), an affine map, so the output — a
 * weighted average of the values — lands on the same weighted average of the projected points.
 */
export function viewGeometry(values: number[][], weights: readonly number[], output: readonly number[], projection: 2 | 3): ViewGeometry {
  const dv = values[0]?.length ?? 0;
  if (dv <= 3) {
    const space = dv === 3 ? 3 : 2;
    const pad = (p: readonly number[]) => [...p, 0, 0].slice(0, space);
    return {
      space, kind: 'direct', axisNames: ['v₁', 'v₂', 'v₃'].slice(0, space),
      points: values.map(pad), output: pad(output), weights, kept: [],
    };
  }
  const k = projection;
  const p = principalProjection(values, k);
  return {
    space: k, kind: 'projection', axisNames: ['PC₁', 'PC₂', 'PC₃'].slice(0, k),
    points: p.coords, output: projectPoint(p, output), weights, kept: p.kept,
  };
}
