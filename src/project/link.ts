/**
 * Share links: a project (one lab's state, or the whole project) carried in a URL fragment,
 * `#/<view>?link=<format>.<schema>.<data>`, where `data` is base64url of a CRC-32 of the JSON
 * text followed by the raw-DEFLATE-compressed JSON text of a `.hinge` file. The fragment never
 * reaches a server. On load a link is checked like a file (parseProject: migrations, the zod
 * schemas, the path of the first bad field) after its own envelope: a link format or schema
 * version this build does not read, bad base64, a checksum that does not match, or text that
 * inflates past the cap are refused with a LinkError saying which. Links carry what projects carry:
 * imported matrices by file name and fingerprint, never their values.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { PROJECT_VERSION, type LabStateId, type Project } from './schema.js';
import { ProjectError, parseProject, serializeProject } from './project-file.js';

/** The envelope this build writes. Format 1: CRC-32 (big-endian) + raw DEFLATE of the JSON text. */
export const LINK_FORMAT = 1;
/** The fragment parameter that holds a link. */
export const LINK_PARAM = 'link';
/** The longest link payload read (characters of base64url); browsers keep URLs up to ~2 MB. */
export const MAX_LINK_CHARS = 1_500_000;
/** The most JSON text a link may inflate to (bytes): a zip bomb stops here. */
export const MAX_LINK_JSON_BYTES = 8 * 1024 * 1024;

export type LinkErrorKind = 'too-old' | 'too-new' | 'damaged' | 'too-large' | 'invalid';

/** A link Hinge refuses, with why; `path` names the bad field when the project inside is invalid. */
export class LinkError extends Error {
  override readonly name = 'LinkError';
  constructor(
    readonly kind: LinkErrorKind,
    message: string,
    readonly path = '',
  ) {
    super(message);
  }
}

export type LinkScope = 'lab' | 'project';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/**
 * RFC 4648 §5 base64url without padding: every 3 bytes become 4 characters from A–Z a–z 0–9 - _,
 * a final 1 or 2 bytes become 2 or 3 characters.
 */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += B64[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/**
 * The bytes of unpadded base64url text (the inverse of toBase64Url). Throws LinkError('damaged')
 * naming the offset of a character outside the alphabet, a length of 1 mod 4, or non-zero
 * trailing bits (so every byte string has exactly one encoding).
 */
export function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new LinkError('damaged', `the link is cut short (${text.length} characters of data cannot be whole bytes)`);
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = B64_INDEX.get(text[i]!);
    if (digit === undefined) throw new LinkError('damaged', `the link has a character that cannot be in it (“${text[i]}” at position ${i + 1} of its data)`);
    value = ((value << 6) | digit) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  if ((value & ((1 << bits) - 1)) !== 0) throw new LinkError('damaged', 'the link is cut short or changed (its last character is not a possible ending)');
  return out;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO-HDLC, the polynomial of zip and PNG, reflected 0xEDB88320): crc32("123456789") = 0xCBF43926. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Inflates raw DEFLATE data in small steps, refusing output beyond `max` bytes before it is held. */
function inflateCapped(data: Uint8Array, max: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > max) throw new LinkError('too-large', `the link unpacks to more than ${max / 1024 / 1024} MB`);
    chunks.push(chunk);
    if (final) ended = true;
  });
  const STEP = 1024; // DEFLATE expands at most ~1032:1, so one step holds at most ~1 MB past the cap
  try {
    for (let i = 0; i < data.length; i += STEP) inflate.push(data.subarray(i, i + STEP), i + STEP >= data.length);
  } catch (error) {
    if (error instanceof LinkError) throw error;
    throw new LinkError('damaged', `the link is damaged (its data does not unpack: ${(error as Error).message})`);
  }
  if (!ended) throw new LinkError('damaged', 'the link is cut short (its data ends early)');
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * The project a link of `scope` carries: for 'lab', only the lab on screen (`project.view`) with
 * its cameras; for 'project', every lab. The map view has no state, so its lab link carries none.
 */
export function projectForLink(project: Omit<Project, 'format' | 'version'>, scope: LinkScope): Omit<Project, 'format' | 'version'> {
  const { savedAt: _savedAt, ...rest } = project;
  if (scope === 'project') return rest;
  const id = project.view as LabStateId | 'map';
  const entry = id === 'map' ? undefined : project.labs[id];
  return { ...rest, labs: entry ? { [id]: entry } : {} };
}

