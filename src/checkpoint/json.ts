/**
 * The small JSON files that come with checkpoints (a shard index, an adapter config), parsed with
 * JSON.parse after a size cap and UTF-8 check; a syntax error becomes a FormatError at its byte.
 */
import { FormatError, type FormatName } from '../formats/errors.js';
import { decodeUtf8, showText, utf8ByteLength } from '../formats/text.js';
import { readRange } from './source.js';
import type { ByteSource } from './types.js';

const MAX_JSON_BYTES = 64 * 2 ** 20;

/** A JSON object's members; never a prototype, so '__proto__' keys stay data. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Reads `source` whole (at most 64 MiB) as a JSON object. Throws FormatError. */
export async function readJsonObject(source: ByteSource, format: FormatName): Promise<JsonObject> {
  if (source.size > MAX_JSON_BYTES) {
    throw new FormatError(`'${showText(source.name)}' is ${source.size} bytes; Hinge reads JSON files of at most 64 MiB.`, format);
  }
  const bytes = await readRange(source, 0, source.size, format);
  const { text } = decodeUtf8(bytes, 0, bytes.length, format, `'${showText(source.name)}'`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    const at = position === undefined ? undefined : utf8ByteLength(text, Number(position));
    throw new FormatError(`'${showText(source.name)}' is not valid JSON${at === undefined ? '' : ` (byte ${at})`}.`, format, at);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FormatError(`'${showText(source.name)}' must hold a JSON object.`, format, 0);
  }
  return value as JsonObject;
}

/** obj[key] only when obj has it as its own member. */
export function member(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}
