import { css } from 'lit';

/** The Regions lab's styles: the stage with its overlays (badge, legend, tooltip, count) and the inspector. */
export const regionsStyles = css`
  :host { display: grid; grid-template-columns: minmax(0, 1fr) 392px; height: 100%; }
  .stage { position: relative; min-height: 0; overflow: hidden; }
  .canvas { position: absolute; inset: 0; outline: none; }
  .badge, .legend, .hover { background: color-mix(in srgb, var(--panel) 90%, transparent); border: 1px solid var(--border); border-radius: var(--radius); }
  .badge { position: absolute; left: 12px; top: 12px; padding: 8px 12px; font-size: 13px; pointer-events: none; display: grid; gap: 2px; }
  .badge b { font-size: 18px; }
  .legend { position: absolute; left: 12px; bottom: 12px; max-width: min(360px, calc(100% - 24px)); padding: 8px 12px; font-size: 12.5px; display: flex; flex-wrap: wrap; gap: 4px 12px; pointer-events: none; }
  .legend-title { width: 100%; font-weight: 600; }
  .legend-note { width: 100%; color: var(--muted); line-height: 1.4; }
  .legend-item { display: inline-flex; align-items: center; gap: 6px; font-variant-numeric: tabular-nums; }
  .chip { display: inline-block; width: 12px; height: 12px; border-radius: 3px; border: 1px solid color-mix(in srgb, var(--text) 25%, transparent); }
  .hover { position: absolute; left: 0; top: 0; padding: 6px 9px; font: 12px var(--font-mono); line-height: 1.5; pointer-events: none; max-width: 380px;
    box-shadow: 0 2px 10px rgb(0 0 0 / 0.25); z-index: 2; }
  .hover .bits { overflow-wrap: anywhere; }
  .line-label { position: absolute; left: 0; top: 0; padding: 2px 8px; border-radius: 10px; font: 600 12.5px var(--font-ui); font-variant-numeric: tabular-nums;
    background: var(--input); color: #fff; pointer-events: none; white-space: nowrap; }
  .hint { position: absolute; right: 12px; bottom: 10px; font-size: 12px; color: var(--muted); pointer-events: none; }
  .muted { color: var(--muted); }
  .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; font-size: 13px; margin-top: 6px; }
  input[type='text'], input[type='number'] { font: 13px var(--font-mono); background: var(--field); color: var(--text); border: 1px solid var(--border); border-radius: 4px; padding: 4px 6px; width: 110px; }
  input[type='number'] { width: 64px; }
  input[aria-invalid='true'] { border-color: var(--error); background: var(--error-bg); }
  input[type='range'] { flex: 1; accent-color: var(--accent); }
  select, button { font: inherit; font-size: 12.5px; color: var(--text); background: var(--panel-2); border: 1px solid var(--border); border-radius: 4px; padding: 5px 8px; cursor: pointer; }
  button[aria-pressed='true'] { background: var(--accent); color: var(--on-accent); border-color: transparent; }
  button.toggle { display: inline-flex; align-items: center; gap: 6px; }
  button.toggle[aria-pressed='true'] { background: var(--panel-2); color: var(--text); border-color: var(--accent); }
  button.toggle[aria-pressed='false'] { opacity: 0.55; text-decoration: line-through; }
  .error { color: var(--error); font-size: 12.5px; margin-top: 4px; }
  .plain, .readout { font-family: var(--font-mono); font-size: 12.5px; line-height: 1.6; overflow-wrap: anywhere; }
  .readout { margin-top: 6px; }
  progress { flex: 1; accent-color: var(--accent); }
  .math { overflow-x: auto; overflow-y: hidden; }
  .canvas:focus-visible { box-shadow: inset 0 0 0 2px var(--accent); }
  .focus-card { position: absolute; right: 12px; top: 12px; max-width: min(380px, calc(100% - 24px)); padding: 8px 11px; font: 12px var(--font-mono); line-height: 1.5;
    background: color-mix(in srgb, var(--panel) 92%, transparent); border: 1px solid var(--border); border-left: 4px solid var(--input); border-radius: var(--radius); pointer-events: none; }
  .focus-card:empty { padding: 0; border: 0; }
  .focus-card .bits { overflow-wrap: anywhere; }
`;
