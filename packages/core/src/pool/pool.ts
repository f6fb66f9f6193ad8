// The scheduling engine behind WorkerPoolExecutor (and pmap/WorkerPool).
//
//   submit/map ──▶ WorkItem ──▶ queue ──dispatch()──▶ batch {run, tasks[]} ──▶ worker
//                                  ▲                                          │
//      requeue (crash/kill) ───────┘        results [{id, ok, value|error}] ◀─┘
//                                             │
//                                   sink.resolve / sink.reject
//
// Batching: every worker gets up to `capacity` items in flight, sized from a running
// average of item run time so that tiny tasks travel many to a message (throughput) while
// long ones go one at a time (balance), with one more queued behind while the queue is deep
// (read-ahead.ts: recalled if another worker idles); large copied arguments also cap what is
// in flight (MAX_INFLIGHT_BYTES). dispatch() runs once per microtask burst of submits and
// synchronously when results arrive.
import type { TransferListItem } from 'node:worker_threads';
import {
  ExecutorShutdownError,
  WorkerCrashedError,
  ResourceLimitError,
  SLOW_TASK_MS,
  SerializationError,
  StayAwakePolicy,
  deserializeError,
  type Backend,
  type FnRef,
  type FromWorker,
  type ResourceLimits,
  type TaskMessage,
  type TaskResult,
  type ToWorker,
  type WorkerExit,
  nowMs,
} from '@weft/spi';
import { decodeValue } from '../codec/decode.js';
import { attachFailure } from '../executor/task-failure.js';
import { workerEntryUrl, workerBoot } from '../workers/spawn-support.js';
import { registerChild, unregisterChild } from '../workers/children.js';
import { Histogram, type Summary } from './histogram.js';
import { mayReadAhead, recallable, runsOneSlowTask } from './read-ahead.js';
import { WorkItem, type WorkSink } from './work-item.js';
import { WorkerSlot } from './worker-slot.js';

/** Aim for this much work per batch message: enough to amortise a ~50 µs round trip. */
const TARGET_BATCH_MS = 2;
/** Cap on items per batch message, so one worker cannot hoard a burst of tiny tasks. */
const MAX_BATCH = 512;
/** A batch stops growing past this many payload bytes: large arguments go one or few per message, spread over workers. */
const MAX_BATCH_BYTES = 256 * 1024;
/**
 * A worker is sent no more work while this many copied argument bytes are in flight to it (it
 * always gets one item, or `concurrency` of them). Without it a burst of large arguments was
 * all serialized at once: 64 MiB of copies alive for 64 tasks of 1 MiB, which the allocator
 * had to fault in page by page.
 */
const MAX_INFLIGHT_BYTES = 4 * 1024 * 1024;
/**
 * How long a caller awaiting one task may poll for its answer (awaitBriefly): a round trip to a
 * worker on another core that is awake itself fits; past that, the event loop wakes it anyway.
 */
const AWAIT_SPIN_MS = 0.05;
/** Weight of the newest run-time sample in the moving average. */
const EWMA_ALPHA = 0.2;
/** Consecutive workers dying before they were ready (a bad script, a crash at boot), before queued work is failed. */
const MAX_STARTUP_FAILURES = 3;
/**
 * The same for workers killed by SIGKILL or SIGTERM while they started: someone else's doing (an
 * operator, the OOM killer), so a few say little about the pool. Three children killed 100 ms
 * apart, each before it was ready (a start takes ~110 ms here), broke a pool at 3 (npm run chaos).
 */
const MAX_KILLED_STARTS = 10;
/** Settled once, so scheduling a dispatch allocates only its reaction. */
const RESOLVED = Promise.resolve();

export interface PoolConfig {
  readonly backend: Backend;
  readonly name: string;
  readonly maxWorkers: number;
  readonly initializer: FnRef | null;
  readonly initargs: unknown[];
  readonly initHandles: boolean;
  readonly maxTasksPerWorker: number;
  readonly idleTimeout: number;
  readonly resourceLimits: ResourceLimits | undefined;
  /** how long a running task that was aborted may take to stop before its worker is terminated */
  readonly abortGrace: number;
  /** async tasks one worker may run at once */
  readonly concurrency: number;
  /** whether a caller awaiting one task polls for its answer (default: measured, AWAIT_SPIN_MS; tests pass their own) */
  readonly awaitPolicy?: StayAwakePolicy | undefined;
}

