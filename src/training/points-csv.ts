/**
 * The user's own points from a CSV file, `x1,x2[,x3],label`, read with the formats layer's
 * CSV/TSV parser and checked row by row with the line and column of any bad cell.
 */
import { parseDelimited } from '../formats/delimited.js';
import { FormatError } from '../formats/errors.js';
import type { DataSplit } from './datasets.js';

/** Points read from a file: 2 or 3 coordinates each and a target. */
export interface PointsFile extends DataSplit {
  readonly inputs: 2 | 3;
}

/** Most points a file may hold (as many as makeDataset draws). */
export const MAX_FILE_POINTS = 20_000;

/**
 * The 1-based line on which each record of the text starts, blank lines left out, quotes honoured
 * (a newline inside quotes does not end a record) — the rows parseDelimited returns, in order.
 */
function recordLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let start = 1;
  let quoted = false;
  let blank = true;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i <= text.length; i++) {
    const ch = i < text.length ? text[i] : '\n';
    if (ch === '"') quoted = !quoted;
    if (ch === '\n' && !quoted) {
      if (!blank) lines.push(start);
      line += 1;
      start = line;
      blank = true;
      continue;
    }
    if (ch === '\n') line += 1;
    if (ch !== ' ' && ch !== '\t' && ch !== '\r' && ch !== '\n') blank = false;
  }
  return lines;
}

/**
 * Reads `x1,x2,label` or `x1,x2,x3,label` rows (comma or tab separated, an optional header row of
 * names, blank lines skipped; see parseDelimited). For 'classification' every label must be 0 or 1;
 * for 'regression' any finite number. Throws FormatError (format 'csv') with the line and column
 * of the problem: anything parseDelimited refuses (a cell that is not a finite number, a ragged
 * row, an empty file), a file with other than 3 or 4 columns, more than 20 000 points, or a label
 * that is not 0/1 for classification.
 * @example parsePointsCsv('x1,x2,label\n0.5,-1,1\n0,0,0\n', 'classification') // { inputs: 2, x: [[0.5, -1], [0, 0]], y: [1, 0] }
 */
export function parsePointsCsv(text: string, task: 'classification' | 'regression'): PointsFile {
  const table = parseDelimited(text);
  const lines = recordLines(text);
  const bodyLines = table.header ? lines.slice(1) : lines;
  const { rows, cols, data } = table;
  if (cols !== 3 && cols !== 4) {
    throw new FormatError(
      `Line ${bodyLines[0] ?? 1} has ${cols} columns: a points file has x1,x2,label or x1,x2,x3,label (3 or 4 columns).`,
      'csv', undefined, { line: bodyLines[0] ?? 1, column: Math.min(cols, 4) + 1 },
    );
  }
  if (rows > MAX_FILE_POINTS) {
    throw new FormatError(`The file has ${rows} points; the lab trains on at most ${MAX_FILE_POINTS}.`, 'csv', undefined, { line: bodyLines[MAX_FILE_POINTS] ?? 1, column: 1 });
  }
  const inputs = (cols - 1) as 2 | 3;
  const x: number[][] = [];
  const y: number[] = [];
  for (let r = 0; r < rows; r++) {
    const label = data[r * cols + inputs];
    if (task === 'classification' && label !== 0 && label !== 1) {
      const line = bodyLines[r] ?? r + 1;
      throw new FormatError(`Line ${line}, column ${cols}: the label is ${label}, but a classification label must be 0 or 1.`, 'csv', undefined, { line, column: cols });
    }
    x.push(Array.from(data.subarray(r * cols, r * cols + inputs)));
    y.push(label);
  }
  return { inputs, x, y };
}
