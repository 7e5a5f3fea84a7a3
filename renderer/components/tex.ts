import katex from 'katex';
import katexCss from 'katex/dist/katex.min.css?inline';
import { unsafeCSS } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';

/**
 * KaTeX's class rules for use inside a shadow root (`static styles`). Its @font-face rules only
 * work at document level, so main.ts also imports the stylesheet globally.
 */
export const katexStyles = unsafeCSS(katexCss);

/** Typesets TeX that Hinge itself wrote (never user text) as HTML. */
export function tex(source: string, displayMode = false) {
  return unsafeHTML(katex.renderToString(source, { throwOnError: false, displayMode, output: 'html', strict: 'ignore' }));
}

/** A column vector or matrix as a TeX bmatrix, each entry formatted by `format`. */
export function texMatrix(rows: readonly (readonly number[])[], format: (v: number) => string, color?: string): string {
  const body = rows.map((row) => row.map((v) => format(v)).join(' & ')).join(' \\\\ ');
  const m = `\\begin{bmatrix} ${body} \\end{bmatrix}`;
  return color ? `{\\color{${color}} ${m}}` : m;
}
