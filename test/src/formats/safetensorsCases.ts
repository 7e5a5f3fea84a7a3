// Malformed .safetensors files, each with the message fragment and byte offset of its refusal.
// 'safetensors-rust' cases are ports of the Rust crate's tests (safetensors/src/tensor.rs, mod
// tests), byte for byte where the test spells its bytes out; 'safetensors-readme' cases are the
// README's rules (header size, UTF-8 JSON beginning with '{', no duplicate keys, __metadata__ of
// strings, data_offsets that tile the buffer) that the crate's tests leave out.
import { bytes, safetensorsFile, utf8 } from './helpers.js';
import type { MalformedCase } from './npyCases.js';

/** Byte offset in the file of `piece` in a header written by safetensorsFile (searched from `from`). */
export function headerOffset(header: string, piece: string, from = 8): number {
  const index = header.indexOf(piece, from - 8);
  if (index < 0) throw new Error(`'${piece}' is not in the header`);
  return 8 + utf8(header.slice(0, index)).length;
}

const zeros = (n: number): number[] => new Array<number>(n).fill(0);
const le64 = (value: bigint): Uint8Array => {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value, true);
  return out;
};

// The Rust tests' header, 60 bytes ('<'), with I32 data [2, 2] at [0, 16].
const rustHeader = '{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}';
const invalidInfo = '{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0, 4]}}';
const overflowA = '{"test":{"dtype":"I32","shape":[2,18446744073709551614],"data_offsets":[0,16]}}';
const overflowB = '{"test":{"dtype":"I32","shape":[2,9223372036854775807],"data_offsets":[0,16]}}';
const jsonAttack = `{${Array.from({ length: 10 }, (_, k) => `"weight_${k}":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}`).join(',')}}`;
const fp4Misaligned = '{"attn.0":{"dtype":"F4","shape":[1,3],"data_offsets":[0,2]}}';

const gap = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}';
const late = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}';
const overlap = '{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},"b":{"dtype":"F64","shape":[1],"data_offsets":[4,12]}}';
const backwards = '{"a":{"dtype":"F32","shape":[0],"data_offsets":[4,0]}}';
const mismatch = '{"h":{"dtype":"F16","shape":[3],"data_offsets":[0,4]}}';
const dupName = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}';
const dupField = '{"a":{"dtype":"F32","dtype":"F16","shape":[1],"data_offsets":[0,4]}}';
const dupMeta = '{"__metadata__":{"k":"1","k":"2"}}';
const metaNumber = '{"__metadata__":{"epoch":3}}';
const metaNested = '{"__metadata__":{"config":{"lr":"0.1"}}}';
const metaArray = '{"__metadata__":["a"]}';
const extraKey = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"strides":[1]}}';
const missingKey = '{"a":{"dtype":"F32","shape":[1]}}';
const unknownDtype = '{"a":{"dtype":"Q4","shape":[1],"data_offsets":[0,4]}}';
const negativeDim = '{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}';
const fractionDim = '{"a":{"dtype":"F32","shape":[1.0],"data_offsets":[0,4]}}';
const exponentDim = '{"a":{"dtype":"F32","shape":[1e0],"data_offsets":[0,4]}}';
const threeOffsets = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}';
const notObject = '{"a":5}';
const trailingComma = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},}';
const comment = '{/* tensors */}';
const singleQuotes = "{'a':1}";
const nanLiteral = '{"__metadata__":{"x":NaN}}';
const loneSurrogate = '{"\\ud800":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}';
const controlChar = '{"a\tb":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}';
const deep = `{"__metadata__":${'['.repeat(200)}${']'.repeat(200)}}`;

