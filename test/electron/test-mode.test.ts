import { describe, expect, it } from 'vitest';
import { testOverrides } from '../../electron/test-mode.js';

const env = { HINGE_E2E: '1', HINGE_TEST_SAVE_PATH: '/tmp/smoke/export.png', HINGE_TEST_USER_DATA: '/tmp/smoke/user-data' };

describe('testOverrides', () => {
  it('honours the smoke-test switches in an unpackaged run with HINGE_E2E=1', () => {
    expect(testOverrides(env, false)).toEqual({ savePath: '/tmp/smoke/export.png', userData: '/tmp/smoke/user-data' });
  });

  it('ignores them in a packaged app, whatever the environment says', () => {
    expect(testOverrides(env, true)).toEqual({});
  });

  it.each([
    ['HINGE_E2E unset', { ...env, HINGE_E2E: undefined }],
    ['HINGE_E2E=true', { ...env, HINGE_E2E: 'true' }],
    ['HINGE_E2E=0', { ...env, HINGE_E2E: '0' }],
  ])('ignores them with %s', (_label, e) => {
    expect(testOverrides(e, false)).toEqual({});
  });

  it('ignores relative paths and a save path that is not a .png', () => {
    expect(testOverrides({ HINGE_E2E: '1', HINGE_TEST_SAVE_PATH: 'export.png', HINGE_TEST_USER_DATA: 'data' }, false)).toEqual({});
    expect(testOverrides({ HINGE_E2E: '1', HINGE_TEST_SAVE_PATH: '/home/me/.bashrc' }, false)).toEqual({});
  });
});
