// The loop inside every worker: take batches from the parent, run tasks in order (or up to
// `concurrency` async ones at once), send results back in as few messages as latency allows.
//
//   parent ──init──▶ load initializer, run it ──▶ ready | initFailed
//   parent ──run───▶ pending[] ──pump()──▶ execute() ──▶ results[] ──flush()──▶ parent
//   parent ──abort─▶ fire that task's taskSignal(); once that task ends, start nothing new
//                    until the parent has its result and says ──resume─▶ (see below)
//   parent ──recall▶ drop a task that has not started ──recalled─▶ parent (it runs elsewhere)
//   parent ──close─▶ exit once nothing runs
import type { TransferListItem } from 'node:worker_threads';
import { CancelledError, serializeError, type FnRef, type TaskMessage, type TaskResult, type ToWorker, type WorkerSide, nowMs } from '@weft/spi';
import { decodeValue } from '../codec/decode.js';
import { loadFn } from '../functions/load-fn.js';
import { execute, type Outcome } from './execute.js';
import { abortTask, finishTask, setCurrentTask, takeAbortedBeforeStart, useAsyncContext } from './task-context.js';

/** Send finished results at least this often while a batch keeps the loop busy. */
const FLUSH_EVERY_MS = 1;

// Why pause after an aborted task: the parent terminates this worker if an aborted task outlives
// its grace period. If the task ends just before that, its result may still be on the way when
// the parent's timer fires; had we started the next task meanwhile, the kill would hit that one
// and the parent would run it again elsewhere. Holding the next task until the parent has the
// result (one round trip, only after an abort) means a kill can only ever hit the aborted task.

/** `onFirstResults` runs once, after the first results are on their way to the parent. */
export function startRuntime(side: WorkerSide, onFirstResults?: () => void): void {
  const refs = new Map<number, FnRef>();
  const fns = new Map<number, Function>();
  const pending: TaskMessage[] = [];
  let head = 0;
  let concurrency = 1;
  let ready = false;
  /** an aborted task ended: start nothing until the parent says 'resume' */
  let paused = false;
  /** async tasks that have started and not ended (at most `concurrency`) */
  const running = new Set<number>();
  /** of those, the ones the parent aborted */
  const aborted = new Set<number>();
  let closing: number | undefined;
  let results: TaskResult[] = [];
  let transfer: TransferListItem[] = [];
  let lastFlush = nowMs();

  /** `at`: a clock reading the caller just made, if it has one (a read costs ~45 ns) */
  const flush = (at: number = nowMs()) => {
    lastFlush = at;
    if (results.length === 0) return;
    const batch = results;
    const list = transfer;
    results = [];
    transfer = [];
    side.post({ type: 'results', results: batch }, list.length > 0 ? list : undefined);
    if (onFirstResults !== undefined) {
      const once = onFirstResults;
      onFirstResults = undefined;
      once();
    }
  };
  const collect = (o: Outcome, id: number) => {
    finishTask(id);
    results.push(o.result);
    if (o.transfer) transfer.push(...o.transfer);
  };
  const maybeExit = () => {
    if (closing !== undefined && running.size === 0 && head === pending.length) {
      flush();
      process.exit(closing);
    }
  };

  const startOne = (task: TaskMessage): Outcome | Promise<Outcome> => {
    if (takeAbortedBeforeStart(task.id)) {
      return { result: { id: task.id, ok: false, error: serializeError(new CancelledError('cancelled before it started')), ms: 0 }, transfer: undefined };
    }
    const fn = fns.get(task.fn);
    if (fn === undefined) {
      const ref = refs.get(task.fn);
      if (ref === undefined) throw new Error(`protocol error: function ${task.fn} was never sent to this worker`);
      return loadFn(ref).then(
        (f) => {
          fns.set(task.fn, f);
          return startOne(task);
        },
        (err: unknown) => ({ result: { id: task.id, ok: false, error: serializeError(err), ms: 0 }, transfer: undefined }),
      );
    }
    if (concurrency > 1) return useAsyncContext().run(task.id, () => execute(task, fn));
    setCurrentTask(task.id);
    return execute(task, fn);
  };

  const pump = () => {
    /** the clock after this pass's last synchronous task (undefined: none ran) */
    let at: number | undefined;
    while (ready && !paused && head < pending.length && running.size < concurrency) {
      const task = pending[head++]!;
      const out = startOne(task);
      if (out instanceof Promise) {
        running.add(task.id);
        flush(); // results so far should not wait behind an async task
        out.then((o) => {
          running.delete(task.id);
          setCurrentTask(undefined);
          collect(o, task.id);
          if (aborted.delete(task.id)) {
            paused = true;
            flush();
            return;
          }
          if (head === pending.length || running.size === 0) flush();
          pump();
          maybeExit();
        });
      } else {
        setCurrentTask(undefined);
        collect(out, task.id);
        at = nowMs();
        if (at - lastFlush >= FLUSH_EVERY_MS) flush(at);
      }
    }
    if (head === pending.length && head !== 0) {
      pending.length = 0;
      head = 0;
    }
    if (running.size === 0 || head === pending.length) flush(at);
  };

  // The parent wants a task back that waits here behind a running one: another worker is idle.
  // Only a task that has not started can go; for any other, no answer.
  const recall = (id: number) => {
    for (let i = head; i < pending.length; i++) {
      if (pending[i]!.id !== id) continue;
      pending.splice(i, 1);
      takeAbortedBeforeStart(id); // an abort sent before the recall no longer concerns us
      side.post({ type: 'recalled', id });
      maybeExit();
      return;
    }
  };

  const init = async (m: Extract<ToWorker, { type: 'init' }>) => {
    concurrency = m.concurrency;
    try {
      if (m.initializer !== null) {
        const fn = await loadFn(m.initializer);
        const args = m.handles ? ((await decodeValue(m.initargs)) as unknown[]) : m.initargs;
        await fn(...args);
      }
    } catch (err) {
      side.post({ type: 'initFailed', error: serializeError(err) });
      return;
    }
    ready = true;
    side.post({ type: 'ready' });
    pump();
  };

  // Idle: nothing queued or running, and not on the way out — the transport may then wait
  // for the next message itself (see WorkerSide.setIdleProbe).
  side.setIdleProbe?.(() => ready && running.size === 0 && head === pending.length && closing === undefined);
  side.onMessage((m: ToWorker) => {
    switch (m.type) {
      case 'run':
        if (m.fns) for (const [id, ref] of m.fns) refs.set(id, ref);
        for (const t of m.tasks) pending.push(t);
        pump();
        return;
      case 'abort':
        if (running.has(m.id)) aborted.add(m.id);
        abortTask(m.id);
        return;
      case 'recall':
        recall(m.id);
        return;
      case 'resume':
        paused = false;
        pump();
        maybeExit();
        return;
      case 'init':
        void init(m);
        return;
      case 'close':
        closing = m.exitCode ?? 0;
        maybeExit();
        return;
    }
  });
}
