// Project files: the state every lab saves round-trips exactly; a malformed file is refused with
// the path of its first bad field; newer versions and non-projects are refused; fuzzed input
// never crashes the parser.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PROJECT_FORMAT,
  PROJECT_VERSION,
  ProjectError,
  formatPath,
  initNetwork,
  parseProject,
  seededWeights,
  serializeProject,
  validateProject,
  type Project,
} from '../../../src/index.js';
import { salvageProject } from '../../../src/project/index.js';

const layer = {
  shape: '2x3', W: [[1, 0.5, 0], [-0.5, 1.25, 2]], b: [0.5, 0.25], x: [1, 1, -1], activation: 'relu', leak: 0.1,
  time: 2.5, playing: false, speed: 2, stacked: true, W2: [[0.8, -0.6], [0.6, 0.8]], b2: [0, -0.5], seed: 7,
} as const;
const svd = { W: [[1.2, 0.9], [-0.4, 1.1]], seed: 1, time: 1.5, playing: false, speed: 2, threshold: 0.1, spectrumText: 'randn(512, 512)', spectrumScale: 'linear', imported: null };
const W = (rows: number, cols: number, name: string) => seededWeights(rows, cols, 3, name);
const attention = {
  sentence: 'the cat sat', d: 4, dk: 2, heads: 2, seed: 3, positional: true, scale: true, temperature: 1, causal: false,
  weights: { W_Q: W(4, 4, 'W_Q'), W_K: W(4, 4, 'W_K'), W_V: W(4, 4, 'W_V'), W_O: W(4, 4, 'W_O') },
  embeddings: null, query: 2, head: 1, projection: 2,
};
const lora = {
  weightText: 'randn(3, 3)', W0: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], updateSource: 'typed', updateText: 'x', exampleRank: 1, noise: 0.3,
  deltaW: [[0.1, 0, 0], [0, 0.2, 0], [0, 0, 0.3]], seed: 1, rank: 2, residualOwnScale: true, view: 'geometry', counter: { d: 4096, k: 4096, r: 16 },
};
const gradients = {
  view: 'chain', W: [[1.5, 0.8], [0.4, 0.6]], x: [-1, 0.8], g: [0.2, -1], seed: 1, imported: { id: 'x', name: 'w.npy', tensor: '', rows: 3, cols: 3, slice: '' },
  chain: { depth: 30, width: 32, init: 'orthogonal', scale: 1, relu: true, noise: 0.1, seed: 4 },
};
const net = initNetwork({ inputs: 3, hidden: [4, 3], init: 'he', seed: 2 });
/** The Regions state as version 1 wrote it. */
const regionsV1 = {
  inputs: 3, hidden: [4, 3], init: 'he', seed: 2, leaky: false, net, radius: 1, coloring: 'output', surface: false, explode: 0.2,
  opacity: 0.5, sliceOn: true, sliceAt: 0.25, selected: 3,
};
const regions = {
  ...regionsV1, coloring: 'layer', layersShown: 1, boundariesByLayer: true, boundaryLayersOff: [1], neuron: { layer: 1, index: 2 },
  lineOn: true, lineA: [-0.5, 0, 0.25], lineB: [0.5, 0.5, -0.25],
};
const importedRef = { id: '64x32-9f2c', name: 'weights.safetensors', tensor: 'encoder.layer.0.attn.q.weight', rows: 64, cols: 32, slice: 'axes 0,1' };

function fullProject(): Omit<Project, 'format' | 'version'> {
  return {
    view: 'regions', theme: 'light', app: 'hinge',
    labs: {
      layer: { state: layer as never },
      svd: { state: svd as never },
      attention: { state: attention as never },
      lora: { state: lora as never },
      regions: { state: regions as never, cameras: [{ position: [6, -7, 5], target: [0, 0, 0.3], zoom: 1 }] },
      gradients: { state: gradients as never, cameras: [null, { position: [1, 2, 3], target: [0, 0, 0], zoom: 2 }] },
    },
  };
}

