// Hostile and broken checkpoints: each refused with a typed error that names what is wrong,
// nothing executed (the unpickler never calls or imports), nothing read outside the files given.
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCheckpoint } from '../../../src/checkpoint/open.js';
import { ShardError, UnsafePickleError } from '../../../src/checkpoint/errors.js';
import { FormatError } from '../../../src/formats/errors.js';
import { fixtureSources, recording, rejectsWith } from './helpers.js';

describe('pickles that name anything but torch’s tensor rebuilders', () => {
  it.each([
    ['os-system.pt', 'posix.system'],
    ['builtins-eval.pt', 'builtins.eval'],
    ['subprocess-popen.pt', 'subprocess.Popen'],
    ['stack-global.pt', 'posix.system'],
    ['getattr.pt', 'builtins.getattr'],
  ])('%s is refused naming %s, and nothing runs', async (file, global) => {
    const error = await rejectsWith(openCheckpoint(fixtureSources(`hostile/${file}`)), new RegExp(global.replace('.', '\\.')), UnsafePickleError);
    expect((error as UnsafePickleError).global).toBe(global);
    expect(error.offset).toBeGreaterThan(0);
    expect(existsSync('/tmp/hinge-pwned')).toBe(false);
  });

  it('refuses REDUCE on a value the pickle built (a nested reduce chain)', async () => {
    await rejectsWith(openCheckpoint(fixtureSources('hostile/nested-reduce.pt')), /calls a value it built itself/, UnsafePickleError);
  });
});

describe('archives and indexes that point elsewhere', () => {
  it('refuses a zip member that inflates past its declared size before taking the memory', async () => {
    const [source] = fixtureSources('hostile/bomb.npz');
    await rejectsWith(openCheckpoint([source]), /zip bomb/);
  });

  it.each(['outside', 'absolute'])('refuses a shard index naming a file outside its folder (%s) and reads nothing else', async (folder) => {
    const sources = fixtureSources(`hostile/${folder}`, 'safetensors/dtypes.safetensors');
    const error = await rejectsWith(openCheckpoint(sources), /not a file beside the index/, ShardError);
    expect((error as ShardError).shard).toMatch(/etc\/passwd/);
    expect(sources[1].reads).toEqual([]);
  });

  it('names a missing shard', async () => {
    const error = await rejectsWith(openCheckpoint(fixtureSources('hostile/missing')), /model-00009-of-00009\.safetensors.*missing/, ShardError);
    expect((error as ShardError).shard).toBe('model-00009-of-00009.safetensors');
  });

  it('names a shard missing from a real sharded checkpoint', async () => {
    const sources = fixtureSources('gpt2').filter((s) => !s.name.endsWith('00002-of-00003.safetensors'));
    await rejectsWith(openCheckpoint(sources), /'model-00002-of-00003\.safetensors' \(holding \d+ tensors\) is missing/, ShardError);
  });
});

describe('GGUF with lying counts', () => {
  it.each([
    ['tensor-count.gguf', /1099511627776 tensors/],
    ['array-count.gguf', /array says it holds 1125899906842624 values/],
    ['key-length.gguf', /1099511627776 bytes long/],
  ])('%s is refused at once', async (file, message) => {
    const [source] = fixtureSources(`hostile/${file}`);
    await rejectsWith(openCheckpoint([source]), message);
    expect(source.total()).toBeLessThanOrEqual(source.size);
  });
});

