import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { requireModule } from '../src/internal/loader-hooks.js';

const path = fileURLToPath(new URL('./fixtures/add-one.cjs', import.meta.url));

describe('requireModule(): a CommonJS task module by absolute path, from source (no loader)', () => {
  test('gives the module Node would, loaded once', () => {
    const mod = requireModule(path) as { addOne: (x: number) => number };
    expect(mod.addOne(41)).toBe(42);
    expect(requireModule(path)).toBe(mod);
    expect(createRequire(path)(path)).toBe(mod);
    expect((globalThis as { __weftAddOneLoads?: number }).__weftAddOneLoads).toBe(1);
  });

  test('a missing file fails as require does', () => {
    expect(() => requireModule(`${path}.missing.cjs`)).toThrow(/Cannot find module/);
  });
});
