import { defineConfig } from 'vitest/config';

// One vitest project. The same suites run once per backend through the thin entry files
// test/worker-threads/*.test.ts and test/child-process/*.test.ts, each of which sets
// WEFT_BACKEND before @weft/core loads. (Per-project `env` would need two projects here, but the
// repo root loads this file through `projects: ['packages/*']`, and vitest does not expand
// projects nested inside a project; the entry files work the same from here and from the root.)
export default defineConfig({
  test: {
    name: 'conformance',
    include: ['test/**/*.test.ts'],
    // A forked process per entry file: WEFT_BACKEND is per process, and currentWorker() /
    // isMainWorker() must see a real main thread (under pool 'threads' the tests themselves
    // would run inside a worker thread).
    pool: 'forks',
    poolOptions: {
      // Two files at a time on a 2-core machine: most tests wait on workers rather than compute.
      // (Only honoured when vitest starts in this directory; from the repo root the root
      // config's pool settings apply.)
      forks: { maxForks: 2, minForks: 1 },
    },
    // Upper bounds, not expectations: a conformance test that hangs should fail, not stall CI.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    teardownTimeout: 10_000,
    server: {
      deps: {
        // Load weft's built dist and the fixture task modules natively, exactly as a user's
        // program and weft's workers load them: one copy of @weft/core in the test process, and
        // task() registrations made by the same module the workers import.
        external: [/\/packages\/[^/]+\/dist\//, /\/src\/fixtures\//],
      },
    },
  },
});
