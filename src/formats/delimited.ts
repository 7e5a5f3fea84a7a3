/**
 * CSV and TSV files of numbers, as spreadsheets and numpy.savetxt write them: RFC 4180 quoting,
 * LF, CRLF or CR line ends, an optional header row of names, blank lines skipped (as numpy.loadtxt
 * and pandas do). Everything else that is not a finite number is refused with its line and column.
 *
 * The bytes are read in place, straight into one Float64Array: no string of the whole file and
 * no object per cell, so a file takes its own size plus 8 bytes per value (a one-column file of
 * short numbers about 1.7 times its size, see `npm run bench`). A first pass counts the lines to
 * size the array; the second reads the numbers.
 */
import { FormatError, MAX_IMPORT_BYTES } from './errors.js';
import { decodeUtf8, encodeUtf8, showText } from './text.js';

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

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;
const COMMA = 0x2c;
const TAB = 0x09;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE_WORD = /^[+-]?(?:nan|inf|infinity)$/i;
/** Powers of ten that are exact doubles: m·10^k and m/10^k round once, correctly, for m < 2^53. */
const EXACT_POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** A cell as text, for the first row (a header?) and for cells the fast reader leaves to the slow one. */
interface TextCell {
  readonly text: string;
  readonly quoted: boolean;
  /** Byte offset of the cell. */
  readonly at: number;
  /** 1-based line of the cell. */
  readonly line: number;
}

/**
 * Reads CSV (comma) or TSV (tab) bytes or text of numbers into a rows × cols matrix. A first row
 * made only of names (cells with a letter, or empty) is taken as a header and returned in `header`;
 * blank lines are skipped; quoted cells ("1.5") are read as their content; cells are trimmed of
 * spaces. Values are the doubles nearest the decimal numbers written (as `Number` reads them).
 * Throws FormatError, with line, column and byte offset (text is encoded as UTF-8 first), for an
 * empty file, a row of a different length than the first (ragged), a cell that is not a number
 * (quoting its text), an empty cell, NaN/±Infinity, or bytes that are not UTF-8 where text is read.
 * @example parseDelimited('a,b\n1,2\n3,4\n') // { rows: 2, cols: 2, data: [1, 2, 3, 4], header: ['a', 'b'] }
 */
export function parseDelimited(input: string | Uint8Array, options: DelimitedOptions = {}): DelimitedMatrix {
  const bytes = typeof input === 'string' ? encodeUtf8(input) : input;
  if (bytes.length > MAX_IMPORT_BYTES) throw new FormatError('The file is larger than 1 GiB, the most Hinge opens.', 'csv');
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; // the byte-order mark spreadsheets put first
  const delimiter = options.delimiter === ',' || options.delimiter === '\t' ? options.delimiter : detectDelimiter(bytes, start);
  return new Reader(bytes, start, delimiter === '\t' ? TAB : COMMA).read(delimiter);
}

function detectDelimiter(bytes: Uint8Array, start: number): ',' | '\t' {
  let blank = true;
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === LF || b === CR) {
      if (!blank) return ',';
      continue;
    }
    if (b === TAB) return '\t';
    if (b !== SPACE) blank = false;
  }
  return ',';
}

/** Lines in bytes[start, end): an upper bound of the records (blank lines and a header count too). */
function countLines(bytes: Uint8Array, start: number): number {
  let lines = 1;
  const n = bytes.length;
  for (let i = start; i < n; i++) {
    const b = bytes[i]!;
    if (b <= CR && (b === LF || (b === CR && bytes[i + 1] !== LF))) lines++;
  }
  return lines;
}

