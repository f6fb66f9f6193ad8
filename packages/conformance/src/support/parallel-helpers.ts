// Small helpers of the parallel-* suites: inputs, reading a log Queue that tasks write to, and
// waiting (with an upper bound) for a condition only polling can observe.
import { QueueEmpty, type Queue } from '@weft/core';
import { PROMPT_MS } from './limits.js';

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** 0, 1, 2, … (endless, or `limit` items), counting how far it was read and when it was closed. */
export function naturals(limit = Infinity): { values: Generator<number>; pulled: () => number; closed: Promise<void> } {
  let pulled = 0;
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  function* gen(): Generator<number> {
    try {
      for (let i = 0; i < limit; i++) {
        pulled++;
        yield i;
      }
    } finally {
      markClosed();
    }
  }
  return { values: gen(), pulled: () => pulled, closed };
}

/** Read `log` until an entry satisfies `until`; all entries read so far (bounded wait). */
export async function takeFromLog(log: Queue<unknown>, until: (entry: unknown) => boolean, what: string): Promise<unknown[]> {
  const entries: unknown[] = [];
  const deadline = performance.now() + PROMPT_MS;
  for (;;) {
    const left = deadline - performance.now();
    if (left <= 0) throw new Error(`${what} did not happen within ${PROMPT_MS} ms (log so far: ${JSON.stringify(entries)})`);
    let entry: unknown;
    try {
      entry = await log.get({ timeout: left });
    } catch (err) {
      if (err instanceof QueueEmpty) throw new Error(`${what} did not happen within ${PROMPT_MS} ms (log so far: ${JSON.stringify(entries)})`);
      throw err;
    }
    entries.push(entry);
    if (until(entry)) return entries;
  }
}

/** Everything in `log` now, without waiting (the test created it, so getNowait is exact). */
export function drainLog(log: Queue<unknown>): unknown[] {
  const out: unknown[] = [];
  for (;;) {
    try {
      out.push(log.getNowait());
    } catch (err) {
      if (err instanceof QueueEmpty) return out;
      throw err;
    }
  }
}

/** Interval between looks at a condition nothing signals (a worker exiting, a count dropping). */
const POLL_MS = 10;

/** Resolve once `condition()` is true; fail naming `what` after `ms`. Polls: for states no event announces. */
export async function eventually(condition: () => boolean, what: string, ms = PROMPT_MS): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
