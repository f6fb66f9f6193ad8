// EventHandle over a Link: exact in the owner, a snapshot of the flag elsewhere.
import type { EventHandle, WaitOptions } from '@weft/spi';
import type { EventDescriptor } from './descriptor.js';
import type { EventState } from './event-state.js';
import type { Link } from './link.js';

export class BrokeredEvent implements EventHandle {
  readonly #link: Link<EventState>;

  constructor(link: Link<EventState>) {
    this.#link = link;
  }

  set(): void {
    this.#link.post('set', [], 'Event.set()');
    this.#link.snapshot = true;
  }

  clear(): void {
    this.#link.post('clear', [], 'Event.clear()');
    this.#link.snapshot = false;
  }

  isSet(): boolean {
    return this.#link.state?.isSet ?? (this.#link.snapshot as boolean);
  }

  wait(options: WaitOptions): Promise<boolean> {
    return this.#link.call('wait', [], options, 'Event.wait()') as Promise<boolean>;
  }

  describe(): EventDescriptor {
    this.#link.share();
    return { backend: 'child_process', type: 'event', owner: this.#link.owner, id: this.#link.id, s: this.isSet() };
  }
}
