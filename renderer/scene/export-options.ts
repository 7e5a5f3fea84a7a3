/**
 * Options of the export the user started in an export panel, for the code that renders it: a
 * transparent background for PNGs, GIF instead of a video for animations. The panel sets them
 * for the duration of one export (it runs one at a time) so that the labs, which only forward
 * (scale, look) or (progress, signal), need not know about them.
 */
export interface ExportOptions {
  readonly transparent: boolean;
  readonly animation: 'video' | 'gif';
}

const DEFAULTS: ExportOptions = { transparent: false, animation: 'video' };
let current: ExportOptions = DEFAULTS;

/** Runs `run` with `options` in force, and the defaults again however it ends. */
export async function withExportOptions<T>(options: Partial<ExportOptions>, run: () => Promise<T>): Promise<T> {
  current = { ...DEFAULTS, ...options };
  try {
    return await run();
  } finally {
    current = DEFAULTS;
  }
}

export function exportOptions(): ExportOptions {
  return current;
}
