import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // the tests fork processes and send signals: each file runs in its own process
    pool: 'forks',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // upper bounds only: every wait in these tests is ordered by a primitive, never by a sleep
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
