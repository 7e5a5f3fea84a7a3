import { BufferAttribute, BufferGeometry, DoubleSide, Mesh, MeshBasicMaterial } from 'three';
import type { PointMap } from './dynamic-lines.js';

/**
 * A translucent surface (the unit square, the cube's faces) whose vertices are the images of
 * fixed base points under a map that changes every frame; buffers are allocated once.
 */
export class MappedFill {
  readonly mesh: Mesh<BufferGeometry, MeshBasicMaterial>;
  readonly #base: Float64Array;
  readonly #mapped: Float64Array;
  readonly #dim: 2 | 3;

  constructor(fill: { points: Float64Array; index: number[] }, dim: 2 | 3, color: string, opacity: number) {
    this.#dim = dim;
    this.#base = fill.points;
    this.#mapped = new Float64Array(fill.points.length);
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(new Float32Array((fill.points.length / dim) * 3), 3));
    geometry.setIndex(fill.index);
    this.mesh = new Mesh(geometry, new MeshBasicMaterial({ color, transparent: true, opacity, side: DoubleSide, depthWrite: false }));
    this.mesh.frustumCulled = false;
    this.mesh.renderOrder = 1;
  }

  update(map: PointMap): void {
    const dim = this.#dim;
    map(this.#base, this.#mapped);
    const position = this.mesh.geometry.attributes.position as BufferAttribute;
    const array = position.array as Float32Array;
    for (let i = 0, n = this.#base.length / dim; i < n; i++) {
      array[i * 3] = this.#mapped[i * dim]!;
      array[i * 3 + 1] = this.#mapped[i * dim + 1]!;
      // In 2D the fill sits just behind the lines.
      array[i * 3 + 2] = dim === 3 ? this.#mapped[i * dim + 2]! : -0.01;
    }
    position.needsUpdate = true;
  }

  dispose(): void {
    this.mesh.geometry.dispose();
    this.mesh.material.dispose();
  }
}
