// Barrier: one shared word = generation << 16 | arrivals, why it broke (0 while whole), the
// last generation that tripped normally, and which thread runs the action.
//
//   party k (not last): CAS arrivals k→k+1 (index k) ─▶ sleep on the word until its
//                       generation changes ─▶ index if that generation tripped, else broken
//   last party:         CAS arrivals →parties ("draining": newcomers wait) ─▶ actionBy = me,
//                       run action ─▶ trippedGen = g; word = (g+1) << 16 ─▶ notify all
//
// reset() bumps the generation without marking it tripped (so current waiters get
// BrokenBarrierError); during draining it leaves the trip to empty the barrier, as Python's.
// A thread that dies while it runs the action would leave the barrier draining for ever: the
// thread that spawned it ends that generation, broken (releaseHeldBy), as the child_process
// broker does for a process.
import {
  BARRIER_BROKEN,
  abortErrorFor,
  barrierTimedOut,
  brokenBarrierError,
  deadlineOf,
  holdProcessAlive,
  remainingUntil,
  type BarrierHandle,
  type BrokenBarrierError,
  type WaitOptions,
} from '@weft/spi';
import { trackForDeadHolders, type ReleasesDeadHolders } from '../dead-holder-registry.js';
import { kSelfHolderId } from '../ident.js';
import { kBackendName, type BarrierDescriptor } from './descriptors.js';
import {
  kBarrierActionByField,
  kBarrierActionGenField,
  kBarrierBrokenAborted,
  kBarrierBrokenActionExited,
  kBarrierBrokenActionThrew,
  kBarrierBrokenField,
  kBarrierBrokenSignal,
  kBarrierBrokenTimedOut,
  kBarrierCountMask,
  kBarrierFieldCount,
  kBarrierGenMask,
  kBarrierGenShift,
  kBarrierMaxParties,
  kBarrierStateField,
  kBarrierTrippedGenField,
  newInt32Block,
} from './layout.js';
import { sleepOn } from './wait.js';

function genOf(word: number): number {
  return (word >>> kBarrierGenShift) & kBarrierGenMask;
}
function arrivalsOf(word: number): number {
  return word & kBarrierCountMask;
}
function firstWordOf(gen: number): number {
  return ((gen + 1) & kBarrierGenMask) << kBarrierGenShift;
}

/** What the parties that did not break the barrier are told, by the reason in its shared word. */
const BROKEN_BECAUSE: Record<number, string> = {
  [kBarrierBrokenAborted]: BARRIER_BROKEN.aborted,
  [kBarrierBrokenTimedOut]: BARRIER_BROKEN.partyTimedOut,
  [kBarrierBrokenSignal]: BARRIER_BROKEN.signal,
  [kBarrierBrokenActionThrew]: BARRIER_BROKEN.actionThrew,
  [kBarrierBrokenActionExited]: BARRIER_BROKEN.actionExited,
};

export class SabBarrier implements BarrierHandle, ReleasesDeadHolders {
  readonly parties: number;
  readonly #i32: Int32Array;

  private constructor(i32: Int32Array, parties: number) {
    this.#i32 = i32;
    this.parties = parties;
    trackForDeadHolders(this);
  }

  static create(parties: number): SabBarrier {
    if (!Number.isInteger(parties) || parties < 1 || parties > kBarrierMaxParties) {
      throw new RangeError(`createBarrier(): parties must be an integer from 1 to ${kBarrierMaxParties}, got ${parties}`);
    }
    const i32 = newInt32Block(kBarrierFieldCount);
    i32[kBarrierTrippedGenField] = -1;
    i32[kBarrierActionGenField] = -1;
    return new SabBarrier(i32, parties);
  }

  static revive(descriptor: BarrierDescriptor): SabBarrier {
    return new SabBarrier(new Int32Array(descriptor.buffer), descriptor.parties);
  }

