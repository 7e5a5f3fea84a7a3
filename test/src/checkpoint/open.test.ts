// openCheckpoint on the fixtures generate.py wrote with torch, transformers, peft, safetensors,
// numpy and gguf: names, shapes and every value exactly as those libraries stored them (float64
// comparison with ===: F16, BF16 and Q8_0 widen exactly), and reads limited to headers and the
// asked tensor's range.
import { describe, expect, it } from 'vitest';
import { openCheckpoint } from '../../../src/checkpoint/open.js';
import { GGML_TYPES } from '../../../src/checkpoint/gguf.js';
import { UnsupportedCheckpointError } from '../../../src/checkpoint/errors.js';
import { expected, fixtureSources, rejectsWith } from './helpers.js';

const sum = (data: ArrayLike<number>): number => {
  let total = 0;
  for (let i = 0; i < data.length; i++) total += data[i];
  return total;
};

describe('sharded safetensors (transformers GPT-2, save_pretrained max_shard_size=40KB)', () => {
  it('lists every tensor of the index with its shape, reading only the index and the shard headers', async () => {
    const sources = fixtureSources('gpt2');
    const ckpt = await openCheckpoint(sources);
    expect(ckpt.format).toBe('safetensors-sharded');
    expect(ckpt.tensors.map((t) => t.name).sort()).toEqual(expected.gpt2.tensors);
    for (const t of ckpt.tensors) expect(t.shape).toEqual(expected.gpt2.shapes[t.name]);
    for (const s of sources) {
      if (!s.name.endsWith('.safetensors')) continue;
      const headerLength = new DataView(s.bytes.buffer).getUint32(0, true);
      expect(s.total()).toBeLessThanOrEqual(8 + 8 + headerLength);
    }
  });

  it('reads each tensor exactly, and only that tensor’s bytes', async () => {
    const sources = fixtureSources('gpt2');
    const ckpt = await openCheckpoint(sources);
    for (const [name, values] of Object.entries(expected.gpt2.values as Record<string, number[]>)) {
      const before = sources.map((s) => s.reads.length);
      const { data, shape } = await ckpt.read(name);
      expect(shape).toEqual(expected.gpt2.shapes[name]);
      expect(Array.from(data.subarray(0, values.length))).toEqual(values);
      const newReads = sources.flatMap((s, k) => s.reads.slice(before[k]));
      expect(newReads.reduce((n, [, l]) => n + l, 0)).toBe(4 * data.length);
    }
    for (const t of ckpt.tensors) expect(sum((await ckpt.read(t.name)).data)).toBeCloseTo(expected.gpt2.sums[t.name], 9);
  });

  it('BF16 Llama shards widen exactly', async () => {
    const ckpt = await openCheckpoint(fixtureSources('llama'));
    expect(ckpt.tensors.map((t) => t.name).sort()).toEqual(expected.llama.tensors);
    expect(ckpt.tensors.every((t) => t.dtype === 'BF16')).toBe(true);
    const [[name, values]] = Object.entries(expected.llama.values as Record<string, number[]>);
    expect(Array.from((await ckpt.read(name)).data.subarray(0, values.length))).toEqual(values);
    for (const t of ckpt.tensors) expect(sum((await ckpt.read(t.name)).data)).toBeCloseTo(expected.llama.sums[t.name], 9);
  });
});

