import { describe, expect, test } from 'vitest';
import { workerExecArgv } from '../src/worker-exec-argv.js';

describe('the execArgv a worker inherits', () => {
  test('is left to Node (the parent\'s) when nothing needs removing', () => {
    expect(workerExecArgv(['--import', 'tsx', '--max-old-space-size=100'])).toBeUndefined();
  });

  test('drops --input-type in both spellings and keeps everything else in order', () => {
    expect(workerExecArgv(['--input-type=module', '--no-warnings', '-e', 'code'])).toEqual(['--no-warnings', '-e', 'code']);
    expect(workerExecArgv(['--input-type', 'commonjs', '--import', 'tsx'])).toEqual(['--import', 'tsx']);
  });
});
