import { describe, expect, test } from 'vitest';
import { childExecArgv } from '../src/exec-argv.js';

describe('childExecArgv', () => {
  test('keeps loaders and other flags of the parent', () => {
    const tsx = ['--require', '/x/preflight.cjs', '--import', 'file:///x/loader.mjs', '--experimental-strip-types', '--no-warnings'];
    expect(childExecArgv(undefined, tsx)).toEqual(tsx);
  });

  test('drops what belongs to how the parent was started: -e code, --input-type, --inspect, --watch, --test', () => {
    expect(childExecArgv(undefined, ['--input-type=module', '-e', 'main()', '--import', 'tsx'])).toEqual(['--import', 'tsx']);
    expect(childExecArgv(undefined, ['-p', 'x', '--eval=y', '--inspect=9229', '--inspect-brk', '--watch', '--watch-path', '/src', '--test'])).toEqual([]);
  });

  test('adds the heap caps of resourceLimits, replacing the parent\'s own', () => {
    expect(childExecArgv({ maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 48 }, ['--max-old-space-size=4096', '--import', 'tsx'])).toEqual([
      '--import',
      'tsx',
      '--max-old-space-size=64',
      '--max-semi-space-size=16',
    ]);
    expect(childExecArgv(undefined, ['--max-old-space-size=4096'])).toEqual(['--max-old-space-size=4096']);
  });
});
