import { defineConfig } from 'tsup';

// Two entries, not bundled together: the workers import tasks.js by URL.
export default defineConfig({
  entry: ['src/demo.ts', 'src/tasks.ts'],
  format: ['esm'],
  clean: true,
  target: 'node20',
  splitting: false,
  bundle: false,
  external: ['@weft/core'],
});
