import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LabStateId } from '../../src/project/index.js';
import type { SceneController } from '../scene/scene-controller.js';
import type { LabStore, STATE_REPLACED } from './lab-store.js';
import { session } from './session.js';

/**
 * Ties a lab element to the project session for as long as it is on the page: it listens to the
 * lab's store (which the session keeps across visits) and lends the session the camera of each
 * of its scenes, in order. Everything is undone when the element leaves; the cameras' last poses
 * stay with the session.
 */
export class LabSessionLink<C extends string> implements ReactiveController {
  #stops: (() => void)[] = [];

  constructor(
    host: ReactiveControllerHost,
    private readonly lab: LabStateId,
    private readonly store: LabStore<object, C>,
    private readonly onChange: (change: C | typeof STATE_REPLACED) => void,
    private readonly scenes: readonly SceneController[] | (() => readonly SceneController[]) = [],
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#stops = [
      this.store.subscribe((change) => this.onChange(change)),
      // No view yet: the scene controller applies a saved pose to the first view it is given.
      ...(typeof this.scenes === 'function' ? this.scenes() : this.scenes).map((scenes, view) => session.bindCamera(this.lab, scenes.cameraBinding(), view)),
    ];
  }

  hostDisconnected(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
  }
}
