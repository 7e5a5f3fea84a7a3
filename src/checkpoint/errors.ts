/**
 * The refusals particular to checkpoints, each a FormatError (so every caller that shows a file's
 * error shows these) with what it names: the pickle global refused, the shard missing or outside.
 */
import { FormatError, type FormatName } from '../formats/errors.js';

/**
 * A PyTorch pickle names a global outside the allow-list of what torch.save writes for tensors and
 * state dicts (os.system, builtins.eval, subprocess.Popen …), or uses an opcode that could build
 * arbitrary objects. Nothing was imported or called: Hinge's unpickler executes nothing.
 */
export class UnsafePickleError extends FormatError {
  override readonly name: string = 'UnsafePickleError';
  /** 'module.name' of the refused global, or undefined when an opcode was refused. */
  readonly global: string | undefined;

  constructor(message: string, offset: number, global?: string) {
    super(message, 'pytorch', offset);
    this.global = global;
  }
}

/** A shard that the index names is not among the files given, or lies outside the index's folder. */
export class ShardError extends FormatError {
  override readonly name: string = 'ShardError';
  readonly shard: string;

  constructor(message: string, shard: string, format: FormatName = 'checkpoint') {
    super(message, format);
    this.shard = shard;
  }
}

/** A file of a kind Hinge recognises but will not read, with what to do instead (legacy torch files). */
export class UnsupportedCheckpointError extends FormatError {
  override readonly name: string = 'UnsupportedCheckpointError';
}
