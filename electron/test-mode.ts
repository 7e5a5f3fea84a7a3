/**
 * Switches for the desktop smoke test (`npm run test:electron`), honoured only when HINGE_E2E=1 and
 * the app runs unpackaged (`electron out/main/main.js`). A packaged Hinge ignores them whatever the
 * environment says, so they cannot redirect a user's saves.
 *
 * Why an environment variable: a native save dialog lives outside the page, where Playwright cannot
 * click; with HINGE_TEST_SAVE_PATH the export still runs the real path (IPC, sender check, payload
 * validation, atomic write), only the question "where?" is answered in advance.
 */
import { isAbsolute } from 'node:path';

export interface TestOverrides {
  /** Where savePng writes instead of showing the dialog (HINGE_TEST_SAVE_PATH, an absolute .png path). */
  readonly savePath?: string;
  /** A fresh userData folder (HINGE_TEST_USER_DATA, absolute): autosave, window state, instance lock. */
  readonly userData?: string;
}

/** The test switches `env` sets, or none unless HINGE_E2E=1 and `isPackaged` is false. */
export function testOverrides(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): TestOverrides {
  if (isPackaged || env.HINGE_E2E !== '1') return {};
  const savePath = env.HINGE_TEST_SAVE_PATH;
  const userData = env.HINGE_TEST_USER_DATA;
  return {
    ...(savePath && isAbsolute(savePath) && savePath.toLowerCase().endsWith('.png') ? { savePath } : {}),
    ...(userData && isAbsolute(userData) ? { userData } : {}),
  };
}
