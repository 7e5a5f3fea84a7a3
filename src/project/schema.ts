/**
 * The `.hinge` project file: every lab's state as JSON, with a schema version, validated on load
 * with the same schema library as IPC (zod). A file is refused with the path of its first bad
 * field (`labs.layer.W[1][0]: expected a number`), never half-applied.
 *
 * Each lab's schema is the shape of that lab's store state (renderer/labs/<lab>/<lab>-store.ts):
 * project files save exactly what undo restores. Beyond types, the schemas check what makes a
 * state usable: matrix sizes that agree with each other, limits the labs enforce when typing.
 */
import { z } from 'zod';
import { MAX_TOKENS, tokenize } from '../attention/index.js';
import { MAX_CHAIN_DEPTH, MAX_CHAIN_WIDTH } from '../gradients/chain.js';
import { trainingConsistency, trainingFields, trainingState } from './training-schema.js';
import { LAB_IDS, STATEFUL_LAB_IDS, type StatefulLabId } from './lab-catalog.js';

z.config({ jitless: true });

/** The version this build writes. Older versions are migrated (migrate.ts); newer ones refused. */
export const PROJECT_VERSION = 3;
export const PROJECT_FORMAT = 'hinge-project';
/** The largest project file Hinge reads (JSON text, in UTF-16 code units). */
export const MAX_PROJECT_CHARS = 64 * 1024 * 1024;

/** The labs that keep state in a project, and the views a file may open on (lab-catalog.ts). */
export const LAB_STATE_IDS = STATEFUL_LAB_IDS;
export type LabStateId = StatefulLabId;
export const VIEW_IDS = LAB_IDS;

/**
 * Refinements (sizes that agree, a tokenizable sentence) run only on a value whose every field
 * already has the right type and size, so a bad file (`"W": []`, `weights: [[], []]`) gets the
 * field's own issue, never a TypeError from a refinement reading what is not there.
 */
const onceWellFormed = { when: (payload: { readonly issues: readonly unknown[] }) => payload.issues.length === 0 };

const finite = z.number().refine(Number.isFinite, { ...onceWellFormed, message: 'expected a finite number' });
const vector = (max: number) => z.array(finite).min(1).max(max);
/** A rectangular matrix of finite numbers, 1…maxRows × 1…maxCols. */
const matrix = (maxRows: number, maxCols: number) =>
  z
    .array(vector(maxCols))
    .min(1)
    .max(maxRows)
    .superRefine((rows, ctx) => {
      const cols = rows[0]!.length;
      rows.forEach((row, i) => {
        if (row.length !== cols) ctx.addIssue({ code: 'custom', path: [i], message: `row ${i + 1} has ${row.length} entries, row 1 has ${cols}` });
      });
    }, onceWellFormed);
const seed = z.number().int().min(0).max(2 ** 32 - 1);
const dims = (m: readonly (readonly number[])[]) => ({ rows: m.length, cols: m[0]?.length ?? 0 });

/** Where a consistency check reports (zod's refinement context, or a plain collector). */
export interface IssueSink {
  addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string }): void;
}
type Ctx = IssueSink;
function expectSize(ctx: Ctx, path: (string | number)[], got: { rows: number; cols: number }, rows: number, cols: number): void {
  if (got.rows !== rows || got.cols !== cols) {
    ctx.addIssue({ code: 'custom', path, message: `expected a ${rows}×${cols} matrix, found ${got.rows}×${got.cols}` });
  }
}
function expectLength(ctx: Ctx, path: (string | number)[], got: readonly unknown[], n: number): void {
  if (got.length !== n) ctx.addIssue({ code: 'custom', path, message: `expected ${n} entries, found ${got.length}` });
}

/**
 * A matrix imported from a file, as a lab refers to it: its fingerprint id, the file and tensor it
 * came from and its size. The values are not in the project (they can take 128 MB): reopening a
 * project shows which file to import again.
 */
export const importedMatrixRef = z
  .object({
    id: z.string().min(1).max(200),
    name: z.string().min(1).max(255),
    tensor: z.string().max(1000),
    rows: z.number().int().min(1).max(1e9),
    cols: z.number().int().min(1).max(1e9),
    slice: z.string().max(1000),
  })
  .strict();
