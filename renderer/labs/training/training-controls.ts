/**
 * The Training lab's settings: data, network and optimiser. Each field commits on Enter or when it
 * loses focus; a value out of range is shown at the field in words and the state stays as it was.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { DATASETS_2D, DATASETS_3D, DATASET_LIMITS, REGRESSION_SETS, TRAINING_ACTIVATIONS, type DatasetKind } from '../../../src/training/index.js';
import { isRegression, trainPoints, type TrainingState, type TrainingStore } from './training-store.js';

/** A message per field that refused its value ('' or absent: none). */
export type FieldErrors = Readonly<Record<string, string>>;
/** Runs a store action for `field`, showing its refusal at the field. */
export type Apply = (field: string, action: () => void) => void;
export type ImportCsv = (file: File, task: 'classification' | 'regression') => Promise<void>;

export const DATASET_NAMES: Record<DatasetKind, string> = {
  circle: 'Circle', xor: 'XOR', gaussians: 'Two Gaussians', spiral: 'Spiral', checkerboard: 'Checkerboard',
  shells: 'Two shells', 'xor-cube': 'XOR cube', helix: 'Helix', surface: 'Smooth surface', ridge: 'Ridge',
};
const ACTIVATION_NAMES = { relu: 'ReLU', 'leaky-relu': 'Leaky ReLU', tanh: 'tanh', gelu: 'GELU' } as const;

interface NumberSpec {
  readonly field: string;
  readonly label: string;
  readonly title: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  /** The smallest value allowed is excluded (a learning rate > 0). */
  readonly openMin?: boolean;
  readonly step?: string;
  readonly commit: (value: number) => void;
}

function numberField(spec: NumberSpec, errors: FieldErrors, apply: Apply): TemplateResult {
  const error = errors[spec.field];
  const onChange = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const text = input.value.trim();
    const v = Number(text);
    const whole = spec.integer ? 'a whole number' : 'a number';
    const range = spec.openMin ? `greater than ${spec.min} and at most ${spec.max}` : `from ${spec.min} to ${spec.max}`;
    const bad = text === '' || !Number.isFinite(v) || (spec.integer && !Number.isInteger(v)) || (spec.openMin ? v <= spec.min : v < spec.min) || v > spec.max;
    if (bad) {
      apply(spec.field, () => {
        throw new RangeError(`${spec.label} must be ${whole} ${range}, not “${text}”.`);
      });
      return;
    }
    apply(spec.field, () => spec.commit(v));
  };
  return html`<label for=${`f-${spec.field}`} title=${spec.title}>${spec.label}</label>
    <input id=${`f-${spec.field}`} type="number" data-testid=${`train-${spec.field}`} title=${spec.title} min=${spec.min} max=${spec.max} step=${spec.step ?? (spec.integer ? '1' : 'any')}
      .value=${String(spec.value)} aria-invalid=${error ? 'true' : 'false'} @change=${onChange} />
    ${error ? html`<span class="error" role="alert" data-testid=${`error-${spec.field}`}>${error}</span>` : nothing}`;
}

function select<T extends string>(field: string, label: string, title: string, value: T, options: readonly (readonly [T, string])[], commit: (v: T) => void, apply: Apply, testId = `train-${field}`): TemplateResult {
  return html`<label for=${`f-${field}`} title=${title}>${label}</label>
    <select id=${`f-${field}`} data-testid=${testId} title=${title} @change=${(e: Event) => apply(field, () => commit((e.target as HTMLSelectElement).value as T))}>
      ${options.map(([v, name]) => html`<option value=${v} ?selected=${v === value}>${name}</option>`)}
    </select>`;
}

/** Parses "16, 16, 8": 1–8 whole numbers from 1 to 64. */
export function parseHidden(text: string): number[] {
  const parts = text.split(/[\s,×x]+/).filter(Boolean);
  if (parts.length < 1 || parts.length > 8) throw new RangeError(`Hidden widths: give 1 to 8 layer widths separated by commas, e.g. “16, 16”; found ${parts.length}.`);
  return parts.map((p, i) => {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new RangeError(`Hidden widths: layer ${i + 1} is “${p}”; a width is a whole number from 1 to 64.`);
    return n;
  });
}