/**
 * Counted in tasks: a submit is one, a map/pmap item is one (a chunk counts all its items).
 * queued + running + completed + failed + cancelled = tasks accepted so far.
 */
export interface PoolStats {
  readonly queued: number;
  readonly running: number;
  readonly completed: number;
  readonly failed: number;
  readonly cancelled: number;
  readonly workers: number;
  readonly runTime: Summary;
  readonly waitTime: Summary;
}

export class Pool {
  readonly #config: PoolConfig;
  /** slots before #queueHead are emptied as items leave, so sent arguments are not kept alive */
  readonly #queue: Array<WorkItem | undefined> = [];
  #queueHead = 0;
  readonly #workers = new Set<WorkerSlot>();
  readonly #fnIds = new Map<string, number>();
  #nextItemId = 1;
  #spawned = 0;
  #dispatchScheduled = false;
  /** moving average of run time per function: one slow function must not inherit another's batching */
  readonly #avgMs = new Map<string, number>();
  #startupFailures = 0;
  #killedStarts = 0;
  #broken: Error | undefined;
  /** close() or terminate() was called: no new work, no new workers */
  #closed = false;
  #idleWaiters: Array<() => void> = [];
  #completed = 0;
  #failed = 0;
  #cancelled = 0;
  readonly #runTime = new Histogram();
  readonly #waitTime = new Histogram();
  /** whether awaiting callers poll (made on first use: it loads node:os) */
  #awaitPolicy: StayAwakePolicy | undefined;
  /** the id of the item a caller awaits alone (0: none), and since when: the policy learns how soon its answer came */
  #awaitedId = 0;
  #awaitedSince = 0;

  constructor(config: PoolConfig) {
    this.#config = config;
  }

  get broken(): Error | undefined {
    return this.#broken;
  }

