/**
 * A restricted unpickler for what torch.save writes: it interprets the pickle opcodes that build
 * plain data (dicts, lists, tuples, strings, numbers) and resolves globals only from an allow-list
 * of torch's tensor-rebuilding functions, storage types and collections.OrderedDict — the same
 * idea as torch's own `weights_only` unpickler (torch/_weights_only_unpickler.py), but nothing is
 * ever imported or called: an allowed global becomes a marker, and REDUCE on a marker builds
 * Hinge's own description of a tensor. Any other global (os.system, builtins.eval,
 * subprocess.Popen …) is refused with UnsafePickleError naming it, at the opcode's byte offset.
 */
import { decodeLatin1, decodeUtf8, showText } from '../formats/text.js';
import { UnsafePickleError } from './errors.js';
import { FormatError } from '../formats/errors.js';

/** A Python value as far as a state dict needs: plain data, tensors and storages. */
export type PyValue = null | boolean | number | bigint | string | PyBytes | PyTuple | PyList | PyDict | PyGlobal | PyStorage | PyTensor;

/** Python bytes (BINBYTES), copied out of the pickle. */
export class PyBytes { constructor(readonly bytes: Uint8Array) {} }
/** A Python tuple: a tensor's size and stride, a persistent id, function arguments. */
export class PyTuple { constructor(readonly items: PyValue[]) {} }
/** A Python list (APPEND/APPENDS target). */
export class PyList { constructor(readonly items: PyValue[]) {} }
/** A dict or OrderedDict; keys are Python str, int, bool or None. */
export class PyDict { readonly entries = new Map<string | number | bigint | boolean | null, PyValue>(); }
/** An allowed global, named; never resolved to anything executable. */
export class PyGlobal { constructor(readonly module: string, readonly name: string) {} }

/** A storage as torch.save's persistent_id describes it: ('storage', type, key, location, numel). */
export class PyStorage {
  constructor(readonly dtype: string, readonly key: string, readonly numel: number, readonly at: number) {}
}

/** A tensor: a strided view of `storage` from element `offset`. */
export class PyTensor {
  constructor(
    readonly storage: PyStorage,
    readonly offset: number,
    readonly shape: number[],
    readonly stride: number[],
    readonly at: number,
  ) {}
}

/** torch storage classes → the dtype of their elements ('' when Hinge cannot read it). */
export const STORAGE_DTYPES: Readonly<Record<string, string>> = {
  DoubleStorage: 'F64', FloatStorage: 'F32', HalfStorage: 'F16', BFloat16Storage: 'BF16', LongStorage: 'I64',
  IntStorage: 'I32', ShortStorage: 'I16', CharStorage: 'I8', ByteStorage: 'U8', BoolStorage: 'BOOL', UntypedStorage: 'U8',
  ComplexFloatStorage: 'C64', ComplexDoubleStorage: 'C128', QInt8Storage: 'QINT8', QUInt8Storage: 'QUINT8', QInt32Storage: 'QINT32',
  Float8_e4m3fnStorage: 'F8_E4M3', Float8_e5m2Storage: 'F8_E5M2', UInt16Storage: 'U16', UInt32Storage: 'U32', UInt64Storage: 'U64',
};

/** The functions REDUCE may apply, and the globals allowed as plain values. */
const CALLABLE = new Set([
  'collections.OrderedDict', 'torch._utils._rebuild_tensor', 'torch._utils._rebuild_tensor_v2', 'torch._utils._rebuild_parameter',
  'torch._utils._rebuild_parameter_with_state', 'torch._tensor._rebuild_from_type_v2',
]);
const VALUES = new Set(['torch.nn.parameter.Parameter', 'torch.Tensor', 'torch._tensor.Tensor']);

function isAllowed(module: string, name: string): boolean {
  const full = `${module}.${name}`;
  if (CALLABLE.has(full) || VALUES.has(full)) return true;
  return (module === 'torch' || module === 'torch.storage') && Object.hasOwn(STORAGE_DTYPES, name);
}

const MAX_DEPTH = 1000;
const MAX_MEMO = 10_000_000;

class Mark { }
const MARK = new Mark();
type Slot = PyValue | Mark;

/**
 * Interprets `bytes` (a pickle of protocol 2 to 5) and returns the object it builds. Throws
 * UnsafePickleError for a global outside the allow-list or an opcode that builds arbitrary
 * objects (INST, OBJ, NEWOBJ, EXT*, buffers), FormatError for a malformed pickle.
 */
