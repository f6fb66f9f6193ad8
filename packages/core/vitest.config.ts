import { defineConfig } from 'vitest/config';

// Unit tests of core's in-process parts (futures, codec, validation). Behaviour across real
// workers is tested by @weft/conformance on both backends.
export default defineConfig({
  test: {
    name: 'core',
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
  },
});
