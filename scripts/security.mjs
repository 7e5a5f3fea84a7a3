#!/usr/bin/env node
// npm run security: Electronegativity (@doyensec/electronegativity) over the main-process sources
// (electron/) and over the built main process and preload as they ship (out/main, out/preload,
// with the renderer's index.html so its CSP is seen). Electronegativity never fails a run by
// itself, so this script reads its findings, writes them as JSON (test-results/electronegativity.json),
// prints them, and exits 1 on any HIGH finding that is not suppressed below, and on any file it
// could not parse (a file it cannot parse is a file it did not check).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;

// Checks left out, and why:
// - AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK downloads Electron's release list on every run; the answer
//   changes with the network and the date, not with our code. Electron upgrades are a dependency
//   question (npm outdated / audit), not a static-analysis one.
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

// HIGH findings we have looked at and judged false positives: { id, file (relative to the scan
// root), reason }. Match is exact on both, so a new finding of the same kind elsewhere still fails.
// None at the moment: keep it that way by writing code the checker can read (e.g. the window's
// webPreferences as a literal at `new BrowserWindow`).
export const SUPPRESSED = [];

/** Runs Electronegativity on `input`; returns { issues, errors } as plain data. */
export async function scan(input) {
  const run = require('@doyensec/electronegativity');
  // It fetches translations on start (1 s timeout) and says so when offline; keep that quiet.
  const log = console.log;
  console.log = (...args) => (String(args[0]).startsWith('Could not retrieve updated translations') ? undefined : log(...args));
  try {
    const result = await run({
      input,
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: EXCLUDED_CHECKS,
    });
    return {
      errors: result.errors.map(({ file, message, tolerable }) => ({ file: relative(input, file) || file, message, tolerable })),
      issues: result.issues.map((issue) => ({
        id: issue.id,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        file: issue.file,
        line: issue.location?.line ?? 0,
        column: issue.location?.column ?? 0,
        manualReview: Boolean(issue.manualReview),
        description: issue.description,
        url: issue.shortenedURL,
      })),
    };
  } finally {
    console.log = log;
  }
}

function isSuppressed(issue) {
  return SUPPRESSED.some(({ id, file }) => id === issue.id && file === issue.file);
}

/** What fails the run: unsuppressed HIGH findings and files that could not be parsed. */
export function problemsIn({ issues, errors }) {
  return [
    ...issues.filter((issue) => issue.severity === 'HIGH' && !isSuppressed(issue)).map((issue) => `${issue.id} at ${issue.file}:${issue.line}`),
    ...errors.filter((error) => !error.tolerable).map((error) => `could not parse ${error.file}: ${error.message}`),
  ];
}

function buildMainAndPreload() {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--ignoreConfigWarning', '--logLevel', 'warn'], {
    cwd: root,
    env: { ...process.env, HINGE_BUILD: 'desktop-only' },
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('electron-vite could not build the main process and preload');
}

/** A folder laid out like the packaged app's, holding only what the checks should read. */
function stageBuiltApp() {
  const stage = mkdtempSync(join(tmpdir(), 'hinge-security-'));
  cpSync(join(root, 'out/main'), join(stage, 'main'), { recursive: true, filter: (path) => !path.endsWith('.map') });
  cpSync(join(root, 'out/preload'), join(stage, 'preload'), { recursive: true, filter: (path) => !path.endsWith('.map') });
  mkdirSync(join(stage, 'renderer'));
  cpSync(join(root, 'renderer/index.html'), join(stage, 'renderer/index.html'));
  return stage;
}

async function main() {
  const started = Date.now();
  buildMainAndPreload();
  const stage = stageBuiltApp();
  const report = { electronVersion, excludedChecks: EXCLUDED_CHECKS, suppressed: SUPPRESSED, scans: [] };
  try {
    for (const [kind, label, input] of [
      ['sources', 'sources (electron/)', join(root, 'electron')],
      ['built', 'built main + preload (out/main, out/preload)', stage],
    ]) {
      report.scans.push({ label, kind, ...(await scan(input)) });
    }
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }

  mkdirSync(join(root, 'test-results'), { recursive: true });
  const reportPath = join(root, 'test-results/electronegativity.json');
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);

  let failures = 0;
  for (const scanned of report.scans) {
    const { label, issues, errors } = scanned;
    console.log(`\nElectronegativity ${label}: ${issues.length} finding(s)`);
    for (const issue of issues) {
      const high = issue.severity === 'HIGH';
      const mark = high ? (isSuppressed(issue) ? 'suppressed' : 'FAIL') : 'info';
      console.log(`  [${mark}] ${issue.severity}/${issue.confidence} ${issue.id} ${issue.file}:${issue.line} ${issue.description}${issue.manualReview ? ' (review)' : ''}`);
    }
    for (const error of errors.filter((e) => !e.tolerable)) console.log(`  [FAIL] could not parse ${error.file}: ${error.message}`);
    failures += problemsIn(scanned).length;
    // The sources always carry some MEDIUM notes: none at all means nothing was looked at.
    if (scanned.kind === 'sources' && issues.length === 0) {
      console.log('  [FAIL] no finding at all in electron/: the scan did not look');
      failures += 1;
    }
  }
  console.log(`\nReport: ${relative(root, reportPath)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (failures > 0) {
    console.error(`npm run security: ${failures} problem(s): a HIGH finding or an unparsable file.`);
    process.exit(1);
  }
  console.log('npm run security: no HIGH finding.');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
