import { afterEach, describe, expect, test, vi } from 'vitest';
import { builtin } from '@weft/spi';
import * as childProcess from 'node:child_process';
import * as os from 'node:os';

type WithGetBuiltin = { getBuiltinModule?: (id: string) => unknown };
const proc = process as unknown as WithGetBuiltin;
const original = proc.getBuiltinModule;

/** A module instance of builtin() with nothing loaded yet (its cache starts empty). */
async function freshBuiltin(): Promise<typeof builtin> {
  vi.resetModules();
  return (await import('../../spi/src/builtin.ts')).builtin;
}

describe('builtin(): a Node built-in loaded on first use', () => {
  afterEach(() => {
    proc.getBuiltinModule = original;
  });

  test('gives the same module object an import does, and the same one each time', () => {
    expect(builtin('node:os').cpus).toBe(os.cpus);
    expect(builtin('node:child_process').fork).toBe(childProcess.fork);
    expect(builtin('node:os')).toBe(builtin('node:os'));
  });

  test('falls back to require where process.getBuiltinModule is missing (Node < 20.16)', async () => {
    const fresh = await freshBuiltin();
    proc.getBuiltinModule = undefined;
    expect(fresh('node:os').cpus).toBe(os.cpus);
    expect(fresh('node:v8').serialize).toBeTypeOf('function');
  });
});
