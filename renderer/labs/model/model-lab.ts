import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { matrixFingerprint, matrixStatistics } from '../../../src/formats/index.js';
import { hostContext } from '../../app/host-context.js';
import { labPanel, tabbedStage } from '../../components/lab-styles.js';
import type { Host } from '../../host/host.js';
import { applyImport, clampBlock, type BlockChoice, type ImportTarget } from '../../import/apply-import.js';
import { renderBlock } from '../../import/import-targets.js';
import type { ThemeName } from '../../theme.js';
import {
  startComparison, startListing, startMatrix, startOverview,
  type Comparison, type Listing, type MetricRow, type ModelFile, type RangeReader,
} from '../../workers/model-client.js';
import { isDesktopFile } from '../../workers/model-sources.js';
import { JobController } from '../job-controller.js';
import './model-charts.js';
import { METRICS, formatBytes, formatMetric, groupByLayer, metricValue, rowsCsv, sortRows, tensorBytes, type MetricKey, type SortKey } from './model-rows.js';
import { cacheRows, cachedRows, droppedFiles, fingerprintOf, labelOf, modelFiles, modelSession as session } from './model-session.js';
import { showLayerZeroInAttention } from '../attention/real-source.js';

type View = 'table' | 'tree' | 'delta';

const TARGETS: readonly { target: ImportTarget; lab: string; what: string; testid: string }[] = [
  { target: 'svd-spectrum', lab: 'SVD', what: 'its spectrum', testid: 'model-open-svd' },
  { target: 'lora', lab: 'LoRA', what: 'its compression curve', testid: 'model-open-lora' },
  { target: 'gradients', lab: 'Gradients', what: 'its conditioning', testid: 'model-open-gradients' },
];

/**
 * The Model lab: a real checkpoint's tensors (safetensors, sharded, PyTorch zip, .npz, GGUF, a
 * LoRA adapter) grouped by layer, every matrix's spectral metrics computed in a worker one tensor
 * at a time (the table fills in as rows arrive), a metric across depth per module kind, and ΔW of
 * two checkpoints or of a base and an adapter. Any row opens in the SVD, LoRA or Gradients lab.
 * The files are read by byte range (File.slice in a browser; on the desktop the main process reads
 * ranges of the files it opened from its dialog): listing reads headers only.
 */
@customElement('hinge-model-lab')
export class ModelLab extends LitElement {
  static override styles = [
    ...labPanel,
    tabbedStage,
    css`
      .pane { flex: 1; min-height: 0; overflow: auto; padding: 14px 18px 24px; display: grid; gap: 16px; align-content: start; }
      .pane[hidden] { display: none; }
      .drop { border: 1.5px dashed var(--border); border-radius: 8px; padding: 22px; color: var(--muted); font-size: 13px; line-height: 1.5; text-align: center; }
      .drop.over { border-color: var(--accent); color: var(--text); }
      .btn { font: inherit; font-size: 13px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 5px 11px; cursor: pointer; }
      .btn.primary { background: var(--accent); color: var(--on-accent); border-color: transparent; }
      .btn:disabled { opacity: 0.5; cursor: not-allowed; }
      input[type='file'] { display: none; }
      select { max-width: 100%; min-width: 0; font: inherit; font-size: 13px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 5px 8px; }
      table { border-collapse: collapse; font-size: 12.5px; width: max-content; min-width: 100%; }
      th, td { padding: 3px 8px; text-align: right; border-bottom: 1px solid var(--border); white-space: nowrap; }
      th { position: sticky; top: 0; background: var(--panel); color: var(--muted); font-weight: 600; cursor: pointer; user-select: none; }
      th.text, td.text { text-align: left; }
      td { font-family: var(--font-mono); font-variant-numeric: tabular-nums; }
      td.text { font-family: var(--font-ui); }
      tbody tr { cursor: pointer; }
      tbody tr:hover { background: var(--panel-2); }
      tbody tr[aria-selected='true'] { background: color-mix(in srgb, var(--accent) 22%, transparent); }
      .table-wrap { overflow: auto; max-height: 56vh; border: 1px solid var(--border); border-radius: 6px; }
      progress { width: 100%; accent-color: var(--accent); }
      .meta { font-size: 12.5px; color: var(--muted); line-height: 1.5; word-break: break-word; }
      .meta b { color: var(--text); font-weight: 600; }
      details.layer { border-bottom: 1px solid var(--border); padding: 4px 0; }
      details.layer summary { cursor: pointer; font-weight: 600; font-size: 13px; }
      .tree td { border: none; padding: 1px 8px; }
      .skipped { color: var(--muted); }
      .mismatch { font-size: 12px; color: var(--muted); margin: 2px 0; }
      .stack { display: grid; gap: 8px; }
      .block { display: flex; gap: 8px 12px; align-items: center; flex-wrap: wrap; font-size: 12.5px; color: var(--muted); }
      .block label { display: flex; gap: 6px; align-items: center; }
      .block input[type='number'] { width: 5em; font: inherit; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 3px 6px; }
      .block .hint { flex-basis: 100%; }
    `,
  ];