describe('PyTorch zip checkpoints (torch.save)', () => {
  it('reads a state dict saved by torch.save like the sharded safetensors of the same model', async () => {
    const ckpt = await openCheckpoint(fixtureSources('gpt2-bin/pytorch_model.bin'));
    expect(ckpt.format).toBe('pytorch');
    expect(ckpt.tensors.map((t) => t.name).sort()).toEqual(expected.gpt2.tensors);
    for (const t of ckpt.tensors) expect(sum((await ckpt.read(t.name)).data)).toBeCloseTo(expected.gpt2.sums[t.name], 9);
  });

  it('reads views of a shared storage (slices, transposes, a row), every dtype, and skips complex', async () => {
    const ckpt = await openCheckpoint(fixtureSources('torch/views.pt'));
    for (const [name, { shape, values }] of Object.entries(expected.torchViews as Record<string, { shape: number[]; values: number[] | null }>)) {
      if (values === null) {
        expect(ckpt.skipped.map((t) => t.name)).toContain(name);
        await rejectsWith(ckpt.read(name), /does not read/);
        continue;
      }
      const read = await ckpt.read(name);
      expect(read.shape, name).toEqual(shape);
      expect(Array.from(read.data), name).toEqual(values);
    }
  });

  it('names the tensors of a nested training checkpoint by their key path; a lone tensor is "tensor"', async () => {
    const training = await openCheckpoint(fixtureSources('torch/training.pth'));
    expect(training.tensors.map((t) => t.name)).toEqual(expected.torchTraining);
    const lone = await openCheckpoint(fixtureSources('torch/lone.pt'));
    expect(lone.tensors.map((t) => t.name)).toEqual(['tensor']);
  });

  it('refuses the legacy pre-zip format with how to re-save it', async () => {
    await rejectsWith(openCheckpoint(fixtureSources('torch/legacy.pt')), /legacy.*torch\.save\(torch\.load\(path, weights_only=True\)/s, UnsupportedCheckpointError);
  });
});

describe('safetensors, npz and GGUF single files', () => {
  it('reads F64, F32, F16, BF16, I8 and U8 exactly and skips F8_E4M3 with a reason', async () => {
    const ckpt = await openCheckpoint(fixtureSources('safetensors/dtypes.safetensors'));
    for (const [name, { shape, values }] of Object.entries(expected.safetensorsDtypes as Record<string, { shape: number[]; values: number[] }>)) {
      if (name === 'f8') {
        expect(ckpt.skipped).toEqual([expect.objectContaining({ name, dtype: 'F8_E4M3', reason: expect.stringMatching(/quantized/) })]);
        continue;
      }
      expect(await ckpt.read(name)).toEqual({ shape, data: expect.anything() });
      expect(Array.from((await ckpt.read(name)).data)).toEqual(values);
    }
    expect(ckpt.metadata).toEqual({ format: 'pt' });
  });

  it.each(['stored', 'deflated'])('reads numpy.savez (%s) members, C or Fortran order, and skips text', async (kind) => {
    const ckpt = await openCheckpoint(fixtureSources(`npz/${kind}.npz`));
    expect(ckpt.skipped.map((t) => t.name)).toEqual(['text']);
    for (const [name, { shape, values }] of Object.entries(expected.npz as Record<string, { shape: number[]; values: number[] }>)) {
      const read = await ckpt.read(name);
      expect(read.shape, name).toEqual(shape);
      expect(Array.from(read.data), name).toEqual(values);
    }
  });

  it('reads GGUF F32, F16, BF16 and dequantizes Q8_0 as gguf-py does; lists Q4_0 as skipped', async () => {
    const ckpt = await openCheckpoint(fixtureSources('gguf/tiny.gguf'));
    expect(ckpt.skipped).toEqual([expect.objectContaining({ name: 'blk.0.ffn_down.weight', dtype: 'Q4_0', reason: expect.stringMatching(/Q8_0/) })]);
    for (const [name, { shape, values }] of Object.entries(expected.gguf as Record<string, { shape: number[]; values: number[] }>)) {
      if (!name.startsWith('blk.')) continue;
      const read = await ckpt.read(name);
      expect(read.shape, name).toEqual(shape);
      expect(Array.from(read.data), name).toEqual(values);
    }
    expect(ckpt.metadata['general.name']).toBe('hinge-tiny');
  });

  it('knows every ggml type gguf-py knows, with its block size and bytes', () => {
    for (const [id, entry] of Object.entries(expected.gguf.types as Record<string, [string, number, number]>)) {
      expect(GGML_TYPES[Number(id)], entry[0]).toEqual(entry);
    }
  });
});

describe('PEFT LoRA adapters', () => {
  it.each([
    ['llama-lora', 'llamaLora'],
    ['gpt2-lora', 'gpt2Lora'],
  ])('%s: pairs lora_A/lora_B per module and gives ΔW = scale·B·A as peft does', async (folder, key) => {
    const ckpt = await openCheckpoint(fixtureSources(folder));
    expect(ckpt.format).toBe('lora');
    const want = expected[key] as Record<string, { scale: number; shape: number[]; values: number[]; frobenius: number; deltaWeight: number[] }>;
    expect(ckpt.lora!.pairs.map((p) => p.module).sort()).toEqual(Object.keys(want).sort());
    for (const pair of ckpt.lora!.pairs) {
      const ref = want[pair.module];
      expect(pair.scale).toBe(ref.scale);
      const delta = await ckpt.lora!.delta(pair.module);
      expect(delta.shape).toEqual(ref.shape);
      // float64 sums of r products in another order than torch's matmul: within a few ulps.
      Array.from(delta.data.subarray(0, 10)).forEach((v, i) => expect(Math.abs(v - ref.values[i])).toBeLessThanOrEqual(1e-15 * ref.frobenius));
      expect(Math.hypot(...delta.data)).toBeCloseTo(ref.frobenius, 12);
      // peft's own get_delta_weight runs in float32; ours agrees to float32 rounding.
      Array.from(delta.data.subarray(0, 10)).forEach((v, i) => expect(Math.abs(v - ref.deltaWeight[i])).toBeLessThanOrEqual(1e-6 * ref.frobenius));
    }
  });
});
