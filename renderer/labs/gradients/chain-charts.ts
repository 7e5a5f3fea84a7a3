import * as Plot from '@observablehq/plot';
import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { ChainResult } from '../../../src/gradients/index.js';
import '../../components/svg-button.js';
import { serializeSvgFigure, type SvgKeyEntry, type SvgLook } from '../../components/svg-export.js';
import { logAxis } from '../../components/log-ticks.js';

/**
 * The deep chain's three charts, on log scales (Observable Plot, SVG): how big the signal and the
 * gradient are after each layer, the singular values of the Jacobian of the whole chain, and the
 * condition number of each weight. Redrawn at the width the stage gives them.
 */
@customElement('hinge-gradient-charts')
export class GradientCharts extends LitElement {
  static override styles = css`
    :host { display: grid; gap: 18px; color: var(--text); }
    .pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 18px; }
    figure { margin: 0; min-width: 0; }
    figcaption { font-size: 13px; font-weight: 600; margin-bottom: 2px; }
    figcaption hinge-svg-button { float: right; margin-left: 8px; }
    figcaption small { display: block; font-weight: 400; color: var(--muted); font-size: 12px; margin-top: 2px; line-height: 1.4; }
    .chart svg { max-width: 100%; height: auto; overflow: visible; display: block; }
    .key { display: flex; gap: 14px; flex-wrap: wrap; font-size: 12px; color: var(--muted); margin: 4px 0; }
    .key i { display: inline-block; width: 16px; height: 3px; border-radius: 2px; vertical-align: middle; margin-right: 5px; }
  `;

  @property({ attribute: false }) result: ChainResult | undefined;
  /** Number of layers of the result. */
  @property({ type: Number }) depth = 0;

