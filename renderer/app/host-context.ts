import { createContext } from '@lit/context';
import type { Host } from '../host/host.js';

/** The Host every lab uses for files and the clipboard, provided by <hinge-app>. */
export const hostContext = createContext<Host>(Symbol('hinge-host'));
