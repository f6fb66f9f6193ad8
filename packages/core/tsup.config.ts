import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

// dist is one bundle and the small files around it (docs/architecture.md, "Built output"):
// - weft.cjs: core with @weft/spi, both backends and eventemitter3 bundled in (src/bundle.ts).
//   One file and one copy of their module state per thread or process, whether the caller
//   imports or requires weft, and whether it is a worker's runtime or its task module;
// - load.cjs: evaluates weft.cjs once, through a V8 code cache (src/loader/load.ts);
// - index.js, index.cjs, worker-entry.cjs: written after the build by scripts/write-facades.mjs;
// - index.d.ts, index.d.cts: the public types, from src/index.ts.
// The three builds run side by side, so dist is emptied here, once, rather than by each.
rmSync('dist', { recursive: true, force: true });

const common = { target: 'node20', sourcemap: true, clean: false } as const;

export default defineConfig([
  {
    ...common,
    entry: { weft: 'src/bundle.ts' },
    format: ['cjs'],
    noExternal: ['@weft/spi', '@weft/worker-threads', '@weft/child-process', 'eventemitter3'],
    shims: true,
  },
  { ...common, entry: { load: 'src/loader/load.ts' }, format: ['cjs'] },
  { ...common, entry: { index: 'src/index.ts' }, format: ['esm', 'cjs'], dts: { only: true } },
]);
