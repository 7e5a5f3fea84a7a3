/**
 * A strict JSON reader working on bytes, for the safetensors header. Not JSON.parse, for three
 * reasons: JSON.parse keeps the last of two equal keys where safetensors forbids duplicates, it
 * rounds integers beyond 2^53 where the header's sizes must stay exact, and it cannot say at which
 * byte of the file the text goes wrong. The grammar is RFC 8259's, as serde_json reads it (the
 * Rust crate's parser): no comments, no trailing commas, no lone surrogates, nesting up to 128.
 */
import { FormatError } from './errors.js';
import { decodeLatin1, decodeUtf8, showChar, showText } from './text.js';

/** A parsed JSON value; `at` is the byte offset in the file where it begins. */
export type JsonValue =
  | { readonly kind: 'object'; readonly entries: readonly JsonEntry[]; readonly at: number }
  | { readonly kind: 'array'; readonly items: readonly JsonValue[]; readonly at: number }
  | { readonly kind: 'string'; readonly value: string; readonly at: number }
  /** Numbers keep their text: sizes are checked as exact integers, never through a rounded double. */
  | { readonly kind: 'number'; readonly text: string; readonly at: number }
  | { readonly kind: 'true' | 'false' | 'null'; readonly at: number };

/** One member of an object, in the order written; `keyAt` is the key's byte offset. */
export interface JsonEntry {
  readonly key: string;
  readonly keyAt: number;
  readonly value: JsonValue;
}

