import { describe, expect, test } from 'vitest';
import { backend, spawnMany } from './helpers/fixture-worker.js';

describe('Event across worker threads', () => {
  test('set() releases every waiting worker with true', async () => {
    const event = backend.createEvent();
    const workers = spawnMany('event-waiter', 4, () => ({ event: event.describe() }));
    await Promise.all(workers.map((w) => w.next('waiting')));
    expect(event.isSet()).toBe(false);
    event.set();
    const reports = await Promise.all(workers.map((w) => w.next('done')));
    expect(reports.map((r) => r.result)).toEqual([true, true, true, true]);
    await Promise.all(workers.map((w) => w.exited));
  });

  test('a set() immediately followed by clear() still releases the waiters present at that moment', async () => {
    const event = backend.createEvent();
    const waiting = event.wait({});
    event.set();
    event.clear();
    expect(await waiting).toBe(true);
    expect(event.isSet()).toBe(false);
  });

  test('wait() on a set event resolves true at once; clear() makes later waits time out with false', async () => {
    const event = backend.createEvent();
    event.set();
    expect(await event.wait({})).toBe(true);
    expect(await event.wait({ timeout: 0 })).toBe(true);
    event.clear();
    expect(await event.wait({ timeout: 0 })).toBe(false);
    expect(await event.wait({ timeout: 20 })).toBe(false);
  });

  test('a worker sets the event the main thread waits on', async () => {
    const event = backend.createEvent();
    const waiting = event.wait({});
    const [setter] = spawnMany('set-event', 1, () => ({ event: event.describe() }));
    expect(await waiting).toBe(true);
    expect(event.isSet()).toBe(true);
    await setter?.exited;
  });
});
