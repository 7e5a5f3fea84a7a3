import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { hostContext, pngDecorationContext, type PngDecoration } from '../app/host-context.js';
import type { Host } from '../host/host.js';
import type { ExportLook } from '../theme.js';
import { withExportOptions } from '../scene/export-options.js';

export type PngExporter = (scale: number, look: ExportLook | 'theme') => Promise<{ bytes: Uint8Array; width: number; height: number }>;

/** A finished video file and what the status line says about it. */
export interface VideoFile {
  readonly bytes: Uint8Array;
  readonly extension: 'webm' | 'mp4' | 'gif';
  readonly mimeType: string;
  readonly width: number;
  readonly height: number;
  readonly durationSeconds: number;
}

/**
 * Renders the lab's animation as a video. It reports progress (0 to 1) and, when `signal`
 * aborts, rejects with an error named 'AbortError' and keeps nothing.
 */
export type VideoExporter = (onProgress: (fraction: number) => void, signal: AbortSignal) => Promise<VideoFile>;

/**
 * Export the current view as PNG at 1×, 2× or 4× the canvas's pixels, in the current theme or
 * on white paper; saved through the host (a save dialog, or a download) or copied. Labs that
 * animate also offer their animation as a video, with a progress bar and a Cancel button.
 */
@customElement('hinge-export-panel')
export class ExportPanel extends LitElement {
  static override styles = css`
    :host { display: grid; gap: 8px; }
    .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    label { color: var(--muted); font-size: 12.5px; display: flex; align-items: center; gap: 6px; }
    select, button { font: inherit; font-size: 13px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 5px 8px; }
    button { cursor: pointer; }
    button.primary { background: var(--accent); color: var(--on-accent); border-color: transparent; }
    button:disabled { opacity: 0.6; cursor: progress; }
    button:focus-visible, select:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
    .status { font-size: 12.5px; color: var(--muted); min-height: 1.2em; overflow-wrap: anywhere; }
    .status.failed { color: var(--error); }
    .progress { display: grid; grid-template-columns: minmax(0, 1fr) auto auto; gap: 4px 8px; align-items: center; font-size: 12.5px; color: var(--muted); }
    .progress label { grid-column: 1 / -1; }
    .progress span { font-family: var(--font-mono); min-width: 4ch; text-align: right; }
    progress { width: 100%; height: 8px; accent-color: var(--accent); }
  `;

  @consume({ context: hostContext }) host!: Host;
  /** Puts the project into the PNG (the app provides it; identity outside the app). */
  @consume({ context: pngDecorationContext }) decoratePng: PngDecoration = (png) => png;
  @property({ attribute: false }) exporter: PngExporter | undefined;
  /** Renders the lab's animation as a video; without it the panel offers no video export. */
  @property({ attribute: false }) videoExporter: VideoExporter | undefined;
  /** File name offered for the export, without extension. */
  @property() baseName = 'hinge';

  @state() private scale = 2;
  @state() private look: ExportLook | 'theme' = 'theme';
  @state() private transparent = false;
  @state() private busy = false;
  @state() private status = '';
  @state() private failed = false;
  /** Fraction of the video rendered, while a video export runs. */
  @state() private videoProgress: number | undefined;
  /** What the running animation export makes. */
  @state() private animationFormat: 'video' | 'gif' = 'video';
  #videoAbort: AbortController | undefined;
  @query('[data-testid="export-video"]') private videoButton!: HTMLButtonElement | null;
  @query('[data-testid="export-gif"]') private gifButton!: HTMLButtonElement | null;
  @query('[data-testid="cancel-video"]') private cancelButton!: HTMLButtonElement | null;

  override disconnectedCallback(): void {
    // Leaving the lab stops the encoder instead of letting it render into a detached canvas.
    this.#videoAbort?.abort();
    super.disconnectedCallback();
  }