  @query('.norms') private normsBox!: HTMLElement;
  @query('.jacobian') private jacobianBox!: HTMLElement;
  @query('.conditions') private conditionsBox!: HTMLElement;
  #svgOf(box: () => HTMLElement, key: readonly SvgKeyEntry[]) {
    return (look: SvgLook) => serializeSvgFigure({ caption: box().closest('figure')!.querySelector('figcaption')!, key, parts: [box().querySelector('svg')!] }, { look });
  }

  readonly #normsSvg = this.#svgOf(() => this.normsBox, [
    { label: '‖gradient‖ after s layers back', color: 'var(--input)', mark: 'line' },
    { label: '‖hₛ‖/‖x‖ after s layers forward', color: 'var(--output)', mark: 'dash' },
  ]);
  readonly #jacobianSvg = this.#svgOf(() => this.jacobianBox, [
    { label: 'σᵢ(J)', color: 'var(--output)', mark: 'dot' },
    { label: 'rounding noise', color: 'var(--muted)', mark: 'dot' },
    { label: 'rounding threshold', color: 'var(--error)', mark: 'dash' },
  ]);
  readonly #conditionsSvg = this.#svgOf(() => this.conditionsBox, []);

  #width = 640;
  #observer: ResizeObserver | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#observer = new ResizeObserver(() => {
      const width = Math.max(300, Math.floor(this.clientWidth));
      if (Math.abs(width - this.#width) > 8) {
        this.#width = width;
        this.requestUpdate();
      }
    });
    this.#observer.observe(this);
  }

  override disconnectedCallback(): void {
    this.#observer?.disconnect();
    super.disconnectedCallback();
  }

  protected override updated(): void {
    const r = this.result;
    for (const box of [this.normsBox, this.jacobianBox, this.conditionsBox]) box.replaceChildren();
    if (!r) return;
    const style = { background: 'transparent', color: 'currentColor', fontSize: '11px' };
    const wide = this.#width;
    const half = wide >= 640 ? Math.floor((wide - 18) / 2) : wide;
    const f0 = r.forwardNorms[0] || 1;
    const backward = r.gradientNorms.map((v, s) => ({ s, v })).filter((p) => p.v > 0);
    const forward = r.forwardNorms.map((v, s) => ({ s, v: v / f0 })).filter((p) => p.v > 0);
    const many = r.gradientNorms.length > 60;
    const span = (values: readonly number[]) => {
      const positive = values.filter((v) => v > 0 && Number.isFinite(v));
      return logAxis(Math.min(...positive, 1), Math.max(...positive, 1));
    };
    const norms = Plot.plot({
      width: wide,
      height: 250,
      marginLeft: 56,
      style,
      x: { label: 'layers passed (forward: from x; backward: from the loss)', domain: [0, this.depth] },
      y: { type: 'log', label: 'norm (log scale)', grid: true, ...span([...backward, ...forward].map((p) => p.v)) },
      marks: [
        Plot.ruleY([1], { stroke: 'var(--muted)', strokeDasharray: '3,3' }),
        Plot.line(forward, { x: 's', y: 'v', stroke: 'var(--output)', strokeWidth: 1.6, strokeDasharray: '6,3' }),
        Plot.line(backward, { x: 's', y: 'v', stroke: 'var(--input)', strokeWidth: 2 }),
        ...(many ? [] : [Plot.dot(backward, { x: 's', y: 'v', fill: 'var(--input)', r: 2.4 })]),
        Plot.tip(backward, Plot.pointerX({ x: 's', y: 'v', title: (p: { s: number; v: number }) => `after ${p.s} layer${p.s === 1 ? '' : 's'} back: ‖gradient‖ = ${p.v.toExponential(2)}` })),
      ],
    });
    norms.setAttribute('aria-label', 'Gradient norm after each layer, on a log scale');
    const sigma = r.jacobianSigma.map((s, i) => ({ i: i + 1, s, noise: s <= r.jacobianTolerance })).filter((p) => p.s > 0);
    const jacobian = Plot.plot({
      width: half,
      height: 210,
      marginLeft: 56,
      style,
      x: { label: 'i', domain: [0.5, Math.max(1, r.jacobianSigma.length) + 0.5] },
      y: { type: 'log', label: 'σᵢ(J) (log scale)', grid: true, ...span(sigma.map((p) => p.s)), ...(sigma.length === 0 ? { domain: [1e-3, 1] } : {}) },
      marks: [
        ...(r.jacobianTolerance > 0 ? [Plot.ruleY([r.jacobianTolerance], { stroke: 'var(--error)', strokeDasharray: '4,3' })] : []),
        Plot.ruleY([1], { stroke: 'var(--muted)', strokeDasharray: '3,3' }),
        Plot.dot(sigma, { x: 'i', y: 's', fill: (p: { noise: boolean }) => (p.noise ? 'var(--muted)' : 'var(--output)'), r: sigma.length > 64 ? 1.5 : 2.6 }),
      ],
    });
    jacobian.setAttribute('aria-label', 'Singular values of the Jacobian of the whole chain, on a log scale');
    const conds = r.conditions.map((c, l) => ({ l: l + 1, c })).filter((p) => Number.isFinite(p.c) && p.c > 0);
    const conditions = Plot.plot({
      width: half,
      height: 210,
      marginLeft: 56,
      style,
      x: { label: 'layer l', domain: [0.5, this.depth + 0.5] },
      y: { type: 'log', label: 'κ(Wₗ) = σmax/σmin (log scale)', grid: true, ...span([1, ...conds.map((p) => p.c)]), ...(conds.every((p) => p.c < 10) ? { domain: [0.9, 10] } : {}) },
      // Dots, not bars: an orthogonal layer has κ = 1 exactly, and a bar from 1 to 1 would not show.
      marks: [Plot.ruleY([1], { stroke: 'var(--muted)', strokeDasharray: '3,3' }), Plot.dot(conds, { x: 'l', y: 'c', fill: 'var(--output)', r: this.depth > 60 ? 1.8 : 2.8 })],
    });
    conditions.setAttribute('aria-label', 'Condition number of each layer, on a log scale');
    this.normsBox.append(norms);
    this.jacobianBox.append(jacobian);
    this.conditionsBox.append(conditions);
  }

  override render() {
    return html`
      <figure data-testid="gradient-norm-chart">
        <figcaption><hinge-svg-button label="norms chart" fileName="hinge-gradients-norms" .source=${this.#normsSvg}></hinge-svg-button>Norms through the chain
          <small>The gradient starts at the loss with norm 1 and is multiplied by Dₗ Wₗᵀ at every layer on its way back. A straight line on this log scale
            is a constant factor per layer: sloping down, it vanishes; up, it explodes.</small></figcaption>
        <div class="key" aria-hidden="true">
          <span><i style="background: var(--input)"></i>‖gradient‖ after s layers back</span>
          <span><i style="background: repeating-linear-gradient(90deg, var(--output) 0 6px, transparent 6px 9px)"></i>‖hₛ‖/‖x‖ after s layers forward</span>
        </div>
        <div class="chart norms"></div>
      </figure>
      <div class="pair">
        <figure data-testid="jacobian-chart">
          <figcaption><hinge-svg-button label="Jacobian singular value chart" fileName="hinge-gradients-jacobian" .source=${this.#jacobianSvg}></hinge-svg-button>Singular values of J = D<sub>L</sub>W<sub>L</sub> ⋯ D₁W₁
            <small>How much the whole chain stretches each direction: ‖Jᵀg‖/‖g‖ always lies between the smallest and the largest. Below the red line: rounding noise.</small></figcaption>
          <div class="chart jacobian"></div>
        </figure>
        <figure data-testid="condition-chart">
          <figcaption><hinge-svg-button label="condition number chart" fileName="hinge-gradients-conditions" .source=${this.#conditionsSvg}></hinge-svg-button>Condition number of each Wₗ
            <small>σmax/σmin of each layer: how unevenly it treats directions (1 for an orthogonal W; a Gaussian n×n is typically near n).</small></figcaption>
          <div class="chart conditions"></div>
        </figure>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hinge-gradient-charts': GradientCharts;
  }
}
