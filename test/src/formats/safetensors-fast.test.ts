// The safetensors header's JSON.parse fast path (issue 13: 100 000 tensors in well under a second)
// gives exactly what the byte-exact reader gives — the same tensors and metadata, or the same
// refusal with the same message and offset — for valid headers and for mutated ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSafetensorsHeader } from '../../../src/formats/safetensorsHeader.js';
import { fastHeaderEntries } from '../../../src/formats/safetensorsFast.js';

function file(headerText: string, dataBytes: number): Uint8Array {
  const header = new TextEncoder().encode(headerText);
  const out = new Uint8Array(8 + header.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(header.length), true);
  out.set(header, 8);
  return out;
}

function outcome(bytes: Uint8Array, strict: boolean): unknown {
  try {
    return { ok: readSafetensorsHeader(bytes, { strict }) };
  } catch (error) {
    return { error: (error as Error).message, offset: (error as { offset?: number }).offset };
  }
}

const tensors = fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 12 }), dtype: fc.constantFrom('F32', 'F16', 'BF16', 'F64', 'I64', 'U8'), shape: fc.array(fc.nat(4), { maxLength: 3 }) }), { maxLength: 6 });
const BITS: Record<string, number> = { F32: 32, F16: 16, BF16: 16, F64: 64, I64: 64, U8: 8 };

describe('the safetensors header fast path', () => {
  it('agrees with the strict reader on valid and mutated headers', () => {
    fc.assert(
      fc.property(tensors, fc.option(fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }))), fc.nat(), fc.string({ maxLength: 4 }), fc.boolean(), (list, metadata, at, insert, mutate) => {
        const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
        let offset = 0;
        for (const t of list) {
          const size = (t.shape.reduce((a, b) => a * b, 1) * BITS[t.dtype]!) / 8;
          header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + size] };
          offset += size;
        }
        let text = JSON.stringify(header);
        if (mutate) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + insert.length);
        }
        const bytes = file(text, offset);
        expect(outcome(bytes, false)).toEqual(outcome(bytes, true));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves to the strict reader what it cannot vouch for', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const DT = { F32: 32 };
    expect(fastHeaderEntries(enc('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}'), 0, 56, DT)).toBeDefined();
    for (const text of [
      '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', // a repeated key
      '{"a":{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}}',
      '{"\\u0061":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', // an escape
      '{"σ":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', // non-ASCII
      '{"a":{"dtype":"F32","shape":[1.0],"data_offsets":[0,4]}}', // not digits only
      '{"a":{"dtype":"F32","shape":[9007199254740993],"data_offsets":[0,4]}}', // beyond 2^53
      ' {"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', // whitespace first
      '{"a":{"dtype":"F32","shape":[[1]],"data_offsets":[0,4]}}', // deeper
    ]) {
      const bytes = enc(text);
      expect(fastHeaderEntries(bytes, 0, bytes.length, DT), text).toBeUndefined();
    }
  });
});
