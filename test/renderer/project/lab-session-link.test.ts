// LabSessionLink ties a lab element to the project session while it is on the page: the store's
// changes reach the lab, each scene's camera is lent to the session (a saved pose reaches the first
// view that has a movable camera), and when the element leaves the lab hears nothing more and the
// session keeps each camera's last pose. Driven with a fake element host and real SceneControllers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CameraPose } from '../../../src/project/index.js';
import { FakeElementHost, FakeView } from './fakes.js';

// The session is a module singleton: each test gets fresh modules (and so a fresh session).
async function setup(views = 1) {
  vi.resetModules();
  const { session } = await import('../../../renderer/project/session.js');
  const { LabSessionLink } = await import('../../../renderer/project/lab-session-link.js');
  const { SceneController } = await import('../../../renderer/scene/scene-controller.js');
  const { LayerStore } = await import('../../../renderer/labs/layer/layer-store.js');
  const host = new FakeElementHost();
  const element = host as unknown as ConstructorParameters<typeof SceneController>[0];
  const scenes = Array.from({ length: views }, () => new SceneController(element));
  const store = session.storeFor('layer', () => new LayerStore());
  const changes: string[] = [];
  new LabSessionLink(host, 'layer', store, (change) => changes.push(change), scenes);
  return { session, host, scenes, store, changes };
}

const pose = (x: number): CameraPose => ({ position: [x, 2, 3], target: [0, 0.5, 0], zoom: 1.5 });

beforeEach(() => {
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('LabSessionLink', () => {
  it('passes store changes to the lab only while the element is on the page', async () => {
    const { host, store, changes } = await setup();
    store.setActivation('relu');
    expect(changes).toEqual([]); // not connected yet
    host.connect();
    store.setActivation('tanh');
    store.setSeed(7);
    expect(changes).toEqual(['activationChanged', 'seedChanged']);
    host.disconnect();
    store.setSeed(8);
    expect(changes).toEqual(['activationChanged', 'seedChanged']);
    host.connect(); // a second visit listens again, once
    store.setSeed(9);
    expect(changes).toEqual(['activationChanged', 'seedChanged', 'seedChanged']);
  });

  it('hears undo and an opened project as a replaced state', async () => {
    const { session, host, store, changes } = await setup();
    host.connect();
    store.setActivation('relu');
    session.undo();
    expect(changes).toEqual(['activationChanged', 'stateReplaced']);
    expect(store.state.activation).toBe('none');
  });

  it('lends the live camera of each view to the session, in order', async () => {
    const { session, host, scenes } = await setup(2);
    host.connect();
    scenes[0]!.setView(new FakeView(pose(1)));
    scenes[1]!.setView(new FakeView(pose(2)));
    expect(session.snapshot('layer', 'dark').labs.layer?.cameras).toEqual([pose(1), pose(2)]);
  });

  it('gives a saved pose to the first view with a movable camera, and keeps the last pose after leaving', async () => {
    const { session, host, scenes, store } = await setup();
    const { parseProject, serializeProject } = await import('../../../src/project/index.js');
    const saved = parseProject(serializeProject({ ...session.snapshot('layer', 'dark'), labs: { layer: { state: store.state, cameras: [pose(4)] } } }));
    session.applyProject(saved, 'a.hinge', undefined);
    host.connect(); // no view yet: the pose waits in the scene controller
    const view = new FakeView(pose(9));
    scenes[0]!.setView(view);
    expect(view.applied).toEqual([pose(4)]);
    view.pose = pose(5); // the user orbits
    host.disconnect();
    expect(view.disposed).toBe(true);
    view.pose = pose(6); // a disposed view is no longer asked
    expect(session.snapshot('layer', 'dark').labs.layer?.cameras).toEqual([pose(5)]);
  });
});
