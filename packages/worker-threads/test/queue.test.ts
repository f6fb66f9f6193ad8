import { describe, expect, test } from 'vitest';
import { isWeftError } from '@weft/spi';
import { FixtureWorker, backend } from './helpers/fixture-worker.js';

const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

describe('Queue across worker threads', () => {
  test('items from one producer arrive in order, as values v8 can clone', async () => {
    const queue = backend.createQueue(0);
    const producer = new FixtureWorker('queue-producer', { queue: queue.describe(), count: 500 });
    await producer.next('put');
    expect(queue.qsize()).toBe(500);
    const got: unknown[] = [];
    for (let i = 0; i < 500; i++) got.push(await queue.get({}));
    expect(got).toEqual(range(0, 500));
    producer.send({ type: 'finish' });
    await producer.exited;
    const rich = { when: new Date(0), tags: new Set(['a']), map: new Map([[1, 2n]]), bytes: new Uint8Array([1, 2, 3]), err: new RangeError('r') };
    await queue.put(rich, {});
    const back = (await queue.get({})) as typeof rich;
    expect(back.when).toEqual(rich.when);
    expect(back.tags).toEqual(rich.tags);
    expect(back.map).toEqual(rich.map);
    expect(Array.from(back.bytes)).toEqual([1, 2, 3]);
    expect(back.err).toBeInstanceOf(RangeError);
  });

  test('every item comes back exactly as structured clone would give it, whichever encoding it took', async () => {
    const queue = backend.createQueue(0);
    const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const decorated = Object.assign([1, 2], { extra: 'kept' });
    const items: unknown[] = [
      0, -0, NaN, Infinity, -1.5, 2 ** 53, '', 'héllo wörld — ✓ 𝄞', 'x'.repeat(100_000), true, false, null, undefined,
      { a: 1, b: [1, 'two', { c: null }], d: { e: true } },
      { gone: undefined, keep: 1 }, { negZero: -0 }, sparse, decorated, Object.create(null) as object,
      Array.from({ length: 2000 }, (_, i) => i), 10n, new Date(5), [new Map([['k', new Set([1])]])],
    ];
    for (const item of items) await queue.put(item, {});
    const back: unknown[] = [];
    for (let i = 0; i < items.length; i++) back.push(await queue.get({}));
    expect(back).toEqual(items.map((item) => structuredClone(item)));
    expect(Object.is(back[1], -0)).toBe(true);
    expect(Object.is((back[15] as { negZero: number }).negZero, -0)).toBe(true);
    expect('gone' in (back[14] as object)).toBe(true);
    expect(1 in (back[16] as unknown[])).toBe(false);
    expect((back[17] as unknown as { extra: string }).extra).toBe('kept');
  });

  test('two producers and a consumer worker: every item arrives once, each producer in order', async () => {
    const queue = backend.createQueue(8);
    const consumer = new FixtureWorker('queue-consumer', { queue: queue.describe() });
    await consumer.next('started');
    const producers = [0, 10_000].map((from) => new FixtureWorker('queue-producer', { queue: queue.describe(), from, count: 400 }));
    await Promise.all(producers.map((p) => p.next('put')));
    queue.close();
    const { items, end } = await consumer.next('drained');
    expect(end).toMatchObject({ code: 'ERR_WEFT_QUEUE_CLOSED' });
    const list = items as number[];
    expect(list.filter((i) => i < 10_000)).toEqual(range(0, 400));
    expect(list.filter((i) => i >= 10_000)).toEqual(range(10_000, 400));
    for (const p of producers) p.send({ type: 'finish' });
    await Promise.all([...producers.map((p) => p.exited), consumer.exited]);
  });

  test('a bounded queue refuses putNowait when full, and put() waits until a get() makes room', async () => {
    const queue = backend.createQueue(2);
    queue.putNowait('a');
    await queue.put('b', {});
    expect(() => queue.putNowait('c')).toThrow(/full \(maxsize 2\)/);
    await expect(queue.put('c', { timeout: 20 })).rejects.toSatisfy((err: unknown) => isWeftError(err, 'ERR_WEFT_QUEUE_FULL'));
    const producer = new FixtureWorker('queue-producer', { queue: queue.describe(), from: 100, count: 3 });
    expect(await queue.get({})).toBe('a');
    expect(await queue.get({})).toBe('b');
    expect(await queue.get({})).toBe(100);
    expect(await queue.get({})).toBe(101);
    expect(await queue.get({})).toBe(102);
    await producer.next('put');
    expect(queue.qsize()).toBe(0);
    producer.send({ type: 'finish' });
    await producer.exited;
  });

  test('getNowait on an empty queue throws QueueEmpty and get() times out with QueueEmpty', async () => {
    const queue = backend.createQueue(0);
    expect(() => queue.getNowait()).toThrow(/empty/);
    await expect(queue.get({ timeout: 20 })).rejects.toSatisfy((err: unknown) => isWeftError(err, 'ERR_WEFT_QUEUE_EMPTY'));
  });

  test('close(): puts fail with QueueClosed, gets drain what is left then fail, a waiting getter wakes', async () => {
    const queue = backend.createQueue(0);
    const consumer = new FixtureWorker('queue-consumer', { queue: queue.describe() });
    await consumer.next('started');
    // Handle the outcome now: close() may reject this get while the test awaits other things.
    const waitingGet = queue.get({}).then(
      (v) => [v],
      (err: unknown) => (isWeftError(err, 'ERR_WEFT_QUEUE_CLOSED') ? [] : Promise.reject(err)),
    );
    await queue.put(1, {});
    // Either the worker or main took item 1; the other is still waiting until close().
    queue.close();
    expect(queue.closed()).toBe(true);
    await expect(queue.put(2, {})).rejects.toSatisfy((err: unknown) => isWeftError(err, 'ERR_WEFT_QUEUE_CLOSED'));
    expect(() => queue.putNowait(2)).toThrow(/closed/);
    const mainGot = await waitingGet;
    const { items, end } = await consumer.next('drained');
    expect([...mainGot, ...(items as unknown[])]).toEqual([1]);
    expect(end).toMatchObject({ name: 'QueueClosed' });
    await consumer.exited;
  });

  test('a closed queue still hands out the items put before close()', async () => {
    const queue = backend.createQueue(0);
    await queue.put('x', {});
    queue.putNowait('y');
    queue.close();
    expect(await queue.get({})).toBe('x');
    expect(queue.getNowait()).toBe('y');
    await expect(queue.get({})).rejects.toThrow(/closed and every item has been taken/);
    expect(() => queue.getNowait()).toThrow(/closed/);
  });

  test('items put by a worker that then exits are all still there, in order', async () => {
    const queue = backend.createQueue(0);
    const producer = new FixtureWorker('queue-producer', { queue: queue.describe(), count: 300 });
    await producer.next('put');
    producer.send({ type: 'exit', code: 3 });
    expect((await producer.exited).code).toBe(3);
    const got: unknown[] = [];
    while (queue.qsize() > 0) got.push(queue.getNowait());
    expect(got).toEqual(range(0, 300));
  });

  test('producers terminated mid-put leave a consistent queue: an unbroken prefix, and it keeps working', async () => {
    // A large item keeps the producer inside the queue's critical section longer, so some of
    // these rounds kill it there and exercise the parent's recovery of the internal mutex.
    for (let round = 0; round < 12; round++) {
      const queue = backend.createQueue(0);
      const payloadBytes = round % 2 === 0 ? 100_000 : 50;
      const producer = new FixtureWorker('queue-producer', { queue: queue.describe(), endless: true, nowait: true, payloadBytes });
      await producer.next('started');
      await producer.handle.terminate();
      const got: number[] = [];
      while (queue.qsize() > 0) got.push((queue.getNowait() as { i: number }).i);
      expect(got.length).toBeGreaterThan(0);
      expect(got).toEqual(range(0, got.length));
      await queue.put('after', {});
      expect(queue.getNowait()).toBe('after');
    }
  });

  test('the ring grows and wraps without reordering or corrupting items', async () => {
    const queue = backend.createQueue(0);
    const sizes = [10, 5000, 3, 70_000, 1, 20_000];
    let next = 0;
    const expected: string[] = [];
    for (let round = 0; round < 30; round++) {
      for (const size of sizes) {
        const item = `${next++}:${'z'.repeat(size)}`;
        expected.push(item);
        await queue.put(item, {});
      }
      // Take some, so the ring's head moves and later puts wrap around its end.
      for (let i = 0; i < 4; i++) expect(await queue.get({})).toBe(expected.shift());
    }
    while (expected.length > 0) expect(queue.getNowait()).toBe(expected.shift());
    expect(queue.qsize()).toBe(0);
  });

  test('taskDone()/join(): join resolves once every item put has been marked done', async () => {
    const queue = backend.createQueue(0);
    for (let i = 0; i < 20; i++) await queue.put(i, {});
    expect(await queue.join({ timeout: 0 })).toBe(false);
    const consumer = new FixtureWorker('queue-consumer', { queue: queue.describe(), taskDone: true });
    expect(await queue.join({})).toBe(true);
    queue.close();
    expect((await consumer.next('drained')).items).toEqual(range(0, 20));
    expect(() => queue.taskDone()).toThrow(RangeError);
    await consumer.exited;
  });

  test('an item that cannot be cloned is refused with SerializationError and nothing is queued', async () => {
    const queue = backend.createQueue(0);
    await expect(queue.put({ f: () => 1 }, {})).rejects.toSatisfy((err: unknown) => isWeftError(err, 'ERR_WEFT_SERIALIZATION'));
    expect(() => queue.putNowait(new SharedArrayBuffer(1))).toThrow(/SharedArrayBuffers/);
    expect(queue.qsize()).toBe(0);
  });
});
