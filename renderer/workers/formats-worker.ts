/**
 * Reads an imported file off the main thread: the bytes come in (transferred, not copied), the
 * file is parsed here, and what comes back is the list of its tensors, then — for the tensor and
 * slice the user picks — the matrix's values (transferred back), its statistics and a small
 * preview. The parsed file stays here between calls, so picking another tensor or slice does not
 * send the bytes again. Refusals come back as plain data (a FormatError's message and place),
 * never as thrown errors, which comlink would strip of their offset.
 */
import { expose, transfer } from 'comlink';
import {
  FormatError, checkImportSize, describeSelection, matrixFingerprint, matrixStatistics, parseDelimited, parseNpy, parseSafetensors,
  previewMatrix, selectionSize, sliceMatrix,
  type MatrixPreview, type MatrixSelection, type MatrixStatistics, type SafetensorsFile,
} from '../../src/formats/index.js';
import { readPngText } from '../../src/formats/png-text.js';

export type ImportFormat = 'npy' | 'safetensors' | 'csv';

/** One tensor of the file, as the dialog lists it. */
export interface TensorInfo {
  /** '' for the one array of a .npy or CSV file. */
  readonly name: string;
  /** As the file names it: 'F32', 'BF16', '<f4' → 'f4', 'csv'. */
  readonly dtype: string;
  readonly shape: number[];
  /** Why it cannot be opened (an unsupported dtype, no values); undefined when it can. */
  readonly reason?: string;
}

export interface OpenedFile {
  readonly format: ImportFormat;
  readonly tensors: TensorInfo[];
  /** A safetensors file's __metadata__. */
  readonly metadata?: Record<string, string>;
  /** A CSV file's header row. */
  readonly header?: string[];
}

/** A FormatError (or another failure) as plain data. */
export interface ImportFailure {
  readonly message: string;
  readonly format?: string;
  readonly offset?: number;
  readonly line?: number;
  readonly column?: number;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ImportFailure };

/** The matrix picked, ready for the labs. */
export interface PickedMatrix {
  readonly tensor: string;
  readonly rows: number;
  readonly cols: number;
  /** rows × cols values, row-major. */
  readonly data: Float64Array;
  readonly statistics: MatrixStatistics;
  readonly preview: MatrixPreview;
  /** The fingerprint (registry id). */
  readonly id: string;
  /** e.g. "axes 1,2 at [2, :, :]". */
  readonly slice: string;
}

/** The longer side of the preview, in entries. */
const PREVIEW_SIDE = 192;

interface Parsed {
  readonly format: ImportFormat;
  readonly single?: { shape: number[]; data: Float64Array };
  readonly safetensors?: SafetensorsFile;
}

let parsed: Parsed | undefined;
/** The last safetensors tensor read, so moving the slice does not convert it again. */
let cached: { name: string; data: Float64Array } | undefined;

const SUPPORTED = 'Hinge reads F16, BF16, F32 and F64 tensors';

const pngApi = {
  /**
   * The text of a PNG's chunk named `keyword` (undefined when there is none), read here rather than
   * on the page: the chunks' CRCs over the whole picture, and inflating a compressed chunk (a
   * deflate bomb is refused) take their time off the main thread.
   */
  pngText(bytes: Uint8Array, keyword: string): Outcome<string | undefined> {
    return attempt(() => readPngText(bytes, keyword));
  },
};

