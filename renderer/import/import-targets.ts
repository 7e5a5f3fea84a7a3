/**
 * The last step of the import dialog: where the matrix goes. Four cards (the SVD lab's spectrum,
 * a block of it animated in the SVD lab, the LoRA lab's compression curve, the Gradients lab's
 * conditioning), each saying in one sentence what it will show, and the block's size and place.
 */
import { html, nothing } from 'lit';
import { fullSpectrumAtOnce } from './spectrum-jobs.js';
import { LORA_HEATMAP_MAX, blockOf, clampBlock, type BlockChoice, type ImportTarget } from './apply-import.js';
import { sig } from './format.js';

interface TargetCard {
  readonly id: ImportTarget;
  readonly title: string;
  readonly text: string;
  /** Why the card cannot be chosen, or undefined. */
  readonly disabled?: string;
}

export function targetCards(rows: number, cols: number): TargetCard[] {
  const full = fullSpectrumAtOnce(rows, cols);
  const small = rows <= LORA_HEATMAP_MAX && cols <= LORA_HEATMAP_MAX;
  return [
    {
      id: 'svd-spectrum',
      title: 'SVD — spectrum',
      text: full
        ? `All ${Math.min(rows, cols)} singular values, its rank and condition number.`
        : `The top 32 singular values at once (randomized SVD), all ${Math.min(rows, cols)} on request.`,
    },
    {
      id: 'svd-block',
      title: 'SVD — animate a block',
      text: 'A 2×2 or 3×3 block of it becomes W, animated as rotate, stretch, rotate.',
      disabled: rows < 2 || cols < 2 ? 'needs at least 2 rows and 2 columns' : undefined,
    },
    {
      id: 'lora',
      title: 'LoRA — compress it',
      text: `Error of the best rank-r matrix for every r, and where r(d + k) < dk pays off.${small ? ' Also loaded into the heatmaps as ΔW (W₀ = 0).' : ''}`,
    },
    {
      id: 'gradients',
      title: 'Gradients — conditioning',
      text: 'Its singular values, condition number σ₁/σₙ, and how much Wᵀ can grow or shrink a gradient.',
    },
  ];
}

export interface TargetsView {
  readonly rows: number;
  readonly cols: number;
  readonly target: ImportTarget;
  readonly block: BlockChoice;
  readonly data: Float64Array | undefined;
  readonly onTarget: (target: ImportTarget) => void;
  readonly onBlock: (block: BlockChoice) => void;
}

export function renderTargets(v: TargetsView) {
  const cards = targetCards(v.rows, v.cols);
  return html`<div class="targets" role="radiogroup" aria-label="Where the matrix goes">
      ${cards.map(
        (card) => html`<label class="target" ?data-disabled=${!!card.disabled} title=${card.disabled ? `Not available: ${card.disabled}` : card.text}>
          <input type="radio" name="target" data-testid=${`target-${card.id}`} .checked=${v.target === card.id} ?disabled=${!!card.disabled}
            @change=${() => v.onTarget(card.id)} />
          <span class="target-title">${card.title}</span>
          <span class="target-text">${card.disabled ? `Not available: ${card.disabled}.` : card.text}</span>
        </label>`,
      )}
    </div>
    ${v.target === 'svd-block' ? renderBlock(v) : nothing}`;
}

/**
 * The block's size and place (select and two number inputs, kept inside the matrix) and, when the
 * values are at hand, the block itself. The import dialog and the Model lab both use it.
 */
export function renderBlock(v: Pick<TargetsView, 'rows' | 'cols' | 'block' | 'data' | 'onBlock'>) {
  const block = clampBlock(v.block, v.rows, v.cols);
  const values = v.data ? blockOf(v.data, v.cols, block) : [];
  const set = (patch: Partial<BlockChoice>) => v.onBlock(clampBlock({ ...block, ...patch }, v.rows, v.cols));
  const number = (e: Event) => Number((e.target as HTMLInputElement).value);
  return html`<div class="block">
      <label title="The size of the block animated as W">block
        <select data-testid="block-size" aria-label="Block size" @change=${(e: Event) => set({ size: Number((e.target as HTMLSelectElement).value) as 2 | 3 })}>
          <option value="2" ?selected=${block.size === 2}>2×2</option>
          <option value="3" ?selected=${block.size === 3} ?disabled=${v.rows < 3 || v.cols < 3}>3×3</option>
        </select></label>
      <label title=${`The block's first row, 0 to ${v.rows - block.size}`}>rows from
        <input type="number" data-testid="block-row" min="0" max=${v.rows - block.size} step="1" .value=${String(block.row)} aria-label="First row of the block"
          @change=${(e: Event) => set({ row: number(e) })} /></label>
      <label title=${`The block's first column, 0 to ${v.cols - block.size}`}>columns from
        <input type="number" data-testid="block-col" min="0" max=${v.cols - block.size} step="1" .value=${String(block.col)} aria-label="First column of the block"
          @change=${(e: Event) => set({ col: number(e) })} /></label>
      ${v.data ? html`<table class="block-values" data-testid="block-values" data-value=${JSON.stringify(values)} aria-label="The block's entries">
        ${values.map((row) => html`<tr>${row.map((x) => html`<td>${sig(x, 3)}</td>`)}</tr>`)}
      </table>` : nothing}
      <span class="hint">rows ${block.row}–${block.row + block.size - 1}, columns ${block.col}–${block.col + block.size - 1} (counted from 0, as numpy does)</span>
    </div>`;
}
