/**
 * safetensors read lazily: the 8-byte header size and the header are read and validated whole
 * (src/formats/safetensorsHeader.ts, the Rust crate's checks), against the file's size rather than
 * its bytes, so a 5 GB shard is listed from its first kilobytes and each tensor read by its range.
 */
import { MAX_SAFETENSORS_HEADER, readSafetensorsHeader } from '../formats/safetensorsHeader.js';
import type { ReaderResult, TensorEntry } from './assemble.js';
import { readRange } from './source.js';
import type { ByteSource, SkippedCheckpointTensor } from './types.js';
import { DTYPE_SIZE, allocateFor, isElementDtype, readContiguous, readElements } from './values.js';

/**
 * Lists the tensors of a safetensors file from its header alone (8 + N bytes read). F64, F32,
 * F16, BF16, I64, I32, I16, I8, U8 and BOOL are readable; 8-bit and smaller floats, unsigned
 * 16–64-bit integers and complex tensors are listed as skipped. Throws FormatError.
 */
export async function readSafetensors(source: ByteSource): Promise<ReaderResult> {
  const first = await readRange(source, 0, Math.min(8, source.size), 'safetensors');
  let headerBytes = first;
  if (first.length === 8) {
    const view = new DataView(first.buffer, first.byteOffset, 8);
    const length = view.getUint32(4, true) * 2 ** 32 + view.getUint32(0, true);
    // A header too long or past the end is refused by readSafetensorsHeader from the first 8 bytes.
    if (length <= MAX_SAFETENSORS_HEADER && 8 + length <= source.size) headerBytes = await readRange(source, 0, 8 + length, 'safetensors');
  }
  const header = readSafetensorsHeader(headerBytes, { fileLength: source.size });
  const entries: TensorEntry[] = [];
  const skipped: SkippedCheckpointTensor[] = [];
  for (const { name, dtype, shape, byteOffset } of header.tensors) {
    if (!isElementDtype(dtype)) {
      skipped.push({ name, dtype, shape, reason: skipReason(dtype) });
      continue;
    }
    entries.push({
      tensor: { name, dtype, shape },
      load: (into) => readContiguous(source, byteOffset, dtype, shape, name, 'safetensors', into),
      // C order: row r is the `width` elements from byteOffset + r·width·size.
      loadRows: async (rows) => {
        const width = shape.slice(1).reduce((a, b) => a * b, 1);
        const out = allocateFor(dtype, rows.length * width, name, 'safetensors');
        for (const [i, row] of rows.entries()) {
          const part = out.subarray(i * width, (i + 1) * width);
          await readElements(source, byteOffset + row * width * DTYPE_SIZE[dtype], dtype, width, part, { name, shape: shape.slice(1), format: 'safetensors', finite: true });
        }
        return { shape: [rows.length, ...shape.slice(1)], data: out };
      },
    });
  }
  return { entries, skipped, metadata: header.metadata ?? {} };
}

function skipReason(dtype: string): string {
  if (dtype.startsWith('F8') || dtype.startsWith('F6') || dtype === 'F4') return `${dtype} is a quantized float format Hinge does not decode.`;
  if (dtype.startsWith('C')) return 'complex values have no place in a real matrix.';
  return `${dtype} (unsigned integers above 8 bits) is not a weight dtype Hinge reads.`;
}

