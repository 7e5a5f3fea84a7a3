/**
 * Progress reports and cancellation for the SVD kernel. A long SVD (a 2048×2048 takes tens of
 * seconds) runs in a worker, and the UI wants a progress bar and a cancel button. The kernel
 * calls {@link SvdProgress.at} at natural checkpoints — once per column of a reduction, once per
 * block of reflectors, once per QR sweep, once per 64 rows of a rotation batch — never inside an
 * inner loop; this object turns those into at most ~100 calls of the user's callback and checks the
 * abort signal at each checkpoint.
 */
import { CancelledError } from './errors.js';

/** What the SVD is doing: reducing to bidiagonal form, iterating on it, or building U and V. */
export type SvdPhase = 'bidiagonalize' | 'iterate' | 'vectors';

/** One stretch of the kernel's work: its phase and its estimated cost in flops. */
export interface WorkSegment {
  readonly phase: SvdPhase;
  readonly cost: number;
}

/** The two caller-facing options this file serves (part of SvdOptions). */
export interface ProgressOptions {
  readonly onProgress?: (fraction: number, phase: SvdPhase) => void;
  readonly signal?: { readonly aborted: boolean };
}

/** Report at most this often, as a fraction of the whole: about 100 reports per SVD. */
const REPORT_STEP = 0.01;

const DOING: Readonly<Record<SvdPhase, string>> = {
  bidiagonalize: 'reducing the matrix to bidiagonal form',
  iterate: 'iterating towards the singular values',
  vectors: 'building the singular vectors',
};

/**
 * Tracks the kernel's position in a plan of work segments. The overall fraction is
 * (cost of finished segments + f·cost of the current one) / total cost, with f the current
 * segment's own fraction; it is clamped so that it never goes backwards, and reaches 1 only in
 * {@link finish}.
 */
export class SvdProgress {
  private segments: readonly WorkSegment[] = [];
  private total = 1;
  private index = -1;
  private base = 0;
  private width = 0;
  private phase: SvdPhase;
  private reported = -1;
  private last = 0;

  private constructor(
    private readonly onProgress: ((fraction: number, phase: SvdPhase) => void) | undefined,
    private readonly signal: { readonly aborted: boolean } | undefined,
    wantVectors: boolean,
  ) {
    this.phase = wantVectors ? 'vectors' : 'iterate';
  }

  /**
   * A tracker for these options, or null when the caller asked for neither progress nor
   * cancellation (the kernel then skips every checkpoint). Throws CancelledError at once if the
   * signal is already aborted, and TypeError for options of the wrong type.
   */
  static from(options: ProgressOptions, wantVectors: boolean): SvdProgress | null {
    const { onProgress, signal } = options;
    if (onProgress !== undefined && typeof onProgress !== 'function') {
      throw new TypeError('onProgress must be a function (fraction, phase) => void.');
    }
    if (signal !== undefined && (signal === null || typeof signal !== 'object')) {
      throw new TypeError('signal must be an object with an `aborted` property, such as an AbortSignal.');
    }
    if (onProgress === undefined && signal === undefined) return null;
    const progress = new SvdProgress(onProgress, signal, wantVectors);
    progress.check();
    return progress;
  }

  /** Sets the plan; segment costs are estimates in flops, only their ratios matter. */
  plan(segments: readonly WorkSegment[]): void {
    this.segments = segments;
    this.total = segments.reduce((sum, s) => sum + Math.max(0, s.cost), 0) || 1;
    this.index = -1;
    this.width = 0;
    this.base = 0;
  }

  /** Enters the next segment of the plan (reporting its start if the phase changes), then checks the signal. */
  next(): void {
    this.base += this.width;
    this.index++;
    const segment = this.segments[this.index];
    if (segment === undefined) throw new Error('SvdProgress: more segments entered than planned.');
    this.width = Math.max(0, segment.cost) / this.total;
    const changed = segment.phase !== this.phase || this.index === 0;
    this.phase = segment.phase;
    this.emit(this.base, changed);
    this.check();
  }

  /** A checkpoint inside the current segment, `fraction` of which is done (0..1). */
  at(fraction: number): void {
    const f = fraction > 1 ? 1 : fraction > 0 ? fraction : 0;
    this.emit(this.base + f * this.width, false);
    this.check();
  }

  /** A checkpoint that only looks at the signal (inside a segment's heavy loop). */
  check(): void {
    if (this.signal?.aborted === true) throw new CancelledError(`The SVD was cancelled while ${DOING[this.phase]}.`);
  }

  /** The work is done: reports 1 (always, so a progress bar can close). */
  finish(): void {
    this.last = 1;
    this.reported = 1;
    this.onProgress?.(1, this.phase);
    this.check();
  }

  private emit(fraction: number, force: boolean): void {
    // Rounding in the sums may push a segment's end a hair past the next segment's start.
    const x = Math.min(Math.max(fraction, this.last), 1 - REPORT_STEP / 2);
    this.last = x;
    if (this.onProgress === undefined) return;
    if (!force && x < this.reported + REPORT_STEP) return;
    this.reported = x;
    this.onProgress(x, this.phase);
  }
}
