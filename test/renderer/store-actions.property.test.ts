// Issue 13: a store can never hold what a project file refuses. Random sequences of every action of
// every lab's store, fed hostile values (10 000-character and control-character strings, empty,
// ragged and huge matrices, NaN and ±Infinity, negative and fractional sizes), and after each
// action the lab's state saves and reads back exactly. A refused action throws a typed error and
// leaves the state as it was — never a TypeError, never a half-applied change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenizeError } from '../../src/attention/errors.js';
import { LabStateError, parseProject, serializeProject, type LabStateId } from '../../src/project/index.js';
import { NetworkFormatError } from '../../src/regions/errors.js';
import { initNetwork } from '../../src/regions/index.js';
import type { LabStore } from '../../renderer/project/lab-store.js';
import { AttentionStore, WEIGHT_NAMES } from '../../renderer/labs/attention/attention-store.js';
import { GradientsStore } from '../../renderer/labs/gradients/gradients-store.js';
import { LayerStore } from '../../renderer/labs/layer/layer-store.js';
import { LoraStore } from '../../renderer/labs/lora/lora-store.js';
import { RegionsStore } from '../../renderer/labs/regions/regions-store.js';
import { SvdStore } from '../../renderer/labs/svd/svd-store.js';

/** Errors an action may throw for a value it refuses: typed, naming what is wrong. */
const TYPED = [LabStateError, TokenizeError, NetworkFormatError];

const LONG = 'x'.repeat(10_000);
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(LONG, `${LONG}y`, '', ' ', '\u0000', '\uD800', '__proto__', 'constructor', '{"a":1}', 'a '.repeat(40), '.'.repeat(1001)),
);
const number = fc.oneof(
  fc.double(),
  fc.integer({ min: -5, max: 300 }),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1e308, -1, 0.5, 2 ** 32, 2 ** 53),
);
const smallNumber = fc.oneof({ weight: 4, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }) }, { weight: 1, arbitrary: number });
const vector = fc.oneof(fc.array(smallNumber, { maxLength: 4 }), fc.constantFrom([], [Number.NaN]));
const HUGE = Array.from({ length: 300 }, () => new Array<number>(300).fill(1));
const matrix = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }).chain((cols) => fc.array(fc.array(smallNumber, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 3 })) },
  { weight: 1, arbitrary: fc.array(fc.array(smallNumber, { maxLength: 4 }), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom([], [[]], [[], []], HUGE, [[1, 2], [3]]) },
);
const ref = fc.record({
  id: fc.oneof(fc.constantFrom('3x3-abc', ''), hostileString),
  name: hostileString,
  tensor: hostileString,
  rows: number,
  cols: number,
  slice: fc.oneof(hostileString, fc.constant(Array.from({ length: 400 }, () => ':').join(', '))),
});

type Action<S> = fc.Arbitrary<[string, (store: S) => void]>;
const act = <S>(name: string, arbitrary: fc.Arbitrary<(store: S) => void>): Action<S> => arbitrary.map((run) => [name, run]);