const imported = importedMatrixRef.nullable().optional();

export const smallShape = z.enum(['2x2', '3x3', '2x3', '3x2']);
export const activation = z.enum(['none', 'relu', 'leaky-relu', 'gelu', 'swish', 'tanh']);

const layerFields = z
  .object({
    shape: smallShape,
    W: matrix(3, 3),
    b: vector(3),
    x: vector(3),
    activation,
    leak: finite.min(0).max(1),
    time: finite.min(0).max(4),
    playing: z.boolean(),
    /** Playback and video speed (since version 2). */
    speed: finite.min(0.1).max(8),
    stacked: z.boolean(),
    W2: matrix(3, 3),
    b2: vector(3),
    seed,
  })
  .strict();
const layerConsistency = (s: z.infer<typeof layerFields>, ctx: IssueSink): void => {
  const [rows, cols] = s.shape.split('x').map(Number) as [number, number];
  expectSize(ctx, ['W'], dims(s.W), rows, cols);
  expectLength(ctx, ['b'], s.b, rows);
  expectLength(ctx, ['x'], s.x, cols);
  expectSize(ctx, ['W2'], dims(s.W2), rows, rows);
  expectLength(ctx, ['b2'], s.b2, rows);
};
export const layerState = layerFields.superRefine(layerConsistency, onceWellFormed);

const svdFields = z
  .object({
    W: matrix(3, 3).refine((m) => ['2x2', '3x3', '2x3', '3x2'].includes(`${m.length}x${m[0]!.length}`), { ...onceWellFormed, message: 'the animated matrix is 2×2, 3×3, 2×3 or 3×2' }),
    seed,
    time: finite.min(0).max(8),
    playing: z.boolean(),
    speed: finite.min(0.1).max(8),
    threshold: finite.min(0).max(1),
    spectrumText: z.string().max(10_000),
    /** The σ axis of the spectrum chart (since version 2). */
    spectrumScale: z.enum(['log', 'linear']),
    imported,
  })
  .strict();
export const svdState = svdFields;

const weightNames = ['W_Q', 'W_K', 'W_V', 'W_O'] as const;
const attentionFields = z
  .object({
    sentence: z.string().max(10_000),
    d: z.number().int().min(2).max(16),
    dk: z.number().int().min(1).max(8),
    heads: z.number().int().min(1).max(4),
    seed,
    positional: z.boolean(),
    scale: z.boolean(),
    temperature: finite.min(0.05).max(20),
    causal: z.boolean(),
    weights: z.object({ W_Q: matrix(32, 32), W_K: matrix(32, 32), W_V: matrix(32, 32), W_O: matrix(32, 32) }).strict(),
    embeddings: matrix(MAX_TOKENS, 16).nullable(),
    query: z.number().int().min(0),
    head: z.number().int().min(0),
    projection: z.union([z.literal(2), z.literal(3)]),
  })
  .strict();
const attentionConsistency = (s: z.infer<typeof attentionFields>, ctx: IssueSink): void => {
  let n = 0;
  try {
    n = tokenize(s.sentence).length;
  } catch (error) {
    ctx.addIssue({ code: 'custom', path: ['sentence'], message: (error as Error).message });
    return;
  }
  if (n === 0) ctx.addIssue({ code: 'custom', path: ['sentence'], message: 'the sentence has no tokens' });
  for (const name of weightNames) {
    const [rows, cols] = name === 'W_O' ? [s.heads * s.dk, s.d] : [s.d, s.heads * s.dk];
    expectSize(ctx, ['weights', name], dims(s.weights[name]), rows, cols);
  }
  if (s.embeddings) expectSize(ctx, ['embeddings'], dims(s.embeddings), n, s.d);
  if (n > 0 && s.query >= n) ctx.addIssue({ code: 'custom', path: ['query'], message: `token ${s.query} does not exist: the sentence has ${n}` });
  if (s.head >= s.heads) ctx.addIssue({ code: 'custom', path: ['head'], message: `head ${s.head} does not exist: there are ${s.heads}` });
};
export const attentionState = attentionFields.superRefine(attentionConsistency, onceWellFormed);

