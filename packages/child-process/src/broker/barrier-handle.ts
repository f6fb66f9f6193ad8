// BarrierHandle over a Link. The owner tells the last arriving party whether to run the
// action; that party runs it here, then confirms, and only then are the others released.
import { BARRIER_BROKEN, brokenBarrierError, type BarrierHandle, type WaitOptions } from '@weft/spi';
import type { BarrierArrival, BarrierState } from './barrier-state.js';
import type { BarrierDescriptor } from './descriptor.js';
import type { Link } from './link.js';

type Snapshot = [nWaiting: number, broken: boolean];

export class BrokeredBarrier implements BarrierHandle {
  readonly parties: number;
  readonly #link: Link<BarrierState>;

  constructor(link: Link<BarrierState>, parties: number) {
    this.#link = link;
    this.parties = parties;
  }

  async wait(options: WaitOptions, action?: () => unknown): Promise<number> {
    const arrival = (await this.#link.call('wait', [action !== undefined], options, 'Barrier.wait()')) as BarrierArrival;
    if (arrival.run !== true || action === undefined) return arrival.i;
    let failure: { error: unknown } | undefined;
    try {
      await action();
    } catch (error) {
      failure = { error };
    }
    await this.#link.call('confirm', [failure === undefined], {}, 'Barrier.wait()');
    if (failure !== undefined) throw brokenBarrierError(BARRIER_BROKEN.actionThrew, failure.error);
    return arrival.i;
  }

  reset(): void {
    this.#link.post('reset', [], 'Barrier.reset()');
    this.#link.snapshot = [0, false];
  }

  abort(): void {
    this.#link.post('abort', [], 'Barrier.abort()');
    this.#link.snapshot = [0, true];
  }

  nWaiting(): number {
    return this.#link.state?.nWaiting ?? (this.#link.snapshot as Snapshot)[0];
  }

  broken(): boolean {
    return this.#link.state?.broken ?? (this.#link.snapshot as Snapshot)[1];
  }

  describe(): BarrierDescriptor {
    this.#link.share();
    return {
      backend: 'child_process',
      type: 'barrier',
      owner: this.#link.owner,
      id: this.#link.id,
      parties: this.parties,
      s: [this.nWaiting(), this.broken()],
    };
  }
}