export const SAFETENSORS_CASES: readonly MalformedCase[] = [
  // The Rust crate's tests
  { name: 'test_header_too_small: empty file', source: 'safetensors-rust', bytes: new Uint8Array(0), message: 'too short for the 8-byte header size', offset: 0 },
  { name: 'test_invalid_header_length: size 60, no header', source: 'safetensors-rust', bytes: bytes('<', zeros(7)), message: 'longer than the 0 bytes left', offset: 0 },
  { name: 'test_invalid_header_non_utf8', source: 'safetensors-rust', bytes: bytes([1], zeros(7), [0xff]), message: 'not valid UTF-8', offset: 8 },
  { name: 'test_invalid_header_not_json: "{"', source: 'safetensors-rust', bytes: bytes([1], zeros(7), '{'), message: 'not valid JSON', offset: 9 },
  { name: 'test_header_too_large', source: 'safetensors-rust', bytes: bytes('<', [0, 0, 0, 0, 0xff, 0xff, 0xff], rustHeader, zeros(16)), message: 'too large', offset: 0 },
  {
    name: 'test_metadata_incomplete_buffer: trailing bytes (polyglot file)', source: 'safetensors-rust',
    bytes: bytes('<', zeros(7), rustHeader, zeros(16), 'extra_bogus_data_for_polyglot_file'), message: '34 bytes after the last tensor', offset: 84,
  },
  { name: 'test_metadata_incomplete_buffer: 2 bytes missing', source: 'safetensors-rust', bytes: bytes('<', zeros(7), rustHeader, zeros(14)), message: 'ends 2 bytes early', offset: 82 },
  { name: 'test_invalid_info: offsets do not match shape × dtype', source: 'safetensors-rust', bytes: bytes('<', zeros(7), invalidInfo), message: 'needs 16 bytes, but its data_offsets [0, 4] span 4', offset: headerOffset(invalidInfo, '[0, 4]') },
  { name: 'test_validation_overflow: shape product', source: 'safetensors-rust', bytes: bytes('O', zeros(7), overflowA, zeros(16)), message: 'overflow', offset: headerOffset(overflowA, '18446744073709551614') },
  { name: 'test_validation_overflow: product × dtype size', source: 'safetensors-rust', bytes: bytes('N', zeros(7), overflowB, zeros(16)), message: 'overflow', offset: headerOffset(overflowB, '9223372036854775807') },
  { name: 'test_json_attack: ten tensors on the same bytes', source: 'safetensors-rust', bytes: safetensorsFile(jsonAttack, 16, false), message: "'weight_1' overlaps 'weight_0'", offset: headerOffset(jsonAttack, '[0,16]}', headerOffset(jsonAttack, '"weight_1"')) },
  { name: 'test_serialization_fp4_misaligned: 3 four-bit values', source: 'safetensors-rust', bytes: safetensorsFile(fp4Misaligned, 2), message: 'do not end on a byte boundary', offset: headerOffset(fp4Misaligned, '[0,2]') },
  { name: 'test_whitespace_start_padded_header_is_not_allowed', source: 'safetensors-rust', bytes: bytes([6], zeros(7), '\t\n{}\r '), message: "must begin with '{'", offset: 8 },

  // The README's rules
  { name: 'header size 2^63', source: 'safetensors-readme', bytes: bytes(le64(2n ** 63n), '{}'), message: 'header size is 9223372036854775808 bytes, too large', offset: 0 },
  { name: 'header size 2^53', source: 'safetensors-readme', bytes: bytes(le64(2n ** 53n), '{}'), message: 'too large', offset: 0 },
  { name: 'header size over the 100 MB limit', source: 'safetensors-readme', bytes: bytes(le64(100_000_001n), '{}'), message: 'at most 100000000', offset: 0 },
  { name: 'header one byte longer than the file', source: 'safetensors-readme', bytes: bytes(le64(3n), '{}'), message: 'longer than the 2 bytes left', offset: 0 },
  { name: 'duplicate tensor names', source: 'safetensors-readme', bytes: safetensorsFile(dupName, 8), message: "gives the key 'a' twice", offset: headerOffset(dupName, '"a":{"dtype":"F32","shape":[1],"data_offsets":[4') },
  { name: 'duplicate key in a tensor', source: 'safetensors-readme', bytes: safetensorsFile(dupField, 4), message: "key 'dtype' twice", offset: headerOffset(dupField, '"dtype":"F16"') },
  { name: 'duplicate key in __metadata__', source: 'safetensors-readme', bytes: safetensorsFile(dupMeta), message: "key 'k' twice", offset: headerOffset(dupMeta, '"k":"2"') },
  { name: 'non-contiguous offsets (a gap)', source: 'safetensors-readme', bytes: safetensorsFile(gap, 12), message: "begins at 8, but 'a' ends at 4: tensors must be contiguous", offset: headerOffset(gap, '[8,12]') },
  { name: 'first tensor not at 0', source: 'safetensors-readme', bytes: safetensorsFile(late, 8), message: 'the data buffer begins at 0', offset: headerOffset(late, '[4,8]') },
  { name: 'overlapping offsets', source: 'safetensors-readme', bytes: safetensorsFile(overlap, 12), message: "'b' overlaps 'a'", offset: headerOffset(overlap, '[4,12]') },
  { name: 'end before begin', source: 'safetensors-readme', bytes: safetensorsFile(backwards, 4), message: 'ends (0) before it begins (4)', offset: headerOffset(backwards, '[4,0]') },
  { name: 'offsets not matching shape × dtype (F16)', source: 'safetensors-readme', bytes: safetensorsFile(mismatch, 4), message: 'needs 6 bytes, but its data_offsets [0, 4] span 4', offset: headerOffset(mismatch, '[0,4]') },
  { name: 'trailing bytes after no tensors', source: 'safetensors-readme', bytes: safetensorsFile('{}', 1), message: '1 byte after the last tensor', offset: 16 },
  { name: '__metadata__ value a number', source: 'safetensors-readme', bytes: safetensorsFile(metaNumber), message: "'epoch' is a number; safetensors allows only strings", offset: headerOffset(metaNumber, '3') },
  { name: '__metadata__ value an object', source: 'safetensors-readme', bytes: safetensorsFile(metaNested), message: "'config' is an object", offset: headerOffset(metaNested, '{"lr"') },
  { name: '__metadata__ an array', source: 'safetensors-readme', bytes: safetensorsFile(metaArray), message: '__metadata__ must be an object of strings', offset: headerOffset(metaArray, '[') },
  { name: 'extra key in a tensor', source: 'safetensors-readme', bytes: safetensorsFile(extraKey, 4), message: "unknown key 'strides'", offset: headerOffset(extraKey, '"strides"') },
  { name: 'missing data_offsets', source: 'safetensors-readme', bytes: safetensorsFile(missingKey, 4), message: 'lacks data_offsets', offset: headerOffset(missingKey, '"a"') },
  { name: 'unknown dtype', source: 'safetensors-readme', bytes: safetensorsFile(unknownDtype, 4), message: "'a' has dtype 'Q4', which the safetensors format does not define", offset: headerOffset(unknownDtype, '"Q4"') },
  { name: 'negative dimension', source: 'safetensors-readme', bytes: safetensorsFile(negativeDim, 4), message: 'whole numbers ≥ 0', offset: headerOffset(negativeDim, '-1') },
  { name: 'fractional dimension', source: 'safetensors-readme', bytes: safetensorsFile(fractionDim, 4), message: 'whole numbers ≥ 0', offset: headerOffset(fractionDim, '1.0') },
  { name: 'dimension with an exponent', source: 'safetensors-readme', bytes: safetensorsFile(exponentDim, 4), message: 'whole numbers ≥ 0', offset: headerOffset(exponentDim, '1e0') },
  { name: 'three data_offsets', source: 'safetensors-readme', bytes: safetensorsFile(threeOffsets, 4), message: 'must be two numbers', offset: headerOffset(threeOffsets, '[0,4,8]') },
  { name: 'tensor described by a number', source: 'safetensors-readme', bytes: safetensorsFile(notObject), message: 'must be described by an object', offset: headerOffset(notObject, '5') },
  { name: 'header a JSON array', source: 'safetensors-readme', bytes: safetensorsFile('[]'), message: "must begin with '{'", offset: 8 },
  { name: 'trailing comma', source: 'safetensors-readme', bytes: safetensorsFile(trailingComma, 4), message: 'expected a key in double quotes', offset: 8 + trailingComma.length - 1 },
  { name: 'comment', source: 'safetensors-readme', bytes: safetensorsFile(comment), message: "found '/'", offset: 9 },
  { name: 'single quotes', source: 'safetensors-readme', bytes: safetensorsFile(singleQuotes), message: 'expected a key in double quotes', offset: 9 },
  { name: 'NaN literal', source: 'safetensors-readme', bytes: safetensorsFile(nanLiteral), message: 'expected a value', offset: headerOffset(nanLiteral, 'NaN') },
  { name: 'lone surrogate escape', source: 'safetensors-readme', bytes: safetensorsFile(loneSurrogate, 4), message: 'half of a surrogate pair', offset: headerOffset(loneSurrogate, '\\ud800') },
  { name: 'raw tab inside a string', source: 'safetensors-readme', bytes: safetensorsFile(controlChar, 4), message: 'control character', offset: headerOffset(controlChar, '\t') },
  { name: 'unclosed string', source: 'safetensors-readme', bytes: safetensorsFile('{"abc', 0, false), message: 'string is not closed', offset: 9 },
  {
    name: 'header JSON that only closes in the data after it', source: 'safetensors-readme',
    bytes: bytes(le64(5n), '{"a":', '1}', zeros(6)), message: "expected a value, the header ended", offset: 13,
  },
  { name: 'nested 200 deep', source: 'safetensors-readme', bytes: safetensorsFile(deep), message: 'nested more than 128 deep', offset: headerOffset(deep, '[') + 128 },
  { name: 'padding with NUL bytes, not spaces', source: 'safetensors-readme', bytes: bytes(le64(4n), '{}', [0, 0]), message: "only spaces after the header's closing '}', found '\\x00'", offset: 10 },
  { name: 'overlong UTF-8 in a name', source: 'safetensors-readme', bytes: bytes(le64(8n), '{"', [0xc0, 0x80], '":1}'), message: 'not valid UTF-8', offset: 10 },
  { name: 'UTF-8-encoded surrogate in a name', source: 'safetensors-readme', bytes: bytes(le64(9n), '{"', [0xed, 0xa0, 0x80], '":1}'), message: 'not valid UTF-8', offset: 10 },
];
