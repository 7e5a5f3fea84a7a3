/**
 * Mini-batches of a training set in a seeded order, epoch after epoch, in reused arrays.
 */
import { mulberry32 } from '../random.js';
import type { DataSplit } from './datasets.js';

/** Hands out batches; `restart` goes back to the first batch of the first epoch. */
export interface Batcher {
  next(): DataSplit;
  restart(): void;
}

/**
 * Batches of `batchSize` points of `split`: each epoch visits every point once in an order
 * shuffled by Fisher–Yates with mulberry32(seed) (one generator across epochs), and the last batch
 * of an epoch holds the remainder when batchSize does not divide the count. The returned arrays
 * are reused from call to call (copy them to keep a batch), so drawing allocates nothing.
 */
export function createBatcher(split: DataSplit, batchSize: number, seed: number): Batcher {
  const n = split.x.length;
  const order = new Int32Array(n);
  const full = { x: new Array<number[]>(batchSize), y: new Array<number>(batchSize) };
  const rest = n % batchSize;
  const last = { x: new Array<number[]>(rest), y: new Array<number>(rest) };
  let uniform = mulberry32(seed);
  let cursor = n;
  return {
    next() {
      if (cursor >= n) {
        for (let i = 0; i < n; i++) order[i] = i;
        for (let i = n - 1; i > 0; i--) {
          const j = Math.floor(uniform() * (i + 1));
          const t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        cursor = 0;
      }
      const batch = n - cursor >= batchSize ? full : last;
      for (let j = 0; j < batch.x.length; j++) {
        batch.x[j] = split.x[order[cursor + j]];
        batch.y[j] = split.y[order[cursor + j]];
      }
      cursor += batch.x.length;
      return batch;
    },
    restart() {
      uniform = mulberry32(seed);
      cursor = n;
    },
  };
}
