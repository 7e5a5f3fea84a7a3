/**
 * What the three labs' imported-matrix panels share: their look (the inspector's), the header
 * naming the matrix with its Remove button, the note shown when a project refers to a matrix
 * whose values are not here, and the progress row of a running spectrum.
 */
import { css, html, nothing } from 'lit';
import type { ImportedMatrixRef } from './imported-matrices.js';
import type { ImportedSpectrumController } from './imported-spectrum.js';
import { focusRing } from '../components/lab-styles.js';

export const panelStyles = [
  focusRing,
  css`
    :host { display: grid; gap: 8px; padding: 10px 12px 12px; border: 1px solid var(--border); border-left: 3px solid var(--accent); border-radius: var(--radius); background: var(--panel-2); min-width: 0; }
    h2 { font-size: 13px; letter-spacing: 0.02em; color: var(--muted); margin: 0; font-weight: 600; }
    .head { display: flex; gap: 8px; align-items: start; justify-content: space-between; }
    .what { font-size: 13px; line-height: 1.45; overflow-wrap: anywhere; }
    .what b { font-weight: 650; }
    .note { color: var(--muted); font-size: 12.5px; line-height: 1.45; margin: 0; }
    .plain { font-family: var(--font-mono); font-size: 12.5px; font-variant-numeric: tabular-nums; line-height: 1.6; overflow-wrap: anywhere; }
    .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; font-size: 13px; }
    button { font: inherit; font-size: 12.5px; color: var(--text); background: var(--panel); border: 1px solid var(--border); border-radius: 4px; padding: 4px 9px; cursor: pointer; }
    button:hover { border-color: var(--accent); }
    button.primary { background: var(--accent); color: var(--on-accent); border-color: transparent; }
    button:disabled { opacity: 0.55; cursor: default; }
    input[type='number'] { width: 64px; font: 13px var(--font-mono); background: var(--field); color: var(--text); border: 1px solid var(--border); border-radius: 4px; padding: 3px 5px; }
    input[type='range'] { flex: 1; min-width: 100px; accent-color: var(--accent); }
    progress { flex: 1; min-width: 80px; accent-color: var(--accent); }
    .error { color: var(--error); font-size: 12.5px; }
    .flag { color: var(--error); }
    .missing { border: 1px dashed var(--error); border-radius: 4px; padding: 8px 10px; font-size: 12.5px; line-height: 1.45; }
    table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
    th { font-weight: 600; color: var(--muted); text-align: left; padding: 2px 4px; font-size: 12px; }
    td { padding: 3px 4px; }
    td.num, th.num { text-align: right; font-family: var(--font-mono); font-variant-numeric: tabular-nums; white-space: nowrap; }
  `,
];

/** "file.safetensors · layer.0.weight · 768×768 · axes 1,2 at [0, :, :]". */
export function describeRef(ref: ImportedMatrixRef) {
  return html`<b>${ref.name}</b>${ref.tensor ? html` · <span class="plain">${ref.tensor}</span>` : nothing} · ${ref.rows}×${ref.cols}${
    ref.slice && ref.slice !== 'the whole matrix' ? html` · ${ref.slice}` : nothing}`;
}

/** The panel's title line: what matrix this is, and the button that stops showing it. */
export function panelHeader(title: string, ref: ImportedMatrixRef, onRemove: () => void) {
  return html`<div class="head">
      <div>
        <h2>${title}</h2>
        <div class="what" data-testid="imported-name">${describeRef(ref)}</div>
      </div>
      <button data-testid="imported-remove" title="Stop showing this imported matrix in this lab (Undo brings it back)" @click=${onRemove}>Remove</button>
    </div>`;
}

/** Shown when the store refers to a matrix whose values are not in this window. */
export function missingNote(ref: ImportedMatrixRef) {
  const tensor = ref.tensor ? ` and pick the tensor ${ref.tensor}` : '';
  const slice = ref.slice && ref.slice !== 'the whole matrix' ? ` (${ref.slice})` : '';
  return html`<div class="missing" role="status" data-testid="imported-missing">
    A project keeps only which matrix was imported, not its values. <b>Re-import ${ref.name}</b> — drop it on the window or use Open… —${tensor}${slice}
    to see its ${ref.rows}×${ref.cols} matrix here again.
  </div>`;
}

/** Progress and Cancel of a running spectrum; the failure message after one failed. */
export function spectrumProgress(spectrum: ImportedSpectrumController) {
  if (spectrum.status === 'running') {
    const what = spectrum.running === 'full' ? 'All singular values' : 'Top singular values (randomized SVD)';
    return html`<div class="row" data-testid="imported-progress">
        <span>${what}: ${spectrum.phase || 'starting'}</span>
        <progress max="1" .value=${spectrum.progress} aria-label=${`${what}: progress`}></progress>
        <span class="plain">${Math.round(spectrum.progress * 100)}%</span>
        <button data-testid="imported-cancel" title="Stop this computation; what was computed before stays" @click=${() => spectrum.cancel()}>Cancel</button>
      </div>`;
  }
  if (spectrum.message) {
    return html`<div class=${spectrum.status === 'failed' ? 'error' : 'note'} role=${spectrum.status === 'failed' ? 'alert' : 'status'} data-testid="imported-message">${spectrum.message}</div>`;
  }
  return nothing;
}