function dataSection(s: TrainingState, store: TrainingStore, errors: FieldErrors, apply: Apply, importCsv: ImportCsv): TemplateResult {
  const data = s.data;
  const generated = data.kind !== 'file';
  const kinds: (readonly [string, string])[] = [
    ...DATASETS_2D.map((k) => [k, `2D · ${DATASET_NAMES[k]}`] as const),
    ...DATASETS_3D.map((k) => [k, `3D · ${DATASET_NAMES[k]}`] as const),
    ...REGRESSION_SETS.map((k) => [k, `Regression · ${DATASET_NAMES[k]}`] as const),
    ...(generated ? [] : [['file', 'Your points (CSV)'] as const]),
  ];
  let task: 'classification' | 'regression' = 'classification';
  return html`<section aria-labelledby="data-h">
    <h2 id="data-h">Data</h2>
    <div class="grid">
      ${select('dataset', 'Dataset', 'The points the network learns from, drawn from the data seed', data.kind, kinds, (k) => {
        if (k !== 'file') store.setData({ kind: k as DatasetKind });
      }, apply)}
      ${generated ? html`
        ${numberField({ field: 'points', label: 'Points', title: 'How many points in all (train and test)', value: data.points, min: DATASET_LIMITS.minPoints, max: DATASET_LIMITS.maxPoints, integer: true, commit: (points) => store.setData({ points }) }, errors, apply)}
        ${numberField({ field: 'noise', label: 'Noise', title: 'Standard deviation of Gaussian noise on each coordinate (on the target for regression)', value: data.noise, min: 0, max: DATASET_LIMITS.maxNoise, step: '0.01', commit: (noise) => store.setData({ noise }) }, errors, apply)}
        ${(REGRESSION_SETS as readonly string[]).includes(data.kind) ? select('inputs', 'Inputs', 'Inputs of the regression surface', String(data.inputs ?? 2) as '2' | '3', [['2', '2'], ['3', '3']], (v) => store.setData({ inputs: Number(v) as 2 | 3 }), apply) : nothing}` : html`
        <span>Points</span><span data-testid="file-points">${data.points.x.length} (${data.task})</span>`}
      ${numberField({ field: 'split', label: 'Train %', title: 'The share of points trained on; the rest test the network', value: Math.round(data.trainFraction * 1000) / 10, min: 1, max: 99, step: '1',
        commit: (p) => store.setData({ trainFraction: p / 100 }) }, errors, apply)}
      ${numberField({ field: 'data-seed', label: 'Data seed', title: 'The seed the points (and the train/test split) are drawn from', value: data.seed, min: 0, max: 2 ** 32 - 1, integer: true, commit: (seed) => store.setData({ seed }) }, errors, apply)}
    </div>
    <div class="row" style="margin-top:8px">
      <label title="The CSV's last column: a label 0/1 (classification) or a number (regression)">CSV is
        <select style="width:auto" data-testid="csv-task" @change=${(e: Event) => (task = (e.target as HTMLSelectElement).value as typeof task)}>
          <option value="classification">labels 0/1</option><option value="regression">targets</option>
        </select></label>
      <button title="Train on your own points: rows x1,x2,label or x1,x2,x3,label (an optional header row)"
        @click=${(e: Event) => ((e.target as HTMLElement).nextElementSibling as HTMLInputElement).click()}>Import points…</button>
        <input type="file" hidden accept=".csv,.tsv,.txt,text/csv" data-testid="csv-input" aria-label="Points file (CSV)"
          @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            const file = input.files?.[0];
            if (file) void importCsv(file, task).finally(() => (input.value = ''));
          }} />
      ${errors.csv ? html`<span class="error" role="alert" data-testid="error-csv">${errors.csv}</span>` : nothing}
    </div>
  </section>`;
}

