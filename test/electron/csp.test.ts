import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, META_CONTENT_SECURITY_POLICY } from '../../electron/csp.js';

/** 'a b; c d' -> { a: ['b'], c: ['d'] } */
function parsePolicy(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((tokens) => tokens[0])
      .map(([directive, ...sources]) => [directive, sources]),
  );
}

describe('content security policy', () => {
  const policy = parsePolicy(CONTENT_SECURITY_POLICY);

  it('is the agreed policy, word for word', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "form-action 'none'; frame-ancestors 'none'",
    );
    expect(policy).toEqual(CSP_DIRECTIVES);
  });

  it('never allows eval, and no inline script; only WebAssembly compilation (the dense kernels)', () => {
    // 'wasm-unsafe-eval' permits WebAssembly.compile/instantiate alone, not eval or new Function.
    expect(CONTENT_SECURITY_POLICY.replaceAll("'wasm-unsafe-eval'", '')).not.toContain('unsafe-eval');
    expect(policy['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy['default-src']).toEqual(["'self'"]);
  });

  it('forbids plugins, base rewriting, form posts and framing', () => {
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['base-uri']).toEqual(["'none'"]);
    expect(policy['form-action']).toEqual(["'none'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
  });

  it('leaves out of the meta form only what a meta tag cannot carry', () => {
    const meta = parsePolicy(META_CONTENT_SECURITY_POLICY);
    const { 'frame-ancestors': _headerOnly, ...rest } = policy;
    expect(meta).toEqual(rest);
  });

  const indexHtml = join(import.meta.dirname, '../../renderer/index.html');
  it.skipIf(!existsSync(indexHtml))("matches the meta policy in the renderer's index.html", () => {
    const html = readFileSync(indexHtml, 'utf8');
    const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(match, 'index.html has no CSP meta tag').not.toBeNull();
    expect(parsePolicy(match?.[1] ?? '')).toEqual(parsePolicy(META_CONTENT_SECURITY_POLICY));
  });
});
