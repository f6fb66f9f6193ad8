// weft's clock: milliseconds from an arbitrary origin, for durations and deadlines only.
// process.hrtime, not performance.now(): the first touch of the `performance` global in a thread
// or process loads all of perf_hooks (nine modules, ~0.65 ms of a worker's start-up); a call
// costs the same (~50 ns on Node 20, 22 and 24).
export function nowMs(): number {
  const t = process.hrtime();
  return t[0] * 1e3 + t[1] / 1e6;
}

/** nowMs()-based deadline of a timeout in ms; Infinity when there is none. */
export function deadlineOf(timeout: number | undefined): number {
  return timeout === undefined || timeout === Infinity ? Infinity : nowMs() + timeout;
}

/** ms left until `deadline` (<= 0 once it has passed). */
export function remainingUntil(deadline: number): number {
  return deadline === Infinity ? Infinity : deadline - nowMs();
}
