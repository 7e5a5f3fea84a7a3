/**
 * Command-line export: `hinge --export out.png project.hinge` renders the project's view into a
 * PNG without showing a window, and exits (0 when written, 1 with the reason on stderr). The
 * page does the rendering, exactly as Export PNG does: the main process opens the project in a
 * hidden window with a fresh data folder (no autosave to restore, nothing of the user's touched),
 * waits until the page reports the project open, sends it the Export PNG command, and answers
 * the page's save with `out.png` instead of a dialog.
 */
import { basename, extname, isAbsolute, resolve } from 'node:path';
import type { DocumentState } from './document-window.js';

export interface ExportRequest {
  /** Absolute path of the PNG to write. */
  readonly output: string;
  /** Absolute path of the project (.hinge, or a PNG Hinge exported). */
  readonly project: string;
}

export type ParsedExport = ExportRequest | { readonly error: string } | undefined;

/** How long the page has to open the project and render it. */
export const CLI_EXPORT_TIMEOUT_MS = 120_000;

export const EXPORT_USAGE = 'usage: hinge --export out.png project.hinge';

/**
 * The export a command line asks for (`--export out.png project` or `--export=out.png project`),
 * undefined when it asks for none, or an error saying what is wrong with it. Paths are resolved
 * against `cwd`; `defaultApp` (an unpackaged run) skips the app's own path.
 */
export function parseExportArguments(argv: readonly string[], options: { defaultApp: boolean; cwd: string }): ParsedExport {
  const args = argv.slice(options.defaultApp ? 2 : 1);
  const at = args.findIndex((arg) => arg === '--export' || arg.startsWith('--export='));
  if (at < 0) return undefined;
  const flag = args[at]!;
  const output = flag.startsWith('--export=') ? flag.slice('--export='.length) : args[at + 1];
  const rest = args.filter((arg, i) => i !== at && !(i === at + 1 && !flag.includes('=')) && !arg.startsWith('-'));
  if (!output || output.startsWith('-')) return { error: `--export needs the PNG to write. ${EXPORT_USAGE}` };
  if (extname(output).toLowerCase() !== '.png') return { error: `--export writes a .png file, not “${output}”. ${EXPORT_USAGE}` };
  if (rest.length !== 1) return { error: `--export needs exactly one project to render (${rest.length} given). ${EXPORT_USAGE}` };
  const project = rest[0]!;
  if (!['.hinge', '.png'].includes(extname(project).toLowerCase())) return { error: `--export renders a .hinge project or a Hinge PNG, not “${project}”. ${EXPORT_USAGE}` };
  const absolute = (path: string) => (isAbsolute(path) ? path : resolve(options.cwd, path));
  return { output: absolute(output), project: absolute(project) };
}

export interface CliExportHooks {
  /** Sends the page the Export PNG command. */
  exportPng(): void;
  /** Ends the process with this code, after writing `message` (stdout for 0, stderr otherwise). */
  exit(code: number, message: string): void;
}

/**
 * One command-line export from start to exit: it asks the page to export once the page says the
 * project is open, finishes when the PNG is written (or could not be), and gives up after
 * CLI_EXPORT_TIMEOUT_MS (the project could not be opened, or its view has no picture).
 */
export class CliExport {
  private requested = false;
  private done = false;
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(
    readonly request: ExportRequest,
    private readonly hooks: CliExportHooks,
    timeoutMs = CLI_EXPORT_TIMEOUT_MS,
  ) {
    this.timer = setTimeout(
      () => this.finish(1, `hinge --export: gave up after ${Math.round(timeoutMs / 1000)} s: “${basename(request.project)}” did not open with a picture to export (a damaged project, or the concept map on screen).`),
      timeoutMs,
    );
  }

  /** The page reported its document: once it is the project, ask for the export (once). */
  documentState(state: DocumentState): void {
    if (this.requested || this.done || state.name !== basename(this.request.project).slice(0, 255)) return;
    this.requested = true;
    this.hooks.exportPng();
  }

  /** The page's savePng was answered: the PNG written, or why not. */
  saved(result: { status: 'saved'; path: string } | { status: 'failed'; reason: string } | { status: 'canceled' }): void {
    if (result.status === 'saved') this.finish(0, `Exported ${result.path}`);
    else this.finish(1, `hinge --export: could not write ${this.request.output}: ${result.status === 'failed' ? result.reason : 'canceled'}`);
  }

  /** The page or the window went away before the export finished. */
  failed(reason: string): void {
    this.finish(1, `hinge --export: ${reason}`);
  }

  private finish(code: number, message: string): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    this.hooks.exit(code, message);
  }
}
