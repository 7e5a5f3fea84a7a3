// node bench/training.mjs — examples per second of Hinge's trainer (src/training createTrainer,
// flat Float64Array buffers) beside a plain per-example reference of the same maths written the
// way TensorFlow Playground's nn.ts is (an object per neuron, an object per link, forward and
// back-propagation neuron by neuron, weights updated from accumulated derivatives). The setting is
// the issue's: 2→8→8→1 tanh, the 500-point spiral, batches of 10, SGD (learning rate 0.03) on the
// mean squared error; then Hinge alone with Adam and with the bce loss. Measurements, never
// assertions: the median of RUNS timings of EPOCHS epochs each, after a warm-up of 0.5 s. Also
// prints how far apart the two implementations' weights are after one epoch (they compute the
// same sums in the same order, so they should agree to rounding).
// Env: BENCH_TRAINING_RUNS (default 7).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_TRAINING_RUNS ?? 7);
const EPOCHS = 40;
const BATCH = 10;
const LR = 0.03;

// ---- The reference: TensorFlow Playground's object graph, with our loss and output. ----
class Node {
  constructor(activation) {
    this.inputLinks = [];
    this.outputs = [];
    this.bias = 0;
    this.totalInput = 0;
    this.output = 0;
    this.outputDer = 0;
    this.inputDer = 0;
    this.accInputDer = 0;
    this.numAccumulatedDers = 0;
    this.activation = activation;
  }
  updateOutput() {
    this.totalInput = this.bias;
    for (const link of this.inputLinks) this.totalInput += link.weight * link.source.output;
    this.output = this.activation.output(this.totalInput);
    return this.output;
  }
}
class Link {
  constructor(source, dest, weight) {
    Object.assign(this, { source, dest, weight, errorDer: 0, accErrorDer: 0, numAccumulatedDers: 0 });
  }
}
const TANH = { output: (x) => Math.tanh(x), der: (x) => { const t = Math.tanh(x); return 1 - t * t; } };
const LINEAR = { output: (x) => x, der: () => 1 };

function referenceNetwork(net) {
  const inputs = net.weights[0][0].length;
  const layers = [Array.from({ length: inputs }, () => new Node(LINEAR))];
  net.weights.forEach((W, l) => {
    const layer = W.map((row, i) => {
      const node = new Node(l === net.weights.length - 1 ? LINEAR : TANH);
      node.bias = net.biases[l][i];
      row.forEach((w, k) => {
        const link = new Link(layers[l][k], node, w);
        layers[l][k].outputs.push(link);
        node.inputLinks.push(link);
      });
      return node;
    });
    layers.push(layer);
  });
  return layers;
}
function forwardProp(network, x) {
  network[0].forEach((node, k) => (node.output = x[k]));
  for (let l = 1; l < network.length; l++) for (const node of network[l]) node.updateOutput();
  return network[network.length - 1][0].output;
}
function backProp(network, target) {
  const out = network[network.length - 1][0];
  out.outputDer = 2 * (out.output - target);
  for (let l = network.length - 1; l >= 1; l--) {
    for (const node of network[l]) {
      node.inputDer = node.outputDer * node.activation.der(node.totalInput);
      node.accInputDer += node.inputDer;
      node.numAccumulatedDers++;
      for (const link of node.inputLinks) {
        link.errorDer = node.inputDer * link.source.output;
        link.accErrorDer += link.errorDer;
        link.numAccumulatedDers++;
      }
    }
    if (l === 1) continue;
    for (const node of network[l - 1]) {
      node.outputDer = 0;
      for (const link of node.outputs) node.outputDer += link.weight * link.dest.inputDer;
    }
  }
}
function updateWeights(network, lr) {
  for (let l = 1; l < network.length; l++) {
    for (const node of network[l]) {
      if (node.numAccumulatedDers > 0) {
        node.bias -= (lr * node.accInputDer) / node.numAccumulatedDers;
        node.accInputDer = 0;
        node.numAccumulatedDers = 0;
      }
      for (const link of node.inputLinks) {
        if (link.numAccumulatedDers > 0) {
          link.weight -= (lr * link.accErrorDer) / link.numAccumulatedDers;
          link.accErrorDer = 0;
          link.numAccumulatedDers = 0;
        }
      }
    }
  }
}
function referenceEpoch(network, batches) {
  for (const [x, y] of batches) {
    for (let e = 0; e < x.length; e++) {
      forwardProp(network, x[e]);
      backProp(network, y[e]);
    }
    updateWeights(network, LR);
  }
}
const referenceWeights = (network) => network.slice(1).flatMap((layer) => layer.flatMap((node) => [...node.inputLinks.map((l) => l.weight), node.bias]));

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Median wall-clock and median CPU time (this process only: what other agents' load does not add). */
function median(runs, f) {
  const wall = [];
  const cpu = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const c = cpuMs();
    f();
    cpu.push(cpuMs() - c);
    wall.push(performance.now() - t);
  }
  const mid = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: mid(wall), cpu: mid(cpu) };
}
function printTable(header, table) {
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const t of table) console.log(line(t));
}
function warm(f) {
  for (let t = performance.now(); performance.now() - t < 500;) f();
}

