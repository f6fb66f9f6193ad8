// QueueHandle over a Link: items are already encoded by core. One round trip per put/get
// from another process; an item is the owner's once put() resolves.
import type { QueueHandle, WaitOptions } from '@weft/spi';
import type { QueueDescriptor } from './descriptor.js';
import type { Link } from './link.js';
import { notSynchronousHere } from './not-synchronous.js';
import type { QueueState } from './queue-state.js';

type Snapshot = [size: number, closed: boolean];

export class BrokeredQueue implements QueueHandle {
  readonly maxsize: number;
  readonly #link: Link<QueueState>;

  constructor(link: Link<QueueState>, maxsize: number) {
    this.#link = link;
    this.maxsize = maxsize;
  }

  put(item: unknown, options: WaitOptions): Promise<void> {
    return this.#link.call('put', [item], options, 'Queue.put()') as Promise<void>;
  }

  putNowait(item: unknown): void {
    const state = this.#link.state;
    if (state === null) throw notSynchronousHere('Queue.putNowait()', 'Queue', this.#link.ownerPid, 'await put(item, { timeout: 0 })');
    state.putNowait(item);
  }

  get(options: WaitOptions): Promise<unknown> {
    return this.#link.call('get', [], options, 'Queue.get()');
  }

  getNowait(): unknown {
    const state = this.#link.state;
    if (state === null) throw notSynchronousHere('Queue.getNowait()', 'Queue', this.#link.ownerPid, 'await get({ timeout: 0 })');
    return state.getNowait();
  }

  qsize(): number {
    return this.#link.state?.size ?? (this.#link.snapshot as Snapshot)[0];
  }

  closed(): boolean {
    return this.#link.state?.closed ?? (this.#link.snapshot as Snapshot)[1];
  }

  close(): void {
    this.#link.post('close', [], 'Queue.close()');
    if (this.#link.state === null) this.#link.snapshot = [this.qsize(), true];
  }

  taskDone(): void {
    this.#link.post('taskDone', [], 'Queue.taskDone()');
  }

  join(options: WaitOptions): Promise<boolean> {
    return this.#link.call('join', [], options, 'Queue.join()') as Promise<boolean>;
  }

  describe(): QueueDescriptor {
    this.#link.share();
    return { backend: 'child_process', type: 'queue', owner: this.#link.owner, id: this.#link.id, maxsize: this.maxsize, s: [this.qsize(), this.closed()] };
  }
}