const api = {
  /** Parses the file; keeps it for {@link api.pick}. */
  open(bytes: Uint8Array, name: string): Outcome<OpenedFile> {
    parsed = undefined;
    cached = undefined;
    return attempt(() => {
      checkImportSize(bytes.length);
      const format = detectFormat(bytes, name);
      if (format === 'npy') {
        const npy = parseNpy(bytes);
        parsed = { format, single: { shape: npy.shape, data: npy.data } };
        return { format, tensors: [{ name: '', dtype: npy.dtype, shape: npy.shape, reason: emptyReason(npy.shape) }] };
      }
      if (format === 'safetensors') {
        const file = parseSafetensors(bytes);
        parsed = { format, safetensors: file };
        const readable: TensorInfo[] = file.tensors.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape, reason: emptyReason(t.shape) }));
        const skipped: TensorInfo[] = file.skipped.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape, reason: `${t.dtype} values: ${SUPPORTED}` }));
        return { format, tensors: [...readable, ...skipped], metadata: file.metadata };
      }
      // Read from the bytes in place: no string of the whole file (delimited.ts).
      const table = parseDelimited(bytes, { delimiter: /\.tsv$/i.test(name) ? '\t' : 'auto' });
      const shape = [table.rows, table.cols];
      parsed = { format, single: { shape, data: table.data } };
      return { format, tensors: [{ name: '', dtype: table.delimiter === '\t' ? 'TSV' : 'CSV', shape }], header: table.header };
    });
  },

  /**
   * The matrix `selection` takes from tensor `name` ('' for a single-array file): its values
   * (transferred), statistics, preview and fingerprint.
   */
  pick(name: string, selection: MatrixSelection): Outcome<PickedMatrix> {
    const result = attempt((): PickedMatrix => {
      if (!parsed) throw new Error('No file is open.');
      const { shape, data } = tensorValues(parsed, name);
      const { rows, cols } = selectionSize(shape, selection);
      const matrix = sliceMatrix(shape, data, selection);
      return {
        tensor: name,
        rows,
        cols,
        data: matrix.data,
        statistics: matrixStatistics(matrix.data),
        preview: previewMatrix(matrix.data, rows, cols, PREVIEW_SIDE),
        id: matrixFingerprint(matrix.data, rows, cols),
        slice: describeSelection(shape, selection),
      };
    });
    return result.ok ? transfer(result, [result.value.data.buffer, result.value.preview.values.buffer]) : result;
  },
};

export type FormatsWorkerApi = typeof api & typeof pngApi;

function tensorValues(file: Parsed, name: string): { shape: number[]; data: Float64Array } {
  if (file.single) return file.single;
  const st = file.safetensors!;
  const info = st.tensors.find((t) => t.name === name);
  if (!info) {
    // read() names the problem (an unknown name, or a dtype Hinge does not read) with its byte offset.
    st.read(name);
    throw new Error(`The file has no tensor named '${name}'.`);
  }
  if (cached?.name !== name) cached = { name, data: st.read(name) };
  return { shape: info.shape, data: cached.data };
}

function emptyReason(shape: readonly number[]): string | undefined {
  return shape.includes(0) ? `it holds no values (shape [${shape.join(', ')}])` : undefined;
}

/**
 * The format from the name's extension, or — for other names — from the content: numpy's magic
 * string, or safetensors' 8-byte header length followed by '{'; anything else is read as text.
 */
function detectFormat(bytes: Uint8Array, name: string): ImportFormat {
  const extension = /\.([A-Za-z]+)$/.exec(name)?.[1]?.toLowerCase();
  if (extension === 'npy') return 'npy';
  if (extension === 'safetensors') return 'safetensors';
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv';
  if (bytes[0] === 0x93 && bytes[1] === 0x4e && bytes[2] === 0x55 && bytes[3] === 0x4d && bytes[4] === 0x50 && bytes[5] === 0x59) return 'npy';
  if (bytes.length >= 9 && bytes[8] === 0x7b && bytes[6] === 0 && bytes[7] === 0) return 'safetensors';
  return 'csv';
}

/** UTF-8 text; TextDecoder is fast, and on bad bytes our decoder names the byte. */

function attempt<T>(work: () => T): Outcome<T> {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    if (error instanceof FormatError) {
      return { ok: false, error: { message: error.message, format: error.format, offset: error.offset, line: error.line, column: error.column } };
    }
    if (error instanceof RangeError && /allocation|Array buffer/i.test(error.message)) {
      return { ok: false, error: { message: 'There is not enough memory for this tensor as 64-bit numbers; pick a smaller one.' } };
    }
    return { ok: false, error: { message: (error as Error)?.message ?? String(error) } };
  }
}

expose({ ...api, ...pngApi });
