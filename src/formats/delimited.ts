/**
 * CSV and TSV files of numbers, as spreadsheets and numpy.savetxt write them: RFC 4180 quoting,
 * LF or CRLF line ends, an optional header row of names, blank lines skipped (as numpy.loadtxt and
 * pandas do). Everything else that is not a finite number is refused with its line and column.
 */
import { FormatError, MAX_IMPORT_BYTES } from './errors.js';
import { showText } from './text.js';

/** Options of {@link parseDelimited}. */
export interface DelimitedOptions {
  /** The cell separator; 'auto' (the default) takes a tab if the first non-blank line has one, else a comma. */
  readonly delimiter?: ',' | '\t' | 'auto';
}

/** A matrix read from CSV/TSV text. */
export interface DelimitedMatrix {
  readonly rows: number;
  readonly cols: number;
  /** The values row by row (C order), rows × cols of them. */
  readonly data: Float64Array;
  /** The names of the header row, when the first row was one; undefined otherwise. */
  readonly header: string[] | undefined;
  /** The delimiter used (the detected one for 'auto'). */
  readonly delimiter: ',' | '\t';
}

interface Cell {
  readonly text: string;
  readonly quoted: boolean;
  /** Character index of the cell in the text. */
  readonly at: number;
  /** 1-based line of the cell (a quoted cell before it may span lines). */
  readonly line: number;
}

interface Record {
  readonly cells: Cell[];
  /** 1-based line where the record begins. */
  readonly line: number;
  /** Character index just past the record's last cell. */
  readonly end: number;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE_WORD = /^[+-]?(?:nan|inf|infinity)$/i;

/**
 * Reads CSV (comma) or TSV (tab) text of numbers into a rows × cols matrix. A first row made only
 * of names (cells with a letter, or empty) is taken as a header and returned in `header`; blank lines are skipped; quoted
 * cells ("1.5") are read as their content; cells are trimmed of spaces. Throws FormatError, with
 * line, column and character offset, for an empty file, a row of a different length than the
 * first (ragged), a cell that is not a number (quoting its text), an empty cell, or NaN/±Infinity.
 * @example parseDelimited('a,b\n1,2\n3,4\n') // { rows: 2, cols: 2, data: [1, 2, 3, 4], header: ['a', 'b'] }
 */
export function parseDelimited(text: string, options: DelimitedOptions = {}): DelimitedMatrix {
  if (text.length > MAX_IMPORT_BYTES) throw new FormatError('The file is larger than 1 GiB, the most Hinge opens.', 'csv');
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0; // the byte-order mark spreadsheets put first
  const delimiter = options.delimiter === ',' || options.delimiter === '\t' ? options.delimiter : detectDelimiter(text, start);
  const records = splitRecords(text, start, delimiter).filter((r) => !(r.cells.length === 1 && !r.cells[0].quoted && r.cells[0].text.trim() === ''));
  if (records.length === 0) throw new FormatError('The file is empty: it has no rows of numbers.', 'csv', 0, { line: 1, column: 1 });
  const first = records[0];
  const isHeader = first.cells.every((c) => classify(c) === 'name' || classify(c) === 'empty') && first.cells.some((c) => classify(c) === 'name');
  const body = isHeader ? records.slice(1) : records;
  const cols = first.cells.length;
  if (body.length === 0) {
    throw new FormatError(`The file has a header row (line ${first.line}) but no rows of numbers below it.`, 'csv', first.end, { line: first.line + 1, column: 1 });
  }
  const data = new Float64Array(body.length * cols);
  body.forEach((record, row) => {
    checkLength(record, cols, first.line);
    record.cells.forEach((cell, col) => {
      data[row * cols + col] = readNumber(cell, col + 1);
    });
  });
  const header = isHeader ? first.cells.map((c) => c.text.trim()) : undefined;
  return { rows: body.length, cols, data, header, delimiter };
}

function detectDelimiter(text: string, start: number): ',' | '\t' {
  let lineStart = start;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() !== '') return line.includes('\t') ? '\t' : ',';
    lineStart = lineEnd + 1;
  }
  return ',';
}

/** Splits the text into records of cells, following RFC 4180's quoting; counts lines as it goes. */
function splitRecords(text: string, start: number, delimiter: string): Record[] {
  const records: Record[] = [];
  let cells: Cell[] = [];
  let line = 1;
  let recordLine = 1;
  let i = start;
  for (;;) {
    const cellStart = i;
    const cellLine = line;
    while (i < text.length && text[i] === ' ') i++;
    let value: string;
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      const quoteAt = i;
      const quoteLine = line;
      let content = '';
      i++;
      for (;;) {
        if (i >= text.length) {
          throw new FormatError(`Line ${quoteLine}: a quote opened at column ${cells.length + 1} is never closed.`, 'csv', quoteAt, { line: quoteLine, column: cells.length + 1 });
        }
        const c = text[i++];
        if (c === '"' && text[i] === '"') {
          content += '"';
          i++;
        } else if (c === '"') break;
        else {
          if (c === '\n') line++;
          content += c;
        }
      }
      while (i < text.length && text[i] === ' ') i++;
      if (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
        throw new FormatError(`Line ${line}, column ${cells.length + 1}: there is text after the closing quote.`, 'csv', i, { line, column: cells.length + 1 });
      }
      value = content;
    } else {
      let end = i;
      while (end < text.length && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '\r') end++;
      value = text.slice(cellStart, end);
      i = end;
    }
    cells.push({ text: value, quoted, at: cellStart, line: cellLine });
    if (i < text.length && text[i] === delimiter) {
      i++;
      continue;
    }
    records.push({ cells, line: recordLine, end: i });
    cells = [];
    if (i >= text.length) break;
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
    recordLine = line;
    if (i >= text.length) break;
  }
  return records;
}

// A name has a letter in it ('w1', 'σ'); '1;2' or '1,5' is a number in a foreign notation, not a name.
type CellKind = 'number' | 'non-finite' | 'empty' | 'name' | 'text';

function classify(cell: Cell): CellKind {
  const t = cell.text.trim();
  if (t === '') return 'empty';
  if (NUMBER.test(t)) return 'number';
  if (NON_FINITE_WORD.test(t)) return 'non-finite';
  return /\p{L}/u.test(t) ? 'name' : 'text';
}

function checkLength(record: Record, cols: number, firstLine: number): void {
  const n = record.cells.length;
  if (n === cols) return;
  const column = Math.min(n, cols) + 1;
  const offset = n > cols ? record.cells[cols].at : record.end;
  throw new FormatError(
    `Line ${record.line} has ${n} ${n === 1 ? 'value' : 'values'}, but line ${firstLine} has ${cols}: every row must have the same number of columns.`,
    'csv',
    offset,
    { line: record.line, column },
  );
}

function readNumber(cell: Cell, column: number): number {
  const t = cell.text.trim();
  const where = { line: cell.line, column };
  const prefix = `Line ${cell.line}, column ${column}`;
  switch (classify(cell)) {
    case 'empty':
      throw new FormatError(`${prefix} is empty; every cell must hold a number.`, 'csv', cell.at, where);
    case 'non-finite':
      throw new FormatError(`${prefix} is ${t}; Hinge only takes finite numbers.`, 'csv', cell.at, where);
    case 'name':
    case 'text':
      throw new FormatError(`${prefix}: '${showText(t, 40)}' is not a number.`, 'csv', cell.at, where);
    case 'number': {
      const value = Number(t);
      if (!Number.isFinite(value)) throw new FormatError(`${prefix}: ${showText(t, 40)} is too large for a 64-bit number.`, 'csv', cell.at, where);
      return value;
    }
  }
}