/** Every fixture, mutated: only FormatErrors, never a TypeError or RangeError, never a hang. */
describe('fuzzing every fixture', () => {
  const files = [
    'safetensors/dtypes.safetensors', 'torch/views.pt', 'torch/training.pth', 'npz/stored.npz', 'npz/deflated.npz', 'gguf/tiny.gguf',
    'gpt2/model-00003-of-00003.safetensors', 'llama-lora/adapter_model.safetensors',
  ];
  it.each(files)('%s: mutated bytes open and read, or reject with a FormatError', async (file) => {
    const [original] = fixtureSources(file);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(original.size - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(original.size), { nil: undefined }),
        async (edits, cut) => {
          const bytes = original.bytes.slice(0, cut ?? original.size);
          for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
          try {
            const ckpt = await openCheckpoint([recording(original.name, bytes)]);
            for (const t of ckpt.tensors) await ckpt.read(t.name);
          } catch (error) {
            if (!(error instanceof FormatError)) throw error;
          }
        },
      ),
      { numRuns: 150, seed: 17 },
    );
  });
});

/** The unpickler on its own: mutated and random pickles give a value or a FormatError, nothing else. */
describe('fuzzing the unpickler', () => {
  it('mutated state-dict pickles and random opcode soup only ever throw FormatError', async () => {
    const { unpickle } = await import('../../../src/checkpoint/pickle.js');
    const { readZipDirectory, readMember } = await import('../../../src/checkpoint/zip.js');
    const pickles: Uint8Array[] = [];
    for (const file of ['torch/views.pt', 'torch/training.pth', 'gpt2-bin/pytorch_model.bin']) {
      const [source] = fixtureSources(file);
      const member = (await readZipDirectory(source, 'zip')).find((m) => m.name.endsWith('data.pkl'))!;
      pickles.push(await readMember(source, member, 'zip', 1 << 24));
    }
    const opcodes = [...'(N)]}tlde\x85\x86\x87asuJKMGXTUBCqrhjcRQb0120\x80\x88\x89\x8a\x8c\x93\x94\x95.'].map((c) => c.charCodeAt(0));
    fc.assert(
      fc.property(
        fc.nat(pickles.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...opcodes))), { minLength: 1, maxLength: 6 }),
        fc.uint8Array({ maxLength: 64 }),
        (which, edits, soup) => {
          const bytes = pickles[which].slice();
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          for (const candidate of [bytes, soup, Uint8Array.from([0x80, 2, ...soup.map((b, i) => (i % 3 === 0 ? opcodes[b % opcodes.length] : b)), 0x2e])]) {
            try {
              unpickle(candidate);
            } catch (error) {
              if (!(error instanceof FormatError)) throw error;
            }
          }
        },
      ),
      { numRuns: 1500, seed: 17 },
    );
  });
});

/** Shard indexes and adapter configs are JSON from anywhere: any JSON gives a checkpoint or a FormatError. */
describe('fuzzing the JSON files', () => {
  it('random JSON as model.safetensors.index.json or adapter_config.json', async () => {
    const shard = fixtureSources('gpt2/model-00003-of-00003.safetensors')[0];
    const adapter = fixtureSources('llama-lora/adapter_model.safetensors')[0];
    const weightMap = fc.dictionary(fc.string(), fc.oneof(fc.constant('model-00003-of-00003.safetensors'), fc.string(), fc.jsonValue()));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.jsonValue(), fc.record({ weight_map: weightMap, metadata: fc.jsonValue() })),
        fc.oneof(fc.jsonValue(), fc.record({ r: fc.jsonValue(), lora_alpha: fc.jsonValue(), rank_pattern: fc.jsonValue(), use_rslora: fc.jsonValue() }, { requiredKeys: [] })),
        async (index, config) => {
          const json = (name: string, value: unknown) => recording(name, new TextEncoder().encode(JSON.stringify(value) ?? 'null'));
          for (const files of [
            [json('gpt2/model.safetensors.index.json', index), { ...shard, read: shard.read }],
            [json('llama-lora/adapter_config.json', config), { ...adapter, read: adapter.read }],
          ]) {
            try {
              const ckpt = await openCheckpoint(files);
              for (const pair of ckpt.lora?.pairs ?? []) await ckpt.lora!.delta(pair.module);
            } catch (error) {
              if (!(error instanceof FormatError)) throw error;
            }
          }
        },
      ),
      { numRuns: 300, seed: 17 },
    );
  });
});
