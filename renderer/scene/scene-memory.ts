/**
 * What a lab's WebGL renderer still held when its element left the page: after the view is
 * disposed, three.js's `renderer.info.memory` should be back where a new renderer starts (no
 * geometries, no textures). Each release is recorded as a `hinge:scene-released` performance mark
 * whose detail names the lab element, so an end-to-end test (test/e2e/scene-memory.spec.ts) can
 * read every release with `performance.getEntriesByName('hinge:scene-released')`. A mark costs
 * nothing the user sees and is cleared with the page.
 */
export interface SceneRelease {
  /** The lab element's tag, e.g. `hinge-svd-lab`. */
  readonly lab: string;
  /** Geometries and textures the renderer still counted after its view was disposed. */
  readonly geometries: number;
  readonly textures: number;
}

export const SCENE_RELEASED = 'hinge:scene-released';

/** Records what `memory` (a renderer's `info.memory`) still counts as `host` leaves the page. */
export function recordSceneRelease(host: Element, memory: { readonly geometries: number; readonly textures: number }): void {
  const detail: SceneRelease = { lab: host.localName, geometries: memory.geometries, textures: memory.textures };
  performance.mark(SCENE_RELEASED, { detail });
}
