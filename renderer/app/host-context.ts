import { createContext } from '@lit/context';
import type { Host } from '../host/host.js';

/** The Host every lab uses for files and the clipboard, provided by <hinge-app>. */
export const hostContext = createContext<Host>(Symbol('hinge-host'));

/** Adds the open project to an exported PNG (so the picture reopens as the project), provided by <hinge-app>. */
export type PngDecoration = (png: Uint8Array) => Uint8Array;
export const pngDecorationContext = createContext<PngDecoration>(Symbol('hinge-png-decoration'));
