// The worker's half of "a kill after an ignored abort can only hit the aborted task": once a
// task the parent aborted has ended, the runtime starts nothing new until the parent, holding
// that result, says 'resume'. Driven through a fake transport, so the order is exact.
import { describe, expect, test } from 'vitest';
import { startRuntime } from '../src/worker-runtime/runtime.ts';
import { fakeSide, settle } from './fake-side.ts';

type Hooks = { releaseA?: () => void; bStarted?: boolean };
const hooks = globalThis as typeof globalThis & { __weftPauseTest?: Hooks };

describe('worker runtime: after an aborted task ends, the next waits for resume', () => {
  test('the next queued task starts only once the parent has resumed the worker', async () => {
    const h: Hooks = (hooks.__weftPauseTest = {});
    const { side, send, results } = fakeSide();
    startRuntime(side);
    send({ type: 'init', initializer: null, initargs: [], concurrency: 1 });
    send({
      type: 'run',
      fns: [
        [1, { kind: 'source', name: 'a', source: 'async () => { await new Promise((r) => (globalThis.__weftPauseTest.releaseA = r)); return "a"; }' }],
        [2, { kind: 'source', name: 'b', source: '() => { globalThis.__weftPauseTest.bStarted = true; return "b"; }' }],
      ],
      tasks: [
        { id: 10, fn: 1, args: [] },
        { id: 11, fn: 2, args: [] },
      ],
    });
    await settle();
    expect(h.releaseA).toBeTypeOf('function'); // a is running, b queued behind it
    send({ type: 'abort', id: 10 }); // a ignores its signal…
    h.releaseA!(); // …and ends anyway, just as the grace period may run out
    await settle();
    expect(results().map((r) => r.id)).toEqual([10]); // a's result went out at once
    expect(h.bStarted).toBeUndefined(); // b waits: a kill now could only be meant for a
    send({ type: 'resume' });
    await settle();
    expect(h.bStarted).toBe(true);
    expect(results().map((r) => [r.id, r.ok && r.value])).toEqual([
      [10, 'a'],
      [11, 'b'],
    ]);
  });

  test('a task aborted before it started does not pause the worker', async () => {
    const h: Hooks = (hooks.__weftPauseTest = {});
    const { side, send, results } = fakeSide();
    startRuntime(side);
    send({ type: 'init', initializer: null, initargs: [], concurrency: 1 });
    send({ type: 'abort', id: 20 }); // before it arrives: it must not run
    send({
      type: 'run',
      fns: [[2, { kind: 'source', name: 'b', source: '() => { globalThis.__weftPauseTest.bStarted = true; return "b"; }' }]],
      tasks: [
        { id: 20, fn: 2, args: [] },
        { id: 21, fn: 2, args: [] },
      ],
    });
    await settle();
    expect(results().map((r) => [r.id, r.ok])).toEqual([
      [20, false],
      [21, true],
    ]);
    expect(h.bStarted).toBe(true);
  });
});
