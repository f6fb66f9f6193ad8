// Owner-side state of an Event: the flag and the calls waiting for it.
import type { Address } from '../tree/address.js';
import type { Call } from './call.js';
import { unknownOp, type PrimitiveState } from './state.js';
import { WaitList } from './wait-list.js';

export class EventState implements PrimitiveState {
  #flag = false;
  readonly #waiters = new WaitList<Call>();
  onChange: (() => void) | undefined = undefined;

  get isSet(): boolean {
    return this.#flag;
  }

  set(): void {
    this.#flag = true;
    this.onChange?.();
    for (const call of this.#waiters.drain()) call.ok(true);
  }

  clear(): void {
    this.#flag = false;
    this.onChange?.();
  }

  wait(call: Call): void {
    if (this.#flag) return call.ok(true);
    if (call.tryOnce) return call.ok(false);
    this.#waiters.add(call);
    call.arm(() => {
      this.#waiters.delete(call);
      call.ok(false);
    });
  }

  invoke(op: string, _args: readonly unknown[], call: Call): void {
    switch (op) {
      case 'wait':
        return this.wait(call);
      case 'set':
        this.set();
        return call.ok(undefined);
      case 'clear':
        this.clear();
        return call.ok(undefined);
      default:
        call.fail(unknownOp('Event', op));
    }
  }

  cancel(call: Call): void {
    if (this.#waiters.delete(call)) call.aborted();
  }

  forget(isGone: (address: Address) => boolean): void {
    for (const call of this.#waiters.removeWhere((c) => isGone(c.from))) call.disarm();
  }

  snapshot(): boolean {
    return this.#flag;
  }
}
