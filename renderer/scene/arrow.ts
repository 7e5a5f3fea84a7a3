import { ConeGeometry, Mesh, MeshBasicMaterial, type Scene, Vector3 } from 'three';
import { DynamicLines, segmentLine } from './dynamic-lines.js';
import { TextLabel } from './text-label.js';

/** A vector drawn as a shaft, a cone head and a label; moved with `set` every frame. */
export class Arrow {
  readonly shaft: DynamicLines;
  readonly head: Mesh<ConeGeometry, MeshBasicMaterial>;
  readonly label: TextLabel;
  readonly #dir = new Vector3();
  readonly #up = new Vector3(0, 1, 0);

  constructor(space: 2 | 3, color: string, text: string, headSize: number, width = 3.2) {
    this.shaft = new DynamicLines([segmentLine(new Array(space).fill(0), new Array(space).fill(0), 1)], space, { color, width });
    this.head = new Mesh(new ConeGeometry(headSize * 0.42, headSize, 20), new MeshBasicMaterial({ color }));
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
