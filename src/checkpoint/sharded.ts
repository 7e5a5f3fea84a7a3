/**
 * Sharded checkpoints: `model.safetensors.index.json` (or `pytorch_model.bin.index.json`) maps
 * each tensor to the shard that holds it. Every shard the index names must be among the files
 * given, in the index's own folder: a name with a path in it (`../../etc/passwd`) is refused
 * before anything is looked up, so nothing outside the chosen files is ever read.
 */
import { FormatError } from '../formats/errors.js';
import { plural, showText } from '../formats/text.js';
import type { ReaderResult, TensorEntry } from './assemble.js';
import { ShardError } from './errors.js';
import { member, readJsonObject } from './json.js';
import { baseName, folderOf } from './source.js';
import type { ByteSource, SkippedCheckpointTensor } from './types.js';

/** Reads one shard (safetensors or a PyTorch zip), chosen by the caller from the shard's name. */
export type ShardReader = (source: ByteSource) => Promise<ReaderResult>;

/**
 * Opens the checkpoint an index describes: reads the index, checks every shard name is a bare
 * file name present among `sources` beside the index, reads each shard's header with `readShard`,
 * and lists the index's tensors shard by shard in file order. Throws ShardError naming a missing
 * or outside shard, FormatError when the index names a tensor its shard lacks.
 */
export async function readSharded(index: ByteSource, sources: readonly ByteSource[], readShard: ShardReader): Promise<ReaderResult> {
  const json = await readJsonObject(index, 'checkpoint');
  const weightMap = member(json, 'weight_map');
  if (typeof weightMap !== 'object' || weightMap === null || Array.isArray(weightMap)) {
    throw new FormatError(`'${showText(index.name)}' has no "weight_map" object, so it does not say which shard holds which tensor.`, 'checkpoint');
  }
  const byShard = new Map<string, Set<string>>();
  for (const [tensor, shard] of Object.entries(weightMap)) {
    if (typeof shard !== 'string') throw new FormatError(`The index maps '${showText(tensor)}' to something other than a file name.`, 'checkpoint');
    checkShardName(shard);
    let names = byShard.get(shard);
    if (names === undefined) byShard.set(shard, (names = new Set()));
    names.add(tensor);
  }
  const folder = folderOf(index.name);
  const entries: TensorEntry[] = [];
  const skipped: SkippedCheckpointTensor[] = [];
  for (const [shard, names] of byShard) {
    const source = sources.find((s) => s.name === folder + shard);
    if (source === undefined) {
      const given = sources.map((s) => baseName(s.name)).join(', ');
      throw new ShardError(
        `The shard '${showText(shard)}' (holding ${plural(names.size, 'tensor')}) is missing: the index names it, but the files given are ${given}.`,
        shard,
      );
    }
    const result = await readShard(source);
    const found = new Set<string>();
    for (const entry of result.entries) {
      if (!names.has(entry.tensor.name)) continue;
      found.add(entry.tensor.name);
      entries.push(entry);
    }
    for (const tensor of result.skipped) {
      if (!names.has(tensor.name)) continue;
      found.add(tensor.name);
      skipped.push(tensor);
    }
    for (const name of names) {
      if (!found.has(name)) {
        throw new FormatError(`The index says '${showText(name)}' is in '${showText(shard)}', but that shard has no such tensor.`, 'checkpoint');
      }
    }
  }
  const metadata: Record<string, string> = {};
  const meta = member(json, 'metadata');
  if (typeof meta === 'object' && meta !== null) {
    for (const [key, value] of Object.entries(meta)) if (typeof value === 'string' || typeof value === 'number') metadata[key] = String(value);
  }
  return { entries, skipped, metadata };
}

/** A shard is a file beside the index: no folder part, no '..', no drive, no control characters. */
function checkShardName(shard: string): void {
  // eslint-disable-next-line no-control-regex
  if (shard === '' || shard === '.' || shard === '..' || /[/\\:\u0000-\u001f]/.test(shard)) {
    throw new ShardError(
      `The index names the shard '${showText(shard)}', which is not a file beside the index; Hinge reads only the files you chose.`,
      shard,
    );
  }
}
