/**
 * Hands bytes to the browser as a file download: how the browser host saves every file. The
 * desktop host never downloads; it saves through the main process (a dialog, a handle, a folder).
 */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started once click() returns; give the browser a moment to read the blob.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
