// Shared by the checkpoint tests: fixtures as ByteSources that record every read, the expected
// values generate.py wrote, and a check that a promise rejects with a FormatError (subclass).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { FormatError } from '../../../src/formats/errors.js';
import type { ByteSource } from '../../../src/checkpoint/types.js';

export const CHECKPOINTS = join(import.meta.dirname, '../../fixtures/checkpoints');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const expected = JSON.parse(readFileSync(join(CHECKPOINTS, 'expected.json'), 'utf8')) as any;

/** A ByteSource over bytes in memory that records each [offset, length] read. */
export interface RecordingSource extends ByteSource {
  readonly reads: [number, number][];
  readonly bytes: Uint8Array;
  /** Total bytes read so far. */
  readonly total: () => number;
}

export function recording(name: string, bytes: Uint8Array): RecordingSource {
  const reads: [number, number][] = [];
  return {
    name,
    size: bytes.length,
    bytes,
    reads,
    total: () => reads.reduce((n, [, l]) => n + l, 0),
    read(offset, length) {
      reads.push([offset, length]);
      if (offset < 0 || offset + length > bytes.length) return Promise.reject(new Error(`read outside the file: ${offset}+${length}`));
      // A copy at an odd offset in a bigger buffer: readers must not assume alignment or ownership.
      const out = new Uint8Array(length + 1).subarray(1);
      out.set(bytes.subarray(offset, offset + length));
      return Promise.resolve(out);
    },
  };
}

/** Every file of a fixture folder (or one file), named by its path within test/fixtures/checkpoints. */
export function fixtureSources(...paths: string[]): RecordingSource[] {
  const out: RecordingSource[] = [];
  for (const p of paths) {
    const full = join(CHECKPOINTS, p);
    const files = statSync(full).isDirectory() ? readdirSync(full).map((f) => join(full, f)) : [full];
    for (const f of files) out.push(recording(relative(CHECKPOINTS, f), new Uint8Array(readFileSync(f))));
  }
  return out;
}

/** Asserts the promise rejects with a FormatError (or a subclass) whose message matches. */
export async function rejectsWith(
  promise: Promise<unknown>, message: RegExp, type: abstract new (...args: never[]) => FormatError = FormatError,
): Promise<FormatError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  expect((error as Error).message).toMatch(message);
  return error as FormatError;
}