const MAX_DEPTH = 128; // serde_json's recursion limit
const ESCAPES: Readonly<Record<number, string>> = { 0x22: '"', 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t' };

/**
 * Parses bytes[start, end) — which must already be valid UTF-8 — as one JSON value followed only
 * by JSON whitespace. Objects with a key written twice are refused. Throws FormatError
 * ('safetensors') at the offending byte.
 */
export function parseJsonBytes(file: Uint8Array, start: number, end: number): JsonValue {
  // Reads past `end` give undefined, so the tensor data after the header can never complete it.
  const bytes = file.subarray(0, end);
  let i = start;

  const fail = (message: string, at = i): never => {
    throw new FormatError(`The header is not valid JSON: ${message} (byte ${at}).`, 'safetensors', at);
  };
  const found = (): string => (i < end ? `found '${showChar(bytes[i])}'` : 'the header ended');
  const skipSpace = (): void => {
    while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  };

  function value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) fail(`values are nested more than ${MAX_DEPTH} deep`);
    skipSpace();
    const at = i;
    const c = bytes[i];
    if (c === 0x7b) return object(depth, at);
    if (c === 0x5b) return array(depth, at);
    if (c === 0x22) return { kind: 'string', value: string(), at };
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return number(at);
    for (const word of ['true', 'false', 'null'] as const) {
      if (matches(word)) {
        i += word.length;
        return { kind: word, at };
      }
    }
    return fail(`expected a value, ${found()}`);
  }

  function matches(word: string): boolean {
    if (i + word.length > end) return false;
    for (let k = 0; k < word.length; k++) if (bytes[i + k] !== word.charCodeAt(k)) return false;
    return true;
  }

  function object(depth: number, at: number): JsonValue {
    i++;
    const entries: JsonEntry[] = [];
    // Small objects (a tensor's three fields) are checked by scanning; a Set only pays off for large ones.
    let seen: Set<string> | undefined;
    const isDuplicate = (key: string): boolean => {
      if (seen === undefined && entries.length < 16) return entries.some((e) => e.key === key);
      seen ??= new Set(entries.map((e) => e.key));
      return seen.has(key) || (seen.add(key), false);
    };
    skipSpace();
    if (bytes[i] === 0x7d) {
      i++;
      return { kind: 'object', entries, at };
    }
    for (;;) {
      skipSpace();
      const keyAt = i;
      if (bytes[i] !== 0x22) fail(`expected a key in double quotes, ${found()}`);
      const key = string();
      if (isDuplicate(key)) {
        throw new FormatError(
          `The header gives the key '${showText(key)}' twice (again at byte ${keyAt}); the safetensors format forbids duplicate keys.`,
          'safetensors',
          keyAt,
        );
      }
      skipSpace();
      if (bytes[i] !== 0x3a) fail(`expected ':' after a key, ${found()}`);
      i++;
      entries.push({ key, keyAt, value: value(depth + 1) });
      skipSpace();
      if (bytes[i] === 0x7d) break;
      if (bytes[i] !== 0x2c) fail(`expected ',' or '}', ${found()}`);
      i++;
    }
    i++;
    return { kind: 'object', entries, at };
  }

  function array(depth: number, at: number): JsonValue {
    i++;
    const items: JsonValue[] = [];
    skipSpace();
    if (bytes[i] === 0x5d) {
      i++;
      return { kind: 'array', items, at };
    }
    for (;;) {
      items.push(value(depth + 1));
      skipSpace();
      if (bytes[i] === 0x5d) break;
      if (bytes[i] !== 0x2c) fail(`expected ',' or ']', ${found()}`);
      i++;
    }
    i++;
    return { kind: 'array', items, at };
  }

  // A run of a string between escapes: Latin-1 when all ASCII (the common case), else UTF-8.
  function run(from: number, to: number, ascii: boolean): string {
    return ascii ? decodeLatin1(bytes, from, to) : decodeUtf8(bytes, from, to, 'safetensors', 'header').text;
  }

  function string(): string {
    const at = i++;
    let parts: string[] | undefined;
    let from = i;
    let ascii = true;
    for (;;) {
      if (i >= end) fail('a string is not closed', at);
      const c = bytes[i];
      if (c === 0x22) break;
      if (c < 0x20) fail('a control character inside a string must be escaped');
      if (c !== 0x5c) {
        if (c >= 0x80) ascii = false;
        i++;
        continue;
      }
      parts ??= [];
      parts.push(run(from, i, ascii), escape());
      from = i;
      ascii = true;
    }
    const last = run(from, i, ascii);
    i++;
    return parts === undefined ? last : parts.join('') + last;
  }

  // The escape at i (a backslash), as text; i moves past it.
  function escape(): string {
    const e = bytes[++i];
    if (e in ESCAPES) {
      i++;
      return ESCAPES[e];
    }
    if (e !== 0x75) return fail('a backslash starts no escape JSON knows');
    const unit = hex4(i + 1);
    i += 5;
    if (unit >= 0xdc00 && unit <= 0xdfff) fail('a \\u escape is half of a surrogate pair', i - 6);
    if (unit < 0xd800 || unit > 0xdbff) return String.fromCharCode(unit);
    // A high surrogate must be followed by a low one, as serde_json requires.
    const low = bytes[i] === 0x5c && bytes[i + 1] === 0x75 ? hex4(i + 2) : -1;
    if (low < 0xdc00 || low > 0xdfff) fail('a \\u escape is half of a surrogate pair', i - 6);
    i += 6;
    return String.fromCharCode(unit, low);
  }

  function hex4(from: number): number {
    let unit = 0;
    for (let k = from; k < from + 4; k++) {
      const c = k < end ? bytes[k] : -1;
      const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
      if (digit < 0) fail('a \\u escape needs four hex digits', from - 2);
      unit = unit * 16 + digit;
    }
    return unit;
  }

  function number(at: number): JsonValue {
    // -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?, scanned on the bytes themselves.
    const isDigit = (k: number): boolean => k < end && bytes[k] >= 0x30 && bytes[k] <= 0x39;
    const digits = (): void => {
      if (!isDigit(i)) fail('a number is malformed', at);
      while (isDigit(i)) i++;
    };
    if (bytes[i] === 0x2d) i++;
    if (bytes[i] === 0x30 && i < end) i++;
    else digits();
    if (i < end && bytes[i] === 0x2e) {
      i++;
      digits();
    }
    if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
      i++;
      if (i < end && (bytes[i] === 0x2b || bytes[i] === 0x2d)) i++;
      digits();
    }
    if (isDigit(i)) fail('a number is malformed', at); // a leading zero, as in 012
    return { kind: 'number', text: decodeLatin1(bytes, at, i), at };
  }

  if (bytes[start] !== 0x7b) {
    throw new FormatError(
      `The header must begin with '{' (byte ${start}), as the safetensors format requires.`,
      'safetensors',
      start,
    );
  }
  const result = value(0);
  skipSpace();
  if (i < end) fail(`expected only spaces after the header's closing '}', ${found()}`);
  return result;
}
