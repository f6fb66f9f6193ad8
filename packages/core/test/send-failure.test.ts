// Pool: when the backend cannot send a batch (postMessage throws for a value it cannot clone),
// only the task that cannot go fails; the rest of the batch is sent and settles, and no future
// is left waiting. Driven through a fake backend.
import { SerializationError } from '@weft/spi';
import { describe, expect, test } from 'vitest';
import { dispatched, enqueue, sink, warmPool } from './fake-pool.ts';

describe('a batch the backend cannot send', () => {
  test('fails only the task that cannot go; the others of its batch run and settle', async () => {
    const { pool, worker } = await warmPool(); // the pool now knows 'f' is fast and batches it
    const sinks = [sink(), sink(), sink()];
    const items = sinks.map((s) => enqueue(pool, s));
    worker.refuse = (id) => id === items[1]!.id;
    await dispatched();
    expect(worker.runs).toEqual([items[0]!.id, items[2]!.id]);
    expect(sinks[1]!.value).toBeInstanceOf(SerializationError);
    expect((sinks[1]!.value as Error).message).toMatch(/could not be sent to worker fake-pool_0: DataCloneError.*The pool goes on/);
    worker.answer();
    expect(sinks[0]!.value).toBe(items[0]!.id * 10);
    expect(sinks[2]!.value).toBe(items[2]!.id * 10);
    expect(pool.stats()).toMatchObject({ running: 0, queued: 0, failed: 1 });
  });

  test('a function introduced by a message that failed is introduced again by the next one', async () => {
    const { pool, worker } = await warmPool();
    const g = { kind: 'source', source: '(x) => x * 2', name: 'g' } as const;
    const refusedSink = sink();
    const refused = pool.enqueue('g', g, [1], { chunk: false, handles: false, bytes: 0 }, refusedSink);
    worker.refuse = (id) => id === refused.id;
    await dispatched();
    expect(refusedSink.value).toBeInstanceOf(SerializationError);
    const next = sink();
    const item = pool.enqueue('g', g, [2], { chunk: false, handles: false, bytes: 0 }, next);
    await dispatched();
    expect(worker.fnsSent).toEqual([[1], [2]]); // 'f' with the first task, 'g' only with the one that went
    worker.answer();
    expect(next.value).toBe(item.id * 10);
  });
});
