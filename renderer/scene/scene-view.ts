import type { Camera, Scene } from 'three';
import type { CameraPose } from '../../src/project/index.js';

/**
 * What a lab's scene offers the scene controller: a scene and a camera to draw, a way to learn
 * the viewport's size (so labels and lines keep their on-screen size), and disposal.
 * Following the three.js editor: the controller renders only when asked.
 */
export interface SceneView {
  readonly scene: Scene;
  readonly camera: Camera;
  /**
   * The viewport in CSS pixels; `renderWidth`×`renderHeight` is the pixel size lines are drawn
   * into and `lineScale` how much wider lines get (both differ from the screen during export).
   */
  setViewport(cssWidth: number, cssHeight: number, renderWidth: number, renderHeight: number, lineScale: number): void;
  dispose(): void;
  /** Where a movable (3D) camera is, for project files; undefined for a fixed one. */
  cameraPose?(): CameraPose | undefined;
  /** Moves a movable camera to `pose`. */
  applyCameraPose?(pose: CameraPose): void;
}
