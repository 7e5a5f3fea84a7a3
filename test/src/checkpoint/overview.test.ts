// The overview rows of a whole checkpoint, a base merged with its adapter, and the Blob source.
import { describe, expect, it } from 'vitest';
import { checkpointOverview, mergedWeight } from '../../../src/checkpoint/overview.js';
import { matrixMetrics } from '../../../src/checkpoint/metrics.js';
import { openCheckpoint } from '../../../src/checkpoint/open.js';
import { blobSource } from '../../../src/checkpoint/source.js';
import { CancelledError } from '../../../src/linalg/errors.js';
import { expected, fixtureSources, rejectsWith } from './helpers.js';

describe('checkpointOverview', () => {
  it('gives one row per matrix of the tiny Llama, with its layer, kind and numpy-checked metrics', async () => {
    const ckpt = await openCheckpoint(fixtureSources('llama'));
    const rows = [];
    for await (const row of checkpointOverview(ckpt)) rows.push(row);
    expect(rows.length).toBe(ckpt.tensors.filter((t) => t.shape.length >= 2).length);
    const q0 = rows.find((r) => r.name === 'model.layers.0.self_attn.q_proj.weight')!;
    expect(q0).toMatchObject({ layer: 0, kind: 'q', module: 'q_proj' });
    const want = expected.llama.metrics['model.layers.0.self_attn.q_proj.weight'];
    expect(Math.abs(q0.metrics.stableRank - want.stableRank)).toBeLessThan(1e-10 * want.stableRank);
    expect(new Set(rows.map((r) => r.layer))).toEqual(new Set([0, 1, undefined]));
  });

  it('stops with CancelledError once aborted', async () => {
    const ckpt = await openCheckpoint(fixtureSources('llama'));
    const signal = { aborted: false };
    const rows = checkpointOverview(ckpt, signal);
    await rows.next();
    signal.aborted = true;
    await expect(rows.next()).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('mergedWeight', () => {
  it('adds the adapter’s ΔW to the base weight, entry by entry', async () => {
    const base = await openCheckpoint(fixtureSources('llama'));
    const adapter = await openCheckpoint(fixtureSources('llama-lora'));
    const module = adapter.lora!.pairs[0].module;
    const merged = await mergedWeight(base, adapter, module);
    const w = await base.read(`${module}.weight`);
    const delta = await adapter.lora!.delta(module);
    expect(merged.shape).toEqual(w.shape);
    merged.data.forEach((v, i) => expect(v).toBe(w.data[i] + delta.data[i]));
    // ΔW = s·B·A has rank r: its spectrum ends after r values, the LoRA premise in numbers.
    const metrics = matrixMetrics(delta.data, delta.shape[0], delta.shape[1]);
    expect(metrics.numericalRank).toBe(adapter.lora!.pairs[0].rank);
    expect(metrics.energy8).toBe(1);
    await rejectsWith(mergedWeight(base, base, module), /not a LoRA adapter/);
    await rejectsWith(mergedWeight(await openCheckpoint(fixtureSources('gpt2')), adapter, module), /no tensor named/);
  });
});

describe('blobSource', () => {
  it('reads a checkpoint through Blob.slice', async () => {
    const [file] = fixtureSources('safetensors/dtypes.safetensors');
    const blob = Object.assign(new Blob([new Uint8Array(file.bytes)]), { name: 'dtypes.safetensors' });
    const ckpt = await openCheckpoint([blobSource(blob)]);
    expect(Array.from((await ckpt.read('f32')).data)).toEqual(expected.safetensorsDtypes.f32.values);
  });
});
