// Keep this process's event loop turning for a moment after it sends something that will be
// answered at once: a result (the next task follows) or a broker request (its reply follows).
//
// An event loop with nothing to do sleeps in epoll. With a core each, the answer then has to
// wake a process asleep on an idle core (a cross-core wake, ~40 µs on a small VM); a loop that
// is still turning reads it on its next pass. So for AWAKE_MS after each send, setImmediate
// keeps the loop from blocking — timers, I/O and the user's own callbacks run as usual in
// between. On one core (os.availableParallelism() honours the affinity mask) it would only
// hold up the process that has to answer, so it is off there.
import { builtin } from '@weft/spi';

/** How long the loop keeps turning after a send (a cross-core round trip fits in it). */
const AWAKE_MS = 0.06;

export class AwakeAfterSend {
  readonly #ms: number;
  #until = 0;
  #turning = false;
  #turns = 0;

  constructor(ms: number = builtin('node:os').availableParallelism() > 1 ? AWAKE_MS : 0) {
    this.#ms = ms;
  }

  /** a send just happened: keep the loop turning until AWAKE_MS from now */
  sent(): void {
    if (this.#ms === 0) return;
    this.#until = performance.now() + this.#ms;
    if (!this.#turning) {
      this.#turning = true;
      this.#turns = 0;
      setImmediate(this.#turn);
    }
  }

  /** for tests: whether the loop is being kept turning, and how many passes it made so far */
  get turning(): boolean {
    return this.#turning;
  }

  get turns(): number {
    return this.#turns;
  }

  // A ref'd immediate on purpose: an unref'd one does not stop the loop from blocking in epoll.
  readonly #turn = (): void => {
    this.#turns++;
    if (performance.now() < this.#until) setImmediate(this.#turn);
    else this.#turning = false;
  };
}
