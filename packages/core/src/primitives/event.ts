import { kPrimitive, type EventHandle } from '@weft/spi';
import type { EncodedPrimitive } from '../codec/encode.js';
import { backend } from '../internal/get-backend.js';
import { adoptOr } from './handle-slot.js';
import { checkWait, rejecting, type WaitOptions } from './wait-options.js';

/** A flag that workers can wait on (threading.Event). */
export class Event {
  readonly #handle: EventHandle = adoptOr(() => backend().createEvent());

  set(): void {
    this.#handle.set();
  }
  clear(): void {
    this.#handle.clear();
  }
  isSet(): boolean {
    return this.#handle.isSet();
  }
  /**
   * Resolve true once the flag is set, false if `timeout` ms pass first.
   * @throws AbortError (rejects) when `signal` fires.
   */
  wait(options?: WaitOptions): Promise<boolean> {
    return rejecting(() => this.#handle.wait(checkWait('Event', 'wait', options)));
  }
  [kPrimitive](): EncodedPrimitive {
    return { cls: 'Event', descriptor: this.#handle.describe() };
  }
}
