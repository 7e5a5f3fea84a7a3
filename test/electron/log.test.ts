// The log file: one line per entry with time, level and source; rotation keeps at most keep + 1
// files of at most maxBytes; the last errors are kept for diagnostics; a folder that cannot be
// written never throws.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LogFile, MAX_LINE_CHARS, diagnosticsText } from '../../electron/log.js';

const root = mkdtempSync(join(tmpdir(), 'hinge-log-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const clock = () => new Date('2026-12-05T20:00:00.000Z');

describe('LogFile', () => {
  it('writes one line per entry, multi-line messages folded, long ones cut', () => {
    const log = new LogFile(join(root, 'a'), { now: clock });
    log.write('error', 'renderer', 'TypeError: x is undefined\n    at f (app.js:1)');
    log.write('info', 'main', 'y'.repeat(MAX_LINE_CHARS + 100));
    const lines = readFileSync(log.file, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('2026-12-05T20:00:00.000Z ERROR [renderer] TypeError: x is undefined ⏎     at f (app.js:1)');
    expect(lines[1]!.length).toBe('2026-12-05T20:00:00.000Z INFO [main] '.length + MAX_LINE_CHARS);
    expect(log.lastErrors()).toEqual([lines[0]]);
  });

  it('rotates past maxBytes, keeping `keep` old files, oldest dropped', () => {
    const log = new LogFile(join(root, 'b'), { maxBytes: 200, keep: 2, now: clock });
    const line = (i: number) => `entry ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`; // 84 bytes a line
    for (let i = 0; i < 20; i++) log.write('warn', 'main', line(i));
    for (const file of [log.file, log.rotated(1), log.rotated(2)]) {
      expect(existsSync(file), file).toBe(true);
      expect(statSync(file).size).toBeLessThanOrEqual(200);
    }
    expect(existsSync(log.rotated(3))).toBe(false);
    // Newest in hinge.log, the two before in .1 and .2, nothing lost in between.
    const all = [log.rotated(2), log.rotated(1), log.file].flatMap((f) => readFileSync(f, 'utf8').trimEnd().split('\n'));
    const numbers = all.map((l) => Number(/entry (\d+)/.exec(l)![1]));
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, k) => 20 - numbers.length + k));
    expect(numbers.at(-1)).toBe(19);
  });

  it('never throws when the folder cannot be written, and still keeps the errors', () => {
    const blocked = join(root, 'file-not-folder');
    writeFileSync(blocked, 'x');
    const log = new LogFile(join(blocked, 'logs'));
    expect(() => log.write('error', 'main', 'disk trouble')).not.toThrow();
    expect(log.lastErrors()).toHaveLength(1);
  });
});

describe('diagnostics', () => {
  it('names versions, OS, GPU, the log and the last errors', () => {
    const text = diagnosticsText({
      app: '0.1.0', versions: { electron: '45.5.0', chrome: '142.0', node: '22.1', v8: '14.2' }, os: 'linux 6.1 x64',
      gpu: { webgl: 'enabled' }, logFile: '/home/u/.config/Hinge/logs/hinge.log', errors: ['2026 ERROR [renderer] boom'],
    });
    expect(text).toContain('Hinge 0.1.0');
    expect(text).toContain('Electron 45.5.0 · Chromium 142.0 · Node 22.1');
    expect(text).toContain('GPU: {"webgl":"enabled"}');
    expect(text).toContain('  2026 ERROR [renderer] boom');
  });
});
