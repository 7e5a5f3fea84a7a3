/**
 * Where a tensor sits in the network, read from its name: the layer index and the module, for
 * the charts across depth (one line per module kind). Knows the naming of Hugging Face Llama-style
 * (`model.layers.12.self_attn.q_proj.weight`), GPT-2 (`transformer.h.3.attn.c_attn.weight`),
 * BERT (`encoder.layer.3.attention.self.query.weight`), GGUF (`blk.3.attn_q.weight`) and
 * generic `blocks.N` / `layer.N` checkpoints.
 */

/** What a module does, the same across architectures (GPT-2's fused c_attn is 'qkv'). */
export type ModuleKind = 'q' | 'k' | 'v' | 'qkv' | 'o' | 'gate' | 'up' | 'down' | 'norm' | 'embedding' | 'head' | 'other';

/** A tensor name, parsed. */
export interface LayerName {
  /** The block index, or undefined outside the repeated blocks (embeddings, final norm, head). */
  readonly layer: number | undefined;
  /** The module's own name, the segment before the parameter ('q_proj', 'c_attn', 'attn_q'). */
  readonly module: string;
  /** The path from the block to the module ('self_attn.q_proj', 'mlp.c_proj'). */
  readonly path: string;
  readonly kind: ModuleKind;
  /** The parameter: 'weight', 'bias', … (the last segment), or '' when the name has one segment. */
  readonly parameter: string;
}

const BLOCK = /(?:^|\.)(?:layers|h|blocks|block|layer|blk|decoder\.layers|encoder\.layers)\.(\d+)\.(.+)$/;

const KINDS: readonly [RegExp, ModuleKind][] = [
  [/(^|\.)(q_proj|query|attn_q|q|wq)$/, 'q'],
  [/(^|\.)(k_proj|key|attn_k|k|wk)$/, 'k'],
  [/(^|\.)(v_proj|value|attn_v|v|wv)$/, 'v'],
  [/(^|\.)(c_attn|qkv|qkv_proj|query_key_value|Wqkv|attn_qkv)$/, 'qkv'],
  [/(^|\.)(o_proj|out_proj|attn_output|wo)$|attn\.c_proj$|attention\.(output\.)?dense$/, 'o'],
  [/(^|\.)(gate_proj|ffn_gate|w1)$/, 'gate'],
  [/(^|\.)(up_proj|c_fc|fc1|ffn_up|w3)$|intermediate\.dense$/, 'up'],
  [/(^|\.)(down_proj|fc2|ffn_down|w2)$|mlp\.c_proj$|^output\.dense$/, 'down'],
  [/(norm|ln_\d|ln_f|layernorm|LayerNorm)/i, 'norm'],
  [/(embed|wte|wpe|token_embd|position)/i, 'embedding'],
  [/(lm_head|^output$|classifier)/, 'head'],
];

/**
 * Parses a tensor name into layer index, module, path, kind and parameter.
 * @example layerName('model.layers.12.self_attn.q_proj.weight') // { layer: 12, module: 'q_proj', path: 'self_attn.q_proj', kind: 'q', parameter: 'weight' }
 */
export function layerName(name: string): LayerName {
  const parts = name.split('.');
  const parameter = parts.length > 1 ? parts[parts.length - 1] : '';
  const withoutParameter = parts.length > 1 ? parts.slice(0, -1).join('.') : name;
  const match = BLOCK.exec(name);
  const layer = match === null ? undefined : Number(match[1]);
  const rest = match === null ? withoutParameter : match[2].split('.').slice(0, -1).join('.');
  const path = rest === '' ? withoutParameter : rest;
  const module = path.split('.').pop() ?? path;
  // BERT's attention.output.dense is o, the block's own output.dense is down: o is tried first.
  const kind = KINDS.find(([pattern]) => pattern.test(path))?.[1] ?? 'other';
  return { layer, module, path, kind, parameter };
}
