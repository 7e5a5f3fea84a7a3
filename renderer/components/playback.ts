/** Seconds one stage of an animation takes at speed 1. */
export const STAGE_SECONDS = 1.3;

export interface PlaybackTarget {
  time(): number;
  end(): number;
  speed(): number;
  playing(): boolean;
  setTime(time: number): void;
  setPlaying(playing: boolean): void;
  /** Asks for one more frame (the frame calls `tick`). */
  requestFrame(): void;
}

/**
 * The clock of a staged animation: advances time frame by frame while playing, stops at the end,
 * and under `prefers-reduced-motion` jumps from stage to stage instead of tweening.
 */
export class Playback {
  #last = 0;
  #timer = 0;
  readonly #reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

  constructor(private readonly target: PlaybackTarget) {}

  /** Called on every animation frame. */
  tick(now: number): void {
    const t = this.target;
    if (!t.playing() || this.#reducedMotion.matches) {
      this.#last = 0;
      return;
    }
    const dt = this.#last ? Math.min(0.1, (now - this.#last) / 1000) : 0;
    this.#last = now;
    const next = t.time() + (dt * t.speed()) / STAGE_SECONDS;
    if (next >= t.end()) {
      t.setTime(t.end());
      t.setPlaying(false);
      return;
    }
    t.setTime(next);
    t.requestFrame();
  }

  toggle(): void {
    const t = this.target;
    clearInterval(this.#timer);
    if (t.playing()) {
      t.setPlaying(false);
      return;
    }
    if (t.time() >= t.end() - 1e-6) t.setTime(0);
    this.#last = 0;
    t.setPlaying(true);
    t.requestFrame();
    if (this.#reducedMotion.matches) {
      this.#timer = window.setInterval(() => {
        const next = Math.floor(t.time() + 1e-6) + 1;
        t.setTime(Math.min(next, t.end()));
        if (next >= t.end()) {
          clearInterval(this.#timer);
          t.setPlaying(false);
        }
      }, (900 / Math.max(0.25, t.speed())) | 0);
    }
  }

  dispose(): void {
    clearInterval(this.#timer);
  }
}
