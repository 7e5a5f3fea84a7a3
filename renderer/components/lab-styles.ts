/**
 * The look every lab shares (DESIGN.md): the controls panel at the right, its headings and lede,
 * rows of controls, the focus ring and the error line. A lab lists these first in its `styles` and
 * adds only its own rules after them (a later rule of the same selector wins, e.g. a tighter `.row`).
 */
import { css } from 'lit';

/** The muted small-caps-like heading of a panel section (labs, imported-matrix panels, the import dialog). */
export const sectionHeading = css`
  h2 { font-size: 13px; letter-spacing: 0.02em; color: var(--muted); margin: 0 0 8px; font-weight: 600; }
`;

/** The keyboard focus ring of every control. */
export const focusRing = css`
  button:focus-visible, select:focus-visible, input:focus-visible, textarea:focus-visible, summary:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
`;

/**
 * A lab's controls panel: the `<aside>` (its grid placement stays in the lab), the lab's title and
 * lede, section headings, notes, rows of controls, the focus ring and the error line.
 */
export const labPanel = [
  css`
    aside { background: var(--panel); border-left: 1px solid var(--border); overflow-y: auto; overflow-x: hidden; padding: 14px 16px 24px; display: grid; grid-template-columns: minmax(0, 1fr); align-content: start; gap: 18px; }
    h1 { font-size: 18px; margin: 0; font-weight: 650; }
    .lede, .note { color: var(--muted); font-size: 13px; margin: 4px 0 0; line-height: 1.45; }
    .row { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; font-size: 13px; }
    .error { color: var(--error); font-size: 12.5px; }
  `,
  sectionHeading,
  focusRing,
];

/**
 * A lab whose stage is a bar of tabs over switchable views (Gradients, LoRA): the two-column host,
 * the stage column, the bar and its tab buttons (the selected one filled with the accent).
 */
export const tabbedStage = css`
  :host { display: grid; grid-template-columns: minmax(0, 1fr) 392px; height: 100%; }
  .stage { min-height: 0; min-width: 0; display: flex; flex-direction: column; }
  .bar { display: flex; gap: 10px; align-items: center; padding: 10px 14px; border-bottom: 1px solid var(--border); background: var(--panel); flex-wrap: wrap; }
  .tabs { display: flex; gap: 4px; }
  .tabs button { font: inherit; font-size: 13px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 5px 11px; cursor: pointer; }
  .tabs button[aria-selected='true'] { background: var(--accent); color: var(--on-accent); border-color: transparent; }
  .tabs button:disabled { opacity: 0.5; cursor: not-allowed; }
  .tabs button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
`;
