// Updates: the feed configuration, and the real electron-updater asking a generic feed served on
// 127.0.0.1 by this test (no network) whether a newer version is out. Electron's `net` is faked
// with Node's http (electron-updater requires 'electron' through Node's loader, so the fake goes
// into require.cache); the app adapter says "packaged, version 0.1.0".
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const require = createRequire(import.meta.url);
const fakeElectron = {
  app: { getVersion: () => '0.1.0', getName: () => 'Hinge', isPackaged: true, getPath: () => tmpdir(), on: () => undefined, whenReady: () => Promise.resolve() },
  net: { request: (options: Record<string, unknown>) => httpRequest({ protocol: options.protocol as string, hostname: options.hostname as string, port: options.port as number, path: options.path as string, method: (options.method as string) ?? 'GET', headers: options.headers as Record<string, string> }) },
  session: { fromPartition: () => ({}) },
};
require.cache[require.resolve('electron')] = { exports: fakeElectron } as never;

const { NsisUpdater } = require('electron-updater') as typeof import('electron-updater');
// With an app adapter of its own, electron-updater leaves the HTTP executor to the caller; this is
// the one it makes for itself in Electron, over the (faked) electron.net.
const { ElectronHttpExecutor } = require('electron-updater/out/electronHttpExecutor') as { ElectronHttpExecutor: new () => unknown };
const { UpdateSettings, checkForUpdate, configureUpdater, updateFeedUrl } = await import('../../electron/updater.js');

const dir = mkdtempSync(join(tmpdir(), 'hinge-updates-'));
let server: Server;
let feed = '';
let latest = '0.2.0';
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (/^\/hinge\/latest(-linux|-mac)?\.yml(\?|$)/.test(req.url ?? "")) {
      res.writeHead(200, { 'content-type': 'text/yaml' });
      res.end(`version: ${latest}\nfiles:\n  - url: Hinge-${latest}.AppImage\n    sha512: ${'A'.repeat(86)}==\n    size: 100\npath: Hinge-${latest}.AppImage\nsha512: ${'A'.repeat(86)}==\nreleaseDate: '2026-12-05T00:00:00.000Z'\n`);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  feed = `http://127.0.0.1:${address.port}/hinge/`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function updater() {
  const app = {
    version: '0.1.0', name: 'Hinge', isPackaged: true, appUpdateConfigPath: join(dir, 'app-update.yml'), userDataPath: dir, baseCachePath: dir,
    whenReady: () => Promise.resolve(), relaunch: vi.fn(), quit: vi.fn(), onQuit: vi.fn(),
  };
  const u = new NsisUpdater(undefined, app);
  (u as unknown as { httpExecutor: unknown }).httpExecutor = new ElectronHttpExecutor();
  configureUpdater(u, feed, { info: () => undefined, warn: () => undefined, error: () => undefined });
  return u;
}

describe('the update feed', () => {
  it('is off unless set, and only https (or http on this machine)', () => {
    expect(updateFeedUrl({}, {})).toBeUndefined();
    expect(updateFeedUrl({ HINGE_UPDATE_URL: 'https://example.org/hinge/' }, {})).toBe('https://example.org/hinge/');
    expect(updateFeedUrl({}, { hingeUpdateUrl: 'https://example.org/u/' })).toBe('https://example.org/u/');
    expect(updateFeedUrl({ HINGE_UPDATE_URL: 'http://example.org/' }, {})).toBeUndefined();
    expect(updateFeedUrl({ HINGE_UPDATE_URL: 'http://127.0.0.1:9/' }, {})).toBe('http://127.0.0.1:9/');
    expect(updateFeedUrl({ HINGE_UPDATE_URL: 'file:///etc/' }, {})).toBeUndefined();
    expect(updateFeedUrl({ HINGE_UPDATE_URL: 'not a url' }, {})).toBeUndefined();
  });

  it('configures a generic provider that never downloads without asking', () => {
    const u = updater();
    expect(u.autoDownload).toBe(false);
    expect(u.allowPrerelease).toBe(false);
    expect(u.allowDowngrade).toBe(false);
  });

  it('finds a newer version on the local feed, and none when the feed has this one', async () => {
    latest = '0.2.0';
    const first = await checkForUpdate(updater(), '0.1.0');
    expect(first).toEqual({ status: 'available', version: '0.2.0', current: '0.1.0' });
    expect(requests.some((url) => url.startsWith('/hinge/latest'))).toBe(true);
    latest = '0.1.0';
    expect(await checkForUpdate(updater(), '0.1.0')).toEqual({ status: 'current', version: '0.1.0' });
  });

  it('says why when the feed is not there', async () => {
    const u = updater();
    u.setFeedURL({ provider: 'generic', url: `${feed}missing/` });
    const result = await checkForUpdate(u, '0.1.0');
    expect(result.status).toBe('failed');
    expect((result as { reason: string }).reason).toMatch(/404|Cannot find/);
  });

  it('remembers whether to check at start', async () => {
    const settings = new UpdateSettings(join(dir, 'updates.json'));
    expect(await settings.checkAtStart()).toBe(true);
    await settings.setCheckAtStart(false);
    expect(await settings.checkAtStart()).toBe(false);
    await settings.setCheckAtStart(true);
    expect(await settings.checkAtStart()).toBe(true);
  });
});
