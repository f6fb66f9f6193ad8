import { PROMPT_MS } from './limits.js';

/**
 * Re-check an exact synchronous query (e.g. Barrier.nWaiting in the creating thread) on each
 * turn of the event loop, with an upper bound. For the few states no primitive can announce
 * without a gap (a party is *inside* wait()); never a fixed delay.
 */
export async function waitUntil(condition: () => boolean, what: string, ms = PROMPT_MS): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`${what}: not so within ${ms} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
