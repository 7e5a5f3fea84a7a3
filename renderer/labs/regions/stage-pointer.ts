/**
 * The pointer on the Regions stage: hovering a region (picked at most once per frame), clicking
 * to pin it, and dragging the segment's ends in the flat 2D view; and the placing of what follows
 * the pointer or the segment (the tooltip, the count), by style writes only.
 */
import { HoverPicker } from './hover-picker.js';
import type { RegionsScene } from './regions-scene.js';

export type SegmentEnd = 'lineA' | 'lineB';

/** What the pointer needs from the lab. */
export interface StageHost {
  /** The element holding the canvas, which receives the pointer events. */
  box(): HTMLElement;
  scene(): RegionsScene | undefined;
  /** Moves an end of the segment to a point of input space. */
  moveEnd(end: SegmentEnd, point: number[]): void;
  select(region: number | undefined): void;
  /** The region under the pointer changed (undefined: none). */
  hoverChanged(region: number | undefined): void;
  /** The tooltip element, when one is shown. */
  tooltip(): HTMLElement | undefined;
}

/** How near (CSS pixels) a press must be to an end of the segment to drag it. */
const GRAB = 14;

export class StagePointer {
  #dragging: SegmentEnd | undefined;
  /** Whether the pointer moved an end since it was pressed (then the release is no click). */
  #dragged = false;
  #hovered: number | undefined;
  #x = 0;
  #y = 0;
  readonly #hover: HoverPicker;

  constructor(private readonly host: StageHost) {
    this.#hover = new HoverPicker((x, y) => this.#pick(x, y), (region, x, y) => this.#show(region, x, y));
  }

  readonly down = (event: PointerEvent): void => {
    this.#dragged = false;
    if (event.button !== 0) return;
    const at = this.#local(event);
    const end = this.#endNear(at.x, at.y);
    if (!end) return;
    // Taken in the capture phase, so a press on an end never reaches the camera controls.
    event.stopPropagation();
    this.#dragging = end;
    this.host.box().setPointerCapture(event.pointerId);
    this.#hover.leave();
  };

  readonly move = (event: PointerEvent): void => {
    const at = this.#local(event);
    if (this.#dragging) {
      const point = this.host.scene()?.inputPointAt(at.x, at.y, []);
      if (point) this.host.moveEnd(this.#dragging, point);
      this.#dragged = true;
      return;
    }
    this.host.box().style.cursor = this.#endNear(at.x, at.y) ? 'grab' : '';
    // While orbiting (a button held), picking would only chase the moving view.
    if (event.buttons !== 0) this.#hover.leave();
    else this.#hover.move(at.x, at.y);
  };

  readonly up = (event: PointerEvent): void => {
    if (!this.#dragging) return;
    this.#dragging = undefined;
    const box = this.host.box();
    if (box.hasPointerCapture(event.pointerId)) box.releasePointerCapture(event.pointerId);
  };

  readonly click = (event: MouseEvent): void => {
    if (this.#dragged) return;
    const at = this.#local(event);
    this.host.select(this.#pick(at.x, at.y));
  };

  readonly leave = (): void => this.#hover.leave();

  /** Puts the tooltip beside the pointer, on the side with room. */
  placeTooltip(): void {
    const tip = this.host.tooltip();
    if (!tip) return;
    const box = this.host.box();
    const left = this.#x > box.clientWidth * 0.6;
    const up = this.#y > box.clientHeight * 0.6;
    tip.style.transform = `translate(${left ? `calc(${this.#x - 14}px - 100%)` : `${this.#x + 16}px`}, ${up ? `calc(${this.#y - 12}px - 100%)` : `${this.#y + 16}px`})`;
  }

  /** Forgets the hovered region (a new partition numbers its regions afresh). */
  forget(): void {
    this.#hovered = undefined;
  }

  dispose(): void {
    this.#hover.dispose();
  }

  #local(event: MouseEvent): { x: number; y: number } {
    const rect = this.host.box().getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  #pick(x: number, y: number): number | undefined {
    const box = this.host.box();
    return this.host.scene()?.regionAt(x, y, box.clientWidth, box.clientHeight);
  }

  #show(region: number | undefined, x: number, y: number): void {
    this.#x = x;
    this.#y = y;
    if (region === this.#hovered) {
      this.placeTooltip();
      return;
    }
    this.#hovered = region;
    this.host.hoverChanged(region);
  }

  /** The end of the segment within reach, when the ends can be dragged (the flat 2D view). */
  #endNear(x: number, y: number): SegmentEnd | undefined {
    const scene = this.host.scene();
    if (!scene || scene.space !== 2) return undefined;
    let best: SegmentEnd | undefined;
    let distance = GRAB;
    for (const [k, end] of (['lineA', 'lineB'] as const).entries()) {
      const at = scene.endOnScreen(k as 0 | 1);
      const d = at ? Math.hypot(at.x - x, at.y - y) : Infinity;
      if (d <= distance) {
        distance = d;
        best = end;
      }
    }
    return best;
  }
}

/**
 * Puts the segment's count just beyond its end b, away from a (so it never sits on the segment),
 * inside the stage; records where the ends are, in CSS pixels, for tests that drag them.
 */
export function placeLineLabel(label: HTMLElement, scene: RegionsScene, width: number, height: number): void {
  const a = scene.endOnScreen(0);
  const b = scene.endOnScreen(1);
  if (!a || !b) return;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const w = label.offsetWidth || 100;
  const h = label.offsetHeight || 22;
  const gap = 20; // clear of the end's handle (radius ~11 px)
  // Beyond the end along the segment; else above or below the end; the first that fits the view.
  const candidates = [
    { x: b.x + (dx / len) * gap + (dx < 0 ? -w : 0), y: b.y + (dy / len) * gap - h / 2 },
    { x: b.x - w / 2, y: b.y - gap - h },
    { x: b.x - w / 2, y: b.y + gap },
  ];
  const fits = (c: { x: number; y: number }) => c.x >= 4 && c.y >= 4 && c.x + w <= width - 4 && c.y + h <= height - 4;
  const chosen = candidates.find(fits) ?? candidates[0]!;
  const x = Math.max(4, Math.min(width - w - 4, chosen.x));
  const y = Math.max(4, Math.min(height - h - 4, chosen.y));
  label.style.transform = `translate(${x}px, ${y}px)`;
  label.dataset.ends = `${a.x.toFixed(1)},${a.y.toFixed(1)},${b.x.toFixed(1)},${b.y.toFixed(1)}`;
}
