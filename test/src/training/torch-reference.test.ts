// Full-batch trajectories of the trainer against PyTorch in float64
// (test/fixtures/training/generate.py, `python3 test/fixtures/training/generate.py`): every
// optimiser, both losses, every activation, with and without L2, 50 steps.
// Tolerance 1e-10 relative (as the issue asks): the two sides sum in different orders and torch's
// erf, tanh and pow differ from V8's in the last bits, which 50 steps amplify to ~1e-13 at most.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTrainer, type OptimizerSettings, type TrainingActivation, type TrainingLoss } from '../../../src/training/index.js';

interface Net { weights: number[][][]; biases: number[][] }
interface Case {
  name: string; activation: TrainingActivation; leak?: number; loss: TrainingLoss; l2?: number;
  optimizer: OptimizerSettings; net: Net; x: number[][]; y: number[]; steps: number; losses: number[]; final: Net;
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/training/torch-steps.json', import.meta.url), 'utf8')) as { cases: Case[] };

const flatten = (net: { weights: readonly (readonly (readonly number[])[])[]; biases: readonly (readonly number[])[] }): number[] =>
  net.weights.flatMap((W, l) => [...W.flat(), ...net.biases[l]]);

/** max |a − b| / max |b|: the error relative to the size of the parameters. */
export function relativeError(a: readonly number[], b: readonly number[]): number {
  let diff = 0;
  let size = 0;
  b.forEach((v, i) => {
    diff = Math.max(diff, Math.abs(a[i] - v));
    size = Math.max(size, Math.abs(v));
  });
  return diff / size;
}

describe('trainer against torch.optim in float64', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s: 50 full-batch steps', (_, c) => {
    const trainer = createTrainer({ net: c.net, activation: c.activation, leak: c.leak, loss: c.loss, optimizer: c.optimizer, l2: c.l2 });
    const losses = Array.from({ length: c.steps }, () => trainer.step(c.x, c.y));
    expect(relativeError(losses, c.losses)).toBeLessThan(1e-10);
    for (let s = 0; s < c.steps; s++) expect(Math.abs(losses[s] - c.losses[s])).toBeLessThanOrEqual(1e-10 * Math.abs(c.losses[s]));
    expect(relativeError(flatten(trainer.net()), flatten(c.final))).toBeLessThan(1e-10);
    expect(trainer.steps()).toBe(c.steps);
  });
});
