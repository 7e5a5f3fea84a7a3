import { describe, expect, it } from 'vitest';
import { isOwnPageUrl, resolveOwnPage } from '../../electron/page.js';

const rendererRoot = '/opt/hinge/out/renderer';

describe('resolveOwnPage', () => {
  it('serves the bundled renderer on app://hinge/ when no dev server is given', () => {
    expect(resolveOwnPage({ rendererRoot, isPackaged: false })).toEqual({
      kind: 'app',
      url: 'app://hinge/index.html',
      root: rendererRoot,
    });
  });

  it('uses a loopback dev server only when unpackaged', () => {
    expect(resolveOwnPage({ rendererRoot, devServerUrl: 'http://localhost:5173', isPackaged: false })).toEqual({
      kind: 'dev',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
    expect(resolveOwnPage({ rendererRoot, devServerUrl: 'http://127.0.0.1:5173/', isPackaged: false }).kind).toBe('dev');
  });

  it.each([
    ['a packaged app', 'http://localhost:5173/', true],
    ['a remote host', 'https://evil.example/', false],
    ['a non-http scheme', 'file:///tmp/evil.html', false],
    ['garbage', 'not a url', false],
    ['an empty value', '', false],
  ])('ignores the dev server URL for %s', (_label, devServerUrl, isPackaged) => {
    expect(resolveOwnPage({ rendererRoot, devServerUrl, isPackaged }).kind).toBe('app');
  });
});

describe('isOwnPageUrl', () => {
  const appPage = resolveOwnPage({ rendererRoot, isPackaged: true });

  it.each([
    ['app://hinge/index.html', true],
    ['app://hinge/index.html#/svd', true],
    ['app://hinge/index.html?x=1#/layer', true],
    ['app://hinge/./index.html', true],
    ['app://hinge/index.htm', false],
    ['app://hinge/other.html', false],
    ['app://hinge/', false],
    ['app://evil/index.html', false],
    ['app://hinge:8080/index.html', false],
    ['app://user@hinge/index.html', false],
    ['file:///opt/hinge/out/renderer/index.html', false],
    ['http://hinge/index.html', false],
    ['https://example.com/', false],
    ['javascript:alert(1)', false],
    ['', false],
    ['not a url', false],
  ])('%s is ours: %s', (url, expected) => {
    expect(isOwnPageUrl(appPage, url)).toBe(expected);
  });

  it('matches the dev server by origin', () => {
    const devPage = resolveOwnPage({ rendererRoot, devServerUrl: 'http://localhost:5173/', isPackaged: false });
    expect(isOwnPageUrl(devPage, 'http://localhost:5173/index.html#/svd')).toBe(true);
    expect(isOwnPageUrl(devPage, 'http://localhost:5174/')).toBe(false);
    expect(isOwnPageUrl(devPage, 'app://hinge/index.html')).toBe(false);
  });
});
