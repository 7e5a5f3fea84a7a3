// Undo after every kind of edit, in every lab, restores the previous state exactly — and redo
// brings the edit back — driven through each store's named actions, one gesture apart. Every edit
// in the table must change the state: one that changes nothing would make its undo check vacuous,
// so it fails the table instead of being skipped.
import { describe, expect, it } from 'vitest';
import { initNetwork } from '../../src/regions/index.js';
import { ProjectSession } from '../../renderer/project/session.js';
import type { LabStore } from '../../renderer/project/lab-store.js';
import { LayerStore } from '../../renderer/labs/layer/layer-store.js';
import { SvdStore } from '../../renderer/labs/svd/svd-store.js';
import { AttentionStore } from '../../renderer/labs/attention/attention-store.js';
import { LoraStore } from '../../renderer/labs/lora/lora-store.js';
import { GradientsStore } from '../../renderer/labs/gradients/gradients-store.js';
import { RegionsStore, initialRegionsState } from '../../renderer/labs/regions/regions-store.js';


type Edit<S> = [name: string, apply: (store: S) => void];

const ref = { id: '3x3-abc', name: 'w.npy', tensor: '', rows: 3, cols: 3, slice: '' };

const labs = {
  layer: {
    create: () => new LayerStore(),
    edits: [
      ['matrix', (s) => s.setMatrix([[2, 1], [0, 1]])],
      ['bias', (s) => s.setBias([0, 1])],
      ['point', (s) => s.setPoint([-1, 2])],
      ['activation', (s) => s.setActivation('gelu')],
      ['leak', (s) => s.setLeak(0.3)],
      ['shape', (s) => s.setShape('2x3')],
      ['stack', (s) => s.setStacked(true)],
      ['second layer', (s) => s.setSecondLayer([[0, 1], [1, 0]], [1, 1])],
      ['seed', (s) => s.setSeed(42)],
      ['speed', (s) => s.setSpeed(0.5)],
    ] as Edit<LayerStore>[],
  },
  svd: {
    create: () => new SvdStore(),
    edits: [
      ['matrix', (s) => s.setMatrix([[1, 2, 3], [4, 5, 6]])],
      ['speed', (s) => s.setSpeed(2)],
      ['threshold', (s) => s.setThreshold(0.4)],
      ['seed', (s) => s.setSeed(5)],
      ['spectrum text', (s) => s.setSpectrumText('randn(64, 32)')],
      ['spectrum scale', (s) => s.setSpectrumScale('linear')],
    ] as Edit<SvdStore>[],
  },
  attention: {
    create: () => new AttentionStore(),
    edits: [
      ['sentence', (s) => s.setSentence('a b c d')],
      ['sizes', (s) => s.setSizes({ d: 6, heads: 2 })],
      ['seed', (s) => s.setSeed(9)],
      ['weight', (s) => s.setWeight('W_Q', s.state.weights.W_Q.map((row) => row.map((v) => v * 2)))],
      ['embeddings', (s) => s.setEmbeddings(Array.from({ length: 4 }, (_, i) => Array.from({ length: s.state.d }, (_, j) => i - j)))],
      ['positional', (s) => s.setPositional(false)],
      ['scaling', (s) => s.setScaling(false)],
      ['temperature', (s) => s.setTemperature(2)],
      ['causal', (s) => s.setCausal(true)],
      ['query', (s) => s.selectQuery(2, 4)],
      ['head', (s) => s.selectHead(1)],
      ['projection', (s) => s.setProjection(3)],
    ] as Edit<AttentionStore>[],
  },
  lora: {
    create: () => new LoraStore(),
    edits: [
      ['weight', (s) => s.setWeight('eye(3)', [[1, 0, 0], [0, 1, 0], [0, 0, 1]])],
      ['typed update', (s) => s.setTypedUpdate('x', [[0, 1, 0], [0, 0, 1], [1, 0, 0]])],
      ['example', (s) => s.setExample(2, 0.1)],
      ['rank', (s) => s.setRank(2)],
      ['seed', (s) => s.setSeed(3)],
      ['residual scale', (s) => s.setResidualOwnScale(true)],
      ['view', (s) => s.setView('heatmaps')],
      ['counter', (s) => s.setCounter({ d: 1024, k: 512, r: 8 })],
      ['imported', (s) => s.setImported(ref)],
    ] as Edit<LoraStore>[],
  },
  gradients: {
    create: () => new GradientsStore(),
    edits: [
      ['view', (s) => s.setView('chain')],
      ['matrix', (s) => s.setMatrix([[1, 0, 2], [0, 1, 0]])],
      ['input', (s) => s.setInput([1, 2, 3])],
      ['gradient', (s) => s.setGradient([0, 1])],
      ['seed', (s) => s.setSeed(8)],
      ['chain', (s) => s.setChain({ depth: 12, relu: true })],
      ['init', (s) => s.setInit('orthogonal')],
      ['imported', (s) => s.setImported(ref)],
    ] as Edit<GradientsStore>[],
  },
  regions: {
    create: () => new RegionsStore(initialRegionsState()),
    edits: [
      ['network', (s) => s.setNetwork({ net: initNetwork({ inputs: 2, hidden: [4, 4], init: 'glorot', seed: 3 }), hidden: [4, 4], init: 'glorot', seed: 3 })],
      ['view', (s) => s.setView({ coloring: 'output', opacity: 0.8 })],
      ['slice', (s) => s.setSlice({ sliceOn: true, sliceAt: 0.5 })],
      ['select', (s) => s.select(2)],
      ['neuron', (s) => s.setNeuron(0, 1, [0.5, -0.5], 0.25)],
      ['layers shown', (s) => s.setLayersShown(1)],
      ['line', (s) => s.setLine({ lineOn: true, lineA: [0, 0] })],
    ] as Edit<RegionsStore>[],
  },
};

describe.each(Object.entries(labs))('undo in the %s lab', (id, lab) => {
  it('restores the state before each kind of edit exactly, and redo brings it back', () => {
    const session = new ProjectSession();
    let clock = 0;
    session.now = () => clock;
    const store = session.storeFor(id as never, () => lab.create()) as LabStore<object, string>;
    const states = [store.state];
    for (const [name, edit] of lab.edits as Edit<LabStore<object, string>>[]) {
      clock += 1000;
      const before = store.state;
      edit(store);
      expect(store.state, `"${name}" must change the state`).not.toEqual(before);
      states.push(store.state);
    }
    for (let i = lab.edits.length; i > 0; i--) {
      expect(session.undo(), `undo of "${lab.edits[i - 1]![0]}"`).toBe(id);
      expect(store.state, `undo of "${lab.edits[i - 1]![0]}"`).toEqual(states[i - 1]);
    }
    expect(session.canUndo).toBe(false);
    for (let i = 1; i <= lab.edits.length; i++) {
      expect(session.redo(), `redo of "${lab.edits[i - 1]![0]}"`).toBe(id);
      expect(store.state, `redo of "${lab.edits[i - 1]![0]}"`).toEqual(states[i]);
    }
    expect(session.canRedo).toBe(false);
  });
});
