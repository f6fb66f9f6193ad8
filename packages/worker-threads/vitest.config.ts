import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Test files run in child processes, so a stuck worker thread can be killed with its file.
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // An upper bound for a hung wait, never a synchronisation device.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