class Reader {
  i: number;
  line = 1;

  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly delimiter: number,
  ) {
    this.i = start;
  }

  read(delimiter: ',' | '\t'): DelimitedMatrix {
    const { bytes } = this;
    this.skipBlankLines();
    if (this.i >= bytes.length) throw new FormatError('The file is empty: it has no rows of numbers.', 'csv', 0, { line: 1, column: 1 });
    const firstLine = this.line;
    const first = this.textRecord();
    const cols = first.cells.length;
    const kinds = first.cells.map(classify);
    const isHeader = kinds.every((k) => k === 'name' || k === 'empty') && kinds.includes('name');
    const data = new Float64Array(countLines(bytes, this.i) * cols + (isHeader ? 0 : cols));
    let rows = 0;
    if (!isHeader) {
      first.cells.forEach((cell, col) => (data[col] = readNumber(cell, col + 1)));
      rows = 1;
    }
    for (;;) {
      this.skipBlankLines();
      if (this.i >= bytes.length) break;
      this.readRecord(data, rows * cols, cols, firstLine);
      rows++;
    }
    if (rows === 0) {
      throw new FormatError(`The file has a header row (line ${firstLine}) but no rows of numbers below it.`, 'csv', first.end, { line: firstLine + 1, column: 1 });
    }
    const used = rows * cols;
    // Blank lines left room unused; copy only when it is a real waste.
    const values = used === data.length ? data : used > data.length * 0.9 ? data.subarray(0, used) : data.slice(0, used);
    return { rows, cols, data: values, header: isHeader ? first.cells.map((c) => c.text.trim()) : undefined, delimiter };
  }

  /** Skips lines holding nothing but spaces (they are not rows); stops at the first other byte. */
  skipBlankLines(): void {
    const { bytes } = this;
    for (;;) {
      let j = this.i;
      while (j < bytes.length && (bytes[j] === SPACE || (bytes[j] === TAB && this.delimiter !== TAB))) j++;
      if (j >= bytes.length) {
        this.i = j;
        return;
      }
      if (bytes[j] !== LF && bytes[j] !== CR) return;
      this.i = j + (bytes[j] === CR && bytes[j + 1] === LF ? 2 : 1);
      this.line++;
    }
  }

  /** Reads one record into data[offset …], checking it has `cols` cells. */
  readRecord(data: Float64Array, offset: number, cols: number, firstLine: number): void {
    const { bytes, delimiter } = this;
    const recordLine = this.line;
    for (let col = 0; ; col++) {
      const at = this.i;
      if (col === cols) throw ragged(recordLine, cols + countRest(bytes, at, delimiter), cols, firstLine, at, cols + 1);
      let value = fastNumber(bytes, this.i, delimiter);
      if (Number.isNaN(value)) value = readNumber(this.textCell(), col + 1);
      else this.i = fastEnd;
      data[offset + col] = value;
      if (this.i < bytes.length && bytes[this.i] === delimiter) {
        this.i++;
        continue;
      }
      if (col + 1 < cols) throw ragged(recordLine, col + 1, cols, firstLine, this.i, col + 2);
      this.endRecord();
      return;
    }
  }

  /** Steps over the line end after a record. */
  endRecord(): void {
    const { bytes } = this;
    if (this.i >= bytes.length) return;
    this.i += bytes[this.i] === CR && bytes[this.i + 1] === LF ? 2 : 1;
    this.line++;
  }

  /** The whole first record as text cells. */
  textRecord(): { cells: TextCell[]; end: number } {
    const { bytes, delimiter } = this;
    const cells: TextCell[] = [];
    for (;;) {
      cells.push(this.textCell(cells.length));
      if (this.i < bytes.length && bytes[this.i] === delimiter) {
        this.i++;
        continue;
      }
      const end = this.i;
      this.endRecord();
      return { cells, end };
    }
  }

  /** The cell at i as text (RFC 4180 quotes undone), leaving i after it. */
  textCell(index = 0): TextCell {
    const { bytes, delimiter } = this;
    const at = this.i;
    const line = this.line;
    let j = at;
    while (bytes[j] === SPACE) j++;
    if (bytes[j] !== QUOTE) {
      let end = j;
      while (end < bytes.length && bytes[end] !== delimiter && bytes[end] !== LF && bytes[end] !== CR) end++;
      this.i = end;
      return { text: decodeUtf8(bytes, at, end, 'csv', `line ${line}`).text, quoted: false, at, line };
    }
    const quoteAt = j;
    const parts: string[] = [];
    let from = ++j;
    for (;;) {
      if (j >= bytes.length) {
        throw new FormatError(`Line ${line}: a quote opened at column ${index + 1} is never closed.`, 'csv', quoteAt, { line, column: index + 1 });
      }
      const b = bytes[j++]!;
      if (b === LF) this.line++;
      if (b !== QUOTE) continue;
      parts.push(decodeUtf8(bytes, from, j - 1, 'csv', `line ${line}`).text);
      if (bytes[j] === QUOTE) {
        parts.push('"');
        from = ++j;
        continue;
      }
      break;
    }
    while (bytes[j] === SPACE) j++;
    if (j < bytes.length && bytes[j] !== delimiter && bytes[j] !== LF && bytes[j] !== CR) {
      throw new FormatError(`Line ${this.line}, column ${index + 1}: there is text after the closing quote.`, 'csv', j, { line: this.line, column: index + 1 });
    }
    this.i = j;
    return { text: parts.join(''), quoted: true, at, line };
  }
}

