// When a worker should stay awake — spin on its doorbell (threads) or keep its event loop
// turning (processes) — while it waits for an answer it expects at once: the next task after a
// result, a grant after a request. A caller awaiting one task asks the same (core's
// Pool.awaitBriefly: poll the worker's outbox, or let its event loop wake it).
//
// Awake pays when the other side has a core of its own: the answer comes within the window and
// nobody needs a cross-core wake (~40 µs on a small VM). It costs when the two share a core
// (other load on the machine, more workers than cores): the awake one holds the core that the
// answer needs — a process woken by a socket write is even put on the writer's core, on the
// assumption that the writer sleeps next. Which case holds changes with the machine's load, so
// the policy measures it: how long answers take when it stays awake and when it sleeps (a
// moving average of each), and stays awake only while that is clearly faster. Now and then a
// wait tries the other way, so a change of load is noticed. Off on one core
// (os.availableParallelism() honours the affinity mask: `taskset -c 0`).
import { builtin } from './builtin.js';

/**
 * One wait in `explore` goes the way that is not preferred, to keep both averages current:
 * every EXPLORE_MIN-th at first; each try that comes out slower doubles the gap (up to
 * EXPLORE_MAX), since a slow try costs (on a shared core a whole round trip or more); one that
 * comes out faster brings it back.
 */
const EXPLORE_MIN = 8;
const EXPLORE_MAX = 256;
/** weight of a new sample in the moving averages */
const ALPHA = 0.125;
/**
 * answers slower than this (or none: an idle worker) count as this. Long enough that being
 * made to wait a whole scheduler slice (the price of competing for a busy core) shows.
 */
const CAP_MS = 5;
/** awake must beat asleep by this factor to be preferred (it also costs CPU) */
const AWAKE_MUST_BEAT = 0.8;

export class StayAwakePolicy {
  readonly #ms: number;
  #awakeAvg = Number.NaN;
  #asleepAvg = Number.NaN;
  #waits = 0;
  #explore = EXPLORE_MIN;
  /** how the current wait goes: true awake, false asleep, undefined no wait open */
  #awake: boolean | undefined;
  /** the current wait goes the way that is not preferred */
  #exploring = false;

  /** `ms`: the window when awake; `cores` decides whether it is ever used (more than one) */
  constructor(ms: number, cores: number = builtin('node:os').availableParallelism()) {
    this.#ms = cores > 1 ? ms : 0;
  }

  /** a wait starts now: how long to stay awake in it (0: sleep at once) */
  window(): number {
    if (this.#ms === 0) return 0;
    const prefers = this.prefersAwake;
    this.#exploring = ++this.#waits % this.#explore === 0;
    this.#awake = this.#exploring ? !prefers : prefers;
    return this.#awake ? this.#ms : 0;
  }

  /** the answer to the open wait came `afterMs` after it started (Infinity: none came) */
  answered(afterMs: number): void {
    const awake = this.#awake;
    if (awake === undefined) return;
    this.#awake = undefined;
    const sample = Math.min(afterMs, CAP_MS);
    if (this.#exploring) {
      const preferred = awake ? this.#asleepAvg : this.#awakeAvg;
      this.#explore = sample > preferred ? Math.min(this.#explore * 2, EXPLORE_MAX) : EXPLORE_MIN;
    }
    if (awake) this.#awakeAvg = mix(this.#awakeAvg, sample);
    else this.#asleepAvg = mix(this.#asleepAvg, sample);
  }

  /** false when it never stays awake (one core): callers may then skip timing their waits */
  get enabled(): boolean {
    return this.#ms > 0;
  }

  /** true while staying awake is the better way (for tests and diagnostics) */
  get prefersAwake(): boolean {
    if (Number.isNaN(this.#awakeAvg) || Number.isNaN(this.#asleepAvg)) return true; // still learning
    return this.#awakeAvg < this.#asleepAvg * AWAKE_MUST_BEAT;
  }
}

function mix(avg: number, sample: number): number {
  return Number.isNaN(avg) ? sample : avg + ALPHA * (sample - avg);
}