/** The text of the full project with one change applied to its parsed JSON. */
function mutated(change: (p: any) => void): string {
  const p = JSON.parse(serializeProject(fullProject()));
  change(p);
  return JSON.stringify(p);
}

function refusal(text: string): ProjectError {
  try {
    parseProject(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ProjectError);
    return error as ProjectError;
  }
  throw new Error('the project was accepted');
}

describe('project files', () => {
  it('round-trips every lab state exactly', () => {
    const text = serializeProject(fullProject());
    const back = parseProject(text);
    expect(back.format).toBe(PROJECT_FORMAT);
    expect(back.version).toBe(PROJECT_VERSION);
    expect(back.labs).toEqual(fullProject().labs);
    expect(back.view).toBe('regions');
    // and once more: text → project → text is a fixed point
    expect(serializeProject({ ...back })).toBe(serializeProject({ ...back }));
  });

  it('keeps doubles bit for bit (shortest round-trip printing; −0 becomes 0)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 4, maxLength: 4 }), (v) => {
        const p = fullProject();
        const state = { ...svd, W: [[v[0]!, v[1]!], [v[2]!, v[3]!]] };
        const back = parseProject(serializeProject({ ...p, labs: { svd: { state: state as never } } }));
        const got = back.labs.svd!.state.W.flat();
        // JSON has no −0: it comes back as 0, which is the same number; everything else is bit-identical.
        got.forEach((x, i) => expect(Object.is(x, v[i] === 0 ? 0 : v[i])).toBe(true));
      }),
      { numRuns: 200 },
    );
  });

  const cases: [string, (p: any) => void, string, RegExp][] = [
    ['a string in a matrix', (p) => (p.labs.layer.state.W[1][0] = 'x'), 'labs.layer.state.W[1][0]', /number/],
    ['a ragged matrix', (p) => p.labs.svd.state.W[1].push(3), 'labs.svd.state.W[1]', /row 2 has 3 entries, row 1 has 2/],
    ['W that does not match its shape', (p) => (p.labs.layer.state.shape = '3x3'), 'labs.layer.state.W', /3×3/],
    ['a bias of the wrong length', (p) => p.labs.layer.state.b.push(1), 'labs.layer.state.b', /2 entries/],
    ['an unknown activation', (p) => (p.labs.layer.state.activation = 'softplus'), 'labs.layer.state.activation', /./],
    ['an unknown key', (p) => (p.labs.layer.state.extra = 1), 'labs.layer.state', /extra/],
    ['a missing key', (p) => delete p.labs.gradients.state.g, 'labs.gradients.state.g', /./],
    ['a token that does not exist', (p) => (p.labs.attention.state.query = 9), 'labs.attention.state.query', /3/],
    ['a projection of the wrong size', (p) => p.labs.attention.state.weights.W_Q.pop(), 'labs.attention.state.weights.W_Q', /4×4/],
    ['a sentence over 32 tokens', (p) => (p.labs.attention.state.sentence = 'a '.repeat(40)), 'labs.attention.state.sentence', /32/],
    ['a rank above min(d, k)', (p) => (p.labs.lora.state.rank = 4), 'labs.lora.state.rank', /min/],
    ['ΔW of another size', (p) => p.labs.lora.state.deltaW.pop(), 'labs.lora.state.deltaW', /3×3/],
    ['a network whose layer does not fit', (p) => p.labs.regions.state.net.weights[1].pop(), 'labs.regions.state.net.weights[1]', /3×4/],
    ['a network with too few layers', (p) => p.labs.regions.state.hidden.push(5), 'labs.regions.state.net.weights', /layers/],
    ['a chain deeper than the lab runs', (p) => (p.labs.gradients.state.chain.depth = 1000), 'labs.gradients.state.chain.depth', /./],
    ['a camera with two coordinates', (p) => p.labs.regions.cameras[0].position.pop(), 'labs.regions.cameras[0].position', /./],
    ['a zoom of zero', (p) => (p.labs.gradients.cameras[1].zoom = 0), 'labs.gradients.cameras[1].zoom', /./],
    ['an unknown lab', (p) => (p.labs.tensors = {}), 'labs', /tensors/],
    ['an unknown view', (p) => (p.view = 'nowhere'), 'view', /./],
    ['a negative seed', (p) => (p.labs.svd.state.seed = -1), 'labs.svd.state.seed', /./],
    ['a segment in the wrong dimension', (p) => p.labs.regions.state.lineA.pop(), 'labs.regions.state.lineA', /3 entries/],
    ['a neuron that does not exist', (p) => (p.labs.regions.state.neuron = { layer: 1, index: 7 }), 'labs.regions.state.neuron', /no neuron 8/],
    ['an imported matrix without a size', (p) => delete p.labs.gradients.state.imported.rows, 'labs.gradients.state.imported.rows', /./],
  ];
  it.each(cases)('refuses %s, naming the field', (_name, change, path, message) => {
    const error = refusal(mutated(change));
    expect(error.kind).toBe('invalid');
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${path}: `)).toBe(true);
  });

  it('refuses text that is not JSON, JSON that is not a project, and a newer version', () => {
    expect(refusal('{"format": "hinge-project", ').kind).toBe('not-json');
    expect(refusal('[1, 2]').kind).toBe('not-a-project');
    expect(refusal('{"format": "other"}').kind).toBe('not-a-project');
    const newer = refusal(mutated((p) => (p.version = PROJECT_VERSION + 1)));
    expect(newer.kind).toBe('newer-version');
    expect(newer.message).toMatch(/newer Hinge/);
    expect(refusal(mutated((p) => (p.version = 0))).path).toBe('version');
    expect(refusal(mutated((p) => (p.version = '1'))).path).toBe('version');
  });

  it('migrates a version 1 file: the Regions lab gets the views a new lab starts with', () => {
    const v1 = mutated((p) => {
      p.version = 1;
      p.labs.regions.state = regionsV1;
      delete p.labs.layer.state.speed;
      delete p.labs.svd.state.spectrumScale;
    });
    const project = parseProject(v1);
    expect(project.version).toBe(PROJECT_VERSION);
    expect(project.labs.regions!.state).toEqual({
      ...regionsV1, layersShown: 0, boundariesByLayer: false, boundaryLayersOff: [], lineOn: false,
      lineA: [-0.9, -0.4, -0.3], lineB: [0.9, 0.5, 0.4],
    });
    // The Layer lab gains its speed, at the 1× version 1 played at; everything else is as it was.
    const { speed: _speed, ...layerV1 } = layer;
    expect(parseProject(mutated((p) => { p.version = 1; p.labs.layer.state = layerV1; })).labs.layer!.state).toEqual({ ...layer, speed: 1 });
    // The SVD lab gains its spectrum scale, log as version 1 drew it.
    const { spectrumScale: _scale, ...svdV1 } = svd;
    expect(parseProject(mutated((p) => { p.version = 1; p.labs.svd.state = svdV1; delete p.labs.layer.state.speed; })).labs.svd!.state).toEqual({ ...svd, spectrumScale: 'log' });
    // A version 1 file with no Regions lab migrates untouched.
    expect(parseProject(mutated((p) => { p.version = 1; delete p.labs.regions; })).labs.regions).toBeUndefined();
    // And a version 1 file that is bad after migration still names the field.
    expect(refusal(mutated((p) => { p.version = 1; p.labs.regions.state = { ...regionsV1, net: 3 }; })).path).toBe('labs.regions.state.net');
  });

  it('refuses to write a state it would not read back', () => {
    const p = fullProject();
    expect(() => serializeProject({ ...p, labs: { svd: { state: { ...svd, speed: Number.NaN } as never } } })).toThrow(ProjectError);
  });

  it('formats paths the way they are written in JavaScript', () => {
    expect(formatPath(['labs', 'layer', 'state', 'W', 1, 0])).toBe('labs.layer.state.W[1][0]');
    expect(formatPath([])).toBe('');
  });

  it('never throws anything but ProjectError on random or mutated input', () => {
    const good = serializeProject(fullProject());
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.tuple(fc.nat(good.length), fc.string({ maxLength: 5 })).map(([at, s]) => good.slice(0, at) + s + good.slice(at + s.length))), (text) => {
        try {
          parseProject(text);
        } catch (error) {
          expect(error).toBeInstanceOf(ProjectError);
        }
      }),
      { numRuns: 500 },
    );
    expect(() => validateProject(undefined)).toThrow(ProjectError);
  });

  /** Every path of the project JSON whose value is an array (a matrix, a vector, a list). */
  function arrayPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
    if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => arrayPaths(v, [...path, i]))];
    if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => arrayPaths(v, [...path, k]));
    return [];
  }
  const setAt = (root: any, path: readonly (string | number)[], value: unknown) => {
    let node = root;
    for (const key of path.slice(0, -1)) node = node[key];
    node[path.at(-1)!] = value;
  };

  it('refuses an empty matrix, vector or list anywhere with a ProjectError naming it, never a TypeError (issue 13)', () => {
    const base = JSON.parse(serializeProject(fullProject()));
    const paths = arrayPaths(base.labs, ['labs']);
    expect(paths.length).toBeGreaterThan(50);
    for (const path of paths) {
      for (const empty of [[], [[]], [[], []], [[], [1]], {}, null, 'x']) {
        const p = JSON.parse(JSON.stringify(base));
        setAt(p, path, empty);
        let error: unknown;
        try {
          parseProject(JSON.stringify(p));
        } catch (e) {
          error = e;
        }
        // boundaryLayersOff may be empty: a list of hidden layers, not a matrix.
        if (error === undefined && JSON.stringify(empty) === '[]' && formatPath(path).endsWith('boundaryLayersOff')) continue;
        expect(error, `${formatPath(path)} = ${JSON.stringify(empty)}`).toBeInstanceOf(ProjectError);
        expect((error as ProjectError).path.startsWith(formatPath(path).replace(/\[\d+\]$/, '')), `${formatPath(path)}: ${(error as Error).message}`).toBe(true);
      }
    }
    expect(refusal(mutated((p) => (p.labs.svd.state.W = []))).path).toBe('labs.svd.state.W');
    expect(refusal(mutated((p) => (p.labs.regions.state.net.weights = [[], []]))).path).toMatch(/^labs\.regions\.state\.net\.weights/);
  });

  it('never throws anything but ProjectError when any value is replaced by random JSON', () => {
    const base = JSON.parse(serializeProject(fullProject()));
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, Array.isArray(value) ? Number(k) : k]);
    };
    walk(base.labs, ['labs']);
    fc.assert(
      fc.property(fc.nat(paths.length - 1), fc.jsonValue(), (at, junk) => {
        const p = JSON.parse(JSON.stringify(base));
        setAt(p, paths[at]!, junk);
        try {
          parseProject(JSON.stringify(p));
        } catch (error) {
          expect(error).toBeInstanceOf(ProjectError);
        }
      }),
      { numRuns: 800 },
    );
  });

  it('salvages every lab that validates on its own; one bad lab does not take the others with it', () => {
    const whole = JSON.parse(serializeProject(fullProject()));
    expect(salvageProject(whole).rejected).toEqual([]);
    const bad = JSON.parse(serializeProject(fullProject()));
    bad.labs.lora.state.W0 = [];
    bad.labs.layer.state.W[0][0] = 'x';
    bad.view = 'nowhere';
    const { project, rejected } = salvageProject(bad);
    expect(rejected.map((r) => [r.lab, r.error.path])).toEqual([['layer', 'labs.layer.state.W[0][0]'], ['lora', 'labs.lora.state.W0']]);
    expect(Object.keys(project.labs).sort()).toEqual(['attention', 'gradients', 'regions', 'svd']);
    expect(project.labs.regions).toEqual(fullProject().labs.regions);
    expect(project.view).toBe('map');
    expect(project.theme).toBe('light');
    expect(() => salvageProject({ format: 'other' })).toThrow(ProjectError);
    expect(() => salvageProject('x')).toThrow(ProjectError);
  });
});
