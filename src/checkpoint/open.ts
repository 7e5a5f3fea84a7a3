/**
 * openCheckpoint: given the files of one checkpoint (an index and its shards, an adapter's
 * config and weights, or one file), picks the reader by the files' names and first bytes.
 */
import { FormatError } from '../formats/errors.js';
import { showText } from '../formats/text.js';
import { assemble, type ReaderResult } from './assemble.js';
import { readGguf } from './gguf.js';
import { loraAdapter, loraPairs, readLoraConfig } from './lora.js';
import { readNpz } from './npz.js';
import { readSafetensors } from './safetensors.js';
import { readSharded } from './sharded.js';
import { baseName, folderOf, readRange } from './source.js';
import { readTorch } from './torch.js';
import type { ByteSource, Checkpoint } from './types.js';
import { isZip } from './zip.js';

type Reader = (source: ByteSource) => Promise<ReaderResult>;

type SingleFormat = 'safetensors' | 'pytorch' | 'npz' | 'gguf';

const BY_EXTENSION: readonly [RegExp, Reader, SingleFormat][] = [
  [/\.safetensors$/i, readSafetensors, 'safetensors'],
  [/\.(bin|pt|pth|ckpt)$/i, readTorch, 'pytorch'],
  [/\.npz$/i, readNpz, 'npz'],
  [/\.gguf$/i, readGguf, 'gguf'],
];

/**
 * Opens a checkpoint from its files, reading headers only: with an `adapter_config.json`, a PEFT
 * LoRA adapter (its weights `adapter_model.safetensors` or `.bin` beside it); with a
 * `*.index.json`, a sharded checkpoint whose shards must all be among `sources`; otherwise the one
 * weights file among them (.safetensors, .bin/.pt/.pth/.ckpt, .npz, .gguf, or a file recognised
 * by its first bytes). Where a folder holds both safetensors and PyTorch weights, safetensors are
 * read, as transformers does. Other files (config.json, tokenizer.json, training_args.bin,
 * optimizer.pt …) are ignored. Rejects with a
 * FormatError (or subclass) for a missing, ambiguous, hostile or broken file.
 * @example const ckpt = await openCheckpoint([file]); const w = await ckpt.read(ckpt.tensors[0].name);
 */
export async function openCheckpoint(sources: readonly ByteSource[]): Promise<Checkpoint> {
  if (!Array.isArray(sources) || sources.length === 0) throw new FormatError('No files were given to open as a checkpoint.', 'checkpoint');
  for (const s of sources) {
    if (typeof s?.name !== 'string' || !Number.isSafeInteger(s.size) || s.size < 0 || typeof s.read !== 'function') {
      throw new FormatError('A file given to open as a checkpoint has no name, size or reader.', 'checkpoint');
    }
  }
  const config = sources.find((s) => baseName(s.name) === 'adapter_config.json');
  if (config !== undefined) return openAdapter(config, sources);
  // A Hub folder often holds both formats: like transformers, prefer safetensors.
  const indexes = preferSafetensors(sources.filter((s) => /\.index\.json$/i.test(s.name)));
  if (indexes.length > 1) throw new FormatError(`Several shard indexes were given (${indexes.map((s) => showText(baseName(s.name))).join(', ')}); open one checkpoint at a time.`, 'checkpoint');
  if (indexes.length === 1) {
    const torch = !/\.safetensors\.index\.json$/i.test(indexes[0].name);
    const shard: Reader = (s) => (/\.safetensors$/i.test(s.name) ? readSafetensors(s) : readTorch(s));
    return assemble(torch ? 'pytorch-sharded' : 'safetensors-sharded', 'checkpoint', await readSharded(indexes[0], sources, shard));
  }
  const weights = preferSafetensors(sources.filter((s) => BY_EXTENSION.some(([pattern]) => pattern.test(s.name)) && !NOT_WEIGHTS.test(baseName(s.name))));
  const candidates = weights.length > 0 ? weights : sources.length === 1 ? sources : [];
  if (candidates.length !== 1) {
    const names = sources.map((s) => showText(baseName(s.name))).join(', ');
    throw new FormatError(
      candidates.length === 0 ? `None of the files (${names}) is a checkpoint Hinge reads.` : `Several weights files were given (${names}) without an index; open one at a time.`,
      'checkpoint',
    );
  }
  const source = candidates[0];
  const known = BY_EXTENSION.find(([pattern]) => pattern.test(source.name));
  const [reader, format] = known !== undefined ? [known[1], known[2]] : await sniff(source);
  return assemble(format, format, await reader(source));
}

/** What trainers save beside the weights in a checkpoint folder: pickles of other things. */
const NOT_WEIGHTS = /^(training_args\.bin|optimizer\.(pt|bin)|scheduler\.pt|scaler\.pt|rng_state.*\.pth)$/i;

/** The safetensors files among `files` when there are any, else `files`. */
function preferSafetensors(files: ByteSource[]): ByteSource[] {
  const safetensors = files.filter((s) => /\.safetensors(\.index\.json)?$/i.test(s.name));
  return safetensors.length > 0 ? safetensors : files;
}

/** Picks a reader from a file's first bytes: GGUF magic, a zip (PyTorch), else safetensors. */
async function sniff(source: ByteSource): Promise<[Reader, SingleFormat]> {
  const first = await readRange(source, 0, Math.min(source.size, 4), 'checkpoint');
  if (first.length === 4 && first[0] === 0x47 && first[1] === 0x47 && first[2] === 0x55 && first[3] === 0x46) return [readGguf, 'gguf'];
  if (isZip(first)) return [readTorch, 'pytorch'];
  if (first[0] === 0x80) return [readTorch, 'pytorch']; // a bare pickle: the legacy torch format, refused with advice
  return [readSafetensors, 'safetensors'];
}

async function openAdapter(configSource: ByteSource, sources: readonly ByteSource[]): Promise<Checkpoint> {
  const folder = folderOf(configSource.name);
  const weightsSource =
    sources.find((s) => s.name === `${folder}adapter_model.safetensors`) ?? sources.find((s) => s.name === `${folder}adapter_model.bin`);
  if (weightsSource === undefined) {
    throw new FormatError("The adapter's weights are missing: give adapter_model.safetensors (or adapter_model.bin) beside adapter_config.json.", 'lora');
  }
  const config = await readLoraConfig(configSource);
  const weights = await (weightsSource.name.endsWith('.bin') ? readTorch(weightsSource) : readSafetensors(weightsSource));
  const pairs = loraPairs(weights, config);
  const metadata = { ...weights.metadata, r: String(config.r), lora_alpha: String(config.alpha) };
  const plain = assemble('lora', 'lora', { ...weights, metadata });
  return { ...plain, lora: loraAdapter(pairs, plain.read) };
}
