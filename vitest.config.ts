import { defineConfig } from 'vitest/config';

/**
 * Test files that change what the kernels or globals are for the whole module graph (the
 * JavaScript kernels forced on, the worker pool started, Math.random or console spied on): they
 * run in a fresh module graph of their own, like everything outside test/src.
 */
const OWN_GRAPH = [
  'test/src/linalg/threads.test.ts',
  'test/src/linalg/svd-javascript-kernels.test.ts',
  'test/src/linalg/kernels.test.ts',
  'test/src/expression/security.test.ts',
];

/**
 * Renderer tests of plain functions and stores, which mock nothing, stub no global and keep no
 * state of the app's (the project session, the hosts, the timers) between tests: they share the
 * src tests' module graph. The other renderer tests reset modules, fake timers, stub `window` or
 * mock comlink, and stay in a graph of their own.
 */
const SHARED_RENDERER = [
  'test/renderer/attention-real-view.test.ts',
  'test/renderer/camera-keys.test.ts',
  'test/renderer/cell-mesh.test.ts',
  'test/renderer/color-scales.test.ts',
  'test/renderer/gif-export.test.ts',
  'test/renderer/import-registry.test.ts',
  'test/renderer/job-controller.test.ts',
  'test/renderer/layer-maps.test.ts',
  'test/renderer/lora-decomposition.test.ts',
  'test/renderer/model-rows.test.ts',
  'test/renderer/palettes.test.ts',
  'test/renderer/region-keys.test.ts',
  'test/renderer/store-actions.property.test.ts',
  'test/renderer/svg-export.test.ts',
  'test/renderer/training-finetune.test.ts',
  'test/renderer/video-export.test.ts',
  'test/renderer/workers/model-sources.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    // Compiles the WebAssembly kernels first when src/linalg/wasm/kernels.generated.ts is missing or stale.
    globalSetup: ['./scripts/build-wasm.mjs'],
    // Worker threads, not child processes: every test passes the same in both, and the whole run
    // took 192 CPU-s in threads against 210 in forks on two cores (npm test is CPU-bound there).
    pool: 'threads',
    maxWorkers: 2,
    // A limit for a test that hangs, not a speed check (speed is measured in npm run bench): the
    // heaviest property tests draw their networks at random and take 5–45 s when the suite's
    // own Playwright run shares the two cores.
    testTimeout: 120_000,
    // A test file that never finishes fails the run instead of hanging CI.
    hookTimeout: 30_000,
    teardownTimeout: 10_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          // src/ is pure and its tests leave no state behind: the files of one worker share one
          // module graph, so src/ is imported once per worker instead of once per file (the
          // suite's largest cost on two cores after the tests themselves). So do SHARED_RENDERER.
          include: ['test/src/**/*.test.ts', ...SHARED_RENDERER],
          exclude: OWN_GRAPH,
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'isolated',
          include: [...OWN_GRAPH, 'test/electron/**/*.test.ts', 'test/renderer/**/*.test.ts', 'test/*.test.ts'],
          exclude: SHARED_RENDERER,
        },
      },
    ],
  },
});
