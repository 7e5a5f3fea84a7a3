/**
 * A vocabulary's spelling of a token made readable: GPT-2's byte-level BPE writes every byte as a
 * printable character (a space is 'Ġ', a newline 'Ċ'), SentencePiece writes a space as '▁' and
 * unknown bytes as '<0x0A>'. Shown to a person, a space becomes '␣', a newline '⏎', a tab '⇥', and
 * a byte that is only part of a character (GPT-2 splits 'é' into two tokens) its hex, e.g. ⟨c3⟩.
 */
import { decodeUtf8 } from '../formats/text.js';

/**
 * GPT-2's bytes_to_unicode: printable Latin-1 bytes ('!'…'~', '¡'…'¬', '®'…'ÿ') stand for
 * themselves; the other 68 bytes, in order, for U+0100, U+0101, …
 */
function byteLevelAlphabet(): Map<number, number> {
  const byChar = new Map<number, number>();
  let next = 0x100;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    byChar.set(printable ? b : next++, b);
  }
  return byChar;
}

let alphabet: Map<number, number> | undefined;

const MARKS: Readonly<Record<string, string>> = { ' ': '␣', '\n': '⏎', '\t': '⇥', '\r': '␍' };
const hex = (b: number) => `⟨${b.toString(16).padStart(2, '0')}⟩`;

/** Text with its whitespace marked and other control characters as hex. */
function marked(text: string): string {
  return text.replace(/[\x00-\x20\x7f]/g, (c) => MARKS[c] ?? hex(c.charCodeAt(0)));
}

/**
 * The token `token` as a person reads it. With `byteLevel` (tokenizer.byteLevel), each character
 * is mapped back to its byte and the bytes decoded as UTF-8; bytes that do not form whole
 * characters are shown as hex. Otherwise '▁' is a space and '<0xNN>' a byte. Whitespace is marked
 * (␣ ⏎ ⇥ ␍), so 'Ġthe' reads '␣the'. A token with characters outside the byte alphabet (an added
 * special token) is shown as it is spelled.
 */
export function readableToken(token: string, byteLevel: boolean): string {
  if (!byteLevel) {
    const byte = /^<0x([0-9A-Fa-f]{2})>$/.exec(token);
    if (byte === null) return marked(token.replace(/▁/g, ' '));
    const b = parseInt(byte[1], 16);
    return b < 0x80 ? marked(String.fromCharCode(b)) : hex(b);
  }
  alphabet ??= byteLevelAlphabet();
  const bytes: number[] = [];
  for (const ch of token) {
    const b = alphabet.get(ch.codePointAt(0)!);
    if (b === undefined) return marked(token);
    bytes.push(b);
  }
  const data = Uint8Array.from(bytes);
  try {
    return marked(decodeUtf8(data, 0, data.length, 'checkpoint', 'a token').text);
  } catch {
    // Part of a character: the printable ASCII bytes as they are, the rest as hex.
    return bytes.map((b) => (b >= 0x21 && b <= 0x7e ? String.fromCharCode(b) : b === 0x20 ? '␣' : hex(b))).join('');
  }
}
