import { defineConfig } from 'vitest/config';

// Every package with tests is a project; each package's own vitest.config.ts says how its files
// run (the conformance package runs its suites once per backend through per-backend entry files).
export default defineConfig({
  test: {
    projects: ['packages/*'],
    // Pool size is a root-only setting. vitest's default on a 2-core machine is one file at a
    // time; two keeps both cores busy (most test files wait on their workers rather than compute).
    maxWorkers: 2,
  },
});
