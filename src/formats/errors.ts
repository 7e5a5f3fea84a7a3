/**
 * The error every file parser throws, and the size cap checked before a file is read. A file comes
 * from outside, so a bad one is an expected event: the view shows the message next to the file's
 * name and, where it can, points at the byte (or, for text, the line and column) that is wrong.
 */

/** The file formats Hinge imports. */
export type FormatName = 'npy' | 'safetensors' | 'csv' | 'png' | 'zip' | 'npz' | 'pytorch' | 'gguf' | 'lora' | 'checkpoint';

/** Where in a text file the problem is, counted from 1 as an editor shows it. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * A file was refused: its bytes do not follow its format's specification, or they describe
 * something Hinge does not read (an unsupported dtype, a non-finite value). `offset` is the 0-based
 * byte offset of the problem in the file (for CSV/TSV text, the character index), or undefined
 * when the problem has no single place (the file is too large). `format` is undefined only for the
 * size check done before the format is known. `line`/`column` are set for CSV/TSV.
 */
export class FormatError extends Error {
  override readonly name: string = 'FormatError';
  readonly offset: number | undefined;
  readonly format: FormatName | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, format: FormatName | undefined, offset?: number, position?: TextPosition) {
    super(message);
    this.format = format;
    this.offset = offset;
    this.line = position?.line;
    this.column = position?.column;
  }
}

/**
 * The largest file Hinge imports: 1 GiB. Above it a file is refused from its size alone, before a
 * byte is read, because the values as float64 can take up to eight times the file's size and a
 * renderer that runs out of memory loses everything the user had open.
 */
export const MAX_IMPORT_BYTES = 1 << 30;

/**
 * Refuses a file of `size` bytes (from stat or File.size) before it is read: throws FormatError
 * when size > MAX_IMPORT_BYTES (1 GiB) or is not a whole number of bytes. `format` only labels
 * the error. Every parser repeats the check on the bytes it is given, so skipping this costs
 * memory, never safety.
 * @example checkImportSize(file.size) // throws for a 2 GB file, returns for a 10 MB one
 */
export function checkImportSize(size: number, format?: FormatName): void {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new FormatError(`The file size ${size} is not a whole number of bytes.`, format);
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new FormatError(
      `The file is ${megabytes(size)} MB; Hinge opens files up to ${megabytes(MAX_IMPORT_BYTES)} MB (1 GiB), ` +
        'because the values alone would need several times that in memory.',
      format,
    );
  }
}

function megabytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}
