/**
 * PEFT LoRA adapters: `adapter_config.json` (r, lora_alpha, use_rslora, fan_in_fan_out,
 * rank_pattern, alpha_pattern) beside `adapter_model.safetensors`, whose tensors come in pairs
 * `<module>.lora_A.weight` (r×in) and `<module>.lora_B.weight` (out×r). The update the adapter
 * makes to the base weight is ΔW = s·B·A with s = α/r (α/√r with rsLoRA), transposed when the
 * base stores Wᵀ (fan_in_fan_out, GPT-2's Conv1D), as peft/tuners/lora/layer.py get_delta_weight.
 */
import { FormatError } from '../formats/errors.js';
import { showText } from '../formats/text.js';
import type { ReaderResult } from './assemble.js';
import { member, readJsonObject, type JsonObject } from './json.js';
import type { ByteSource, LoraAdapter, LoraPair, TensorValues } from './types.js';

const PAIR = /^(.*)\.lora_([AB])(?:\.[^.]+)?\.weight$/;
/** What PEFT puts before the base model's own module names when it saves an adapter. */
const PEFT_PREFIX = 'base_model.model.';

/** The adapter's configuration, as far as ΔW needs it. */
export interface LoraConfig {
  readonly r: number;
  readonly alpha: number;
  readonly rsLora: boolean;
  readonly fanInFanOut: boolean;
  readonly rankPattern: Readonly<Record<string, number>>;
  readonly alphaPattern: Readonly<Record<string, number>>;
}

/** Reads and checks adapter_config.json. Throws FormatError naming the bad field. */
export async function readLoraConfig(source: ByteSource): Promise<LoraConfig> {
  const json = await readJsonObject(source, 'lora');
  const positive = (key: string, value: unknown): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new FormatError(`adapter_config.json's "${showText(key)}" must be a positive number.`, 'lora');
    }
    return value;
  };
  const pattern = (key: string): Record<string, number> => {
    const value = member(json, key);
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) throw new FormatError(`adapter_config.json's "${key}" must be an object.`, 'lora');
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, positive(`${key}.${k}`, v)]));
  };
  const type = member(json, 'peft_type');
  if (type !== undefined && type !== 'LORA') throw new FormatError(`The adapter is a ${showText(String(type))} adapter; Hinge reads LoRA adapters.`, 'lora');
  return {
    r: positive('r', member(json, 'r')),
    alpha: positive('lora_alpha', member(json, 'lora_alpha')),
    rsLora: member(json, 'use_rslora') === true,
    fanInFanOut: member(json, 'fan_in_fan_out') === true,
    rankPattern: pattern('rank_pattern'),
    alphaPattern: pattern('alpha_pattern'),
  };
}

/** PEFT's pattern lookup, keys taken literally: the key equal to the module or a '.'-suffix of it. */
function lookup(patterns: Readonly<Record<string, number>>, module: string): number | undefined {
  for (const [key, value] of Object.entries(patterns)) if (module === key || module.endsWith(`.${key}`)) return value;
  return undefined;
}

/**
 * Pairs the adapter's lora_A/lora_B tensors by module and checks each pair's shapes against each
 * other and its rank against the config. Throws FormatError naming the module.
 */
export function loraPairs(weights: ReaderResult, config: LoraConfig): LoraPair[] {
  const halves = new Map<string, { a?: { name: string; shape: readonly number[] }; b?: { name: string; shape: readonly number[] } }>();
  for (const { tensor } of weights.entries) {
    const match = PAIR.exec(tensor.name);
    if (match === null) continue;
    const [, module, which] = match;
    const pair = halves.get(module) ?? {};
    pair[which === 'A' ? 'a' : 'b'] = { name: tensor.name, shape: tensor.shape };
    halves.set(module, pair);
  }
  const pairs: LoraPair[] = [];
  for (const [saved, { a, b }] of halves) {
    const module = saved.startsWith(PEFT_PREFIX) ? saved.slice(PEFT_PREFIX.length) : saved;
    const fail = (message: string): never => {
      throw new FormatError(`The LoRA pair of '${showText(module)}' ${message}.`, 'lora');
    };
    if (a === undefined || b === undefined) return fail(`has no lora_${a === undefined ? 'A' : 'B'} weight`);
    if (a.shape.length !== 2 || b.shape.length !== 2) return fail('is not two matrices');
    const [rank, inputs] = a.shape;
    const [outputs, rankB] = b.shape;
    if (rank !== rankB) fail(`has lora_A of rank ${rank} but lora_B of rank ${rankB}`);
    const r = lookup(config.rankPattern, module) ?? config.r;
    if (r !== rank) fail(`has rank ${rank}, but the config says r = ${r}`);
    const alpha = lookup(config.alphaPattern, module) ?? config.alpha;
    const scale = config.rsLora ? alpha / Math.sqrt(rank) : alpha / rank;
    const shape: [number, number] = config.fanInFanOut ? [inputs, outputs] : [outputs, inputs];
    pairs.push({ module, baseWeight: `${module}.weight`, a: a.name, b: b.name, rank, alpha, scale, fanInFanOut: config.fanInFanOut, shape });
  }
  return pairs;
}

/**
 * The adapter's ΔW reader: ΔW = scale·B·A (out×in), or its transpose with fan_in_fan_out, each
 * entry the float64 sum Σₖ B[i][k]·A[k][j] of the stored values, then times scale (peft's order).
 */
export function loraAdapter(pairs: readonly LoraPair[], read: (name: string) => Promise<TensorValues>): LoraAdapter {
  return {
    pairs,
    async delta(module: string): Promise<TensorValues> {
      const pair = pairs.find((p) => p.module === module);
      if (pair === undefined) throw new FormatError(`The adapter has no LoRA pair for '${showText(module)}'.`, 'lora');
      const [{ data: a }, { data: b }] = await Promise.all([read(pair.a), read(pair.b)]);
      const r = pair.rank;
      const outputs = b.length / r;
      const inputs = a.length / r;
      const out = new Float64Array(outputs * inputs);
      for (let i = 0; i < outputs; i++) {
        for (let k = 0; k < r; k++) {
          const bik = b[i * r + k];
          if (bik === 0) continue;
          const row = pair.fanInFanOut ? 0 : i * inputs;
          for (let j = 0; j < inputs; j++) {
            if (pair.fanInFanOut) out[j * outputs + i] += bik * a[k * inputs + j];
            else out[row + j] += bik * a[k * inputs + j];
          }
        }
      }
      for (let i = 0; i < out.length; i++) out[i] *= pair.scale;
      return { shape: [...pair.shape], data: out };
    },
  };
}
