import { defineConfig } from 'tsup';

// The worker entry is its own entry point; ESM splitting makes it share chunks with index.js,
// so a task module that imports '@weft/core' sees the same Lock/Queue classes the runtime revives.
export default defineConfig({
  entry: { index: 'src/index.ts', 'worker-entry': 'src/worker-runtime/entry.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  shims: true,
  splitting: true,
  clean: true,
  target: 'node20',
  sourcemap: true,
});
