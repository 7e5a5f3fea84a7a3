import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { svg } from 'lit';

/** A 16×16 icon from one path, drawn in the text colour (no icon font needed). */
const icon = (d: string) =>
  html`<svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">${svg`<path d=${d} fill="currentColor" stroke="currentColor" stroke-width="1.2" stroke-linejoin="round" />`}</svg>`;

export interface TimelineStage {
  /** Where the stage ends on the time axis. */
  readonly at: number;
  readonly label: string;
  readonly title: string;
}

/**
 * Play/pause, step and a scrubber over an animation made of stages. Fires `time-input`
 * (detail: the new time) and `play-toggle`; the lab owns the clock.
 */
@customElement('hinge-timeline')
export class Timeline extends LitElement {
  static override styles = css`
    :host { display: grid; grid-template-columns: auto auto auto 1fr auto; align-items: center; gap: 10px; padding: 8px 14px 10px; background: var(--panel); border-top: 1px solid var(--border); }
    select { font: inherit; font-size: 12.5px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 4px 6px; }
    button { display: grid; place-items: center; font: inherit; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; min-width: 34px; height: 30px; cursor: pointer; }
    button:hover { border-color: var(--accent); }
    button:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
    .track { position: relative; padding-bottom: 16px; }
    input[type='range'] { width: 100%; margin: 0; accent-color: var(--accent); }
    .ticks { position: absolute; left: 8px; right: 8px; bottom: 0; height: 14px; font-size: 11.5px; color: var(--muted); font-family: var(--font-mono); }
    .ticks span { position: absolute; transform: translateX(-50%); white-space: nowrap; }
  `;

  @property({ type: Number }) time = 0;
  @property({ type: Number }) end = 1;
  @property({ type: Boolean }) playing = false;
  /** The label at time 0 followed by one entry per stage. */
  @property({ attribute: false }) stages: readonly TimelineStage[] = [];
  @property() startLabel = 'I';
  /** Playback speeds offered; none shows no speed control. */
  @property({ attribute: false }) speeds: readonly number[] = [];
  @property({ type: Number }) speed = 1;

  #set(time: number): void {
    this.dispatchEvent(new CustomEvent<number>('time-input', { detail: Math.min(this.end, Math.max(0, time)), bubbles: true, composed: true }));
  }

  #step(direction: 1 | -1): void {
    const marks = [0, ...this.stages.map((s) => s.at)];
    const next = direction > 0 ? marks.find((m) => m > this.time + 1e-6) : [...marks].reverse().find((m) => m < this.time - 1e-6);
    this.#set(next ?? (direction > 0 ? this.end : 0));
  }

  override render() {
    const pct = (t: number) => `${(t / this.end) * 100}%`;
    return html`
      <button data-testid="play" @click=${() => this.dispatchEvent(new CustomEvent('play-toggle', { bubbles: true, composed: true }))}
        title=${this.playing ? 'Pause the animation' : 'Play the animation from the identity to the full layer'}
        aria-label=${this.playing ? 'Pause' : 'Play'}>${this.playing ? icon('M4 3 H7 V13 H4 Z M9 3 H12 V13 H9 Z') : icon('M5 3 L13 8 L5 13 Z')}</button>
      <button @click=${() => this.#step(-1)} title="Back to the previous stage" aria-label="Previous stage">${icon('M11 4 L5 8 L11 12 Z M4 4 V12')}</button>
      <button @click=${() => this.#step(1)} title="On to the next stage" aria-label="Next stage">${icon('M5 4 L11 8 L5 12 Z M12 4 V12')}</button>
      <div class="track">
        <input type="range" min="0" max=${this.end} step="0.001" .value=${String(this.time)} data-testid="scrubber"
          aria-label="Animation time" title="Drag to scrub through the stages of the layer"
          aria-valuetext=${this.#describe()}
          @input=${(e: Event) => this.#set(Number((e.target as HTMLInputElement).value))} />
        <div class="ticks" aria-hidden="true">
          <span style="left: 0">${this.startLabel}</span>
          ${this.stages.map((s) => html`<span style=${`left: ${pct(s.at)}`} title=${s.title}>${s.label}</span>`)}
        </div>
      </div>
      ${this.speeds.length
        ? html`<select aria-label="Speed" title="Playback speed" data-testid="speed" .value=${String(this.speed)}
            @change=${(e: Event) => this.dispatchEvent(new CustomEvent<number>('speed-input', { detail: Number((e.target as HTMLSelectElement).value), bubbles: true, composed: true }))}>
            ${this.speeds.map((s) => html`<option value=${s} ?selected=${s === this.speed}>${s}×</option>`)}
          </select>`
        : ''}
    `;
  }

  #describe(): string {
    const stage = this.stages.find((s) => this.time <= s.at + 1e-6);
    return stage ? `${this.time.toFixed(2)} of ${this.end}: ${stage.title}` : String(this.time);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-timeline': Timeline;
  }
}
