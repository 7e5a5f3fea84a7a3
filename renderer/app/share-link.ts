/**
 * Share links in the page: the link to the current view (one lab, or the whole project) and the
 * opening of a link found in the address (a pasted URL, a `hinge://` link handed over by the
 * desktop app's main process). Encoding and validation are src/project/link.ts; this file only
 * reads the session and applies a checked project to it.
 */
import { LinkError, decodeLink, encodeLink, linkPayload, projectForLink, type LinkScope } from '../../src/project/link.js';
import type { ViewId } from '../../src/project/index.js';
import { session } from '../project/session.js';

/** Where a link points: the page's own address in a browser, `hinge://open/` in the desktop app. */
export function linkBase(kind: 'desktop' | 'browser'): string {
  return kind === 'desktop' ? 'hinge://open/' : `${location.origin}${location.pathname}`;
}

/** The link to the current view; throws a ProjectError if a lab holds a state no file could keep. */
export function currentLink(kind: 'desktop' | 'browser', view: ViewId, theme: 'dark' | 'light', scope: LinkScope): string {
  return linkBase(kind) + encodeLink(projectForLink(session.snapshot(view, theme), scope));
}

export interface LinkOpener {
  /** Asks about unsaved work: true when it may be replaced. */
  confirmDiscard(question: string): Promise<boolean>;
  navigate(view: ViewId): void;
  notify(message: string, kind: 'info' | 'error'): void;
}

/**
 * Opens the link in `url` (a URL or a fragment) if it has one: validated first, the unsaved-work
 * question second, and only then the session replaced (an untitled project; the theme stays the
 * reader's own). The fragment is then reduced to the view, so a reload restores the autosave
 * instead of the link. Returns true when a link was opened.
 */
export async function openLink(url: string, opener: LinkOpener): Promise<boolean> {
  const payload = linkPayload(url);
  if (payload === undefined) return false;
  const dropLinkFromAddress = (view: string) => {
    if (linkPayload(location.hash) !== undefined) history.replaceState(history.state, '', `#/${view}`);
  };
  let project;
  try {
    project = decodeLink(decodeURIComponent(payload));
  } catch (error) {
    const reason = error instanceof LinkError || error instanceof URIError ? error.message : String(error);
    opener.notify(`Could not open the link: ${reason}. Your current work is unchanged.`, 'error');
    dropLinkFromAddress(location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] || 'map');
    return false;
  }
  if (session.dirty && !(await opener.confirmDiscard('Save your changes before opening the shared link?'))) {
    dropLinkFromAddress(project.view);
    return false;
  }
  session.applyProject(project, null, undefined);
  dropLinkFromAddress(project.view);
  opener.navigate(project.view);
  const labs = Object.keys(project.labs).length;
  opener.notify(labs > 1 ? `Opened a shared project (${labs} labs).` : 'Opened a shared view.', 'info');
  return true;
}
