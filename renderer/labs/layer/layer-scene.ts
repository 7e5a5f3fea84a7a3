import type { Mesh, MeshBasicMaterial, SphereGeometry } from 'three';
import { Vector3 } from 'three';
import { determinant } from '../../../src/layer/index.js';
import type { Arrow } from '../../scene/arrow.js';
import { segmentLine, type DynamicLines } from '../../scene/dynamic-lines.js';
import { gridLines } from '../../scene/shapes.js';
import { SpaceScene, type MovedShapes } from '../../scene/space-scene.js';
import type { TextLabel } from '../../scene/text-label.js';
import { BASIS_PATTERNS, type ScenePalette } from '../../theme.js';
import { applyStageMap, collapsedLayer, mapPoint, padAffine, spaceDim, stageMap, timeEnd, type StageMap } from './layer-maps.js';
import { shapeDims, type LayerState } from './layer-store.js';

const HATS = ['î', 'ĵ', 'k̂'];

/**
 * The Layer lab's scene: the input grid faint behind, and in front the grid, unit circle/sphere,
 * unit square/cube and basis vectors as they are moved by the layer at the current animation
 * time, the bias, the point x and its image. Built once per shape and theme; `update` moves
 * everything in place.
 */
export class LayerScene extends SpaceScene {
  readonly outputDim: 2 | 3;
  readonly #shapes: MovedShapes;
  readonly #collapsed: DynamicLines;
  readonly #arrows: Arrow[];
  readonly #bias: Arrow;
  readonly #xPoint: Mesh<SphereGeometry, MeshBasicMaterial>;
  readonly #yPoint: Mesh<SphereGeometry, MeshBasicMaterial>;
  readonly #xLabel: TextLabel;
  readonly #yLabel: TextLabel;
  readonly #link: DynamicLines;
  readonly #scratch = new Float64Array(8192 * 3);
  #state: LayerState;

  constructor(state: LayerState, palette: ScenePalette, canvas: HTMLCanvasElement, onChange: () => void) {
    const { rows, cols } = shapeDims(state.shape);
    super(spaceDim(state), cols as 2 | 3, palette, canvas, onChange);
    this.#state = state;
    this.outputDim = rows as 2 | 3;
    const space = this.space;
    this.addInputGrid();
    this.#shapes = this.addMovedShapes();
    this.#collapsed = this.addLines(gridLines(this.inputDim, space), { color: palette.text, width: 1.6, dashed: true, dashSize: 0.14 });
    this.#arrows = Array.from({ length: this.inputDim }, (_, i) => this.addArrow(palette.basis[i]!, `W${HATS[i]}`, undefined, BASIS_PATTERNS[i]));
    this.#bias = this.addArrow(palette.bias, 'b');
    const origin = new Array(space).fill(0);
    this.#link = this.addLines([segmentLine(origin, origin, 1)], { color: palette.textMuted, width: 1.2, dashed: true, dashSize: 0.08 });
    this.#xPoint = this.addPoint(palette.input);
    this.#yPoint = this.addPoint(palette.output);
    this.#xLabel = this.addLabel('x', { color: palette.input, sizePx: 19, weight: 700, italic: true, anchor: [-0.25, -0.15] });
    this.#yLabel = this.addLabel('y', { color: palette.output, sizePx: 19, weight: 700, italic: true, anchor: [-0.25, -0.15] });
    this.update(state);
  }

  /** Moves everything to show `state` at its animation time. */
  update(state: LayerState): void {
    this.#state = state;
    const map = stageMap(state);
    const space = this.space;
    const apply = (from: Float64Array, to: Float64Array) => applyStageMap(map, from, to, this.#scratch);
    this.updateMovedShapes(this.#shapes, apply, this.inputDim === this.outputDim && determinant(map.W) < 0);

    // The collapsed single layer only means something once both layers have acted.
    this.#collapsed.object.visible = state.stacked && state.time >= timeEnd(state) - 1e-9;
    if (this.#collapsed.object.visible) {
      // padAffine zero-pads W2·W exactly as layerAtTime pads a non-square W.
      const collapsed = collapsedLayer(state);
      const single = padAffine(collapsed.W, collapsed.b, space);
      const singleMap: StageMap = { space, W: single.W, b: single.b, activation: 'none', blend: 0, leak: 0, second: undefined };
      this.#collapsed.update((from, to) => applyStageMap(singleMap, from, to, this.#scratch));
    }

    const head = this.headSize();
    const origin = this.vec(mapPoint(map, new Array(space).fill(0)));
    this.#arrows.forEach((arrow, i) => {
      const e = new Array(space).fill(0);
      e[i] = 1;
      arrow.set(origin, this.vec(mapPoint(map, e)), head);
    });
    const biasShown = Math.min(1, Math.max(0, state.time - 1));
    this.#bias.set(new Vector3(), this.vec(state.b.map((v) => v * biasShown)), head);
    this.#bias.setVisible(biasShown > 0 && state.b.some((v) => v !== 0));

    const x = [...state.x, 0, 0].slice(0, space);
    const y = mapPoint(map, x);
    this.#xPoint.position.copy(this.vec(x));
    this.#yPoint.position.copy(this.vec(y));
    this.#xLabel.sprite.position.copy(this.#xPoint.position);
    this.#yLabel.sprite.position.copy(this.#yPoint.position);
    this.#yLabel.setText(state.stacked && state.time > 3 ? 'y₂' : 'y');
    this.#link.update((_, out) => {
      out.set(x, 0);
      out.set(y, space);
    });
    this.fitLabels();
  }

  /** Fits the 2D view around what the layer does to the unit square, x and y. */
  fitView(state: LayerState): void {
    if (this.space !== 2) return;
    const end = stageMap(state, timeEnd(state));
    let reach = 3;
    for (const p of [[0, 0], [1, 0], [0, 1], [1, 1], [-1, -1], [1, -1], [-1, 1]]) {
      for (const v of mapPoint(end, p)) reach = Math.max(reach, Math.abs(v));
    }
    for (const v of [...state.x, ...mapPoint(end, [...state.x])]) reach = Math.max(reach, Math.abs(v));
    this.setContainedExtent(reach * 1.2);
    // Arrow heads and labels are sized from the extent: place them again.
    this.update(this.#state);
  }
}
