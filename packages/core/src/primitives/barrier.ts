import { checkValue, kPrimitive, validateOptions, type BarrierHandle, type FnRef } from '@weft/spi';
import type { EncodedPrimitive } from '../codec/encode.js';
import { resolveFn } from '../functions/fn-ref.js';
import { loadFn } from '../functions/load-fn.js';
import { backend } from '../internal/get-backend.js';
import { adoptOr } from './handle-slot.js';
import { checkWait, rejecting, type WaitOptions } from './wait-options.js';

export interface BarrierOptions {
  /** run once by the last party to arrive, before the others are released */
  readonly action?: () => unknown;
  /** default timeout (ms) of wait() */
  readonly timeout?: number;
}

/** A meeting point for `parties` workers (threading.Barrier). */
export class Barrier {
  readonly #handle: BarrierHandle;
  readonly #action: (() => unknown) | undefined;
  readonly #actionRef: FnRef | undefined;
  readonly #timeout: number | undefined;

  constructor(parties: number, options?: BarrierOptions) {
    const adopted = adoptOr<{ handle: BarrierHandle; actionRef?: FnRef; timeout?: number } | undefined>(() => undefined);
    if (adopted !== undefined) {
      this.#handle = adopted.handle;
      this.#actionRef = adopted.actionRef;
      this.#action = adopted.actionRef === undefined ? undefined : () => loadFn(adopted.actionRef!).then((f) => f());
      this.#timeout = adopted.timeout;
      return;
    }
    checkValue('new Barrier(parties): parties', parties, { type: 'integer', min: 1, max: 2 ** 30 });
    validateOptions('new Barrier()', options, {
      action: { type: 'function', optional: true },
      timeout: { type: 'number', min: 0, optional: true, infinite: true },
    });
    this.#action = options?.action;
    // The action travels with the barrier: by reference if it is a task(), else as source.
    this.#actionRef = options?.action === undefined ? undefined : resolveFn(options.action, 'new Barrier(): options.action').ref;
    this.#timeout = options?.timeout;
    this.#handle = backend().createBarrier(parties);
  }

  /**
   * Wait until `parties` workers are waiting; resolves with this party's arrival index.
   * @throws BrokenBarrierError if the barrier is or becomes broken (reset, abort, a timeout
   * of any party, or a failing action); AbortError when `signal` fires.
   */
  wait(options?: WaitOptions): Promise<number> {
    return rejecting(() => {
      const opts = checkWait('Barrier', 'wait', options);
      return this.#handle.wait({ timeout: opts.timeout ?? this.#timeout, signal: opts.signal }, this.#action);
    });
  }
  reset(): void {
    this.#handle.reset();
  }
  abort(): void {
    this.#handle.abort();
  }
  get parties(): number {
    return this.#handle.parties;
  }
  get nWaiting(): number {
    return this.#handle.nWaiting();
  }
  get broken(): boolean {
    return this.#handle.broken();
  }

  [kPrimitive](): EncodedPrimitive {
    return { cls: 'Barrier', descriptor: this.#handle.describe(), extra: { actionRef: this.#actionRef, timeout: this.#timeout } };
  }
}
