// Keep this process's event loop turning for a moment after it sends something that will be
// answered at once: a result (the next task follows) or a broker request (its reply follows).
//
// An event loop with nothing to do sleeps in epoll. With a core each, the answer then has to
// wake a process asleep on an idle core (a cross-core wake, ~40 µs on a small VM); a loop that
// is still turning reads it on its next pass. So for AWAKE_MS after a send, setImmediate keeps
// the loop from blocking — timers, I/O and the user's own callbacks run as usual in between —
// until a message arrives. Whether it pays (not on one core, nor when the parent shares this
// process's core) is measured and decided by @weft/spi's StayAwakePolicy.
import { StayAwakePolicy, nowMs } from '@weft/spi';

/** How long the loop keeps turning after a send (a cross-core round trip fits in it). */
const AWAKE_MS = 0.06;

export class AwakeAfterSend {
  readonly #policy: StayAwakePolicy;
  #sentAt = 0;
  #until = 0;
  #turning = false;
  #turns = 0;

  constructor(policy: StayAwakePolicy = new StayAwakePolicy(AWAKE_MS)) {
    this.#policy = policy;
  }

  /** a send just happened: the policy says whether to wait for the answer awake */
  sent(): void {
    if (!this.#policy.enabled) return; // one core: never awake, so nothing to time
    const now = nowMs();
    this.#sentAt = now;
    const ms = this.#policy.window();
    // asleep: let a window still open run out now, or this wait would be awake after all
    this.#until = ms === 0 ? 0 : now + ms;
    if (ms === 0 || this.#turning) return;
    this.#turning = true;
    this.#turns = 0;
    setImmediate(this.#turn);
  }

  /** a message came from the parent: tell the policy how long it took; an open window ends */
  heard(): void {
    if (!this.#policy.enabled) return;
    this.#policy.answered(nowMs() - this.#sentAt);
    this.#until = 0;
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
    if (nowMs() < this.#until) setImmediate(this.#turn);
    else this.#turning = false;
  };
}
