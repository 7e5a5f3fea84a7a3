// node bench/csv.mjs — the CSV reader (src/formats/delimited.ts) on one-column files of 32 MB and
// 256 MB (BENCH_CSV_SIZES_MB to change, e.g. "32,256,1024"), each read in a child process of its
// own as the import worker reads it (the file's bytes in hand, then parseDelimited): wall time and
// peak memory (the child's max RSS over its RSS before the bytes were read), beside a plain peer
// (TextDecoder → split('\n') → Number, into a Float64Array) with the ratios. Then a safetensors
// header with 100 000 tensors: the time parseSafetensors takes to open it (the promise: < 0.5 s).
// Measurements, never assertions.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const [, , mode, file, library] = process.argv;

if (mode === '--child') {
  // One measurement: read the bytes, parse, report time and peak memory.
  const { parseDelimited } = await import(library);
  const base = process.memoryUsage().rss;
  const buffer = readFileSync(file); // as the worker gets the file: its bytes, once
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
  const peer = process.argv[6] === 'peer';
  const t = performance.now();
  let rows;
  if (peer) {
    const lines = new TextDecoder().decode(bytes).split('\n');
    const data = new Float64Array(lines.length);
    let n = 0;
    for (const line of lines) if (line.trim() !== '') data[n++] = Number(line);
    rows = n;
  } else {
    rows = parseDelimited(bytes).rows;
  }
  const ms = performance.now() - t;
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ ms, rows, extra: peak - base, size: bytes.length }));
  process.exit(0);
}

/** A one-column CSV of about `mb` MB: a header, then numbers as numpy.savetxt writes them (%.18e would be longer; these are %.9g). */
function writeCsv(path, mb) {
  const fd = openSync(path, 'w');
  writeSync(fd, 'weight\n');
  const target = mb * 1024 * 1024;
  let written = 7;
  let x = 0x9e3779b9;
  while (written < target) {
    const lines = [];
    for (let k = 0; k < 100_000; k++) {
      x = (x * 1664525 + 1013904223) >>> 0;
      lines.push(((x / 2 ** 32) * 2 - 1).toPrecision(9));
    }
    const chunk = lines.join('\n') + '\n';
    if (written + chunk.length > target) break; // 1024 stays at most 1 GiB, the reader's limit
    writeSync(fd, chunk);
    written += chunk.length;
  }
  closeSync(fd);
}

function child(path, libraryPath, peer) {
  const result = spawnSync(process.execPath, ['--max-old-space-size=8192', new URL(import.meta.url).pathname, '--child', path, libraryPath, peer ? 'peer' : 'hinge'], { encoding: 'utf8' });
  if (result.status !== 0) return { failed: (result.stderr || result.stdout).split('\n').slice(0, 3).join(' ') };
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

const dir = mkdtempSync(join(tmpdir(), 'hinge-bench-csv-'));
try {
  await build({
    root, configFile: false, logLevel: 'warn',
    build: { outDir: join(dir, 'lib'), emptyOutDir: true, minify: false, lib: { entry: { formats: join(root, 'src/formats/index.ts') }, formats: ['es'] } },
  });
  const libraryPath = join(dir, 'lib', 'formats.js');
  const sizes = (process.env.BENCH_CSV_SIZES_MB ?? '32,256').split(',').map(Number);
  const mib = (n) => `${(n / 2 ** 20).toFixed(0)} MiB`;
  console.log('CSV reader, one column, in a child process each (peak memory is max RSS above the RSS before the read)');
  console.log('size     rows        Hinge ms  Hinge peak (×size)    peer ms  peer peak (×size)    time peer/Hinge  memory peer/Hinge');
  for (const mb of sizes) {
    const path = join(dir, `column-${mb}.csv`);
    writeCsv(path, mb);
    const hinge = child(path, libraryPath, false);
    const peer = child(path, libraryPath, true);
    if (hinge.failed) {
      console.log(`${mb} MB: Hinge failed: ${hinge.failed}`);
      continue;
    }
    const peerText = peer.failed ? `failed (${peer.failed.slice(0, 60)})` : `${peer.ms.toFixed(0).padStart(7)}  ${mib(peer.extra).padStart(9)} (${(peer.extra / peer.size).toFixed(2)}×)`;
    const ratios = peer.failed ? '' : `${(peer.ms / hinge.ms).toFixed(2).padStart(15)}  ${(peer.extra / hinge.extra).toFixed(2).padStart(17)}`;
    console.log(`${mib(hinge.size).padEnd(8)} ${String(hinge.rows).padEnd(11)} ${hinge.ms.toFixed(0).padStart(8)}  ${mib(hinge.extra).padStart(9)} (${(hinge.extra / hinge.size).toFixed(2)}×)     ${peerText}    ${ratios}`);
    rmSync(path);
  }

  // A safetensors header naming 100 000 tensors (1×1 F32 each): the time to open it.
  const { parseSafetensors } = await import(libraryPath);
  const count = 100_000;
  const header = {};
  for (let k = 0; k < count; k++) header[`model.layers.${k >> 7}.block.${k & 127}.weight`] = { dtype: 'F32', shape: [1, 1], data_offsets: [k * 4, k * 4 + 4] };
  const json = Buffer.from(JSON.stringify(header));
  const file = new Uint8Array(8 + json.length + count * 4);
  new DataView(file.buffer).setBigUint64(0, BigInt(json.length), true);
  file.set(json, 8);
  const times = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    const opened = parseSafetensors(file);
    times.push(performance.now() - t);
    if (opened.tensors.length !== count) throw new Error(`expected ${count} tensors, got ${opened.tensors.length}`);
  }
  times.sort((a, b) => a - b);
  // The peer: the engine's own JSON.parse of the same header text (what any reader must at least do).
  const text = json.toString('latin1');
  const peer = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    JSON.parse(text);
    peer.push(performance.now() - t);
  }
  peer.sort((a, b) => a - b);
  console.log(`\nsafetensors header with ${count} tensors (${mib(json.length)} of JSON): median of 5 opens ${times[2].toFixed(0)} ms (promise: < 500 ms; range ${times[0].toFixed(0)}–${times[4].toFixed(0)} ms); JSON.parse alone ${peer[2].toFixed(0)} ms; ratio Hinge/JSON.parse ${(times[2] / peer[2]).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
