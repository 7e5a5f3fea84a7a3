import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LAB_CATALOG } from '../../../src/project/lab-catalog.js';
import { katexStyles, tex } from '../../components/tex.js';
import type { ThemeName } from '../../theme.js';
import { CONCEPTS } from './concepts.js';

/**
 * The home page: every idea of a neural network next to the linear algebra it is, each row
 * opening the lab that shows it.
 */
@customElement('hinge-concept-map')
export class ConceptMap extends LitElement {
  static override styles = [
    katexStyles,
    css`
      :host { display: block; height: 100%; overflow-y: auto; }
      .page { max-width: 1060px; margin: 0 auto; padding: 34px 32px 48px; }
      h1 { font-size: 26px; margin: 0 0 6px; font-weight: 700; letter-spacing: 0.01em; }
      .lede { color: var(--muted); font-size: 15px; line-height: 1.55; max-width: 760px; margin: 0 0 26px; }
      table { width: 100%; border-collapse: separate; border-spacing: 0 10px; }
      th { text-align: left; font-size: 12.5px; letter-spacing: 0.04em; color: var(--muted); font-weight: 600; padding: 0 16px; }
      td { background: var(--panel); border-top: 1px solid var(--border); border-bottom: 1px solid var(--border); padding: 14px 16px; vertical-align: top; }
      td:first-child { border-left: 1px solid var(--border); border-radius: 8px 0 0 8px; width: 22%; }
      td:last-child { border-right: 1px solid var(--border); border-radius: 0 8px 8px 0; width: 120px; vertical-align: middle; }
      .network { font-weight: 650; font-size: 15px; }
      .algebra { font-weight: 650; font-size: 15px; color: var(--accent); margin-bottom: 6px; }
      .why { color: var(--muted); font-size: 13.5px; line-height: 1.5; }
      .formula { margin-top: 8px; overflow-x: auto; overflow-y: hidden; }
      a { display: inline-block; text-decoration: none; color: var(--on-accent); background: var(--accent); border-radius: 6px; padding: 7px 12px; font-size: 13px; white-space: nowrap; }
      a:hover { filter: brightness(1.1); }
      a:focus-visible { outline: 2px solid var(--text); outline-offset: 2px; }
      .soon { color: var(--muted); font-size: 12.5px; }
      tr[data-highlight] td { border-color: var(--accent); background: color-mix(in srgb, var(--accent) 12%, var(--panel)); }
      .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    `,
  ];

  @property() theme: ThemeName = 'dark';
  /** The lab whose rows are marked (`#/map?row=layer`, from the Help dialog's links). */
  @state() private highlight: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#readRow);
    this.#readRow();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.#readRow);
    super.disconnectedCallback();
  }

  readonly #readRow = (): void => {
    this.highlight = /[?&]row=([a-z]+)/.exec(location.hash)?.[1];
    if (this.highlight) void this.updateComplete.then(() => this.renderRoot.querySelector(`tr[data-lab="${this.highlight}"]`)?.scrollIntoView({ block: 'center' }));
  };

  override render() {
    const labs = new Map<string, (typeof LAB_CATALOG)[number]>(LAB_CATALOG.map((lab) => [lab.id, lab]));
    return html`<div class="page">
      <h1>Neural networks are linear algebra with hinges</h1>
      <p class="lede">
        Every layer multiplies by a matrix and then bends the result with a nonlinearity. Each row below pairs an idea from
        neural networks with the linear algebra underneath it; open a lab to see it move.
      </p>
      <table aria-label="Concept map">
        <thead><tr><th scope="col">In a neural network</th><th scope="col">In linear algebra</th><th scope="col"><span class="sr">Lab</span></th></tr></thead>
        <tbody>
          ${CONCEPTS.map((c, i) => {
            const lab = labs.get(c.lab);
            return html`<tr data-testid=${`concept-${i}`} data-lab=${c.lab} ?data-highlight=${c.lab === this.highlight}>
              <td><div class="network">${c.network}</div></td>
              <td>
                <div class="algebra">${c.algebra}</div>
                <div class="why">${c.explanation}</div>
                <div class="formula">${tex(c.formula, true)}</div>
              </td>
              <td>${lab
                ? html`<a href=${`#/${lab.id}`} title=${lab.summary} data-testid=${`open-${c.lab}-${i}`}>Open ${lab.title} →</a>`
                : html`<span class="soon">Lab coming</span>`}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-concept-map': ConceptMap;
  }
}
