/**
 * PyTorch checkpoints as torch.save has written them since 1.6: a zip holding `<archive>/data.pkl`
 * (the object, pickled) and one member `<archive>/data/<key>` per storage, stored uncompressed.
 * The pickle is read by the restricted unpickler (pickle.ts); each tensor is a strided view of
 * its storage from an element offset, and reading it reads only the bytes that view spans.
 */
import { FormatError } from '../formats/errors.js';
import { decodeLatin1, showText } from '../formats/text.js';
import type { ReaderResult, TensorEntry } from './assemble.js';
import { UnsupportedCheckpointError } from './errors.js';
import { PyDict, PyList, PyTensor, PyTuple, unpickle, type PyValue } from './pickle.js';
import { memorySource, readRange } from './source.js';
import type { ByteSource, SkippedCheckpointTensor, TensorValues, ValuesInto } from './types.js';
import { DTYPE_SIZE, MAX_TENSOR_BYTES, allocateFor, isElementDtype, readContiguous, readElements, type ElementDtype } from './values.js';
import { isZip, memberDataStart, readMember, readZipDirectory, type ZipMember } from './zip.js';

const MAX_PICKLE_BYTES = 256 * 2 ** 20;
const MAX_NESTING = 32;

/**
 * Lists the tensors of a PyTorch zip checkpoint (pytorch_model.bin, .pt, .pth): its zip
 * directory, then data.pkl through the restricted unpickler. A state dict's keys are the tensor
 * names; a nested dict or list (a training checkpoint's {'model': …, 'epoch': …}) names its tensors
 * by their key path joined with '.'; a lone tensor is named 'tensor'. Refuses the legacy
 * (pre-1.6) format with how to re-save it. Throws FormatError or one of its subclasses.
 */
export async function readTorch(source: ByteSource): Promise<ReaderResult> {
  const first = await readRange(source, 0, Math.min(source.size, 4), 'pytorch');
  if (!isZip(first)) {
    throw new UnsupportedCheckpointError(
      `'${showText(source.name)}' is not a zip archive, so it is either not a PyTorch checkpoint or one in the legacy format ` +
        '(PyTorch before 1.6, or saved with _use_new_zipfile_serialization=False), which is read by unpickling it whole. ' +
        'Re-save it in a current PyTorch: torch.save(torch.load(path, weights_only=True), "model.pt").',
      'pytorch',
      0,
    );
  }
  const members = await readZipDirectory(source, 'pytorch');
  const pickles = members.filter((m) => m.name === 'data.pkl' || m.name.endsWith('/data.pkl'));
  if (pickles.length !== 1) {
    throw new FormatError(
      pickles.length === 0 ? `'${showText(source.name)}' is a zip archive but holds no data.pkl: it is not a torch.save file.` : `'${showText(source.name)}' holds ${pickles.length} data.pkl members; torch.save writes one.`,
      'pytorch',
    );
  }
  const prefix = pickles[0].name.slice(0, -'data.pkl'.length);
  const byName = new Map(members.map((m) => [m.name, m]));
  const order = byName.get(prefix + 'byteorder');
  if (order !== undefined) {
    const text = decodeLatin1(await readMember(source, order, 'pytorch', 16), 0, order.size);
    if (text !== 'little') throw new FormatError(`The checkpoint was saved with ${showText(text)}-endian storages; Hinge reads little-endian ones.`, 'pytorch');
  }
  const root = unpickle(await readMember(source, pickles[0], 'pytorch', MAX_PICKLE_BYTES));
  const entries: TensorEntry[] = [];
  const skipped: SkippedCheckpointTensor[] = [];
  const starts = new Map<ZipMember, Promise<ByteSource & { base: number }>>();
  for (const [name, tensor] of tensorsOf(root)) {
    const { storage, shape } = tensor;
    const member = byName.get(`${prefix}data/${storage.key}`);
    if (member === undefined) throw new FormatError(`The tensor '${showText(name)}' uses storage '${showText(storage.key)}', which the archive lacks.`, 'pytorch', tensor.at);
    const dtype = storage.dtype;
    if (!isElementDtype(dtype)) {
      skipped.push({ name, dtype, shape, reason: `torch stores it as ${dtype}, which is not a real number type Hinge reads.` });
      continue;
    }
    checkView(name, tensor, member, dtype);
    const open = (): Promise<ByteSource & { base: number }> => {
      let opened = starts.get(member);
      if (opened === undefined) starts.set(member, (opened = openStorage(source, member)));
      return opened;
    };
    entries.push({ tensor: { name, dtype, shape }, load: async (into) => readView(await open(), dtype, tensor, name, into) });
  }
  return { entries, skipped, metadata: {} };
}

