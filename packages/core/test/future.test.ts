import { describe, expect, it, vi } from 'vitest';
import { CancelledError, InvalidStateError, TimeoutError } from '@weft/spi';
import { Future } from '../src/futures/future.js';
import { markRunning, setHooks, setException, setResult } from '../src/futures/future-controller.js';
import { asCompleted, wait } from '../src/futures/wait.js';

describe('Future', () => {
  it('resolves await, result() and exception() with the value once set', async () => {
    const f = new Future<number>();
    expect(f.done()).toBe(false);
    setResult(f, 42);
    expect(await f).toBe(42);
    expect(await f.result()).toBe(42);
    expect(await f.exception()).toBeUndefined();
    expect(f.done()).toBe(true);
  });

  it('rejects with the task error and reports it through exception()', async () => {
    const f = new Future<number>();
    const err = new RangeError('bad');
    setException(f, err);
    await expect(f).rejects.toBe(err);
    expect(await f.exception()).toBe(err);
  });

  it('cancel() succeeds only while pending and then rejects with CancelledError', async () => {
    const pending = new Future<number>();
    expect(pending.cancel()).toBe(true);
    expect(pending.cancelled()).toBe(true);
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    await expect(pending.exception()).rejects.toBeInstanceOf(CancelledError);

    const running = new Future<number>();
    expect(markRunning(running)).toBe(true);
    expect(running.running()).toBe(true);
    expect(running.cancel()).toBe(false);
    expect(running.cancelled()).toBe(false);
  });

  it('cancel() asks the executor hook, which may refuse', () => {
    const f = new Future<number>();
    let asked = 0;
    setHooks(f, { tryCancel: () => (asked++, false) });
    expect(f.cancel()).toBe(false);
    expect(f.done()).toBe(false);
    expect(asked).toBe(1);
    setHooks(f, { tryCancel: () => true });
    expect(f.cancel()).toBe(true);
    expect(f.cancelled()).toBe(true);
  });

  it('settling twice is an InvalidStateError', () => {
    const f = new Future<number>();
    setResult(f, 1);
    expect(() => setResult(f, 2)).toThrow(InvalidStateError);
  });

  it('result({ timeout }) rejects with TimeoutError when the task is not done in time', async () => {
    const f = new Future<number>();
    await expect(f.result({ timeout: 5 })).rejects.toBeInstanceOf(TimeoutError);
    await expect(f.result({ timeout: -1 })).rejects.toBeInstanceOf(RangeError);
  });

  it('runs done-callbacks once, immediately when already done', () => {
    const f = new Future<string>();
    const seen: string[] = [];
    f.addDoneCallback(() => seen.push('early'));
    setResult(f, 'x');
    f.addDoneCallback(() => seen.push('late'));
    expect(seen).toEqual(['early', 'late']);
  });
});

describe('wait and asCompleted', () => {
  it('wait(FIRST_COMPLETED) returns as soon as one future is done', async () => {
    const a = new Future<number>();
    const b = new Future<number>();
    const p = wait([a, b], { returnWhen: 'FIRST_COMPLETED' });
    setResult(b, 2);
    const { done, notDone } = await p;
    expect([...done]).toEqual([b]);
    expect([...notDone]).toEqual([a]);
  });

  it('wait(FIRST_EXCEPTION) returns at the first failure, wait() at the end', async () => {
    const a = new Future<number>();
    const b = new Future<number>();
    const first = wait([a, b], { returnWhen: 'FIRST_EXCEPTION' });
    setResult(a, 1);
    setException(b, new Error('x'));
    expect((await first).done.size).toBe(2);
    expect((await wait([a, b])).notDone.size).toBe(0);
  });

  it('wait() with a timeout returns what is done, without failing', async () => {
    const a = new Future<number>();
    const b = new Future<number>();
    setResult(a, 1);
    const { done, notDone } = await wait([a, b], { timeout: 10 });
    expect([...done]).toEqual([a]);
    expect([...notDone]).toEqual([b]);
  });

  it('asCompleted yields the futures themselves in completion order', async () => {
    const a = new Future<number>();
    const b = new Future<number>();
    const c = new Future<number>();
    setResult(c, 3);
    const order: Future<number>[] = [];
    const it = asCompleted([a, b, c]);
    const consumer = (async () => {
      for await (const f of it) {
        order.push(f);
        if (order.length === 1) setResult(b, 2);
        if (order.length === 2) setException(a, new Error('late'));
      }
    })();
    await consumer;
    expect(order).toEqual([c, b, a]);
  });

  it('asCompleted throws TimeoutError when futures stay pending past the timeout', async () => {
    const a = new Future<number>();
    const run = async () => {
      for await (const _ of asCompleted([a], { timeout: 10 })) void _;
    };
    await expect(run()).rejects.toBeInstanceOf(TimeoutError);
  });

  it("asCompleted's timeout runs on the monotonic clock: the wall clock jumping a day ahead does not end it", async () => {
    vi.useFakeTimers({ toFake: ['Date'] }); // only Date moves; timers and process.hrtime stay real
    try {
      const a = new Future<number>();
      const b = new Future<number>();
      const it = asCompleted([a, b], { timeout: 60_000 });
      setResult(a, 1);
      expect((await it.next()).value).toBe(a);
      vi.setSystemTime(Date.now() + 24 * 3600 * 1000);
      const second = it.next();
      setResult(b, 2); // before the real timeout: b must still be yielded, not a TimeoutError
      expect((await second).value).toBe(b);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('Future as a promise', () => {
  it('supports catch() and finally() like a promise', async () => {
    const f = new Future<number>();
    const seen: string[] = [];
    const caught = f.catch((e: unknown) => (e as Error).message).finally(() => seen.push('finally'));
    setException(f, new Error('boom'));
    expect(await caught).toBe('boom');
    expect(seen).toEqual(['finally']);
  });
});
