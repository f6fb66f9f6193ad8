// Pool: a run message says when its tasks are slow (1 ms or more last time, or never run), so
// the transport sends it plain instead of compacting it (@weft/spi's compact-protocol.ts).
import { describe, expect, test } from 'vitest';
import { dispatched, enqueue, sink, warmPool } from './fake-pool.ts';

describe('the slow mark on run messages', () => {
  test('a run is marked slow when every task in it took 1 ms or more last time, or never ran; one fast task unmarks it', async () => {
    const { pool, worker } = await warmPool(); // 'f' has run once, in 0.001 ms
    expect(worker.slowMarks).toEqual([true]); // that first run: 'f' had never run
    enqueue(pool, sink());
    enqueue(pool, sink());
    await dispatched();
    expect(worker.slowMarks.slice(1)).toEqual([false]); // both in one batch, fast
    worker.answer();

    worker.ms = 5;
    enqueue(pool, sink(), 0, 'g'); // never ran
    await dispatched();
    worker.answer(); // 'g' took 5 ms
    enqueue(pool, sink(), 0, 'g');
    await dispatched();
    worker.answer();
    expect(worker.slowMarks.slice(2)).toEqual([true, true]);

    const mixed = [enqueue(pool, sink()), enqueue(pool, sink(), 0, 'g')];
    await dispatched();
    expect(worker.runs).toEqual(mixed.map((item) => item.id)); // one batch of both
    expect(worker.slowMarks.slice(4)).toEqual([false]);
  });
});