/** Walks the unpickled object for tensors, naming each by its key path. */
function* tensorsOf(value: PyValue, path = '', depth = 0): Generator<[string, PyTensor]> {
  if (depth > MAX_NESTING) throw new FormatError(`The checkpoint nests containers more than ${MAX_NESTING} deep at '${showText(path)}'.`, 'pytorch');
  const join = (key: unknown): string => (path === '' ? String(key) : `${path}.${String(key)}`);
  if (value instanceof PyTensor) yield [path === '' ? 'tensor' : path, value];
  else if (value instanceof PyDict) for (const [key, item] of value.entries) yield* tensorsOf(item, join(key), depth + 1);
  else if (value instanceof PyList || value instanceof PyTuple) {
    for (let k = 0; k < value.items.length; k++) yield* tensorsOf(value.items[k], join(k), depth + 1);
  }
}

/** The view must lie inside its storage, and the storage member must hold exactly its elements. */
function checkView(name: string, tensor: PyTensor, member: ZipMember, dtype: ElementDtype): void {
  const { storage, offset, shape, stride } = tensor;
  const fail = (message: string): never => {
    throw new FormatError(`The tensor '${showText(name)}' ${message}.`, 'pytorch', tensor.at);
  };
  if (shape.length !== stride.length) fail(`has ${shape.length} sizes but ${stride.length} strides`);
  if (member.size !== storage.numel * DTYPE_SIZE[dtype]) {
    fail(`uses storage '${showText(storage.key)}' of ${storage.numel} ${dtype} elements, but the archive's member holds ${member.size} bytes`);
  }
  if (shape.some((d) => d === 0)) return;
  const last = offset + shape.reduce((sum, d, k) => sum + (d - 1) * stride[k], 0);
  if (!Number.isSafeInteger(last) || last >= storage.numel) fail(`reaches element ${last} of a storage of ${storage.numel}`);
}

async function openStorage(source: ByteSource, member: ZipMember): Promise<ByteSource & { base: number }> {
  if (member.method === 0) {
    const base = await memberDataStart(source, member, 'pytorch');
    const readInto = source.readInto?.bind(source);
    return { name: source.name, size: source.size, read: (offset, length) => source.read(offset, length), ...(readInto === undefined ? {} : { readInto }), base };
  }
  // torch writes storages stored; a deflated one (a re-zipped archive) is inflated once, capped.
  const bytes = await readMember(source, member, 'pytorch', MAX_TENSOR_BYTES);
  return { ...memorySource(member.name, bytes), base: 0 };
}

/**
 * A tensor as a view of its storage: a contiguous one read straight into the output; a strided one
 * (a transpose, a slice of a shared storage) read over the span it covers (kept as stored, float32
 * where exact) and gathered into the output — peak memory the span plus the output.
 */
async function readView(storage: ByteSource & { base: number }, dtype: ElementDtype, tensor: PyTensor, name: string, into: ValuesInto): Promise<TensorValues> {
  const { offset, shape, stride } = tensor;
  const size = DTYPE_SIZE[dtype];
  const start = storage.base + offset * size;
  if (isContiguous(shape, stride)) return readContiguous(storage, start, dtype, shape, name, 'pytorch', into);
  const span = 1 + shape.reduce((sum, d, k) => sum + (d - 1) * stride[k], 0);
  const spanValues = allocateFor(dtype, span, name, 'pytorch');
  await readElements(storage, start, dtype, span, spanValues, { name, shape: [span], format: 'pytorch', finite: false });
  const count = shape.reduce((a, b) => a * b, 1);
  const out = allocateFor(dtype, count, name, 'pytorch', into);
  const index = new Array<number>(shape.length).fill(0);
  let source = 0;
  for (let i = 0; i < count; i++) {
    const v = spanValues[source];
    if (v - v !== 0 && (dtype === 'F64' || dtype === 'F32' || dtype === 'F16' || dtype === 'BF16')) {
      throw new FormatError(`In tensor '${showText(name)}', element [${index.join(', ')}] is ${v}; Hinge only takes finite numbers.`, 'pytorch', start + source * size);
    }
    out[i] = v;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      index[axis]++;
      source += stride[axis];
      if (index[axis] < shape[axis]) break;
      source -= stride[axis] * shape[axis];
      index[axis] = 0;
    }
  }
  return { shape: [...shape], data: out };
}

function isContiguous(shape: readonly number[], stride: readonly number[]): boolean {
  let expected = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    if (shape[axis] !== 1 && stride[axis] !== expected) return false;
    expected *= shape[axis];
  }
  return true;
}