  describe(): BarrierDescriptor {
    return { backend: kBackendName, type: 'barrier', parties: this.parties, buffer: this.#i32.buffer as SharedArrayBuffer };
  }

  wait(options: WaitOptions, action?: () => unknown): Promise<number> {
    const signal = options.signal;
    if (signal !== undefined && signal.aborted) return Promise.reject(abortErrorFor(signal, 'Barrier.wait()'));
    return this.#wait(options.timeout, signal, action);
  }

  async #wait(timeout: number | undefined, signal: AbortSignal | undefined, action: (() => unknown) | undefined): Promise<number> {
    const i32 = this.#i32;
    const deadline = deadlineOf(timeout);
    const releaseKeepAlive = holdProcessAlive();
    try {
      // Arrive (waiting first while a previous generation drains).
      let word = Atomics.load(i32, kBarrierStateField);
      for (;;) {
        if (this.broken()) throw brokenBarrierError(BARRIER_BROKEN.already);
        if (arrivalsOf(word) < this.parties) {
          const prev = Atomics.compareExchange(i32, kBarrierStateField, word, word + 1);
          if (prev === word) break;
          word = prev;
          continue;
        }
        await this.#sleepOrBreak(word, deadline, timeout, signal);
        word = Atomics.load(i32, kBarrierStateField);
      }
      const gen = genOf(word);
      const index = arrivalsOf(word);
      if (index === this.parties - 1) return await this.#trip(gen, index, action);
      // Wait for this generation to end.
      for (;;) {
        const now = Atomics.load(i32, kBarrierStateField);
        if (genOf(now) !== gen) {
          if (Atomics.load(i32, kBarrierTrippedGenField) === gen) return index;
          throw brokenBarrierError(this.broken() ? this.#why() : BARRIER_BROKEN.reset);
        }
        if (this.broken()) throw brokenBarrierError(this.#why());
        await this.#sleepOrBreak(now, deadline, timeout, signal);
      }
    } finally {
      releaseKeepAlive();
    }
  }

  /** Sleep on the word; a timeout or an abort breaks the barrier (as Python's) and throws. */
  async #sleepOrBreak(word: number, deadline: number, timeout: number | undefined, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) {
      this.#break(kBarrierBrokenSignal);
      throw abortErrorFor(signal, 'Barrier.wait()');
    }
    const left = remainingUntil(deadline);
    if (left <= 0) {
      this.#break(kBarrierBrokenTimedOut);
      throw brokenBarrierError(barrierTimedOut(timeout, this.parties));
    }
    if ((await sleepOn(this.#i32, kBarrierStateField, word, left, signal)) === 'aborted') {
      this.#break(kBarrierBrokenSignal);
      throw abortErrorFor(signal as AbortSignal, 'Barrier.wait()');
    }
  }

  /** The last party: run the action, then end the generation and release everyone. */
  async #trip(gen: number, index: number, action: (() => unknown) | undefined): Promise<number> {
    const i32 = this.#i32;
    let failure: BrokenBarrierError | undefined;
    if (action !== undefined) {
      // Who, then which generation: see releaseHeldBy.
      Atomics.store(i32, kBarrierActionByField, kSelfHolderId);
      Atomics.store(i32, kBarrierActionGenField, gen);
      try {
        const result = action();
        if (typeof (result as PromiseLike<unknown> | null)?.then === 'function') await result;
      } catch (err) {
        this.#break(kBarrierBrokenActionThrew);
        failure = brokenBarrierError(BARRIER_BROKEN.actionThrew, err);
      }
    }
    // While draining nobody else moves the word (reset() leaves it to us), so plain stores do.
    if (failure === undefined && !this.broken()) Atomics.store(i32, kBarrierTrippedGenField, gen);
    else failure ??= brokenBarrierError(BARRIER_BROKEN.duringAction);
    Atomics.store(i32, kBarrierStateField, firstWordOf(gen));
    Atomics.notify(i32, kBarrierStateField);
    // only now: a thread stopped before the generation ended must still be seen as its runner
    if (action !== undefined) Atomics.compareExchange(i32, kBarrierActionByField, kSelfHolderId, 0);
    if (failure !== undefined) throw failure;
    return index;
  }

  reset(): void {
    const i32 = this.#i32;
    let word = Atomics.load(i32, kBarrierStateField);
    while (arrivalsOf(word) < this.parties) {
      const prev = Atomics.compareExchange(i32, kBarrierStateField, word, firstWordOf(genOf(word)));
      if (prev === word) break;
      word = prev;
    }
    Atomics.store(i32, kBarrierBrokenField, 0);
    Atomics.notify(i32, kBarrierStateField);
  }

  abort(): void {
    this.#break(kBarrierBrokenAborted);
  }

  /** A dead thread was running the action: end its generation, broken, so the others go. */
  releaseHeldBy(holderId: number): void {
    const i32 = this.#i32;
    if (Atomics.compareExchange(i32, kBarrierActionByField, holderId, 0) !== holderId) return;
    const word = Atomics.load(i32, kBarrierStateField);
    // It died after its generation had ended (the record was not yet cleared): nothing drains,
    // or the generation draining is the next one, whose last party has not yet recorded itself.
    // That party stores its id before its generation, so the id just taken back means the
    // generation field is still the dead thread's.
    if (arrivalsOf(word) < this.parties || genOf(word) !== Atomics.load(i32, kBarrierActionGenField)) return;
    this.#break(kBarrierBrokenActionExited);
    // still draining, and only its runner ends a draining generation: nobody else moves the word
    Atomics.store(i32, kBarrierStateField, firstWordOf(genOf(word)));
    Atomics.notify(i32, kBarrierStateField);
  }

  /** Broken for `reason`, unless it already was (the first reason is the one reported). */
  #break(reason: number): void {
    Atomics.compareExchange(this.#i32, kBarrierBrokenField, 0, reason);
    Atomics.notify(this.#i32, kBarrierStateField);
  }

  #why(): string {
    return BROKEN_BECAUSE[Atomics.load(this.#i32, kBarrierBrokenField)] ?? BARRIER_BROKEN.already;
  }

  nWaiting(): number {
    if (this.broken()) return 0;
    const arrivals = arrivalsOf(Atomics.load(this.#i32, kBarrierStateField));
    return arrivals >= this.parties ? 0 : arrivals;
  }

  broken(): boolean {
    return Atomics.load(this.#i32, kBarrierBrokenField) !== 0;
  }
}
