import { describe, expect, test } from 'vitest';
import {
  AbortError,
  BrokenBarrierError,
  CancelledError,
  ClosureError,
  ExecutorShutdownError,
  InvalidStateError,
  LockNotOwnedError,
  QueueClosed,
  QueueEmpty,
  QueueFull,
  ResourceLimitError,
  SerializationError,
  TimeoutError,
  WeftError,
  WorkerCrashedError,
  getIdent,
  isWeftError,
  taskFailure,
} from '@weft/core';
import { reportWorker } from '../fixtures/report-worker.mjs';
import {
  doubleUnlessBad,
  failWithQueueEmpty,
  rejectWithTypeError,
  throwAggregateError,
  throwParseErrorWithCause,
  throwRangeError,
} from '../fixtures/throw-with-cause.mjs';
import type { ConformanceContext } from '../support/context.js';
import { rejectionOf } from '../support/error-of.js';
import { poolPerTest, sharedPool } from '../support/pools.js';

const WEFT_ERRORS = {
  WorkerCrashedError,
  TimeoutError,
  CancelledError,
  AbortError,
  ExecutorShutdownError,
  BrokenBarrierError,
  QueueEmpty,
  QueueFull,
  QueueClosed,
  SerializationError,
  LockNotOwnedError,
  InvalidStateError,
  ClosureError,
  ResourceLimitError,
} as const;

export function errorsSuite(_ctx: ConformanceContext): void {
  describe('errors', () => {
    const pool = sharedPool({ maxWorkers: 2 });
    const pools = poolPerTest();

    test("a task's built-in error class is kept, with its message", async () => {
      const err = await rejectionOf(pool().submit(throwRangeError, 'value out of range'));
      expect(err).toBeInstanceOf(RangeError);
      expect((err as Error).name).toBe('RangeError');
      expect((err as Error).message).toBe('value out of range');
    });

    test('an async task that rejects propagates its error the same way', async () => {
      const err = await rejectionOf(pool().submit(rejectWithTypeError, 'bad input'));
      expect(err).toBeInstanceOf(TypeError);
      expect((err as Error).message).toBe('bad input');
    });

    test('a custom error class arrives as an Error with the same name, message, code and own properties', async () => {
      const err = (await rejectionOf(pool().submit(throwParseErrorWithCause))) as Error & Record<string, unknown>;
      expect(err).toBeInstanceOf(Error);
      expect(err.name).toBe('ParseError');
      expect(err.message).toBe('unexpected token at line 12');
      expect(err.code).toBe('E_PARSE');
      expect(err.line).toBe(12);
      expect(err.details).toEqual({ column: 3, tokens: ['let', '='] });
    });

    test('the cause chain survives, each cause rebuilt as itself', async () => {
      const err = (await rejectionOf(pool().submit(throwParseErrorWithCause))) as Error;
      const middle = err.cause as Error;
      expect(middle).toBeInstanceOf(TypeError);
      expect(middle.message).toBe('bad byte 0xff');
      const root = middle.cause as Error;
      expect(root).toBeInstanceOf(Error);
      expect(root.message).toBe('disk read failed');
      expect(root.cause).toBeUndefined();
    });

    test("the error carries the worker's stack, pointing into the task module", async () => {
      const err = (await rejectionOf(pool().submit(throwParseErrorWithCause))) as Error;
      expect(err.stack).toContain('throw-with-cause.mjs');
      expect(err.stack).toContain('throwParseErrorWithCause');
    });

    test('an AggregateError keeps its class and its member errors', async () => {
      const err = (await rejectionOf(pool().submit(throwAggregateError))) as AggregateError;
      expect(err).toBeInstanceOf(AggregateError);
      expect(err.message).toBe('two things failed');
      expect(err.errors).toHaveLength(2);
      expect(err.errors[0]).toBeInstanceOf(RangeError);
      expect((err.errors[1] as Error).message).toBe('second');
    });

    test('a weft error raised inside a worker arrives as the same weft class', async () => {
      const err = await rejectionOf(pool().submit(failWithQueueEmpty));
      expect(err).toBeInstanceOf(QueueEmpty);
      expect(err).toBeInstanceOf(WeftError);
      expect(isWeftError(err, 'ERR_WEFT_QUEUE_EMPTY')).toBe(true);
    });

    test("taskFailure() tells which worker a submitted task failed in; the same object is the error's non-enumerable `weft`", async () => {
      const single = pools.open({ maxWorkers: 1 });
      const worker = await single.submit(reportWorker, 'where');
      const err = await rejectionOf(single.submit(throwRangeError, 'located'));
      const where = taskFailure(err);
      expect(where).toBeDefined();
      expect(where!.workerIdent).toBe(worker.ident);
      expect(where!.workerIdent).not.toBe(getIdent());
      expect(where!.workerName).toBe(worker.name);
      expect(where!.index).toBeUndefined();
      expect((err as { weft?: unknown }).weft).toBe(where);
      expect(Object.keys(err as object)).not.toContain('weft');
    });

    test("taskFailure() gives the index of the failing item of map() and starmap()", async () => {
      const fromMap = await rejectionOf(pool().map((item: number) => {
        if (item === 4) throw new RangeError(`item ${item} is bad`);
        return item;
      }, [0, 1, 2, 3, 4, 5, 6], { chunksize: 1 }));
      expect(fromMap).toBeInstanceOf(RangeError);
      expect(taskFailure(fromMap)?.index).toBe(4);
      const fromStarmap = await rejectionOf(pool().starmap(doubleUnlessBad, [0, 1, 2, 3, 4, 5, 6].map((i) => [i, 5]), { chunksize: 3 }));
      expect((fromStarmap as Error).message).toBe('item 5 is bad');
      // item 5 is the third of the second chunk: the index counts from the start of the input.
      expect(taskFailure(fromStarmap)?.index).toBe(5);
    });

    test('taskFailure() of an error that did not come from a task is undefined', () => {
      expect(taskFailure(new Error('local'))).toBeUndefined();
      expect(taskFailure('not even an error')).toBeUndefined();
    });

    test.each(Object.entries(WEFT_ERRORS))('%s is a WeftError with a fixed name and a stable ERR_WEFT code', (name, ErrorClass) => {
      const err = new (ErrorClass as new (message: string) => Error & { code: string })('what happened');
      expect(err).toBeInstanceOf(WeftError);
      expect(err).toBeInstanceOf(Error);
      expect(err.name).toBe(name);
      expect(err.message).toBe('what happened');
      expect(err.code).toMatch(/^ERR_WEFT_[A-Z_]+$/);
      expect(isWeftError(err)).toBe(true);
      expect(isWeftError(err, err.code as never)).toBe(true);
      expect(isWeftError(new Error('plain'))).toBe(false);
    });

    test('every weft error class has its own code', () => {
      const codes = Object.values(WEFT_ERRORS).map((C) => new (C as new (m: string) => { code: string })('x').code);
      expect(new Set(codes).size).toBe(codes.length);
    });
  });
}
