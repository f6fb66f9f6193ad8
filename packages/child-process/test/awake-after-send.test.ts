// A child keeps its event loop turning for a moment after each send to its parent, so the
// answer is read on the next pass instead of waking a process asleep in epoll.
import { describe, expect, test } from 'vitest';
import { AwakeAfterSend } from '../src/tree/awake-after-send.js';

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('awake after send', () => {
  test('with only a timer pending, the loop keeps making passes until the window ends', async () => {
    const awake = new AwakeAfterSend(20);
    awake.sent();
    expect(awake.turning).toBe(true);
    // An idle loop would block in epoll until the timer: one or two passes. A turning one
    // passes through its check phase over and over.
    await timer(10);
    expect(awake.turning).toBe(true);
    expect(awake.turns).toBeGreaterThan(10);
  });

  test('the window ends by itself, no earlier than asked, and a new send opens a new one', async () => {
    const awake = new AwakeAfterSend(2);
    const t0 = performance.now();
    awake.sent();
    while (awake.turning) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(2);
    awake.sent();
    expect(awake.turning).toBe(true);
  });

  test('off (one core, or 0 ms): a send leaves the loop alone', () => {
    const awake = new AwakeAfterSend(0);
    awake.sent();
    expect(awake.turning).toBe(false);
    expect(awake.turns).toBe(0);
  });
});
