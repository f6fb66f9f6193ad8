// Owner-side state of a Barrier. When the last party arrives and has an action, the owner
// answers it "you are last: run the action, then confirm"; the others are released (or the
// barrier broken) only when that confirmation comes back. One generation at a time: parties
// arriving while an action runs wait for the next generation.
import { BARRIER_BROKEN, barrierTimedOut, brokenBarrierError } from '@weft/spi';
import type { Address } from '../tree/address.js';
import type { Call } from './call.js';
import { unknownOp, type PrimitiveState } from './state.js';
import { WaitList } from './wait-list.js';

/** what a wait resolves with on the wire: the arrival index, and whether to run the action */
export interface BarrierArrival {
  readonly i: number;
  readonly run?: true;
}

interface Arrival {
  readonly call: Call;
  readonly index: number;
}

export class BarrierState implements PrimitiveState {
  readonly parties: number;
  #broken = false;
  readonly #arrived = new WaitList<Arrival>();
  /** the last party while it runs the action */
  #actionBy: Address | null = null;
  /** arrivals held back while an action runs, with their hasAction flags */
  readonly #nextGeneration = new WaitList<{ call: Call; hasAction: boolean }>();
  onChange: (() => void) | undefined = undefined;

  constructor(parties: number) {
    this.parties = parties;
  }

  get nWaiting(): number {
    return this.#arrived.size;
  }

  get broken(): boolean {
    return this.#broken;
  }

  wait(call: Call, hasAction: boolean): void {
    if (this.#broken) return call.fail(brokenBarrierError(BARRIER_BROKEN.already));
    if (this.#actionBy !== null) {
      this.#nextGeneration.add({ call, hasAction });
      return;
    }
    const index = this.#arrived.size;
    if (index + 1 === this.parties) {
      if (hasAction) {
        this.#actionBy = call.from;
        return call.ok({ i: index, run: true } satisfies BarrierArrival);
      }
      this.#release();
      return call.ok({ i: index } satisfies BarrierArrival);
    }
    const arrival: Arrival = { call, index };
    this.#arrived.add(arrival);
    this.onChange?.();
    // a wait that times out breaks the barrier (as Python's), for everyone
    call.arm(() => this.#break(barrierTimedOut(call.timeout, this.parties)));
  }

  /** the last party ran the action: `ok` false means it threw */
  confirm(call: Call, ok: boolean): void {
    if (this.#actionBy !== call.from || this.#broken) {
      if (this.#actionBy === call.from) this.#actionBy = null;
      call.fail(brokenBarrierError(BARRIER_BROKEN.duringAction));
      return this.#admitNextGeneration();
    }
    this.#actionBy = null;
    if (ok) {
      this.#release();
      call.ok(undefined);
    } else {
      this.#break(BARRIER_BROKEN.actionThrew);
      call.ok(undefined); // the action's own error is the last party's to report
    }
    this.#admitNextGeneration();
  }

  reset(): void {
    if (this.#arrived.size > 0 || this.#actionBy !== null) this.#break(BARRIER_BROKEN.reset);
    this.#broken = false;
    this.#actionBy = null;
    this.onChange?.();
    this.#admitNextGeneration();
  }

  abort(): void {
    this.#break(BARRIER_BROKEN.aborted);
  }

  invoke(op: string, args: readonly unknown[], call: Call): void {
    switch (op) {
      case 'wait':
        return this.wait(call, args[0] === true);
      case 'confirm':
        return this.confirm(call, args[0] === true);
      case 'reset':
        this.reset();
        return call.ok(undefined);
      case 'abort':
        this.abort();
        return call.ok(undefined);
      default:
        call.fail(unknownOp('Barrier', op));
    }
  }

  /** an aborted wait breaks the barrier for the others too (as a timeout does) */
  cancel(call: Call): void {
    const arrival = this.#arrived.find((a) => a.call === call);
    if (arrival !== undefined) {
      this.#arrived.delete(arrival);
      call.aborted();
      this.#break(BARRIER_BROKEN.signal);
      return;
    }
    const held = this.#nextGeneration.find((h) => h.call === call);
    if (held !== undefined) {
      this.#nextGeneration.delete(held);
      call.aborted();
    }
  }

  /**
   * A party that arrived and then died still counts as arrived. Only the death of the party
   * running the action matters: nobody would ever confirm, so the barrier breaks.
   */
  forget(isGone: (address: Address) => boolean): void {
    for (const h of this.#nextGeneration.removeWhere((h) => isGone(h.call.from))) h.call.disarm();
    if (this.#actionBy !== null && isGone(this.#actionBy)) {
      this.#actionBy = null;
      this.#break(BARRIER_BROKEN.actionExited);
      this.#admitNextGeneration();
    }
  }

  snapshot(): [nWaiting: number, broken: boolean] {
    return [this.nWaiting, this.#broken];
  }

  #release(): void {
    this.onChange?.();
    for (const a of this.#arrived.drain()) a.call.ok({ i: a.index } satisfies BarrierArrival);
  }

  /** `why`: a BARRIER_BROKEN text, what every party still waiting is told */
  #break(why: string): void {
    this.#broken = true;
    this.onChange?.();
    for (const a of this.#arrived.drain()) a.call.fail(brokenBarrierError(why));
    for (const h of this.#nextGeneration.drain()) h.call.fail(brokenBarrierError(why));
  }

  #admitNextGeneration(): void {
    // wait() holds them back again if one of them starts a new action
    for (const h of this.#nextGeneration.drain()) this.wait(h.call, h.hasAction);
  }
}
