#!/usr/bin/env node
// npm test: every check, side by side where they do not depend on each other, so the whole suite
// fits in ten minutes on two cores. Nothing is skipped or weakened; only the order changes:
//
//   1. the WebAssembly kernels (everything below imports them)
//   2. type checks (src, electron, renderer) ‖ the browser build (vite build → out/web)
//   3. vitest (unit, property, main-process) ‖ npm run security
//   4. Playwright (end-to-end), after stage 3 whether it passed or not
//
// A step of a stage starts with the stage; stages 2 and 3 start when the one before has passed (a
// type error stops the run before the slow checks). vitest and Playwright run one after the other:
// side by side on two cores they took ~1256 CPU-s and 620–636 s, as they contend for the caches
// and for SwiftShader's threads; alone, vitest took 167 CPU-s (90 s) and Playwright 915 CPU-s
// (472 s). Each step's output is printed whole when it ends, under a header with its result and
// duration, so parallel outputs never interleave. Exits 1 if any step failed, after the others of
// its stage have finished (their results are still useful).
// Extra arguments go to Playwright, e.g. `npm test -- test/e2e/layer.spec.ts`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './free-port.mjs';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const e2eArgs = process.argv.slice(2);
// Playwright's preview server on a port nobody holds (a server left from an earlier run keeps 4173).
const e2ePort = process.env.HINGE_E2E_PORT ?? String(await freePort());

/** @type {{ name: string, command: string, args: string[] }[][]} */
const stages = [
  [{ name: 'build:wasm', command: process.execPath, args: [join(root, 'scripts/build-wasm.mjs')] }],
  [
    { name: 'typecheck src', command: bin('tsc'), args: ['-p', 'tsconfig.json', '--noEmit'] },
    { name: 'typecheck electron', command: bin('tsc'), args: ['-p', 'electron/tsconfig.json', '--noEmit'] },
    { name: 'typecheck renderer', command: bin('tsc'), args: ['-p', 'renderer/tsconfig.json', '--noEmit'] },
    { name: 'build:web', command: bin('vite'), args: ['build', '--config', 'vite.web.config.ts'] },
  ],
  [
    { name: 'vitest', command: bin('vitest'), args: ['run'] },
    { name: 'security', command: process.execPath, args: [join(root, 'scripts/security.mjs')] },
  ],
  [{ name: 'playwright', command: bin('playwright'), args: ['test', ...e2eArgs] }],
];
/** Stages run whatever the stage before gave: the end-to-end tests check other things than vitest. */
const RUN_AFTER_FAILURE = new Set([3]);

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs one step with its output collected; resolves with whether it passed. */
function run(step) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { cwd: root, env: { ...process.env, HINGE_E2E_PORT: e2ePort, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    const finish = (code, error) => {
      const ok = code === 0;
      const bar = '─'.repeat(Math.max(4, 72 - step.name.length));
      process.stdout.write(`\n── ${step.name}: ${ok ? 'passed' : 'FAILED'} in ${seconds(Date.now() - started)} ${bar}\n`);
      process.stdout.write(Buffer.concat(chunks));
      if (error) process.stdout.write(`${error.message}\n`);
      resolve({ name: step.name, ok, ms: Date.now() - started, output: ok ? '' : Buffer.concat(chunks).toString('utf8') });
    };
    child.on('error', (error) => finish(-1, error));
    child.on('close', (code) => finish(code));
  });
}

const started = Date.now();
const results = [];
for (const [index, stage] of stages.entries()) {
  if (results.some((r) => !r.ok) && !RUN_AFTER_FAILURE.has(index)) break;
  process.stdout.write(`\n▶ ${stage.map((s) => s.name).join(' ‖ ')}\n`);
  const running = new Set(stage.map((s) => s.name));
  // A line a minute, so a long quiet stage is visibly alive (outputs come whole, at the end of each step).
  const heartbeat = setInterval(() => process.stdout.write(`… ${seconds(Date.now() - started)}: still running ${[...running].join(', ')}\n`), 60_000);
  const outcomes = await Promise.all(stage.map((step) => run(step).then((o) => (running.delete(step.name), o))));
  clearInterval(heartbeat);
  results.push(...outcomes);
}
process.stdout.write(`\n── summary ${'─'.repeat(62)}\n`);
for (const r of results) process.stdout.write(`${r.ok ? 'passed' : 'FAILED'}  ${r.name.padEnd(20)} ${seconds(r.ms)}\n`);
process.stdout.write(`total ${seconds(Date.now() - started)}\n`);
// CI shows only the end of a long log: repeat what failed, and why, where it will be read.
for (const r of results.filter((r) => !r.ok)) {
  const lines = r.output.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const why = lines.filter((line) =>
    /^\s*(✘|×)\s|\bFAIL\b|^\s*\d+\) |^\s*(Error|AssertionError|TypeError|RangeError|Expected|Received)\b|^\s*[+-] \S/.test(line) && !/Error Context/.test(line));
  process.stdout.write(`\n── why ${r.name} failed (${why.length > 60 ? 'first 60 lines; ' : ''}the whole output is above) ${'─'.repeat(20)}\n`);
  process.stdout.write(`${why.slice(0, 60).map((line) => line.slice(0, 400)).join('\n')}\n`);
}
process.exit(results.every((r) => r.ok) && results.length === stages.flat().length ? 0 : 1);
