/**
 * Text to token ids with the checkpoint's own tokenizer: `tokenizer.json` (and
 * `tokenizer_config.json` when given) read by Hugging Face's tokenizers.js, which implements the
 * same normalizers, pre-tokenizers (GPT-2's byte-level BPE, SentencePiece's Metaspace …) and
 * models as the Rust `tokenizers` crate — no hand-written BPE.
 */
import { Tokenizer } from '@huggingface/tokenizers';
import { FormatError } from '../formats/errors.js';
import { readJsonObject } from './json.js';
import { baseName } from './source.js';
import type { ByteSource } from './types.js';

/** A text split into the model's tokens. */
export interface TextTokens {
  readonly ids: number[];
  /** The tokens as the vocabulary spells them (GPT-2 writes a leading space as 'Ġ'). */
  readonly tokens: string[];
}

/** A checkpoint's tokenizer. */
export interface CheckpointTokenizer {
  /**
   * True for a byte-level BPE (GPT-2's: every byte spelled as one printable character, a space as
   * 'Ġ'); false for SentencePiece-style vocabularies ('▁' for a space, '<0x0A>' byte tokens).
   */
  readonly byteLevel: boolean;
  /** Splits `text` into tokens with the special tokens the tokenizer's post-processor adds. */
  encode(text: string): TextTokens;
}

/**
 * Builds the tokenizer from `tokenizer.json` among `sources` (and `tokenizer_config.json` beside
 * it if present). Rejects with FormatError when tokenizer.json is missing, is not JSON, or
 * describes a tokenizer tokenizers.js cannot build; `encode` throws FormatError if it fails.
 */
export async function openTokenizer(sources: readonly ByteSource[]): Promise<CheckpointTokenizer> {
  const json = sources.find((s) => baseName(s.name) === 'tokenizer.json');
  if (json === undefined) throw new FormatError('No tokenizer.json was given; the model’s tokenizer is needed to turn text into token ids.', 'checkpoint');
  const configSource = sources.find((s) => baseName(s.name) === 'tokenizer_config.json');
  const [definition, config] = await Promise.all([readJsonObject(json, 'checkpoint'), configSource ? readJsonObject(configSource, 'checkpoint') : {}]);
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(definition, config);
  } catch (error) {
    throw new FormatError(`tokenizer.json describes a tokenizer Hinge cannot build: ${error instanceof Error ? error.message : String(error)}`, 'checkpoint');
  }
  return {
    byteLevel: usesByteLevel(definition),
    encode(text: string): TextTokens {
      try {
        const { ids, tokens } = tokenizer.encode(text);
        return { ids: [...ids], tokens: [...tokens] };
      } catch (error) {
        throw new FormatError(`The tokenizer failed on this text: ${error instanceof Error ? error.message : String(error)}`, 'checkpoint');
      }
    },
  };
}

/** Whether the tokenizer's decoder or pre-tokenizer (or one inside a Sequence) is ByteLevel. */
function usesByteLevel(definition: unknown): boolean {
  const isByteLevel = (part: unknown): boolean => {
    if (typeof part !== 'object' || part === null) return false;
    const { type, decoders, pretokenizers } = part as { type?: unknown; decoders?: unknown; pretokenizers?: unknown };
    if (type === 'ByteLevel') return true;
    const inner = Array.isArray(decoders) ? decoders : Array.isArray(pretokenizers) ? pretokenizers : [];
    return inner.some(isByteLevel);
  };
  const { decoder, pre_tokenizer: pre } = (definition ?? {}) as { decoder?: unknown; pre_tokenizer?: unknown };
  return isByteLevel(decoder) || isByteLevel(pre);
}
