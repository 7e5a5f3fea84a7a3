/**
 * A deliberately naive reference for attention: every head from its own separately sliced
 * matrices, explicit loops, the textbook softmax exp(s)/Σexp(s) without the max shift (fine for
 * the moderate scores it is given), the mask applied after the softmax by zeroing and
 * renormalizing. It shares no code with src/attention.
 */
export type Rows = number[][];

export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomRows(m: number, n: number, rnd: () => number, size = 1): Rows {
  return Array.from({ length: m }, () => Array.from({ length: n }, () => size * (2 * rnd() - 1)));
}

function mul(A: Rows, B: Rows): Rows {
  const out: Rows = [];
  for (let i = 0; i < A.length; i++) {
    out.push([]);
    for (let j = 0; j < B[0]!.length; j++) {
      let s = 0;
      for (let k = 0; k < B.length; k++) s += A[i]![k]! * B[k]![j]!;
      out[i]!.push(s);
    }
  }
  return out;
}

const columns = (A: Rows, from: number, to: number) => A.map((row) => row.slice(from, to));

export interface ReferenceOptions {
  scale: boolean;
  temperature: number;
  causal: boolean;
  heads: number;
  Wo?: Rows;
}

export function referenceAttention(X: Rows, Wq: Rows, Wk: Rows, Wv: Rows, o: ReferenceOptions) {
  const dk = Wq[0]!.length / o.heads;
  const dv = Wv[0]!.length / o.heads;
  const weights: Rows[] = [];
  const heads: Rows[] = [];
  for (let t = 0; t < o.heads; t++) {
    const Q = mul(X, columns(Wq, t * dk, (t + 1) * dk));
    const K = mul(X, columns(Wk, t * dk, (t + 1) * dk));
    const V = mul(X, columns(Wv, t * dv, (t + 1) * dv));
    const A = Q.map((q) => {
      const e = K.map((k) => Math.exp(q.reduce((s, v, c) => s + v * k[c]!, 0) / ((o.scale ? Math.sqrt(dk) : 1) * o.temperature)));
      return e;
    });
    const W = A.map((row, i) => {
      const kept = row.map((v, j) => (o.causal && j > i ? 0 : v));
      const sum = kept.reduce((s, v) => s + v, 0);
      return kept.map((v) => v / sum);
    });
    weights.push(W);
    heads.push(mul(W, V));
  }
  const concat = X.map((_, i) => heads.flatMap((h) => h[i]!));
  return { weights, heads, output: o.Wo ? mul(concat, o.Wo) : concat };
}
