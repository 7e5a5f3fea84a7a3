/**
 * Light scans of the raw text. mathjs's parse tree keeps no character positions, so to point at
 * the culprit we look for it in the text ourselves; these scans skip quoted strings so that a
 * name inside `"..."` is not mistaken for a call.
 */

const IDENT_CHAR = /[A-Za-z0-9_$\u00C0-\uFFFF]/;
const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/** A `where` with the character offset only when a scan found one. */
export function at(index: number | undefined): { index?: number } {
  return index === undefined ? {} : { index };
}

/** Half-open [start, end) ranges of quoted strings, as mathjs's tokenizer would see them. */
export function stringRanges(text: string): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    // A `'` right after a value is the transpose operator, not the start of a string.
    const opensString = c === '"' || (c === "'" && !followsValue(text, i));
    if (!opensString) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
    ranges.push([i, Math.min(j + 1, text.length)]);
    i = j + 1;
  }
  return ranges;
}

function followsValue(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  if (j < 0) return false;
  const p = text[j];
  return IDENT_CHAR.test(p) || p === ')' || p === ']' || p === '}' || p === "'" || p === '.';
}

function inRanges(ranges: ReadonlyArray<readonly [number, number]>, i: number): boolean {
  return ranges.some(([start, end]) => i >= start && i < end);
}

/** The 0-based offset of the first whole-word `name` outside strings, or undefined. */
export function findWord(text: string, name: string, preferCall = false): number | undefined {
  const strings = stringRanges(text);
  let first: number | undefined;
  for (let from = text.indexOf(name); from >= 0; from = text.indexOf(name, from + 1)) {
    const before = from > 0 ? text[from - 1] : '';
    const after = text[from + name.length] ?? '';
    if (IDENT_CHAR.test(before) || IDENT_CHAR.test(after) || inRanges(strings, from)) continue;
    if (!preferCall) return from;
    first ??= from;
    if (/^\s*\(/.test(text.slice(from + name.length))) return from;
  }
  return first;
}

/** The 0-based offset of the first `token` outside strings, or undefined. */
export function findToken(text: string, token: string, accept: (at: number) => boolean = () => true): number | undefined {
  const strings = stringRanges(text);
  for (let from = text.indexOf(token); from >= 0; from = text.indexOf(token, from + 1)) {
    if (!inRanges(strings, from) && accept(from)) return from;
  }
  return undefined;
}

/** The offset of an assignment `=` (not part of `==`, `<=`, `>=`, `!=`). */
export function findAssignment(text: string): number | undefined {
  return findToken(text, '=', (at) => !'=<>!'.includes(text[at - 1] ?? '') && text[at + 1] !== '=');
}

/** The offset of the first property access (`.name`) or indexing bracket after a value. */
export function findAccess(text: string): number | undefined {
  const dot = findToken(text, '.', (at) => /[A-Za-z_$]/.test(text[at + 1] ?? ''));
  const bracket = findToken(text, '[', (at) => followsValue(text, at));
  if (dot === undefined) return bracket;
  if (bracket === undefined) return dot;
  return Math.min(dot, bracket);
}

/** The first string literal's offset, or undefined. */
export function findString(text: string): number | undefined {
  return stringRanges(text)[0]?.[0];
}

/** The offset where bracket nesting first goes deeper than `limit`, or undefined. */
export function findDeepNesting(text: string, limit: number): number | undefined {
  const strings = stringRanges(text);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (inRanges(strings, i)) continue;
    if (OPENERS[text[i]] !== undefined && ++depth > limit) return i;
    if (CLOSERS[text[i]] !== undefined) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/**
 * A hint about brackets when parsing failed: which one is missing or extra. `reportedAt` is the
 * offset the error already names, so the hint does not repeat it.
 */
export function bracketHint(text: string, reportedAt?: number): string {
  const strings = stringRanges(text);
  const open: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (inRanges(strings, i)) continue;
    const c = text[i];
    if (OPENERS[c] !== undefined) open.push(c);
    else if (CLOSERS[c] !== undefined) {
      if (open.at(-1) !== CLOSERS[c]) {
        const place = i === reportedAt ? '' : ` at character ${i + 1}`;
        const last = open.at(-1);
        return last === undefined
          ? ` — is there an extra \`${c}\`${place}?`
          : ` — \`${c}\`${place} does not close \`${last}\`; is a \`${OPENERS[last]}\` missing?`;
      }
      open.pop();
    }
  }
  const last = open.at(-1);
  return last === undefined ? '' : ` — is a \`${OPENERS[last]}\` missing?`;
}

/**
 * Entries per row of the `[a, b; c]` literal whose `]` is the last one before `before`, counting
 * top-level commas; undefined when no such literal is found. mathjs reports a ragged `;` matrix
 * only as "Column dimensions mismatch", so we recount to name the row.
 */
export function literalRowLengths(text: string, before: number): number[] | undefined {
  const strings = stringRanges(text);
  let close = Math.min(before, text.length) - 1;
  while (close >= 0 && (text[close] !== ']' || inRanges(strings, close))) close--;
  if (close < 0) return undefined;
  let open = close - 1;
  for (let depth = 0; open >= 0; open--) {
    if (inRanges(strings, open)) continue;
    const c = text[open];
    if (CLOSERS[c] !== undefined) depth++;
    else if (OPENERS[c] !== undefined && depth-- === 0) break;
  }
  if (open < 0 || text[open] !== '[') return undefined;
  const rows = [1];
  for (let i = open + 1, depth = 0; i < close; i++) {
    if (inRanges(strings, i)) continue;
    const c = text[i];
    if (OPENERS[c] !== undefined) depth++;
    else if (CLOSERS[c] !== undefined) depth--;
    else if (depth === 0 && c === ',') rows[rows.length - 1]++;
    else if (depth === 0 && (c === ';' || c === '\n')) rows.push(1);
  }
  return rows;
}
