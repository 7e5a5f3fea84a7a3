import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';

const TOUR_KEY = 'hinge.tour';

const STEPS: readonly { title: string; text: string }[] = [
  { title: 'Welcome to Hinge', text: 'Every layer of a neural network is a matrix followed by a bend. The concept map (home) pairs each idea with the linear algebra it is, and links to a lab that shows it moving.' },
  { title: 'Labs on the left', text: 'Layer, SVD, Regions, Attention, LoRA and Gradients. Each opens on a ready example: drag, type a matrix, press play. Labs keep their state when you switch.' },
  { title: 'Keep and share your work', text: 'Undo any edit, save a project, export PNGs, videos and GIFs, or Share link… to send the exact view to someone.' },
  { title: 'Help is one key away', text: 'Press ? for the keyboard shortcuts, what each lab shows, and sample files to open.' },
];

/**
 * The first-run tour: a few cards in the bottom-right corner (over the end of a lab's side panel,
 * clear of the labels a lab puts at the top-left of its stage), not blocking the page. Skipping or finishing
 * it is remembered, so it never comes back.
 */
@customElement('hinge-first-run-tour')
export class FirstRunTour extends LitElement {
  static override styles = css`
    .card { position: fixed; right: 16px; bottom: 16px; width: min(340px, calc(100vw - 220px)); z-index: 22; background: var(--panel); color: var(--text);
      border: 1px solid var(--border); border-left: 4px solid var(--accent); border-radius: var(--radius); padding: 12px 14px; box-shadow: 0 8px 28px rgb(0 0 0 / 0.3); }
    h2 { margin: 0 0 6px; font-size: 15px; }
    p { margin: 0 0 10px; font-size: 13px; line-height: 1.45; color: var(--text); }
    .row { display: flex; align-items: center; gap: 8px; }
    .count { flex: 1; font-size: 12px; color: var(--muted); }
    button { font: inherit; font-size: 12.5px; padding: 4px 10px; border-radius: 5px; border: 1px solid var(--border); background: var(--panel-2); color: var(--text); cursor: pointer; }
    button.primary { background: var(--accent); border-color: transparent; color: var(--on-accent); }
    button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
  `;

  @state() private step = 0;
  @state() private done = localStorage.getItem(TOUR_KEY) === 'done';

  #finish(): void {
    localStorage.setItem(TOUR_KEY, 'done');
    this.done = true;
  }

  override render() {
    if (this.done) return nothing;
    const step = STEPS[this.step]!;
    const last = this.step === STEPS.length - 1;
    return html`<section class="card" role="dialog" aria-modal="false" aria-labelledby="tour-title" data-testid="tour">
      <h2 id="tour-title">${step.title}</h2>
      <p>${step.text}</p>
      <div class="row">
        <span class="count">${this.step + 1} of ${STEPS.length}</span>
        <button data-testid="tour-skip" @click=${() => this.#finish()}>Skip tour</button>
        ${this.step > 0 ? html`<button data-testid="tour-back" @click=${() => this.step--}>Back</button>` : nothing}
        <button class="primary" data-testid="tour-next" @click=${() => (last ? this.#finish() : this.step++)}>${last ? 'Done' : 'Next'}</button>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-first-run-tour': FirstRunTour;
  }
}
