/**
 * Pieces of the Regions lab's interface as templates: what a region is (for the pinned readout
 * and the hover tooltip), the legends of the layer colours, and the segment's fields and count.
 */
import { html, nothing } from 'lit';
import { formatNumber } from '../../../src/layer/index.js';
import type { PackedRegions } from '../../../src/regions/index.js';
import { LAYER_COLORS } from './boundary-layers.js';

const f3 = (v: number) => formatNumber(v, 3);
const SUB = ['₁', '₂', '₃'];

/** Region i's pattern split by layer, its area or volume, and its affine map f(x) = A·x + c. */
export interface RegionFacts {
  readonly layers: string[];
  readonly measure: number;
  readonly A: number[];
  readonly c: number;
}

export function regionFacts(p: PackedRegions, i: number, widths: readonly number[]): RegionFacts {
  const bits = p.patterns.subarray(i * p.hidden, (i + 1) * p.hidden);
  let offset = 0;
  const layers = widths.map((w) => {
    const part = Array.from(bits.subarray(offset, offset + w)).join('');
    offset += w;
    return part;
  });
  return { layers, measure: p.measures[i]!, A: Array.from(p.gradients.subarray(i * p.dim, (i + 1) * p.dim)), c: p.constants[i]! };
}

/** f(x) = a₁x₁ + a₂x₂ + c in plain text with a true minus sign. */
export function affineText({ A, c }: Pick<RegionFacts, 'A' | 'c'>): string {
  const terms = A.map((a, k) => `${k === 0 ? (a < 0 ? '−' : '') : a < 0 ? ' − ' : ' + '}${f3(Math.abs(a))} x${SUB[k]}`).join('');
  return `f(x) = ${terms}${c < 0 ? ' − ' : ' + '}${f3(Math.abs(c))}`;
}

/** The TeX of the same map, for the pinned readout. */
export function affineTex({ A, c }: Pick<RegionFacts, 'A' | 'c'>): string {
  const terms = A.map((a, k) => `${k === 0 ? (a < 0 ? '-' : '') : a < 0 ? '-' : '+'} ${f3(Math.abs(a))}\\,x_{${k + 1}}`).join(' ');
  return `f(\\mathbf{x}) = ${terms} ${c < 0 ? '-' : '+'} ${f3(Math.abs(c))}`;
}

/** "last cut by layer 2", or that no layer cut the box. */
export function lastCutText(layer: number | undefined): string {
  if (layer === undefined) return '';
  return layer === 0 ? 'no layer cut the box' : `last cut by layer ${layer}`;
}

/**
 * The legend of colour by layer: one swatch per hidden layer with the number of regions it cut
 * last, and what the colour means.
 */
export function cellLayerLegend(cellLayers: Uint8Array | undefined, layersShown: number) {
  if (!cellLayers) return nothing;
  const counts = new Array<number>(layersShown + 1).fill(0);
  for (const l of cellLayers) counts[l]!++;
  return html`<div class="legend" data-testid="layer-legend" role="group" aria-label="Colour by layer legend">
    <div class="legend-title">Each region in the colour of the last layer that cut it</div>
    ${counts.map((n, l) => (l === 0 && n === 0 ? nothing : html`<span class="legend-item"><i class="chip" style=${`background: ${l === 0 ? 'var(--muted)' : LAYER_COLORS[(l - 1) % LAYER_COLORS.length]}`}></i>${l === 0 ? 'no cut' : `layer ${l}`} · ${n} region${n === 1 ? '' : 's'}</span>`))}
    <div class="legend-note">That is the first layer after which no other region shares its activation pattern so far: that layer split its piece, and no later layer splits it again.</div>
  </div>`;
}

/** Per hidden layer, a toggle showing or hiding the boundaries it drew, in its colour. */
export function boundaryToggles(layers: number, off: readonly number[], toggle: (layer: number) => void) {
  return html`<div class="row toggles" role="group" aria-label="Layer colours">
    ${Array.from({ length: layers }, (_, l) => html`<button class="toggle" aria-pressed=${off.includes(l) ? 'false' : 'true'} data-testid=${`boundary-layer-${l + 1}`}
      title=${`Show or hide the boundaries drawn by layer ${l + 1}`} @click=${() => toggle(l)}>
      <i class="chip" style=${`background: ${LAYER_COLORS[l % LAYER_COLORS.length]}`}></i>layer ${l + 1}</button>`)}
    <span class="plain muted">━ box</span>
  </div>`;
}

/** The segment's end-point fields (a keyboard path for dragging them) and its count. */
export function lineFields(
  line: { readonly a: readonly number[]; readonly b: readonly number[]; readonly radius: number; readonly count: number | undefined },
  set: (end: 'lineA' | 'lineB', point: number[]) => void,
) {
  const field = (end: 'lineA' | 'lineB', p: readonly number[]) => p.map((v, k) => html`<input type="number" step="0.05" min=${-line.radius} max=${line.radius}
    .value=${String(v)} data-testid=${`${end === 'lineA' ? 'line-a' : 'line-b'}-${k + 1}`} aria-label=${`${end === 'lineA' ? 'Start' : 'End'} of the segment, coordinate ${k + 1}`}
    @change=${(e: Event) => { const x = Number((e.target as HTMLInputElement).value); if (Number.isFinite(x)) set(end, p.map((q, j) => (j === k ? x : q))); }} />`);
  return html`
    <div class="row">from a = (${field('lineA', line.a).map((f, k) => (k ? html`, ${f}` : f))})</div>
    <div class="row">to b = (${field('lineB', line.b).map((f, k) => (k ? html`, ${f}` : f))})</div>
    ${line.count !== undefined ? html`<div class="readout" data-testid="line-count" data-count=${line.count} data-a=${JSON.stringify(line.a)} data-b=${JSON.stringify(line.b)}>
      the segment crosses <b>${line.count}</b> region${line.count === 1 ? '' : 's'}</div>` : nothing}`;
}
