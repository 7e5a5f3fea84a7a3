// Permissions mean nothing to root, so the save and autosave tests that need them are skipped in a
// root run — and run here instead, again, as the unprivileged user `nobody` (util-linux's setpriv,
// with every supplementary group dropped). A machine without setpriv or `nobody` says so and fails,
// rather than passing without having checked anything.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const FILES = ['test/electron/atomic-write.test.ts', 'test/electron/autosave.test.ts'];

describe.runIf(process.getuid?.() === 0)('the permission tests, as a non-root user', () => {
  it('atomic-write.test.ts and autosave.test.ts pass as nobody, with nothing skipped', () => {
    expect(existsSync('/usr/bin/setpriv') || existsSync('/bin/setpriv'), 'setpriv (util-linux) is needed to drop root').toBe(true);
    const result = spawnSync(
      'setpriv',
      // The config is loaded without writing a bundled copy into node_modules (nobody may not write there).
      ['--reuid=nobody', '--regid=nogroup', '--clear-groups', '--', process.execPath, join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--configLoader', 'runner', ...FILES],
      { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: tmpdir(), TMPDIR: tmpdir(), NO_COLOR: '1', FORCE_COLOR: '0' } },
    );
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output).toMatch(/Test Files\s+2 passed/);
    expect(output, 'as nobody, no permission test may be skipped').not.toMatch(/skipped/);
  });
});
