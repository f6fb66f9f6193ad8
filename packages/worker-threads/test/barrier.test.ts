import { describe, expect, test } from 'vitest';
import { isWeftError } from '@weft/spi';
import { SabBarrier } from '../src/sab/barrier.js';
import { kBarrierActionByField, kBarrierActionGenField } from '../src/sab/layout.js';
import { FixtureWorker, backend, spawnMany } from './helpers/fixture-worker.js';

function counter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

describe('Barrier across worker threads', () => {
  test('four parties get the distinct indices 0..3; the action runs once, before anyone is released', async () => {
    const barrier = backend.createBarrier(4);
    const actions = counter();
    const workers = spawnMany('barrier-party', 3, () => ({ barrier: barrier.describe(), actions: actions.buffer, withAction: true }));
    await Promise.all(workers.map((w) => w.next('arrived')));
    expect(barrier.nWaiting()).toBe(3);
    const mine = await barrier.wait({}, () => Atomics.add(actions, 0, 1));
    const reports = await Promise.all(workers.map((w) => w.next('passed')));
    const indices = [mine, ...reports.map((r) => r.index as number)].sort();
    expect(indices).toEqual([0, 1, 2, 3]);
    expect(Atomics.load(actions, 0)).toBe(1);
    expect(reports.map((r) => r.actionsSeen)).toEqual([1, 1, 1]);
    expect(barrier.broken()).toBe(false);
    expect(barrier.nWaiting()).toBe(0);
    await Promise.all(workers.map((w) => w.exited));
  });

  test('the barrier is reusable: a second round gives indices again', async () => {
    const barrier = backend.createBarrier(2);
    const actions = counter();
    for (let round = 0; round < 3; round++) {
      const [w] = spawnMany('barrier-party', 1, () => ({ barrier: barrier.describe(), actions: actions.buffer }));
      const mine = await barrier.wait({});
      const theirs = (await w?.next('passed'))?.index as number;
      expect([mine, theirs].sort()).toEqual([0, 1]);
      await w?.exited;
    }
  });

  test('a party that times out breaks the barrier for everyone waiting and for later arrivals', async () => {
    const barrier = backend.createBarrier(3);
    const actions = counter();
    const waiter = new FixtureWorker('barrier-party', { barrier: barrier.describe(), actions: actions.buffer });
    await waiter.next('arrived');
    await expect(barrier.wait({ timeout: 30 })).rejects.toSatisfy((err: unknown) => isWeftError(err, 'ERR_WEFT_BROKEN_BARRIER'));
    expect(await waiter.next('passed')).toMatchObject({ error: { name: 'BrokenBarrierError' } });
    expect(barrier.broken()).toBe(true);
    expect(barrier.nWaiting()).toBe(0);
    await expect(barrier.wait({})).rejects.toThrow(/broken/);
    await waiter.exited;
  });

  test('an action that throws breaks the barrier; every party gets BrokenBarrierError', async () => {
    const barrier = backend.createBarrier(2);
    const actions = counter();
    const other = new FixtureWorker('barrier-party', { barrier: barrier.describe(), actions: actions.buffer });
    await other.next('arrived');
    const boom = new Error('action failed');
    const failure = await barrier.wait({}, () => {
      throw boom;
    }).catch((err: unknown) => err);
    expect(isWeftError(failure, 'ERR_WEFT_BROKEN_BARRIER')).toBe(true);
    expect((failure as Error).cause).toBe(boom);
    expect(await other.next('passed')).toMatchObject({ error: { name: 'BrokenBarrierError' } });
    expect(barrier.broken()).toBe(true);
    await other.exited;
  });

  test('abort() breaks current waiters and reset() makes the barrier usable again', async () => {
    const barrier = backend.createBarrier(2);
    const actions = counter();
    const first = new FixtureWorker('barrier-party', { barrier: barrier.describe(), actions: actions.buffer });
    await first.next('arrived');
    barrier.abort();
    expect(await first.next('passed')).toMatchObject({ error: { code: 'ERR_WEFT_BROKEN_BARRIER' } });
    barrier.reset();
    expect(barrier.broken()).toBe(false);
    expect(barrier.nWaiting()).toBe(0);
    const second = new FixtureWorker('barrier-party', { barrier: barrier.describe(), actions: actions.buffer });
    const mine = await barrier.wait({});
    expect([mine, (await second.next('passed')).index].sort()).toEqual([0, 1]);
    await Promise.all([first.exited, second.exited]);
  });

  test('reset() while a party waits rejects it with BrokenBarrierError and leaves the barrier usable', async () => {
    const barrier = backend.createBarrier(2);
    const actions = counter();
    const waiter = new FixtureWorker('barrier-party', { barrier: barrier.describe(), actions: actions.buffer });
    await waiter.next('arrived');
    barrier.reset();
    expect(await waiter.next('passed')).toMatchObject({ error: { name: 'BrokenBarrierError' } });
    expect(barrier.broken()).toBe(false);
    const again = barrier.wait({});
    const second = new FixtureWorker('barrier-party', { barrier: barrier.describe(), actions: actions.buffer });
    expect([await again, (await second.next('passed')).index].sort()).toEqual([0, 1]);
    await Promise.all([waiter.exited, second.exited]);
  });

  test.each(['terminate', 'exit', 'crash'] as const)('a worker that dies (%s) while it runs the action breaks the barrier for the parties waiting, saying so', async (how) => {
    const barrier = backend.createBarrier(2);
    const actions = counter();
    const here = barrier.wait({ timeout: 10_000 });
    const runner = new FixtureWorker('barrier-party', { barrier: barrier.describe(), actions: actions.buffer, actionHangs: true });
    await runner.next('running action');
    if (how === 'terminate') await runner.handle.terminate();
    else runner.send({ type: how === 'exit' ? 'exit' : 'throw', code: 3 });
    await runner.exited;
    await expect(here).rejects.toThrow(/the worker running the barrier action exited, so the barrier is broken/);
    expect(barrier.broken()).toBe(true);
    expect(barrier.nWaiting()).toBe(0);
    // reset() makes it usable again: the dead runner's generation is over
    barrier.reset();
    const again = barrier.wait({});
    const second = new FixtureWorker('barrier-party', { barrier: barrier.describe(), actions: actions.buffer });
    expect([await again, (await second.next('passed')).index].sort()).toEqual([0, 1]);
    await second.exited;
  });

  test("a dead runner's record left from an ended generation does not break the next one, whose runner has not yet recorded itself", async () => {
    // The instant in question (a runner killed between ending its generation and clearing its
    // record, the next runner between its arrival and recording itself) is a few statements
    // wide, so it is set up in the shared words: this thread runs the action of generation 0
    // and the record is made to say that thread 424242 ran generation -1's.
    const barrier = backend.createBarrier(1) as SabBarrier;
    const words = new Int32Array(barrier.describe().buffer);
    let actionStarted!: () => void;
    let finishAction!: () => void;
    const started = new Promise<void>((resolve) => (actionStarted = resolve));
    const trip = barrier.wait({}, () => {
      actionStarted();
      return new Promise<void>((resolve) => (finishAction = resolve));
    });
    await started;
    expect(Atomics.load(words, kBarrierActionGenField)).toBe(0);
    Atomics.store(words, kBarrierActionByField, 424242);
    Atomics.store(words, kBarrierActionGenField, -1);
    barrier.releaseHeldBy(424242);
    expect(barrier.broken()).toBe(false);
    expect(Atomics.load(words, kBarrierActionByField)).toBe(0); // the stale record is cleared
    finishAction();
    expect(await trip).toBe(0); // the runner's generation tripped normally
    expect(barrier.broken()).toBe(false);
  });

  test('parties outside 1..65535 are refused with RangeError', () => {
    expect(() => backend.createBarrier(0)).toThrow(RangeError);
    expect(() => backend.createBarrier(65536)).toThrow(/from 1 to 65535/);
  });
});
