import { QueueClosed, SerializationError, checkValue, isWeftError, kPrimitive, type QueueHandle } from '@weft/spi';
import { encodeValue, newEncodeState, type EncodedPrimitive } from '../codec/encode.js';
import { backend } from '../internal/get-backend.js';
import { adoptOr } from './handle-slot.js';
import { checkWait, rejecting, type WaitOptions } from './wait-options.js';

const MAX_QUEUE_SIZE = 2 ** 31 - 1;

/** Check an item can be stored in a shared queue (cloneable, no primitives inside). */
/** `className` and `method` name the call in errors; joined only then (put is a hot path). */
function encodeItem(className: string, method: string, item: unknown): unknown {
  const state = newEncodeState();
  const encoded = encodeValue(item, 'item', state);
  if (state.handles) {
    throw new SerializationError(`${className}.${method}(): the item contains a weft primitive or task function, which cannot be stored in a Queue; pass those to workers as task arguments instead`);
  }
  return encoded;
}

/**
 * A FIFO queue shared by every worker it is passed to (queue.Queue / multiprocessing.Queue).
 * maxsize 0 means unbounded. close() works like Python 3.13's shutdown(): later puts fail
 * with QueueClosed; consumers drain what is left, then get fails with QueueClosed and
 * `for await` ends.
 */
export class Queue<T = unknown> implements AsyncIterable<T> {
  readonly #handle: QueueHandle;
  protected readonly className: string = 'Queue';

  constructor(maxsize = 0) {
    checkValue('new Queue(maxsize): maxsize', maxsize, { type: 'integer', min: 0, max: MAX_QUEUE_SIZE });
    this.#handle = adoptOr(() => backend().createQueue(maxsize));
  }

  /**
   * Add an item, waiting for room in a bounded queue.
   * @throws QueueFull after `timeout` ms without room; QueueClosed once closed; AbortError.
   */
  put(item: T, options?: WaitOptions): Promise<void> {
    return rejecting(() => {
      const opts = checkWait(this.className, 'put', options);
      return this.#handle.put(encodeItem(this.className, 'put', item), opts);
    });
  }
  /** @throws QueueFull when there is no room now; QueueClosed once closed. */
  putNowait(item: T): void {
    this.#handle.putNowait(encodeItem(this.className, 'putNowait', item));
  }
  /**
   * Remove and return the oldest item, waiting for one.
   * @throws QueueEmpty after `timeout` ms with none; QueueClosed when closed and drained; AbortError.
   */
  get(options?: WaitOptions): Promise<T> {
    return rejecting(() => this.#handle.get(checkWait(this.className, 'get', options)) as Promise<T>);
  }
  /** @throws QueueEmpty when there is none now; QueueClosed when closed and drained. */
  getNowait(): T {
    return this.#handle.getNowait() as T;
  }
  qsize(): number {
    return this.#handle.qsize();
  }
  empty(): boolean {
    return this.#handle.qsize() === 0;
  }
  full(): boolean {
    return this.#handle.maxsize > 0 && this.#handle.qsize() >= this.#handle.maxsize;
  }
  get maxsize(): number {
    return this.#handle.maxsize;
  }
  /** Tell join() that one item taken with get() has been processed. */
  taskDone(): void {
    this.#handle.taskDone();
  }
  /** Resolve once every item put has been marked with taskDone() (false on timeout). */
  join(options?: WaitOptions): Promise<boolean> {
    return rejecting(() => this.#handle.join(checkWait(this.className, 'join', options)));
  }
  /** No more puts; getters drain what is left, then get QueueClosed. Idempotent. */
  close(): void {
    this.#handle.close();
  }
  closed(): boolean {
    return this.#handle.closed();
  }

  /** Items until the queue is closed and drained. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      try {
        yield (await this.#handle.get({})) as T;
      } catch (err) {
        if (err instanceof QueueClosed || isWeftError(err, 'ERR_WEFT_QUEUE_CLOSED')) return;
        throw err;
      }
    }
  }

  [kPrimitive](): EncodedPrimitive {
    return { cls: this.className, descriptor: this.#handle.describe() };
  }
}

/** An unbounded FIFO queue (queue.SimpleQueue), with close() and async iteration. */
export class SimpleQueue<T = unknown> extends Queue<T> {
  protected override readonly className: string = 'SimpleQueue';
  constructor() {
    super(0);
  }
}
