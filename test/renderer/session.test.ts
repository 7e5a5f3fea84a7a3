// The project session: undo/redo of every store edit (merged per gesture), exact restoration,
// the unsaved flag, stores kept across lab visits, and project snapshots applied to stores that
// exist and to those that do not yet.
import { describe, expect, it } from 'vitest';
import { parseProject, serializeProject } from '../../src/project/index.js';
import { ProjectSession } from '../../renderer/project/session.js';
import { LayerStore, initialLayerState, type LayerState } from '../../renderer/labs/layer/layer-store.js';
import { SvdStore, initialSvdState, type SvdState } from '../../renderer/labs/svd/svd-store.js';
import { GradientsStore, initialGradientsState, type GradientsState } from '../../renderer/labs/gradients/gradients-store.js';

function setup() {
  const session = new ProjectSession();
  let clock = 0;
  session.now = () => clock;
  const tick = (ms: number) => (clock += ms);
  const layer = session.storeFor('layer', (initial?: LayerState) => new LayerStore(initial));
  const svd = session.storeFor('svd', (initial?: SvdState) => new SvdStore(initial));
  return { session, layer, svd, tick };
}

describe('ProjectSession', () => {
  it('gives the same store on every visit', () => {
    const { session, layer } = setup();
    expect(session.storeFor('layer', () => new LayerStore())).toBe(layer);
  });

  it('undoes and redoes each kind of edit exactly', () => {
    const { session, layer, tick } = setup();
    const states: LayerState[] = [layer.state];
    const edits: ((s: LayerStore) => void)[] = [
      (s) => s.setMatrix([[2, 0], [0, 3]]),
      (s) => s.setBias([1, -1]),
      (s) => s.setPoint([0.25, 0.5]),
      (s) => s.setActivation('relu'),
      (s) => s.setLeak(0.2),
      (s) => s.setShape('3x3'),
      (s) => s.setStacked(true),
      (s) => s.setSecondLayer([[1, 0, 0], [0, 1, 0], [0, 0, 2]], [0, 0, 1]),
      (s) => s.setSeed(9),
    ];
    for (const edit of edits) {
      tick(1000);
      edit(layer);
      expect(layer.state, 'each edit in the table changes the state').not.toEqual(states.at(-1));
      states.push(layer.state);
    }
    expect(session.dirty).toBe(true);
    for (let i = edits.length - 1; i >= 0; i--) {
      expect(session.undo()).toBe('layer');
      expect(layer.state).toEqual(states[i]);
    }
    expect(session.canUndo).toBe(false);
    expect(session.dirty).toBe(false);
    for (let i = 1; i <= edits.length; i++) {
      session.redo();
      expect(layer.state).toEqual(states[i]);
    }
    expect(session.canRedo).toBe(false);
  });

  it('merges one gesture (a drag) into one step, but not edits a second apart', () => {
    const { session, layer, tick } = setup();
    const start = layer.state;
    for (let i = 0; i < 20; i++) {
      tick(16);
      layer.setPoint([i / 10, 0]);
    }
    tick(2000);
    layer.setPoint([5, 5]);
    session.undo();
    expect(layer.state.x).toEqual([1.9, 0]);
    session.undo();
    expect(layer.state).toEqual(start);
    expect(session.canUndo).toBe(false);
  });

  it('does not record playback (time and play/pause) as edits', () => {
    const { session, svd, tick } = setup();
    svd.setPlaying(true);
    for (let i = 0; i < 10; i++) {
      tick(16);
      svd.setTime(i * 0.1, 3);
    }
    expect(session.canUndo).toBe(false);
  });

  it('a new edit clears the redo stack', () => {
    const { session, svd, tick } = setup();
    svd.setThreshold(0.3);
    tick(1000);
    svd.setThreshold(0.5);
    session.undo();
    tick(1000);
    svd.setSpeed(2);
    expect(session.canRedo).toBe(false);
    session.undo();
    expect(svd.state.threshold).toBe(0.3);
    expect(svd.state.speed).toBe(1);
  });

  it('keeps undo steps per lab and restores the right one', () => {
    const { session, layer, svd, tick } = setup();
    layer.setActivation('tanh');
    tick(1000);
    svd.setMatrix([[1, 2], [3, 4]]);
    tick(1000);
    expect(session.undo()).toBe('svd');
    expect(svd.state.W).toEqual(initialSvdState().W);
    expect(layer.state.activation).toBe('tanh');
    expect(session.undo()).toBe('layer');
    expect(layer.state.activation).toBe('none');
  });

  it('marks saved, and becomes dirty again after an edit or an undo past the save', () => {
    const { session, layer, tick } = setup();
    layer.setActivation('gelu');
    session.markSaved('mine.hinge', 'h');
    expect(session.dirty).toBe(false);
    tick(1000);
    layer.setActivation('relu');
    expect(session.dirty).toBe(true);
    session.undo();
    expect(session.dirty).toBe(false);
    session.undo();
    expect(session.dirty).toBe(true);
    expect(session.name).toBe('mine.hinge');
  });

  it('snapshots to a project file that, opened in a new session, gives back every state', () => {
    const { session, layer, svd } = setup();
    layer.setMatrix([[0, -1], [1, 0]]);
    svd.setThreshold(0.25);
    const text = serializeProject(session.snapshot('svd', 'dark'));
    const other = new ProjectSession();
    other.applyProject(parseProject(text), 'a.hinge', undefined);
    // The stores do not exist yet: their states wait until the labs are visited.
    const layer2 = other.storeFor('layer', (initial?: LayerState) => new LayerStore(initial));
    const svd2 = other.storeFor('svd', (initial?: SvdState) => new SvdStore(initial));
    expect(layer2.state).toEqual(layer.state);
    expect(svd2.state).toEqual(svd.state);
    expect(other.dirty).toBe(false);
    expect(other.canUndo).toBe(false);
  });

  it('applies a project to existing stores, and resets labs the file leaves out', () => {
    const { session, layer, svd } = setup();
    const grad = session.storeFor('gradients', (initial?: GradientsState) => new GradientsStore(initial));
    grad.setView('chain');
    layer.setActivation('swish');
    const project = parseProject(serializeProject({ view: 'layer', theme: 'light', labs: { svd: { state: { ...svd.state, threshold: 0.75 } } } }));
    session.applyProject(project, null, undefined);
    expect(svd.state.threshold).toBe(0.75);
    expect(layer.state).toEqual(initialLayerState());
    expect(grad.state.view).toBe('layer');
    expect(session.canUndo).toBe(false);
  });

  it('saves a playing animation as paused', () => {
    const { session, svd } = setup();
    svd.setPlaying(true);
    expect((session.snapshot('svd', 'dark').labs.svd!.state as SvdState).playing).toBe(false);
  });

  it('keeps each view\'s camera across visits, saves it, and applies an opened project\'s', () => {
    const { session } = setup();
    const pose = (x: number) => ({ position: [x, 0, 1] as [number, number, number], target: [0, 0, 0] as [number, number, number], zoom: 1 });
    let forward = pose(1);
    let backward = pose(2);
    const applied: unknown[] = [];
    const stopF = session.bindCamera('gradients', { pose: () => forward, apply: (p) => applied.push(['f', p]) }, 0);
    const stopB = session.bindCamera('gradients', { pose: () => backward, apply: (p) => applied.push(['b', p]) }, 1);
    forward = pose(3); // the user orbits
    expect(session.snapshot('gradients', 'dark').labs.gradients).toBeUndefined(); // no store, no state: nothing to save yet
    session.storeFor('gradients', (initial?: GradientsState) => new GradientsStore(initial));
    expect(session.snapshot('gradients', 'dark').labs.gradients!.cameras).toEqual([pose(3), pose(2)]);
    stopF();
    stopB();
    forward = pose(9); // gone from screen: the poses seen last are kept
    expect(session.snapshot('gradients', 'dark').labs.gradients!.cameras).toEqual([pose(3), pose(2)]);
    // Coming back applies them to the new views.
    session.bindCamera('gradients', { pose: () => undefined, apply: (p) => applied.push(['f2', p]) }, 0);
    expect(applied).toEqual([['f2', pose(3)]]);
    // Opening a project applies its poses to the views on screen.
    const text = serializeProject({ view: 'gradients', theme: 'dark', labs: { gradients: { state: initialGradientsState(), cameras: [pose(5), null] } } });
    session.applyProject(parseProject(text), null, undefined);
    expect(applied.at(-1)).toEqual(['f2', pose(5)]);
  });

  it('resolves storeWhenReady when the lab creates its store', async () => {
    const session = new ProjectSession();
    const waiting = session.storeWhenReady('svd');
    const store = session.storeFor('svd', (initial?: SvdState) => new SvdStore(initial));
    await expect(waiting).resolves.toBe(store);
  });
});
