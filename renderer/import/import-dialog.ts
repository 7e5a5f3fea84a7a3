import { CancelledError } from '../../src/linalg/errors.js';
import { LitElement, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { FormatError, checkImportSize, defaultSelection, type MatrixSelection } from '../../src/formats/index.js';
import { FormatsSession, failurePlace, type ImportFailure, type OpenedFile, type PickedMatrix, type TensorInfo } from '../workers/formats-client.js';
import { applyImport, clampBlock, type BlockChoice, type ImportTarget } from './apply-import.js';
import { byteSize, count, shapeText, sig } from './format.js';
import { dialogStyles } from './import-dialog-styles.js';
import { renderTargets, targetCards } from './import-targets.js';
import './matrix-preview.js';

type Phase = 'empty' | 'reading' | 'failed' | 'ready';

const FORMAT_NAMES: Record<string, string> = { npy: 'NumPy .npy', safetensors: 'safetensors', csv: 'CSV/TSV text' };
const APPLY_LABEL: Record<ImportTarget, string> = {
  'svd-spectrum': 'Show its spectrum in the SVD lab',
  'svd-block': 'Animate the block in the SVD lab',
  lora: 'Open in the LoRA lab',
  gradients: 'Open in the Gradients lab',
};

/**
 * The import dialog: a modal <dialog> (focus stays inside, Esc closes) that reads a weights file in
 * a worker and walks through it — the file, its tensors (safetensors), the two axes and the
 * indices that make a matrix of a higher-rank tensor (or the orientation of a vector), the
 * matrix's numbers and picture, and the lab it goes to. A refused file shows its FormatError with
 * the byte or the line and column; nothing in the labs changes until the user chooses a lab.
 */
@customElement('hinge-import-dialog')
export class ImportDialog extends LitElement {
  static override styles = dialogStyles;

  @state() private file: { name: string; size: number } | undefined;
  @state() private phase: Phase = 'empty';
  @state() private failure: ImportFailure | undefined;
  @state() private opened: OpenedFile | undefined;
  @state() private tensor = '';
  @state() private selection: MatrixSelection | undefined;
  @state() private picked: PickedMatrix | undefined;
  @state() private picking = false;
  @state() private pickFailure: ImportFailure | undefined;
  @state() private target: ImportTarget = 'svd-spectrum';
  @state() private block: BlockChoice = { size: 2, row: 0, col: 0 };
  @state() private applying = false;
  @state() private filter = '';
  @query('dialog') private dialog!: HTMLDialogElement;
  #session: FormatsSession | undefined;
  #cancelOpen: (() => void) | undefined;
  #pickCount = 0;
  #closedWaiters: (() => void)[] = [];

  /** Resolves when the dialog closes (however it closes). */
  whenClosed(): Promise<void> {
    return new Promise((resolve) => this.#closedWaiters.push(resolve));
  }

  /** Shows the dialog waiting for a file (the "Choose file…" input). */
  async showEmpty(): Promise<void> {
    await this.#show();
    if (this.phase !== 'reading') this.#reset('empty');
    await this.updateComplete;
    (this.renderRoot.querySelector('.choose input') as HTMLElement | null)?.focus();
  }

  /** Shows the dialog reading `file`; never throws — a bad file is shown as its error. */
  async showFile(file: { name: string; bytes: Uint8Array }): Promise<void> {
    await this.#show();
    this.#reset('reading');
    this.file = { name: file.name, size: file.bytes.length };
    try {
      checkImportSize(file.bytes.length);
    } catch (error) {
      this.#fail(asFailure(error));
      return;
    }
    const session = new FormatsSession();
    this.#session = session;
    const job = session.open(file.bytes, file.name);
    this.#cancelOpen = () => job.cancel();
    let outcome;
    try {
      outcome = await job.result;
    } catch (error) {
      if (this.#session !== session) return;
      if (error instanceof CancelledError) this.#reset('empty');
      else this.#fail(asFailure(error));
      return;
    } finally {
      this.#cancelOpen = undefined;
    }
    if (this.#session !== session) return;
    if (!outcome.ok) {
      this.#fail(outcome.error);
      return;
    }
    this.opened = outcome.value;
    this.phase = 'ready';
    const first = outcome.value.tensors.find((t) => !t.reason);
    if (first) this.#chooseTensor(first);
    await this.updateComplete;
    (this.renderRoot.querySelector('input[name="tensor"]:checked, .shape input, .shape select, [data-testid="import-apply"]') as HTMLElement | null)?.focus();
  }

  async #show(): Promise<void> {
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
  }

  #reset(phase: Phase): void {
    this.#session?.close();
    this.#session = undefined;
    this.#pickCount++;
    this.phase = phase;
    this.failure = undefined;
    this.opened = undefined;
    this.tensor = '';
    this.selection = undefined;
    this.picked = undefined;
    this.picking = false;
    this.pickFailure = undefined;
    this.applying = false;
    this.filter = '';
    if (phase === 'empty') this.file = undefined;
  }

  #fail(failure: ImportFailure): void {
    this.#session?.close();
    this.#session = undefined;
    this.phase = 'failed';
    this.failure = failure;
  }

  close(): void {
    this.#cancelOpen?.();
    this.#reset('empty');
    if (this.dialog?.open) this.dialog.close();
    for (const resolve of this.#closedWaiters.splice(0)) resolve();
  }

  // ---- choosing ------------------------------------------------------------------------------

  #chooseTensor(info: TensorInfo): void {
    this.tensor = info.name;
    this.#select(defaultSelection(info.shape));
  }

  #select(selection: MatrixSelection): void {
    this.selection = selection;
    void this.#pick();
  }

  async #pick(): Promise<void> {
    const session = this.#session;
    const selection = this.selection;
    if (!session || !selection) return;
    const ticket = ++this.#pickCount;
    this.picking = true;
    this.pickFailure = undefined;
    let outcome;
    try {
      outcome = await session.pick(this.tensor, selection).result;
    } catch (error) {
      if (ticket !== this.#pickCount) return;
      this.picking = false;
      this.picked = undefined;
      this.pickFailure = asFailure(error);
      return;
    }
    if (ticket !== this.#pickCount) return;
    this.picking = false;
    if (!outcome.ok) {
      this.picked = undefined;
      this.pickFailure = outcome.error;
      return;
    }
    this.picked = outcome.value;
    this.block = clampBlock(this.block, outcome.value.rows, outcome.value.cols);
    const card = targetCards(outcome.value.rows, outcome.value.cols).find((c) => c.id === this.target);
    if (card?.disabled) this.target = 'svd-spectrum';
  }

  async #apply(): Promise<void> {
    const picked = this.picked;
    const file = this.file;
    if (!picked || !file || this.applying) return;
    this.applying = true;
    try {
      await applyImport(file.name, picked, this.target, this.block);
      this.close();
    } catch (error) {
      this.applying = false;
      this.pickFailure = asFailure(error);
    }
  }

  async #onFileInput(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const chosen = input.files?.[0];
    input.value = '';
    if (!chosen) return;
    this.#reset('reading');
    this.file = { name: chosen.name, size: chosen.size };
    try {
      checkImportSize(chosen.size);
    } catch (error) {
      this.#fail(asFailure(error));
      return;
    }
    try {
      await this.showFile({ name: chosen.name, bytes: new Uint8Array(await chosen.arrayBuffer()) });
    } catch (error) {
      this.#fail(asFailure(error));
    }
  }

  /**
   * Tab from the last control goes to the first, Shift+Tab from the first to the last: a modal
   * <dialog> makes the page behind it inert, but would still let focus leave for the browser.
   */
  readonly #trapTab = (event: KeyboardEvent): void => {
    if (event.key !== 'Tab') return;
    const focusable = [...this.renderRoot.querySelectorAll<HTMLElement>('button, input, select, [tabindex]:not([tabindex="-1"])')].filter(
      (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0 && !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked && this.#groupHasChecked(el)),
    );
    if (focusable.length === 0) return;
    const active = (this.renderRoot as ShadowRoot).activeElement;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    if (event.shiftKey ? active === first || !active : active === last || !active) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  };

  /** Whether another radio of `radio`'s group is checked (Tab skips unchecked radios of such groups). */
  #groupHasChecked(radio: HTMLInputElement): boolean {
    return [...this.renderRoot.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${radio.name}"]`)].some((r) => r.checked);
  }

  // ---- rendering -----------------------------------------------------------------------------

  #header() {
    const f = this.file;
    const format = this.opened ? FORMAT_NAMES[this.opened.format] : undefined;
    return html`<header>
        <div class="heading">
          <h1 id="import-title">Import weights</h1>
          ${f
            ? html`<div class="file"><span class="name" data-testid="import-file-name">${f.name}</span>
                <span class="meta" data-testid="import-file-size">${byteSize(f.size)}${format ? ` · ${format}` : ''}</span></div>`
            : html`<div class="file meta">.npy · .safetensors · .csv · .tsv, up to 1 GB; the file never leaves this computer</div>`}
        </div>
        <label class="choose" title="Open a weights file from disk">${f ? 'Choose another file…' : 'Choose file…'}
          <input type="file" data-testid="import-file-input" accept=".npy,.safetensors,.csv,.tsv,.txt" @change=${this.#onFileInput} /></label>
        <button class="icon" data-testid="import-close" aria-label="Close" title="Close without importing (Esc)" @click=${() => this.close()}>✕</button>
      </header>`;
  }

  #error(failure: ImportFailure, title: string) {
    const place = failurePlace(failure);
    return html`<div class="error-box" role="alert" data-testid="import-error" data-offset=${failure.offset ?? ''} data-line=${failure.line ?? ''} data-column=${failure.column ?? ''}>
        <div class="error-title">${title}${place ? html` <span class="place" data-testid="import-error-place">at ${place}</span>` : nothing}</div>
        <div>${failure.message}</div>
        <div class="hint">Nothing was imported; the labs are as they were. Choose another file, or fix this one and try again.</div>
      </div>`;
  }

  #tensorList(opened: OpenedFile) {
    const tensors = opened.tensors;
    const filter = this.filter.trim().toLowerCase();
    const shown = filter ? tensors.filter((t) => t.name.toLowerCase().includes(filter)) : tensors;
    const readable = tensors.filter((t) => !t.reason).length;
    return html`<section>
        <h2>1 · Tensor <span class="count">${readable} of ${tensors.length} readable</span></h2>
        ${tensors.length > 10
          ? html`<input class="filter" type="search" placeholder="Filter by name" aria-label="Filter tensors by name" title="Show only the tensors whose name contains this text" .value=${this.filter}
              @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} />`
          : nothing}
        <div class="tensors" role="radiogroup" aria-label="Tensors in the file" data-testid="import-tensors">
          <table>
            <thead><tr><th></th><th>name</th><th>dtype</th><th>shape</th></tr></thead>
            <tbody>
              ${shown.map(
                (t) => html`<tr class=${t.reason ? 'skipped' : t.name === this.tensor ? 'chosen' : ''} title=${t.reason ? `Cannot be opened: ${t.reason}` : ''}>
                  <td><input type="radio" name="tensor" id=${`tensor-${tensors.indexOf(t)}`} .checked=${t.name === this.tensor} ?disabled=${!!t.reason}
                    aria-describedby=${t.reason ? `why-${tensors.indexOf(t)}` : nothing} @change=${() => this.#chooseTensor(t)} /></td>
                  <td><label for=${`tensor-${tensors.indexOf(t)}`} class="tname">${t.name}</label>
                    ${t.reason ? html`<div class="why" id=${`why-${tensors.indexOf(t)}`}>skipped: ${t.reason}</div>` : nothing}</td>
                  <td class="mono">${t.dtype}</td><td class="mono">${shapeText(t.shape)}</td></tr>`,
              )}
            </tbody>
          </table>
        </div>
        ${opened.metadata && Object.keys(opened.metadata).length > 0
          ? html`<div class="hint">metadata: ${Object.entries(opened.metadata).slice(0, 4).map(([k, v]) => `${k} = ${v}`).join(' · ')}</div>`
          : nothing}
      </section>`;
  }

  #singleArray(opened: OpenedFile) {
    const t = opened.tensors[0]!;
    const what = opened.format === 'csv' ? `a table of ${t.shape[0]} rows and ${t.shape[1]} columns${opened.header ? ' (with a header row)' : ''}` : `one array of shape (${t.shape.join(', ')}${t.shape.length === 1 ? ',' : ''}), ${t.dtype}`;
    return html`<section><h2>1 · Array</h2><p class="hint">The file holds ${what}.</p>
      ${t.reason ? html`<p class="error-inline">It cannot be opened: ${t.reason}.</p>` : nothing}</section>`;
  }

  #shapeControls(info: TensorInfo, selection: MatrixSelection) {
    const shape = info.shape;
    const rank = shape.length;
    const set = (patch: Partial<MatrixSelection>) => this.#select({ ...selection, ...patch });
    let body;
    if (rank === 0) body = html`<p class="hint">A single number: it becomes a 1×1 matrix.</p>`;
    else if (rank === 1) {
      body = html`<div class="row" role="radiogroup" aria-label="Vector as a row or a column">
          <label class="radio" title="The n values side by side: one row"><input type="radio" name="vector" data-testid="vector-row" .checked=${selection.vector === 'row'}
            @change=${() => set({ vector: 'row' })} />as a 1×${shape[0]} row</label>
          <label class="radio" title="The n values stacked: one column"><input type="radio" name="vector" data-testid="vector-column" .checked=${selection.vector === 'column'}
            @change=${() => set({ vector: 'column' })} />as a ${shape[0]}×1 column</label>
        </div>
        <p class="hint">Either way it has one singular value, its length ‖v‖.</p>`;
    } else {
      const axisOptions = (chosen: number) => shape.map((d, a) => html`<option value=${a} ?selected=${a === chosen}>axis ${a} (${d})</option>`);
      // Taking the other side's axis swaps the two, so any pair is one choice away.
      const setAxis = (which: 'rowAxis' | 'colAxis', axis: number) => {
        const other = which === 'rowAxis' ? 'colAxis' : 'rowAxis';
        set(axis === selection[other] ? { [which]: axis, [other]: selection[which] } : { [which]: axis });
      };
      const fixed = shape.map((d, a) => ({ d, a })).filter(({ a }) => a !== selection.rowAxis && a !== selection.colAxis);
      const notation = `[${selection.index.map((v, a) => (a === selection.rowAxis || a === selection.colAxis ? ':' : v)).join(', ')}]`;
      body = html`<div class="axes">
          <label title="The axis whose index runs down the matrix's rows">rows from
            <select data-testid="import-row-axis" aria-label="Axis of the rows" @change=${(e: Event) => setAxis('rowAxis', Number((e.target as HTMLSelectElement).value))}>
              ${axisOptions(selection.rowAxis)}</select></label>
          <label title="The axis whose index runs across the matrix's columns">columns from
            <select data-testid="import-col-axis" aria-label="Axis of the columns" @change=${(e: Event) => setAxis('colAxis', Number((e.target as HTMLSelectElement).value))}>
              ${axisOptions(selection.colAxis)}</select></label>
          ${rank === 2
            ? html`<button data-testid="import-transpose" title="Swap rows and columns" @click=${() => set({ rowAxis: selection.colAxis, colAxis: selection.rowAxis })}>Transpose</button>`
            : nothing}
        </div>
        ${fixed.length > 0
          ? html`<div class="indices">${fixed.map(
              ({ d, a }) => html`<label title=${`Which of the ${d} positions along axis ${a} to cut at (0 to ${d - 1})`}>axis ${a} at
                <input type="number" min="0" max=${d - 1} step="1" data-testid=${`import-index-${a}`} aria-label=${`Index along axis ${a}`} .value=${String(selection.index[a])}
                  @change=${(e: Event) => {
                    const index = [...selection.index];
                    index[a] = Math.max(0, Math.min(d - 1, Math.round(Number((e.target as HTMLInputElement).value) || 0)));
                    set({ index });
                  }} /><span class="of">of 0–${d - 1}</span></label>`,
            )}</div>
            <p class="hint mono" data-testid="import-notation">T${notation}${selection.rowAxis > selection.colAxis ? 'ᵀ' : ''}</p>`
          : nothing}`;
    }
    return html`<section class="shape"><h2>2 · Rows and columns <span class="count">from a ${rank === 0 ? 'scalar' : rank === 1 ? 'vector' : `rank-${rank} tensor`}</span></h2>${body}</section>`;
  }

  #summary() {
    const p = this.picked;
    if (this.pickFailure) return this.#error(this.pickFailure, 'This tensor could not be read');
    if (!p) return html`<section class="summary"><h2>3 · The matrix</h2><p class="hint">${this.picking ? 'Reading…' : 'Choose a tensor.'}</p></section>`;
    const s = p.statistics;
    const zeroShare = s.count > 0 ? (100 * s.zeros) / s.count : 0;
    return html`<section class="summary" data-testid="import-summary" data-rows=${p.rows} data-cols=${p.cols} data-frobenius=${String(s.frobenius)} aria-busy=${this.picking ? 'true' : 'false'}>
        <h2>3 · The matrix <span class="count">${p.slice}</span></h2>
        <div class="stats">
          <table class="numbers">
            <tr><th>shape</th><td data-testid="import-shape">${p.rows} × ${p.cols}</td></tr>
            <tr><th>min</th><td>${sig(s.min)}</td></tr>
            <tr><th>max</th><td>${sig(s.max)}</td></tr>
            <tr><th>mean</th><td>${sig(s.mean)}</td></tr>
            <tr><th title="The Frobenius norm: the square root of the sum of all squared entries">‖M‖<sub>F</sub></th><td>${sig(s.frobenius)}</td></tr>
            <tr><th>exact zeros</th><td>${count(s.zeros)}${s.zeros > 0 ? ` (${sig(zeroShare, 3)}%)` : ''}</td></tr>
          </table>
          <hinge-matrix-preview .preview=${p.preview} .rows=${p.rows} .cols=${p.cols} .min=${s.min} .max=${s.max} .side=${200}
            .highlight=${this.target === 'svd-block' ? clampBlock(this.block, p.rows, p.cols) : undefined}></hinge-matrix-preview>
        </div>
      </section>`;
  }

  #ready(opened: OpenedFile) {
    const info = opened.tensors.find((t) => t.name === this.tensor && !t.reason);
    const p = this.picked;
    return html`<div class="columns">
        <div class="left">
          ${opened.format === 'safetensors' ? this.#tensorList(opened) : this.#singleArray(opened)}
          ${info && this.selection ? this.#shapeControls(info, this.selection) : nothing}
        </div>
        <div class="right">${this.#summary()}</div>
      </div>
      ${p
        ? html`<section><h2>4 · Open it in</h2>
            ${renderTargets({
              rows: p.rows, cols: p.cols, target: this.target, block: this.block, data: p.data,
              onTarget: (t) => (this.target = t), onBlock: (b) => (this.block = b),
            })}</section>`
        : nothing}`;
  }

  #body() {
    switch (this.phase) {
      case 'empty':
        return html`<div class="empty">
            <p>Choose a weights file — a NumPy <b>.npy</b>, a <b>.safetensors</b> checkpoint, or a <b>.csv</b>/<b>.tsv</b> table of numbers — or drop one anywhere on the window.</p>
            <p class="hint">Then pick a matrix from it (a tensor, two of its axes and the cut along the rest) and a lab to look at it in.</p>
          </div>`;
      case 'reading':
        return html`<div class="reading" role="status" data-testid="import-reading"><progress aria-label="Reading the file"></progress><span>Reading ${this.file?.name ?? 'the file'}…</span></div>`;
      case 'failed':
        return this.#error(this.failure!, 'This file could not be opened');
      case 'ready':
        return this.#ready(this.opened!);
    }
  }

  override render() {
    const p = this.picked;
    const ready = this.phase === 'ready' && !!p && !this.picking && !this.pickFailure;
    return html`<dialog aria-labelledby="import-title" data-testid="import-dialog" @keydown=${this.#trapTab}
        @cancel=${(e: Event) => { e.preventDefault(); this.close(); }}>
        ${this.#header()}
        <div class="body">${this.#body()}</div>
        <footer>
          <span class="status">${this.applying ? 'Opening the lab…' : this.phase === 'ready' && p ? `${p.rows}×${p.cols} matrix${this.tensor ? ` from ${this.tensor}` : ''}` : ''}</span>
          <button data-testid="import-cancel" title="Close without importing (Esc)" @click=${() => this.close()}>Cancel</button>
          ${this.phase === 'ready'
            ? html`<button class="primary" data-testid="import-apply" ?disabled=${!ready || this.applying} title="Send this matrix to the lab chosen above (Undo takes it back)"
                @click=${() => void this.#apply()}>${APPLY_LABEL[this.target]}</button>`
            : nothing}
        </footer>
      </dialog>`;
  }
}

function asFailure(error: unknown): ImportFailure {
  if (error instanceof FormatError) return { message: error.message, format: error.format, offset: error.offset, line: error.line, column: error.column };
  return { message: error instanceof Error ? error.message : String(error) };
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-import-dialog': ImportDialog;
  }
}
