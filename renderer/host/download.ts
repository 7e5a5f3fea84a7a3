/**
 * Hands bytes to the browser as a file download. The browser host saves PNGs this way; videos,
 * networks and tables go this way in both hosts for now (Electron turns a download into its own
 * save dialog), until the Host has a general `saveFile` with its IPC channel.
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
