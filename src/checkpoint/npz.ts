/**
 * .npz archives (numpy.savez and savez_compressed): a zip whose members are .npy files. Listing
 * reads each member's .npy header only (inflating just its first bytes when compressed); reading
 * a stored member reads its data by range, a compressed one is inflated (capped at 1 GiB).
 */
import { fortranToC } from '../formats/elements.js';
import { FormatError } from '../formats/errors.js';
import { readNpyHeader } from '../formats/npy.js';
import { showText } from '../formats/text.js';
import type { ReaderResult, TensorEntry } from './assemble.js';
import { memorySource } from './source.js';
import type { ByteSource, SkippedCheckpointTensor, TensorValues, ValuesInto } from './types.js';
import { DTYPE_SIZE, MAX_TENSOR_BYTES, readContiguous, type ElementDtype } from './values.js';
import { memberDataStart, readMember, readZipDirectory, type ZipMember } from './zip.js';

/** numpy's little-endian (or byte-order-free) descr → the dtype Hinge reads it as. */
const DESCRS: Readonly<Record<string, ElementDtype>> = {
  '<f8': 'F64', '<f4': 'F32', '<f2': 'F16', '<i8': 'I64', '<i4': 'I32', '<i2': 'I16', '|i1': 'I8', '|u1': 'U8', '|b1': 'BOOL',
};
/** The magic string, version and the longest header-length field (u32 in versions 2 and 3). */
const PREAMBLE = 12;
/** readNpyHeader refuses headers longer than this (numpy's 10 000 characters, up to 4 bytes each). */
const MAX_HEADER_BYTES = 40_000;

/**
 * Lists the arrays of an .npz file: each member 'x.npy' is the tensor 'x'. Arrays of dtypes
 * Hinge does not read (strings, objects, complex, big-endian, unsigned 16–64-bit) are listed as
 * skipped. Throws FormatError.
 */
export async function readNpz(source: ByteSource): Promise<ReaderResult> {
  const members = await readZipDirectory(source, 'npz');
  const entries: TensorEntry[] = [];
  const skipped: SkippedCheckpointTensor[] = [];
  for (const member of members) {
    if (!member.name.endsWith('.npy')) continue;
    const name = member.name.slice(0, -4);
    const header = readNpyHeader(await readHeaderBytes(source, member), member.size);
    const descr = header.descr.kind === 'str' ? header.descr.value : '';
    const dtype = DESCRS[descr.replace(/^=/, '<')];
    const shape = header.shape;
    if (dtype === undefined) {
      skipped.push({ name, dtype: descr || 'structured', shape, reason: `numpy dtype '${showText(descr || 'structured')}' is not a real number type Hinge reads.` });
      continue;
    }
    const needed = header.dataStart + shape.reduce((a, b) => a * b, 1) * DTYPE_SIZE[dtype];
    if (needed !== member.size) {
      throw new FormatError(`The array '${showText(name)}' needs ${needed} bytes with its header, but its member holds ${member.size}.`, 'npz', member.entryAt);
    }
    entries.push({ tensor: { name, dtype, shape }, load: (into) => readArray(source, member, header.dataStart, dtype, shape, header.fortranOrder, name, into) });
  }
  return { entries, skipped, metadata: {} };
}

/** A member's .npy preamble and header, and not a byte of its data (inflating only that far). */
async function readHeaderBytes(source: ByteSource, member: ZipMember): Promise<Uint8Array> {
  const preamble = await readMember(source, member, 'npz', MAX_TENSOR_BYTES, Math.min(member.size, PREAMBLE));
  if (preamble.length < PREAMBLE) return preamble; // readNpyHeader names what is missing
  const view = new DataView(preamble.buffer, preamble.byteOffset, PREAMBLE);
  const length = preamble[6] === 1 ? 10 + view.getUint16(8, true) : PREAMBLE + view.getUint32(8, true);
  return readMember(source, member, 'npz', MAX_TENSOR_BYTES, Math.min(member.size, length, PREAMBLE + MAX_HEADER_BYTES));
}

/**
 * An array's values in C order. A Fortran-order array is read as stored (float32 where exact)
 * and reordered into a Float64Array, so its peak memory is both copies; a C-order one is read
 * straight into the output (`into`).
 */
async function readArray(
  source: ByteSource, member: ZipMember, dataStart: number, dtype: ElementDtype, shape: number[], fortranOrder: boolean, name: string, into: ValuesInto,
): Promise<TensorValues> {
  const reorder = fortranOrder && shape.length >= 2;
  const readAs = reorder ? 'auto' : into;
  let values: TensorValues;
  if (member.method === 0) {
    values = await readContiguous(source, (await memberDataStart(source, member, 'npz')) + dataStart, dtype, shape, name, 'npz', readAs);
  } else {
    const bytes = await readMember(source, member, 'npz', MAX_TENSOR_BYTES);
    values = await readContiguous(memorySource(member.name, bytes), dataStart, dtype, shape, name, 'npz', readAs);
  }
  return reorder ? { shape: values.shape, data: fortranToC(values.data, shape, 'npz') } : values;
}
