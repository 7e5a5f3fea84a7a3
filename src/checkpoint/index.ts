/**
 * Real checkpoints: openCheckpoint reads safetensors (single or sharded), PyTorch zip
 * checkpoints (through a restricted unpickler), .npz, GGUF and PEFT LoRA adapters lazily by byte
 * range; the metrics, layer names and ΔW of two checkpoints feed the Model lab.
 */
export type {
  ByteSource, Checkpoint, CheckpointFormat, CheckpointTensor, Float64Values, LoraAdapter, LoraPair, SkippedCheckpointTensor, StoredDtype, TensorValues,
} from './types.js';
export { openCheckpoint } from './open.js';
export { ShardError, UnsafePickleError, UnsupportedCheckpointError } from './errors.js';
export { MAX_TENSOR_BYTES } from './values.js';
export { asMatrix, matrixMetrics, spectrumMetrics, type MatrixMetrics } from './metrics.js';
export { powerLawFit, type PowerLawFit } from './powerLaw.js';
export { layerName, type LayerName, type ModuleKind } from './layers.js';
export { matchTensors, tensorDelta, type CheckpointMatch } from './delta.js';
export { gpt2LayerZero, type Gpt2LayerZero } from './gpt2.js';
export { llamaLayerZero, type LlamaAttentionConfig, type LlamaLayerZero } from './llama.js';
export { checkpointOverview, mergedWeight, type OverviewRow } from './overview.js';
export { blobSource, memorySource, type SliceableFile } from './source.js';
export { openTokenizer, type CheckpointTokenizer, type TextTokens } from './tokenizer.js';
export { readModelConfig, type ModelConfig } from './modelConfig.js';
export { layerZeroHeads, layerZeroSupport, MAX_SHOWN_TOKENS, openLayerZero, SentenceError, sentenceTokens, type LayerZeroHeads, type LayerZeroModel, type LayerZeroSupport, type TensorRead } from './layerZeroHeads.js';
export { readableToken } from './tokenText.js';
