import { availableParallelism, cpus } from 'node:os';
import { describe, expect, test } from 'vitest';
import { Event, Queue, SerializationError, Worker, activeChildren, cpuCount, currentWorker, enumerate, getIdent, isMainWorker } from '@weft/core';
import { exitWorker } from '../fixtures/crash-mid-task.mjs';
import { reportWorker } from '../fixtures/report-worker.mjs';
import { reportIntoQueue, runUntilReleased, throwFromTarget } from '../fixtures/worker-targets.mjs';
import type { ConformanceContext } from '../support/context.js';
import { errorOf } from '../support/error-of.js';
import { nextEvent } from '../support/events.js';
import { PROMPT_MS } from '../support/limits.js';
import { poolPerTest } from '../support/pools.js';

interface Report {
  tag: string;
  ident: number;
  currentIdent: number;
  name: string;
  isMain: boolean;
}

export function workerSuite({ backend }: ConformanceContext): void {
  describe('Worker', () => {
    test('a Worker whose argument was handed elsewhere before start() fails start() with SerializationError and does not linger', async () => {
      const bytes = new Uint8Array(16);
      // the target never runs: start() fails before the task is sent
      const worker = new Worker({ target: reportIntoQueue, args: [new Queue<Report>(), bytes as unknown as string] });
      structuredClone(bytes.buffer, { transfer: [bytes.buffer] }); // detached after the Worker took its args
      const exit = nextEvent(worker, 'exit');
      const err = await errorOf(() => worker.start());
      expect(err).toBeInstanceOf(SerializationError);
      expect((err as Error).message).toMatch(/start\(\): its args could not be sent to the worker: .*detached/);
      expect(await worker.join({ timeout: PROMPT_MS })).toBe(true);
      expect(worker.exitCode).not.toBe(0);
      expect((await exit)[0]).not.toBe(0);
    });

    test('a started Worker runs its target with its args, then exits: join() is true and exitCode 0', async () => {
      const inbox = new Queue<Report>();
      const worker = new Worker({ target: reportIntoQueue, args: [inbox, 'hello'], name: 'reporter' });
      expect(worker.name).toBe('reporter');
      expect(worker.isAlive()).toBe(false);
      expect(worker.ident == null).toBe(true);
      const exit = nextEvent(worker, 'exit');
      worker.start();
      expect(worker.isAlive()).toBe(true);
      expect(typeof worker.ident).toBe('number');
      const report = await inbox.get({ timeout: PROMPT_MS });
      expect(report).toMatchObject({ tag: 'hello', name: 'reporter', isMain: false });
      expect(report.ident).toBe(worker.ident);
      expect(report.currentIdent).toBe(worker.ident);
      expect(await worker.join({ timeout: PROMPT_MS })).toBe(true);
      expect(worker.isAlive()).toBe(false);
      expect(worker.exitCode).toBe(0);
      expect(await exit).toEqual([0]);
    });

    test('a Worker without a name gets one', () => {
      const worker = new Worker({ target: (x: number) => x, args: [1] });
      expect(typeof worker.name).toBe('string');
      expect(worker.name.length).toBeGreaterThan(0);
    });

    test('join({ timeout }) resolves false while the worker still runs, and join() true once it exited', async () => {
      const started = new Event();
      const release = new Event();
      const worker = new Worker({ target: runUntilReleased, args: [started, release] });
      worker.start();
      await started.wait({ timeout: PROMPT_MS });
      expect(await worker.join({ timeout: 30 })).toBe(false);
      expect(worker.isAlive()).toBe(true);
      release.set();
      expect(await worker.join()).toBe(true);
      expect(worker.exitCode).toBe(0);
    });

    test("a target that throws is reported through 'error' and a non-zero exitCode", async () => {
      const worker = new Worker({ target: throwFromTarget, args: ['the target failed'] });
      const error = nextEvent(worker, 'error');
      const exit = nextEvent(worker, 'exit');
      worker.start();
      const [err] = (await error) as [Error & { code?: string }];
      expect(err).toBeInstanceOf(RangeError);
      expect(err.message).toBe('the target failed');
      expect(err.code).toBe('E_TARGET');
      expect(await worker.join({ timeout: PROMPT_MS })).toBe(true);
      expect(worker.exitCode).not.toBe(0);
      expect(worker.exitCode).not.toBeNull();
      const [code] = await exit;
      expect(code).toBe(worker.exitCode);
    });

    test('a target that calls process.exit(code) leaves that exitCode', async () => {
      const worker = new Worker({ target: exitWorker, args: [7] });
      const exit = nextEvent(worker, 'exit');
      worker.start();
      expect(await worker.join({ timeout: PROMPT_MS })).toBe(true);
      expect(worker.exitCode).toBe(7);
      expect(await exit).toEqual([7]);
    });

    test('terminate() stops a running worker; it exits and join() resolves true', async () => {
      const started = new Event();
      const release = new Event();
      const worker = new Worker({ target: runUntilReleased, args: [started, release] });
      const exit = nextEvent(worker, 'exit');
      worker.start();
      await started.wait({ timeout: PROMPT_MS });
      await worker.terminate();
      expect(await worker.join({ timeout: PROMPT_MS })).toBe(true);
      expect(worker.isAlive()).toBe(false);
      await exit;
    });

    test('start() a second time throws', async () => {
      const worker = new Worker({ target: (x: number) => x, args: [1] });
      worker.start();
      expect(() => worker.start()).toThrow();
      await worker.join({ timeout: PROMPT_MS });
    });
  });

  describe('currentWorker, getIdent, activeChildren, enumerate, isMainWorker, cpuCount', () => {
    const pools = poolPerTest();

    test('currentWorker() in the main one is named MainThread on worker_threads and MainProcess on child_process', () => {
      // API.md names the main one after what it is: a thread on worker_threads, a process on child_process.
      expect(currentWorker().name).toBe(backend === 'worker_threads' ? 'MainThread' : 'MainProcess');
      expect(currentWorker().ident).toBe(getIdent());
    });

    test("getIdent() is this thread's id on worker_threads and this process's pid on child_process", () => {
      expect(getIdent()).toBe(backend === 'worker_threads' ? 0 : process.pid);
    });

    test('isMainWorker() is true here and false inside a task; a task sees its own ident and name', async () => {
      expect(isMainWorker()).toBe(true);
      const pool = pools.open({ maxWorkers: 1 });
      const seen = await pool.submit(reportWorker, 0);
      expect(seen.isMain).toBe(false);
      expect(seen.ident).not.toBe(getIdent());
      expect(seen.currentIdent).toBe(seen.ident);
      expect(typeof seen.name).toBe('string');
    });

    test('activeChildren() lists a started Worker while it is alive and not after it exited; enumerate() adds the current one', async () => {
      const started = new Event();
      const release = new Event();
      const worker = new Worker({ target: runUntilReleased, args: [started, release], name: 'listed' });
      expect(activeChildren().map((w) => w.ident)).not.toContain(worker.ident);
      worker.start();
      await started.wait({ timeout: PROMPT_MS });
      expect(activeChildren().map((w) => w.ident)).toContain(worker.ident);
      const everyone = enumerate().map((w) => w.ident);
      expect(everyone).toContain(worker.ident);
      expect(everyone).toContain(getIdent());
      release.set();
      await worker.join({ timeout: PROMPT_MS });
      expect(activeChildren().map((w) => w.ident)).not.toContain(worker.ident);
      expect(enumerate().map((w) => w.ident)).not.toContain(worker.ident);
    });

    test("cpuCount() is the machine's available parallelism", () => {
      expect(Number.isInteger(cpuCount())).toBe(true);
      expect(cpuCount()).toBeGreaterThanOrEqual(1);
      expect([availableParallelism(), cpus().length]).toContain(cpuCount());
    });
  });
}
