// The Model lab's table as data: grouping by layer, sorting (NaN last both ways, ties in checkpoint
// order), the printed values, and the CSV — quoted where needed, every float64 back bit for bit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { METRICS, formatBytes, formatMetric, groupByLayer, metricValue, rowsCsv, sortRows, tensorBytes } from '../../renderer/labs/model/model-rows.js';
import { CACHE_VERSION, validRecord } from '../../renderer/labs/model/model-cache.js';
import type { ListedTensor, MetricRow, RowMetrics } from '../../renderer/workers/model-client.js';

function metrics(over: Partial<RowMetrics> = {}): RowMetrics {
  return {
    rows: 4, cols: 3, frobenius: 2, spectral: 1.5, stableRank: 16 / 9, effectiveRank: 2.5, numericalRank: 3,
    condition: 10, energy8: 1, energy16: 1, energy64: 1, alpha: undefined, ...over,
  } as RowMetrics;
}
function row(name: string, layer: number | undefined, over: Partial<RowMetrics> = {}, module = name.replace(/^.*layers\.\d+\./, '')): MetricRow {
  return { name, dtype: 'F32', shape: [4, 3], layer, module, kind: 'q', metrics: metrics(over) };
}
function tensor(name: string, layer: number | undefined): ListedTensor {
  return { name, dtype: 'BF16', shape: [2, 2], layer, module: 'm', path: name, kind: 'q' };
}

/** RFC 4180: fields split on commas outside quotes, "" inside quotes is one ". */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { fields.push(field); field = ''; }
    else if (c === '\n') { fields.push(field); rows.push(fields); fields = []; field = ''; }
    else field += c;
  }
  expect(field).toBe(''); // the text ends with a newline
  return rows;
}

describe('groupByLayer', () => {
  it('puts blocks in index order (numeric, not text order), then everything outside them, keeping each group’s order', () => {
    const groups = groupByLayer([
      tensor('embed', undefined), tensor('l10.q', 10), tensor('l2.q', 2), tensor('l2.k', 2), tensor('norm', undefined), tensor('l10.k', 10),
    ]);
    expect(groups.map((g) => [g.label, g.tensors.map((t) => t.name)])).toEqual([
      ['Layer 2', ['l2.q', 'l2.k']],
      ['Layer 10', ['l10.q', 'l10.k']],
      ['Outside the blocks', ['embed', 'norm']],
    ]);
  });

  it('has no "outside" group when every tensor is in a block, and no group for nothing', () => {
    expect(groupByLayer([tensor('a', 0)]).map((g) => g.label)).toEqual(['Layer 0']);
    expect(groupByLayer([])).toEqual([]);
  });
});

describe('sortRows', () => {
  const rows = [
    row('b', 1, { spectral: 3, alpha: 2.5 }),
    row('a', 0, { spectral: 1 }),
    row('c', undefined, { spectral: 3, alpha: 4 }),
    row('d', 2, { spectral: Infinity, alpha: 1.5 }),
  ];
  const names = (sorted: MetricRow[]) => sorted.map((r) => r.name);

  it('sorts by a metric either way, ties kept in checkpoint order both ways', () => {
    expect(names(sortRows(rows, 'spectral', false))).toEqual(['a', 'b', 'c', 'd']);
    expect(names(sortRows(rows, 'spectral', true))).toEqual(['d', 'b', 'c', 'a']);
  });

  it('puts a missing α last whichever way', () => {
    expect(names(sortRows(rows, 'alpha', false))).toEqual(['d', 'b', 'c', 'a']);
    expect(names(sortRows(rows, 'alpha', true))).toEqual(['c', 'b', 'd', 'a']);
  });

  it('sorts by name and by layer (rows outside the blocks first)', () => {
    expect(names(sortRows(rows, 'name', true))).toEqual(['d', 'c', 'b', 'a']);
    expect(names(sortRows(rows, 'layer', false))).toEqual(['c', 'a', 'b', 'd']);
  });

  it('is a stable permutation that orders the values (property)', () => {
    const value = fc.oneof(fc.double({ noNaN: true }), fc.constant(Number.NaN), fc.constant(Infinity));
    fc.assert(fc.property(fc.array(value, { maxLength: 30 }), fc.boolean(), (values, descending) => {
      const input = values.map((v, i) => row(`t${i}`, i, { condition: v }));
      const sorted = sortRows(input, 'condition', descending);
      expect(new Set(sorted)).toEqual(new Set(input));
      const finite = sorted.map((r) => r.metrics.condition).filter((v) => !Number.isNaN(v));
      expect(sorted.slice(finite.length).every((r) => Number.isNaN(r.metrics.condition))).toBe(true);
      for (let i = 1; i < finite.length; i++) {
        const [x, y] = [finite[i - 1]!, finite[i]!];
        expect(descending ? x >= y : x <= y).toBe(true);
        if (Object.is(x, y)) expect(Number(sorted[i - 1]!.name.slice(1))).toBeLessThan(Number(sorted[i]!.name.slice(1)));
      }
    }));
  });
});

