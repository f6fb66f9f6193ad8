import { describe, expect, test } from 'vitest';
import { getBackend } from '@weft/core';
import { reportWorker } from '../fixtures/report-worker.mjs';
import { type ConformanceContext, programUrl } from '../support/context.js';
import { poolPerTest } from '../support/pools.js';
import { lastJsonLine, runProgram } from '../support/run-program.js';

interface SelectionReport {
  backend?: string;
  result?: number;
  error?: { name: string; message: string };
}

async function selectIn(env: Record<string, string | undefined>, args: string[] = []): Promise<SelectionReport> {
  const outcome = await runProgram(programUrl('select-backend.mjs'), { env, args });
  const { stack, ...report } = lastJsonLine(outcome) as SelectionReport & { stack?: string };
  // The stack is printed for diagnosis only; keep it visible when a comparison fails.
  if (stack !== undefined) console.error(`select-backend.mjs ${args.join(' ')} failed:\n${stack}`);
  return report;
}

export function backendSelectionSuite({ backend }: ConformanceContext): void {
  describe('backend selection', () => {
    const pools = poolPerTest();

    test('getBackend() returns the backend named by WEFT_BACKEND', () => {
      expect(getBackend()).toBe(backend);
    });

    test('workers inherit the backend choice of their parent', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const seen = await pool.submit(reportWorker, 'x');
      expect(seen.backend).toBe(backend);
    });

    test('an invalid WEFT_BACKEND is a RangeError that names the value and lists the valid backends', async () => {
      const report = await selectIn({ WEFT_BACKEND: 'green_threads' });
      expect(report.error?.name).toBe('RangeError');
      expect(report.error?.message).toContain('green_threads');
      expect(report.error?.message).toContain('worker_threads');
      expect(report.error?.message).toContain('child_process');
    });

    test('without WEFT_BACKEND, a runtime with SharedArrayBuffer and Atomics.waitAsync selects worker_threads', async () => {
      expect(await selectIn({ WEFT_BACKEND: undefined })).toEqual({ backend: 'worker_threads', result: 49 });
    });

    test('without WEFT_BACKEND, a runtime lacking SharedArrayBuffer selects child_process and runs tasks on it', async () => {
      expect(await selectIn({ WEFT_BACKEND: undefined }, ['--without=SharedArrayBuffer'])).toEqual({ backend: 'child_process', result: 49 });
    });

    test('without WEFT_BACKEND, a runtime lacking Atomics.waitAsync selects child_process and runs tasks on it', async () => {
      expect(await selectIn({ WEFT_BACKEND: undefined }, ['--without=Atomics.waitAsync'])).toEqual({ backend: 'child_process', result: 49 });
    });

    test('WEFT_BACKEND=child_process is honoured even where worker_threads would work', async () => {
      expect(await selectIn({ WEFT_BACKEND: 'child_process' })).toEqual({ backend: 'child_process', result: 49 });
    });
  });
}
