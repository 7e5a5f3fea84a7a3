/**
 * Hinge's log file, `logs/hinge.log` in the data folder: errors of the main process and of the
 * page (console errors, uncaught exceptions, crashes), one line each with a timestamp. When the
 * file passes `maxBytes` it is rotated: hinge.log → hinge.1.log → … → hinge.<keep>.log, the oldest
 * dropped, so the folder never holds more than (keep + 1) × maxBytes. The last errors are also
 * kept in memory for "Copy diagnostics".
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogOptions {
  readonly maxBytes?: number;
  readonly keep?: number;
  readonly now?: () => Date;
}

/** The most a single line may hold (characters); longer messages are cut. */
export const MAX_LINE_CHARS = 4000;

export class LogFile {
  readonly file: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly now: () => Date;
  private readonly recent: string[] = [];

  constructor(
    readonly folder: string,
    options: LogOptions = {},
  ) {
    this.file = join(folder, 'hinge.log');
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.keep = options.keep ?? 3;
    this.now = options.now ?? (() => new Date());
  }

  /** Appends one line; never throws (a log that cannot be written must not take the app down). */
  write(level: LogLevel, source: 'main' | 'renderer', message: string): void {
    const flat = message.replace(/[\r\n]+/g, ' ⏎ ').slice(0, MAX_LINE_CHARS);
    const line = `${this.now().toISOString()} ${level.toUpperCase()} [${source}] ${flat}\n`;
    if (level === 'error') {
      this.recent.push(line.trimEnd());
      if (this.recent.length > 20) this.recent.shift();
    }
    try {
      mkdirSync(this.folder, { recursive: true });
      this.rotateIfNeeded(Buffer.byteLength(line));
      appendFileSync(this.file, line);
    } catch {
      // the disk is full or the folder is read-only: the in-memory errors still reach diagnostics
    }
  }

  /** The last errors written (newest last), for diagnostics. */
  lastErrors(count = 10): string[] {
    return this.recent.slice(-count);
  }

  private rotateIfNeeded(incoming: number): void {
    let size = 0;
    try {
      size = statSync(this.file).size;
    } catch {
      return;
    }
    if (size + incoming <= this.maxBytes) return;
    rmSync(this.rotated(this.keep), { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      try {
        renameSync(this.rotated(i), this.rotated(i + 1));
      } catch {
        // that generation does not exist yet
      }
    }
    renameSync(this.file, this.rotated(1));
  }

  /** The path of rotated generation `n` (1 is the newest). */
  rotated(n: number): string {
    return join(this.folder, `hinge.${n}.log`);
  }
}

/** The text "Copy diagnostics" puts on the clipboard: versions, OS, GPU, the last errors. */
export function diagnosticsText(info: {
  readonly app: string;
  readonly versions: Readonly<Record<string, string | undefined>>;
  readonly os: string;
  readonly gpu: unknown;
  readonly logFile: string;
  readonly errors: readonly string[];
}): string {
  const v = info.versions;
  return [
    `Hinge ${info.app}`,
    `Electron ${v.electron ?? '?'} · Chromium ${v.chrome ?? '?'} · Node ${v.node ?? '?'} · V8 ${v.v8 ?? '?'}`,
    `OS: ${info.os}`,
    `GPU: ${JSON.stringify(info.gpu)}`,
    `Log: ${info.logFile}`,
    `Last errors (${info.errors.length}):`,
    ...(info.errors.length ? info.errors.map((e) => `  ${e}`) : ['  none']),
  ].join('\n');
}
