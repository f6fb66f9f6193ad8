// The pool's record of one live worker: its handle, the items it has in flight (in the
// order sent, which is the order it runs them) and which functions it has loaded.
import type { WorkerHandle } from '@weft/spi';
import type { WorkItem } from './work-item.js';

export class WorkerSlot {
  readonly inflight = new Map<number, WorkItem>();
  readonly knownFns = new Set<number>();
  tasksRun = 0;
  /** no new work: recycling (maxTasksPerWorker), idle exit, or shutdown */
  retiring = false;
  ready = false;
  /** the running item that ignored its abort and got the worker terminated */
  killedFor: WorkItem | undefined;
  /**
   * The running item that ignored its abort while other callers' tasks ran beside it: the
   * worker takes no new work and is terminated once none of those runs any more.
   */
  drainingFor: WorkItem | undefined;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
  abortTimers = new Map<number, ReturnType<typeof setTimeout>>();
  referenced = false;
  /**
   * In-flight items whose function was slow or not yet measured when sent. At most one is
   * queued behind the running one, and only while the pool's queue is deep (Pool.#readAhead).
   */
  slowInflight = 0;
  /** bytes of copied arguments in flight here (WorkItem.bytes) */
  inflightBytes = 0;

  constructor(
    readonly handle: WorkerHandle,
    readonly name: string,
  ) {}

  get ident(): number {
    return this.handle.ident;
  }

  /**
   * Whether `item` may have started. The worker starts its items in the order sent, at most
   * `concurrency` at a time, so only the first `concurrency` in flight can be running.
   */
  mayHaveStarted(item: WorkItem, concurrency: number): boolean {
    return this.#mayBeRunning(concurrency, (other) => other === item);
  }

  /** Whether a task whose caller still wants its result may be running here (see mayHaveStarted). */
  runsWantedTask(concurrency: number): boolean {
    return this.#mayBeRunning(concurrency, (other) => !other.abandoned);
  }

  /** The first item here that has not started: the one after the first `concurrency` in flight, if any. */
  firstUnstarted(concurrency: number): WorkItem | undefined {
    let position = 0;
    for (const item of this.inflight.values()) if (position++ >= concurrency) return item;
    return undefined;
  }

  /** Whether one of the items that may be running (the first `concurrency` in flight) passes `test`. */
  #mayBeRunning(concurrency: number, test: (item: WorkItem) => boolean): boolean {
    let position = 0;
    for (const other of this.inflight.values()) {
      if (position++ >= concurrency) return false;
      if (test(other)) return true;
    }
    return false;
  }

  /** Keep the parent alive only while this worker has work. */
  setBusy(busy: boolean): void {
    if (busy === this.referenced) return;
    this.referenced = busy;
    if (busy) this.handle.ref();
    else this.handle.unref();
  }
}
