// What the readers read: headers to list, one tensor's range to read it, whatever the file's
// size; and the 1 GiB cap on one tensor's values, checked before a byte of it is read.
import { describe, expect, it } from 'vitest';
import { gguf } from '@huggingface/gguf';
import { openCheckpoint } from '../../../src/checkpoint/open.js';
import { MAX_TENSOR_BYTES } from '../../../src/checkpoint/values.js';
import { memberDataStart, readZipDirectory } from '../../../src/checkpoint/zip.js';
import { memorySource } from '../../../src/checkpoint/source.js';
import type { ByteSource } from '../../../src/checkpoint/types.js';
import { expected, fixtureSources, rejectsWith } from './helpers.js';

/** A safetensors file of `size` bytes whose header is real and whose data reads as zeros, never held. */
function hugeSafetensors(tensors: Record<string, { dtype: string; shape: number[]; bytes: number }>): ByteSource & { reads: [number, number][] } {
  const header: Record<string, unknown> = {};
  let at = 0;
  for (const [name, { dtype, shape, bytes }] of Object.entries(tensors)) {
    header[name] = { dtype, shape, data_offsets: [at, at + bytes] };
    at += bytes;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const prefix = new Uint8Array(8 + json.length);
  new DataView(prefix.buffer).setUint32(0, json.length, true);
  prefix.set(json, 8);
  const reads: [number, number][] = [];
  return {
    name: 'huge.safetensors',
    size: prefix.length + at,
    reads,
    read(offset, length) {
      reads.push([offset, length]);
      const out = new Uint8Array(length);
      if (offset < prefix.length) out.set(prefix.subarray(offset, offset + length));
      return Promise.resolve(out);
    },
  };
}

describe('reading only what is needed', () => {
  it('lists a 5 GB safetensors file from its header and reads one tensor by its range', async () => {
    const source = hugeSafetensors({
      'model.layers.0.mlp.up_proj.weight': { dtype: 'BF16', shape: [32768, 65536], bytes: 2 * 32768 * 65536 },
      'model.layers.0.self_attn.q_proj.weight': { dtype: 'BF16', shape: [64, 64], bytes: 2 * 64 * 64 },
      'model.layers.0.mlp.down_proj.weight': { dtype: 'F32', shape: [16384, 16385], bytes: 4 * 16384 * 16385 },
    });
    const ckpt = await openCheckpoint([source]);
    expect(source.size).toBeGreaterThan(5e9);
    expect(source.reads.reduce((n, [, l]) => n + l, 0)).toBeLessThan(1024);
    source.reads.length = 0;
    const q = await ckpt.read('model.layers.0.self_attn.q_proj.weight');
    expect(q.data.length).toBe(4096);
    const begin = source.size - 4 * 16384 * 16385 - 2 * 64 * 64;
    expect(source.reads).toEqual([[begin, 2 * 64 * 64]]);
    source.reads.length = 0;
    // 16384 × 16385 float32 values take just over 1 GiB: refused before any of it is read.
    await rejectsWith(ckpt.read('model.layers.0.mlp.down_proj.weight'), /at most 1 GiB/);
    // 2³¹ BF16 values are 8 GiB as float32.
    await rejectsWith(ckpt.read('model.layers.0.mlp.up_proj.weight'), /at most 1 GiB/);
    expect(source.reads).toEqual([]);
    expect(4 * 16384 * 16385).toBeGreaterThan(MAX_TENSOR_BYTES);
  });

  it('a PyTorch checkpoint: listing reads the zip directory and data.pkl, never a storage; a read reads its view', async () => {
    const [source] = fixtureSources('torch/views.pt');
    const ckpt = await openCheckpoint([source]);
    const storages = [];
    for (const member of (await readZipDirectory(memorySource('views.pt', source.bytes), 'zip')).filter((m) => m.name.includes('/data/'))) {
      const start = await memberDataStart(memorySource('views.pt', source.bytes), member, 'zip');
      storages.push([start, start + member.size]);
    }
    expect(storages.length).toBeGreaterThan(5);
    for (const [offset, length] of source.reads) {
      for (const [begin, end] of storages) expect(offset + length <= begin || offset >= end, `read ${offset}+${length}`).toBe(true);
    }
    source.reads.length = 0;
    await ckpt.read('f64');
    // The local header of the storage member (30 bytes), then 3×5 float64 values.
    expect(source.reads.map(([, l]) => l)).toEqual([30, 15 * 8]);
  });

  it('sharded pytorch_model-*.bin through pytorch_model.bin.index.json', async () => {
    const ckpt = await openCheckpoint(fixtureSources('llama-bin'));
    expect(ckpt.format).toBe('pytorch-sharded');
    expect(ckpt.tensors.map((t) => t.name).sort()).toEqual(expected.llama.tensors);
    const [[name, values]] = Object.entries(expected.llama.values as Record<string, number[]>);
    expect(Array.from((await ckpt.read(name)).data.subarray(0, values.length))).toEqual(values);
  });
});

describe('GGUF against @huggingface/gguf', () => {
  it('lists the same tensors, shapes and types as huggingface.js parses from the same bytes', async () => {
    const [source] = fixtureSources('gguf/tiny.gguf');
    // huggingface.js reads from a URL by HTTP ranges; a fetch that serves the fixture's bytes stands in.
    const serve = ((_: unknown, init?: { headers?: Record<string, string> }) => {
      const [from, to] = /bytes=(\d+)-(\d+)/.exec(init?.headers?.Range ?? '')!.slice(1).map(Number);
      const body = source.bytes.slice(from, Math.min(to + 1, source.size));
      return Promise.resolve(new Response(body, { status: 206, headers: { 'content-range': `bytes ${from}-${from + body.length - 1}/${source.size}` } }));
    }) as unknown as typeof fetch;
    const theirs = await gguf('https://example.invalid/tiny.gguf', { fetch: serve });
    const ours = await openCheckpoint([source]);
    const listed = [...ours.tensors, ...ours.skipped].map((t) => [t.name, t.shape.join('×')]).sort();
    expect(listed).toEqual(theirs.tensorInfos.map((t) => [t.name, [...t.shape].reverse().map(Number).join('×')]).sort());
    expect(ours.metadata['general.name']).toBe((theirs.metadata as Record<string, unknown>)['general.name']);
  });
});

describe('choosing the weights among a folder’s files', () => {
  it('prefers safetensors over PyTorch weights, as transformers does, and ignores trainer files', async () => {
    const both = await openCheckpoint([...fixtureSources('llama', 'llama-bin')]);
    expect(both.format).toBe('safetensors-sharded');
    const [bin] = fixtureSources('gpt2-bin/pytorch_model.bin');
    const [args] = fixtureSources('torch/training.pth');
    const ckpt = await openCheckpoint([bin, { ...args, name: 'gpt2-bin/training_args.bin', read: args.read }, { ...args, name: 'gpt2-bin/optimizer.pt', read: args.read }]);
    expect(ckpt.format).toBe('pytorch');
    await rejectsWith(openCheckpoint(fixtureSources('torch/views.pt', 'torch/lone.pt')), /Several weights files/);
    await rejectsWith(openCheckpoint(fixtureSources('gpt2/config.json', 'gpt2/tokenizer.json')), /None of the files/);
  });
});
