import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/src/**/*.test.ts', 'test/electron/**/*.test.ts', 'test/renderer/**/*.test.ts', 'test/*.test.ts'],
    environment: 'node',
    // Compiles the WebAssembly kernels first when src/linalg/wasm/kernels.generated.ts is missing or stale.
    globalSetup: ['./scripts/build-wasm.mjs'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    // A test file that never finishes fails the run instead of hanging CI.
    hookTimeout: 30_000,
    teardownTimeout: 10_000,
  },
});
