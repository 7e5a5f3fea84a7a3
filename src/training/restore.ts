/**
 * Reopening a saved training run: the project keeps the setup, the step count and the weights;
 * replaying the steps from the seeds gives back the optimiser's state and the batch order too, so
 * training continues exactly as if it had never stopped.
 */
import type { ReluNet } from '../regions/types.js';
import { TrainingSettingsError } from './errors.js';
import { createTrainingSession, type TrainingSession, type TrainingSetup } from './session.js';

/** The most steps a saved run may replay (about a second of work for the lab's largest nets). */
export const MAX_REPLAY_STEPS = 200_000;

/** A reopened run and whether it is the saved one exactly. */
export interface RestoredSession {
  readonly session: TrainingSession;
  /**
   * True when replaying `step` steps from the seeds gave the saved weights bit for bit: the run
   * continues exactly (optimiser state and batch order included). False when they differ (a file
   * from another build, or edited): the session then starts from the saved weights with a fresh
   * optimiser, at step 0.
   */
  readonly exact: boolean;
}

function sameBits(a: ReluNet, b: ReluNet): boolean {
  const flat = (n: ReluNet) => [...n.weights.flat(2), ...n.biases.flat()];
  const x = flat(a);
  const y = flat(b);
  return x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
}

/**
 * Reopens a run saved as (setup, step, net): createTrainingSession(setup) run for `step` steps
 * (training is deterministic, so this is the saved run itself), checked against `net` bit for bit
 * (Object.is on every weight and bias; JSON keeps doubles exactly). On a mismatch the session
 * starts from `net` instead (exact: false). Throws TrainingSettingsError('step') for a step count
 * that is not a whole number from 0 to 200 000, and the session's errors for a bad setup or net.
 * @example restoreTrainingSession(setup, 1200, savedNet).exact // true for a file this build saved
 */
export function restoreTrainingSession(setup: TrainingSetup, step: number, net: ReluNet): RestoredSession {
  if (!Number.isInteger(step) || step < 0 || step > MAX_REPLAY_STEPS) throw new TrainingSettingsError('step', `must be a whole number from 0 to ${MAX_REPLAY_STEPS}, not ${step}`);
  const replayed = createTrainingSession(setup);
  replayed.run(step);
  if (replayed.steps() === step && sameBits(replayed.snapshot().net, net)) return { session: replayed, exact: true };
  return { session: createTrainingSession(setup, net), exact: false };
}
