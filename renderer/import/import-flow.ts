/**
 * The entry points of importing weights, loaded on demand (dynamic import) by the app shell:
 * `showImportDialog` for a file that arrived (drop, Open…, the command line) and
 * `openImportPicker` for the "Import weights…" command, which opens the dialog at its file chooser.
 * One dialog per window, kept in the document once created; a second file replaces the first.
 */
import type { ImportDialog } from './import-dialog.js';

let dialog: ImportDialog | undefined;

async function theDialog(): Promise<ImportDialog> {
  await import('./import-dialog.js');
  if (!dialog || !dialog.isConnected) {
    dialog = document.createElement('hinge-import-dialog');
    document.body.append(dialog);
  }
  return dialog;
}

/**
 * Opens the import dialog on `file` (its bytes are moved to the parsing worker, so the caller's
 * buffer is emptied). Resolves when the dialog closes. Never rejects: a file that cannot be read
 * is shown in the dialog with its FormatError (message, and the byte offset or line:column), and
 * nothing in the labs changes unless the user picks a matrix and a lab.
 */
export async function showImportDialog(file: { name: string; bytes: Uint8Array }): Promise<void> {
  try {
    const d = await theDialog();
    const closed = d.whenClosed();
    await d.showFile(file);
    await closed;
  } catch (error) {
    console.error('The import dialog failed:', error);
  }
}

/** Opens the import dialog at its "Choose file…" step. Resolves when it closes; never rejects. */
export async function openImportPicker(): Promise<void> {
  try {
    const d = await theDialog();
    const closed = d.whenClosed();
    await d.showEmpty();
    await closed;
  } catch (error) {
    console.error('The import dialog failed:', error);
  }
}
