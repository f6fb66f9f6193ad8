import { rm } from 'node:fs/promises';
import { defineConfig } from 'tsup';

// The worker entry is its own entry point; ESM splitting makes it share chunks with index.js,
// so a task module that imports '@weft/core' sees the same Lock/Queue classes the runtime revives.
//
// spi, both backends and eventemitter3 are bundled in: a worker then loads three files instead
// of eight, and no CommonJS; module loading is most of its start-up time (issue #5). Core is
// their only runtime importer, so each thread still holds one copy of their module state —
// conformance's single-copy.suite.ts checks that. They stay dependencies for index.d.ts.
export default defineConfig({
  entry: { index: 'src/index.ts', 'worker-entry': 'src/worker-runtime/entry.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  noExternal: ['@weft/spi', '@weft/worker-threads', '@weft/child-process', 'eventemitter3'],
  shims: true,
  splitting: true,
  clean: true,
  target: 'node20',
  sourcemap: true,
  // Workers always start dist/worker-entry.js (ESM, also from the CJS build: spawn-support.ts).
  // Its CJS twin would hold a top-level await, which CommonJS cannot load: do not ship it.
  onSuccess: async () => {
    await rm('dist/worker-entry.cjs', { force: true });
    await rm('dist/worker-entry.cjs.map', { force: true });
  },
});
