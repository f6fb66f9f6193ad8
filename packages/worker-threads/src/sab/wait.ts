// The one place a primitive goes to sleep: Atomics.waitAsync (never Atomics.wait, so no
// event loop blocks), bounded by a timeout and cut short by an AbortSignal.
//
// Every primitive re-checks its state after each wake, so a spurious wake is harmless; a
// lost wake is not. An aborted sleeper's waitAsync cannot be cancelled, and it may already
// have absorbed a notify meant for a real waiter, so on abort we wake *every* sleeper on that
// word: that purges our stale registration and passes any absorbed wake on.

export type WaitOutcome = 'ok' | 'not-equal' | 'timed-out' | 'aborted';

/** Wake every sleeper on a word: used when giving up after an abort (see above). */
export function wakeAll(i32: Int32Array, index: number): void {
  Atomics.notify(i32, index);
}

/**
 * Sleep while `i32[index] === expected`, at most `timeoutMs`, or until `signal` aborts.
 * The caller re-checks its state whatever this returns.
 */
export function sleepOn(
  i32: Int32Array,
  index: number,
  expected: number,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): WaitOutcome | Promise<WaitOutcome> {
  const r = Atomics.waitAsync(i32, index, expected, timeoutMs);
  if (!r.async) return r.value;
  if (signal === undefined) return r.value;
  return new Promise<WaitOutcome>((resolve) => {
    const onAbort = (): void => {
      wakeAll(i32, index);
      resolve('aborted');
    };
    signal.addEventListener('abort', onAbort, { once: true });
    void r.value.then((outcome) => {
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    });
  });
}