  /** Create and queue an item. `args` are already encoded. */
  enqueue(fnKey: string, fnRef: FnRef, args: unknown[], opts: { chunk: boolean; handles: boolean; transfer?: TransferListItem[] | undefined; flatExtra?: unknown[] | undefined; bytes?: number | undefined }, sink: WorkSink): WorkItem {
    const item = new WorkItem(this.#nextItemId++, fnKey, fnRef, args, opts.chunk, opts.handles, opts.transfer?.length ? opts.transfer : undefined, sink, opts.flatExtra);
    if (opts.bytes) item.bytes = opts.bytes;
    if (this.#broken) {
      item.state = 'done';
      sink.reject(this.#broken);
      return item;
    }
    if (this.#closed) {
      // A lazy map still reading its input when the pool was shut down lands here.
      item.state = 'done';
      sink.reject(new ExecutorShutdownError(`${this.#config.name} was shut down while this work was still being submitted (a map() reading its input after shutdown()); finish consuming map() results before shutting the pool down`));
      return item;
    }
    this.#queue.push(item);
    this.#scheduleDispatch();
    return item;
  }

  /** Take a queued item back (cancel before start). True if it was still queued. */
  unqueue(item: WorkItem): boolean {
    if (item.state !== 'queued') return false;
    const i = this.#queue.indexOf(item, this.#queueHead);
    if (i < 0) return false;
    this.#queue.splice(i, 1);
    item.state = 'done';
    this.#cancelled += item.size;
    this.#notifyIdle();
    return true;
  }

  /**
   * A caller is about to await `item`. When it is the only task in flight here, its worker's
   * transport may take the answer right now, polling for up to AWAIT_SPIN_MS, instead of
   * sleeping until the event loop wakes (a cross-core wake: ~15-50 µs on a small VM). Whether
   * that pays (a core each for caller and worker, and answers that come in time) is measured by
   * a StayAwakePolicy; on one core it never polls.
   */
  awaitBriefly(item: WorkItem): void {
    if (item.state !== 'running' || this.#queueHead !== this.#queue.length) return;
    const slot = this.#slotOf(item);
    if (slot === undefined || slot.inflight.size !== 1 || slot.handle.awaitMessage === undefined) return;
    for (const other of this.#workers) if (other !== slot && other.inflight.size > 0) return;
    const policy = (this.#awaitPolicy ??= this.#config.awaitPolicy ?? new StayAwakePolicy(AWAIT_SPIN_MS));
    if (!policy.enabled) return;
    this.#awaitedId = item.id;
    this.#awaitedSince = nowMs();
    const window = policy.window();
    if (window <= 0) return;
    // The whole window for the first poll; 'ready' may come first (a fresh worker), so keep
    // polling while the item runs and time is left.
    const until = this.#awaitedSince + window;
    for (let left = window; left > 0 && item.state === 'running'; left = until - nowMs()) {
      if (!slot.handle.awaitMessage(left)) break;
    }
  }

  /**
   * The caller gave up on `item`. Queued: dropped. Running: its worker is asked to stop it
   * (taskSignal fires); if it is still running after the grace period, that worker is
   * terminated — at once if no other caller's task runs there, else once those have finished
   * (see #armAbortKill). Its items that had not started are requeued, not failed.
   * With `stop` false a running item is only forgotten (its result dropped).
   */
  abandon(item: WorkItem, stop = true): void {
    if (this.unqueue(item)) return;
    if (item.state !== 'running') return;
    item.abandoned = true;
    const slot = this.#slotOf(item);
    if (slot === undefined || !stop) return;
    item.stopSent = true;
    slot.handle.post({ type: 'abort', id: item.id });
    this.#armAbortKill(slot, item);
  }

  /**
   * After the grace period, if `item` is still in `slot`:
   * - it has not started (other tasks fill the worker's running window): the worker will skip
   *   it when it gets there, so look again after another grace period;
   * - a task of another caller runs beside it: killing the worker would kill that task too and
   *   run it a second time, so retire the worker (no new work; a replacement starts for queued
   *   work) and terminate it once none of those runs any more (#finishDrain);
   * - otherwise terminate the worker now.
   */
  #armAbortKill(slot: WorkerSlot, item: WorkItem): void {
    const timer = setTimeout(() => {
      slot.abortTimers.delete(item.id);
      if (!slot.inflight.has(item.id) || slot.killedFor !== undefined) return;
      if (slot.drainingFor !== undefined) {
        this.#finishDrain(slot); // `item` may have been the last wanted task there
        return;
      }
      const { concurrency } = this.#config;
      if (!slot.mayHaveStarted(item, concurrency)) {
        this.#armAbortKill(slot, item);
        return;
      }
      if (!slot.runsWantedTask(concurrency)) {
        this.#kill(slot, item);
        return;
      }
      slot.drainingFor = item;
      slot.retiring = true;
      if (this.#queueHead < this.#queue.length) this.#dispatch();
    }, this.#config.abortGrace);
    timer.unref?.();
    slot.abortTimers.set(item.id, timer);
  }

  /** A draining worker (see #armAbortKill) made progress: stop it once only abandoned tasks run there. */
  #finishDrain(slot: WorkerSlot): void {
    if (slot.killedFor !== undefined) return;
    if (slot.inflight.size === 0) {
      this.#retire(slot); // the ignored task stopped after all
      return;
    }
    if (!slot.runsWantedTask(this.#config.concurrency)) this.#kill(slot, slot.drainingFor!);
  }

  /** Terminate `slot` because `item` ignored its abort; #onExit requeues what had not started. */
  #kill(slot: WorkerSlot, item: WorkItem): void {
    slot.killedFor = item;
    slot.retiring = true;
    void slot.handle.terminate();
  }

  stats(): PoolStats {
    let running = 0;
    for (const w of this.#workers) for (const item of w.inflight.values()) if (item.state === 'running') running += item.size;
    let queued = 0;
    for (let i = this.#queueHead; i < this.#queue.length; i++) queued += this.#queue[i]!.size;
    return {
      queued,
      running,
      completed: this.#completed,
      failed: this.#failed,
      cancelled: this.#cancelled,
      workers: this.#workers.size,
      runTime: this.#runTime.summary(),
      waitTime: this.#waitTime.summary(),
    };
  }

  /** Drop every queued item, telling each sink it was cancelled. */
  cancelQueued(makeError: () => Error): void {
    const items = this.#queue.splice(this.#queueHead) as WorkItem[];
    this.#queue.length = 0;
    this.#queueHead = 0;
    for (const item of items) {
      item.state = 'done';
      this.#cancelled += item.size;
      item.sink.reject(makeError());
    }
    this.#notifyIdle();
  }

  /** Resolves when nothing is queued or running. */
  whenIdle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    for (const w of this.#workers) w.setBusy(true); // keep the process alive while draining
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Close every worker (gracefully) and resolve when all have exited. */
  async close(): Promise<void> {
    this.#closed = true;
    const exits: Promise<void>[] = [];
    for (const slot of this.#workers) {
      slot.retiring = true;
      slot.setBusy(true);
      exits.push(new Promise((resolve) => slot.handle.onExit(() => resolve())));
      slot.handle.post({ type: 'close' });
    }
    await Promise.all(exits);
  }

  /** Terminate every worker now; in-flight items fail with `makeError()`. */
  async terminate(makeError: () => Error): Promise<void> {
    this.#closed = true;
    this.cancelQueued(makeError);
    const exits: Promise<void>[] = [];
    for (const slot of this.#workers) {
      slot.retiring = true;
      for (const item of slot.inflight.values()) {
        if (item.state !== 'done') {
          item.state = 'done';
          if (item.abandoned) {
            this.#cancelled += item.size;
          } else {
            this.#failed += item.size;
            item.sink.reject(makeError());
          }
        }
        item.abandoned = true;
      }
      exits.push(new Promise((resolve) => slot.handle.onExit(() => resolve())));
      void slot.handle.terminate();
    }
    await Promise.all(exits);
  }

  // ── dispatch ──

  #scheduleDispatch(): void {
    if (this.#dispatchScheduled) return;
    this.#dispatchScheduled = true;
    // A resolved promise, not queueMicrotask: Node wraps each queueMicrotask callback in an
    // AsyncResource (allocated, entered, destroyed), which costs more than the dispatch on
    // the sequential-latency path.
    void RESOLVED.then(this.#runScheduledDispatch);
  }

  readonly #runScheduledDispatch = (): void => {
    this.#dispatchScheduled = false;
    this.#dispatch();
  };

  #batchSize(avg: number | undefined): number {
    if (avg === undefined) return 1;
    return Math.max(1, Math.min(MAX_BATCH, Math.floor(TARGET_BATCH_MS / Math.max(avg, 1e-4))));
  }

  #capacity(slot: WorkerSlot, batch: number, avg: number | undefined): number {
    if (slot.slowInflight > 0 && this.#config.concurrency === 1) return 0;
    // (never below `concurrency` items: async tasks with large arguments still run side by side)
    if (slot.inflightBytes >= MAX_INFLIGHT_BYTES && slot.inflight.size >= this.#config.concurrency) return 0;
    // a fast function: a second batch queued behind the running one
    const prefetch = avg !== undefined && avg < SLOW_TASK_MS ? 2 : 1;
    let cap = Math.max(batch * prefetch, this.#config.concurrency) - slot.inflight.size;
    if (this.#config.maxTasksPerWorker !== Infinity) cap = Math.min(cap, this.#config.maxTasksPerWorker - slot.tasksRun - slot.inflight.size);
    return cap;
  }

  /** `reported`: the worker whose results were just read (it may have started a task sent ahead) */
  #dispatch(reported?: WorkerSlot): void {
    let fed: WorkerSlot[] | undefined;
    while (this.#queueHead < this.#queue.length) {
      const avg = this.#avgMs.get(this.#queue[this.#queueHead]!.fnKey);
      const batch = this.#batchSize(avg);
      let best: WorkerSlot | undefined;
      let bestCap = 0;
      let allBusy = true;
      let idle = 0;
      for (const slot of this.#workers) {
        if (slot.retiring) continue;
        if (slot.inflight.size === 0) {
          allBusy = false;
          idle++;
        }
        const cap = this.#capacity(slot, batch, avg);
        if (cap > 0 && (best === undefined || slot.inflight.size < best.inflight.size)) {
          best = slot;
          bestCap = cap;
        }
      }
      // A fresh worker beats queueing behind a busy one.
      if ((best === undefined || (allBusy && best.inflight.size > 0)) && !this.#closed && this.#liveWorkers() < this.#config.maxWorkers) {
        best = this.#spawn();
        bestCap = this.#capacity(best, batch, avg);
      }
      if (best === undefined || bestCap <= 0) break;
      // While another worker is idle (or could be started), hand out one task at a time, so a
      // burst spreads over the workers instead of queueing behind one slow task in a single batch.
      const otherIdle = idle - (best.inflight.size === 0 ? 1 : 0) > 0 || (!this.#closed && this.#liveWorkers() < this.#config.maxWorkers);
      this.#send(best, otherIdle ? 1 : Math.min(bestCap, batch));
      (fed ??= []).push(best);
    }
    // Workers that have just started a slow task: one more each, queued behind it.
    if (this.#queueHead < this.#queue.length && this.#config.concurrency === 1) {
      if (reported !== undefined) this.#readAhead(reported);
      if (fed !== undefined) for (const slot of fed) if (slot !== reported) this.#readAhead(slot);
    }
    if (this.#queueHead === this.#queue.length) {
      if (this.#queue.length !== 0) this.#queue.length = 0; // a length store is a runtime call even when 0
      this.#queueHead = 0;
    } else if (this.#queueHead > 1024 && this.#queueHead * 2 > this.#queue.length) {
      this.#queue.splice(0, this.#queueHead);
      this.#queueHead = 0;
    }
  }

  #readAhead(slot: WorkerSlot): void {
    // (the slot's own test first: a worker fed fast tasks fails it, and this runs per dispatch)
    if (this.#queueHead === this.#queue.length || !runsOneSlowTask(slot)) return;
    const next = this.#queue[this.#queueHead]!;
    const view = {
      next,
      queued: this.#queue.length - this.#queueHead,
      liveWorkers: this.#liveWorkers(),
      maxWorkers: this.#config.maxWorkers,
      avgMs: this.#avgMs.get(next.fnKey),
      maxInflightBytes: MAX_INFLIGHT_BYTES,
      maxTasksPerWorker: this.#config.maxTasksPerWorker,
    };
    if (mayReadAhead(slot, view)) this.#send(slot, 1);
  }

  /** Nothing is queued: each worker with nothing to do asks another for a task it has not started. */
  #recallForIdle(): void {
    if (this.#closed) return;
    for (const slot of this.#workers) if (slot.inflight.size === 0 && !slot.retiring) this.#recallFor(slot);
  }

  #recallFor(idle: WorkerSlot): void {
    const found = recallable(this.#workers, idle, this.#config.concurrency);
    if (found === undefined) return;
    found.item.recalling = true;
    found.slot.handle.post({ type: 'recall', id: found.item.id });
  }

  /** The worker gave back an item it had not started: queue it first again. */
  #onRecalled(slot: WorkerSlot, id: number): void {
    const item = slot.inflight.get(id);
    if (item === undefined) return;
    this.#leaveSlot(slot, item);
    item.recalling = false;
    if (item.abandoned || item.state === 'done') {
      if (item.state !== 'done') this.#cancelled += item.size;
      item.state = 'done';
    } else {
      item.state = 'queued';
      this.#queue.splice(this.#queueHead, 0, item);
    }
    this.#afterProgress(slot);
  }

  /** `item` is no longer in flight at `slot` (it ended, or was given back) */
  #leaveSlot(slot: WorkerSlot, item: WorkItem): void {
    slot.inflight.delete(item.id);
    slot.inflightBytes -= item.bytes;
    if (item.slow) slot.slowInflight--;
    const timer = slot.abortTimers.get(item.id);
    if (timer !== undefined) {
      clearTimeout(timer);
      slot.abortTimers.delete(item.id);
    }
  }

  #liveWorkers(): number {
    let n = 0;
    for (const w of this.#workers) if (!w.retiring) n++;
    return n;
  }

  #send(slot: WorkerSlot, max: number): void {
    const tasks: TaskMessage[] = [];
    let fns: Array<[number, FnRef]> | undefined;
    let transfer: TransferListItem[] | undefined;
    const now = nowMs();
    let bytes = 0;
    let slow = true;
    while (tasks.length < max && this.#queueHead < this.#queue.length && (tasks.length === 0 || bytes < MAX_BATCH_BYTES)) {
      const item = this.#queue[this.#queueHead]!;
      this.#queue[this.#queueHead++] = undefined;
      if (!item.sent) {
        // started() once per item: a requeued item's future is already running
        if (!item.sink.started()) {
          item.state = 'done';
          this.#cancelled += item.size;
          continue;
        }
        item.sent = true;
        this.#waitTime.recordMany(now - item.enqueuedAt, item.size);
      }
      item.state = 'running';
      item.startedAt = now;
      let fnId = this.#fnIds.get(item.fnKey);
      if (fnId === undefined) this.#fnIds.set(item.fnKey, (fnId = this.#fnIds.size + 1));
      if (!slot.knownFns.has(fnId)) {
        slot.knownFns.add(fnId);
        (fns ??= []).push([fnId, item.fnRef]);
      }
      slot.inflight.set(item.id, item);
      bytes += item.bytes;
      slot.inflightBytes += item.bytes;
      const avg = this.#avgMs.get(item.fnKey);
      item.slow = avg === undefined || avg >= SLOW_TASK_MS; // the same line the transport draws for results
      if (item.slow) slot.slowInflight++;
      else slow = false;
      tasks.push(toMessage(item, fnId));
      if (item.transfer) (transfer ??= []).push(...item.transfer);
    }
    if (tasks.length === 0) return;
    if (slot.idleTimer !== undefined) {
      clearTimeout(slot.idleTimer);
      slot.idleTimer = undefined;
    }
    slot.setBusy(true);
    try {
      slot.handle.post(runMessage(tasks, fns, slow), transfer);
    } catch (error) {
      this.#sendFailed(slot, tasks, fns, error);
    }
  }

  /**
   * The backend could not send a batch: a value it cannot clone got past encoding. The worker
   * received none of it, so take the batch back, send its tasks one at a time, and fail only
   * the ones that cannot go. No future is left waiting and no other task is lost.
   */
  #sendFailed(slot: WorkerSlot, tasks: readonly TaskMessage[], fns: ReadonlyArray<[number, FnRef]> | undefined, error: unknown): void {
    if (fns) for (const [id] of fns) slot.knownFns.delete(id);
    const items = tasks.map((t) => slot.inflight.get(t.id)!);
    for (const item of items) this.#leaveSlot(slot, item);
    if (items.length > 1) {
      for (const item of items) item.state = 'queued';
      this.#queue.splice(this.#queueHead, 0, ...items);
      for (let i = 0; i < items.length; i++) this.#send(slot, 1);
    } else {
      const item = items[0]!;
      item.state = 'done';
      this.#failed += item.size;
      const reason = error instanceof Error ? error.message : String(error);
      item.sink.reject(
        new SerializationError(`a task could not be sent to worker ${slot.name}: ${reason}; its arguments hold something the worker cannot receive. The pool goes on`, { cause: error }),
      );
    }
    queueMicrotask(() => this.#afterProgress(slot));
  }

  // ── workers ──

  #spawn(): WorkerSlot {
    const index = this.#spawned++;
    const name = `${this.#config.name}_${index}`;
    const handle = this.#config.backend.spawn({
      entry: workerEntryUrl(),
      boot: workerBoot(this.#config.backend.name, name),
      resourceLimits: this.#config.resourceLimits,
    });
    const slot = new WorkerSlot(handle, name);
    this.#workers.add(slot);
    registerChild(slot);
    handle.onMessage((m) => this.#onMessage(slot, m));
    handle.onExit((exit) => this.#onExit(slot, exit));
    handle.post({ type: 'init', initializer: this.#config.initializer, initargs: this.#config.initargs, handles: this.#config.initHandles || undefined, concurrency: this.#config.concurrency });
    return slot;
  }

  #onMessage(slot: WorkerSlot, message: FromWorker): void {
    switch (message.type) {
      case 'results':
        this.#onResults(slot, message.results);
        return;
      case 'recalled':
        this.#onRecalled(slot, message.id);
        return;
      case 'ready':
        slot.ready = true;
        this.#startupFailures = 0;
        this.#killedStarts = 0;
        return;
      case 'initFailed':
        this.#breakPool(deserializeError(message.error), slot);
        return;
    }
  }

  #onResults(slot: WorkerSlot, results: TaskResult[]): void {
    for (const r of results) {
      const item = slot.inflight.get(r.id);
      if (item === undefined) continue;
      if (r.id === this.#awaitedId) {
        this.#awaitPolicy!.answered(nowMs() - this.#awaitedSince);
        this.#awaitedId = 0;
      }
      this.#leaveSlot(slot, item);
      slot.tasksRun++;
      // The worker started nothing after the task we aborted (runtime.ts): it may go on now
      // that a kill can no longer be meant for that task.
      if (item.stopSent && slot.killedFor === undefined) slot.handle.post({ type: 'resume' });
      const prev = this.#avgMs.get(item.fnKey);
      this.#avgMs.set(item.fnKey, prev === undefined ? r.ms : prev + EWMA_ALPHA * (r.ms - prev));
      const ran = r.ok || r.index === undefined ? item.size : r.index + 1; // a chunk stops at its first failure
      this.#runTime.recordMany(r.ms / ran, ran);
      if (item.state === 'done') continue; // already failed by terminate()
      item.state = 'done';
      if (item.abandoned) {
        this.#cancelled += item.size;
        continue;
      }
      if (r.ok) {
        this.#completed += item.size;
        if (r.handles) decodeValue(r.value).then((v) => item.sink.resolve(v, r.ms), (e: unknown) => item.sink.reject(e));
        else item.sink.resolve(r.value, r.ms);
      } else {
        this.#completed += ran - 1;
        this.#failed++;
        this.#cancelled += item.size - ran;
        const err = deserializeError(r.error);
        item.sink.reject(attachFailure(err, { workerIdent: slot.ident, workerName: slot.name }), r.index);
      }
    }
    this.#afterProgress(slot);
  }

  #afterProgress(slot: WorkerSlot): void {
    if (slot.drainingFor !== undefined) this.#finishDrain(slot);
    if (slot.inflight.size === 0) {
      if (!slot.retiring && slot.tasksRun >= this.#config.maxTasksPerWorker) this.#retire(slot);
      else if (!slot.retiring) this.#goIdle(slot);
    }
    if (this.#queueHead < this.#queue.length) this.#dispatch(slot);
    if (this.#queueHead === this.#queue.length) this.#recallForIdle();
    this.#notifyIdle();
  }

  #goIdle(slot: WorkerSlot): void {
    slot.setBusy(false);
    if (this.#config.idleTimeout !== Infinity && slot.idleTimer === undefined) {
      slot.idleTimer = setTimeout(() => {
        slot.idleTimer = undefined;
        if (slot.inflight.size === 0) this.#retire(slot);
      }, this.#config.idleTimeout);
      slot.idleTimer.unref?.();
    }
  }

  #retire(slot: WorkerSlot): void {
    slot.retiring = true;
    slot.handle.post({ type: 'close' });
  }

  #onExit(slot: WorkerSlot, exit: WorkerExit): void {
    this.#workers.delete(slot);
    unregisterChild(slot);
    if (slot.idleTimer !== undefined) clearTimeout(slot.idleTimer);
    for (const t of slot.abortTimers.values()) clearTimeout(t);
    const unfinished = [...slot.inflight.values()];
    slot.inflight.clear();
    slot.inflightBytes = 0;
    const requeue: WorkItem[] = [];
    // A worker that never got ready ran nothing: no task caused its exit, all run elsewhere.
    const neverReady = !slot.ready && slot.tasksRun === 0;
    let blamed = neverReady;
    for (const item of unfinished) {
      // The first unfinished item was the one running: it caused the exit (even if its
      // caller had already given up on it). The rest had not started and run elsewhere.
      const culprit = slot.killedFor === undefined && !blamed;
      blamed = true;
      if (item.abandoned) {
        if (item.state !== 'done') this.#cancelled += item.size;
        item.state = 'done';
        continue;
      }
      if (culprit) {
        item.state = 'done';
        this.#failed += item.size;
        item.sink.reject(attachFailure(crashError(slot, exit), { workerIdent: slot.ident, workerName: slot.name }));
      } else {
        item.state = 'queued';
        item.recalling = false;
        requeue.push(item);
      }
    }
    if (requeue.length > 0) {
      this.#queue.splice(this.#queueHead, 0, ...requeue);
    }
    if (neverReady && slot.killedFor === undefined && !slot.retiring) {
      const killed = killedFromOutside(exit);
      const inARow = killed ? ++this.#killedStarts : ++this.#startupFailures;
      if (inARow >= (killed ? MAX_KILLED_STARTS : MAX_STARTUP_FAILURES) && this.#broken === undefined) {
        this.#breakPool(startupError(slot, exit, inARow, killed), undefined);
        return;
      }
    }
    if (this.#queueHead < this.#queue.length) this.#dispatch();
    this.#notifyIdle();
  }

  #breakPool(cause: Error, slot: WorkerSlot | undefined): void {
    const err = new WorkerCrashedError(
      slot !== undefined
        ? `the pool's initializer failed in worker ${slot.name} (${cause.message}); the pool is broken — fix the initializer and create a new pool`
        : `${this.#config.name}: ${cause.message}; the pool is broken`,
      // the last worker's exit, when a crash broke the pool
      cause instanceof WorkerCrashedError ? { exitCode: cause.exitCode, signal: cause.signal, cause } : { cause },
    );
    this.#broken = err;
    void this.terminate(() => err);
  }

  #slotOf(item: WorkItem): WorkerSlot | undefined {
    for (const w of this.#workers) if (w.inflight.has(item.id)) return w;
    return undefined;
  }

  #isIdle(): boolean {
    if (this.#queueHead < this.#queue.length) return false;
    for (const w of this.#workers) if (w.inflight.size > 0) return false;
    return true;
  }

  #notifyIdle(): void {
    if (this.#idleWaiters.length === 0 || !this.#isIdle()) return;
    for (const w of this.#idleWaiters.splice(0)) w();
  }
}

/** `slow`: every task took 1 ms or more last time, or has not run yet (the transport need not compact it) */
function runMessage(tasks: TaskMessage[], fns: Array<[number, FnRef]> | undefined, slow: boolean): ToWorker {
  if (slow) return fns ? { type: 'run', tasks, fns, slow: true } : { type: 'run', tasks, slow: true };
  return fns ? { type: 'run', tasks, fns } : { type: 'run', tasks };
}

/** The wire form of an item: only the fields it needs, so plain tasks stay small to clone. */
function toMessage(item: WorkItem, fn: number): TaskMessage {
  if (!item.chunk && !item.handles) return { id: item.id, fn, args: item.args };
  const m: { -readonly [K in keyof TaskMessage]: TaskMessage[K] } = { id: item.id, fn, args: item.args };
  if (item.chunk) m.chunk = true;
  if (item.handles) m.handles = true;
  if (item.flatExtra !== undefined) {
    m.flat = true;
    if (item.flatExtra.length > 0) m.extra = item.flatExtra;
  }
  return m;
}

/** Why the pool gave up starting workers: the last one's exit, and what to look at. */
function startupError(slot: WorkerSlot, exit: WorkerExit, inARow: number, killed: boolean): Error {
  const how = exitHow(exit);
  const hint = killed ? 'something outside the pool (an operator, the OOM killer) keeps killing them' : 'check what a worker prints on stderr as it starts';
  return new WorkerCrashedError(
    `${inARow} workers in a row exited before they were ready, the last ${slot.name} (ident ${slot.ident}) with ${how}${exit.error ? `: ${exit.error.message}` : ''}; ${hint}, then create a new pool`,
    { exitCode: exit.code, signal: exit.signal, cause: exit.error },
  );
}

/** SIGKILL or SIGTERM while starting: someone else's (the pool's own kills, for an abort or terminate(), are not counted). */
const killedFromOutside = (exit: WorkerExit): boolean => exit.signal === 'SIGKILL' || exit.signal === 'SIGTERM';

const exitHow = (exit: WorkerExit): string => (exit.signal !== null ? `signal ${exit.signal}` : `exit code ${exit.code}`);

function crashError(slot: WorkerSlot, exit: WorkerExit): Error {
  const how = exitHow(exit);
  if (exit.resourceLimit) {
    return new ResourceLimitError(`worker ${slot.name} (ident ${slot.ident}) ran out of memory under its resourceLimits and was stopped (${how}); raise resourceLimits.maxOldGenerationSizeMb or use less memory per task`, { cause: exit.error });
  }
  return new WorkerCrashedError(
    `worker ${slot.name} (ident ${slot.ident}) exited while running a task (${how})${exit.error ? `: ${exit.error.message}` : ''}; the pool replaced it — if the task is at fault, it will crash again`,
    { exitCode: exit.code, signal: exit.signal, cause: exit.error },
  );
}
