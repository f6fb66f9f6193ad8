import { describe, expect, test } from 'vitest';
import { AbortError, Event, Semaphore } from '@weft/core';
import { clearEvent, setEvent, setEventFromNestedWorker, waitForEventInWorker } from '../fixtures/event-tasks.mjs';
import { pollIsSet, pollIsSetInNestedWorker, waitThenCheckEarlier } from '../fixtures/snapshot-tasks.mjs';
import type { ConformanceContext } from '../support/context.js';
import { rejectionOf } from '../support/error-of.js';
import { ABSENCE_WINDOW_MS, PROMPT_MS } from '../support/limits.js';
import { poolPerTest } from '../support/pools.js';
import { TIMER_SLACK_MS, timed } from '../support/timing.js';

export function eventSuite(_ctx: ConformanceContext): void {
  describe('Event', () => {
    const pools = poolPerTest();

    describe('in the creating thread', () => {
      test('starts clear; set() makes isSet() true and wait() resolve true at once; clear() resets it', async () => {
        const event = new Event();
        expect(event.isSet()).toBe(false);
        event.set();
        expect(event.isSet()).toBe(true);
        expect(await event.wait()).toBe(true);
        expect(await event.wait({ timeout: 0 })).toBe(true);
        event.clear();
        expect(event.isSet()).toBe(false);
      });

      test('set() wakes every waiter', async () => {
        const event = new Event();
        const waiters = [event.wait(), event.wait({ timeout: PROMPT_MS }), event.wait()];
        event.set();
        expect(await Promise.all(waiters)).toEqual([true, true, true]);
      });

      test('wait({ timeout }) resolves false once the timeout passes unset', async () => {
        const event = new Event();
        const { value, ms } = await timed(() => event.wait({ timeout: 40 }));
        expect(value).toBe(false);
        expect(ms).toBeGreaterThanOrEqual(40 - TIMER_SLACK_MS);
      });

      test('an aborted wait() rejects with AbortError whose cause is the reason', async () => {
        const event = new Event();
        const controller = new AbortController();
        const pending = event.wait({ signal: controller.signal });
        const reason = new Error('not waiting any more');
        controller.abort(reason);
        const err = await rejectionOf(pending);
        expect(err).toBeInstanceOf(AbortError);
        expect((err as Error).cause).toBe(reason);
      });
    });

    describe('shared with workers', () => {
      test('an Event set in a worker wakes a wait here', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const event = new Event();
        const woke = event.wait({ timeout: PROMPT_MS });
        expect(await pool.submit(setEvent, event)).toBe('set');
        expect(await woke).toBe(true);
        expect(event.isSet()).toBe(true);
      });

      test('set() here wakes every worker waiting on the Event', async () => {
        const pool = pools.open({ maxWorkers: 2 });
        const event = new Event();
        const waiting = [pool.submit(waitForEventInWorker, event, PROMPT_MS), pool.submit(waitForEventInWorker, event, PROMPT_MS)];
        event.set();
        expect(await Promise.all(waiting)).toEqual([true, true]);
      });

      test('a worker waiting on an unset Event times out with false', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        expect(await pool.submit(waitForEventInWorker, new Event(), ABSENCE_WINDOW_MS)).toBe(false);
      });

      test('clear() in a worker is seen here', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const event = new Event();
        event.set();
        await pool.submit(clearEvent, event);
        expect(event.isSet()).toBe(false);
      });

      // isSet() in another process may be a snapshot (API.md), but a recent one: it must follow
      // a set() here without that process calling the Event.
      test('a worker polling isSet() sees a set() here without waiting on the Event', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const event = new Event();
        const polling = new Semaphore(0);
        const poller = pool.submit(pollIsSet, event, polling);
        expect(await polling.acquire({ timeout: PROMPT_MS })).toBe(true);
        event.set();
        expect(await poller).toBe(true);
      });

      test('a Worker started inside a task polling isSet() sees a set() here', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const event = new Event();
        const polling = new Semaphore(0);
        const seen = new Event();
        const nested = pool.submit(pollIsSetInNestedWorker, event, polling, seen);
        expect(await polling.acquire({ timeout: PROMPT_MS })).toBe(true);
        event.set();
        expect(await seen.wait({ timeout: PROMPT_MS })).toBe(true);
        expect(await nested).toEqual({ exited: true, exitCode: 0 });
      });

      test('b.set(); a.set() here: a worker woken by a sees b set', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const a = new Event();
        const b = new Event();
        const checker = pool.submit(waitThenCheckEarlier, a, b);
        b.set();
        a.set();
        expect(await checker).toEqual({ woke: true, earlierIsSet: true });
      });

      test('an Event passed on from a task to a Worker it starts is set there and wakes a wait here', async () => {
        const pool = pools.open({ maxWorkers: 1 });
        const event = new Event();
        const woke = event.wait({ timeout: PROMPT_MS });
        expect(await pool.submit(setEventFromNestedWorker, event)).toEqual({ exited: true, exitCode: 0 });
        expect(await woke).toBe(true);
      });
    });
  });
}
