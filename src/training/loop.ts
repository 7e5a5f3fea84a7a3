/**
 * Play, pause, step, reset and speed for a training session, as the lab's worker runs them: while
 * playing, each tick takes `speed` steps and posts a snapshot, then yields (through the injected
 * scheduler) so that a pause or a new setting is handled between two ticks.
 */
import { TrainingSettingsError } from './errors.js';
import type { ReluNet } from '../regions/types.js';
import { restoreTrainingSession } from './restore.js';
import { createTrainingSession, type SnapshotOptions, type TrainingSession, type TrainingSetup, type TrainingSnapshot } from './session.js';

/** A snapshot as the loop posts it: with whether it is playing and the measured steps per second. */
export interface LoopSnapshot extends TrainingSnapshot {
  readonly playing: boolean;
  /** Steps per second over the last tick (0 when paused or before the first tick). */
  readonly stepsPerSecond: number;
}

/** What the loop needs from its host: a way to run a function soon, and a clock in ms. */
export interface LoopHost {
  schedule(tick: () => void): void;
  now(): number;
  post(snapshot: LoopSnapshot): void;
}

/** The controls of a running session. */
export interface TrainingLoop {
  /** Starts a new session (paused, at step 0) and posts its first snapshot. */
  configure(setup: TrainingSetup): void;
  /**
   * Reopens a saved run (restoreTrainingSession: `step` steps replayed from the seeds and checked
   * against `net` bit for bit), paused, and posts its snapshot. Returns whether the replay gave the
   * saved weights exactly (else the run starts from `net` with a fresh optimiser, at step 0).
   */
  restore(setup: TrainingSetup, step: number, net: ReluNet): boolean;
  play(): void;
  pause(): void;
  /** Takes `count` steps now (paused) and posts a snapshot. */
  step(count?: number): void;
  /** Back to step 0, paused, and posts a snapshot. */
  reset(): void;
  /** Steps per tick (a frame in the worker), 1–10 000. */
  setSpeed(stepsPerFrame: number): void;
  /** What every snapshot computes besides the losses (regions or not, the box). */
  setSnapshotOptions(options: SnapshotOptions): void;
  isPlaying(): boolean;
  session(): TrainingSession | undefined;
}

/** The largest steps per tick. */
export const MAX_STEPS_PER_TICK = 10_000;

/**
 * A play/pause loop over createTrainingSession. While playing, one tick runs `speed` steps,
 * measures steps per second from host.now(), posts a snapshot and schedules the next tick; a
 * divergence pauses it (the snapshot says at which step). Nothing runs between ticks, so a host
 * that schedules with a macrotask (setTimeout, MessageChannel) handles pause and settings between
 * two ticks and never blocks. Throws TrainingSettingsError('stepsPerFrame') outside 1–10 000, and
 * for step/play before configure.
 */
export function createTrainingLoop(host: LoopHost): TrainingLoop {
  let current: TrainingSession | undefined;
  let playing = false;
  let speed = 10;
  let options: SnapshotOptions = {};
  let generation = 0;

  const need = (): TrainingSession => {
    if (!current) throw new TrainingSettingsError('setup', 'is missing: configure the session first');
    return current;
  };
  const post = (stepsPerSecond: number) => host.post({ ...need().snapshot(options), playing, stepsPerSecond });
  const tick = (mine: number) => {
    if (!playing || mine !== generation) return;
    const session = need();
    const start = host.now();
    const taken = session.run(speed);
    const elapsed = host.now() - start;
    if (session.diverged()) playing = false;
    post(elapsed > 0 ? (taken * 1000) / elapsed : 0);
    if (playing) host.schedule(() => tick(mine));
  };

  return {
    configure(setup) {
      const session = createTrainingSession(setup);
      generation += 1;
      playing = false;
      current = session;
      post(0);
    },
    restore(setup, step, net) {
      const { session, exact } = restoreTrainingSession(setup, step, net);
      generation += 1;
      playing = false;
      current = session;
      post(0);
      return exact;
    },
    play() {
      need();
      if (playing) return;
      playing = true;
      generation += 1;
      const mine = generation;
      host.schedule(() => tick(mine));
    },
    pause() {
      if (!playing) return;
      playing = false;
      generation += 1;
      post(0);
    },
    step(count = 1) {
      if (!Number.isInteger(count) || count < 1 || count > MAX_STEPS_PER_TICK) throw new TrainingSettingsError('count', `must be a whole number from 1 to ${MAX_STEPS_PER_TICK}, not ${count}`);
      const session = need();
      playing = false;
      generation += 1;
      session.run(count);
      post(0);
    },
    reset() {
      const session = need();
      playing = false;
      generation += 1;
      session.reset();
      post(0);
    },
    setSpeed(stepsPerFrame) {
      if (!Number.isInteger(stepsPerFrame) || stepsPerFrame < 1 || stepsPerFrame > MAX_STEPS_PER_TICK) {
        throw new TrainingSettingsError('stepsPerFrame', `must be a whole number from 1 to ${MAX_STEPS_PER_TICK}, not ${stepsPerFrame}`);
      }
      speed = stepsPerFrame;
    },
    setSnapshotOptions(next) {
      options = { ...next };
    },
    isPlaying: () => playing,
    session: () => current,
  };
}
