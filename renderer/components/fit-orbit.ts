import type { SpaceScene } from '../scene/space-scene.js';

/**
 * Moves a 3D view's camera along its line of sight so that a picture of radius `reach` fills it:
 * the default camera frames the axes (±2.6); small ellipsoids would otherwise be lost in them.
 */
export function fitOrbit(scene: SpaceScene, reach: number): void {
  if (!scene.controls) return;
  const factor = Math.min(1.6, Math.max(0.55, reach / 2.6));
  scene.camera.position.sub(scene.controls.target).multiplyScalar(factor).add(scene.controls.target);
  scene.controls.update();
}