const loraFields = z
  .object({
    weightText: z.string().max(10_000),
    W0: matrix(256, 256),
    updateSource: z.enum(['example', 'typed']),
    updateText: z.string().max(10_000),
    exampleRank: z.number().int().min(0).max(256),
    noise: finite.min(0).max(10),
    deltaW: matrix(256, 256),
    seed,
    rank: z.number().int().min(0),
    residualOwnScale: z.boolean(),
    view: z.enum(['heatmaps', 'geometry']),
    counter: z.object({ d: z.number().int().min(1).max(1e6), k: z.number().int().min(1).max(1e6), r: z.number().int().min(0).max(1e6) }).strict(),
    imported,
  })
  .strict();
const loraConsistency = (s: z.infer<typeof loraFields>, ctx: IssueSink): void => {
  const { rows, cols } = dims(s.W0);
  expectSize(ctx, ['deltaW'], dims(s.deltaW), rows, cols);
  if (s.rank > Math.min(rows, cols)) ctx.addIssue({ code: 'custom', path: ['rank'], message: `rank ${s.rank} is above min(d, k) = ${Math.min(rows, cols)}` });
  if (s.view === 'geometry' && !(rows === cols && (rows === 2 || rows === 3))) {
    ctx.addIssue({ code: 'custom', path: ['view'], message: 'the geometric view needs a 2×2 or 3×3 matrix' });
  }
};
export const loraState = loraFields.superRefine(loraConsistency, onceWellFormed);

const gradientsFields = z
  .object({
    view: z.enum(['layer', 'chain']),
    W: matrix(3, 3).refine((m) => m.length >= 2 && m[0]!.length >= 2, { ...onceWellFormed, message: 'the layer is 2×2, 3×3, 2×3 or 3×2' }),
    x: vector(3),
    g: vector(3),
    seed,
    chain: z
      .object({
        depth: z.number().int().min(1).max(MAX_CHAIN_DEPTH),
        width: z.number().int().min(1).max(MAX_CHAIN_WIDTH),
        init: z.enum(['gaussian', 'orthogonal', 'identity']),
        scale: finite.min(0).max(1e6),
        relu: z.boolean(),
        noise: finite.min(0).max(1e6),
        seed,
      })
      .strict(),
    imported,
  })
  .strict();
const gradientsConsistency = (s: z.infer<typeof gradientsFields>, ctx: IssueSink): void => {
  const { rows, cols } = dims(s.W);
  expectLength(ctx, ['x'], s.x, cols);
  expectLength(ctx, ['g'], s.g, rows);
};
export const gradientsState = gradientsFields.superRefine(gradientsConsistency, onceWellFormed);

const reluNet = z
  .object({
    weights: z.array(matrix(64, 64)).min(2).max(9),
    biases: z.array(vector(64)).min(2).max(9),
    leak: finite.min(0).max(1).optional(),
  })
  .strict();

const regionsFields = z
  .object({
    inputs: z.union([z.literal(2), z.literal(3)]),
    hidden: z.array(z.number().int().min(1).max(64)).min(1).max(8),
    init: z.enum(['he', 'glorot', 'pytorch']),
    seed,
    leaky: z.boolean(),
    net: reluNet,
    radius: finite.gt(0).max(1e6),
    coloring: z.enum(['region', 'output', 'layer']),
    surface: z.boolean(),
    explode: finite.min(0).max(10),
    opacity: finite.min(0).max(1),
    sliceOn: z.boolean(),
    sliceAt: finite,
    selected: z.number().int().min(0).optional(),
    /** How many hidden layers' cuts are shown, from the first; 0 shows them all (since version 2). */
    layersShown: z.number().int().min(0).max(8),
    boundariesByLayer: z.boolean(),
    boundaryLayersOff: z.array(z.number().int().min(0).max(7)).max(8),
    /** The neuron being edited: `layer` over the weight layers (the last is the output). */
    neuron: z.object({ layer: z.number().int().min(0), index: z.number().int().min(0) }).strict().optional(),
    /** A segment through input space and the regions it crosses. */
    lineOn: z.boolean(),
    lineA: vector(3),
    lineB: vector(3),
  })
  .strict();
