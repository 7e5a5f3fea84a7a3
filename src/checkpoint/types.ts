/**
 * The shapes every checkpoint reader returns: the files of a checkpoint as byte sources read by
 * range, the tensors a checkpoint lists, and the values of one tensor.
 */

/**
 * One file of a checkpoint, read by byte range: on the desktop the main process reads through the
 * opened file's handle, in the browser `File.slice`. `read` must resolve to exactly `length` bytes
 * from `offset`; a reader never asks for bytes beyond `size`.
 */
export interface ByteSource {
  /** The file's name, or its path relative to the folder the user opened ('a/b.safetensors'). */
  readonly name: string;
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  /**
   * Optional, for sources that can fill a caller's buffer (a node file handle): writes the
   * `target.length` bytes from `offset` into `target` and resolves to how many it wrote. Readers
   * then reuse one chunk buffer for a whole tensor instead of taking fresh memory per read.
   */
  readInto?(offset: number, target: Uint8Array): Promise<number>;
}

/** How values are stored in the file, named as safetensors names dtypes (GGUF's Q8_0 kept as is). */
export type StoredDtype = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL' | 'Q8_0';

/** A tensor a checkpoint lists; `name` is the file's own (safetensors key, state-dict key, npz member). */
export interface CheckpointTensor {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
}

/** A tensor the checkpoint holds but Hinge cannot read, with the reason why. */
export interface SkippedCheckpointTensor extends CheckpointTensor {
  readonly reason: string;
}

/**
 * A tensor's values in C order (last index fastest): Float32Array when every stored value is a
 * float32 exactly (F32, F16, BF16, Q8_0, I8, U8, I16, BOOL), Float64Array otherwise (F64, I32, I64).
 */
export interface TensorValues {
  readonly shape: number[];
  readonly data: Float64Array | Float32Array;
}

/** A tensor's values in float64, whatever its stored dtype (each stored value exactly). */
export interface Float64Values extends TensorValues {
  readonly data: Float64Array;
}

/** What a read returns: 'auto' a Float32Array where every value is a float32 (see TensorValues), 'float64' always a Float64Array. */
export type ValuesInto = 'auto' | 'float64';

/** Which reader opened the checkpoint. */
export type CheckpointFormat = 'safetensors' | 'safetensors-sharded' | 'pytorch' | 'pytorch-sharded' | 'npz' | 'gguf' | 'lora';

/** One LoRA pair of a PEFT adapter: ΔW = scale·B·A (transposed when the base stores Wᵀ). */
export interface LoraPair {
  /** The adapted module's name in the base model ('model.layers.0.self_attn.q_proj'). */
  readonly module: string;
  /** The base weight ΔW adds to: module + '.weight'. */
  readonly baseWeight: string;
  /** Names of lora_A (r×in) and lora_B (out×r) in the adapter. */
  readonly a: string;
  readonly b: string;
  readonly rank: number;
  readonly alpha: number;
  /** α/r, or α/√r with use_rslora. */
  readonly scale: number;
  /** PEFT's fan_in_fan_out (GPT-2's Conv1D stores W as in×out): ΔW is (B·A)ᵀ·scale then. */
  readonly fanInFanOut: boolean;
  /** The shape of ΔW as the base weight stores it. */
  readonly shape: readonly [number, number];
}

/** A PEFT LoRA adapter's pairs and the product ΔW of one. */
export interface LoraAdapter {
  readonly pairs: readonly LoraPair[];
  /** ΔW of the pair for `module`, in the base weight's layout, float64. */
  delta(module: string): Promise<TensorValues>;
}

/** An opened checkpoint: what it lists, read from headers only, and a lazy reader per tensor. */
export interface Checkpoint {
  readonly format: CheckpointFormat;
  /** Readable tensors, in the file's order. */
  readonly tensors: readonly CheckpointTensor[];
  /** Tensors listed by the file that Hinge does not read (quantized types, complex, strings …). */
  readonly skipped: readonly SkippedCheckpointTensor[];
  /** String metadata the format carries (safetensors __metadata__, GGUF scalars, adapter config). */
  readonly metadata: Readonly<Record<string, string>>;
  /** Present for a PEFT LoRA adapter. */
  readonly lora?: LoraAdapter;
  /** Reads the tensor called `name`, only its byte range. Rejects with FormatError. */
  read(name: string): Promise<TensorValues>;
  /**
   * Reads the tensor called `name` as `read` does, but straight into a Float64Array: each chunk
   * of stored bytes is decoded into the float64 output (BF16/F16/F32/integers widen exactly), so
   * peak memory is the float64 copy plus one chunk (1 MiB) — no float32 copy in between — for
   * callers that compute in float64 (metrics, ΔW). A strided PyTorch view also holds the span it
   * covers, and a Fortran-order .npy its values as stored. Rejects with FormatError as `read` does.
   */
  readFloat64(name: string): Promise<Float64Values>;
  /**
   * Reads rows `rows` (indices into the first dimension, in the order given, repeats allowed) of
   * the tensor `name`: shape [rows.length, ...the rest]. Where the format stores the tensor
   * contiguously (safetensors) only those rows' bytes are read — an embedding's few token rows
   * out of 50 257; otherwise the tensor is read whole and the rows copied. Rejects with
   * FormatError as `read` does, RangeError for a row outside the tensor.
   */
  readRows(name: string, rows: readonly number[]): Promise<TensorValues>;
}
