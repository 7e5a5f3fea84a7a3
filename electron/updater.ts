/**
 * Updates through electron-updater with a generic provider: a folder on any web server holding
 * the `latest*.yml` files and the packages electron-builder makes. Off unless a feed is set
 * (`HINGE_UPDATE_URL`, or `hingeUpdateUrl` in package.json, an https URL — or http on
 * 127.0.0.1 for tests); the user can also turn the check at start off (Help menu), kept in
 * `updates.json` in the data folder. Hinge never downloads without asking: it says a version is
 * out, and downloads and installs on quit only when the user agrees.
 */
import { readFile } from 'node:fs/promises';
import type { AppUpdater, UpdateCheckResult } from 'electron-updater';
import { writeFileAtomic } from './atomic-write.js';

/** The feed URL from the environment or package.json, if it is one Hinge will use. */
export function updateFeedUrl(env: Readonly<Record<string, string | undefined>>, packageJson: { hingeUpdateUrl?: unknown }): string | undefined {
  const candidate = env.HINGE_UPDATE_URL ?? (typeof packageJson.hingeUpdateUrl === 'string' ? packageJson.hingeUpdateUrl : undefined);
  if (!candidate) return undefined;
  try {
    const url = new URL(candidate);
    const local = url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
    return url.protocol === 'https:' || local ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Points `updater` at the generic feed, asking before any download. */
export function configureUpdater(updater: AppUpdater, feedUrl: string, logger?: AppUpdater['logger']): void {
  updater.setFeedURL({ provider: 'generic', url: feedUrl });
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = true;
  updater.allowPrerelease = false;
  updater.allowDowngrade = false;
  if (logger) updater.logger = logger;
}

export type UpdateCheck =
  | { readonly status: 'available'; readonly version: string; readonly current: string }
  | { readonly status: 'current'; readonly version: string }
  | { readonly status: 'failed'; readonly reason: string };

/** Asks the feed whether a newer version is out (never downloads). */
export async function checkForUpdate(updater: AppUpdater, current: string): Promise<UpdateCheck> {
  let result: UpdateCheckResult | null;
  try {
    result = await updater.checkForUpdates();
  } catch (error) {
    return { status: 'failed', reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
  if (!result) return { status: 'failed', reason: 'updates are not available for this build (not packaged)' };
  return result.isUpdateAvailable ? { status: 'available', version: result.updateInfo.version, current } : { status: 'current', version: current };
}

/** The user's update settings, in `updates.json` in the data folder. */
export class UpdateSettings {
  constructor(private readonly file: string) {}

  /** Whether to check at start (true unless the user turned it off). */
  async checkAtStart(): Promise<boolean> {
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as { checkAtStart?: unknown };
      return parsed.checkAtStart !== false;
    } catch {
      return true;
    }
  }

  async setCheckAtStart(on: boolean): Promise<void> {
    await writeFileAtomic(this.file, new TextEncoder().encode(`${JSON.stringify({ checkAtStart: on })}\n`));
  }
}
