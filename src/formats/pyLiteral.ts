/**
 * A strict reader for the Python literals a .npy header is written in — what numpy reads with
 * ast.literal_eval, and never anything evaluated. It knows strings, integers, floats, True, False,
 * None, tuples, lists and dicts, which is all numpy's writer ever produces (repr of a dict of a
 * dtype description, a bool and a tuple of ints). Not accepted, though Python would: comments,
 * line continuations, sets, bytes and raw strings, underscores and non-decimal integers.
 */
import { showChar } from './text.js';

/** A parsed literal; `at` is its index in the header text, for messages that point at it. */
export type PyValue =
  | { readonly kind: 'str'; readonly value: string; readonly at: number }
  | { readonly kind: 'int'; readonly value: bigint; readonly at: number }
  | { readonly kind: 'float'; readonly text: string; readonly at: number }
  | { readonly kind: 'bool'; readonly value: boolean; readonly at: number }
  | { readonly kind: 'none'; readonly at: number }
  | { readonly kind: 'tuple' | 'list'; readonly items: readonly PyValue[]; readonly at: number }
  | { readonly kind: 'dict'; readonly entries: readonly PyEntry[]; readonly at: number };

/** One key: value pair of a dict, in the order written. */
export interface PyEntry {
  readonly key: PyValue;
  readonly value: PyValue;
}

/** The header text is not a Python literal; `index` is where reading stopped. */
export class LiteralSyntaxError extends Error {
  override readonly name = 'LiteralSyntaxError';
  readonly index: number;

  constructor(message: string, index: number) {
    super(message);
    this.index = index;
  }
}

// Python itself gives up on deeply nested literals; a header needs depth 3 at most.
const MAX_DEPTH = 32;
// Sticky, so matching starts at the cursor without copying the rest of the text.
const NUMBER = /(\d+)?(\.\d*)?([eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_]\w*/y;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v',
};

/**
 * Parses `text` as one Python literal surrounded by optional whitespace. With `allowLongSuffix`,
 * integers may end in L, as Python 2 wrote them (numpy accepts that in format versions 1 and 2).
 * Throws LiteralSyntaxError naming the index where the text stops being a literal.
 */
export function parsePyLiteral(text: string, allowLongSuffix: boolean): PyValue {
  let i = 0;

  const fail = (message: string, at = i): never => {
    throw new LiteralSyntaxError(message, at);
  };
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r\f'.includes(text[i])) i++;
  };
  const expect = (char: string): void => {
    skipSpace();
    if (text[i] !== char) fail(`expected '${char}' ${found()}`);
    i++;
  };
  const found = (): string => (i < text.length ? `but found '${showChar(text.codePointAt(i)!)}'` : 'but the header ended');

  function value(depth: number): PyValue {
    if (depth > MAX_DEPTH) fail(`values are nested more than ${MAX_DEPTH} deep`);
    skipSpace();
    const at = i;
    const c = text[i];
    if (c === '{') return dict(depth, at);
    if (c === '[') return sequence('list', ']', depth, at);
    if (c === '(') return parenthesised(depth, at);
    if (c === "'" || c === '"') return string(at);
    if ((c === 'u' || c === 'U') && (text[i + 1] === "'" || text[i + 1] === '"')) {
      i++;
      return string(at);
    }
    if (c === '-' || c === '+' || (c >= '0' && c <= '9') || c === '.') return number(at);
    WORD.lastIndex = i;
    const word = WORD.exec(text)?.[0];
    if (word === 'True' || word === 'False') {
      i += word.length;
      return { kind: 'bool', value: word === 'True', at };
    }
    if (word === 'None') {
      i += 4;
      return { kind: 'none', at };
    }
    return fail(`expected a value ${found()}`);
  }

  function dict(depth: number, at: number): PyValue {
    i++;
    const entries: PyEntry[] = [];
    for (;;) {
      skipSpace();
      if (text[i] === '}') break;
      const key = value(depth + 1);
      expect(':');
      entries.push({ key, value: value(depth + 1) });
      skipSpace();
      if (text[i] === ',') i++;
      else if (text[i] !== '}') fail(`expected ',' or '}' ${found()}`);
    }
    i++;
    return { kind: 'dict', entries, at };
  }

  function sequence(kind: 'tuple' | 'list', close: string, depth: number, at: number, first?: PyValue): PyValue {
    if (first === undefined) i++;
    const items: PyValue[] = first === undefined ? [] : [first];
    for (;;) {
      skipSpace();
      if (text[i] === close) break;
      items.push(value(depth + 1));
      skipSpace();
      if (text[i] === ',') i++;
      else if (text[i] !== close) fail(`expected ',' or '${close}' ${found()}`);
    }
    i++;
    return { kind, items, at };
  }

  // "(3)" is just 3 in Python; only a comma makes a tuple, and "()" is the empty one.
  function parenthesised(depth: number, at: number): PyValue {
    i++;
    skipSpace();
    if (text[i] === ')') {
      i++;
      return { kind: 'tuple', items: [], at };
    }
    const first = value(depth + 1);
    skipSpace();
    if (text[i] === ')') {
      i++;
      return first;
    }
    if (text[i] !== ',') fail(`expected ',' or ')' ${found()}`);
    i++;
    return sequence('tuple', ')', depth, at, first);
  }

  function string(at: number): PyValue {
    const quote = text[i++];
    let out = '';
    for (;;) {
      if (i >= text.length || text[i] === '\n') fail('a string is not closed', at);
      const c = text[i++];
      if (c === quote) break;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = text[i++];
      if (e !== undefined && e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
      else if (e === 'x' || e === 'u' || e === 'U') {
        const digits = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = text.slice(i, i + digits);
        if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) fail(`a \\${e} escape needs ${digits} hex digits`, i - 2);
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) fail('a \\U escape is beyond U+10FFFF', i - 2);
        out += String.fromCodePoint(code);
        i += digits;
      } else fail(`the escape \\${e ?? ''} is not one Hinge reads`, i - 2);
    }
    return { kind: 'str', value: out, at };
  }

  function number(at: number): PyValue {
    let sign = '';
    if (text[i] === '-' || text[i] === '+') {
      sign = text[i++];
      skipSpace();
    }
    NUMBER.lastIndex = i;
    const [literal, digits, fraction, exponent] = NUMBER.exec(text) ?? [''];
    if (digits === undefined && (fraction === undefined || fraction.length < 2)) fail(`expected a number ${found()}`);
    i += literal.length;
    if (fraction !== undefined || exponent !== undefined) {
      endOfNumber(at);
      return { kind: 'float', text: sign + literal, at };
    }
    // Python 3 refuses 012 (an old octal spelling); 0 and 00 are fine.
    if (digits.length > 1 && digits[0] === '0' && /[1-9]/.test(digits)) fail('an integer cannot start with 0', at);
    if (allowLongSuffix && (text[i] === 'L' || text[i] === 'l')) i++;
    endOfNumber(at);
    const magnitude = BigInt(digits);
    return { kind: 'int', value: sign === '-' ? -magnitude : magnitude, at };
  }

  function endOfNumber(at: number): void {
    if (i < text.length && /[\w.]/.test(text[i])) fail(`'${text.slice(at, i + 1)}' is not a number`, at);
  }

  const result = value(0);
  skipSpace();
  if (i < text.length) fail(`expected the end of the header ${found()}`);
  return result;
}
