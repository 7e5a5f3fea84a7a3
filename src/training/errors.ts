/**
 * Typed errors of the Training lab: a setting or a batch that cannot be trained on (naming the
 * field), and training that diverged (naming the step).
 */

/**
 * A setting, a network or a batch was refused. `field` is the path of the culprit as the options
 * spell it, e.g. `optimizer.learningRate`, `x[3]`, `y[7]`, `net.weights[1][2]`; the message
 * starts with it.
 */
export class TrainingSettingsError extends RangeError {
  override readonly name = 'TrainingSettingsError';
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field} ${problem}`);
    this.field = field;
  }
}

/**
 * The loss (or the updated parameters) stopped being finite at `step` (1-based: the step that was
 * being taken). The trainer keeps the last finite parameters and refuses further steps.
 */
export class TrainingDivergedError extends Error {
  override readonly name = 'TrainingDivergedError';
  readonly step: number;
  readonly loss: number;

  constructor(step: number, loss: number, what: 'loss' | 'parameters') {
    super(
      what === 'loss'
        ? `Training diverged at step ${step}: the loss is ${String(loss)}. The weights are those before that step.`
        : `Training diverged at step ${step}: the update made a weight overflow. The weights are those before that step.`,
    );
    this.step = step;
    this.loss = loss;
  }
}
