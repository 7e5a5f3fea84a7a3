import { css } from 'lit';
import { sectionHeading } from '../components/lab-styles.js';

/** The import dialog's look: the app's panels and fields (DESIGN.md), in both themes through its variables. */
export const dialogStyles = [
  sectionHeading,
  css`
    dialog { width: min(960px, 94vw); max-height: 90vh; padding: 0; border: 1px solid var(--border); border-radius: 10px; background: var(--panel); color: var(--text);
      box-shadow: 0 18px 60px rgba(0, 0, 0, 0.45); font-family: var(--font-ui); font-size: 13.5px; overflow: hidden; }
    dialog[open] { display: grid; grid-template-rows: auto minmax(0, 1fr) auto; }
    dialog::backdrop { background: rgba(8, 10, 14, 0.55); }
    header { display: flex; gap: 12px; align-items: center; padding: 14px 18px; border-bottom: 1px solid var(--border); }
    .heading { flex: 1; min-width: 0; }
    h1 { font-size: 17px; margin: 0 0 2px; font-weight: 650; }
    .file { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; min-width: 0; }
    .file .name { font-family: var(--font-mono); font-weight: 600; overflow-wrap: anywhere; }
    .meta, .count { color: var(--muted); font-size: 12.5px; font-weight: 400; }
    .count { margin-left: 6px; letter-spacing: 0; }
    .body { overflow: auto; padding: 14px 18px 16px; display: grid; gap: 16px; align-content: start; }
    footer { display: flex; gap: 10px; align-items: center; padding: 12px 18px; border-top: 1px solid var(--border); background: var(--panel-2); }
    footer .status { flex: 1; color: var(--muted); font-size: 12.5px; }
    section { min-width: 0; }
    .columns { display: grid; grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr); gap: 18px; align-items: start; }
    .left { display: grid; gap: 16px; min-width: 0; }
    button, select, .choose { font: inherit; font-size: 13px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 5px; padding: 6px 11px; cursor: pointer; }
    button:hover, .choose:hover { border-color: var(--accent); }
    button.primary { background: var(--accent); color: var(--on-accent); border-color: transparent; font-weight: 600; }
    button:disabled { opacity: 0.5; cursor: default; }
    button.icon { background: none; border-color: transparent; font-size: 15px; padding: 4px 8px; color: var(--muted); }
    button:focus-visible, select:focus-visible, input:focus-visible, .choose:focus-within { outline: 2px solid var(--accent); outline-offset: 1px; }
    .choose { position: relative; white-space: nowrap; }
    .choose input { position: absolute; inset: 0; opacity: 0; cursor: pointer; width: 100%; }
    input[type='number'], input[type='search'] { font: 13px var(--font-mono); background: var(--field); color: var(--text); border: 1px solid var(--border); border-radius: 4px; padding: 4px 6px; }
    input[type='number'] { width: 72px; }
    .filter { width: 100%; box-sizing: border-box; margin-bottom: 6px; font-family: var(--font-ui) !important; }
    .hint { color: var(--muted); font-size: 12.5px; line-height: 1.45; margin: 6px 0 0; }
    .mono, .tname { font-family: var(--font-mono); font-size: 12.5px; }
    .empty { padding: 18px 4px 26px; line-height: 1.55; max-width: 70ch; }
    .empty p { margin: 0 0 6px; }
    .reading { display: flex; gap: 12px; align-items: center; padding: 18px 4px; color: var(--muted); }
    .reading progress { width: 200px; accent-color: var(--accent); }
    .error-box { border: 1px solid var(--error); background: var(--error-bg); border-radius: 6px; padding: 12px 14px; display: grid; gap: 6px; line-height: 1.45; overflow-wrap: anywhere; }
    .error-title { font-weight: 650; color: var(--error); }
    .place { font-family: var(--font-mono); font-weight: 600; background: var(--error); color: var(--panel); border-radius: 3px; padding: 0 5px; margin-left: 4px; }
    .error-inline { color: var(--error); font-size: 12.5px; }
    .tensors { max-height: 232px; overflow: auto; border: 1px solid var(--border); border-radius: 5px; }
    .tensors table { border-collapse: collapse; width: 100%; }
    .tensors th { position: sticky; top: 0; background: var(--panel-2); text-align: left; font-size: 12px; color: var(--muted); font-weight: 600; padding: 5px 6px; }
    .tensors td { padding: 4px 6px; border-top: 1px solid var(--border); vertical-align: top; }
    .tensors td:first-child { width: 22px; }
    .tensors td.mono { white-space: nowrap; }
    .tensors tr.chosen { background: color-mix(in srgb, var(--accent) 14%, transparent); }
    .tensors tr.skipped { color: var(--muted); }
    .tensors label { cursor: pointer; overflow-wrap: anywhere; }
    .tensors tr.skipped label { cursor: default; }
    .why { font-size: 11.5px; color: var(--muted); font-style: italic; }
    .row, .axes, .indices { display: flex; gap: 10px 16px; align-items: center; flex-wrap: wrap; }
    .indices { margin-top: 10px; }
    .axes label, .indices label { display: flex; gap: 6px; align-items: center; }
    .of { color: var(--muted); font-size: 12px; }
    .radio { display: flex; gap: 6px; align-items: center; cursor: pointer; }
    .stats { display: flex; gap: 16px; flex-wrap: wrap; align-items: start; }
    table.numbers { border-collapse: collapse; font-size: 13px; }
    table.numbers th { text-align: left; color: var(--muted); font-weight: 500; padding: 3px 12px 3px 0; white-space: nowrap; }
    table.numbers td { font-family: var(--font-mono); font-variant-numeric: tabular-nums; text-align: right; padding: 3px 0; white-space: nowrap; }
    .targets { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 10px; }
    .target { display: grid; grid-template-columns: auto 1fr; gap: 4px 8px; align-content: start; padding: 10px 11px; border: 1px solid var(--border); border-radius: 7px;
      cursor: pointer; background: var(--panel-2); }
    .target:has(input:checked) { border-color: var(--accent); box-shadow: inset 0 0 0 1px var(--accent); background: color-mix(in srgb, var(--accent) 10%, var(--panel-2)); }
    .target[data-disabled] { opacity: 0.55; cursor: not-allowed; }
    .target input { margin: 2px 0 0; accent-color: var(--accent); }
    .target-title { font-weight: 650; }
    .target-text { grid-column: 1 / -1; color: var(--muted); font-size: 12.5px; line-height: 1.4; }
    .block { display: flex; gap: 10px 16px; align-items: center; flex-wrap: wrap; margin-top: 12px; padding: 10px 12px; border: 1px dashed var(--border); border-radius: 6px; }
    .block label { display: flex; gap: 6px; align-items: center; }
    .block-values { border-collapse: collapse; font: 12.5px var(--font-mono); border-left: 2px solid var(--text); border-right: 2px solid var(--text); }
    .block-values td { padding: 1px 8px; text-align: right; }
    @media (max-width: 820px) {
      .columns { grid-template-columns: minmax(0, 1fr); }
      .targets { grid-template-columns: repeat(2, minmax(0, 1fr)); }
    }
  `,
];
