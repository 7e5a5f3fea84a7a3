// parseDelimited on the CSV/TSV files people export: headers, CRLF, quotes, blank lines, and every
// refusal naming line, column and the offending text; plus a round trip of random matrices.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../src/formats/delimited.js';
import { expectFormatError } from './helpers.js';

const read = (text: string, delimiter?: ',' | '\t' | 'auto') => {
  const m = parseDelimited(text, { delimiter });
  return { rows: m.rows, cols: m.cols, data: Array.from(m.data), header: m.header, delimiter: m.delimiter };
};

describe('parseDelimited reads', () => {
  it.each([
    ['CSV with a trailing newline', '1,2\n3,4\n', [1, 2, 3, 4]],
    ['CSV without one', '1,2\n3,4', [1, 2, 3, 4]],
    ['CRLF line ends', '1,2\r\n3,4\r\n', [1, 2, 3, 4]],
    ['old Mac CR line ends', '1,2\r3,4', [1, 2, 3, 4]],
    ['spaces around cells', ' 1 , 2\n3 ,4 ', [1, 2, 3, 4]],
    ['quoted numbers', '"1.5","-2"\n"3",4', [1.5, -2, 3, 4]],
    ['a byte-order mark', '\uFEFF1,2\n3,4', [1, 2, 3, 4]],
    ['blank lines anywhere', '\n1,2\n\n   \n3,4\n\n', [1, 2, 3, 4]],
    ['every number spelling JavaScript and numpy agree on', '+1.5e-3,-.5\n5.,1E10', [0.0015, -0.5, 5, 1e10]],
  ])('%s', (_, text, data) => {
    expect(read(text)).toMatchObject({ rows: 2, cols: 2, data, header: undefined });
  });

  it('detects TSV from a tab in the first non-blank line', () => {
    expect(read('\n1\t2\n3\t4\n')).toMatchObject({ rows: 2, cols: 2, data: [1, 2, 3, 4], delimiter: '\t' });
    expect(read('1,2', 'auto').delimiter).toBe(',');
  });

  it('reports a header row of names, quoted or not, with an empty corner cell', () => {
    expect(read('a,b\n1,2\n3,4\n')).toMatchObject({ rows: 2, cols: 2, header: ['a', 'b'] });
    expect(read('"w 1","w,2"\n1,2')).toMatchObject({ rows: 1, header: ['w 1', 'w,2'] });
    expect(read(',x,y\n0,1,2\n1,3,4')).toMatchObject({ rows: 2, cols: 3, header: ['', 'x', 'y'] });
    expect(read('layer1\tlayer2\n1\t2')).toMatchObject({ header: ['layer1', 'layer2'], delimiter: '\t' });
  });

  it('reads a single column and a single value', () => {
    expect(read('1\n2\n3\n')).toMatchObject({ rows: 3, cols: 1, data: [1, 2, 3] });
    expect(read('42')).toMatchObject({ rows: 1, cols: 1, data: [42] });
  });
});

describe('parseDelimited refuses, naming line, column and text', () => {
  it.each([
    ['an empty file', '', 'file is empty', 0, 1, 1],
    ['a file of blank lines', '\n \r\n\n', 'file is empty', 0, 1, 1],
    ['a header with no numbers below', 'a,b\n', 'no rows of numbers', 3, 2, 1],
    ['a row too short (ragged)', '1,2\n3\n', 'Line 2 has 1 value, but line 1 has 2', 5, 2, 2],
    ['a row too long (ragged)', '1,2\n3,4,5', 'Line 2 has 3 values, but line 1 has 2', 8, 2, 3],
    ['a ragged row below a header', 'a,b\n1,2\n3,4,5\n', 'Line 3 has 3 values, but line 1 has 2', 12, 3, 3],
    ['a word', '1,abc\n', "Line 1, column 2: 'abc' is not a number", 2, 1, 2],
    ['a word in the first row beside numbers (not a header)', 'x,1\n2,3', "Line 1, column 1: 'x' is not a number", 0, 1, 1],
    ['a word after blank lines (line numbers count them)', '1,2\n\n3,x', "Line 3, column 2: 'x' is not a number", 7, 3, 2],
    ['an empty cell', '1,,3\n4,5,6', 'Line 1, column 2 is empty', 2, 1, 2],
    ['NaN', '1,NaN\n', 'Line 1, column 2 is NaN; Hinge only takes finite numbers', 2, 1, 2],
    ['nan in the first row (not taken for a header)', 'nan,1\n1,2', 'Line 1, column 1 is nan', 0, 1, 1],
    ['-inf', '1\n-inf', 'Line 2, column 1 is -inf', 2, 2, 1],
    ['Infinity', 'Infinity,1', 'is Infinity', 0, 1, 1],
    ['a number too large for float64', '1e999,1', '1e999 is too large for a 64-bit number', 0, 1, 1],
    ['hexadecimal', '0x10,1', "'0x10' is not a number", 0, 1, 1],
    ['a decimal comma in a TSV', '1,5\t2\n3\t4', "Line 1, column 1: '1,5' is not a number", 0, 1, 1],
    ['semicolons', '1;2\n3;4', "'1;2' is not a number", 0, 1, 1],
    ['an unclosed quote', '1,"2\n3,4', 'a quote opened at column 2 is never closed', 2, 1, 2],
    ['text after a closing quote', '"1"x,2', 'text after the closing quote', 3, 1, 1],
    ['a quote inside a number', '"1""2",3', `'1"2' is not a number`, 0, 1, 1],
    ['a multi-line quoted cell, then a word', '"1\n",2\n3,y', "Line 3, column 2: 'y' is not a number", 9, 3, 2],
  ])('%s', (_, text, message, offset, line, column) => {
    const error = expectFormatError(() => parseDelimited(text), message, offset);
    expect(error.format).toBe('csv');
    expect([error.line, error.column]).toEqual([line, column]);
  });

  it('honours an explicit delimiter', () => {
    expectFormatError(() => parseDelimited('1\t2', { delimiter: ',' }), "'1\\x092' is not a number"); // the tab shown visibly
    expect(read('1\t2', '\t').data).toEqual([1, 2]);
  });
});