/** Where the cell fastNumber last read ends (a module variable, so the hot path allocates nothing). */
let fastEnd = 0;

/**
 * The number in the unquoted cell at `i` when it is a plain decimal whose double is exactly
 * m·10^e rounded once (at most 15 significant digits, |e| ≤ 22), setting fastEnd past the cell;
 * NaN for anything else, which the text reader then takes (and words, quotes, refusals).
 */
function fastNumber(bytes: Uint8Array, i: number, delimiter: number): number {
  const n = bytes.length;
  let j = i;
  while (j < n && bytes[j] === SPACE) j++;
  let negative = false;
  let b = j < n ? bytes[j]! : -1;
  if (b === 0x2d || b === 0x2b) {
    negative = b === 0x2d;
    j++;
  }
  let mantissa = 0;
  let digits = 0;
  let significant = 0;
  let scale = 0;
  let seenDot = false;
  for (; j < n; j++) {
    b = bytes[j]!;
    if (b >= 0x30 && b <= 0x39) {
      digits++;
      if (significant > 0 || b !== 0x30) {
        if (++significant > 15) return Number.NaN;
        mantissa = mantissa * 10 + (b - 0x30);
      }
      if (seenDot) scale--;
    } else if (b === 0x2e && !seenDot) seenDot = true;
    else break;
  }
  if (digits === 0) return Number.NaN;
  b = j < n ? bytes[j]! : -1;
  if (b === 0x65 || b === 0x45) {
    j++;
    let expNegative = false;
    b = j < n ? bytes[j]! : -1;
    if (b === 0x2d || b === 0x2b) {
      expNegative = b === 0x2d;
      j++;
    }
    let exponent = 0;
    let expDigits = 0;
    while (j < n && bytes[j]! >= 0x30 && bytes[j]! <= 0x39 && expDigits < 6) {
      exponent = exponent * 10 + (bytes[j++]! - 0x30);
      expDigits++;
    }
    if (expDigits === 0 || expDigits === 6) return Number.NaN;
    scale += expNegative ? -exponent : exponent;
  }
  while (j < n && bytes[j] === SPACE) j++;
  if (j < n && bytes[j] !== delimiter && bytes[j] !== LF && bytes[j] !== CR) return Number.NaN;
  if (scale < -22 || scale > 22) return Number.NaN;
  fastEnd = j;
  // Clinger's fast path: m and 10^|e| are exact doubles, so one multiplication or division
  // rounds once and gives the double nearest m·10^e, the same one Number() reads.
  const magnitude = scale >= 0 ? mantissa * EXACT_POWERS[scale]! : mantissa / EXACT_POWERS[-scale]!;
  return negative ? -magnitude : magnitude;
}

/** Cells after the one at `at` in its line (for the message of a row that is too long). */
function countRest(bytes: Uint8Array, at: number, delimiter: number): number {
  let n = 1;
  for (let j = at; j < bytes.length && bytes[j] !== LF && bytes[j] !== CR; j++) if (bytes[j] === delimiter) n++;
  return n;
}

function ragged(line: number, n: number, cols: number, firstLine: number, offset: number, column: number): FormatError {
  return new FormatError(
    `Line ${line} has ${n} ${n === 1 ? 'value' : 'values'}, but line ${firstLine} has ${cols}: every row must have the same number of columns.`,
    'csv',
    offset,
    { line, column: Math.min(column, cols + 1) },
  );
}

// A name has a letter in it ('w1', 'σ'); '1;2' or '1,5' is a number in a foreign notation, not a name.
type CellKind = 'number' | 'non-finite' | 'empty' | 'name' | 'text';

function classify(cell: TextCell): CellKind {
  const t = cell.text.trim();
  if (t === '') return 'empty';
  if (NUMBER.test(t)) return 'number';
  if (NON_FINITE_WORD.test(t)) return 'non-finite';
  return /\p{L}/u.test(t) ? 'name' : 'text';
}

function readNumber(cell: TextCell, column: number): number {
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
