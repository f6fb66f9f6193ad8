// Pool.awaitBriefly: a caller about to await the only task in flight lets the transport take its
// answer at once (threads: polling the worker's outbox doorbell). Driven through a fake backend,
// so which calls happen, and in what order, is exact.
import { describe, expect, test } from 'vitest';
import { dispatched, enqueue, fakePool as pool, sink, type FakeHandle } from './fake-pool.ts';

/** One task submitted to a one-worker pool, dispatched, then awaited (awaitBriefly) on `cores` cores. */
async function awaitOne(cores: number) {
  const handles: FakeHandle[] = [];
  const p = pool(handles, 1, cores);
  const s = sink();
  const item = enqueue(p, s);
  await dispatched();
  p.awaitBriefly(item);
  return { handle: handles[0]!, s, item };
}

describe('awaiting the only task in flight', () => {
  test('the answer is taken at once and reaches the task before awaitBriefly returns', async () => {
    const { handle, s, item } = await awaitOne(2);
    expect(handle.awaitCalls).toBe(1);
    expect(s.value).toBe(item.id * 10);
  });

  test('with another task in flight, or one still queued, nobody polls', async () => {
    const handles: FakeHandle[] = [];
    const p = pool(handles, 2, 2);
    const a = sink();
    const b = sink();
    const first = enqueue(p, a);
    enqueue(p, b);
    await dispatched();
    p.awaitBriefly(first);
    expect(handles.map((h) => h.awaitCalls)).toEqual([0, 0]);
    for (const h of handles) h.answer();
    expect([a.value, b.value]).toEqual([first.id * 10, (first.id + 1) * 10]);

    const queued = enqueue(p, sink());
    p.awaitBriefly(queued); // not dispatched yet: nothing to poll for
    expect(handles.map((h) => h.awaitCalls)).toEqual([0, 0]);
  });

  test('on one core it never polls; the answer comes the usual way', async () => {
    const { handle, s, item } = await awaitOne(1);
    expect(handle.awaitCalls).toBe(0);
    expect(s.value).toBeUndefined();
    handle.answer();
    expect(s.value).toBe(item.id * 10);
  });
});
