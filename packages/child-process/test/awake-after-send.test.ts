// A child keeps its event loop turning for a moment after each send to its parent, so the
// answer is read on the next pass instead of waking a process asleep in epoll.
import { StayAwakePolicy } from '@weft/spi';
import { describe, expect, test } from 'vitest';
import { AwakeAfterSend } from '../src/tree/awake-after-send.js';

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** a policy as on a machine with two cores */
const twoCores = (ms: number) => new StayAwakePolicy(ms, 2);

describe('awake after send', () => {
  test('with only a timer pending, the loop keeps making passes while the window is open', async () => {
    const awake = new AwakeAfterSend(twoCores(20));
    awake.sent();
    expect(awake.turning).toBe(true);
    // An idle loop would block in epoll until the timer: one or two passes. A turning one
    // passes through its check phase over and over.
    await timer(10);
    expect(awake.turning).toBe(true);
    expect(awake.turns).toBeGreaterThan(10);
  });

  test('the window ends by itself, no earlier than asked', async () => {
    const awake = new AwakeAfterSend(twoCores(2));
    const t0 = performance.now();
    awake.sent();
    while (awake.turning) await nextTurn();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(2);
  });

  test('a message from the parent ends the window at once', async () => {
    const awake = new AwakeAfterSend(twoCores(60_000));
    awake.sent();
    awake.heard();
    await nextTurn();
    expect(awake.turning).toBe(false);
  });

  test('when answers come faster asleep, it stops staying awake', async () => {
    const policy = twoCores(1);
    const awake = new AwakeAfterSend(policy);
    // awake waits get slow answers (the window runs out first), asleep ones come at once
    for (let i = 0; i < 40; i++) {
      awake.sent();
      if (awake.turning) {
        while (awake.turning) await nextTurn();
        await timer(2);
      }
      awake.heard();
    }
    expect(policy.prefersAwake).toBe(false);
    awake.sent();
    expect(awake.turning).toBe(false);
  });

  test('off on one core: a send leaves the loop alone', () => {
    const awake = new AwakeAfterSend(new StayAwakePolicy(20, 1));
    awake.sent();
    expect(awake.turning).toBe(false);
    expect(awake.turns).toBe(0);
  });
});

describe('stay-awake policy', () => {
  // answers that take `awakeMs` when it stays awake and `asleepMs` when it sleeps
  const drive = (policy: StayAwakePolicy, waits: number, awakeMs: number, asleepMs: number) => {
    let awakeWaits = 0;
    for (let i = 0; i < waits; i++) {
      const w = policy.window();
      if (w > 0) awakeWaits++;
      policy.answered(w > 0 ? awakeMs : asleepMs);
    }
    return awakeWaits;
  };

  test('stays awake while that is clearly faster, trying to sleep less often each time that is slower', () => {
    const policy = twoCores(0.05);
    const awakeWaits = drive(policy, 80, 0.025, 0.08);
    expect(policy.prefersAwake).toBe(true);
    // asleep at waits 8, 16, 32 and 64: the gap doubles after each slower try
    expect(awakeWaits).toBe(76);
  });

  test('sleeps when answers come as fast or faster asleep, and notices when that changes', () => {
    const policy = twoCores(0.05);
    drive(policy, 80, 0.05, 0.02);
    expect(policy.prefersAwake).toBe(false);
    expect(policy.window()).toBe(0);
    drive(policy, 200, 0.02, 0.08); // the load went away: awake pays again
    expect(policy.prefersAwake).toBe(true);
  });

  test('an idle worker (no answer, or a late one) gives up staying awake', () => {
    const policy = twoCores(0.05);
    drive(policy, 80, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
    expect(policy.prefersAwake).toBe(false);
  });

  test('one core: never awake', () => {
    const policy = new StayAwakePolicy(0.05, 1);
    expect(policy.window()).toBe(0);
  });
});
