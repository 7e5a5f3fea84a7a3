import { proxy, wrap, type Remote } from 'comlink';
import {
  TrainingSettingsError,
  type FineTuneComparison, type FineTuneComparisonOptions, type SnapshotOptions, type TrainingSetup,
} from '../../src/training/index.js';
import type { ReluNet } from '../../src/regions/index.js';
import type { ControlResult, RunSnapshot, TrainingWorkerApi } from './training-worker.js';

export type { LoopSnapshot } from '../../src/training/index.js';
export type { RunSnapshot } from './training-worker.js';

/** The page's handle on the training worker. Every control resolves once the worker has done it. */
export interface TrainingWorkerClient {
  /** A new run, paused at step 0 (posts its first snapshot). Rejects with TrainingSettingsError naming the field. */
  configure(setup: TrainingSetup, run?: number): Promise<void>;
  /**
   * Reopens a saved run, paused (see TrainingLoop.restore); resolves with whether the replay gave
   * the saved weights bit for bit. Snapshots of this run carry `run`.
   */
  restore(setup: TrainingSetup, step: number, net: ReluNet, run?: number): Promise<boolean>;
  play(): Promise<void>;
  pause(): Promise<void>;
  /** `count` steps now, paused. */
  step(count?: number): Promise<void>;
  reset(): Promise<void>;
  /** Steps per frame (1–10 000). */
  setSpeed(stepsPerFrame: number): Promise<void>;
  setSnapshotOptions(options: SnapshotOptions): Promise<void>;
  /** Full fine-tune against LoRA of each rank (fineTuneComparison), computed in the worker. */
  fineTune(options: FineTuneComparisonOptions): Promise<FineTuneComparison>;
  /** Stops the worker at once; nothing is posted afterwards. */
  dispose(): void;
}

function refused(result: ControlResult): void {
  if (result) throw new TrainingSettingsError(result.field, result.message.slice(result.field.length + 1));
}

/**
 * Starts a training worker that posts a snapshot to `onSnapshot` every frame while playing and
 * after every control. `spawn` makes the worker (tests pass their own endpoint).
 */
export function startTrainingWorker(
  onSnapshot: (snapshot: RunSnapshot) => void,
  spawn: () => Worker = () => new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module' }),
): TrainingWorkerClient {
  const worker = spawn();
  const api: Remote<TrainingWorkerApi> = wrap<TrainingWorkerApi>(worker);
  let alive = true;
  const subscribed = api.subscribe(proxy((snapshot: RunSnapshot) => {
    if (alive) onSnapshot(snapshot);
  }));
  const call = async (f: () => Promise<ControlResult>) => {
    await subscribed;
    refused(await f());
  };
  return {
    configure: (setup, run = 0) => call(() => api.configure(setup, run)),
    async restore(setup, step, net, run = 0) {
      await subscribed;
      const result = await api.restore(setup, step, net, run);
      if (result && 'field' in result) refused(result);
      return (result as { exact: boolean }).exact;
    },
    play: () => call(() => api.play()),
    pause: () => call(() => api.pause()),
    step: (count = 1) => call(() => api.step(count)),
    reset: () => call(() => api.reset()),
    setSpeed: (n) => call(() => api.setSpeed(n)),
    setSnapshotOptions: (options) => call(() => api.setSnapshotOptions(options)),
    async fineTune(options) {
      await subscribed;
      const result = await api.fineTune(options);
      if ('field' in result) refused(result);
      return result as FineTuneComparison;
    },
    dispose() {
      alive = false;
      worker.terminate();
    },
  };
}
