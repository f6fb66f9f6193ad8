import { describe, expect, test } from 'vitest';
import { type ConformanceContext, programUrl } from '../support/context.js';
import { lastJsonLine, runProgram } from '../support/run-program.js';

export function typescriptTaskModulesSuite({ backend }: ConformanceContext): void {
  describe('TypeScript task modules', () => {
    test('under node --import tsx, a .ts task module runs through submit, map, a module reference and a Worker', async () => {
      // tsx is the repo root's devDependency; `--import tsx` resolves it from the program's
      // directory upwards. On Node 20 it does not reach worker threads by itself: weft must
      // register the loader there (threads) or pass it on (child processes).
      const outcome = await runProgram(programUrl('run-typescript-task.ts'), { nodeArgs: ['--import', 'tsx'], env: { WEFT_BACKEND: backend } });
      expect(outcome.timedOut).toBe(false);
      expect(outcome.code, outcome.stderr).toBe(0);
      expect(lastJsonLine(outcome)).toEqual({
        backend,
        submitted: 5,
        mapped: [10, 13],
        byModule: 10,
        joined: true,
        workerExitCode: 0,
        workerError: [],
      });
    });
  });
}
