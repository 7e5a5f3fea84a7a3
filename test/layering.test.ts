// The house rules of STYLE.md, checked on every import: src/ stays pure, the renderer never
// touches electron or node, and only the main process and preload import electron.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g)];
  return found.map((m) => m[1] ?? m[2] ?? m[3]!);
}

const NODE_BUILTIN = /^(node:|fs$|path$|os$|child_process$|crypto$|url$|util$|stream$)/;

describe('layering', () => {
  it('src/ imports nothing from the DOM world, node, electron, three or lit', () => {
    for (const file of sources('src')) {
      for (const spec of imports(file)) {
        expect(spec, `${file} imports ${spec}`).not.toMatch(/^(electron|three|lit|@lit\/|katex)/);
        expect(spec, `${file} imports ${spec}`).not.toMatch(NODE_BUILTIN);
        if (spec.startsWith('.')) expect(relative('src', join(file, '..', spec)).startsWith('..'), `${file} reaches outside src/`).toBe(false);
      }
      const text = readFileSync(join(root, file), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      expect(text, `${file} touches the DOM`).not.toMatch(/\b(document|window|navigator|localStorage)\./);
    }
  });

  it('the renderer never imports electron or node, nor the main process', () => {
    for (const file of sources('renderer')) {
      for (const spec of imports(file)) {
        expect(spec, `${file} imports ${spec}`).not.toMatch(/^electron/);
        expect(spec, `${file} imports ${spec}`).not.toMatch(NODE_BUILTIN);
        expect(spec, `${file} imports ${spec}`).not.toMatch(/(^|\/)electron\//);
      }
    }
  });

  it('the main process and preload do not import the renderer', () => {
    for (const file of sources('electron')) {
      for (const spec of imports(file)) expect(spec, `${file} imports ${spec}`).not.toMatch(/(^|\/)renderer\//);
    }
  });

  it("every end-to-end spec takes Playwright's test from test/e2e/fixtures.ts (a returning user's contexts)", () => {
    const specs = sources('test/e2e').filter((file) => file.endsWith('.spec.ts'));
    expect(specs.length).toBeGreaterThan(30);
    for (const file of specs) expect(imports(file), file).not.toContain('@playwright/test');
  });

  it('finds the files it checks (so it cannot pass vacuously)', () => {
    expect(sources('src').length).toBeGreaterThan(3);
    expect(sources('renderer').length).toBeGreaterThan(5);
    expect(sources('electron').length).toBeGreaterThan(3);
  });
});
