import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { PRESETS, presetMatrix, type PresetName } from '../../src/layer/index.js';
import './matrix-editor.js';
import type { MatrixInputDetail } from './matrix-editor.js';
import { sectionHeading, focusRing } from './lab-styles.js';

/** The small shapes the geometric views animate: rows × cols. */
export type SmallShape = '2x2' | '3x3' | '2x3' | '3x2';
export const SMALL_SHAPES: readonly SmallShape[] = ['2x2', '3x3', '2x3', '3x2'];

const SHAPE_TITLES: Record<SmallShape, string> = {
  '2x2': 'ℝ² → ℝ²: a map of the plane',
  '3x3': 'ℝ³ → ℝ³: a map of space',
  '2x3': 'ℝ³ → ℝ²: projects space onto a plane',
  '3x2': 'ℝ² → ℝ³: embeds the plane in space',
};

const PRESET_TITLES: Record<PresetName, string> = {
  identity: 'The identity: nothing moves',
  rotation: 'A rotation: lengths and angles kept, det = 1',
  scaling: 'Stretch each axis by its own factor',
  shear: 'Slide one axis along another; areas kept',
  reflection: 'A mirror: orientation flips, det = −1',
  projection: 'Flatten onto a subspace; det = 0',
  singular: 'A rank-deficient matrix: collapses a direction',
  random: 'Random entries from the seed',
};

export function shapeOf(value: readonly (readonly number[])[]): string {
  return `${value.length}x${value[0]?.length ?? 0}`;
}

const sup = (n: number) => (n === 2 ? '²' : '³');

/**
 * Where a lab's matrix comes from: a shape (2×2, 3×3, 2×3, 3×2), the matrix editor (cells or one
 * expression; an expression of another small shape switches the shape) and presets with a seed.
 * Fires `matrix-input` with the new matrix and `seed-change` with a new seed.
 */
@customElement('hinge-matrix-source')
export class MatrixSource extends LitElement {
  static override styles = [
    sectionHeading,
    focusRing,
    css`
      :host { display: grid; gap: 12px; }
      .seg, .presets { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
      button { font: inherit; font-size: 12.5px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 5px 9px; cursor: pointer; }
      button[aria-pressed='true'] { background: var(--accent); color: var(--on-accent); border-color: transparent; }
      button:hover { border-color: var(--accent); }
      label { font-size: 12px; color: var(--muted); display: flex; gap: 4px; align-items: center; }
      input { width: 54px; font: 12.5px var(--font-mono); background: var(--field); color: var(--text); border: 1px solid var(--border); border-radius: 4px; padding: 4px; }
    `,
  ];

  /** The matrix; its shape must be one of SMALL_SHAPES. */
  @property({ attribute: false }) value: number[][] = [[1, 0], [0, 1]];
  /** The symbol of the matrix. */
  @property() label = 'W';
  @property({ type: Number }) seed = 1;

  #emit(value: number[][]): void {
    this.dispatchEvent(new CustomEvent<MatrixInputDetail>('matrix-input', { detail: { value }, bubbles: true, composed: true }));
  }

  #setShape(shape: SmallShape): void {
    if (shape === shapeOf(this.value)) return;
    const [rows, cols] = shape.split('x').map(Number) as [number, number];
    // Keep the entries that still fit; pad with the identity.
    this.#emit(Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => this.value[i]?.[j] ?? (i === j ? 1 : 0))));
  }

  #preset(name: PresetName, seed = this.seed): void {
    this.#emit(presetMatrix(name, this.value.length, this.value[0]?.length ?? 0, seed));
  }

  #seedChanged(event: Event): void {
    const seed = Math.max(0, Math.floor(Number((event.target as HTMLInputElement).value) || 0));
    this.dispatchEvent(new CustomEvent<number>('seed-change', { detail: seed, bubbles: true, composed: true }));
    this.#preset('random', seed);
  }

  override render() {
    const shape = shapeOf(this.value);
    const rows = this.value.length;
    const cols = this.value[0]?.length ?? 0;
    return html`
      <section>
        <h2>Shape of ${this.label}</h2>
        <div class="seg" role="group" aria-label=${`Shape of ${this.label}`}>
          ${SMALL_SHAPES.map((s) => html`<button aria-pressed=${s === shape ? 'true' : 'false'} title=${SHAPE_TITLES[s]}
            data-testid=${`shape-${s}`} @click=${() => this.#setShape(s)}>${s.replace('x', '×')}</button>`)}
        </div>
      </section>
      <section>
        <hinge-matrix-editor label=${this.label} note=${`${rows}×${cols} · ℝ${sup(cols)} → ℝ${sup(rows)}`} .value=${this.value}
          .allowedShapes=${SMALL_SHAPES} @matrix-input=${(e: CustomEvent<MatrixInputDetail>) => { e.stopPropagation(); this.#emit(e.detail.value); }}></hinge-matrix-editor>
        <div class="presets" role="group" aria-label=${`Presets for ${this.label}`} style="margin-top: 10px">
          ${PRESETS.map((name) => html`<button title=${PRESET_TITLES[name]} data-testid=${`preset-${name}`} @click=${() => this.#preset(name)}>${name[0]!.toUpperCase() + name.slice(1)}</button>`)}
          <label title="The seed of the random preset: the same seed gives the same matrix">seed
            <input type="number" min="0" step="1" .value=${String(this.seed)} aria-label="Random seed" @change=${this.#seedChanged} /></label>
        </div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-matrix-source': MatrixSource;
  }
}