const dir = mkdtempSync(join(tmpdir(), 'hinge-training-bench-'));
try {
  await build({
    root, configFile: false, logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true, minify: false, lib: { entry: { training: join(root, 'bench/training-entry.ts') }, formats: ['es'] } },
  });
  const { createTrainer, createTrainingSession, makeDataset, initNetwork, cellMesh } = await import(join(dir, 'training.js'));
  const data = makeDataset({ kind: 'spiral', points: 1000, noise: 0, trainFraction: 0.5, seed: 1 }).train;
  const batches = [];
  for (let i = 0; i < data.x.length; i += BATCH) batches.push([data.x.slice(i, i + BATCH), data.y.slice(i, i + BATCH)]);
  const examples = EPOCHS * data.x.length;
  const net = initNetwork({ inputs: 2, hidden: [8, 8], init: 'glorot', seed: 1 });
  const hingeEpochs = (trainer) => () => {
    for (let e = 0; e < EPOCHS; e++) for (const [x, y] of batches) trainer.step(x, y);
  };

  // Agreement after one epoch, from the same start.
  const check = createTrainer({ net, activation: 'tanh', loss: 'mse', optimizer: { kind: 'sgd', learningRate: LR } });
  for (const [x, y] of batches) check.step(x, y);
  const ours = check.net().weights.flatMap((W, l) => W.flatMap((row, i) => [...row, check.net().biases[l][i]]));
  const refNet = referenceNetwork(net);
  referenceEpoch(refNet, batches);
  const theirs = referenceWeights(refNet);
  const agreement = Math.max(...ours.map((w, i) => Math.abs(w - theirs[i]))) / Math.max(...theirs.map(Math.abs));

  const rows = [];
  const sgd = createTrainer({ net, activation: 'tanh', loss: 'mse', optimizer: { kind: 'sgd', learningRate: LR } });
  warm(hingeEpochs(sgd));
  const hingeMs = median(RUNS, hingeEpochs(sgd));
  const reference = referenceNetwork(net);
  const referenceRun = () => { for (let e = 0; e < EPOCHS; e++) referenceEpoch(reference, batches); };
  warm(referenceRun);
  const referenceMs = median(RUNS, referenceRun);
  rows.push(['hinge sgd mse', hingeMs], ['reference (Playground-style objects) sgd mse', referenceMs]);
  for (const [label, options] of [
    ['hinge adam mse', { loss: 'mse', optimizer: { kind: 'adam', learningRate: 0.01 } }],
    ['hinge adam bce', { loss: 'bce', optimizer: { kind: 'adam', learningRate: 0.01 } }],
    ['hinge momentum bce', { loss: 'bce', optimizer: { kind: 'momentum', learningRate: 0.01 } }],
  ]) {
    const trainer = createTrainer({ net, activation: 'tanh', ...options });
    warm(hingeEpochs(trainer));
    rows.push([label, median(RUNS, hingeEpochs(trainer))]);
  }

  const rate = (ms) => examples / (ms / 1000);
  console.log(`Training 2→8→8→1 tanh on the 500-point spiral, batches of ${BATCH}: median of ${RUNS} runs of ${EPOCHS} epochs (${examples} examples).`);
  console.log(`node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (other work on the machine inflates the wall-clock times; CPU time is this process's own)`);
  const header = ['trainer', 'wall ms', 'M examples/s (wall)', 'cpu ms', 'M examples/s (cpu)', 'vs reference (cpu)'];
  const table = rows.map(([label, t]) => [label, t.wall.toFixed(1), (rate(t.wall) / 1e6).toFixed(2), t.cpu.toFixed(1), (rate(t.cpu) / 1e6).toFixed(2), `${(referenceMs.cpu / t.cpu).toFixed(1)}×`]);
  printTable(header, table);
  console.log(`Same weights after one epoch (sgd mse): max |Δw| / max |w| = ${agreement.toExponential(1)}.`);
  console.log('Goal (issue): ≥ 2 M examples/s, 10× TensorFlow Playground (about 0.2 M/s on these machines).');

  // Exact regions of the current weights while training: a snapshot with the packed partition
  // (what the worker sends each frame when the lab shows regions), after 300 Adam steps.
  const regionRows = [];
  // The last row is what the Training lab's 3D view refreshes with: the XOR cube in the lab's
  // cube [−1.2, 1.2]³, the snapshot plus the cells' triangles and edges (cellMesh), all of which
  // the worker does for each frame it posts; the page only uploads the buffers.
  for (const c of [
    { data: 'spiral', hidden: [32, 32], goal: 20 },
    { data: 'helix', hidden: [16, 16], goal: 5 },
    { data: 'xor-cube', hidden: [16, 16], goal: 5, radius: 1.2, mesh: true },
  ]) {
    const session = createTrainingSession({
      data: { kind: c.data, points: 500, noise: 0, trainFraction: 0.5, seed: 1 }, hidden: c.hidden, activation: 'relu', init: 'he', seed: 1,
      loss: 'bce', optimizer: { kind: 'adam', learningRate: 0.01 }, batchSize: 10,
    });
    session.run(300);
    const inputs = session.data.inputs;
    const r = c.radius ?? 1;
    const box = { min: Array(inputs).fill(-r), max: Array(inputs).fill(r) };
    const snap = () => {
      const s = session.snapshot({ regions: 'packed', box });
      if (c.mesh) cellMesh(s.regions);
      return s;
    };
    warm(snap);
    const t = median(RUNS, snap);
    regionRows.push([`${[inputs, ...c.hidden, 1].join('→')} (${c.data}, step 300, [−${r}, ${r}]^${inputs}${c.mesh ? ', + cell mesh' : ''})`, String(snap().regionCount), t.wall.toFixed(1), (1000 / t.wall).toFixed(1), (1000 / t.cpu).toFixed(1), String(c.goal)]);
  }
  console.log('Snapshots with the exact regions (losses, spectra and the packed partition), median of RUNS:');
  printTable(['network', 'regions', 'wall ms', 'refreshes/s (wall)', 'refreshes/s (cpu)', 'goal /s'], regionRows);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
