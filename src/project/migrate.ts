/**
 * Project file migrations: MIGRATIONS[v] turns a version-v file (already parsed JSON) into a
 * version v + 1 one. Each step is a pure function of plain data and knows nothing of later
 * versions; parseProject chains them and validates only the result.
 */
export type Migration = (project: Record<string, unknown>) => Record<string, unknown>;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The segment the Regions lab first draws in a box [−r, r]^d (version 2 added the segment; files
 * from version 1 get this one, as a new lab would).
 */
export function defaultRegionsLine(inputs: number, radius: number): { lineA: number[]; lineB: number[] } {
  const round = (v: number) => Math.round(v * 100) / 100;
  return inputs === 3
    ? { lineA: [-0.9, -0.4, -0.3].map((v) => round(v * radius)), lineB: [0.9, 0.5, 0.4].map((v) => round(v * radius)) }
    : { lineA: [-0.85, -0.35].map((v) => round(v * radius)), lineB: [0.85, 0.5].map((v) => round(v * radius)) };
}

/**
 * Version 1 → 2: the Regions lab gained per-layer views (how many layers' cuts are shown, boundaries
 * coloured by layer, layers hidden), neuron editing and a segment through input space. A version 1
 * regions state gets the values a fresh lab starts with: every layer shown, no neuron picked, the
 * segment hidden at its default place. Nothing else changed.
 */
function addRegionsViews(project: Json): Json {
  const labs = project.labs;
  if (!isObject(labs) || !isObject(labs.regions) || !isObject(labs.regions.state)) return project;
  const state = labs.regions.state;
  const inputs = typeof state.inputs === 'number' ? state.inputs : 2;
  const radius = typeof state.radius === 'number' && state.radius > 0 ? state.radius : inputs === 3 ? 1 : 2;
  const upgraded = { layersShown: 0, boundariesByLayer: false, boundaryLayersOff: [], lineOn: false, ...defaultRegionsLine(inputs, radius), ...state };
  return { ...project, labs: { ...labs, regions: { ...labs.regions, state: upgraded } } };
}

/** Version 1 → 2, the Layer lab: its playback speed became part of its state; version 1 played at 1×. */
function addLayerSpeed(project: Json): Json {
  const labs = project.labs;
  if (!isObject(labs) || !isObject(labs.layer) || !isObject(labs.layer.state)) return project;
  return { ...project, labs: { ...labs, layer: { ...labs.layer, state: { speed: 1, ...labs.layer.state } } } };
}

/** Version 1 → 2, the SVD lab: the spectrum's log/linear choice became state; version 1 drew it on a log axis. */
function addSpectrumScale(project: Json): Json {
  const labs = project.labs;
  if (!isObject(labs) || !isObject(labs.svd) || !isObject(labs.svd.state)) return project;
  return { ...project, labs: { ...labs, svd: { ...labs.svd, state: { spectrumScale: 'log', ...labs.svd.state } } } };
}

export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  1: (project) => addSpectrumScale(addLayerSpeed(addRegionsViews(project))),
  // Version 2 → 3 added the Training lab's run (labs.training); nothing older changed.
  2: (project) => project,
};
