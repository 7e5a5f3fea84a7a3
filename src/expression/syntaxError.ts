/**
 * Rewording of mathjs's parser errors for students: the position counted from 1 in words, the
 * 0-based offset in `where.index`, and a hint when a bracket is missing or extra.
 */
import { ExpressionError } from '../errors.js';
import { bracketHint, literalRowLengths } from './textScan.js';

interface Rewording {
  readonly pattern: RegExp;
  readonly sentence: (match: RegExpMatchArray) => string;
  readonly hint?: string;
}

const REWORDINGS: readonly Rewording[] = [
  { pattern: /^Unexpected end of expression/, sentence: () => 'Unexpected end of input' },
  { pattern: /^End of matrix ] expected/, sentence: () => 'Expected `]`' },
  { pattern: /^Parenthesis \) expected/, sentence: () => 'Expected `)`' },
  { pattern: /^Unexpected operator (.+)$/, sentence: (m) => `Unexpected \`${m[1]}\`` },
  {
    pattern: /^Unexpected part "(.+)"$/,
    sentence: (m) => `Unexpected \`${m[1]}\``,
    hint: ' — is an operator or a comma missing?',
  },
  { pattern: /^Value expected/, sentence: () => 'Expected a number or an expression' },
  { pattern: /^End of string (.) expected/, sentence: (m) => `A text in quotes is not closed with \`${m[1]}\`` },
];

/** Convert an error thrown by mathjs's `parse` into a 'syntax' ExpressionError. */
export function translateSyntaxError(text: string, error: unknown): ExpressionError {
  const raw = error instanceof Error ? error.message : String(error);
  const char = (error as { char?: unknown } | null)?.char;
  const bare = raw.replace(/\s*\(char \d+\)\s*$/, '');
  const index = typeof char === 'number' ? Math.min(Math.max(char - 1, 0), text.length) : undefined;
  if (/^Column dimensions mismatch/.test(bare)) return raggedRows(text, index ?? text.length);
  // Whatever mathjs expected there, running out of text is what the student did.
  const atEnd = index !== undefined && index >= text.trimEnd().length;
  const rule = atEnd ? undefined : REWORDINGS.find(({ pattern }) => pattern.test(bare));
  const sentence = atEnd ? 'Unexpected end of input' : rule ? rule.sentence(bare.match(rule.pattern) as RegExpMatchArray) : bare;
  const position = index === undefined ? '' : ` at character ${index + 1}`;
  const hint = rule?.hint ?? bracketHint(text, index);
  const message = `${sentence}${position}${hint}`;
  return new ExpressionError(message.endsWith('?') ? message : `${message}.`, 'syntax', index === undefined ? {} : { index });
}

/** A `[1, 2; 3]` literal whose rows differ in length, reported like the nested form is. */
function raggedRows(text: string, before: number): ExpressionError {
  const rows = literalRowLengths(text, before) ?? [];
  const k = rows.findIndex((n) => n !== rows[0]);
  if (k <= 0) return new ExpressionError('All rows of a matrix must have the same number of entries.', 'shape');
  const entries = rows[k] === 1 ? 'entry' : 'entries';
  return new ExpressionError(`Row ${k + 1} has ${rows[k]} ${entries} but row 1 has ${rows[0]}.`, 'shape', { row: k });
}
