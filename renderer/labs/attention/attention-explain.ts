/**
 * The words behind every heatmap entry, shown on hover: where a number of X, Q, K, V, the scores
 * or the weights comes from.
 */
import { formatNumber } from '../../../src/layer/index.js';
import type { CellExplainer } from './attention-heatmap.js';
import type { AttentionModel } from './attention-model.js';
import type { AttentionState } from './attention-store.js';

const f = (v: number) => formatNumber(v, 4);

export interface Explainers {
  readonly X: CellExplainer;
  readonly Q: CellExplainer;
  readonly K: CellExplainer;
  readonly V: CellExplainer;
  readonly scores: CellExplainer;
  readonly weights: CellExplainer;
}

export function explainers(model: AttentionModel, state: AttentionState): Explainers {
  const { labels, E, P, X, result, head } = model;
  const dk = result.dk;
  const projected = (letter: string, M: number[][], W: string, width: number) => (i: number, c: number) =>
    `${letter}${i + 1} (${labels[i]}), coordinate ${c + 1} = x${i + 1} · column ${head * width + c + 1} of ${W} = ${f(M[i]![head * width + c]!)}`;
  const divisor = [state.scale ? `√${dk}` : '', state.temperature !== 1 ? `T = ${formatNumber(state.temperature, 3)}` : ''].filter(Boolean);
  return {
    X: (i, k) =>
      state.positional
        ? `${labels[i]}, coordinate ${k + 1}: embedding ${f(E[i]![k]!)} + position code ${f(P[i]![k]!)} = ${f(X[i]![k]!)}`
        : `${labels[i]}, coordinate ${k + 1}: embedding ${f(X[i]![k]!)}`,
    Q: projected('q', result.Q, 'W_Q', dk),
    K: projected('k', result.K, 'W_K', dk),
    V: projected('v', result.V, 'W_V', result.dv),
    scores: (i, j) => {
      const s = result.scores[head]![i]![j]!;
      if (s === -Infinity) return `Masked: key ${j + 1} (${labels[j]}) comes after query ${i + 1} (${labels[i]}), so its weight is exactly 0.`;
      const dot = result.dots[head]![i]![j]!;
      const scaled = divisor.length ? ` ÷ ${divisor.join(' ÷ ')} = ${f(s)}` : '';
      return `query ${i + 1} (${labels[i]}) · key ${j + 1} (${labels[j]}) = ${f(dot)}${scaled}`;
    },
    weights: (i, j) => {
      const w = result.weights[head]![i]![j]!;
      if (result.scores[head]![i]![j] === -Infinity) return `Masked: ${labels[i]} may not look at the later ${labels[j]}; weight 0.`;
      return `weight of key ${j + 1} (${labels[j]}) for query ${i + 1} (${labels[i]}) = ${f(w)}: the softmax of row ${i + 1}'s scores, which sums to 1`;
    },
  };
}
