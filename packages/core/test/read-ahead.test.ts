// Pool: a worker that has just started a slow task gets the next one queued behind it while the
// queue is deep, and a worker that runs out of work takes back a task queued at another worker
// that has not started. Driven through a fake backend, so which task goes where, and when, is exact.
import { describe, expect, test } from 'vitest';
import { type FakeHandle, dispatched, enqueue, fakePool, sink } from './fake-pool.ts';
import type { Pool } from '../src/pool/pool.ts';

/** ms per task that the fake workers report: a slow function */
const SLOW_MS = 5;

/** Two fake workers, both started, that have each run one task of the slow function 'f'. */
async function twoWarmWorkers(): Promise<{ pool: Pool; w0: FakeHandle; w1: FakeHandle }> {
  const handles: FakeHandle[] = [];
  const pool = fakePool(handles, 2);
  enqueue(pool, sink());
  enqueue(pool, sink());
  await dispatched();
  const [w0, w1] = handles as [FakeHandle, FakeHandle];
  for (const w of handles) {
    w.ms = SLOW_MS;
    w.answer();
  }
  return { pool, w0, w1 };
}

describe('read-ahead of slow tasks', () => {
  test('nothing goes ahead of a function that has never run', async () => {
    const handles: FakeHandle[] = [];
    const pool = fakePool(handles, 2);
    const items = Array.from({ length: 6 }, () => enqueue(pool, sink()));
    await dispatched();
    expect(handles.map((w) => w.runs)).toEqual([[items[0]!.id], [items[1]!.id]]);
  });

  test('each worker gets one more queued behind its running task while a task is queued for every other worker', async () => {
    const { pool, w0, w1 } = await twoWarmWorkers();
    const sinks = Array.from({ length: 6 }, () => sink());
    const [t1, t2, t3, t4, t5, t6] = sinks.map((s) => enqueue(pool, s).id) as [number, number, number, number, number, number];
    await dispatched();
    expect([w0.runs, w1.runs]).toEqual([
      [t1, t3],
      [t2, t4],
    ]);
    w0.answer(1); // t3 starts there: t5 goes behind it (two queued, two workers)
    expect(w0.runs).toEqual([t3, t5]);
    w1.answer(1); // t4 starts there; t6 is the last queued, kept for whichever worker is free first
    expect(w1.runs).toEqual([t4]);
    w0.answer(1);
    expect(w0.runs).toEqual([t5]);
    w1.answer(1);
    expect(w1.runs).toEqual([t6]);
    w0.answer();
    w1.answer();
    expect(sinks.map((s) => s.value)).toEqual([t1, t2, t3, t4, t5, t6].map((id) => id * 10));
    expect(w0.recalls).toEqual([]);
    expect(w1.recalls).toEqual([]);
  });

  test('a worker that runs out of work takes back a task queued behind another that has not started', async () => {
    const { pool, w0, w1 } = await twoWarmWorkers();
    const sinks = Array.from({ length: 5 }, () => sink());
    const [t1, t2, t3, t4, t5] = sinks.map((s) => enqueue(pool, s).id) as [number, number, number, number, number];
    await dispatched();
    expect([w0.runs, w1.runs]).toEqual([
      [t1, t3],
      [t2, t4],
    ]);
    w1.answer(1);
    w1.answer(1);
    expect(w1.runs).toEqual([t5]);
    expect(w0.recalls).toEqual([]);
    w1.answer(1); // idle, nothing queued, while t3 waits behind t1 (which may wait for t3)
    expect(w0.recalls).toEqual([t3]);
    w0.giveBack(t3);
    expect(w1.runs).toEqual([t3]);
    w1.answer();
    w0.answer();
    expect(sinks.map((s) => s.value)).toEqual([t1, t2, t3, t4, t5].map((id) => id * 10));
    expect(pool.stats()).toMatchObject({ queued: 0, running: 0, completed: 2 + 5, cancelled: 0 });
    expect(w0.recalls).toEqual([t3]); // asked once
  });

  test('a recall that comes too late changes nothing: the task runs where it was', async () => {
    const { pool, w0, w1 } = await twoWarmWorkers();
    const sinks = Array.from({ length: 5 }, () => sink());
    const [t1, t2, t3, t4, t5] = sinks.map((s) => enqueue(pool, s).id) as [number, number, number, number, number];
    await dispatched();
    for (let i = 0; i < 3; i++) w1.answer(1);
    expect(w0.recalls).toEqual([t3]);
    w0.answer(); // it had started t3 already, so it does not answer the recall
    expect(sinks.map((s) => s.value)).toEqual([t1, t2, t3, t4, t5].map((id) => id * 10));
    expect(w1.runs).toEqual([]);
    expect(pool.stats()).toMatchObject({ queued: 0, running: 0, completed: 2 + 5 });
  });

  test('a task given back after its caller gave up on it is counted as cancelled and not sent again', async () => {
    const { pool, w0, w1 } = await twoWarmWorkers();
    const sinks = Array.from({ length: 5 }, () => sink());
    const items = sinks.map((s) => enqueue(pool, s));
    await dispatched();
    const t3 = items[2]!;
    for (let i = 0; i < 3; i++) w1.answer(1);
    expect(w0.recalls).toEqual([t3.id]);
    pool.abandon(t3);
    w0.giveBack(t3.id);
    expect(w1.runs).toEqual([]);
    w0.answer();
    expect(pool.stats()).toMatchObject({ queued: 0, running: 0, completed: 2 + 4, cancelled: 1 });
  });

  test('a batch of fast tasks queued behind one that awaits gives its first unstarted task to a worker that runs out of work', async () => {
    const handles: FakeHandle[] = [];
    const pool = fakePool(handles, 2);
    enqueue(pool, sink());
    enqueue(pool, sink());
    await dispatched();
    for (const w of handles) w.answer(); // 'f' is now known as fast
    const [w0, w1] = handles as [FakeHandle, FakeHandle];
    const blocker = enqueue(pool, sink(), 0, 'g'); // never run, so treated as slow: alone on w0
    await dispatched();
    const [waiter, provider] = [sink(), sink()].map((s) => enqueue(pool, s));
    await dispatched();
    expect([w0.runs, w1.runs]).toEqual([[blocker.id], [waiter!.id, provider!.id]]); // one batch
    w0.answer(); // w0 is free, nothing is queued, and the provider waits behind the waiter
    expect(w1.recalls).toEqual([provider!.id]);
    w1.giveBack(provider!.id);
    expect(w0.runs).toEqual([provider!.id]);
    w0.answer();
    w1.answer();
    expect(pool.stats()).toMatchObject({ queued: 0, running: 0, completed: 2 + 3 });
  });
});