  @property() theme: ThemeName = 'dark';
  @consume({ context: hostContext, subscribe: true }) host: Host | undefined;

  @state() private view: View = 'table';
  @state() private metric: MetricKey = 'stableRank';
  @state() private sortKey: SortKey = 'layer';
  @state() private descending = false;
  @state() private selected: string | undefined;
  @state() private selectedDelta: string | undefined;
  /** The 2×2 or 3×3 block of the selected matrix that "Animate a block" sends to the SVD lab (top-left first). */
  @state() private block: BlockChoice = { size: 2, row: 0, col: 0 };
  @state() private over = false;
  @state() private notice = '';

  readonly listJob = new JobController<Listing>(this);
  readonly overviewJob = new JobController<MetricRow[]>(this);
  readonly matrixJob = new JobController<{ rows: number; cols: number; data: Float64Array }>(this);
  readonly compareJob = new JobController<Comparison>(this);

  /** Desktop checkpoints are read by range through the main process; browser Files need nothing. */
  get #ranges(): RangeReader | undefined {
    const checkpoints = this.host?.checkpoints;
    return checkpoints && ((handle, offset, length) => checkpoints.readRange(handle, offset, length));
  }

  /** Closes the desktop handles of files the lab no longer shows (browser Files need no closing). */
  #letGo(files: readonly ModelFile[] | undefined): void {
    const handles = (files ?? []).filter(isDesktopFile).map((f) => f.handle);
    if (handles.length > 0) void this.host?.checkpoints?.release(handles);
  }

  /** The desktop's open dialog (files or a folder); its files, or none when cancelled or refused. */
  async #choose(folder: boolean): Promise<ModelFile[]> {
    const result = await this.host?.checkpoints?.open(folder);
    if (result?.status === 'failed') this.notice = result.reason;
    return result?.status === 'opened' ? result.files : [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A visit cut short (the job stops when the lab leaves the page): finish the overview now.
    if (session.main && !session.complete) void this.#analyse();
  }

  /** Worker jobs started by this element (tests count them: a cached overview starts none). */
  shellStats(): { viewsBuilt: number[]; programsCompiled: number[]; jobsStarted: number[] } {
    return { viewsBuilt: [], programsCompiled: [], jobsStarted: [this.listJob, this.overviewJob, this.matrixJob, this.compareJob].map((j) => j.started) };
  }

  /** Resolves once no job of the lab is running and the element has rendered (tests, export). */
  async settled(): Promise<void> {
    await Promise.all([this.listJob, this.overviewJob, this.matrixJob, this.compareJob].map((j) => j.whenIdle()));
    await this.updateComplete;
  }

  async #open(files: ModelFile[]): Promise<void> {
    if (files.length === 0) return;
    this.notice = '';
    this.overviewJob.clear();
    const listing = await this.listJob.run(() => startListing(files, this.#ranges));
    if (!listing) {
      this.#letGo(files);
      return;
    }
    this.#letGo(session.main?.files);
    this.#letGo(session.other?.files);
    session.main = { files, label: labelOf(files), listing, fingerprint: fingerprintOf(files, listing.headerHash) };
    session.rows = [];
    session.complete = false;
    session.comparison = undefined;
    session.other = undefined;
    this.compareJob.clear();
    this.selected = undefined;
    this.selectedDelta = undefined;
    this.view = listing.lora.length > 0 && !listing.tensors.some((t) => t.shape.length >= 2 && !/lora_[AB]/.test(t.name)) ? 'tree' : 'table';
    await this.#analyse();
  }

  async #analyse(): Promise<void> {
    const main = session.main;
    if (!main) return;
    const cached = await cachedRows(main.fingerprint);
    if (session.main !== main) return; // another checkpoint was opened meanwhile
    if (cached) {
      session.rows = cached;
      session.complete = true;
      this.requestUpdate();
      return;
    }
    session.rows = [];
    // Rows of an earlier run (a worker stopped when the element left, whose last messages still
    // arrive) must not mix into this one's.
    const run = ++session.run;
    const rows = await this.overviewJob.run((report) =>
      startOverview(main.files, (row) => {
        if (session.run !== run) return;
        session.rows = [...session.rows, row];
        this.requestUpdate();
      }, report, this.#ranges));
    if (rows && session.run === run) {
      session.rows = rows;
      session.complete = true;
      void cacheRows(main.fingerprint, rows);
    }
  }

  async #compare(files: ModelFile[]): Promise<void> {
    const main = session.main;
    if (!main || files.length === 0) return;
    this.#letGo(session.other?.files);
    session.other = { files, label: labelOf(files) };
    session.comparison = undefined;
    const result = await this.compareJob.run((report) => startComparison(main.files, files, report, this.#ranges));
    if (result && session.main === main) {
      session.comparison = result;
      this.selectedDelta = result.rows[0]?.name;
      this.view = 'delta';
    }
  }

  async #sendTo(target: ImportTarget): Promise<void> {
    const main = session.main;
    const name = this.selected;
    if (!main || !name) return;
    const matrix = await this.matrixJob.run(() => startMatrix(main.files, name, this.#ranges));
    if (!matrix) return;
    const shape = main.listing.tensors.find((t) => t.name === name)?.shape ?? [matrix.rows, matrix.cols];
    const picked = {
      id: matrixFingerprint(matrix.data, matrix.rows, matrix.cols),
      tensor: name,
      rows: matrix.rows,
      cols: matrix.cols,
      data: matrix.data,
      statistics: matrixStatistics(matrix.data),
      slice: shape.length > 2 ? `[${shape.join(', ')}] as ${matrix.rows}×${matrix.cols}` : '',
    };
    await applyImport(main.label, picked, target, clampBlock(this.block, matrix.rows, matrix.cols));
  }

  async #saveCsv(): Promise<void> {
    if (!this.host || !session.main) return;
    const base = session.main.label.replace(/[/\\]+$/, '').replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '-');
    const result = await this.host.saveFile(new TextEncoder().encode(rowsCsv(session.rows)), `${base}-metrics.csv`);
    this.notice = result.status === 'failed' ? `The CSV was not saved: ${result.reason}` : '';
  }

  #onPick(event: Event, then: (files: ModelFile[]) => Promise<void>): void {
    const input = event.target as HTMLInputElement;
    const files = modelFiles(input.files ?? []);
    input.value = '';
    void then(files);
  }

  readonly #onDragOver = (event: DragEvent): void => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    this.over = true;
  };

  readonly #onDrop = async (event: DragEvent, then: (files: ModelFile[]) => Promise<void>): Promise<void> => {
    if (!event.dataTransfer) return;
    // The app opens window drops as projects; this one is the lab's (hinge-app skips a handled drop).
    event.preventDefault();
    this.over = false;
    await then(await droppedFiles(event.dataTransfer));
  };

  /** Selects a row; the block keeps its size and place, moved inside the new matrix if it must. */
  #select(name: string): void {
    this.selected = name;
    const row = session.rows.find((r) => r.name === name);
    if (row) this.block = clampBlock(this.block.size === 3 && (row.metrics.rows < 3 || row.metrics.cols < 3) ? { ...this.block, size: 2 } : this.block, row.metrics.rows, row.metrics.cols);
  }

  #sort(key: SortKey): void {
    if (this.sortKey === key) this.descending = !this.descending;
    else {
      this.sortKey = key;
      this.descending = key !== 'name' && key !== 'layer';
    }
  }

  #errors() {
    const failed = [this.listJob, this.overviewJob, this.matrixJob, this.compareJob].filter((j) => j.view.status === 'failed');
    return [...failed.map((j) => j.view.message), ...(this.notice ? [this.notice] : [])].map(
      (message) => html`<p class="error" role="alert" data-testid="model-error">${message}</p>`,
    );
  }

  #table() {
    const rows = sortRows(session.rows, this.sortKey, this.descending);
    const arrow = (key: SortKey) => (this.sortKey === key ? (this.descending ? ' ▾' : ' ▴') : '');
    const aria = (key: SortKey) => (this.sortKey === key ? (this.descending ? 'descending' : 'ascending') : 'none');
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Metrics of every matrix"><table data-testid="model-table">
      <thead><tr>
        <th class="text" aria-sort=${aria('name')} @click=${() => this.#sort('name')}>tensor${arrow('name')}</th>
        <th aria-sort=${aria('layer')} @click=${() => this.#sort('layer')} title="Layer index">layer${arrow('layer')}</th>
        <th class="text">kind</th><th class="text">shape</th>
        ${METRICS.map((m) => html`<th aria-sort=${aria(m.key)} title=${m.title} data-sort=${m.key} @click=${() => this.#sort(m.key)}>${m.label}${arrow(m.key)}</th>`)}
      </tr></thead>
      <tbody>${rows.map((r) => html`<tr data-testid="model-row" data-name=${r.name} aria-selected=${this.selected === r.name ? 'true' : 'false'} tabindex="0"
          @click=${() => this.#select(r.name)} @keydown=${(e: KeyboardEvent) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.#select(r.name); } }}>
        <td class="text">${r.name}</td><td>${r.layer ?? '—'}</td><td class="text">${r.kind}</td><td>${r.metrics.rows}×${r.metrics.cols}</td>
        ${METRICS.map((m) => {
          const v = metricValue(r.metrics, m.key);
          return html`<td data-metric=${m.key} data-value=${String(v)} title=${String(v)}>${formatMetric(v, m.key)}</td>`;
        })}</tr>`)}</tbody>
    </table></div>`;
  }

  #tree(listing: Listing) {
    return html`<div data-testid="model-tree">${groupByLayer(listing.tensors).map((group) => html`<details class="layer" open>
      <summary>${group.label} <span class="meta">· ${group.tensors.length} tensors</span></summary>
      <table class="tree"><tbody>${group.tensors.map((t) => {
        const bytes = tensorBytes(t);
        return html`<tr data-testid="tree-tensor" class=${t.skipped ? 'skipped' : ''} title=${t.skipped ?? t.name}>
          <td class="text">${t.path}.${t.name.split('.').pop()}</td><td class="text">${t.kind}</td><td>[${t.shape.join(', ')}]</td><td class="text">${t.dtype}</td>
          <td>${bytes === undefined ? '' : formatBytes(bytes)}</td><td class="text">${t.skipped ? `skipped: ${t.skipped}` : ''}</td></tr>`;
      })}</tbody></table></details>`)}</div>`;
  }

  #delta(comparison: Comparison) {
    const row = comparison.rows.find((r) => r.name === this.selectedDelta) ?? comparison.rows[0];
    return html`<div class="stack" data-testid="model-delta">
      <p class="meta">${comparison.kind === 'adapter'
        ? html`ΔW = (α/r)·B·A of each LoRA pair, beside the base weight W it adds to; the merged W + ΔW's metrics too.`
        : html`ΔW = W<sub>second</sub> − W<sub>first</sub> per matrix matched by name and shape.`}</p>
      <hinge-delta-spectrum .row=${row}></hinge-delta-spectrum>
      <div class="table-wrap" tabindex="0" role="region" aria-label="ΔW of every pair"><table>
        <thead><tr><th class="text">${comparison.kind === 'adapter' ? 'module' : 'tensor'}</th><th class="text">shape</th>
          ${METRICS.filter((m) => m.key !== 'alpha').map((m) => html`<th title=${`${m.title} of ΔW`}>${m.label}</th>`)}
          ${comparison.kind === 'adapter' ? html`<th title="Stable rank of the merged W + ΔW">merged stable rank</th>` : nothing}</tr></thead>
        <tbody>${comparison.rows.map((r) => html`<tr data-testid="delta-row" data-name=${r.name} aria-selected=${row === r ? 'true' : 'false'} @click=${() => (this.selectedDelta = r.name)}>
          <td class="text">${r.name}</td><td>${r.shape[0]}×${r.shape[1]}</td>
          ${METRICS.filter((m) => m.key !== 'alpha').map((m) => {
            const v = metricValue(r.metrics, m.key);
            return html`<td data-metric=${m.key} data-value=${String(v)} title=${String(v)}>${formatMetric(v, m.key)}</td>`;
          })}
          ${r.merged ? html`<td data-metric="mergedStableRank" title=${String(r.merged.stableRank)}>${formatMetric(r.merged.stableRank, 'stableRank')}</td>` : nothing}</tr>`)}</tbody>
      </table></div>
      ${comparison.mismatches.length > 0 ? html`<details data-testid="delta-mismatches"><summary class="meta">${comparison.mismatches.length} not matched</summary>
        ${comparison.mismatches.map((m) => html`<p class="mismatch">${m.name}: ${m.why}</p>`)}</details>` : nothing}
    </div>`;
  }

  #stage() {
    const main = session.main;
    const drop = (then: (files: ModelFile[]) => Promise<void>) => ({
      over: this.#onDragOver,
      leave: () => (this.over = false),
      drop: (e: DragEvent) => void this.#onDrop(e, then),
      then,
    });
    const openDrop = drop((files) => this.#open(files));
    if (!main) {
      return html`<div class="pane"><div class="drop ${this.over ? 'over' : ''}" data-testid="model-drop" @dragover=${openDrop.over} @dragleave=${openDrop.leave} @drop=${openDrop.drop}>
        Drop a checkpoint here — one file, an index with its shards, an adapter's config with its weights, or a whole folder.<br />
        .safetensors (sharded too), PyTorch .bin/.pt/.pth, .npz, .gguf, PEFT LoRA adapters. Only headers are read to list it; tensors are read one at a time.
      </div>${this.listJob.running ? html`<p class="meta">Reading the headers…</p>` : nothing}</div>`;
    }
    const comparison = session.comparison;
    return html`<div class="bar" @dragover=${openDrop.over} @drop=${openDrop.drop}>
        <div class="tabs" role="tablist">
          <button role="tab" data-testid="model-view-table" aria-selected=${this.view === 'table' ? 'true' : 'false'} @click=${() => (this.view = 'table')}>Metrics</button>
          <button role="tab" data-testid="model-view-tree" aria-selected=${this.view === 'tree' ? 'true' : 'false'} @click=${() => (this.view = 'tree')}>Tensors</button>
          <button role="tab" data-testid="model-view-delta" aria-selected=${this.view === 'delta' ? 'true' : 'false'} ?disabled=${!comparison} @click=${() => (this.view = 'delta')}>ΔW</button>
        </div>
        <span class="meta">${main.label} · ${main.listing.format} · ${main.listing.tensors.length} tensors</span>
      </div>
      <div class="pane" ?hidden=${this.view !== 'table'}>
        <hinge-depth-chart .rows=${session.rows} .metric=${this.metric}></hinge-depth-chart>
        ${session.rows.length > 0 ? this.#table() : html`<p class="meta">${this.overviewJob.running ? 'Computing the first matrix…' : 'This checkpoint has no matrices.'}</p>`}
      </div>
      <div class="pane" ?hidden=${this.view !== 'tree'}>${this.#tree(main.listing)}</div>
      <div class="pane" ?hidden=${this.view !== 'delta'}>${comparison ? this.#delta(comparison) : nothing}</div>`;
  }

  #panel() {
    const main = session.main;
    const job = this.overviewJob.view;
    const matrixCount = main?.listing.tensors.filter((t) => t.shape.length >= 2 && !t.skipped).length ?? 0;
    const selectedRow = session.rows.find((r) => r.name === this.selected);
    return html`<aside>
      <div><h1>Model</h1><p class="lede">Every weight matrix of a real checkpoint, by its singular values: how big, how many directions it really uses, how much a low rank keeps.</p></div>
      <section class="stack">
        <h2>Checkpoint</h2>
        <div class="row">${this.host?.checkpoints
          ? html`<button class="btn primary" data-testid="model-open-files" @click=${async () => this.#open(await this.#choose(false))}>Open files…</button>
            <button class="btn" data-testid="model-open-folder" @click=${async () => this.#open(await this.#choose(true))}>Open folder…</button>`
          : html`<label class="btn primary">Open files…<input type="file" multiple data-testid="model-open-input" @change=${(e: Event) => this.#onPick(e, (f) => this.#open(f))} /></label>
            <label class="btn">Open folder…<input type="file" webkitdirectory data-testid="model-folder-input" @change=${(e: Event) => this.#onPick(e, (f) => this.#open(f))} /></label>`}
        </div>
        ${main ? html`<p class="meta" data-testid="model-summary"><b>${main.label}</b> — ${main.listing.format}, ${main.listing.tensors.length} tensors, ${matrixCount} matrices${
          main.listing.lora.length > 0 ? html`, ${main.listing.lora.length} LoRA pairs (r = ${main.listing.lora[0]!.rank})` : nothing}</p>` : nothing}
        ${job.status === 'running' ? html`<div class="stack" data-testid="model-progress">
          <progress max="1" .value=${job.progress}></progress>
          <div class="row"><span class="meta">${session.rows.length} of ${matrixCount} matrices${job.phase ? html` · ${job.phase}` : nothing}</span>
          <button class="btn" data-testid="model-cancel" @click=${() => this.overviewJob.cancel()}>Cancel</button></div></div>`
          : main && !session.complete && !this.listJob.running ? html`<div class="row"><span class="meta">${session.rows.length} of ${matrixCount} matrices analysed.</span>
            <button class="btn" data-testid="model-resume" @click=${() => void this.#analyse()}>Continue</button></div>` : nothing}
        ${this.#errors()}
      </section>
      ${main && 'architecture' in main.listing.layerZero ? html`<section class="stack">
        <h2>Attention</h2>
        <p class="note">config.json says ${main.listing.layerZero.architecture === 'gpt2' ? 'GPT-2' : 'a Llama-style model'} and tokenizer.json is here: see layer 0's real heads on a sentence you type.</p>
        <div class="row"><button class="btn" data-testid="model-open-attention" title="Open this checkpoint's layer 0 heads in the Attention lab"
          @click=${() => showLayerZeroInAttention(main.files, main.label, this.#ranges)}>Layer 0 heads in Attention</button></div>
      </section>` : nothing}
      ${main ? html`<section class="stack">
        <h2>Across depth</h2>
        <div class="row"><label for="metric">Metric</label>
          <select id="metric" data-testid="model-metric" @change=${(e: Event) => (this.metric = (e.target as HTMLSelectElement).value as MetricKey)}>
            ${METRICS.map((m) => html`<option value=${m.key} ?selected=${m.key === this.metric}>${m.title}</option>`)}
          </select></div>
        <div class="row"><button class="btn" data-testid="model-csv" ?disabled=${session.rows.length === 0} @click=${() => void this.#saveCsv()}>Save table as CSV</button></div>
      </section>
      <section class="stack">
        <h2>Selected matrix</h2>
        ${selectedRow ? html`<p class="meta"><b>${selectedRow.name}</b> ${selectedRow.metrics.rows}×${selectedRow.metrics.cols} ${selectedRow.dtype}</p>
          <div class="row">${TARGETS.map((t) => html`<button class="btn" data-testid=${t.testid} title=${`Open ${t.what} in the ${t.lab} lab`} ?disabled=${this.matrixJob.running}
            @click=${() => void this.#sendTo(t.target)}>${t.lab}</button>`)}</div>
          ${selectedRow.metrics.rows >= 2 && selectedRow.metrics.cols >= 2 ? html`<div class="stack" data-testid="model-block">
            ${renderBlock({ rows: selectedRow.metrics.rows, cols: selectedRow.metrics.cols, block: this.block, data: undefined, onBlock: (b) => (this.block = b) })}
            <div class="row"><button class="btn" data-testid="model-open-svd-block" title="Animate this block in the SVD lab as rotate, stretch, rotate" ?disabled=${this.matrixJob.running}
              @click=${() => void this.#sendTo('svd-block')}>Animate the block in SVD</button></div></div>` : nothing}
          ${this.matrixJob.running ? html`<p class="meta">Reading the tensor…</p>` : nothing}`
          : html`<p class="note">Click a row of the table to open that matrix in the SVD lab (its spectrum, or a 2×2/3×3 block of it animated), the LoRA lab (its compression curve) or the Gradients lab (its conditioning).</p>`}
      </section>
      <section class="stack">
        <h2>Compare</h2>
        <p class="note">Open a fine-tuned checkpoint of the same architecture, or a LoRA adapter of this one: ΔW per layer, its singular values and the energy a rank r keeps.</p>
        <div class="row">${this.host?.checkpoints
          ? html`<button class="btn" data-testid="model-compare-files" @click=${async () => this.#compare(await this.#choose(false))}>Compare with files…</button>
            <button class="btn" data-testid="model-compare-dir" @click=${async () => this.#compare(await this.#choose(true))}>…a folder</button>`
          : html`<label class="btn">Compare with files…<input type="file" multiple data-testid="model-compare-input" @change=${(e: Event) => this.#onPick(e, (f) => this.#compare(f))} /></label>
            <label class="btn">…a folder<input type="file" webkitdirectory data-testid="model-compare-folder" @change=${(e: Event) => this.#onPick(e, (f) => this.#compare(f))} /></label>`}</div>
        ${session.other ? html`<p class="meta">Against <b>${session.other.label}</b>${this.compareJob.running
          ? html` — ${Math.round(this.compareJob.view.progress * 100)}% <button class="btn" @click=${() => this.compareJob.cancel()}>Cancel</button>` : nothing}</p>` : nothing}
      </section>` : nothing}
    </aside>`;
  }

  override render() {
    return html`<div class="stage">${this.#stage()}</div>${this.#panel()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-model-lab': ModelLab;
  }
}
