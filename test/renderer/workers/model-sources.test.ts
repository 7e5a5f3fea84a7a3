// The desktop's checkpoint ByteSource: ranges read through the host's readRange IPC (a fake preload
// serving real fixture bytes with the main process's checks), split at MAX_RANGE_BYTES, refusals
// turned into FormatErrors with the byte offset, and openCheckpoint reading headers only.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FormatError, openCheckpoint } from '../../../src/index.js';
import { desktopApiKeys, MAX_RANGE_BYTES, type CheckpointFile, type HingeDesktopApi, type RangeResult } from '../../../src/ipc/contract.js';
import { DesktopHost } from '../../../renderer/host/desktop-host.js';
import { RangeReadError } from '../../../renderer/host/host.js';
import { rangeSource, sourcesOf, type RangeReader } from '../../../renderer/workers/model-sources.js';

const LLAMA = join(import.meta.dirname, '..', '..', 'fixtures', 'checkpoints', 'llama');
const handleOf = (n: number) => n.toString(16).padStart(32, '0');

/** A preload whose readRange serves `files` and refuses as the main process does (size, length, handle). */
function fakeDesktop(files: Record<string, Uint8Array>) {
  const reads: { handle: string; offset: number; length: number }[] = [];
  const opened: CheckpointFile[] = Object.entries(files).map(([name, bytes], i) => ({ handle: handleOf(i + 1), name, size: bytes.length, modified: 1 }));
  const released: string[][] = [];
  const api = Object.fromEntries(desktopApiKeys.map((k) => [k, vi.fn()])) as unknown as HingeDesktopApi;
  Object.assign(api, {
    openCheckpoint: async () => ({ status: 'opened', files: opened }),
    readRange: async ({ handle, offset, length }: { handle: string; offset: number; length: number }): Promise<RangeResult> => {
      reads.push({ handle, offset, length });
      const file = opened.find((f) => f.handle === handle);
      if (!file) return { status: 'failed', code: 'unknown-handle', reason: 'Hinge has no such checkpoint file open in this window.' };
      if (length > MAX_RANGE_BYTES) return { status: 'failed', code: 'too-long', reason: 'too long' };
      if (offset + length > file.size) return { status: 'failed', code: 'out-of-range', reason: `Bytes ${offset}–${offset + length} lie outside the file.` };
      return { status: 'read', bytes: files[file.name]!.slice(offset, offset + length) };
    },
    releaseCheckpoint: async ({ handles }: { handles: string[] }) => {
      released.push(handles);
      return handles.length;
    },
  });
  const host = new DesktopHost(api);
  const ranges: RangeReader = (h, o, l) => host.checkpoints.readRange(h, o, l);
  return { host, ranges, reads, opened, released };
}

describe('rangeSource', () => {
  const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);
  const file: CheckpointFile = { handle: handleOf(1), name: 'w.safetensors', size: 100, modified: 0 };

  it('splits a read longer than a chunk into consecutive ranges and assembles them in order', async () => {
    const calls: [number, number][] = [];
    const source = rangeSource(file, async (_h, o, l) => (calls.push([o, l]), bytes.slice(o, o + l)), 16);
    expect(await source.read(5, 50)).toEqual(bytes.slice(5, 55));
    expect(calls).toEqual([[5, 16], [21, 16], [37, 16], [53, 2]]);
    calls.length = 0;
    expect(await source.read(0, 16)).toEqual(bytes.slice(0, 16));
    expect(calls).toEqual([[0, 16]]);
  });

  it('rejects a short answer instead of returning misplaced bytes', async () => {
    const source = rangeSource(file, async (_h, o, l) => bytes.slice(o, o + l - 1), 16);
    await expect(source.read(0, 40)).rejects.toThrow('returned 15 bytes for 16 at byte 0');
  });

  it('needs a range reader for a desktop file, never for a browser File', () => {
    expect(() => sourcesOf([file], undefined)).toThrow('no range reader');
    const blob = new File([bytes], 'x.npy');
    expect(sourcesOf([{ file: blob, name: 'folder/x.npy' }], undefined)[0]).toMatchObject({ name: 'folder/x.npy', size: 100 });
  });
});

describe('a checkpoint read through the desktop host', () => {
  const names = readdirSync(LLAMA).sort();
  const files = Object.fromEntries(names.map((n) => [`llama/${n}`, new Uint8Array(readFileSync(join(LLAMA, n)))]));
  const total = Object.values(files).reduce((a, b) => a + b.length, 0);

  it('lists a sharded checkpoint from its headers only, then reads one tensor’s bytes exactly', async () => {
    const { host, ranges, reads } = fakeDesktop(files);
    const chosen = await host.checkpoints.open(true);
    if (chosen.status !== 'opened') throw new Error('not opened');
    const checkpoint = await openCheckpoint(sourcesOf(chosen.files, ranges));
    expect(checkpoint.format).toBe('safetensors-sharded');
    const listed = reads.reduce((a, r) => a + r.length, 0);
    // The three shards' headers and the index, not the 43 KB of weights.
    expect(listed).toBeLessThan(total / 4);
    reads.length = 0;
    const name = 'model.layers.0.self_attn.q_proj.weight';
    const tensor = await checkpoint.read(name);
    const read = reads.reduce((a, r) => a + r.length, 0);
    const meta = checkpoint.tensors.find((t) => t.name === name)!;
    const width = meta.dtype === 'F32' ? 4 : meta.dtype === 'F64' ? 8 : 2;
    expect(read).toBe(tensor.data.length * width);
    // The same numbers as reading the whole files in memory.
    const whole = await openCheckpoint(Object.entries(files).map(([n, b]) => ({ name: n, size: b.length, read: async (o: number, l: number) => b.slice(o, o + l) })));
    expect(Array.from(tensor.data)).toEqual(Array.from((await whole.read(name)).data));
  });

  it('turns a refused range into a FormatError with the byte offset; the host releases handles', async () => {
    const { host, ranges, opened, released } = fakeDesktop(files);
    const shard = opened.find((f) => f.name.endsWith('00001-of-00003.safetensors'))!;
    // The page believes the file is longer than it is: the main process refuses the range.
    const lying = rangeSource({ ...shard, size: shard.size + 1000 }, ranges);
    await expect(ranges(shard.handle, shard.size, 8)).rejects.toBeInstanceOf(RangeReadError);
    await expect(ranges(shard.handle, shard.size, 8)).rejects.toMatchObject({ code: 'out-of-range' });
    const { readRange } = await import('../../../src/checkpoint/source.js');
    const error = await readRange(lying, shard.size, 8, 'safetensors').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect(error).toMatchObject({ offset: shard.size, message: expect.stringContaining('lie outside the file') });
    await expect(ranges(handleOf(99), 0, 1)).rejects.toMatchObject({ code: 'unknown-handle' });
    await host.checkpoints.release(opened.map((f) => f.handle));
    expect(released).toEqual([opened.map((f) => f.handle)]);
  });
});
