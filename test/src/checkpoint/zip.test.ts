// The zip reader on archives built here byte by byte: zip64 (what torch.save writes past 4 GB,
// with saturated 32-bit fields and the sizes in the zip64 extra field and end records), a
// comment after the end record, and the refusals of broken directories.
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../src/formats/png-text.js';
import { memorySource } from '../../../src/checkpoint/source.js';
import { readMember, readZipDirectory } from '../../../src/checkpoint/zip.js';
import { rejectsWith } from './helpers.js';

interface Member { name: string; data: Uint8Array; deflate?: boolean }

/** APPNOTE 4.3 layout; with `zip64`, every size and offset of the directory goes to the zip64 extra field and end records. */
function buildZip(members: Member[], { zip64 = false, comment = '' } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  let offset = 0;
  const push = (b: Uint8Array): void => {
    parts.push(b);
    offset += b.length;
  };
  const le = (bytes: number, value: number | bigint): Uint8Array => {
    const out = new Uint8Array(bytes);
    const view = new DataView(out.buffer);
    if (bytes === 2) view.setUint16(0, Number(value), true);
    else if (bytes === 4) view.setUint32(0, Number(value), true);
    else view.setBigUint64(0, BigInt(value), true);
    return out;
  };
  const cat = (...xs: Uint8Array[]): Uint8Array => {
    const out = new Uint8Array(xs.reduce((n, x) => n + x.length, 0));
    let at = 0;
    for (const x of xs) (out.set(x, at), (at += x.length));
    return out;
  };
  const central: Uint8Array[] = [];
  for (const m of members) {
    const name = new TextEncoder().encode(m.name);
    const body = m.deflate ? deflateSync(m.data) : m.data;
    const crc = crc32(m.data) >>> 0;
    const method = m.deflate ? 8 : 0;
    const at = offset;
    push(cat(le(4, 0x04034b50), le(2, 45), le(2, 0x800), le(2, method), le(4, 0), le(4, crc), le(4, body.length), le(4, m.data.length), le(2, name.length), le(2, 0), name, body));
    const extra = zip64 ? cat(le(2, 1), le(2, 24), le(8, m.data.length), le(8, body.length), le(8, at)) : new Uint8Array(0);
    const sat = (v: number): number => (zip64 ? 0xffffffff : v);
    central.push(cat(le(4, 0x02014b50), le(2, 45), le(2, 45), le(2, 0x800), le(2, method), le(4, 0), le(4, crc), le(4, sat(body.length)), le(4, sat(m.data.length)),
      le(2, name.length), le(2, extra.length), le(2, 0), le(2, 0), le(2, 0), le(4, 0), le(4, sat(at)), name, extra));
  }
  const directoryAt = offset;
  const directory = cat(...central);
  push(directory);
  if (zip64) {
    const recordAt = offset;
    push(cat(le(4, 0x06064b50), le(8, 44), le(2, 45), le(2, 45), le(4, 0), le(4, 0), le(8, members.length), le(8, members.length), le(8, directory.length), le(8, directoryAt)));
    push(cat(le(4, 0x07064b50), le(4, 0), le(8, recordAt), le(4, 1)));
  }
  const text = new TextEncoder().encode(comment);
  push(cat(le(4, 0x06054b50), le(2, 0), le(2, 0), le(2, zip64 ? 0xffff : members.length), le(2, zip64 ? 0xffff : members.length),
    le(4, zip64 ? 0xffffffff : directory.length), le(4, zip64 ? 0xffffffff : directoryAt), le(2, text.length), text));
  return cat(...parts);
}

const members: Member[] = [
  { name: 'archive/data.pkl', data: Uint8Array.from({ length: 300 }, (_, i) => i % 251) },
  { name: 'archive/data/0', data: new Uint8Array(64).fill(7), deflate: true },
];

describe('readZipDirectory and readMember', () => {
  it.each([
    ['plain', {}],
    ['zip64', { zip64: true }],
    ['with a 3000-character comment', { comment: 'x'.repeat(3000) }],
  ])('%s: lists the members and reads them back', async (_, options) => {
    const source = memorySource('a.zip', buildZip(members, options));
    const listed = await readZipDirectory(source, 'zip');
    expect(listed.map((m) => [m.name, m.size, m.method])).toEqual([['archive/data.pkl', 300, 0], ['archive/data/0', 64, 8]]);
    for (let k = 0; k < members.length; k++) expect(await readMember(source, listed[k], 'zip', 1024)).toEqual(members[k].data);
  });

  it('refuses a truncated archive, a damaged member and one beyond the cap', async () => {
    const bytes = buildZip(members);
    await rejectsWith(readZipDirectory(memorySource('a.zip', bytes.subarray(0, bytes.length - 5)), 'zip'), /end-of-central-directory record is missing/);
    const damaged = bytes.slice();
    damaged[30 + 16 + 10] ^= 1; // inside data.pkl's stored bytes, after its 30-byte header and 16-byte name
    const source = memorySource('a.zip', damaged);
    const [pkl, storage] = await readZipDirectory(source, 'zip');
    await rejectsWith(readMember(source, pkl, 'zip', 1024), /CRC-32/);
    await rejectsWith(readMember(source, storage, 'zip', 10), /at most 10/);
  });
});
