// A second Hinge: it hands its files to the first (requestSingleInstanceLock's additionalData) and
// quits without opening anything. Also: the smoke test's switches, honoured because unpackaged.
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { fake, FakeBrowserWindow } from './fake-electron.js';

beforeAll(async () => {
  fake.app.requestSingleInstanceLock.mockReturnValue(false);
  vi.stubEnv('HINGE_E2E', '1');
  vi.stubEnv('HINGE_TEST_USER_DATA', '/tmp/hinge-smoke-user-data');
  try {
    await import('../../electron/main.js');
  } finally {
    vi.unstubAllEnvs();
  }
});

describe('a second instance', () => {
  it('quits at once and never opens a window or answers IPC', async () => {
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    fake.app.becomeReady();
    await new Promise((resolve) => setImmediate(resolve));
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcHandlers.size).toBe(0);
    expect(fake.app.listenerCount('second-instance')).toBe(0);
  });

  it('uses the smoke test userData folder (unpackaged, HINGE_E2E=1), so the lock is per test run', () => {
    expect(fake.app.setPath).toHaveBeenCalledWith('userData', '/tmp/hinge-smoke-user-data');
    expect(fake.app.setPath.mock.invocationCallOrder[0]).toBeLessThan(fake.app.requestSingleInstanceLock.mock.invocationCallOrder[0]!);
  });
});