  async #run(action: 'save' | 'copy'): Promise<void> {
    if (!this.exporter || this.busy) return;
    this.busy = true;
    this.failed = false;
    this.status = 'Rendering…';
    try {
      const exporter = this.exporter;
      const image = await withExportOptions({ transparent: this.transparent }, () => exporter(this.scale, this.look));
      const size = `${image.width}×${image.height}`;
      if (action === 'save') {
        // The saved picture carries the project: dropping it back onto Hinge reopens this view.
        const result = await this.host.savePng(this.decoratePng(image.bytes), `${this.baseName}-${size}.png`);
        if (result.status === 'saved') this.status = `Saved ${result.path} (${size} px).`;
        else if (result.status === 'canceled') this.status = 'Export canceled.';
        else this.#fail(`Could not save: ${result.reason}`);
      } else {
        const result = await this.host.copyPng(image.bytes);
        if (result.status === 'copied') this.status = `Copied a ${size} px image.`;
        else this.#fail(`Could not copy: ${result.reason}`);
      }
    } catch (error) {
      this.#fail(`Could not render the image: ${(error as Error).message}`);
    } finally {
      this.busy = false;
    }
  }

  async #runVideo(format: 'video' | 'gif' = 'video'): Promise<void> {
    if (!this.videoExporter || this.busy) return;
    const abort = new AbortController();
    this.#videoAbort = abort;
    this.busy = true;
    this.failed = false;
    this.status = '';
    this.videoProgress = 0;
    this.animationFormat = format;
    // The button disables itself; a keyboard user's focus goes to Cancel, and back when it is gone.
    if (this.shadowRoot?.activeElement === this.videoButton || this.shadowRoot?.activeElement === this.gifButton) void this.updateComplete.then(() => this.cancelButton?.focus());
    try {
      const exporter = this.videoExporter;
      const video = await withExportOptions({ animation: format }, () => exporter((fraction) => (this.videoProgress = fraction), abort.signal));
      const name = `${this.baseName}.${video.extension}`;
      const result = await this.host.saveFile(video.bytes, name);
      if (result.status === 'saved') this.status = `Saved ${result.name} (${video.durationSeconds.toFixed(1)} s, ${video.width}×${video.height}).`;
      else if (result.status === 'canceled') this.status = 'Video export canceled.';
      else this.#fail(`Could not save the video: ${result.reason}`);
    } catch (error) {
      if (abort.signal.aborted || (error as Error).name === 'AbortError') this.status = 'Video export canceled.';
      else this.#fail(`Could not export the video: ${(error as Error).message}`);
    } finally {
      const refocus = this.shadowRoot?.activeElement === this.cancelButton;
      this.#videoAbort = undefined;
      this.videoProgress = undefined;
      this.busy = false;
      if (refocus) void this.updateComplete.then(() => this.videoButton?.focus());
    }
  }

  /** Renders the view as a PNG at `scale` in the current theme (Export all uses this). */
  async renderPng(scale: number): Promise<Uint8Array | undefined> {
    return this.exporter ? (await this.exporter(scale, 'theme')).bytes : undefined;
  }

  /** Saves the view as the panel's Save button does (the menu's Export PNG…). */
  savePng(): Promise<void> {
    return this.#run('save');
  }

  #fail(message: string): void {
    this.failed = true;
    this.status = message;
  }

  override render() {
    return html`
      <div class="row">
        <label>Size
          <select aria-label="Export size" title="Pixels of the exported image, as a multiple of the view's pixels"
            data-testid="export-scale" @change=${(e: Event) => (this.scale = Number((e.target as HTMLSelectElement).value))}>
            ${[1, 2, 4].map((s) => html`<option value=${s} ?selected=${s === this.scale}>${s}×</option>`)}
          </select>
        </label>
        <label>Look
          <select aria-label="Export look" title="Draw the export in the current theme, or dark lines on white paper for print"
            data-testid="export-look" @change=${(e: Event) => (this.look = (e.target as HTMLSelectElement).value as ExportLook | 'theme')}>
            <option value="theme" ?selected=${this.look === 'theme'}>Current theme</option>
            <option value="paper" ?selected=${this.look === 'paper'}>Paper (white)</option>
          </select>
        </label>
        <label title="Leave the background out of the PNG (lines, labels and fills keep their own transparency)">
          <input type="checkbox" data-testid="export-transparent" .checked=${this.transparent} @change=${(e: Event) => (this.transparent = (e.target as HTMLInputElement).checked)} />Transparent
        </label>
      </div>
      <div class="row">
        <button class="primary" data-testid="export-png" ?disabled=${this.busy} @click=${() => this.#run('save')}
          title=${this.host?.kind === 'desktop' ? 'Save the view as a PNG file' : 'Download the view as a PNG file'}>Export PNG…</button>
        <button data-testid="copy-png" ?disabled=${this.busy} @click=${() => this.#run('copy')} title="Copy the view to the clipboard as an image">Copy image</button>
        ${this.videoExporter ? html`<button data-testid="export-video" ?disabled=${this.busy} @click=${() => this.#runVideo()}
          title="Render the animation from start to end and download it as a video file (in the current theme)">Export video…</button>
          <button data-testid="export-gif" ?disabled=${this.busy} @click=${() => this.#runVideo('gif')}
          title="The animation as a short looping GIF (at most 15 frames a second and 640 pixels wide, 256 colours per frame)">Export GIF…</button>` : nothing}
      </div>
      ${this.videoProgress === undefined ? nothing : html`
        <div class="progress">
          <label for="video-progress">${this.animationFormat === 'gif' ? 'Rendering the GIF' : 'Rendering the video'}</label>
          <progress id="video-progress" data-testid="video-progress" max="1" .value=${this.videoProgress}></progress>
          <span aria-hidden="true">${Math.floor(this.videoProgress * 100)}%</span>
          <button data-testid="cancel-video" @click=${() => this.#videoAbort?.abort()} title="Stop the video export; nothing is saved">Cancel</button>
        </div>`}
      <div class=${`status ${this.failed ? 'failed' : ''}`} role="status" data-testid="export-status">${this.status}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-export-panel': ExportPanel;
  }
}