describe('parseDelimited, property: a matrix written as text comes back exactly', () => {
  it('for random finite values, either delimiter, LF or CRLF, with or without header and final newline', () => {
    const matrices = fc.integer({ min: 1, max: 6 }).chain((cols) =>
      fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 6 }),
    );
    fc.assert(
      fc.property(matrices, fc.constantFrom(',', '\t'), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean(), (rows, delimiter, newline, header, final) => {
        const lines = rows.map((row) => row.map(String).join(delimiter));
        if (header) lines.unshift(rows[0].map((_, j) => `col ${j}`).join(delimiter));
        const m = parseDelimited(lines.join(newline) + (final ? newline : ''));
        expect([m.rows, m.cols]).toEqual([rows.length, rows[0].length]);
        // String(x) is the shortest text that reads back to x, so the values return bit for bit (-0 as 0 is the one exception String makes).
        expect(Array.from(m.data)).toEqual(rows.flat().map((x) => (Object.is(x, -0) ? 0 : x)));
        expect(m.header).toEqual(header ? rows[0].map((_, j) => `col ${j}`) : undefined);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseDelimited reads bytes in place (issue 13)', () => {
  it('gives every decimal the double Number() gives it, on the fast path and off it', () => {
    const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
    const decimal = fc
      .tuple(fc.constantFrom('', '-', '+'), digits(0, 20), fc.boolean(), digits(0, 20), fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), digits(1, 3))))
      .map(([sign, whole, dot, fraction, exponent]) => `${sign}${whole}${dot ? '.' : ''}${dot ? fraction : ''}${exponent ? exponent.join('') : ''}`)
      .filter((text) => /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text) && Number.isFinite(Number(text)));
    fc.assert(
      fc.property(fc.array(decimal, { minLength: 1, maxLength: 8 }), (cells) => {
        const m = parseDelimited(new TextEncoder().encode(cells.join('\n')));
        expect(m.cols).toBe(1);
        cells.forEach((text, i) => expect(Object.is(m.data[i], Number(text)), `${text}: ${m.data[i]} vs ${Number(text)}`).toBe(true));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts offsets in bytes, after a header of multi-byte names', () => {
    const error = expectFormatError(() => parseDelimited(new TextEncoder().encode('σ₁,σ₂\n1,x\n')), "Line 2, column 2: 'x' is not a number", 14);
    expect([error.line, error.column]).toEqual([2, 2]);
    expect(parseDelimited(new TextEncoder().encode('σ₁,σ₂\n1,2\n')).header).toEqual(['σ₁', 'σ₂']);
  });

  it('refuses bytes that are not UTF-8 where it reads text, naming the byte', () => {
    expectFormatError(() => parseDelimited(Uint8Array.of(0x31, 0x2c, 0xff, 0x0a)), 'UTF-8', 2);
  });

  it('sizes the values to the rows read, however many blank lines', () => {
    const m = parseDelimited(`1\n${'\n'.repeat(100)}2\n`);
    expect(m.data.length).toBe(2);
    expect(Array.from(m.data)).toEqual([1, 2]);
  });
});
