// Upper bounds on waiting. None of them is how long something is *expected* to take: each only
// turns a hang (a bug) into a clear failure well before the 20 s test timeout.

/** How long a test waits for something that should happen promptly (a wake, a crash report). */
export const PROMPT_MS = 10_000;

/**
 * The observation window of a *negative* check ("this acquire must not succeed while the
 * semaphore is exhausted"). Long enough that a broken primitive would let the waiter through
 * within it (a wake takes ~50 µs), short enough to keep the suite fast. It is never used to
 * order events: correct behaviour does not depend on its length.
 */
export const ABSENCE_WINDOW_MS = 150;

/** How long a child program may take to exit on its own before the test calls it stuck. */
export const PROGRAM_EXIT_MS = 15_000;