const layerActions: Action<LayerStore>[] = [
  act('setShape', fc.constantFrom('2x2', '3x3', '2x3', '3x2', '4x4', '') .map((v) => (s) => s.setShape(v as never))),
  act('setMatrix', matrix.map((v) => (s) => s.setMatrix(v))),
  act('setBias', vector.map((v) => (s) => s.setBias(v))),
  act('setPoint', vector.map((v) => (s) => s.setPoint(v))),
  act('setActivation', fc.constantFrom('none', 'relu', 'gelu', 'softplus').map((v) => (s) => s.setActivation(v as never))),
  act('setLeak', number.map((v) => (s) => s.setLeak(v))),
  act('setTime', number.map((v) => (s) => s.setTime(v))),
  act('setPlaying', fc.boolean().map((v) => (s) => s.setPlaying(v))),
  act('setSpeed', number.map((v) => (s) => s.setSpeed(v))),
  act('setStacked', fc.boolean().map((v) => (s) => s.setStacked(v))),
  act('setSecondLayer', fc.tuple(matrix, vector).map(([W, b]) => (s) => s.setSecondLayer(W, b))),
  act('setSeed', number.map((v) => (s) => s.setSeed(v))),
];
const svdActions: Action<SvdStore>[] = [
  act('setMatrix', matrix.map((v) => (s) => s.setMatrix(v))),
  act('setTime', fc.tuple(number, number).map(([t, end]) => (s) => s.setTime(t, end))),
  act('setPlaying', fc.boolean().map((v) => (s) => s.setPlaying(v))),
  act('setSpeed', number.map((v) => (s) => s.setSpeed(v))),
  act('setThreshold', number.map((v) => (s) => s.setThreshold(v))),
  act('setSeed', number.map((v) => (s) => s.setSeed(v))),
  act('setSpectrumScale', fc.constantFrom('log', 'linear', 'cubic').map((v) => (s) => s.setSpectrumScale(v as never))),
  act('setSpectrumText', hostileString.map((v) => (s) => s.setSpectrumText(v))),
  act('setImported', fc.option(ref).map((v) => (s) => s.setImported(v))),
];
const attentionActions: Action<AttentionStore>[] = [
  act('setSentence', hostileString.map((v) => (s) => s.setSentence(v))),
  act('setSizes', fc.record({ d: number, dk: number, heads: number }, { requiredKeys: [] }).map((v) => (s) => s.setSizes(v))),
  act('setSeed', number.map((v) => (s) => s.setSeed(v))),
  act('setWeight', fc.tuple(fc.constantFrom(...WEIGHT_NAMES), fc.oneof(matrix, fc.constant(undefined))).map(([name, m]) => (s) => s.setWeight(name, m ?? s.state.weights[name].map((row) => row.map((v) => -v))))),
  act('setEmbeddings', fc.option(matrix).map((v) => (s) => s.setEmbeddings(v))),
  act('setPositional', fc.boolean().map((v) => (s) => s.setPositional(v))),
  act('setScaling', fc.boolean().map((v) => (s) => s.setScaling(v))),
  act('setTemperature', number.map((v) => (s) => s.setTemperature(v))),
  act('setCausal', fc.boolean().map((v) => (s) => s.setCausal(v))),
  act('selectQuery', fc.tuple(number, number).map(([q, n]) => (s) => s.selectQuery(q, n))),
  act('selectHead', number.map((v) => (s) => s.selectHead(v))),
  act('setProjection', fc.constantFrom(2, 3, 4).map((v) => (s) => s.setProjection(v as never))),
];
const loraActions: Action<LoraStore>[] = [
  act('setWeight', fc.tuple(hostileString, matrix).map(([text, W]) => (s) => s.setWeight(text, W))),
  act('setTypedUpdate', fc.tuple(hostileString, fc.oneof(matrix, fc.constant(undefined))).map(([text, m]) => (s) => s.setTypedUpdate(text, m ?? s.state.W0.map((row) => row.map((v) => v / 2))))),
  act('setExample', fc.tuple(number, number).map(([rank, noise]) => (s) => s.setExample(rank, noise))),
  act('setRank', number.map((v) => (s) => s.setRank(v))),
  act('setSeed', number.map((v) => (s) => s.setSeed(v))),
  act('setResidualOwnScale', fc.boolean().map((v) => (s) => s.setResidualOwnScale(v))),
  act('setView', fc.constantFrom('heatmaps', 'geometry', 'x').map((v) => (s) => s.setView(v as never))),
  act('setCounter', fc.record({ d: number, k: number, r: number }).map((v) => (s) => s.setCounter(v))),
  act('setImported', fc.tuple(fc.option(ref), fc.option(matrix)).map(([r, m]) => (s) => s.setImported(r, m ?? undefined))),
];
const gradientsActions: Action<GradientsStore>[] = [
  act('setView', fc.constantFrom('layer', 'chain', 'x').map((v) => (s) => s.setView(v as never))),
  act('setMatrix', matrix.map((v) => (s) => s.setMatrix(v))),
  act('setInput', vector.map((v) => (s) => s.setInput(v))),
  act('setGradient', vector.map((v) => (s) => s.setGradient(v))),
  act('setSeed', number.map((v) => (s) => s.setSeed(v))),
  act('setChain', fc.record({ depth: number, width: number, scale: number, noise: number, seed: number, relu: fc.boolean() }, { requiredKeys: [] }).map((v) => (s) => s.setChain(v))),
  act('setInit', fc.constantFrom('gaussian', 'orthogonal', 'identity', 'xavier').map((v) => (s) => s.setInit(v as never))),
  act('setImported', fc.option(ref).map((v) => (s) => s.setImported(v))),
];
const net = fc.oneof(
  fc.record({ inputs: fc.constantFrom(2, 3), hidden: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }), seed: fc.nat() }).map(({ inputs, hidden, seed }) => ({
    inputs: inputs as 2 | 3, hidden, net: initNetwork({ inputs, hidden, init: 'he', seed }),
  })),
  fc.record({ inputs: fc.constantFrom(2, 3), hidden: fc.array(number, { maxLength: 3 }), net: fc.record({ weights: fc.array(matrix, { maxLength: 3 }), biases: fc.array(vector, { maxLength: 3 }) }) }),
);
const regionsActions: Action<RegionsStore>[] = [
  act('setNetwork', net.map((v) => (s) => s.setNetwork(v as never))),
  act('setNeuron', fc.tuple(number, number, vector, number).map(([l, i, w, b]) => (s) => s.setNeuron(l, i, w, b))),
  act('pickNeuron', fc.option(fc.record({ layer: number, index: number }), { nil: undefined }).map((v) => (s) => s.pickNeuron(v))),
  act('setView', fc.record({ coloring: fc.constantFrom('region', 'output', 'layer', 'x'), surface: fc.boolean(), explode: number, opacity: number, boundariesByLayer: fc.boolean(), boundaryLayersOff: fc.array(number, { maxLength: 9 }) }, { requiredKeys: [] }).map((v) => (s) => s.setView(v as never))),
  act('setLayersShown', number.map((v) => (s) => s.setLayersShown(v))),
  act('setSlice', fc.record({ sliceOn: fc.boolean(), sliceAt: number }, { requiredKeys: [] }).map((v) => (s) => s.setSlice(v))),
  act('setLine', fc.record({ lineOn: fc.boolean(), lineA: vector, lineB: vector }, { requiredKeys: [] }).map((v) => (s) => s.setLine(v))),
  act('select', fc.option(number, { nil: undefined }).map((v) => (s) => s.select(v))),
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const LABS: [LabStateId, () => LabStore<any, string>, Action<any>[]][] = [
  ['layer', () => new LayerStore(), layerActions],
  ['svd', () => new SvdStore(), svdActions],
  ['attention', () => new AttentionStore(), attentionActions],
  ['lora', () => new LoraStore(), loraActions],
  ['gradients', () => new GradientsStore(), gradientsActions],
  ['regions', () => new RegionsStore(), regionsActions],
];

describe('every store action keeps a state the project file accepts', () => {
  it.each(LABS)('%s', (lab, create, actions) => {
    fc.assert(
      fc.property(fc.array(fc.oneof(...actions), { minLength: 1, maxLength: 12 }), (sequence) => {
        const store = create();
        for (const [name, run] of sequence) {
          const before = store.state;
          try {
            run(store);
          } catch (error) {
            expect(TYPED.some((type) => error instanceof type), `${name} threw ${(error as Error)?.name}: ${(error as Error)?.message}`).toBe(true);
            expect(store.state, `${name} was refused but changed the state`).toBe(before);
          }
          const text = serializeProject({ view: lab, theme: 'dark', labs: { [lab]: { state: store.state } } });
          const back = parseProject(text).labs[lab]!.state;
          expect(back, `after ${name}`).toEqual(JSON.parse(JSON.stringify(store.state)));
        }
      }),
      { numRuns: 150 },
    );
  });
});
