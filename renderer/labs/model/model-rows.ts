/**
 * The Model lab's table as data: the metric columns (key, label, how a value prints), sorting, the
 * tensor tree grouped by layer, and the CSV of the table. No DOM here.
 */
import type { ListedTensor, MetricRow, RowMetrics } from '../../workers/model-client.js';

export type MetricKey = 'frobenius' | 'spectral' | 'stableRank' | 'effectiveRank' | 'numericalRank' | 'condition' | 'energy8' | 'energy16' | 'energy64' | 'alpha';

export interface MetricColumn {
  readonly key: MetricKey;
  /** The column's header. */
  readonly label: string;
  /** What it is, for the header's tooltip. */
  readonly title: string;
}

export const METRICS: readonly MetricColumn[] = [
  { key: 'frobenius', label: '‖W‖_F', title: 'Frobenius norm √Σσᵢ²' },
  { key: 'spectral', label: '‖W‖₂', title: 'Spectral norm σ₁' },
  { key: 'stableRank', label: 'stable rank', title: 'Stable rank ‖W‖²_F / ‖W‖²₂' },
  { key: 'effectiveRank', label: 'eff. rank', title: 'Effective rank exp(−Σ qᵢ ln qᵢ), qᵢ = σᵢ/Σσⱼ' },
  { key: 'numericalRank', label: 'num. rank', title: 'Numerical rank #{σᵢ > σ₁·max(m, n)·ε}' },
  { key: 'condition', label: 'κ', title: 'Condition number σ₁/σₚ (∞ when rank-deficient)' },
  { key: 'energy8', label: 'E@8', title: 'Energy kept at rank 8: Σᵢ≤₈ σᵢ² / Σσᵢ²' },
  { key: 'energy16', label: 'E@16', title: 'Energy kept at rank 16' },
  { key: 'energy64', label: 'E@64', title: 'Energy kept at rank 64' },
  { key: 'alpha', label: 'α', title: 'Power-law exponent α of the spectral density (Clauset–Shalizi–Newman fit of σᵢ²)' },
];

export type SortKey = MetricKey | 'name' | 'layer';

/** One metric of a row as a number (α may be missing: NaN). */
export function metricValue(metrics: RowMetrics, key: MetricKey): number {
  const v = metrics[key];
  return v === undefined ? Number.NaN : v;
}

/** A value as the table prints it: 4 significant digits, integers whole, ∞ and — for none. */
export function formatMetric(value: number, key: MetricKey): string {
  if (Number.isNaN(value)) return '—';
  if (value === Infinity) return '∞';
  if (key === 'numericalRank') return String(value);
  if (key.startsWith('energy')) return `${(value * 100).toFixed(1)}%`;
  return Math.abs(value) >= 1e5 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(3) : value.toPrecision(4);
}

/** Rows sorted by `key` (NaN last either way); ties keep the checkpoint's order. */
export function sortRows(rows: readonly MetricRow[], key: SortKey, descending: boolean): MetricRow[] {
  const order = new Map(rows.map((r, i) => [r, i]));
  const valueOf = (r: MetricRow): number | string =>
    key === 'name' ? r.name : key === 'layer' ? (r.layer ?? -1) : metricValue(r.metrics, key);
  return [...rows].sort((a, b) => {
    const x = valueOf(a);
    const y = valueOf(b);
    if (typeof x === 'number' && typeof y === 'number' && (Number.isNaN(x) || Number.isNaN(y))) {
      return Number.isNaN(x) === Number.isNaN(y) ? order.get(a)! - order.get(b)! : Number.isNaN(x) ? 1 : -1;
    }
    const c = x < y ? -1 : x > y ? 1 : 0;
    return (descending ? -c : c) || order.get(a)! - order.get(b)!;
  });
}

/** The tensors grouped by layer: the blocks in index order, then everything outside them. */
export function groupByLayer(tensors: readonly ListedTensor[]): { label: string; tensors: ListedTensor[] }[] {
  const groups = new Map<number, ListedTensor[]>();
  const outside: ListedTensor[] = [];
  for (const t of tensors) {
    if (t.layer === undefined) outside.push(t);
    else groups.set(t.layer, [...(groups.get(t.layer) ?? []), t]);
  }
  const blocks = [...groups.entries()].sort(([a], [b]) => a - b).map(([layer, list]) => ({ label: `Layer ${layer}`, tensors: list }));
  return outside.length > 0 ? [...blocks, { label: 'Outside the blocks', tensors: outside }] : blocks;
}

/** Bytes as B/KiB/MiB/GiB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

const DTYPE_BYTES: Readonly<Record<string, number>> = { F64: 8, I64: 8, F32: 4, I32: 4, F16: 2, BF16: 2, I16: 2, I8: 1, U8: 1, BOOL: 1, Q8_0: 34 / 32 };

/** A tensor's size in bytes as stored (undefined for a dtype of unknown width). */
export function tensorBytes(t: Pick<ListedTensor, 'dtype' | 'shape'>): number | undefined {
  const width = DTYPE_BYTES[t.dtype];
  return width === undefined ? undefined : Math.ceil(t.shape.reduce((a, b) => a * b, 1) * width);
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The table as CSV: full float64 values (shortest round-trip, −0 kept), ±Infinity as "inf"/"-inf", a missing α empty. */
export function rowsCsv(rows: readonly MetricRow[]): string {
  const head = ['name', 'layer', 'module', 'kind', 'dtype', 'rows', 'cols', ...METRICS.map((m) => m.key)];
  const lines = rows.map((r) => [
    csvCell(r.name), r.layer === undefined ? '' : String(r.layer), csvCell(r.module), r.kind, r.dtype, String(r.metrics.rows), String(r.metrics.cols),
    ...METRICS.map((m) => {
      const v = metricValue(r.metrics, m.key);
      // String(-0) is "0": keep the sign so every value reads back as the same float64.
      return Number.isNaN(v) ? '' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : Object.is(v, -0) ? '-0' : String(v);
    }),
  ].join(','));
  return [head.join(','), ...lines].join('\n') + '\n';
}
