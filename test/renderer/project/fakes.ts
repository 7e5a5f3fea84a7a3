// Small stand-ins for what the project layer talks to, for unit tests in Node: a Lit element host
// (controllers connect and disconnect like an element entering and leaving the page) and a scene
// view with a movable camera.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Group, PerspectiveCamera, Scene } from 'three';
import type { CameraPose } from '../../../src/project/index.js';
import type { SceneView } from '../../../renderer/scene/scene-view.js';

/** A ReactiveControllerHost that runs its controllers' hooks in the order they were added, as Lit does. */
export class FakeElementHost extends EventTarget implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  readonly localName = 'fake-lab';
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }
  requestUpdate(): void {}
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
  connect(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }
  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}

/** A view whose camera pose is plain data, that records what was applied and whether it was disposed. */
export class FakeView implements SceneView {
  readonly scene = new Scene().add(new Group());
  readonly camera = new PerspectiveCamera();
  readonly applied: CameraPose[] = [];
  disposed = false;
  constructor(public pose: CameraPose = { position: [6, -7, 5], target: [0, 0, 0], zoom: 1 }) {}
  setViewport(): void {}
  dispose(): void {
    this.disposed = true;
  }
  cameraPose(): CameraPose {
    return this.pose;
  }
  applyCameraPose(pose: CameraPose): void {
    this.applied.push(pose);
    this.pose = pose;
  }
}
