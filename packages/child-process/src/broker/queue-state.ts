// Owner-side state of a Queue: the items (already encoded by core), unfinished-task count,
// and the FIFOs of waiting getters, putters and joiners. An item is the owner's as soon as
// put() is answered, so it survives the death of the process that put it.
import { QueueClosed, QueueEmpty, QueueFull } from '@weft/spi';
import type { Address } from '../tree/address.js';
import type { Call } from './call.js';
import { unknownOp, type PrimitiveState } from './state.js';
import { WaitList } from './wait-list.js';

interface Putter {
  readonly call: Call;
  readonly item: unknown;
}

export class QueueState implements PrimitiveState {
  readonly maxsize: number;
  #items: unknown[] = [];
  #head = 0; // items before #head are taken; compacted now and then (O(1) amortized get)
  #unfinished = 0;
  #closed = false;
  readonly #getters = new WaitList<Call>();
  readonly #putters = new WaitList<Putter>();
  readonly #joiners = new WaitList<Call>();
  onChange: (() => void) | undefined = undefined;

  constructor(maxsize: number) {
    this.maxsize = maxsize;
  }

  get size(): number {
    return this.#items.length - this.#head;
  }

  get closed(): boolean {
    return this.#closed;
  }

  putNowait(item: unknown): void {
    if (this.#closed) throw new QueueClosed('Queue.putNowait(): the queue is closed; no more items can be put');
    if (!this.#hasRoom() || this.#putters.size > 0) {
      throw new QueueFull(`Queue.putNowait(): the queue is full (maxsize ${this.maxsize}); use put() to wait for room`);
    }
    this.#append(item);
  }

  put(call: Call, item: unknown): void {
    if (this.#closed) return call.fail(new QueueClosed('Queue.put(): the queue is closed; no more items can be put'));
    if (this.#hasRoom() && this.#putters.size === 0) {
      this.#append(item);
      return call.ok(undefined);
    }
    if (call.tryOnce) return call.fail(queueFull(call));
    const putter: Putter = { call, item };
    this.#putters.add(putter);
    call.arm(() => {
      this.#putters.delete(putter);
      call.fail(queueFull(call));
    });
  }

  /** throws QueueEmpty / QueueClosed; `undefined` is a legal item, hence no sentinel */
  getNowait(): unknown {
    if (this.size === 0) {
      if (this.#closed) throw new QueueClosed('Queue.getNowait(): the queue is closed and drained');
      throw new QueueEmpty('Queue.getNowait(): the queue is empty; use get() to wait for an item');
    }
    return this.#take();
  }

  get(call: Call): void {
    if (this.size > 0) return call.ok(this.#take());
    if (this.#closed) return call.fail(new QueueClosed('Queue.get(): the queue is closed and drained'));
    if (call.tryOnce) return call.fail(queueEmpty(call));
    this.#getters.add(call);
    call.arm(() => {
      this.#getters.delete(call);
      call.fail(queueEmpty(call));
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.onChange?.();
    for (const p of this.#putters.drain()) p.call.fail(new QueueClosed('Queue.put(): the queue was closed while waiting for room'));
    if (this.size === 0) {
      for (const g of this.#getters.drain()) g.fail(new QueueClosed('Queue.get(): the queue was closed and is drained'));
    }
  }

  /** RangeError, as worker_threads (Python raises ValueError): a count, not the queue's state, is wrong */
  taskDone(): void {
    if (this.#unfinished <= 0) {
      throw new RangeError('Queue.taskDone(): called more times than items were put; call it once per item taken with get()');
    }
    if (--this.#unfinished === 0) for (const j of this.#joiners.drain()) j.ok(true);
  }

  join(call: Call): void {
    if (this.#unfinished === 0) return call.ok(true);
    if (call.tryOnce) return call.ok(false);
    this.#joiners.add(call);
    call.arm(() => {
      this.#joiners.delete(call);
      call.ok(false);
    });
  }

  invoke(op: string, args: readonly unknown[], call: Call): void {
    switch (op) {
      case 'put':
        return this.put(call, args[0]);
      case 'get':
        return this.get(call);
      case 'join':
        return this.join(call);
      case 'close':
        this.close();
        return call.ok(undefined);
      case 'taskDone':
        this.taskDone();
        return call.ok(undefined);
      default:
        call.fail(unknownOp('Queue', op));
    }
  }

  cancel(call: Call): void {
    const putter = this.#putters.find((p) => p.call === call);
    const removed = (putter !== undefined && this.#putters.delete(putter)) || this.#getters.delete(call) || this.#joiners.delete(call);
    if (removed) call.aborted();
  }

  /** a dead putter's item was never accepted, so it goes with it; accepted items stay */
  forget(isGone: (address: Address) => boolean): void {
    for (const p of this.#putters.removeWhere((p) => isGone(p.call.from))) p.call.disarm();
    for (const c of this.#getters.removeWhere((c) => isGone(c.from))) c.disarm();
    for (const c of this.#joiners.removeWhere((c) => isGone(c.from))) c.disarm();
  }

  snapshot(): [size: number, closed: boolean] {
    return [this.size, this.#closed];
  }

  #hasRoom(): boolean {
    return this.maxsize <= 0 || this.size < this.maxsize;
  }

  #append(item: unknown): void {
    this.#unfinished++;
    this.onChange?.();
    const getter = this.#getters.shift();
    if (getter !== undefined) return getter.ok(item); // only waits when empty: FIFO holds
    this.#items.push(item);
  }

  #take(): unknown {
    const item = this.#items[this.#head];
    this.#items[this.#head++] = undefined;
    this.onChange?.();
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    // room appeared: admit the first waiting putter
    if (this.#hasRoom()) {
      const putter = this.#putters.shift();
      if (putter !== undefined) {
        this.#append(putter.item);
        putter.call.ok(undefined);
      }
    }
    return item;
  }
}

function queueFull(call: Call): QueueFull {
  return new QueueFull(`Queue.put(): the queue stayed full for ${call.timeout} ms`);
}

function queueEmpty(call: Call): QueueEmpty {
  return new QueueEmpty(`Queue.get(): no item arrived within ${call.timeout} ms`);
}
