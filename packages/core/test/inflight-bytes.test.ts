// Pool: a worker is sent no more work while 4 MiB of copied arguments are in flight to it, so a
// burst of large arguments is not all serialized at once. Driven through a fake backend.
import { describe, expect, test } from 'vitest';
import { dispatched, enqueue, sink, warmPool } from './fake-pool.ts';

const MIB = 1024 * 1024;

describe('copied bytes in flight per worker', () => {
  test('a burst of 1 MiB tasks goes out 4 at a time, and every task still settles', async () => {
    const { pool, worker } = await warmPool();
    const sinks = Array.from({ length: 10 }, () => sink());
    const items = sinks.map((s) => enqueue(pool, s, MIB));
    await dispatched();
    const inFlight: number[] = [worker.runs.length];
    // each answer frees room for exactly one more
    while (worker.answer(1) > 0) inFlight.push(worker.runs.length);
    expect(inFlight).toEqual([4, 4, 4, 4, 4, 4, 4, 3, 2, 1, 0]);
    expect(sinks.map((s) => s.value)).toEqual(items.map((item) => item.id * 10));
  });

  test('a task larger than the cap still goes when nothing else is in flight', async () => {
    const { pool, worker } = await warmPool();
    const big = sink();
    const item = enqueue(pool, big, 16 * MIB);
    const after = enqueue(pool, sink(), MIB);
    await dispatched();
    expect(worker.runs).toEqual([item.id]);
    worker.answer(1);
    expect(big.value).toBe(item.id * 10);
    expect(worker.runs).toEqual([after.id]);
  });

  test('while the budget is full, tasks without bytes wait too, then go batched as usual', async () => {
    const { pool, worker } = await warmPool();
    enqueue(pool, sink(), 8 * MIB);
    const small = Array.from({ length: 100 }, () => enqueue(pool, sink()));
    await dispatched();
    // the large one alone fills the byte budget (another worker, had there been one, would take the rest)...
    expect(worker.runs.length).toBe(1);
    worker.answer(1);
    // ...and then go together, batched as usual
    expect(worker.runs).toEqual(small.map((item) => item.id));
  });

  test('a worker that runs async tasks side by side still gets `concurrency` of them, however large', async () => {
    const { pool, worker } = await warmPool(4);
    const sinks = Array.from({ length: 6 }, () => sink());
    for (const s of sinks) enqueue(pool, s, 2 * MIB);
    await dispatched();
    expect(worker.runs.length).toBe(4);
    worker.answer(1);
    expect(worker.runs.length).toBe(4);
    worker.answer();
    worker.answer();
    expect(sinks.every((s) => typeof s.value === 'number')).toBe(true);
  });
});
