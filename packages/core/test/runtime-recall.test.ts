// The worker's half of read-ahead: a task queued behind a running one is given back on 'recall'
// if it has not started, and never runs here; a recall of a task that has started, or is
// unknown, gets no answer. Driven through a fake transport, so the order is exact.
import { describe, expect, test } from 'vitest';
import type { ToWorker } from '@weft/spi';
import { startRuntime } from '../src/worker-runtime/runtime.ts';
import { fakeSide, settle } from './fake-side.ts';

type Hooks = { releaseA?: () => void; ran: string[] };
const hooks = globalThis as typeof globalThis & { __weftRecallTest?: Hooks };

/** a run message: 'a' (id 10) awaits hooks.releaseA, 'b' (ids 11, 12) returns at once; both log to hooks.ran */
const run: ToWorker = {
  type: 'run',
  fns: [
    [1, { kind: 'source', name: 'a', source: 'async () => { globalThis.__weftRecallTest.ran.push("a"); await new Promise((r) => (globalThis.__weftRecallTest.releaseA = r)); return "a"; }' }],
    [2, { kind: 'source', name: 'b', source: '(x) => { globalThis.__weftRecallTest.ran.push(x); return x; }' }],
  ],
  tasks: [
    { id: 10, fn: 1, args: [] },
    { id: 11, fn: 2, args: ['b11'] },
    { id: 12, fn: 2, args: ['b12'] },
  ],
};

/** A runtime that has started 'a' (awaiting) with 11 and 12 queued behind it. */
async function runningA() {
  const h: Hooks = (hooks.__weftRecallTest = { ran: [] });
  const { side, send, posted, results } = fakeSide();
  startRuntime(side);
  send({ type: 'init', initializer: null, initargs: [], concurrency: 1 });
  send(run);
  await settle();
  return { h, send, posted, results };
}

describe('worker runtime: recall', () => {
  test('a task that has not started is dropped and answered with recalled; the others run as usual', async () => {
    const { h, send, posted, results } = await runningA();
    expect(h.ran).toEqual(['a']); // a awaits; 11 and 12 wait behind it
    send({ type: 'recall', id: 11 });
    expect(posted.filter((m) => m.type === 'recalled')).toEqual([{ type: 'recalled', id: 11 }]);
    h.releaseA!();
    await settle();
    expect(h.ran).toEqual(['a', 'b12']);
    expect(results().map((r) => [r.id, r.ok && r.value])).toEqual([
      [10, 'a'],
      [12, 'b12'],
    ]);
  });

  test('a recall of a task that has started, ended or never came is not answered', async () => {
    const { h, send, posted, results } = await runningA();
    send({ type: 'recall', id: 10 }); // running
    send({ type: 'recall', id: 99 }); // unknown
    h.releaseA!();
    await settle();
    send({ type: 'recall', id: 11 }); // ended
    expect(posted.some((m) => m.type === 'recalled')).toBe(false);
    expect(results().map((r) => r.id)).toEqual([10, 11, 12]);
  });

  test('a task aborted and then recalled before it started is neither run nor reported', async () => {
    const { h, send, posted, results } = await runningA();
    send({ type: 'abort', id: 12 });
    send({ type: 'recall', id: 12 });
    h.releaseA!();
    await settle();
    expect(h.ran).toEqual(['a', 'b11']);
    expect(results().map((r) => r.id)).toEqual([10, 11]);
    expect(posted.filter((m) => m.type === 'recalled')).toEqual([{ type: 'recalled', id: 12 }]);
  });
});
