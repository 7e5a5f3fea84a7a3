// The gate of `npm run security` (scripts/security.mjs) is not vacuous: Electronegativity finds a
// HIGH in a window that turns the sandbox off, the gate fails on it, and on a file it cannot parse.
// The gate itself (electron/ and the built main process have no HIGH) is `npm run security`, which
// npm test runs beside vitest.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Issue = { id: string; severity: string; file: string; line: number };
type Scan = { issues: Issue[]; errors: { file: string; message: string; tolerable: boolean }[] };
// @ts-expect-error: a plain .mjs script without type declarations
const security = (await import('../../scripts/security.mjs')) as { scan(input: string): Promise<Scan>; problemsIn(scan: Scan): string[] };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hinge-electronegativity-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run security', () => {
  it('fails on a window without context isolation', async () => {
    writeFileSync(
      join(dir, 'bad.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { contextIsolation: false, nodeIntegration: true } });\n",
    );
    const result = await security.scan(dir);
    expect(result.issues.filter((i) => i.severity === 'HIGH').map((i) => i.id)).toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(security.problemsIn(result).some((p) => p.startsWith('CONTEXT_ISOLATION_JS_CHECK at bad.js:2'))).toBe(true);
  }, 30_000);

  it('fails when it cannot parse a file, since that file went unchecked', () => {
    expect(security.problemsIn({ issues: [], errors: [{ file: 'main.js', message: 'Unknown node type', tolerable: false }] })).toEqual([
      'could not parse main.js: Unknown node type',
    ]);
    expect(security.problemsIn({ issues: [{ id: 'X', severity: 'MEDIUM', file: 'a.js', line: 1 }], errors: [] })).toEqual([]);
  });
});
