// Why a Barrier broke, in the words both backends use: a program sees the same
// BrokenBarrierError message whichever backend it lands on.
import { BrokenBarrierError } from './errors.js';

export const BARRIER_BROKEN = {
  /** a wait() that arrives at a barrier already broken */
  already: 'the barrier is broken',
  aborted: 'the barrier was aborted',
  /** told to the others where the backend does not know the timed-out party's timeout */
  partyTimedOut: 'a party timed out waiting for the others, so the barrier is broken',
  signal: 'another party gave up waiting (its AbortSignal fired), so the barrier is broken',
  actionThrew: 'the barrier action threw, so the barrier is broken',
  actionExited: 'the worker running the barrier action exited, so the barrier is broken',
  /** told to the party running the action when someone else broke the barrier meanwhile */
  duringAction: 'the barrier was broken while the action ran',
  reset: 'the barrier was reset while parties waited',
} as const;

export function barrierTimedOut(timeoutMs: number | undefined, parties: number): string {
  return `timed out after ${timeoutMs} ms waiting for ${parties} parties`;
}

/** The error of a wait() that ends because the barrier broke for `why` (a BARRIER_BROKEN text). */
export function brokenBarrierError(why: string, cause?: unknown): BrokenBarrierError {
  return new BrokenBarrierError(`Barrier.wait(): ${why}; call reset() to use it again`, cause === undefined ? undefined : { cause });
}
