/** Milliseconds an async action took, with its result. Used only to check lower bounds of timeouts. */
export async function timed<T>(action: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await action();
  return { value, ms: performance.now() - start };
}

// A timeout must not end a wait early. Timers may fire a hair early relative to
// performance.now() (clock granularity), so allow this much slack below the requested time.
export const TIMER_SLACK_MS = 5;
