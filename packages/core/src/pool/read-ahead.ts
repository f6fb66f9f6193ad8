// One task sent ahead to a worker busy with a slow one, and taken back if another worker idles.
//
// A worker that runs slow tasks (1 ms or more) one at a time waits a round trip between two of
// them: its result goes to the parent, which sends the next task. With every core busy that
// round trip takes ~1 ms between processes and ~0.3-0.6 ms between threads on a small VM (the
// parent must be scheduled on a busy core twice), so 2-8 ms tasks ran 2-5% slower than in pools
// that queue tasks in their workers. So a worker whose running task has just started gets the
// next one queued behind it, which it starts the moment it is done.
//
// What that could cost, and what keeps it small:
// - Balance: the queued task waits for the running one, while another worker may run out of
//   work. So a task is sent ahead only while the pool's queue holds at least one more task for
//   every other worker, and only of a function whose run time is measured.
// - Waiting on each other: a running task may await something (an Event, a Queue) that a task
//   queued behind it would provide. So a worker that runs out of work while nothing is queued
//   asks another for the first task it has not started ('recall'); the busy worker's event loop
//   is free while its task awaits, so it answers, and the task runs on the idle worker. The same
//   holds for a batch of fast tasks queued behind one that awaits. (A task that blocks its event
//   loop cannot await another task, so for it a recall can only come too late, and goes
//   unanswered: the task is then started where it is.)
// - Cancelling: like any task handed to a worker, it counts as running, so cancel() returns
//   false for it, as for the one extra task per worker that Python's ProcessPoolExecutor queues.
import type { WorkItem } from './work-item.js';
import type { WorkerSlot } from './worker-slot.js';

export interface ReadAheadView {
  /** the next queued item */
  readonly next: WorkItem;
  /** items in the queue, `next` included */
  readonly queued: number;
  readonly liveWorkers: number;
  readonly maxWorkers: number;
  /** the moving average of the next item's function's run time, if measured */
  readonly avgMs: number | undefined;
  readonly maxInflightBytes: number;
  readonly maxTasksPerWorker: number;
}

/** Whether `slot` runs one slow task and has nothing queued behind it (and takes new work). */
export function runsOneSlowTask(slot: WorkerSlot): boolean {
  return !slot.retiring && slot.inflight.size === 1 && slot.slowInflight === 1;
}

/**
 * Whether `slot`, which has just started a slow task (runsOneSlowTask: the caller tests that
 * first, before it builds `view`), may have `view.next` queued behind it.
 */
export function mayReadAhead(slot: WorkerSlot, view: ReadAheadView): boolean {
  if (view.avgMs === undefined) return false; // never run: it could take any time
  if (view.next.transfer !== undefined) return false; // a recall could not give moved buffers back
  if (view.liveWorkers < view.maxWorkers) return false; // a fresh worker will take it
  if (view.queued < view.liveWorkers) return false; // each other worker still finds one queued
  if (slot.inflightBytes >= view.maxInflightBytes) return false;
  return slot.tasksRun + slot.inflight.size < view.maxTasksPerWorker;
}

/**
 * The first task that has not started at a worker other than `idle`, if it may be asked back:
 * one sent ahead, or one of a batch queued behind a task that awaits something
 * (WorkerSlot.firstUnstarted). A worker already asked for one is left alone until it answers (or
 * the task ends there).
 */
export function recallable(workers: Iterable<WorkerSlot>, idle: WorkerSlot, concurrency: number): { slot: WorkerSlot; item: WorkItem } | undefined {
  for (const slot of workers) {
    if (slot === idle || slot.killedFor !== undefined) continue;
    const item = slot.firstUnstarted(concurrency);
    if (item !== undefined && !item.recalling && !item.abandoned && item.transfer === undefined) return { slot, item };
  }
  return undefined;
}
