/**
 * The Attention lab's real mode as actions: switching between the toy model and a checkpoint,
 * opening one, typing a sentence, choosing a head, a token or the projection. The state lives in
 * real-source.ts (kept for the window's life, not in projects); layer 0 is computed by the lab's
 * job in a worker, a stale answer dropped; `changed` redraws the lab after each change.
 */
import type { JobController } from '../job-controller.js';
import { startRealHeads, type RealHeadsOutcome } from '../../workers/real-attention-client.js';
import { labelOf, modelFiles } from '../model/model-session.js';
import type { RealPanelActions } from './attention-real-panel.js';
import { openRealSource, realAttention as real } from './real-source.js';

export class RealAttention implements RealPanelActions {
  constructor(
    readonly job: JobController<RealHeadsOutcome>,
    private readonly changed: () => void,
  ) {}

  /** Whether the lab shows the real checkpoint (rather than the toy model). */
  get isReal(): boolean {
    return real.mode === 'real';
  }

  /** Computes what a hand-off or a visit cut short left undone (call when the lab connects). */
  resume(): void {
    if (this.isReal && real.files && !real.result && !real.sourceError) void this.compute();
  }

  /** Layer 0's heads of the real source on its sentence; refusals land at their place. */
  async compute(): Promise<void> {
    const files = real.files;
    if (!files) return;
    const outcome = await this.job.run(() => startRealHeads(files, real.sentence, real.ranges));
    if (!outcome || real.files !== files) return;
    if (outcome.ok) {
      const r = outcome.value;
      Object.assign(real, { result: r, sentenceError: undefined, sourceError: undefined, head: Math.min(real.head, r.heads - 1), query: Math.min(real.query, r.ids.length - 1) });
    } else if (outcome.field === 'sentence') {
      real.sentenceError = outcome.message;
      real.sourceError = undefined;
    } else {
      real.sourceError = outcome.message;
    }
    this.changed();
  }

  setMode(mode: 'toy' | 'real'): void {
    real.mode = mode;
    if (mode === 'real' && real.files && !real.result) void this.compute();
    this.changed();
  }

  open(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = modelFiles(input.files ?? []);
    input.value = '';
    if (files.length === 0) return;
    openRealSource(files, labelOf(files));
    this.job.clear();
    this.changed();
    void this.compute();
  }

  sentence(text: string): void {
    real.sentence = text;
    this.changed();
    void this.compute();
  }

  /** The token clicked (clamped to the tokens there are). */
  query(query: number): void {
    this.#set({ query: Math.max(0, Math.min(query, (real.result?.ids.length ?? 1) - 1)) });
  }

  head(head: number): void {
    this.#set({ head });
  }

  projection(projection: 2 | 3): void {
    this.#set({ projection });
  }

  #set(change: Partial<Pick<typeof real, 'head' | 'query' | 'projection'>>): void {
    Object.assign(real, change);
    this.changed();
  }
}