export function unpickle(bytes: Uint8Array): PyValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let stack: Slot[] = [];
  const marks: Slot[][] = [];
  const memo = new Map<number, PyValue>();
  let i = 0;
  let opAt = 0;

  const fail = (message: string): never => {
    throw new FormatError(`The pickle is malformed: ${message} (byte ${opAt}).`, 'pytorch', opAt);
  };
  const need = (n: number): number => {
    if (i + n > bytes.length) fail('it ends inside an opcode');
    const at = i;
    i += n;
    return at;
  };
  const pop = (): PyValue => {
    if (stack.length === 0) fail('an opcode needs a value but the stack is empty');
    const v = stack.pop()!;
    if (v instanceof Mark) fail('a mark is used as a value');
    return v as PyValue;
  };
  const top = (): PyValue => {
    const v = stack[stack.length - 1];
    if (v === undefined || v instanceof Mark) fail('an opcode needs a value but the stack is empty');
    return v as PyValue;
  };
  const popMark = (): PyValue[] => {
    const items = stack;
    if (marks.length === 0) fail('no mark to pop to');
    stack = marks.pop()!;
    return items as PyValue[];
  };
  const push = (v: PyValue): void => {
    stack.push(v);
  };
  const line = (): string => {
    const end = bytes.indexOf(0x0a, i);
    if (end < 0) fail('a GLOBAL name is not ended by a newline');
    const text = decodeLatin1(bytes, i, end);
    i = end + 1;
    return text;
  };
  const text = (length: number): string => {
    if (length > bytes.length - i) fail('a string runs past the end');
    const at = need(length);
    return decodeUtf8(bytes, at, at + length, 'pytorch', 'pickle string').text;
  };
  const global = (module: string, name: string): PyGlobal => {
    if (!isAllowed(module, name)) {
      throw new UnsafePickleError(
        `The checkpoint's pickle asks for '${showText(module)}.${showText(name)}' (byte ${opAt}), which is not one of the tensor and state-dict ` +
          "pieces Hinge's unpickler accepts; Hinge refuses it and runs nothing. If you trust the file, load it in Python with " +
          'torch.load(path, weights_only=True) and save its state_dict (or save_file from safetensors).',
        opAt,
        `${module}.${name}`,
      );
    }
    return new PyGlobal(module, name);
  };
  const setItem = (dict: PyValue, key: PyValue, value: PyValue): void => {
    if (!(dict instanceof PyDict)) fail('SETITEM on something other than a dict');
    if (!(key === null || typeof key === 'string' || typeof key === 'number' || typeof key === 'bigint' || typeof key === 'boolean')) {
      fail('a dict key is not a string or a number');
    }
    (dict as PyDict).entries.set(key as string, value);
  };
  const append = (list: PyValue, items: PyValue[]): void => {
    if (!(list instanceof PyList)) fail('APPEND on something other than a list');
    for (const item of items) (list as PyList).items.push(item);
  };
  const remember = (index: number): void => {
    if (index > MAX_MEMO) fail('a memo index is too large');
    memo.set(index, top());
  };
  const recall = (index: number): void => {
    if (!memo.has(index)) fail(`memo entry ${index} is read before it is written`);
    push(memo.get(index)!);
  };
  const small = (n: bigint): number | bigint => (n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n);
  const long = (at: number, n: number): number | bigint => {
    if (n > 64) fail('an integer is longer than 64 bytes');
    let value = 0n;
    for (let k = n - 1; k >= 0; k--) value = (value << 8n) | BigInt(bytes[at + k]);
    if (n > 0 && bytes[at + n - 1] & 0x80) value -= 1n << BigInt(8 * n);
    return small(value);
  };
  const refuse = (what: string): never => {
    throw new UnsafePickleError(`The checkpoint's pickle uses ${what} (byte ${opAt}), which can build arbitrary objects; Hinge refuses it and runs nothing.`, opAt);
  };

  for (;;) {
    opAt = i;
    if (i >= bytes.length) fail('it ends without a STOP opcode');
    if (stack.length > 10_000_000 || marks.length > MAX_DEPTH) fail('it nests too deeply');
    const op = bytes[i++];
    switch (op) {
      case 0x80: need(1); break; // PROTO
      case 0x95: need(8); break; // FRAME
      case 0x2e: { // STOP
        const result = pop();
        return result;
      }
      case 0x28: marks.push(stack); stack = []; break; // MARK
      case 0x29: push(new PyTuple([])); break; // EMPTY_TUPLE
      case 0x5d: push(new PyList([])); break; // EMPTY_LIST
      case 0x7d: push(new PyDict()); break; // EMPTY_DICT
      case 0x74: push(new PyTuple(popMark())); break; // TUPLE
      case 0x85: push(new PyTuple([pop()])); break; // TUPLE1
      case 0x86: { const b = pop(); const a = pop(); push(new PyTuple([a, b])); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); const a = pop(); push(new PyTuple([a, b, c])); break; } // TUPLE3
      case 0x6c: push(new PyList(popMark())); break; // LIST
      case 0x64: { // DICT
        const items = popMark();
        const dict = new PyDict();
        if (items.length % 2) fail('DICT has an odd number of items');
        for (let k = 0; k < items.length; k += 2) setItem(dict, items[k], items[k + 1]);
        push(dict);
        break;
      }
      case 0x61: { const v = pop(); append(top(), [v]); break; } // APPEND
      case 0x65: { const items = popMark(); append(top(), items); break; } // APPENDS
      case 0x73: { const v = pop(); const k = pop(); setItem(top(), k, v); break; } // SETITEM
      case 0x75: { // SETITEMS
        const items = popMark();
        if (items.length % 2) fail('SETITEMS has an odd number of items');
        const dict = top();
        for (let k = 0; k < items.length; k += 2) setItem(dict, items[k], items[k + 1]);
        break;
      }
      case 0x4e: push(null); break; // NONE
      case 0x88: push(true); break; // NEWTRUE
      case 0x89: push(false); break; // NEWFALSE
      case 0x4a: push(view.getInt32(need(4), true)); break; // BININT
      case 0x4b: push(bytes[need(1)]); break; // BININT1
      case 0x4d: push(view.getUint16(need(2), true)); break; // BININT2
      case 0x8a: { const n = bytes[need(1)]; push(long(need(n), n)); break; } // LONG1
      case 0x8b: { const n = view.getInt32(need(4), true); if (n < 0 || n > 64) fail('LONG4 is too long'); push(long(need(n), n)); break; } // LONG4
      case 0x47: push(view.getFloat64(need(8), false)); break; // BINFLOAT
      case 0x58: push(text(view.getUint32(need(4), true))); break; // BINUNICODE
      case 0x8c: push(text(bytes[need(1)])); break; // SHORT_BINUNICODE
      case 0x8d: { const n = view.getUint32(need(8), true) + view.getUint32(i - 4, true) * 2 ** 32; push(text(n)); break; } // BINUNICODE8
      case 0x54: { const n = view.getInt32(need(4), true); if (n < 0 || n > bytes.length - i) fail('a string runs past the end'); const at = need(n); push(decodeLatin1(bytes, at, at + n)); break; } // BINSTRING
      case 0x55: { const n = bytes[need(1)]; const at = need(n); push(decodeLatin1(bytes, at, at + n)); break; } // SHORT_BINSTRING
      case 0x42: { const n = view.getUint32(need(4), true); if (n > bytes.length - i) fail('bytes run past the end'); const at = need(n); push(new PyBytes(bytes.slice(at, at + n))); break; } // BINBYTES
      case 0x43: { const n = bytes[need(1)]; const at = need(n); push(new PyBytes(bytes.slice(at, at + n))); break; } // SHORT_BINBYTES
      case 0x71: remember(bytes[need(1)]); break; // BINPUT
      case 0x72: remember(view.getUint32(need(4), true)); break; // LONG_BINPUT
      case 0x94: remember(memo.size); break; // MEMOIZE
      case 0x68: recall(bytes[need(1)]); break; // BINGET
      case 0x6a: recall(view.getUint32(need(4), true)); break; // LONG_BINGET
      case 0x63: { const module = line(); const name = line(); push(global(module, name)); break; } // GLOBAL
      case 0x93: { // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') fail('STACK_GLOBAL needs two strings');
        push(global(module as string, name as string));
        break;
      }
      case 0x52: { const args = pop(); const fn = pop(); push(reduce(fn, args, opAt)); break; } // REDUCE
      case 0x51: push(persistent(pop(), opAt)); break; // BINPERSID
      case 0x62: { const state = pop(); build(top(), state); break; } // BUILD
      case 0x30: pop(); break; // POP
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: push(top()); break; // DUP
      case 0x69: refuse('INST'); break;
      case 0x6f: refuse('OBJ'); break;
      case 0x81: refuse('NEWOBJ'); break;
      case 0x92: refuse('NEWOBJ_EX'); break;
      case 0x82: case 0x83: case 0x84: refuse('an extension-registry opcode (EXT)'); break;
      case 0x96: case 0x97: case 0x98: refuse('an out-of-band buffer opcode'); break;
      default: fail(`opcode 0x${op.toString(16).padStart(2, '0')} is not one torch.save writes`);
    }
  }

  function build(target: PyValue, state: PyValue): void {
    // OrderedDict's __dict__ (a state dict's _metadata) and a parameter's state: kept out, harmless.
    if (!(target instanceof PyDict || target instanceof PyTensor)) fail('BUILD on an object Hinge does not build');
    if (!(state instanceof PyDict || state instanceof PyTuple || state === null)) fail('BUILD with a state that is not a dict');
  }

  function persistent(pid: PyValue, at: number): PyStorage {
    if (!(pid instanceof PyTuple) || pid.items.length !== 5 || pid.items[0] !== 'storage') fail("a persistent id is not ('storage', type, key, location, size)");
    const [, type, key, , numel] = (pid as PyTuple).items;
    if (!(type instanceof PyGlobal) || !Object.hasOwn(STORAGE_DTYPES, type.name)) fail('a persistent id names no storage type');
    if (typeof key !== 'string' || typeof numel !== 'number' || !Number.isSafeInteger(numel) || numel < 0) fail('a persistent id has a bad key or size');
    return new PyStorage(STORAGE_DTYPES[(type as PyGlobal).name], key as string, numel as number, at);
  }

  function reduce(fn: PyValue, args: PyValue, at: number): PyValue {
    if (!(fn instanceof PyGlobal)) {
      throw new UnsafePickleError(`The checkpoint's pickle calls a value it built itself (byte ${at}); Hinge calls nothing but torch's tensor rebuilders.`, at);
    }
    const full = `${fn.module}.${fn.name}`;
    if (!CALLABLE.has(full)) throw new UnsafePickleError(`The checkpoint's pickle calls '${showText(full)}' (byte ${at}), which Hinge does not call.`, at, full);
    if (!(args instanceof PyTuple)) fail(`${full} is called without an argument tuple`);
    const a = (args as PyTuple).items;
    switch (full) {
      case 'collections.OrderedDict': {
        if (a.length !== 0) fail('OrderedDict is called with arguments');
        return new PyDict();
      }
      case 'torch._utils._rebuild_tensor':
      case 'torch._utils._rebuild_tensor_v2': {
        const [storage, offset, size, stride] = a;
        if (!(storage instanceof PyStorage)) fail('a tensor is rebuilt from something other than a storage');
        return new PyTensor(storage as PyStorage, count(offset, 'storage offset'), ints(size, 'size'), ints(stride, 'stride'), at);
      }
      case 'torch._utils._rebuild_parameter':
      case 'torch._utils._rebuild_parameter_with_state': {
        if (!(a[0] instanceof PyTensor)) fail('a parameter is rebuilt from something other than a tensor');
        return a[0];
      }
      default: { // torch._tensor._rebuild_from_type_v2(func, type, args, state)
        const [inner, , innerArgs] = a;
        // One level only: the rebuilder it wraps must be a plain tensor rebuilder, never itself.
        if (!(inner instanceof PyGlobal) || !inner.name.startsWith('_rebuild_tensor')) fail('_rebuild_from_type_v2 wraps something other than a tensor rebuilder');
        return reduce(inner, innerArgs, at);
      }
    }
  }

  function count(v: PyValue, what: string): number {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) fail(`a tensor's ${what} is not a whole number ≥ 0`);
    return v as number;
  }

  function ints(v: PyValue, what: string): number[] {
    if (!(v instanceof PyTuple) || v.items.length > 64) fail(`a tensor's ${what} is not a tuple of at most 64 numbers`);
    return (v as PyTuple).items.map((x) => count(x, what));
  }
}
