import { afterEach, describe, expect, test } from 'vitest';
import { builtin } from '@weft/spi';
import * as childProcess from 'node:child_process';
import * as os from 'node:os';

type WithGetBuiltin = { getBuiltinModule?: (id: string) => unknown };
const proc = process as unknown as WithGetBuiltin;
const original = proc.getBuiltinModule;

describe('builtin(): a Node built-in loaded on first use', () => {
  afterEach(() => {
    proc.getBuiltinModule = original;
  });

  test('gives the same module object an import does', () => {
    expect(builtin('node:os').cpus).toBe(os.cpus);
    expect(builtin('node:child_process').fork).toBe(childProcess.fork);
  });

  test('falls back to require where process.getBuiltinModule is missing (Node < 20.16)', () => {
    proc.getBuiltinModule = undefined;
    expect(builtin('node:os').cpus).toBe(os.cpus);
    expect(builtin('node:v8').serialize).toBeTypeOf('function');
  });
});
