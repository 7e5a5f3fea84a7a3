/**
 * Bytes to text for file headers. A strict UTF-8 decoder of our own rather than TextDecoder, because
 * a refusal must name the byte where the encoding breaks, and TextDecoder only says that it broke.
 */
import { FormatError, type FormatName } from './errors.js';

/** A decoded piece of text with its length in code points (Python's len(), which numpy checks). */
export interface DecodedText {
  readonly text: string;
  readonly codePoints: number;
}

// String.fromCharCode.apply takes its arguments on the stack; chunks keep that bounded.
const CHUNK = 8192;

/**
 * Decodes bytes[start, end) as UTF-8 exactly as the Unicode standard defines it (no overlong
 * forms, no surrogates U+D800–U+DFFF, nothing above U+10FFFF, no truncated sequence), and throws
 * FormatError at the first byte that breaks it, naming `what` was being read. With `build` false
 * it only checks, and returns an empty text (the code points are still counted).
 */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number, format: FormatName, what: string, build = true): DecodedText {
  const units: number[] = [];
  const parts: string[] = [];
  let codePoints = 0;
  let i = start;
  while (i < end) {
    const b0 = bytes[i];
    let cp: number;
    let length: number;
    if (b0 < 0x80) {
      cp = b0;
      length = 1;
    } else {
      length = b0 >= 0xc2 && b0 <= 0xdf ? 2 : b0 >= 0xe0 && b0 <= 0xef ? 3 : b0 >= 0xf0 && b0 <= 0xf4 ? 4 : 0;
      // The second byte's range excludes overlong forms (E0, F0), surrogates (ED) and > U+10FFFF (F4).
      const low = b0 === 0xe0 ? 0xa0 : b0 === 0xf0 ? 0x90 : 0x80;
      const high = b0 === 0xed ? 0x9f : b0 === 0xf4 ? 0x8f : 0xbf;
      if (length === 0 || i + length > end || bytes[i + 1] < low || bytes[i + 1] > high) throw badUtf8(i, format, what);
      cp = b0 & (0xff >> (length + 1));
      for (let k = 1; k < length; k++) {
        const b = bytes[i + k];
        if ((b & 0xc0) !== 0x80) throw badUtf8(i, format, what);
        cp = (cp << 6) | (b & 0x3f);
      }
    }
    codePoints++;
    i += length;
    if (!build) continue;
    if (cp >= 0x10000) {
      units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    } else {
      units.push(cp);
    }
    if (units.length >= CHUNK) parts.push(String.fromCharCode(...units.splice(0)));
  }
  parts.push(String.fromCharCode(...units));
  return { text: parts.join(''), codePoints };
}

/** Decodes bytes[start, end) as Latin-1: every byte is the code point of the same number. */
export function decodeLatin1(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= 32) {
    // Short strings (names, numbers) are most of a header; a loop beats building argument lists.
    let text = '';
    for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]);
    return text;
  }
  const parts: string[] = [];
  for (let i = start; i < end; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, bytes.subarray(i, Math.min(end, i + CHUNK)) as unknown as number[]));
  }
  return parts.join('');
}

/** How many bytes the UTF-8 encoding of text[0, index) takes: maps a string index to a byte offset. */
export function utf8ByteLength(text: string, index: number): number {
  let bytes = 0;
  for (let i = 0; i < index; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < index) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function badUtf8(offset: number, format: FormatName, what: string): FormatError {
  return new FormatError(`The ${what} is not valid UTF-8 text: the bytes at byte ${offset} do not encode a character.`, format, offset);
}

/** "1 byte", "2 bytes": a count with its noun, for messages. */
export function plural(count: number | bigint, noun: string): string {
  return `${count} ${count === 1 || count === 1n ? noun : `${noun}s`}`;
}

/** A character as a message shows it: itself, or \xNN when it is invisible (controls, NUL). */
export function showChar(code: number): string {
  return code < 0x20 || (code >= 0x7f && code <= 0xa0) ? `\\x${code.toString(16).padStart(2, '0')}` : String.fromCodePoint(code);
}

/**
 * Text from a file quoted in a message: invisible characters shown as \xNN (a name can hold any
 * character), and anything past `max` characters cut with an ellipsis.
 */
export function showText(text: string, max = 60): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(/[\x00-\x1f\x7f-\xa0]/g, (c) => showChar(c.charCodeAt(0)));
}

/**
 * TextEncoder is in every runtime Hinge runs in (browsers, workers, Node, Electron); src/ has no DOM
 * types, so only the part used here is declared.
 */
declare const TextEncoder: { new (): { encode(input: string): Uint8Array } };
const encoder = new TextEncoder();

declare const TextDecoder: { new (): { decode(input: Uint8Array): string } };
const asciiDecoder = new TextDecoder();

/**
 * The text of bytes[start, end) that the caller has checked are all ASCII (< 0x80), where UTF-8,
 * Latin-1 and ASCII agree: the engine's decoder, much faster than decodeLatin1 on megabytes.
 */
export function decodeAscii(bytes: Uint8Array, start: number, end: number): string {
  return asciiDecoder.decode(bytes.subarray(start, end));
}

/** The UTF-8 bytes of a string, by TextEncoder (a lone surrogate becomes U+FFFD, EF BF BD). */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}
