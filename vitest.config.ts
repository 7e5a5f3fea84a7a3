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
          name: 'src',
          // src/ is pure and its tests leave no state behind: the files of one worker share one
          // module graph, so src/ is imported once per worker instead of once per file (the
          // suite's largest cost on two cores after the tests themselves).
          include: ['test/src/**/*.test.ts'],
          exclude: OWN_GRAPH,
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'isolated',
          include: [...OWN_GRAPH, 'test/electron/**/*.test.ts', 'test/renderer/**/*.test.ts', 'test/*.test.ts'],
        },
      },
    ],
  },
});