function networkSection(s: TrainingState, store: TrainingStore, errors: FieldErrors, apply: Apply): TemplateResult {
  const relu = s.activation === 'relu' || s.activation === 'leaky-relu';
  return html`<section aria-labelledby="net-h">
    <h2 id="net-h">Network</h2>
    <div class="grid">
      <label for="f-hidden" title="Widths of the hidden layers, e.g. 16, 16 (1–8 layers of 1–64 neurons)">Hidden widths</label>
      <input id="f-hidden" type="text" data-testid="train-hidden" .value=${s.hidden.join(', ')} aria-invalid=${errors.hidden ? 'true' : 'false'}
        title="Widths of the hidden layers, e.g. 16, 16 (1–8 layers of 1–64 neurons)"
        @change=${(e: Event) => apply('hidden', () => store.setModel({ hidden: parseHidden((e.target as HTMLInputElement).value) }))} />
      ${errors.hidden ? html`<span class="error" role="alert" data-testid="error-hidden">${errors.hidden}</span>` : nothing}
      ${select('activation', 'Activation', 'The hidden layers’ nonlinearity', s.activation, TRAINING_ACTIVATIONS.map((a) => [a, ACTIVATION_NAMES[a]] as const), (activation) => store.setModel({ activation }), apply)}
      ${s.activation === 'leaky-relu' ? numberField({ field: 'leak', label: 'Leak', title: 'Slope of leaky ReLU below zero', value: s.leak ?? 0.1, min: 0, max: 1, step: '0.01', commit: (leak) => store.setModel({ leak }) }, errors, apply) : nothing}
      ${select('init', 'Init', 'How the starting weights are drawn from the weight seed', s.init, [['he', 'He'], ['glorot', 'Glorot'], ['pytorch', 'PyTorch default']] as const, (init) => store.setModel({ init }), apply)}
      ${numberField({ field: 'init-scale', label: 'Scale the init', title: 'Multiplies every starting weight: above 1 gradients explode, below 1 they vanish', value: s.initScale ?? 1, min: 0, max: 1000, openMin: true, step: '0.1', commit: (initScale) => store.setModel({ initScale }) }, errors, apply)}
      ${numberField({ field: 'seed', label: 'Weight seed', title: 'The seed the starting weights (and the batch order) are drawn from', value: s.seed, min: 0, max: 2 ** 32 - 1, integer: true, commit: (seed) => store.setModel({ seed }) }, errors, apply)}
    </div>
    <p class="note" data-testid="activation-note">${relu
      ? 'ReLU networks are piecewise linear: the thin lines are their exact linear regions.'
      : `Exact linear regions exist only for the ReLU family (ReLU, leaky ReLU); a ${ACTIVATION_NAMES[s.activation]} network is smooth, so the picture shows its output only.`}</p>
  </section>`;
}

function optimizerSection(s: TrainingState, store: TrainingStore, errors: FieldErrors, apply: Apply): TemplateResult {
  const o = s.optimizer;
  const losses = isRegression(s.data) ? ([['mse', 'MSE (f(x) − y)²']] as const) : ([['bce', 'BCE on σ(f(x))'], ['mse', 'MSE (f(x) − y)²']] as const);
  return html`<section aria-labelledby="opt-h">
    <h2 id="opt-h">Optimiser</h2>
    <div class="grid">
      ${select('loss', 'Loss', 'bce: mean binary cross-entropy of σ(f(x)); mse: mean of (f(x) − y)²', s.loss, losses, (loss) => store.setOptimizer({ loss }), apply, 'train-loss-kind')}
      ${select('optimizer', 'Optimiser', 'torch.optim.SGD (with or without momentum) or torch.optim.Adam', o.kind, [['sgd', 'SGD'], ['momentum', 'SGD + momentum'], ['adam', 'Adam']] as const, (kind) => store.setOptimizer({ optimizer: { kind } }), apply)}
      ${numberField({ field: 'lr', label: 'Learning rate', title: 'η: each step moves θ by η times the update', value: o.learningRate, min: 0, max: 100, openMin: true, step: '0.001', commit: (learningRate) => store.setOptimizer({ optimizer: { learningRate } }) }, errors, apply)}
      ${o.kind === 'momentum' ? numberField({ field: 'momentum', label: 'Momentum μ', title: 'v ← μv + g', value: o.momentum ?? 0.9, min: 0, max: 0.999, step: '0.01', commit: (momentum) => store.setOptimizer({ optimizer: { momentum } }) }, errors, apply) : nothing}
      ${numberField({ field: 'batch', label: 'Batch size', title: 'Examples per step', value: s.batchSize, min: 1, max: trainPoints(s.data), integer: true, commit: (batchSize) => store.setOptimizer({ batchSize }) }, errors, apply)}
      ${numberField({ field: 'l2', label: 'L2 (weight decay)', title: 'λ: adds λθ to every gradient (torch’s weight_decay)', value: s.l2 ?? 0, min: 0, max: 10, step: '0.0001', commit: (l2) => store.setOptimizer({ l2 }) }, errors, apply)}
    </div>
  </section>`;
}

/** The data, network and optimiser settings. */
export function settingsPanel(s: TrainingState, store: TrainingStore, errors: FieldErrors, apply: Apply, importCsv: ImportCsv): TemplateResult {
  return html`${dataSection(s, store, errors, apply, importCsv)}${networkSection(s, store, errors, apply)}${optimizerSection(s, store, errors, apply)}`;
}
