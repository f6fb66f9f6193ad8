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
  idleTimer: ReturnType<typeof setTimeout> | undefined;
  abortTimers = new Map<number, ReturnType<typeof setTimeout>>();
  referenced = false;
  /**
   * In-flight items whose function was slow or not yet measured when sent. Nothing is queued
   * behind them: it could wait behind a long (or blocked) task while another worker idles.
   */
  slowInflight = 0;

  constructor(
    readonly handle: WorkerHandle,
    readonly name: string,
  ) {}

  get ident(): number {
    return this.handle.ident;
  }

  /** Keep the parent alive only while this worker has work. */
  setBusy(busy: boolean): void {
    if (busy === this.referenced) return;
    this.referenced = busy;
    if (busy) this.handle.ref();
    else this.handle.unref();
  }
}
