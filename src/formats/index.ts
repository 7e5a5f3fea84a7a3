/**
 * Importing users' own tensors: .npy, .safetensors and CSV/TSV parsers, pure functions of the
 * file's bytes or text that run in a worker and refuse bad files with a FormatError.
 */
export { FormatError, MAX_IMPORT_BYTES, checkImportSize, type FormatName, type TextPosition } from './errors.js';
export { parseNpy, type NpyArray, type NpyDtype } from './npy.js';
export { parseSafetensors, type SafetensorsDtype, type SafetensorsFile, type SafetensorsTensor, type SkippedTensor } from './safetensors.js';
export { parseDelimited, type DelimitedMatrix, type DelimitedOptions } from './delimited.js';
export { tensorToMatrix } from './matrix.js';
export { HINGE_PNG_KEYWORD, crc32, pngChunks, readPngText, withPngText } from './png-text.js';
export { defaultSelection, describeSelection, selectionSize, sliceMatrix, type MatrixSelection, type SlicedMatrix } from './slice.js';
export { matrixFingerprint, matrixStatistics, previewMatrix, type MatrixPreview, type MatrixStatistics } from './matrix-stats.js';
