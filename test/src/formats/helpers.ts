// Shared by the format tests: fixture loading, byte builders that write .npy and .safetensors
// files the way numpy's and the Rust crate's writers do, and an assertion for FormatError.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { FormatError } from '../../../src/formats/errors.js';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/formats');

/** The bytes of a fixture written by test/fixtures/formats/make_fixtures.py. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

/** What numpy wrote into each accepted fixture (expected.json, made by the same script). */
export interface ExpectedFixtures {
  npy: Record<string, { version: number; dtype: string; shape: number[]; fortranOrder: boolean; values: number[] }>;
  safetensors: Record<string, {
    metadata: Record<string, string> | null;
    tensors: Record<string, { dtype: string; shape: number[]; values: number[] | null }>;
  }>;
}

export const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as ExpectedFixtures;

/** Concatenates parts: strings as Latin-1 (one byte per character), arrays as bytes. */
export function bytes(...parts: (string | readonly number[] | Uint8Array)[]): Uint8Array {
  const chunks = parts.map((p) => (typeof p === 'string' ? Uint8Array.from(p, (c) => c.charCodeAt(0) & 0xff) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * A .npy file with the header text given, wrapped as numpy's _wrap_header does: the text, spaces,
 * and a newline so that magic + length + header is a multiple of 64. `data` is the raw data or a
 * number of zero bytes.
 */
export function npyFile(header: string, data: Uint8Array | number = 0, version: 1 | 2 | 3 = 1): Uint8Array {
  const encoded = version === 3 ? utf8(header) : bytes(header);
  const lengthBytes = version === 1 ? 2 : 4;
  const padding = 64 - ((8 + lengthBytes + encoded.length + 1) % 64);
  const total = encoded.length + padding + 1;
  const length = version === 1 ? [total & 0xff, total >> 8] : [total & 0xff, (total >> 8) & 0xff, (total >> 16) & 0xff, total >>> 24];
  return bytes('\x93NUMPY', [version, 0], length, encoded, ' '.repeat(padding), '\n', typeof data === 'number' ? new Uint8Array(data) : data);
}

/** Where a piece of a .npy header begins in the file npyFile builds (for expected offsets). */
export function npyOffset(header: string, piece: string, version: 1 | 2 | 3 = 1): number {
  const index = header.indexOf(piece);
  if (index < 0) throw new Error(`'${piece}' is not in the header`);
  return (version === 1 ? 10 : 12) + (version === 3 ? utf8(header.slice(0, index)).length : index);
}

/** A numpy-style header dict for a plain dtype and shape. */
export function npyHeader(descr: string, shape: string, fortran = 'False'): string {
  return `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }`;
}

/**
 * A safetensors file: the 8-byte little-endian length, the header (JSON text or an object to
 * stringify), optionally space-padded to 8 bytes as the Rust writer pads it, then the data.
 */
export function safetensorsFile(header: string | object, data: Uint8Array | number = 0, pad = true): Uint8Array {
  let text = typeof header === 'string' ? header : JSON.stringify(header);
  const length = utf8(text).length;
  if (pad) text += ' '.repeat((8 - (length % 8)) % 8);
  const encoded = utf8(text);
  const size = new Uint8Array(8);
  new DataView(size.buffer).setBigUint64(0, BigInt(encoded.length), true);
  return bytes(size, encoded, typeof data === 'number' ? new Uint8Array(data) : data);
}

/** Little-endian bytes of float32 values. */
export function f32(...values: number[]): Uint8Array {
  return new Uint8Array(Float32Array.from(values).buffer);
}

/**
 * Asserts that `run` throws a FormatError whose message contains `fragment` (case-insensitive) and
 * whose offset is `offset`, and returns the error for further checks.
 */
export function expectFormatError(run: () => unknown, fragment: string | RegExp, offset?: number): FormatError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a FormatError').toBeInstanceOf(FormatError);
  const error = caught as FormatError;
  const pattern = typeof fragment === 'string' ? new RegExp(fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') : fragment;
  expect(error.message).toMatch(pattern);
  if (offset !== undefined) expect(error.offset, error.message).toBe(offset);
  return error;
}