describe('printing', () => {
  it('prints ∞, —, whole ranks, energies as percentages and 4 significant digits', () => {
    expect(formatMetric(Infinity, 'condition')).toBe('∞');
    expect(formatMetric(Number.NaN, 'alpha')).toBe('—');
    expect(formatMetric(17, 'numericalRank')).toBe('17');
    expect(formatMetric(0.98765, 'energy8')).toBe('98.8%');
    expect(formatMetric(16 / 9, 'stableRank')).toBe('1.778');
    expect(formatMetric(123456, 'condition')).toBe('1.235e+5');
    expect(formatMetric(0.0001234, 'spectral')).toBe('1.234e-4');
    expect(metricValue(metrics(), 'alpha')).toBeNaN();
  });

  it('sizes tensors by dtype (Q8_0 blocks of 32 in 34 bytes) and prints bytes in binary units', () => {
    expect(tensorBytes({ dtype: 'BF16', shape: [4096, 4096] })).toBe(32 * 1024 ** 2);
    expect(tensorBytes({ dtype: 'Q8_0', shape: [64, 32] })).toBe(64 * 34);
    expect(tensorBytes({ dtype: 'Q4_K', shape: [2, 2] })).toBeUndefined();
    expect([formatBytes(512), formatBytes(1536), formatBytes(32 * 1024 ** 2), formatBytes(5 * 1024 ** 3)]).toEqual(['512 B', '1.5 KiB', '32.0 MiB', '5.0 GiB']);
  });
});

describe('rowsCsv', () => {
  it('has a header of every column and one line per row; inf for ∞, empty for no α or no layer', () => {
    const [head, first, second, ...rest] = parseCsv(rowsCsv([row('w', 3, { condition: Infinity }), row('emb', undefined, { alpha: 3.25 })]));
    expect(rest).toEqual([]);
    expect(head).toEqual(['name', 'layer', 'module', 'kind', 'dtype', 'rows', 'cols', ...METRICS.map((m) => m.key)]);
    const at = (line: string[], key: string) => line[head!.indexOf(key)];
    expect([at(first!, 'layer'), at(first!, 'condition'), at(first!, 'alpha')]).toEqual(['3', 'inf', '']);
    expect([at(second!, 'layer'), at(second!, 'alpha'), at(second!, 'rows'), at(second!, 'cols')]).toEqual(['', '3.25', '4', '3']);
  });

  it('quotes names with commas, quotes and line breaks so a CSV reader gets them back whole', () => {
    const odd = ['a,b', 'say "hi"', 'two\nlines', 'cr\rhere', '"', ',', 'plain.weight'];
    const lines = parseCsv(rowsCsv(odd.map((name) => row(name, 0, {}, `${name}.mod`))));
    // \r inside quotes survives the parse; the test parser only splits on \n outside quotes.
    expect(lines.slice(1).map((l) => [l[0], l[2]])).toEqual(odd.map((name) => [name, `${name}.mod`]));
    expect(rowsCsv([row('plain.weight', 0)])).toContain('\nplain.weight,0,');
  });

  it('writes every metric so it reads back as the same float64 (property)', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(fc.property(fc.array(fc.tuple(finite, finite, finite), { minLength: 1, maxLength: 10 }), (triples) => {
      const input = triples.map(([a, b, c], i) => row(`t${i}`, i, { frobenius: a, stableRank: b, alpha: c }));
      const [head, ...lines] = parseCsv(rowsCsv(input));
      for (const [i, line] of lines.entries()) {
        for (const key of ['frobenius', 'stableRank', 'alpha'] as const) {
          expect(Object.is(Number(line[head!.indexOf(key)]), input[i]!.metrics[key])).toBe(true);
        }
      }
    }));
  });
});

describe('the overview cache’s record check', () => {
  const rows = [row('w', 0, { alpha: 2 }), row('e', undefined)];
  const record = { fingerprint: 'f', version: CACHE_VERSION, stored: 1, rows };

  it('gives back the rows of a whole record of this version for this fingerprint', () => {
    expect(validRecord(structuredClone(record), 'f')).toEqual(rows);
  });

  it('ignores another fingerprint, another version and broken rows', () => {
    expect(validRecord(record, 'g')).toBeUndefined();
    expect(validRecord({ ...record, version: CACHE_VERSION + 1 }, 'f')).toBeUndefined();
    expect(validRecord({ ...record, rows: 'rows' }, 'f')).toBeUndefined();
    expect(validRecord({ ...record, rows: [{ ...rows[0], metrics: { ...rows[0]!.metrics, spectral: '1.5' } }] }, 'f')).toBeUndefined();
    expect(validRecord({ ...record, rows: [{ ...rows[0], layer: 1.5 }] }, 'f')).toBeUndefined();
    expect(validRecord({ ...record, rows: [null] }, 'f')).toBeUndefined();
    expect(validRecord(null, 'f')).toBeUndefined();
    expect(validRecord('f', 'f')).toBeUndefined();
  });
});