/**
 * The URL fragment (starting with `#/`) that opens `project`: the view, then the link parameter.
 * The project is validated as serializeProject does (it throws ProjectError for a state Hinge
 * would refuse to read); its compact JSON is checksummed with CRC-32 and compressed with raw
 * DEFLATE (level 9), then written as base64url.
 */
export function encodeLink(project: Omit<Project, 'format' | 'version'>): string {
  const json = JSON.stringify(JSON.parse(serializeProject(project)) as unknown);
  const text = strToU8(json);
  const packed = deflateSync(text, { level: 9 });
  const data = new Uint8Array(4 + packed.length);
  new DataView(data.buffer).setUint32(0, crc32(text));
  data.set(packed, 4);
  return `#/${project.view}?${LINK_PARAM}=${LINK_FORMAT}.${PROJECT_VERSION}.${toBase64Url(data)}`;
}

/** The link payload in a URL or fragment (`…#/layer?link=1.2.xyz`), or undefined when it has none. */
export function linkPayload(urlOrHash: string): string | undefined {
  const hash = urlOrHash.slice(urlOrHash.indexOf('#') + 1);
  const query = hash.indexOf('?');
  if (query < 0) return undefined;
  for (const part of hash.slice(query + 1).split('&')) {
    const eq = part.indexOf('=');
    if (eq >= 0 && part.slice(0, eq) === LINK_PARAM) return part.slice(eq + 1);
  }
  return undefined;
}

/**
 * The project in a link payload (`<format>.<schema>.<data>`, as linkPayload returns it), checked
 * in order: the envelope's versions (too old, too new), the characters, the size cap, the
 * checksum, then the project itself exactly as a `.hinge` file is (migrated from older schema
 * versions, validated). Every refusal is a LinkError whose message says what to do.
 */
export function decodeLink(payload: string): Project {
  if (payload.length > MAX_LINK_CHARS) throw new LinkError('too-large', `the link is longer than ${MAX_LINK_CHARS} characters`);
  const match = /^(\d{1,6})\.(\d{1,6})\.(.*)$/s.exec(payload);
  if (!match) throw new LinkError('damaged', 'the link is damaged (it does not start with its format and version, like “1.2.”)');
  const format = Number(match[1]);
  const schema = Number(match[2]);
  if (format > LINK_FORMAT) throw new LinkError('too-new', `the link was made by a newer Hinge (link format ${format}; this one reads format ${LINK_FORMAT}): update Hinge to open it`);
  if (format < LINK_FORMAT) throw new LinkError('too-old', `the link was made by an older Hinge whose links this one no longer reads (link format ${format}; this one reads format ${LINK_FORMAT})`);
  if (schema > PROJECT_VERSION) throw new LinkError('too-new', `the link holds a version ${schema} project, made by a newer Hinge; this one reads up to version ${PROJECT_VERSION}: update Hinge to open it`);
  if (schema < 1) throw new LinkError('too-old', `the link holds a version ${schema} project, older than any Hinge reads`);
  const data = fromBase64Url(match[3]!);
  if (data.length < 5) throw new LinkError('damaged', 'the link is cut short (it has no data)');
  const text = inflateCapped(data.subarray(4), MAX_LINK_JSON_BYTES);
  if (crc32(text) !== new DataView(data.buffer, data.byteOffset).getUint32(0)) throw new LinkError('damaged', 'the link is damaged (its checksum does not match: a character was changed or lost)');
  const json = strFromU8(text); // the checksum matched, so this is the UTF-8 the encoder wrote
  const declared = /^\{"format":"[^"]*","version":(\d+)[,}]/.exec(json)?.[1];
  if (declared !== undefined && Number(declared) !== schema) throw new LinkError('damaged', `the link is damaged (it says version ${schema} outside, ${declared} inside)`);
  try {
    return parseProject(json);
  } catch (error) {
    if (!(error instanceof ProjectError)) throw error;
    if (error.kind === 'newer-version') throw new LinkError('too-new', `${error.message}: update Hinge to open it`, error.path);
    if (error.kind === 'invalid') throw new LinkError('invalid', `the project in the link is not valid (${error.message})`, error.path);
    throw new LinkError('damaged', `the link is damaged (${error.message})`, error.path);
  }
}
