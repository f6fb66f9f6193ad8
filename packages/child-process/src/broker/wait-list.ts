// FIFO of waiters. A Set iterates in insertion order and deletes in O(1), which is exactly
// what a fair waiter queue with cancellation (timeout, abort, dead requester) needs.
// (async-mutex's Semaphore queue cannot withdraw a single waiter: withTimeout lets it take
// the unit and give it back a tick later, which would make the owner's synchronous
// locked()/tryAcquire() wrong in between — see the package README.)

export class WaitList<T> {
  readonly #items = new Set<T>();

  get size(): number {
    return this.#items.size;
  }

  add(item: T): void {
    this.#items.add(item);
  }

  delete(item: T): boolean {
    return this.#items.delete(item);
  }

  has(item: T): boolean {
    return this.#items.has(item);
  }

  shift(): T | undefined {
    for (const item of this.#items) {
      this.#items.delete(item);
      return item;
    }
    return undefined;
  }

  /** remove and return every item matching `predicate`, in queue order */
  removeWhere(predicate: (item: T) => boolean): T[] {
    const removed: T[] = [];
    for (const item of this.#items) {
      if (predicate(item)) {
        this.#items.delete(item);
        removed.push(item);
      }
    }
    return removed;
  }

  find(predicate: (item: T) => boolean): T | undefined {
    for (const item of this.#items) if (predicate(item)) return item;
    return undefined;
  }

  /** remove everything, in queue order */
  drain(): T[] {
    const all = [...this.#items];
    this.#items.clear();
    return all;
  }
}
