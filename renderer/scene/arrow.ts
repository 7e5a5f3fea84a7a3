import { ConeGeometry, Mesh, MeshBasicMaterial, type Scene, Vector3 } from 'three';
import { DynamicLines, segmentLine } from './dynamic-lines.js';
import { TextLabel } from './text-label.js';
import type { LinePattern } from '../theme.js';

/** Dash and gap lengths (world units) of each shaft pattern; solid has none. */
const PATTERNS: Record<LinePattern, { dashSize: number; gapSize: number } | undefined> = {
  solid: undefined,
  dashed: { dashSize: 0.16, gapSize: 0.09 },
  dotted: { dashSize: 0.035, gapSize: 0.075 },
};
/** Cone sides per pattern, so the heads differ in shape too in 3D (round, square, triangular). */
const HEAD_SIDES: Record<LinePattern, number> = { solid: 20, dashed: 4, dotted: 3 };

/**
 * A vector drawn as a shaft, a cone head and a label; moved with `set` every frame. A `pattern`
 * other than solid dashes the shaft and changes the head's cross-section, so vectors of one
 * drawing differ without colour (the basis vectors î, ĵ, k̂).
 */
export class Arrow {
  readonly shaft: DynamicLines;
  readonly head: Mesh<ConeGeometry, MeshBasicMaterial>;
  readonly label: TextLabel;
  readonly #dir = new Vector3();
  readonly #up = new Vector3(0, 1, 0);

  constructor(space: 2 | 3, color: string, text: string, headSize: number, width = 3.2, pattern: LinePattern = 'solid') {
    const dashes = PATTERNS[pattern];
    this.shaft = new DynamicLines([segmentLine(new Array(space).fill(0), new Array(space).fill(0), 1)], space, { color, width, ...(dashes ? { dashed: true, ...dashes } : {}) });
    this.head = new Mesh(new ConeGeometry(headSize * 0.42, headSize, HEAD_SIDES[pattern]), new MeshBasicMaterial({ color }));
    this.head.renderOrder = 3;
    this.label = new TextLabel(text, { color, sizePx: 15, weight: 650, anchor: [0.5, 0.5] });
  }

  /** Points the arrow from `from` to `to`. */
  set(from: Vector3, to: Vector3, headSize: number): void {
    const d = this.#dir.subVectors(to, from);
    const length = d.length();
    // Stop the shaft at the base of the head so the tip stays sharp.
    const k = length > 1e-9 ? Math.max(0, (length - headSize * 0.9) / length) : 0;
    this.shaft.update((_, out) => {
      const dim = out.length / 2;
      out[0] = from.x; out[1] = from.y;
      out[dim] = from.x + d.x * k; out[dim + 1] = from.y + d.y * k;
      if (dim === 3) { out[2] = from.z; out[5] = from.z + d.z * k; }
    });
    this.head.visible = length > headSize * 0.5;
    if (this.head.visible) {
      d.divideScalar(length);
      this.head.quaternion.setFromUnitVectors(this.#up, d);
      this.head.position.copy(to).addScaledVector(d, -headSize / 2);
    }
    this.label.sprite.position.copy(to).addScaledVector(d, length > 1e-9 ? headSize * 1.6 : 0);
  }

  setVisible(visible: boolean): void {
    this.shaft.object.visible = visible;
    this.head.visible &&= visible;
    this.label.sprite.visible = visible;
  }

  addTo(scene: Scene): void {
    scene.add(this.shaft.object, this.head, this.label.sprite);
  }
}
