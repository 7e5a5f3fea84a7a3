/**
 * The Training lab's 3D view: the exact linear regions of the network being trained on 3-input
 * data, as the Regions lab draws them (RegionsScene: coloured cells, explode, opacity, the slicing
 * plane), with the data points inside. The partition comes from the training worker with each
 * snapshot; the scene swaps its buffers in place (RegionsScene.setPartition), so the camera, the
 * axes and the points stay put while training runs.
 */
import { BoxGeometry, Color, InstancedMesh, Matrix4, MeshBasicMaterial, OctahedronGeometry, type BufferGeometry } from 'three';
import type { PackedRegions } from '../../../src/regions/index.js';
import type { Dataset } from '../../../src/training/index.js';
import type { ScenePalette } from '../../theme.js';
import type { CellMesh } from '../regions/cell-mesh.js';
import { RegionsScene, type RegionsLook } from '../regions/regions-scene.js';

/** What the view shows besides the partition: the look the user chose. */
export interface CellsLook {
  readonly coloring: 'region' | 'output';
  readonly explode: number;
  readonly opacity: number;
}

/** The Regions lab's look with nothing selected, hovered or hidden. */
export function regionsLook(look: CellsLook): RegionsLook {
  return { ...look, boundaryLayersOff: [], selected: undefined, focused: undefined, hovered: undefined };
}

/** The points' size, as a fraction of the cube's half side. */
const POINT_SIZE = 0.028;

/**
 * RegionsScene with the data: training points solid, test points as wire frames; label 1 an
 * octahedron and label 0 a cube (shape tells the classes apart without colour), coloured like the
 * 2D picture (label 0 the input colour, label 1 the output colour; regression targets between).
 */
export class TrainingCellsScene extends RegionsScene {
  readonly #points: InstancedMesh[] = [];

  constructor(
    packed: PackedRegions | undefined,
    data: Dataset,
    radius: number,
    look: CellsLook,
    palette: ScenePalette,
    dark: boolean,
    canvas: HTMLCanvasElement,
    onChange: () => void,
  ) {
    super(
      { packed, inputs: 3, radius, cellLayers: undefined, surface: false, dark, layerBoundaries: undefined, locate: undefined },
      regionsLook(look),
      palette,
      canvas,
      onChange,
    );
    if (data.inputs === 3) this.#addPoints(data, radius, palette);
  }

  /** Shows another snapshot's partition (and drops the slice, which belonged to the old one). */
  showPartition(packed: PackedRegions, cells: CellMesh | undefined): void {
    this.setPartition({ packed, cellLayers: undefined, locate: undefined }, cells);
  }

  /** The partition drawn now. */
  get partition(): PackedRegions | undefined {
    return this.topology.packed;
  }

  setLook(look: CellsLook): void {
    this.update(regionsLook(look));
  }

  #addPoints(data: Dataset, radius: number, palette: ScenePalette): void {
    const size = radius * POINT_SIZE;
    const low = new Color(palette.input);
    const high = new Color(palette.output);
    const ys = [...data.train.y, ...data.test.y];
    const min = Math.min(...ys);
    const max = Math.max(...ys);
    const shade = (y: number) => (data.task === 'classification' ? y : max > min ? (y - min) / (max - min) : 0.5);
    const matrix = new Matrix4();
    const color = new Color();
    for (const [split, wire] of [[data.train, false], [data.test, true]] as const) {
      for (const one of [false, true]) {
        const picked = split.x.map((_, k) => k).filter((k) => (data.task === 'classification' ? (split.y[k] === 1) === one : one));
        if (!picked.length) continue;
        const geometry: BufferGeometry = one ? new OctahedronGeometry(size * 1.25) : new BoxGeometry(size * 1.5, size * 1.5, size * 1.5);
        const mesh = new InstancedMesh(geometry, new MeshBasicMaterial({ wireframe: wire }), picked.length);
        picked.forEach((k, n) => {
          const [x, y, z] = split.x[k]!;
          mesh.setMatrixAt(n, matrix.makeTranslation(x!, y!, z!));
          mesh.setColorAt(n, color.copy(low).lerp(high, shade(split.y[k]!)));
        });
        mesh.renderOrder = 3;
        this.#points.push(mesh);
        this.scene.add(mesh);
      }
    }
  }

  override dispose(): void {
    for (const mesh of this.#points) {
      mesh.geometry.dispose();
      (mesh.material as MeshBasicMaterial).dispose();
      mesh.dispose();
    }
    super.dispose();
  }
}