const regionsConsistency = (s: z.infer<typeof regionsFields>, ctx: IssueSink): void => {

  const { weights, biases } = s.net;
  if (weights.length !== s.hidden.length + 1) {
    ctx.addIssue({ code: 'custom', path: ['net', 'weights'], message: `expected ${s.hidden.length + 1} layers (hidden ${s.hidden.join(', ')} and the output), found ${weights.length}` });
    return;
  }
  expectLength(ctx, ['net', 'biases'], biases, weights.length);
  let fanIn: number = s.inputs;
  weights.forEach((w, l) => {
    const width = l < s.hidden.length ? s.hidden[l]! : 1;
    expectSize(ctx, ['net', 'weights', l], dims(w), width, fanIn);
    if (biases[l]) expectLength(ctx, ['net', 'biases', l], biases[l]!, width);
    fanIn = width;
  });
  expectLength(ctx, ['lineA'], s.lineA, s.inputs);
  expectLength(ctx, ['lineB'], s.lineB, s.inputs);
  if (s.neuron) {
    const layer = s.net.weights[s.neuron.layer];
    if (!layer || s.neuron.index >= layer.length) ctx.addIssue({ code: 'custom', path: ['neuron'], message: `no neuron ${s.neuron.index + 1} in layer ${s.neuron.layer + 1}` });
  }
};
export const regionsState = regionsFields.superRefine(regionsConsistency, onceWellFormed);

export const cameraPose = z
  .object({
    position: z.tuple([finite, finite, finite]),
    target: z.tuple([finite, finite, finite]),
    zoom: finite.gt(0).max(1e6),
  })
  .strict();
export type CameraPose = z.infer<typeof cameraPose>;

export const labStateSchemas = {
  layer: layerState,
  svd: svdState,
  attention: attentionState,
  lora: loraState,
  gradients: gradientsState,
  regions: regionsState,
  training: trainingState,
} as const;

/**
 * Each lab's state schema in two parts: its fields (types, ranges, sizes of each value on its own)
 * and the consistency of its fields with each other (sizes that agree). A store checks only the
 * fields an action changed, then the consistency (lab-state.ts): a 256×256 W₀ is not checked
 * again when the rank moves.
 */
export const labStateParts = {
  layer: { fields: layerFields, consistent: layerConsistency },
  svd: { fields: svdFields, consistent: undefined },
  attention: { fields: attentionFields, consistent: attentionConsistency },
  lora: { fields: loraFields, consistent: loraConsistency },
  gradients: { fields: gradientsFields, consistent: gradientsConsistency },
  regions: { fields: regionsFields, consistent: regionsConsistency },
  training: { fields: trainingFields, consistent: trainingConsistency },
} as const;

/** T with every array and object, however deep, read-only: what a store hands out. */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type LabStates = { [K in LabStateId]: z.infer<(typeof labStateSchemas)[K]> };

/**
 * One lab in a project: its store state and, for labs with 3D views, each view's camera in the
 * order the lab draws them (null for a view whose camera is not movable, e.g. a 2D map).
 */
const labEntry = <S extends z.ZodType>(state: S) => z.object({ state, cameras: z.array(cameraPose.nullable()).min(1).max(4).optional() }).strict();

export const projectSchema = z
  .object({
    format: z.literal(PROJECT_FORMAT),
    version: z.literal(PROJECT_VERSION),
    /** The Hinge version that wrote the file (informative). */
    app: z.string().max(64).optional(),
    savedAt: z.string().max(64).optional(),
    /** The lab on screen when the file was saved. */
    view: z.enum(VIEW_IDS),
    theme: z.enum(['dark', 'light']),
    labs: z
      .object({
        layer: labEntry(layerState).optional(),
        svd: labEntry(svdState).optional(),
        attention: labEntry(attentionState).optional(),
        lora: labEntry(loraState).optional(),
        gradients: labEntry(gradientsState).optional(),
        regions: labEntry(regionsState).optional(),
        /** The Training lab's run (since version 3). */
        training: labEntry(trainingState).optional(),
      })
      .strict(),
  })
  .strict();

export type Project = z.infer<typeof projectSchema>;
export type ViewId = Project['view'];
