// Seeded datasets: the same options give the same points, sizes and splits are as asked, labels
// follow each set's rule, and bad options are refused by field. The user's CSV points: good files
// read, bad ones refused with line and column.
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/formats/errors.js';
import {
  DATASETS_2D, DATASETS_3D, REGRESSION_SETS, TrainingSettingsError, makeDataset, parsePointsCsv, type DatasetKind,
} from '../../../src/training/index.js';

const all: DatasetKind[] = [...DATASETS_2D, ...DATASETS_3D, ...REGRESSION_SETS];

describe('makeDataset', () => {
  it.each(all)('%s: seeded, sized and split as asked', (kind) => {
    const options = { kind, points: 301, noise: 0.1, trainFraction: 0.7, seed: 5 };
    const d = makeDataset(options);
    expect(makeDataset(options)).toStrictEqual(d);
    expect(makeDataset({ ...options, seed: 6 })).not.toStrictEqual(d);
    expect(d.train.x).toHaveLength(211);
    expect(d.test.x).toHaveLength(90);
    expect(d.train.y).toHaveLength(211);
    const points = [...d.train.x, ...d.test.x];
    expect(points.every((p) => p.length === d.inputs && p.every(Number.isFinite))).toBe(true);
    expect(d.inputs).toBe((DATASETS_3D as readonly string[]).includes(kind) ? 3 : 2);
    const labels = [...d.train.y, ...d.test.y];
    if (d.task === 'classification') {
      expect(labels.every((y) => y === 0 || y === 1)).toBe(true);
      const ones = labels.filter((y) => y === 1).length;
      expect(ones).toBeGreaterThan(301 * 0.3);
      expect(ones).toBeLessThan(301 * 0.7);
    } else {
      expect(labels.every(Number.isFinite)).toBe(true);
    }
  });

  it('labels follow each rule on noiseless points', () => {
    const noiseless = (kind: DatasetKind) => {
      const d = makeDataset({ kind, points: 400, noise: 0, trainFraction: 0.5, seed: 2 });
      return [...d.train.x, ...d.test.x].map((x, i) => ({ x, y: [...d.train.y, ...d.test.y][i] }));
    };
    for (const { x, y } of noiseless('circle')) expect(Math.hypot(x[0], x[1]) < 0.5 ? 1 : 0).toBe(y);
    for (const { x, y } of noiseless('xor')) {
      expect(x[0] * x[1] >= 0 ? 1 : 0).toBe(y);
      expect(Math.min(Math.abs(x[0]), Math.abs(x[1]))).toBeGreaterThanOrEqual(0.05);
    }
    for (const { x, y } of noiseless('xor-cube')) expect(x[0] * x[1] * x[2] >= 0 ? 1 : 0).toBe(y);
    for (const { x, y } of noiseless('shells')) expect(Math.hypot(...x)).toBeCloseTo(y === 1 ? 0.4 : 0.9, 12);
    for (const { x, y } of noiseless('checkerboard')) expect((Math.floor((x[0] + 1) * 2) + Math.floor((x[1] + 1) * 2)) % 2 === 0 ? 1 : 0).toBe(y);
    for (const { x, y } of noiseless('ridge')) expect(y).toBeCloseTo(Math.exp(-(((x[0] - x[1]) / 0.3) ** 2)), 14);
    for (const { x, y } of noiseless('surface')) expect(y).toBeCloseTo(Math.sin(Math.PI * x[0]) * Math.cos((Math.PI * x[1]) / 2), 14);
    for (const { x } of noiseless('helix')) expect(Math.hypot(x[0], x[1])).toBeCloseTo(0.7, 12);
    for (const { x } of noiseless('spiral')) expect(Math.hypot(...x)).toBeLessThan(0.95);
  });

  it('3D regression sets take inputs: 3', () => {
    expect(makeDataset({ kind: 'surface', points: 10, noise: 0, trainFraction: 0.5, seed: 1, inputs: 3 }).train.x[0]).toHaveLength(3);
  });

  it.each([
    [{ kind: 'moons' }, 'kind'], [{ points: 3 }, 'points'], [{ points: 20_001 }, 'points'], [{ points: 10.5 }, 'points'],
    [{ noise: -0.1 }, 'noise'], [{ noise: 2 }, 'noise'], [{ trainFraction: 1 }, 'trainFraction'], [{ trainFraction: 0 }, 'trainFraction'],
    [{ seed: NaN }, 'seed'], [{ inputs: 4 }, 'inputs'],
  ] as const)('refuses %o naming %s', (patch, field) => {
    const options = { kind: 'xor', points: 100, noise: 0, trainFraction: 0.5, seed: 1, ...patch } as Parameters<typeof makeDataset>[0];
    expect(() => makeDataset(options)).toThrow(TrainingSettingsError);
    try {
      makeDataset(options);
    } catch (error) {
      expect((error as TrainingSettingsError).field).toBe(field);
    }
  });
});

function formatError(f: () => unknown): FormatError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
    return error as FormatError;
  }
  throw new Error('expected a FormatError');
}

describe('parsePointsCsv', () => {
  it('reads 2D and 3D points, with or without a header, skipping blank lines', () => {
    expect(parsePointsCsv('x1,x2,label\n0.5,-1,1\n\n0,0,0\n', 'classification')).toEqual({ inputs: 2, x: [[0.5, -1], [0, 0]], y: [1, 0] });
    expect(parsePointsCsv('1\t2\t3\t0.25\r\n4\t5\t6\t-7\r\n', 'regression')).toEqual({ inputs: 3, x: [[1, 2, 3], [4, 5, 6]], y: [0.25, -7] });
  });

  it('points at the line and column of a bad label, counting blank lines and the header', () => {
    const e = formatError(() => parsePointsCsv('a,b,label\n1,2,1\n\n3,4,0.5\n', 'classification'));
    expect([e.line, e.column]).toEqual([4, 3]);
    expect(e.message).toContain('Line 4, column 3');
    const quoted = formatError(() => parsePointsCsv('"1",2,0\n1,2,"1"\n5,6,2\n', 'classification'));
    expect([quoted.line, quoted.column]).toEqual([3, 3]);
  });

  it('refuses files without 3 or 4 columns, and what the CSV reader refuses, with line and column', () => {
    const cols = formatError(() => parsePointsCsv('1,2\n3,4\n', 'classification'));
    expect(cols.line).toBe(1);
    expect(cols.message).toContain('3 or 4 columns');
    expect(formatError(() => parsePointsCsv('1,2,3,4,5\n', 'regression')).message).toContain('3 or 4 columns');
    const cell = formatError(() => parsePointsCsv('1,2,1\n3,x,0\n', 'classification'));
    expect([cell.line, cell.column]).toEqual([2, 2]);
    const ragged = formatError(() => parsePointsCsv('1,2,1\n3,4\n', 'classification'));
    expect(ragged.line).toBe(2);
    expect(formatError(() => parsePointsCsv('', 'classification')).line).toBe(1);
  });
});
