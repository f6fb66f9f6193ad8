import { describe, expect, test } from 'vitest';
import { Event, Queue, WorkerCrashedError } from '@weft/core';
import { add } from '../fixtures/arithmetic.mjs';
import { exitWorker, killOwnProcess } from '../fixtures/crash-mid-task.mjs';
import { exitAtStart, killedAtStartWhileTokensLast } from '../fixtures/die-at-start.mjs';
import { reportWorker } from '../fixtures/report-worker.mjs';
import { signalThenWait } from '../fixtures/wait-for-event.mjs';
import { type ConformanceContext, programUrl } from '../support/context.js';
import { errorOf, rejectionOf } from '../support/error-of.js';
import { PROGRAM_EXIT_MS, PROMPT_MS } from '../support/limits.js';
import { poolPerTest } from '../support/pools.js';
import { lastJsonLine, runProgram } from '../support/run-program.js';

export function crashSuite({ backend }: ConformanceContext): void {
  describe('worker crashes', () => {
    const pools = poolPerTest();

    test('a worker that exits mid-task fails that task with WorkerCrashedError carrying the exit code', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const err = await rejectionOf(pool.submit(exitWorker, 3));
      expect(err).toBeInstanceOf(WorkerCrashedError);
      expect((err as WorkerCrashedError).exitCode).toBe(3);
      expect((err as Error).message).toContain('3');
    });

    test('after a crash the pool replaces the worker and runs the tasks queued behind the crashed one', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      const before = await pool.submit(reportWorker, 'before');
      const crashed = pool.submit(exitWorker, 4);
      const queuedSum = pool.submit(add, 1, 2);
      const queuedReport = pool.submit(reportWorker, 'after');
      expect(await rejectionOf(crashed)).toBeInstanceOf(WorkerCrashedError);
      expect(await queuedSum).toBe(3);
      expect((await queuedReport).ident).not.toBe(before.ident);
    });

    test('a crash in one worker does not disturb a task running on another', async () => {
      const pool = pools.open({ maxWorkers: 2 });
      const started = new Event();
      const release = new Event();
      const survivor = pool.submit(signalThenWait, started, release, 'survived');
      await started.wait({ timeout: PROMPT_MS });
      expect(await rejectionOf(pool.submit(exitWorker, 5))).toBeInstanceOf(WorkerCrashedError);
      release.set();
      expect(await survivor).toBe('survived');
    });

    test('a worker killed by a signal fails its task with WorkerCrashedError naming the signal', async () => {
      const pool = pools.open({ maxWorkers: 1 });
      if (backend === 'child_process') {
        const err = await rejectionOf(pool.submit(killOwnProcess));
        expect(err).toBeInstanceOf(WorkerCrashedError);
        expect((err as WorkerCrashedError).signal).toBe('SIGKILL');
        expect((err as Error).message).toContain('SIGKILL');
      } else {
        // worker_threads: a thread cannot be killed by a signal on its own (a signal would take
        // down the whole process, this test runner included); the nearest crash is an abrupt exit.
        const err = await rejectionOf(pool.submit(exitWorker, 137));
        expect(err).toBeInstanceOf(WorkerCrashedError);
        expect((err as WorkerCrashedError).exitCode).toBe(137);
      }
      expect(await pool.submit(add, 2, 2)).toBe(4);
    });

    test('a crash during map() rejects the map with WorkerCrashedError', async () => {
      const pool = pools.open({ maxWorkers: 2 });
      const err = await rejectionOf(pool.map(exitWorker, [6], { chunksize: 1 }));
      expect(err).toBeInstanceOf(WorkerCrashedError);
      expect(await pool.submit(add, 1, 2)).toBe(3);
    });

    test('workers that exit before they are ready break the pool after three in a row; every task fails saying why', async () => {
      const pool = pools.open({ maxWorkers: 1, initializer: exitAtStart });
      const errors = await Promise.all([pool.submit(add, 1, 2), pool.submit(add, 3, 4)].map(rejectionOf));
      for (const err of errors) {
        expect(err).toBeInstanceOf(WorkerCrashedError);
        expect((err as Error).message).toContain('3 workers in a row exited before they were ready');
        expect((err as Error).message).toContain('exit code 1');
        expect((err as Error).message).toContain('the pool is broken');
      }
      // and so does what comes after (submit() on a broken pool throws at once)
      expect(await errorOf(() => pool.submit(add, 5, 6))).toBeInstanceOf(WorkerCrashedError);
    });

    // Only a process can be killed by a signal without taking this test runner down with it.
    if (backend === 'child_process') {
      const tokensOf = (n: number) => {
        const tokens = new Queue<number>();
        for (let i = 0; i < n; i++) tokens.putNowait(i);
        return tokens;
      };

      test('children killed by SIGKILL before they are ready do not break the pool, and no task is lost', async () => {
        const tokens = tokensOf(5); // five children killed as they start (the limit for exits of their own is 3)
        const pool = pools.open({ maxWorkers: 1, initializer: killedAtStartWhileTokensLast, initargs: [tokens] });
        expect(await Promise.all([pool.submit(add, 1, 2), pool.submit(add, 3, 4), pool.submit(add, 5, 6)])).toEqual([3, 7, 11]);
        expect(tokens.qsize()).toBe(0);
      });

      test('ten children in a row killed before they are ready break the pool, and the error says they were killed', async () => {
        const pool = pools.open({ maxWorkers: 1, initializer: killedAtStartWhileTokensLast, initargs: [tokensOf(12)] });
        const err = await rejectionOf(pool.submit(add, 1, 2));
        expect(err).toBeInstanceOf(WorkerCrashedError);
        expect((err as WorkerCrashedError).signal).toBe('SIGKILL');
        expect((err as Error).message).toContain('10 workers in a row exited before they were ready');
        expect((err as Error).message).toContain('keeps killing them');
      });
    }
  });

  describe('process lifetime', () => {
    test('a program whose pool goes idle exits on its own, without shutdown() and with a map() timeout still pending', async () => {
      const outcome = await runProgram(programUrl('idle-pool-exits.mjs'), { env: { WEFT_BACKEND: backend } });
      expect(outcome.timedOut, `the program was still running after ${PROGRAM_EXIT_MS} ms`).toBe(false);
      expect(outcome.code, outcome.stderr).toBe(0);
      expect(lastJsonLine(outcome)).toEqual({ backend, squares: [1, 4, 9, 16, 25, 36, 49, 64], single: 81 });
    });

    test('a pending primitive wait keeps the process alive until it settles', async () => {
      const outcome = await runProgram(programUrl('pending-waits-keep-process-alive.mjs'), { env: { WEFT_BACKEND: backend } });
      expect(outcome.timedOut).toBe(false);
      expect(outcome.code, outcome.stderr).toBe(0);
      expect(lastJsonLine(outcome)).toEqual({ backend, eventWoke: true, lockAcquired: true, timedOutAcquire: false });
    });
  });
}
